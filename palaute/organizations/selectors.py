"""Reads on the organisation tree and the people in it."""

from __future__ import annotations

from collections.abc import Iterable

from .models import Membership, Organization, User


def lineage_paths(organization: Organization) -> list[str]:
    """The paths of the node and its ancestors, nearest first."""
    step = Organization.steplen
    return [organization.path[:end] for end in range(len(organization.path), 0, -step)]


def nearest_holders(*, organization: Organization, roles: Iterable[str]) -> list[User]:
    """The users holding one of the roles at the nearest node, from the organisation
    upwards, that has any: the unit's own handlers before those of the area above."""
    levels = holder_levels(organization=organization, roles=roles)
    return levels[0][1] if levels else []


def supervisors_above(*, organization: Organization) -> list[User]:
    """The nearest supervisors of the unit (used for escalations)."""
    return nearest_holders(organization=organization, roles=[Membership.Role.SUPERVISOR])


def holder_levels(
    *, organization: Organization, roles: Iterable[str]
) -> list[tuple[Organization, list[User]]]:
    """The holders of the roles at each node from the organisation up to the root, nearest
    first, leaving out nodes with none: [(unit, its supervisors), (area, its supervisors)]."""
    memberships = (
        Membership.objects.filter(
            role__in=list(roles),
            organization__path__in=lineage_paths(organization),
            organization__is_active=True,
            user__is_active=True,
        )
        .select_related("user", "organization")
        .order_by("-organization__depth", "user__username")
    )
    levels: dict[int, tuple[Organization, list[User]]] = {}
    for membership in memberships:
        _node, users = levels.setdefault(membership.organization_id, (membership.organization, []))
        if membership.user not in users:
            users.append(membership.user)
    return list(levels.values())
