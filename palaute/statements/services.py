"""Writes on the statements. Every change writes an AuditEvent with the old and new text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palaute.organizations.services import audit

from .defaults import DEFAULTS
from .models import TEXT_FIELDS, Statement

if TYPE_CHECKING:
    from palaute.organizations.models import User

AUDIT_ACTION = "statement.update"


class StaleStatement(ValidationError):
    """Someone else saved the statement after the editor opened it."""


@transaction.atomic
def update_statement(
    *, kind: str, values: dict[str, str], version: int, actor: User
) -> tuple[Statement, list[str]]:
    """Save the texts that changed, as the next version; `version` is the one the editor
    started from, so that two editors never overwrite each other unknowingly."""
    statement = Statement.objects.select_for_update().filter(kind=kind).first()
    if statement is None:
        statement, _created = Statement.objects.get_or_create(kind=kind, defaults=DEFAULTS[kind])
        statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if statement.version != version:
        raise StaleStatement(
            _(
                "Someone else saved this statement while you were editing it. Your text is "
                "kept in the form: compare it with the saved one and save again."
            ),
            code="stale",
        )
    changed = [name for name in TEXT_FIELDS if values[name] != getattr(statement, name)]
    if not changed:
        return statement, []
    old = {name: getattr(statement, name) for name in changed}
    for name in changed:
        setattr(statement, name, values[name])
    statement.version += 1
    statement.updated_at = timezone.now()
    statement.updated_by = actor
    statement.save(update_fields=[*changed, "version", "updated_at", "updated_by"])
    audit(
        actor=actor,
        action=AUDIT_ACTION,
        target=kind,
        data={
            "version": statement.version,
            "fields": changed,
            "old": old,
            "new": {name: values[name] for name in changed},
        },
    )
    return statement, changed
