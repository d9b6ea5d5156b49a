"""Every permission decision of Palaute goes through this module.

Access follows the organisation tree: a role held at a node covers that node and all
below it. Superusers (technical administrators) are covered everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import Membership, Organization

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from .models import User

CONTACT_ROLES = frozenset(
    {
        Membership.Role.HANDLER,
        Membership.Role.SUPERVISOR,
        Membership.Role.DIRECTOR,
        Membership.Role.ADMIN,
    }
)


def covering_paths(*, user: User | AnonymousUser, roles: frozenset[str] | None = None) -> list[str]:
    """Tree paths of the nodes where the user holds one of the roles (any role when None)."""
    if not user.is_authenticated or not user.is_active:
        return []
    memberships = Membership.objects.filter(user=user, organization__is_active=True)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return list(memberships.values_list("organization__path", flat=True))


def covers(
    *, user: User | AnonymousUser, organization: Organization, roles: frozenset[str] | None = None
) -> bool:
    """Whether a role of the user at the organisation or one of its ancestors applies."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(
        organization.path.startswith(path) for path in covering_paths(user=user, roles=roles)
    )


def can_view_contact(*, user: User | AnonymousUser, organization: Organization) -> bool:
    """Contact details are shown only to handling roles within the feedback's subtree (S3)."""
    return covers(user=user, organization=organization, roles=CONTACT_ROLES)
