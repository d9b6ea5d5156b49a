"""palaute rollup: count the days marked since the last round; --rebuild recounts every
figure (or those of a period) from the raw feedback, responses and answers."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from palaute.reports import rollup


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value!r}") from error


class Command(BaseCommand):
    help = "Roll up the report figures of changed days, or rebuild them from the raw rows."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="Recount from the raw rows.")
        parser.add_argument("--from", dest="start", type=_date, help="First day (YYYY-MM-DD).")
        parser.add_argument("--to", dest="end", type=_date, help="Last day (YYYY-MM-DD).")

    def handle(self, *args, rebuild: bool, start, end, **options) -> None:
        if not rebuild:
            if start or end:
                raise CommandError("--from and --to go with --rebuild.")
            days = rollup.refresh()
            self.stdout.write(f"Rolled up {days} day(s).")
            return
        if start and end and start > end:
            raise CommandError("--from is after --to.")
        rollup.rebuild(start=start, end=end)
        self.stdout.write("Rebuilt the report figures.")
