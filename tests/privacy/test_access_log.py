"""The access log itself: append-only, one row per unit for bulk looks, and purged after
PALAUTE_ACCESS_LOG_MONTHS by the daily beat task (on a frozen clock)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings

from palaute.organizations.models import AuditEvent, Membership
from palaute.privacy import tasks
from palaute.privacy.access_log import log_access, log_bulk_access, months_before
from palaute.privacy.models import AccessLog, AppendOnlyError
from palaute.privacy.selectors import access_log_chunks

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
Kind = AccessLog.Kind


def local(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=HELSINKI)


@pytest.fixture
def handler(member):
    return member(Membership.Role.HANDLER, "area", username="hanna", first_name="Hanna")


@pytest.fixture
def row(handler, feedback_in):
    return log_access(user=handler, kind=Kind.CONTACT, feedback=feedback_in("unit"))


def test_a_row_is_never_changed_nor_deleted(row):
    row.purpose = "peitelty"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.filter(pk=row.pk).update(purpose="peitelty")
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.filter(pk=row.pk).update(user=None, purpose="")
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.all().delete()
    assert AccessLog.objects.get(pk=row.pk).purpose == ""


def test_a_deleted_user_leaves_their_name_in_the_log(row, handler):
    handler.delete()
    kept = AccessLog.objects.get(pk=row.pk)
    assert kept.user is None
    assert (kept.username, kept.full_name) == ("hanna", "Hanna")


def test_a_bulk_look_is_one_row_per_unit_with_its_references(handler, feedback_in, tree):
    unit = [feedback_in("unit"), feedback_in("unit")]
    child = feedback_in("child")
    rows = log_bulk_access(
        user=handler,
        kind=Kind.EXPORT_ORIGINAL,
        feedback=[unit[0], child, unit[1], unit[0]],
        client_address="192.0.2.9",
        purpose="Viety tiedostoon",
    )
    by_unit = {r.organization_id: r for r in AccessLog.objects.filter(pk__in=[r.pk for r in rows])}
    assert set(by_unit) == {tree["unit"].pk, tree["child"].pk}
    assert by_unit[tree["unit"].pk].reference_list == [unit[0].reference, unit[1].reference]
    assert by_unit[tree["unit"].pk].feedback_count == 2
    assert by_unit[tree["child"].pk].reference_list == [child.reference]
    assert {r.client_address for r in by_unit.values()} == {"192.0.2.9"}
    assert log_bulk_access(user=handler, kind=Kind.LIST, feedback=[]) == []


def test_chunks_cover_every_row_once_newest_first(handler, feedback_in):
    feedback = feedback_in("unit")
    with time_machine.travel(local(2026, 3, 1, 8), tick=False):
        same_time = [log_access(user=handler, kind=Kind.ORIGINAL, feedback=feedback) for _ in "abc"]
    later = log_access(user=handler, kind=Kind.ORIGINAL, feedback=feedback)
    chunks = list(access_log_chunks(AccessLog.objects.all(), size=2))
    assert [len(chunk) for chunk in chunks] == [2, 2]
    assert [r.pk for chunk in chunks for r in chunk] == [later.pk] + [
        r.pk for r in reversed(same_time)
    ]


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (local(2026, 3, 31, 10), 1, local(2026, 2, 28, 10)),
        (local(2028, 3, 31, 10), 1, local(2028, 2, 29, 10)),
        (local(2026, 1, 15, 3), 60, local(2021, 1, 15, 3)),
        (local(2026, 7, 1, 0), 12, local(2025, 7, 1, 0)),
    ],
)
def test_months_before_counts_calendar_months(moment, months, expected):
    assert months_before(moment, months) == expected


def test_the_daily_task_purges_rows_older_than_the_retention(handler, feedback_in):
    assert settings.PALAUTE_ACCESS_LOG_MONTHS == 60
    feedback = feedback_in("unit")
    with time_machine.travel(local(2021, 3, 1, 12), tick=False):
        old = log_access(user=handler, kind=Kind.ORIGINAL, feedback=feedback)
    with time_machine.travel(local(2021, 3, 2, 12), tick=False):
        newer = log_access(user=handler, kind=Kind.CONTACT, feedback=feedback)
    with time_machine.travel(local(2026, 3, 1, 11), tick=False):
        assert tasks.purge_access_log.delay().get() == 0
    assert AccessLog.objects.count() == 2
    assert not AuditEvent.objects.filter(action="access_log.purge").exists()
    with time_machine.travel(local(2026, 3, 1, 13), tick=False):
        assert tasks.purge_access_log.delay().get() == 1
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [newer.pk]
    assert not AccessLog.objects.filter(pk=old.pk).exists()
    purge = AuditEvent.objects.get(action="access_log.purge")
    assert purge.actor is None
    assert purge.data["deleted"] == 1
    assert purge.data["before"].startswith("2021-03-01T13:00")


def test_the_retention_follows_the_setting(handler, feedback_in, settings):
    settings.PALAUTE_ACCESS_LOG_MONTHS = 12
    feedback = feedback_in("unit")
    with time_machine.travel(local(2025, 6, 1, 12), tick=False):
        log_access(user=handler, kind=Kind.ORIGINAL, feedback=feedback)
    with time_machine.travel(local(2026, 5, 31, 12), tick=False):
        assert tasks.purge_access_log() == 0
    with time_machine.travel(local(2026, 6, 1, 12, 1), tick=False):
        assert tasks.purge_access_log() == 1


def test_the_purge_runs_daily_in_the_beat_schedule():
    from palaute.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["purge-access-log"]
    assert entry["task"] == "palaute.privacy.tasks.purge_access_log"
    assert entry["task"] in app.tasks
    schedule = entry["schedule"]
    assert schedule.hour == {3} and schedule.minute == {40}
    assert schedule.day_of_week == set(range(7))
