"""Reads on topics and feedback. The public functions return only published feedback and
never select contact details; the staff functions return only what the permission policy
lets the user see."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from palaute.organizations import policy
from palaute.organizations.models import Organization, PublicationPolicy
from palaute.organizations.selectors import lineage_paths

from . import critical
from .deadlines import HELSINKI, end_of_day
from .models import (
    Answer,
    Attachment,
    CriticalAlert,
    Event,
    Feedback,
    Intake,
    ResponseTemplate,
    Topic,
    TopicAttribute,
)
from .services import hash_token

PUBLIC_STATUS_GROUPS = {
    "open": (
        Feedback.Status.RECEIVED,
        Feedback.Status.IN_PROCESSING,
        Feedback.Status.WAITING,
    ),
    "answered": (Feedback.Status.ANSWERED,),
    "closed": (Feedback.Status.CLOSED,),
}


@dataclass
class TopicNode:
    topic: Topic
    children: list[TopicNode] = field(default_factory=list)

    @property
    def selectable(self) -> bool:
        return self.topic.takes_feedback and not self.children


def topic_tree() -> list[TopicNode]:
    """Topics in use (taking feedback or pointing elsewhere) as a tree, in one query."""
    topics = Topic.objects.exclude(state=Topic.State.INACTIVE).order_by("path")
    nodes: dict[str, TopicNode] = {}
    roots: list[TopicNode] = []
    for topic in topics:
        node = TopicNode(topic)
        nodes[topic.path] = node
        parent = nodes.get(topic.path[: -topic.steplen])
        if topic.depth == 1:
            roots.append(node)
        elif parent is not None:
            parent.children.append(node)
    return roots


def _walk(nodes: list[TopicNode]):
    for node in nodes:
        yield node
        yield from _walk(node.children)


def selectable_topics() -> list[Topic]:
    """Topics a feedback can be given on: in use, taking feedback, with no sub-topics."""
    return [node.topic for node in _walk(topic_tree()) if node.selectable]


def topic_groups() -> list[tuple[Topic, list[TopicNode]]]:
    """The top-level topics (service areas) with every usable topic below them, flattened
    in tree order; pointing-elsewhere topics are included so users find where to go."""
    groups = []
    for root in topic_tree():
        below = [
            node
            for node in _walk(root.children)
            if node.selectable or node.topic.state == Topic.State.ELSEWHERE
        ]
        if root.selectable or root.topic.state == Topic.State.ELSEWHERE:
            below.insert(0, root)
        if below:
            groups.append((root.topic, below))
    return groups


def get_topic(*, service_code: str) -> Topic | None:
    return (
        Topic.objects.exclude(state=Topic.State.INACTIVE).filter(service_code=service_code).first()
    )


def _public_answers() -> Prefetch:
    return Prefetch(
        "answers",
        queryset=Answer.objects.public().select_related("organization"),
        to_attr="public_answers",
    )


def _public_attachments() -> Prefetch:
    return Prefetch(
        "attachments",
        queryset=Attachment.objects.filter(is_public=True),
        to_attr="public_attachments",
    )


def public_feedback(
    *, topic: Topic | None = None, status: str = "", query: str = ""
) -> QuerySet[Feedback]:
    """Published feedback, newest first, with their public answers."""
    feedback = (
        Feedback.objects.published()
        .select_related("topic", "organization")
        .prefetch_related(_public_answers())
        .defer("text", "title", "address", "sensitive_findings")
        .order_by("-received_at", "-id")
    )
    if topic is not None:
        feedback = feedback.filter(topic__path__startswith=topic.path)
    if status in PUBLIC_STATUS_GROUPS:
        feedback = feedback.filter(status__in=PUBLIC_STATUS_GROUPS[status])
    for term in query.split()[:8]:
        feedback = feedback.filter(
            Q(public_title__icontains=term)
            | Q(public_text__icontains=term)
            | Q(public_address__icontains=term)
            | Q(reference=term)
        )
    return feedback


def get_public_feedback(*, reference: str) -> Feedback | None:
    return (
        public_feedback()
        .prefetch_related(_public_attachments())
        .filter(reference=reference)
        .first()
    )


def get_public_attachment(*, reference: str, pk: int) -> Attachment | None:
    return (
        Attachment.objects.filter(
            pk=pk,
            is_public=True,
            feedback__reference=reference,
            feedback__publication_state=Feedback.PublicationState.PUBLISHED,
        )
        .select_related("feedback")
        .first()
    )


def get_feedback_by_token(*, token: str) -> Feedback | None:
    """The sender's own feedback, found by the private tracking token, public or not."""
    if not token or len(token) > 100:
        return None
    return (
        Feedback.objects.filter(tracking_token_hash=hash_token(token))
        .select_related("topic", "organization")
        .prefetch_related(_public_answers(), "attachments")
        .first()
    )


def get_intake_by_token(*, token: str) -> Intake | None:
    """A submission accepted but not shown as feedback yet, by the sender's private token;
    its payload is not read."""
    if not token or len(token) > 100:
        return None
    return (
        Intake.objects.filter(tracking_token_hash=hash_token(token))
        .only("public_id", "state", "received_at", "feedback_id")
        .first()
    )


def get_intake(*, public_id: str) -> Intake | None:
    """An accepted submission by its public id (the Open311 token), with its feedback."""
    if not public_id or len(public_id) > 32:
        return None
    return (
        Intake.objects.filter(public_id=public_id)
        .select_related("feedback")
        .defer("payload")
        .first()
    )


def was_just_sent(*, feedback: Feedback, public_id: str) -> bool:
    """Whether the feedback was recorded from the intake the sender was just told of."""
    return Intake.objects.filter(public_id=public_id, feedback=feedback).exists()


TRACKED_EVENTS = (Event.Kind.CREATED, Event.Kind.STATUS, Event.Kind.ANSWERED)


def tracking_history(*, feedback: Feedback) -> list[Event]:
    """What the sender may see of the handling: arrival, status changes and answers."""
    return list(feedback.events.filter(kind__in=TRACKED_EVENTS).order_by("created_at", "id"))


def _inherited(
    nodes: list, attribute: str, default, *, skip=("inherit", None)
) -> dict[str, object]:
    """The effective value of an inherited setting for every node, by tree path, computed
    from nodes ordered by path (parents first)."""
    effective: dict[str, object] = {}
    for node in nodes:
        value = getattr(node, attribute)
        if value in skip:
            parent_path = node.path[: -node.steplen]
            value = effective.get(parent_path, default)
        effective[node.path] = value
    return effective


def topic_settings() -> dict[str, dict]:
    """What the form needs per topic, in two queries: location mode and whether feedback on
    it can ever be public (topic and responsible organisation policies, inherited)."""
    topics = list(Topic.objects.exclude(state=Topic.State.INACTIVE).order_by("path"))
    organizations = list(Organization.objects.order_by("path"))
    org_allowed = _inherited(organizations, "publication_policy", PublicationPolicy.ALLOWED)
    topic_allowed = _inherited(topics, "publication_policy", PublicationPolicy.ALLOWED)
    org_paths = {org.pk: org.path for org in organizations}
    responsible = _inherited(topics, "organization_id", None, skip=(None,))
    result = {}
    for topic in topics:
        org_path = org_paths.get(responsible[topic.path])
        public = (
            topic_allowed[topic.path] == PublicationPolicy.ALLOWED
            and org_path is not None
            and org_allowed[org_path] == PublicationPolicy.ALLOWED
        )
        result[topic.service_code] = {"location": topic.location_mode, "public": public}
    return result


# The back office: reads within the user's permitted part of the tree.

STAFF_STATUS_GROUPS = {
    "open": (
        Feedback.Status.RECEIVED,
        Feedback.Status.IN_PROCESSING,
        Feedback.Status.WAITING,
        Feedback.Status.ANSWERED,
    ),
    **{status: (status,) for status in Feedback.Status.values},
    "all": tuple(Feedback.Status.values),
}


def staff_feedback_scope(*, user) -> QuerySet[Feedback]:
    return policy.scope(user=user, action=policy.Action.VIEW, queryset=Feedback.objects.all())


def staff_queue(
    *,
    user,
    status: str = "open",
    topic: Topic | None = None,
    organization: Organization | None = None,
    channel: str = "",
    critical: bool | None = None,
    deadline: str = "",
    publication: str = "",
    query: str = "",
    now: dt.datetime | None = None,
) -> QuerySet[Feedback]:
    """The user's queue: critical first, then the nearest deadline (overdue first), then
    the newest."""
    now = now or timezone.now()
    feedback = staff_feedback_scope(user=user).select_related("topic", "organization")
    feedback = feedback.filter(
        status__in=STAFF_STATUS_GROUPS.get(status, STAFF_STATUS_GROUPS["open"])
    )
    if topic is not None:
        feedback = feedback.filter(topic__path__startswith=topic.path)
    if organization is not None:
        feedback = feedback.filter(organization__path__startswith=organization.path)
    if channel:
        feedback = feedback.filter(channel=channel)
    if critical is not None:
        feedback = feedback.filter(is_critical=critical)
    if publication:
        feedback = feedback.filter(publication_state=publication)
    end_of_today = end_of_day(now.astimezone(HELSINKI).date())
    deadline_filters = {
        "overdue": Q(due_at__lt=now),
        "today": Q(due_at__gte=now, due_at__lte=end_of_today),
        "upcoming": Q(due_at__gt=end_of_today),
        "none": Q(due_at__isnull=True),
    }
    if deadline in deadline_filters:
        feedback = feedback.filter(deadline_filters[deadline])
    for term in query.split()[:8]:
        feedback = feedback.filter(
            Q(reference__icontains=term)
            | Q(title__icontains=term)
            | Q(text__icontains=term)
            | Q(address__icontains=term)
        )
    return feedback.order_by(
        "-is_critical", F("due_at").asc(nulls_last=True), "-received_at", "-id"
    )


def staff_counts(*, user) -> dict[str, int]:
    """How many feedback of the user's scope are in each status, and open in all."""
    rows = staff_feedback_scope(user=user).values_list("status").annotate(count=Count("id"))
    counts = dict.fromkeys(Feedback.Status.values, 0)
    counts.update(dict(rows))
    counts["open"] = sum(counts[status] for status in STAFF_STATUS_GROUPS["open"])
    counts["all"] = sum(counts[status] for status in Feedback.Status.values)
    return counts


def staff_held_count(*, user) -> int:
    return (
        staff_feedback_scope(user=user)
        .filter(publication_state=Feedback.PublicationState.HELD)
        .exclude(status=Feedback.Status.REMOVED)
        .count()
    )


def get_staff_feedback(*, user, reference: str) -> Feedback | None:
    """One feedback the user may see, with everything the handling page shows."""
    return (
        staff_feedback_scope(user=user)
        .select_related("topic", "organization", "released_by")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related("author", "organization", "removed_by"),
            ),
            "attachments",
        )
        .filter(reference=reference)
        .first()
    )


def staff_history(*, feedback: Feedback) -> list[Event]:
    return list(feedback.events.select_related("actor").order_by("created_at", "id"))


def response_templates_for(*, feedback: Feedback) -> list[ResponseTemplate]:
    """Templates of the feedback's unit and of every unit above it."""
    paths = lineage_paths(feedback.organization)
    return list(
        ResponseTemplate.objects.filter(is_active=True, organization__path__in=paths)
        .select_related("organization")
        .order_by("-organization__depth", "name")
    )


def manageable_templates(*, user) -> QuerySet[ResponseTemplate]:
    return policy.scope(
        user=user,
        action=policy.Action.MANAGE_TEMPLATES,
        queryset=ResponseTemplate.objects.select_related("organization").order_by(
            "organization__path", "name"
        ),
    )


def topics_within_tree(*, organization: Organization) -> list[Topic]:
    """Topics taking feedback whose responsible unit belongs to the same organisation (tree
    root) as the given node: where a feedback may be moved by changing its topic."""
    topics = list(Topic.objects.exclude(state=Topic.State.INACTIVE).order_by("path"))
    responsible = _inherited(topics, "organization_id", None, skip=(None,))
    org_paths = dict(Organization.objects.values_list("pk", "path"))
    root = organization.path[: Organization.steplen]
    return [
        topic
        for topic in topics
        if topic.takes_feedback and org_paths.get(responsible[topic.path], "").startswith(root)
    ]


# Open311: public feedback only, with the standard's and the Finnish extensions' filters.

EARTH_RADIUS_M = 6_371_000


def _distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def open311_requests(
    *,
    ids: list[str] | None = None,
    service_codes: list[str] | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    statuses: list[str] | None = None,
    updated_after: dt.datetime | None = None,
    updated_before: dt.datetime | None = None,
    near: tuple[float, float, float] | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    service_object: tuple[str, str] | None = None,
) -> QuerySet[Feedback]:
    """Published feedback for the API, newest first. `ids` overrides every other filter.
    `near` is (lat, long, radius in metres); `bbox` is (min long, min lat, max long, max lat)."""
    feedback = (
        Feedback.objects.published()
        .select_related("topic", "organization")
        .prefetch_related(
            _public_answers(),
            _public_attachments(),
            Prefetch(
                "events",
                queryset=Event.objects.filter(
                    kind__in=[Event.Kind.CREATED, Event.Kind.STATUS, Event.Kind.ANSWERED]
                ).order_by("created_at", "id"),
                to_attr="open311_events",
            ),
        )
        .order_by("-received_at", "-id")
    )
    if ids is not None:
        return feedback.filter(reference__in=ids)
    if service_codes:
        paths = list(
            Topic.objects.filter(service_code__in=service_codes).values_list("path", flat=True)
        )
        query = Q(pk__in=[])
        for path in paths:
            query |= Q(topic__path__startswith=path)
        feedback = feedback.filter(query)
    if start is not None:
        feedback = feedback.filter(received_at__gte=start)
    if end is not None:
        feedback = feedback.filter(received_at__lte=end)
    if statuses:
        feedback = feedback.filter(status__in=statuses)
    if updated_after is not None:
        feedback = feedback.filter(updated_at__gte=updated_after)
    if updated_before is not None:
        feedback = feedback.filter(updated_at__lte=updated_before)
    if bbox is not None:
        min_lon, min_lat, max_lon, max_lat = bbox
        feedback = feedback.filter(
            latitude__gte=min_lat,
            latitude__lte=max_lat,
            longitude__gte=min_lon,
            longitude__lte=max_lon,
        )
    if service_object is not None:
        object_id, object_type = service_object
        feedback = feedback.filter(
            channel_data__service_object_id=object_id,
            channel_data__service_object_type=object_type,
        )
    if near is not None:
        lat, lon, radius = near
        dlat = radius / 111_320
        dlon = radius / (111_320 * max(math.cos(math.radians(lat)), 0.01))
        candidates = feedback.filter(
            latitude__gte=lat - dlat,
            latitude__lte=lat + dlat,
            longitude__gte=lon - dlon,
            longitude__lte=lon + dlon,
        ).values_list("pk", "latitude", "longitude")
        inside = [
            pk
            for pk, plat, plon in candidates
            if _distance_m(lat, lon, float(plat), float(plon)) <= radius
        ]
        feedback = feedback.filter(pk__in=inside)
    return feedback


def open311_updates(*, start: dt.datetime, end: dt.datetime) -> QuerySet[Event]:
    """Status changes and public answers of published feedback, oldest first."""
    return (
        Event.objects.filter(
            kind__in=[Event.Kind.STATUS, Event.Kind.ANSWERED],
            created_at__gte=start,
            created_at__lte=end,
            feedback__publication_state=Feedback.PublicationState.PUBLISHED,
        )
        .exclude(kind=Event.Kind.STATUS, to_value=Feedback.Status.REMOVED)
        .select_related("feedback")
        .prefetch_related(
            Prefetch(
                "feedback__answers", queryset=Answer.objects.public(), to_attr="public_answers"
            )
        )
        .order_by("created_at", "id")
    )


def open311_services() -> list[tuple[Topic, str, bool]]:
    """Every topic that takes feedback: (topic, its group's name, has questions)."""
    with_questions = set(TopicAttribute.objects.values_list("topic_id", flat=True).distinct())
    services = []
    for root in topic_tree():
        for node in [root, *_walk(root.children)]:
            if node.selectable:
                group = root.topic.name if node.topic.depth > 1 else ""
                services.append((node.topic, group, node.topic.pk in with_questions))
    return services


# Critical feedback (C3)


def critical_status(*, feedback: Feedback, now: dt.datetime | None = None) -> dict:
    """What the feedback page shows of a critical feedback: why, which rules fired, who was
    told and when they saw it, who acknowledged it, and when it escalates next."""
    now = now or timezone.now()
    alerts = list(
        CriticalAlert.objects.filter(feedback=feedback)
        .select_related("user")
        .order_by("level", "created_at", "id")
    )
    fired = critical.rules_by_code(codes=critical.fired_codes(feedback=feedback))
    rules = [
        {
            "name": fired[code].name if code in fired else code,
            "matched": item.get("matched", ""),
        }
        for code, item in zip(
            critical.fired_codes(feedback=feedback), feedback.critical_rules, strict=True
        )
    ]
    acknowledgements = list(
        Event.objects.filter(feedback=feedback, kind=Event.Kind.CRITICAL_ACKNOWLEDGED)
        .select_related("actor")
        .order_by("created_at", "id")
    )
    next_escalation = None
    if (
        feedback.critical_acknowledged_at is None
        and feedback.critical_notified_at is not None
        and feedback.critical_level < settings.PALAUTE_CRITICAL_MAX_ESCALATIONS
        and feedback.status not in (Feedback.Status.CLOSED, Feedback.Status.REMOVED)
    ):
        next_escalation = feedback.critical_notified_at + dt.timedelta(
            minutes=settings.PALAUTE_CRITICAL_ESCALATE_MINUTES
        )
    return {
        "alerts": alerts,
        "rules": rules,
        "acknowledgements": acknowledgements,
        "next_escalation": next_escalation,
        "overdue": next_escalation is not None and next_escalation <= now,
    }


def open_critical_alerts(*, user) -> list[CriticalAlert]:
    """The user's notices of critical feedback still waiting, one per feedback, newest
    first: not acknowledged by anyone, or not yet opened by the user. Shown at the top of
    the queue."""
    alerts = (
        CriticalAlert.objects.filter(user=user, feedback__is_critical=True)
        .filter(Q(seen_at__isnull=True) | Q(feedback__critical_acknowledged_at__isnull=True))
        .exclude(feedback__status__in=[Feedback.Status.CLOSED, Feedback.Status.REMOVED])
        .select_related("feedback", "feedback__organization", "feedback__topic")
        .order_by("-feedback__critical_at", "feedback_id", "-level")
    )
    alerts = policy.scope(
        user=user, action=policy.Action.VIEW, queryset=alerts, field="feedback__organization__path"
    )
    chosen: dict[int, CriticalAlert] = {}
    for alert in alerts[:500]:
        chosen.setdefault(alert.feedback_id, alert)
    return list(chosen.values())
