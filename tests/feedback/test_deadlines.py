import datetime as dt

import pytest

from palaute.feedback.deadlines import (
    HELSINKI,
    add_working_days,
    is_working_day,
    processing_deadline,
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 11, 23), True),  # Monday
        (dt.date(2026, 11, 21), False),  # Saturday
        (dt.date(2026, 12, 6), False),  # Independence Day (Sunday anyway)
        (dt.date(2026, 12, 24), False),  # Christmas Eve
        (dt.date(2026, 6, 19), False),  # Midsummer Eve
        (dt.date(2026, 4, 3), False),  # Good Friday
        (dt.date(2026, 5, 14), False),  # Ascension Day
    ],
)
def test_working_days_follow_the_finnish_calendar(day, expected):
    assert is_working_day(day) is expected


def test_five_working_days_skip_the_weekend():
    assert add_working_days(dt.date(2026, 11, 20), 5) == dt.date(2026, 11, 27)


def test_five_working_days_over_christmas():
    # 22.12. Tue → 23 Wed, (24–27 off), 28 Mon, 29 Tue, 30 Wed, 31 Thu
    assert add_working_days(dt.date(2026, 12, 22), 5) == dt.date(2026, 12, 31)


def test_deadline_uses_the_helsinki_day_of_arrival():
    # 22:30 UTC on Friday is already Saturday in Helsinki: counting starts from Saturday.
    arrived = dt.datetime(2026, 11, 20, 22, 30, tzinfo=dt.UTC)
    due = processing_deadline(arrived)
    assert due == dt.datetime(2026, 11, 27, 23, 59, 59, tzinfo=HELSINKI)
    arrived_earlier = dt.datetime(2026, 11, 20, 20, 30, tzinfo=dt.UTC)
    assert processing_deadline(arrived_earlier).date() == dt.date(2026, 11, 27)
    assert processing_deadline(dt.datetime(2026, 11, 19, 12, tzinfo=dt.UTC)).date() == dt.date(
        2026, 11, 26
    )


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # Easter 2026: Good Friday 3.4. and Easter Monday 6.4. are off.
        (dt.date(2026, 4, 1), dt.date(2026, 4, 10)),
        # Midsummer 2026: Eve 19.6. (Friday) is off.
        (dt.date(2026, 6, 17), dt.date(2026, 6, 25)),
        # Christmas 2025: 24.–26.12. are off.
        (dt.date(2025, 12, 22), dt.date(2026, 1, 2)),
        # Over the year boundary: New Year's Day 1.1. and Epiphany 6.1.2027 are off.
        (dt.date(2026, 12, 30), dt.date(2027, 1, 8)),
        # Received on a Sunday: counting starts on Monday.
        (dt.date(2026, 11, 22), dt.date(2026, 11, 27)),
    ],
)
def test_five_working_days_over_holidays(start, expected):
    assert add_working_days(start, 5) == expected


def test_contact_deadline_is_fourteen_calendar_days():
    from palaute.feedback.deadlines import contact_deadline

    arrived = dt.datetime(2026, 12, 20, 9, tzinfo=HELSINKI)
    assert contact_deadline(arrived) == dt.datetime(2027, 1, 3, 9, tzinfo=HELSINKI)
