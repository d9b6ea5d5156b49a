"""Whether a feedback is public: the rules of DESIGN.md §5 in one place."""

from __future__ import annotations

from dataclasses import dataclass

from palaute.organizations.models import ModerationMode, Organization, PublicationPolicy

from .models import Feedback, Topic


@dataclass(frozen=True, slots=True)
class Decision:
    state: str
    reason: str


def _effective(nodes: list, attribute: str, default: str) -> str:
    """The first explicit setting from the node upwards; `nodes` run from the root down."""
    for node in reversed(nodes):
        value = getattr(node, attribute)
        if value != "inherit":
            return value
    return default


def _lineage(node: Organization | Topic) -> list:
    return [*type(node).objects.get_ancestors(node), node]


def organization_allows_publication(organization: Organization) -> bool:
    policy = _effective(_lineage(organization), "publication_policy", PublicationPolicy.ALLOWED)
    return policy == PublicationPolicy.ALLOWED


def topic_allows_publication(topic: Topic) -> bool:
    policy = _effective(_lineage(topic), "publication_policy", PublicationPolicy.ALLOWED)
    return policy == PublicationPolicy.ALLOWED


def moderation_mode(organization: Organization) -> str:
    return _effective(_lineage(organization), "moderation_mode", ModerationMode.POST)


class Policies:
    """Effective tree settings, remembered per node while many feedback are decided."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, int], object] = {}

    def _get(self, key: tuple[str, int], compute):
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def _lineage(self, node: Organization | Topic) -> list:
        return self._get((type(node).__name__, node.pk), lambda: _lineage(node))

    def topic_allows(self, topic: Topic) -> bool:
        policy = _effective(self._lineage(topic), "publication_policy", PublicationPolicy.ALLOWED)
        return policy == PublicationPolicy.ALLOWED

    def organization_allows(self, organization: Organization) -> bool:
        policy = _effective(
            self._lineage(organization), "publication_policy", PublicationPolicy.ALLOWED
        )
        return policy == PublicationPolicy.ALLOWED

    def moderation(self, organization: Organization) -> str:
        return _effective(self._lineage(organization), "moderation_mode", ModerationMode.POST)


def decide(feedback: Feedback, *, policies: Policies | None = None) -> Decision:
    """Public only when consented, allowed by topic and organisation, neither removed nor
    withdrawn at the erasure of personal data, and either clean in the sensitive-data check
    or released by a handler; under pre-moderation only after release."""
    policies = policies or Policies()
    state, reason = Feedback.PublicationState, Feedback.PublicationReason
    if feedback.status == Feedback.Status.REMOVED:
        return Decision(state.PRIVATE, reason.REMOVED)
    if feedback.publication_withdrawn:
        return Decision(state.PRIVATE, reason.ERASED)
    if not feedback.publish_consent:
        return Decision(state.PRIVATE, reason.NO_CONSENT)
    if not (
        policies.topic_allows(feedback.topic)
        and policies.organization_allows(feedback.organization)
    ):
        return Decision(state.PRIVATE, reason.POLICY)
    if feedback.released_at is None:
        if feedback.sensitive_findings:
            return Decision(state.HELD, reason.SENSITIVE)
        if policies.moderation(feedback.organization) == ModerationMode.PRE:
            return Decision(state.HELD, reason.PREMODERATION)
    return Decision(state.PUBLISHED, reason.PUBLIC)
