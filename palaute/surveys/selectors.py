"""Reads on questionnaires and collection points."""

from __future__ import annotations

from django.db.models import Count, Max, Prefetch, QuerySet

from palaute.feedback.models import Feedback
from palaute.organizations import policy
from palaute.organizations.models import Organization
from palaute.translation import current_language

from . import national
from .models import (
    CollectionPoint,
    Item,
    OwnStatement,
    Questionnaire,
    QuestionnaireVersion,
    SurveyResponse,
)


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


def localized(row: tuple) -> str:
    """(key, fi, sv, en) from palaute.surveys.national in the active language."""
    index = {"fi": 1, "sv": 2, "en": 3}[current_language()]
    return row[index] or row[1]


def answer_label(*, value: int | None, child: bool) -> str:
    if value is None:
        return localized(("x", *national.NO_OPINION))
    scale = national.CHILD_SCALE if child else national.SCALE
    return f"{value} – {localized(scale[value - 1])}"


def response_summary(*, feedback: Feedback) -> dict | None:
    """A feedback's questionnaire answers in the wording the customer saw, for handling."""
    response = (
        SurveyResponse.objects.filter(feedback=feedback)
        .select_related("version__questionnaire", "collection_point", "recorded_by")
        .first()
    )
    if response is None:
        return None
    child = response.version.questionnaire.audience == Questionnaire.Audience.CHILD
    answers = response.answers.select_related("item", "own_statement").order_by(
        "item__order", "own_statement__order", "id"
    )
    respondents = {row[0]: localized(row) for row in national.RESPONDENTS}
    ages = {row[0]: localized(row) for row in national.AGE_GROUPS}
    return {
        "response": response,
        "questionnaire": response.version.questionnaire.name,
        "version": response.version.number,
        "point": response.collection_point,
        "nps": response.nps,
        "statements": [
            (answer.item.text, answer_label(value=answer.value, child=child))
            for answer in answers
            if answer.item_id
        ],
        "own": [
            (answer.own_statement.text, answer_label(value=answer.value, child=child))
            for answer in answers
            if answer.own_statement_id
        ],
        "respondent": respondents.get(response.respondent, ""),
        "age_group": ages.get(response.age_group, ""),
        "recorded_by": response.recorded_by,
    }


def points_overview(*, user) -> QuerySet[CollectionPoint]:
    """The collection points the user may record on, with their answer counts."""
    return (
        manageable_points(user=user)
        .annotate(answers=Count("responses"), last_answer=Max("responses__created_at"))
        .order_by("organization__path", "questionnaire__code", "channel")
    )


def invitation_points(*, user) -> QuerySet[CollectionPoint]:
    return manageable_points(user=user).filter(channel=CollectionPoint.Channel.SMS, is_active=True)


def questionnaires_overview() -> QuerySet[Questionnaire]:
    return Questionnaire.objects.annotate(answers=Count("versions__responses")).prefetch_related(
        Prefetch(
            "versions",
            queryset=QuestionnaireVersion.objects.annotate(answers=Count("responses")).order_by(
                "-number"
            ),
        )
    )


def manageable_statements(*, user) -> QuerySet[OwnStatement]:
    return policy.scope(
        user=user,
        action=policy.Action.ADMINISTER,
        queryset=OwnStatement.objects.select_related("organization")
        .annotate(answer_count=Count("answers"))
        .order_by("organization__path", "-is_active", "order", "id"),
    )
