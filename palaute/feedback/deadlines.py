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


CONTACT_DAYS = 14
REMINDER_LEAD = {
    "processing": dt.timedelta(days=1),
    "contact": dt.timedelta(days=2),
    "estimate": dt.timedelta(days=1),
}


def contact_deadline(received_at: dt.datetime) -> dt.datetime:
    """C4: the customer who asked for contact is contacted within 14 days."""
    return received_at + dt.timedelta(days=CONTACT_DAYS)


def open_deadlines(feedback) -> dict[str, dt.datetime]:
    """The deadlines of a feedback not yet met, by kind (processing, contact, estimate)."""
    from .models import Feedback

    status = Feedback.Status
    if feedback.status in (status.CLOSED, status.REMOVED):
        return {}
    deadlines = {}
    if feedback.taken_at is None:
        deadlines["processing"] = feedback.processing_due
    if feedback.contact_requested and feedback.contacted_at is None and feedback.contact_due:
        deadlines["contact"] = feedback.contact_due
    if feedback.estimated_done_on and feedback.status in (status.IN_PROCESSING, status.WAITING):
        deadlines["estimate"] = end_of_day(feedback.estimated_done_on)
    return deadlines


def next_due(feedback) -> dt.datetime | None:
    return min(open_deadlines(feedback).values(), default=None)


def due_state(due_at: dt.datetime | None, now: dt.datetime) -> str:
    """For the queue: overdue, today (due before the end of today), upcoming, or none."""
    if due_at is None:
        return "none"
    if due_at < now:
        return "overdue"
    if due_at <= end_of_day(now.astimezone(HELSINKI).date()):
        return "today"
    return "upcoming"
