"""Every permission decision of Palaute goes through this module.

Access follows the organisation tree: a role held at a node covers that node and all
below it. Superusers (technical administrators) may do everything.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from .models import Membership, Organization

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from palaute.feedback.models import Feedback
    from palaute.reports.models import Summary

    from .models import User

Role = Membership.Role


class Action(StrEnum):
    VIEW = "view"  # see the feedback of a unit, public or not
    NOTE = "note"  # write internal notes
    VIEW_CONTACT = "view_contact"  # see the sender's contact details (S3)
    HANDLE = "handle"  # statuses, answers, estimates, contacts, the critical flag
    MODERATE = "moderate"  # public text, redaction, attachments, release, removal (S6)
    FORWARD = "forward"  # send to another unit, change the topic
    MANAGE_TEMPLATES = "manage_templates"  # response templates of the unit
    RECORD = "record"  # type in paper forms, record oral feedback, invite by text message
    ACKNOWLEDGE = "acknowledge"  # acknowledge critical feedback (C3)
    LEAD = "lead"  # unit meetings and development actions (C5)
    ADMINISTER = "administer"  # the tree, topics, settings, users and roles
    AUDIT_ACCESS = "audit_access"  # search and export the access log of personal data
    SUBJECT_RIGHTS = "subject_rights"  # find, export and erase what is held about a person


HANDLING = {
    Action.VIEW,
    Action.NOTE,
    Action.VIEW_CONTACT,
    Action.HANDLE,
    Action.MODERATE,
    Action.FORWARD,
}
ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.STAFF: frozenset({Action.VIEW, Action.NOTE, Action.RECORD}),
    Role.HANDLER: frozenset(HANDLING | {Action.RECORD, Action.ACKNOWLEDGE}),
    Role.SUPERVISOR: frozenset(
        HANDLING | {Action.MANAGE_TEMPLATES, Action.RECORD, Action.ACKNOWLEDGE, Action.LEAD}
    ),
    Role.DIRECTOR: frozenset({Action.VIEW, Action.NOTE, Action.ACKNOWLEDGE, Action.LEAD}),
    Role.ADMIN: frozenset(set(Action)),
    Role.PRIVACY_OFFICER: frozenset({Action.AUDIT_ACCESS, Action.SUBJECT_RIGHTS}),
}


def _memberships(user: User) -> list[tuple[str, str]]:
    """(tree path, role) of the user's roles, read once per user object."""
    cached = getattr(user, "_palaute_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, organization__is_active=True).values_list(
                "organization__path", "role"
            )
        )
        user._palaute_memberships = cached
    return cached


def _active(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_staff_member(user: User | AnonymousUser) -> bool:
    """May use the back office at all: a superuser or someone holding a role."""
    return _active(user) and (user.is_superuser or bool(_memberships(user)))


def paths_for(*, user: User | AnonymousUser, action: Action) -> list[str]:
    """Tree paths of the nodes under which the user may take the action."""
    if not _active(user):
        return []
    return [path for path, role in _memberships(user) if action in ROLE_ACTIONS.get(role, ())]


def can_anywhere(*, user: User | AnonymousUser, action: Action) -> bool:
    """Whether the user may take the action somewhere (to show a menu item, say)."""
    return _active(user) and (user.is_superuser or bool(paths_for(user=user, action=action)))


def can(*, user: User | AnonymousUser, action: Action, organization: Organization) -> bool:
    """Whether the user may take the action on something belonging to the organisation."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return any(organization.path.startswith(path) for path in paths_for(user=user, action=action))


def can_edit_questionnaires(*, user: User | AnonymousUser) -> bool:
    """The questionnaires are shared by every organisation of the installation, and the
    national ones must stay comparable: only an administrator of a whole organisation (a
    root of the tree) changes their wording."""
    return can_edit_shared(user=user)


def can_edit_statements(*, user: User | AnonymousUser) -> bool:
    """The privacy and accessibility statements speak for the whole installation: only an
    administrator of a whole organisation (a root of the tree) changes them."""
    return can_edit_shared(user=user)


def can_edit_shared(*, user: User | AnonymousUser) -> bool:
    """Settings shared by the whole installation (questionnaires, critical-feedback rules
    that apply everywhere) are changed only by an administrator of a whole organisation."""
    return can_at_top(user=user, action=Action.ADMINISTER)


def can_at_top(*, user: User | AnonymousUser, action: Action) -> bool:
    """Whether the user may take the action at the top of an organisation's tree: needed for
    what belongs to no unit, such as a text message tied to no feedback."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return any(len(path) == Organization.steplen for path in paths_for(user=user, action=action))


def can_on_feedback(*, user: User | AnonymousUser, action: Action, feedback: Feedback) -> bool:
    return can(user=user, action=action, organization=feedback.organization)


def can_see_summary(*, user: User | AnonymousUser, summary: Summary) -> bool:
    """A half-year summary: a draft by those who lead the unit, once published by everyone
    who sees the unit."""
    action = Action.LEAD if summary.state == summary.State.DRAFT else Action.VIEW
    return can(user=user, action=action, organization=summary.organization)


def can_view_contact(*, user: User | AnonymousUser, organization: Organization) -> bool:
    """Contact details are shown only to handling roles within the feedback's subtree (S3)."""
    return can(user=user, action=Action.VIEW_CONTACT, organization=organization)


def _under(paths: list[str], field: str) -> Q:
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{field}__startswith": path})
    return query


def scope(
    *,
    user: User | AnonymousUser,
    action: Action,
    queryset: QuerySet,
    field: str = "organization__path",
) -> QuerySet:
    """The rows of the queryset under the nodes where the user may take the action."""
    if not _active(user):
        return queryset.none()
    if user.is_superuser:
        return queryset
    paths = paths_for(user=user, action=action)
    return queryset.filter(_under(paths, field)) if paths else queryset.none()


def organizations(*, user: User | AnonymousUser, action: Action) -> QuerySet[Organization]:
    """The organisation nodes the user may take the action on, in tree order."""
    return scope(
        user=user, action=action, queryset=Organization.objects.order_by("path"), field="path"
    )


def forward_targets(*, user: User | AnonymousUser, feedback: Feedback) -> QuerySet[Organization]:
    """Active units of the same organisation (tree root) as the feedback."""
    if not can_on_feedback(user=user, action=Action.FORWARD, feedback=feedback):
        return Organization.objects.none()
    root_path = feedback.organization.path[: Organization.steplen]
    return (
        Organization.objects.filter(path__startswith=root_path, is_active=True)
        .exclude(pk=feedback.organization_id)
        .order_by("path")
    )
