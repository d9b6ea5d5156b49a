"""Reads of the privacy app, grouped by subject."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from palaute.organizations import policy
from palaute.surveys.figures import local_bounds

from .models import AccessLog

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from palaute.organizations.models import Organization, User


# The access log


def _mentions(reference: str) -> Q:
    """Rows about the feedback: its single looks, and lists and exports that showed it."""
    return (
        Q(reference=reference)
        | Q(references=reference)
        | Q(references__startswith=f"{reference} ")
        | Q(references__endswith=f" {reference}")
        | Q(references__contains=f" {reference} ")
    )


def access_log(
    *,
    user: User | AnonymousUser,
    person: str = "",
    reference: str = "",
    kind: str = "",
    organization: Organization | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet[AccessLog]:
    """The rows the user may audit (the access log of their subtree), newest first,
    filtered by who looked (user name or name, in part), the feedback's reference, the
    kind of look, an organisation with everything below it, and local dates start..end."""
    rows = policy.scope(
        user=user, action=policy.Action.AUDIT_ACCESS, queryset=AccessLog.objects.all()
    ).select_related("organization")
    for term in person.split()[:4]:
        rows = rows.filter(Q(username__icontains=term) | Q(full_name__icontains=term))
    if reference:
        rows = rows.filter(_mentions(reference))
    if kind:
        rows = rows.filter(kind=kind)
    if organization is not None:
        rows = rows.filter(organization__path__startswith=organization.path)
    if start is not None:
        rows = rows.filter(created_at__gte=local_bounds(start=start, end=start)[0])
    if end is not None:
        rows = rows.filter(created_at__lt=local_bounds(start=end, end=end)[1])
    return rows.order_by("-created_at", "-id")


def access_log_chunks(rows: QuerySet[AccessLog], *, size: int = 1000) -> Iterator[list[AccessLog]]:
    """The rows newest first, read a chunk at a time by keyset, so an export of a big log
    streams without holding the result or a cursor open."""
    rows = rows.order_by("-created_at", "-id")
    last: tuple[dt.datetime, int] | None = None
    while True:
        page = rows
        if last is not None:
            page = page.filter(Q(created_at__lt=last[0]) | Q(created_at=last[0], id__lt=last[1]))
        chunk = list(page[:size])
        if chunk:
            yield chunk
        if len(chunk) < size:
            return
        last = (chunk[-1].created_at, chunk[-1].pk)
