"""Reads on questionnaires and collection points."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from palaute.organizations import policy
from palaute.organizations.models import Organization

from .models import CollectionPoint, Item, QuestionnaireVersion


def active_point(*, code: str) -> CollectionPoint | None:
    if not code or len(code) > 24:
        return None
    return (
        CollectionPoint.objects.filter(code=code, is_active=True)
        .select_related("organization", "questionnaire", "topic")
        .first()
    )


def current_version(*, point: CollectionPoint) -> QuestionnaireVersion | None:
    return (
        QuestionnaireVersion.objects.filter(questionnaire=point.questionnaire_id, is_current=True)
        .select_related("questionnaire")
        .prefetch_related(Prefetch("items", queryset=Item.objects.order_by("order", "id")))
        .first()
    )


def web_points_by_area() -> list[tuple[Organization, list[CollectionPoint]]]:
    """The units with a web questionnaire, grouped by the organisation below the root."""
    points = (
        CollectionPoint.objects.filter(is_active=True, channel=CollectionPoint.Channel.WEB)
        .select_related("organization", "questionnaire")
        .order_by("organization__path", "questionnaire__code")
    )
    areas = {
        org.path: org
        for org in Organization.objects.filter(depth__lte=2, is_active=True).order_by("path")
    }
    grouped: dict[str, list[CollectionPoint]] = {}
    for point in points:
        area_path = point.organization.path[: 2 * Organization.steplen]
        grouped.setdefault(area_path, []).append(point)
    return [(areas[path], items) for path, items in grouped.items() if path in areas]


def manageable_points(*, user) -> QuerySet[CollectionPoint]:
    return policy.scope(
        user=user,
        action=policy.Action.RECORD,
        queryset=CollectionPoint.objects.select_related("organization", "questionnaire"),
    )
