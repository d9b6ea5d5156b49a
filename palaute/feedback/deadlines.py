"""Finnish working days and the handling deadlines that count them (S8)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

HELSINKI = ZoneInfo("Europe/Helsinki")
PROCESSING_WORKING_DAYS = 5


@lru_cache(maxsize=32)
def _holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.Finland(years=year))


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, except Finnish public holidays and Midsummer and Christmas Eves."""
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The `days`-th working day after `start` (not counting `start` itself)."""
    day = start
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def end_of_day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=HELSINKI)


def processing_deadline(received_at: dt.datetime) -> dt.datetime:
    """The end of the fifth working day after the day the feedback arrived, Helsinki time."""
    local_day = received_at.astimezone(HELSINKI).date()
    return end_of_day(add_working_days(local_day, PROCESSING_WORKING_DAYS))
