"""Reads of the statements."""

from __future__ import annotations

from django.db.models import QuerySet

from palaute.organizations.models import AuditEvent

from .defaults import DEFAULTS
from .models import Statement
from .services import AUDIT_ACTION


def _default(kind: str) -> Statement:
    """The shipped text, unsaved: what the page shows when the row is missing (the data
    migration creates both, so only a wiped table gets here)."""
    return Statement(kind=kind, updated_at=None, **DEFAULTS[kind])


def get_statement(*, kind: str) -> Statement:
    if kind not in Statement.Kind.values:
        raise ValueError(f"unknown statement kind {kind!r}")
    return Statement.objects.filter(kind=kind).select_related("updated_by").first() or _default(
        kind
    )


def all_statements() -> list[Statement]:
    """Every kind, in the order of Statement.Kind."""
    return [get_statement(kind=kind) for kind in Statement.Kind.values]


def history(*, kind: str) -> QuerySet[AuditEvent]:
    """The recorded changes of a statement, newest first, with the old and the new text."""
    return AuditEvent.objects.filter(action=AUDIT_ACTION, target=kind).select_related("actor")
