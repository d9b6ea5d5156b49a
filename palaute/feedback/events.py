"""The event log: every change to a feedback writes one row."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from palaute.organizations.models import User

from .models import Event, Feedback


def new_event(
    *,
    feedback: Feedback,
    kind: str,
    actor: User | None = None,
    from_value: str = "",
    to_value: str = "",
    note: str = "",
    data: dict | None = None,
    at: dt.datetime | None = None,
) -> Event:
    """An event not yet saved, for writing several in one insert (the intake)."""
    return Event(
        feedback=feedback,
        kind=kind,
        actor=actor if actor is not None and actor.is_authenticated else None,
        from_value=from_value,
        to_value=to_value,
        note=note,
        data=data or {},
        created_at=at or timezone.now(),
    )


def record_event(
    *,
    feedback: Feedback,
    kind: str,
    actor: User | None = None,
    from_value: str = "",
    to_value: str = "",
    note: str = "",
    data: dict | None = None,
    at: dt.datetime | None = None,
) -> Event:
    """One event, saved."""
    event = new_event(
        feedback=feedback,
        kind=kind,
        actor=actor,
        from_value=from_value,
        to_value=to_value,
        note=note,
        data=data,
        at=at,
    )
    event.save(force_insert=True)
    return event
