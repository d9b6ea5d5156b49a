"""Reads on topics and feedback for the public side. Only published feedback leaves here
through the public functions; contact details are never selected by them."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from palaute.organizations.models import Organization, PublicationPolicy

from .models import Answer, Attachment, Event, Feedback, Topic
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
        queryset=Answer.objects.filter(removed_at__isnull=True).select_related("organization"),
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
        .defer("text", "title", "sensitive_findings")
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
            | Q(address__icontains=term)
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
