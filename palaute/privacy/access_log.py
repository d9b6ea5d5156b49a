"""Writes of the access log: every look at contact details and original texts.

Kept apart from ``services`` so that the feedback services, which log the looks they
serve, can use it without importing the erasure services that use them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from palaute.organizations.models import AuditEvent

from .models import AccessLog

if TYPE_CHECKING:
    from palaute.feedback.models import Feedback
    from palaute.organizations.models import User


# The access log: every look at contact details and original texts


def _who(user: User) -> dict:
    return {
        "user": user,
        "username": user.get_username()[:150],
        "full_name": user.get_full_name()[:300],
    }


def log_access(
    *,
    user: User,
    kind: AccessLog.Kind,
    feedback: Feedback,
    client_address: str = "",
    purpose: str = "",
) -> AccessLog:
    """Record one look by the user at personal data of one feedback."""
    return AccessLog.objects.create(
        **_who(user),
        kind=kind,
        feedback=feedback,
        reference=feedback.reference,
        organization_id=feedback.organization_id,
        client_address=client_address[:64],
        purpose=purpose[:200],
    )


def log_bulk_access(
    *,
    user: User,
    kind: AccessLog.Kind,
    feedback: Sequence[Feedback],
    client_address: str = "",
    purpose: str = "",
) -> list[AccessLog]:
    """Record a look at many feedback at once (a list page, a chunk of an export): one row
    per responsible unit, with the references shown, so that each unit's auditors see the
    looks at their own feedback."""
    by_unit: defaultdict[int, list[str]] = defaultdict(list)
    for item in feedback:
        if item.reference not in by_unit[item.organization_id]:
            by_unit[item.organization_id].append(item.reference)
    now = timezone.now()
    who = _who(user)
    return AccessLog.objects.bulk_create(
        [
            AccessLog(
                **who,
                created_at=now,
                kind=kind,
                references=" ".join(references),
                feedback_count=len(references),
                organization_id=organization_id,
                client_address=client_address[:64],
                purpose=purpose[:200],
            )
            for organization_id, references in by_unit.items()
        ]
    )


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same local day and time the given number of calendar months earlier (the last
    day of a shorter month when the day does not exist there)."""
    local = timezone.localtime(moment)
    index = local.year * 12 + local.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (following - dt.timedelta(days=1)).day
    naive = local.replace(tzinfo=None, year=year, month=month, day=min(local.day, last_day))
    return timezone.make_aware(naive, local.tzinfo)


def purge_access_log(*, now: dt.datetime | None = None) -> int:
    """Delete the access-log rows older than PALAUTE_ACCESS_LOG_MONTHS: the log is personal
    data of the staff and of the senders too. The number deleted."""
    cutoff = months_before(now or timezone.now(), settings.PALAUTE_ACCESS_LOG_MONTHS)
    with transaction.atomic():
        deleted = AccessLog.objects.purge(before=cutoff)
        if deleted:
            AuditEvent.objects.create(
                actor=None,
                action="access_log.purge",
                target="access_log",
                data={"before": cutoff.isoformat(), "deleted": deleted},
            )
    return deleted
