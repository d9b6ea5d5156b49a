"""Run the scheduler (Celery beat): it puts the periodic tasks (message retries, deadlines,
digests, retention, report figures) on the queue for the workers. Exactly one runs for the
whole installation, or each task is queued as many times as there are schedulers."""

from pathlib import Path

from django.core.management.base import BaseCommand

from palaute import servers


class Command(BaseCommand):
    # Checked on deploy (`palaute migrate`, `palaute check --deploy`), not at each start.
    requires_system_checks = []
    help = "Run the periodic scheduler (Celery beat); exactly one per installation."

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            type=Path,
            default=None,
            help="file of the last runs (default celerybeat-schedule in the var folder)",
        )
        servers.add_loglevel_argument(parser)

    def handle(self, *args, schedule: Path | None, loglevel: str, **options):
        command = servers.scheduler_command(loglevel=loglevel, schedule=schedule)
        servers.become(command)
