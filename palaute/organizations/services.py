"""Writes on the organisation tree, topics' owners excepted, and on staff users and roles.
Every change writes an AuditEvent; publication follows policy changes at once (S4)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import AuditEvent, Membership, Organization, User

TREE_SETTINGS = ("publication_policy", "moderation_mode", "is_active")


def apply_changes(*, instance, values: dict) -> list[str]:
    """Set the values that differ and save only those fields; the names of the changed."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if changed:
        instance.save(update_fields=changed)
    return changed


def audit(*, actor: User, action: str, target: object, data: dict | None = None) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor, action=action, target=str(target)[:200], data=data or {}
    )


@transaction.atomic
def create_organization(*, parent: Organization, values: dict, actor: User) -> Organization:
    parent = Organization.objects.get(pk=parent.pk)
    organization = Organization.objects.add_child(parent, values)
    audit(actor=actor, action="organization.create", target=organization.code)
    return organization


@transaction.atomic
def update_organization(*, organization: Organization, values: dict, actor: User) -> list[str]:
    from palaute.feedback.services import refresh_publication_below

    changed = apply_changes(instance=organization, values=values)
    if changed:
        audit(
            actor=actor,
            action="organization.update",
            target=organization.code,
            data={"fields": changed},
        )
    if set(changed) & set(TREE_SETTINGS):
        refresh_publication_below(organization=organization, actor=actor)
    return changed


@transaction.atomic
def create_user(*, values: dict, actor: User) -> User:
    user = User(**values)
    user.set_unusable_password()
    user.save()
    audit(actor=actor, action="user.create", target=user.username)
    return user


@transaction.atomic
def update_user(*, user: User, values: dict, actor: User) -> list[str]:
    changed = apply_changes(instance=user, values=values)
    if changed:
        audit(actor=actor, action="user.update", target=user.username, data={"fields": changed})
    return changed


@transaction.atomic
def add_membership(*, user: User, organization: Organization, role: str, actor: User) -> Membership:
    membership, created = Membership.objects.get_or_create(
        user=user, organization=organization, role=role
    )
    if not created:
        raise ValidationError(_("The user already has this role there."), code="exists")
    audit(
        actor=actor,
        action="membership.add",
        target=user.username,
        data={"organization": organization.code, "role": role},
    )
    return membership


@transaction.atomic
def remove_membership(*, membership: Membership, actor: User) -> None:
    audit(
        actor=actor,
        action="membership.remove",
        target=membership.user.username,
        data={"organization": membership.organization.code, "role": membership.role},
    )
    membership.delete()
