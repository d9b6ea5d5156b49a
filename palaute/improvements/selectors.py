"""Reads on unit meetings and development actions, scoped by the permission policy: staff
see the meetings and actions of the units where they may see feedback (a role covers its
whole subtree); the public sees only done, public actions, and only their public fields."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from palaute.feedback.models import Feedback
from palaute.organizations import policy
from palaute.organizations.models import Organization
from palaute.surveys import figures

from .models import OPEN_STATUSES, ActionEvent, DevelopmentAction, MeetingItem, UnitMeeting

CANDIDATE_LIMIT = 50
DUE_SOON_DAYS = 14
# What the public page may read of an action and its organisation.
PUBLIC_FIELDS = (
    "id",
    "title",
    "public_description",
    "completed_on",
    "organization__id",
    "organization__path",
    "organization__code",
    "organization__name_fi",
    "organization__name_sv",
    "organization__name_en",
)


# Permissions on one action (the rules live in the policy; these combine them with the
# action's own people)


def subtree_feedback(*, organization: Organization):
    """Feedback of the organisation and every unit below it."""
    return Feedback.objects.filter(organization__path__startswith=organization.path)


def agenda_worthy(queryset):
    """Leaves out removed feedback, and survey answers with scores only (unless flagged
    critical): they are counted in the figures, with nothing to discuss one by one."""
    return queryset.exclude(
        Q(survey__isnull=False) & Q(text="") & Q(contact_requested=False) & Q(is_critical=False)
    ).exclude(status=Feedback.Status.REMOVED)


def can_lead_action(*, user, action: DevelopmentAction) -> bool:
    """Edit the action, change its status, link feedback."""
    return policy.can(user=user, action=policy.Action.LEAD, organization=action.organization)


def can_note_action(*, user, action: DevelopmentAction) -> bool:
    """Add progress notes: leads, the owner and the participants."""
    if not (user.is_authenticated and user.is_active):
        return False
    return (
        action.owner_id == user.pk
        or can_lead_action(user=user, action=action)
        or action.participants.filter(pk=user.pk).exists()
    )


def can_assess_action(*, user, action: DevelopmentAction) -> bool:
    """Record the impact assessment: leads and the owner."""
    if not (user.is_authenticated and user.is_active):
        return False
    return action.owner_id == user.pk or can_lead_action(user=user, action=action)


# Unit meetings


def meetings_for(*, user, organization: Organization | None = None) -> QuerySet[UnitMeeting]:
    """Meetings of the units the user may see (of the organisation and those below it
    when given), newest first, with the number of agenda items as item_count."""
    meetings = policy.scope(
        user=user, action=policy.Action.VIEW, queryset=UnitMeeting.objects.all()
    )
    if organization is not None:
        meetings = meetings.filter(organization__path__startswith=organization.path)
    return (
        meetings.select_related("organization", "created_by")
        .annotate(item_count=Count("items"))
        .order_by("-held_on", "-id")
    )


def meeting_with_items(*, meeting_id: int, user) -> UnitMeeting | None:
    """A meeting with its agenda (feedback, topic and unit read at once); None if the user
    may not see it."""
    items = MeetingItem.objects.select_related(
        "feedback__topic", "feedback__organization", "decided_by"
    ).order_by("order", "id")
    return (
        policy.scope(user=user, action=policy.Action.VIEW, queryset=UnitMeeting.objects.all())
        .select_related("organization", "created_by")
        .prefetch_related(Prefetch("items", queryset=items), "actions")
        .filter(pk=meeting_id)
        .first()
    )


def agenda_candidates(*, meeting: UnitMeeting) -> QuerySet[Feedback]:
    """Feedback of the meeting's units that could still be put on the agenda: received up
    to the end of its period and not on it yet, newest first (so what arrived after the
    agenda was made comes first), at most 50."""
    _start, end = figures.local_bounds(start=meeting.period_start, end=meeting.period_end)
    return (
        agenda_worthy(subtree_feedback(organization=meeting.organization))
        .filter(received_at__lt=end)
        .exclude(pk__in=meeting.items.values("feedback_id"))
        .select_related("topic", "organization")
        .order_by("-received_at", "-id")[:CANDIDATE_LIMIT]
    )


def meeting_figures(*, meeting: UnitMeeting) -> dict:
    """The figures of the meeting's period: as fixed when it was held, live before that."""
    if meeting.status == UnitMeeting.Status.HELD and meeting.figures:
        return meeting.figures
    return figures.period_figures(
        organization=meeting.organization, start=meeting.period_start, end=meeting.period_end
    )


# Development actions


def actions_for(
    *,
    user,
    organization: Organization | None = None,
    subtree: bool = True,
    status: str | None = None,
    mine: bool = False,
) -> QuerySet[DevelopmentAction]:
    """Actions the user may see: those of the units where they see feedback, and those they
    own or take part in. Narrowed to an organisation (with or without the units below it),
    a status ("open" for planned, in progress and on hold) and the user's own."""
    if not (user.is_authenticated and user.is_active):
        return DevelopmentAction.objects.none()
    visible = policy.scope(
        user=user, action=policy.Action.VIEW, queryset=DevelopmentAction.objects.all()
    )
    own = Q(owner=user) | Q(
        pk__in=DevelopmentAction.participants.through.objects.filter(user_id=user.pk).values(
            "developmentaction_id"
        )
    )
    actions = DevelopmentAction.objects.filter(Q(pk__in=visible.values("pk")) | own)
    if mine:
        actions = actions.filter(own)
    if organization is not None:
        if subtree:
            actions = actions.filter(organization__path__startswith=organization.path)
        else:
            actions = actions.filter(organization=organization)
    if status == "open":
        actions = actions.filter(status__in=OPEN_STATUSES)
    elif status:
        actions = actions.filter(status=status)
    return actions.select_related("organization", "owner").annotate(
        feedback_count=Count("feedback", distinct=True)
    )


def action_detail(*, action_id: int, user) -> DevelopmentAction | None:
    """One action with its people, feedback and history; None if the user may not see it."""
    return (
        actions_for(user=user)
        .filter(pk=action_id)
        .select_related("meeting", "measure_own_statement", "created_by")
        .prefetch_related(
            "participants",
            Prefetch(
                "feedback",
                queryset=Feedback.objects.select_related("topic", "organization").order_by(
                    "received_at"
                ),
            ),
            Prefetch("events", queryset=ActionEvent.objects.select_related("actor")),
        )
        .first()
    )


def for_feedback(*, feedback: Feedback, user) -> dict:
    """What the feedback's detail page shows of meetings and actions."""
    actions = list(actions_for(user=user).filter(feedback=feedback).order_by("-created_at", "-id"))
    meetings = policy.scope(
        user=user, action=policy.Action.VIEW, queryset=UnitMeeting.objects.all()
    )
    meeting_items = list(
        MeetingItem.objects.filter(feedback=feedback, meeting__in=meetings)
        .select_related("meeting", "meeting__organization", "decided_by")
        .order_by("-meeting__held_on", "-meeting_id")
    )
    return {"actions": actions, "meeting_items": meeting_items}


def due_soon(*, user) -> list[DevelopmentAction]:
    """The user's own open actions due within two weeks (or overdue), soonest first."""
    if not (user.is_authenticated and user.is_active):
        return []
    limit = timezone.localdate() + dt.timedelta(days=DUE_SOON_DAYS)
    return list(
        DevelopmentAction.objects.filter(
            owner=user, status__in=OPEN_STATUSES, due_on__isnull=False, due_on__lte=limit
        )
        .select_related("organization")
        .order_by("due_on", "id")
    )


# The public page "How your feedback was used" (C6)


def public_actions(*, organization: Organization | None = None) -> QuerySet[DevelopmentAction]:
    """Done, public actions (of the organisation and those below it when given), newest
    completed first, each with feedback_count. Only the public fields are read: of the
    feedback nothing but how many, nothing of people."""
    actions = DevelopmentAction.objects.filter(
        status=DevelopmentAction.Status.DONE, is_public=True, organization__is_active=True
    )
    if organization is not None:
        actions = actions.filter(organization__path__startswith=organization.path)
    return (
        actions.select_related("organization")
        .only(*PUBLIC_FIELDS)
        .annotate(feedback_count=Count("feedback", distinct=True))
        .order_by("-completed_on", "-id")
    )


def public_organizations() -> list[Organization]:
    """The organisations (tree roots) and their service areas (the next level) that have
    done, public actions, in tree order, each with public_action_count."""
    step = Organization.steplen
    counts: dict[str, int] = {}
    for path in public_actions().values_list("organization__path", flat=True):
        for end in (step, 2 * step):
            if len(path) >= end:
                counts[path[:end]] = counts.get(path[:end], 0) + 1
    nodes = list(
        Organization.objects.filter(path__in=list(counts), is_active=True).order_by("path")
    )
    for node in nodes:
        node.public_action_count = counts[node.path]
    return nodes
