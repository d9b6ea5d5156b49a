"""Writes on unit meetings and development actions (C5) and on telling customers how their
feedback was used (C6).

Every change of an action writes an ActionEvent; every change that concerns a feedback (a
meeting decision, a link to an action) writes a feedback Event. Messages go through the
outbox (palaute.notifications) and are sent after the commit. Permission checks are the
callers' (the pages ask palaute.organizations.policy, see selectors.can_*).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from palaute.feedback.events import record_event
from palaute.feedback.models import Event, Feedback
from palaute.notifications.models import OutgoingMessage
from palaute.notifications.services import absolute_url, customer_email, queue_message
from palaute.organizations import policy
from palaute.organizations.models import Organization, User
from palaute.organizations.selectors import lineage_paths
from palaute.surveys import figures, national
from palaute.surveys.models import OwnStatement

from .models import OPEN_STATUSES, ActionEvent, DevelopmentAction, MeetingItem, UnitMeeting
from .selectors import agenda_worthy, subtree_feedback

log = logging.getLogger(__name__)

DEFAULT_PERIOD_DAYS = 90
REMIND_DAYS_BEFORE_DUE = 7
EDITABLE_FIELDS = (
    "organization",
    "title",
    "description",
    "owner",
    "participants",
    "due_on",
    "started_on",
    "meeting",
    "measure",
    "measure_statement",
    "measure_own_statement",
    "follow_up_on",
    "baseline_days",
    "is_public",
    "public_description",
)
# A change of these makes an earlier measurement stale.
MEASURE_FIELDS = {
    "organization",
    "measure",
    "measure_statement",
    "measure_own_statement",
    "baseline_days",
    "started_on",
}
MAX_BASELINE_DAYS = 3 * 365


# Dates and the tree


def in_subtree(node: Organization, top: Organization) -> bool:
    return node.path.startswith(top.path)


def _refuse_foreign(
    *, feedback: Iterable[Feedback], organization: Organization, removed_ok: bool = False
) -> None:
    """Only feedback of the unit and the units below it, and not removed, may be chosen."""
    for item in feedback:
        if not in_subtree(item.organization, organization):
            raise ValidationError(
                {
                    "feedback": _(
                        "Feedback %(reference)s does not belong to %(unit)s or a unit below it."
                    )
                    % {"reference": item.reference, "unit": organization.name}
                },
                code="foreign_feedback",
            )
        if item.status == Feedback.Status.REMOVED and not removed_ok:
            raise ValidationError(
                {
                    "feedback": _("Feedback %(reference)s has been removed.")
                    % {"reference": item.reference}
                },
                code="removed_feedback",
            )


# Unit meetings


def previous_period_start(*, organization: Organization, held_on: dt.date) -> dt.date:
    """Where the agenda of a new meeting starts: the day after the period of the unit's
    previous meeting (held or being prepared), so no feedback falls between meetings;
    without one, 90 days back."""
    previous = (
        UnitMeeting.objects.filter(organization=organization, period_end__lt=held_on)
        .aggregate(end=Max("period_end"))
        .get("end")
    )
    if previous is not None:
        return previous + dt.timedelta(days=1)
    return held_on - dt.timedelta(days=DEFAULT_PERIOD_DAYS)


def _clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give a title.")}, code="no_title")
    return title


def _append_items(*, meeting: UnitMeeting, feedback: list[Feedback]) -> int:
    existing = set(meeting.items.values_list("feedback_id", flat=True))
    order = (meeting.items.aggregate(last=Max("order"))["last"] or 0) + 1
    new = []
    for item in feedback:
        if item.pk in existing:
            continue
        existing.add(item.pk)
        new.append(MeetingItem(meeting=meeting, feedback=item, order=order))
        order += 1
    MeetingItem.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def create_meeting(
    *,
    organization: Organization,
    title: str,
    held_on: dt.date,
    actor: User,
    period_start: dt.date | None = None,
    extra_feedback: Iterable[Feedback] = (),
) -> UnitMeeting:
    """Prepare a unit meeting. Its agenda is the feedback of the unit and the units below it
    received in the period (critical first, then oldest first), plus chosen older items of
    the same units."""
    title = _clean_title(title)
    if held_on is None:
        raise ValidationError({"held_on": _("Give the meeting date.")}, code="no_date")
    period_start = period_start or previous_period_start(organization=organization, held_on=held_on)
    if period_start > held_on:
        raise ValidationError(
            {"period_start": _("The period must start on or before the meeting date.")},
            code="period_order",
        )
    extra = list(extra_feedback)
    _refuse_foreign(feedback=extra, organization=organization)
    meeting = UnitMeeting.objects.create(
        organization=organization,
        title=title,
        held_on=held_on,
        period_start=period_start,
        period_end=held_on,
        created_by=actor,
    )
    start, end = figures.local_bounds(start=period_start, end=held_on)
    in_period = list(
        agenda_worthy(
            subtree_feedback(organization=organization).filter(
                received_at__gte=start, received_at__lt=end
            )
        ).order_by("-is_critical", "received_at", "id")
    )
    chosen = sorted(extra, key=lambda item: (not item.is_critical, item.received_at, item.pk))
    _append_items(meeting=meeting, feedback=in_period + chosen)
    return meeting


@transaction.atomic
def add_meeting_items(*, meeting: UnitMeeting, feedback: Iterable[Feedback], actor: User) -> int:
    """Put chosen feedback of the unit's subtree on the agenda; returns how many were new."""
    chosen = list(feedback)
    _refuse_foreign(feedback=chosen, organization=meeting.organization)
    return _append_items(meeting=meeting, feedback=chosen)


@transaction.atomic
def remove_meeting_item(*, item: MeetingItem, actor: User) -> None:
    """Take a feedback off the agenda: while the meeting is being prepared, or when nothing
    was decided on it. A decision already recorded stays in the feedback's history."""
    meeting = item.meeting
    if meeting.status == UnitMeeting.Status.HELD and item.decision:
        raise ValidationError(
            _("A decision has been recorded on this item of a held meeting; it stays."),
            code="decided",
        )
    if item.decision:
        record_event(
            feedback=item.feedback,
            kind=Event.Kind.MEETING,
            actor=actor,
            from_value=str(meeting.pk),
            note=_("Taken off the agenda of the meeting “%(title)s”.") % {"title": meeting.title},
            data={"meeting": meeting.pk, "removed": True},
        )
    item.delete()


@transaction.atomic
def update_meeting(
    *, meeting: UnitMeeting, actor: User, title: str, held_on: dt.date, minutes: str
) -> UnitMeeting:
    """Change the title, date and minutes. The date of a held meeting is fixed with its
    figures; a draft's period follows its date."""
    meeting.title = _clean_title(title)
    meeting.minutes = (minutes or "").strip()
    fields = ["title", "minutes"]
    if held_on != meeting.held_on:
        if meeting.status == UnitMeeting.Status.HELD:
            raise ValidationError(
                {"held_on": _("The date of a held meeting cannot be changed.")}, code="held"
            )
        if held_on is None or held_on < meeting.period_start:
            raise ValidationError(
                {"held_on": _("The meeting date cannot be before the start of its period.")},
                code="period_order",
            )
        meeting.held_on = meeting.period_end = held_on
        fields += ["held_on", "period_end"]
    meeting.save(update_fields=fields)
    return meeting


@transaction.atomic
def record_decision(*, item: MeetingItem, decision: str, actor: User) -> MeetingItem:
    """What the meeting decided on one feedback; the feedback gets an event each time the
    decision is recorded or changed."""
    decision = (decision or "").strip()
    if not decision:
        raise ValidationError({"decision": _("Write the decision first.")}, code="empty")
    if decision == item.decision:
        return item
    changed = bool(item.decision)
    item.decision = decision
    item.decided_at = timezone.now()
    item.decided_by = actor
    item.save(update_fields=["decision", "decided_at", "decided_by"])
    record_event(
        feedback=item.feedback,
        kind=Event.Kind.MEETING,
        actor=actor,
        to_value=str(item.meeting_id),
        note=decision,
        data={"meeting": item.meeting_id, "item": item.pk, "changed": changed},
        at=item.decided_at,
    )
    return item


@transaction.atomic
def mark_meeting_held(*, meeting: UnitMeeting, actor: User, minutes: str = "") -> UnitMeeting:
    """Mark the meeting held and fix the figures of its period, so the meeting reads the
    same later whatever feedback arrives. Decisions may still be recorded afterwards."""
    meeting = UnitMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == UnitMeeting.Status.HELD:
        raise ValidationError(_("The meeting has already been marked held."), code="held")
    if meeting.held_on > timezone.localdate():
        raise ValidationError(
            _("The meeting date is in the future: it can be marked held on the day."),
            code="future",
        )
    meeting.figures = figures.period_figures(
        organization=meeting.organization, start=meeting.period_start, end=meeting.period_end
    )
    meeting.status = UnitMeeting.Status.HELD
    meeting.held_at = timezone.now()
    fields = ["figures", "status", "held_at"]
    if minutes and minutes.strip():
        meeting.minutes = minutes.strip()
        fields.append("minutes")
    meeting.save(update_fields=fields)
    return meeting


# Development actions


def _action_event(
    *,
    action: DevelopmentAction,
    kind: str,
    actor: User | None = None,
    from_value: str = "",
    to_value: str = "",
    note: str = "",
    data: dict | None = None,
    at: dt.datetime | None = None,
) -> ActionEvent:
    return ActionEvent.objects.create(
        action=action,
        kind=kind,
        actor=actor if actor is not None and actor.is_authenticated else None,
        from_value=str(from_value)[:200],
        to_value=str(to_value)[:200],
        note=note,
        data=data or {},
        created_at=at or timezone.now(),
    )


def _check_people(*, organization: Organization, owner: User, participants: list[User]) -> None:
    """The owner and the participants must be able to see the unit's feedback: they get
    reminders and links to it."""
    if owner is None or not owner.is_active:
        raise ValidationError({"owner": _("Choose an owner.")}, code="no_owner")
    if not policy.can(user=owner, action=policy.Action.VIEW, organization=organization):
        raise ValidationError(
            {"owner": _("%(name)s has no role in this unit.") % {"name": owner}},
            code="owner_outside",
        )
    for person in participants:
        if not policy.can(user=person, action=policy.Action.VIEW, organization=organization):
            raise ValidationError(
                {"participants": _("%(name)s has no role in this unit.") % {"name": person}},
                code="participant_outside",
            )


def _check_values(action: DevelopmentAction) -> None:
    """The rules of the editable values, checked on the action as it would be saved."""
    if not (action.title or "").strip():
        raise ValidationError({"title": _("Give a title.")}, code="no_title")
    if not (action.description or "").strip():
        raise ValidationError(
            {"description": _("Describe what will be done.")}, code="no_description"
        )
    if action.measure not in DevelopmentAction.Measure.values:
        raise ValidationError({"measure": _("Unknown measure.")}, code="measure")
    if (
        action.measure == DevelopmentAction.Measure.STATEMENT
        and action.measure_statement not in national.STATEMENT_CODES
    ):
        raise ValidationError(
            {"measure_statement": _("Choose the national statement to follow.")},
            code="statement",
        )
    if action.measure == DevelopmentAction.Measure.OWN_STATEMENT:
        own = action.measure_own_statement
        # An own statement of the unit or of an organisation above it.
        if own is None or own.organization.path not in lineage_paths(action.organization):
            raise ValidationError(
                {"measure_own_statement": _("Choose an own statement of this unit.")},
                code="own_statement",
            )
    if not 1 <= (action.baseline_days or 0) <= MAX_BASELINE_DAYS:
        raise ValidationError(
            {
                "baseline_days": _("The comparison period is from 1 to %(days)d days.")
                % {"days": MAX_BASELINE_DAYS}
            },
            code="baseline",
        )
    if action.follow_up_on and action.started_on and action.follow_up_on < action.started_on:
        raise ValidationError(
            {"follow_up_on": _("The effect can be checked only after the action has started.")},
            code="follow_up_order",
        )
    if action.is_public and not (action.public_description or "").strip():
        raise ValidationError(
            {
                "public_description": _(
                    "A public action needs a public description of what was changed."
                )
            },
            code="no_public_description",
        )
    if action.meeting_id is not None:
        meeting_path = action.meeting.organization.path
        if not (
            meeting_path.startswith(action.organization.path)
            or action.organization.path.startswith(meeting_path)
        ):
            raise ValidationError(
                {"meeting": _("The meeting is not of this unit.")}, code="meeting_outside"
            )


def _normalise_measure(action: DevelopmentAction) -> None:
    """Only the statement of the chosen kind of measure is kept."""
    if action.measure != DevelopmentAction.Measure.STATEMENT:
        action.measure_statement = ""
    if action.measure != DevelopmentAction.Measure.OWN_STATEMENT:
        action.measure_own_statement = None


def _link(*, action: DevelopmentAction, feedback: Feedback, actor: User | None) -> None:
    action.feedback.add(feedback)
    _action_event(
        action=action,
        kind=ActionEvent.Kind.LINKED,
        actor=actor,
        to_value=feedback.reference,
        data={"feedback": feedback.pk},
    )
    record_event(
        feedback=feedback,
        kind=Event.Kind.ACTION_LINKED,
        actor=actor,
        to_value=str(action.pk),
        note=action.title,
        data={"action": action.pk},
    )


@transaction.atomic
def create_action(
    *,
    organization: Organization,
    title: str,
    description: str,
    owner: User,
    actor: User,
    participants: Iterable[User] = (),
    feedback: Iterable[Feedback] = (),
    due_on: dt.date | None = None,
    meeting: UnitMeeting | None = None,
    measure: str = "",
    measure_statement: str = "",
    measure_own_statement: OwnStatement | None = None,
    follow_up_on: dt.date | None = None,
    baseline_days: int = 180,
    is_public: bool = False,
    public_description: str = "",
) -> DevelopmentAction:
    """Draft a development action, owned by someone of the unit, linked to the feedback
    it came from (each of which gets an event)."""
    participants = list(dict.fromkeys(participants))
    linked = list(dict.fromkeys(feedback))
    action = DevelopmentAction(
        organization=organization,
        title=(title or "").strip(),
        description=(description or "").strip(),
        owner=owner,
        meeting=meeting,
        due_on=due_on,
        started_on=timezone.localdate(),
        measure=measure or "",
        measure_statement=measure_statement or "",
        measure_own_statement=measure_own_statement,
        follow_up_on=follow_up_on,
        baseline_days=baseline_days,
        is_public=is_public,
        public_description=(public_description or "").strip(),
        created_by=actor,
    )
    _normalise_measure(action)
    _check_values(action)
    _check_people(organization=organization, owner=owner, participants=participants)
    _refuse_foreign(feedback=linked, organization=organization)
    action.save()
    action.participants.set(participants)
    _action_event(
        action=action,
        kind=ActionEvent.Kind.CREATED,
        actor=actor,
        to_value=action.status,
        data={"meeting": meeting.pk if meeting else None},
    )
    for item in linked:
        _link(action=action, feedback=item, actor=actor)
    return action


def _value_repr(value) -> object:
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@transaction.atomic
def update_action(*, action: DevelopmentAction, actor: User, changes: dict) -> DevelopmentAction:
    """Change the editable details; the event lists the changed fields. A new due date or
    check date gets its own reminder; a new measure is measured anew."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These details cannot be changed here: %(fields)s")
            % {"fields": ", ".join(sorted(unknown))},
            code="not_editable",
        )
    action = DevelopmentAction.objects.select_for_update().get(pk=action.pk)
    was_public = action.is_public
    simple = [name for name in EDITABLE_FIELDS if name != "participants"]
    before = {name: _value_repr(getattr(action, name)) for name in simple}
    participants = None
    if "participants" in changes:
        new = list(dict.fromkeys(changes["participants"]))
        if {p.pk for p in new} != set(action.participants.values_list("pk", flat=True)):
            participants = new
    for name, value in changes.items():
        if name == "participants":
            continue
        if isinstance(value, str):
            value = value.strip()
        if name == "measure" and value is None:
            value = ""
        setattr(action, name, value)
    _normalise_measure(action)
    differs = {name for name in simple if _value_repr(getattr(action, name)) != before[name]}
    if participants is not None:
        differs.add("participants")
    # In the order given, then what followed from them (a statement of another measure).
    changed = [name for name in changes if name in differs]
    changed += [name for name in EDITABLE_FIELDS if name in differs and name not in changed]
    if not changed:
        return action
    _check_values(action)
    if differs & {"owner", "organization"}:
        _check_people(organization=action.organization, owner=action.owner, participants=[])
    if differs & {"participants", "organization"}:
        _check_people(
            organization=action.organization,
            owner=action.owner,
            participants=participants
            if participants is not None
            else list(action.participants.all()),
        )
    if "organization" in changed:
        # Moved to another unit: what it links to must still belong there.
        _refuse_foreign(
            feedback=action.feedback.select_related("organization"),
            organization=action.organization,
            removed_ok=True,
        )
    fields = [name for name in changed if name != "participants"]
    if "due_on" in changed:
        action.due_reminded_on = None
        fields.append("due_reminded_on")
    if "follow_up_on" in changed:
        action.follow_up_reminded_on = None
        fields.append("follow_up_reminded_on")
    if MEASURE_FIELDS & set(changed):
        action.measure_before = action.measure_before_count = None
        action.measure_after = action.measure_after_count = None
        action.measured_at = None
        fields += [
            "measure_before",
            "measure_before_count",
            "measure_after",
            "measure_after_count",
            "measured_at",
        ]
    fields.append("updated_at")
    action.save(update_fields=list(dict.fromkeys(fields)))
    if participants is not None:
        action.participants.set(participants)
    _action_event(
        action=action,
        kind=ActionEvent.Kind.UPDATED,
        actor=actor,
        to_value=", ".join(changed),
        data={"fields": changed},
    )
    if action.status == DevelopmentAction.Status.DONE and action.is_public and not was_public:
        tell_customers(action=action)
    return action


@transaction.atomic
def set_action_status(
    *, action: DevelopmentAction, status: str, actor: User, note: str = ""
) -> DevelopmentAction:
    """Move the action to another status. Done records the completion date and, for a
    public action, tells the customers whose feedback led to it."""
    if status not in DevelopmentAction.Status.values:
        raise ValidationError({"status": _("Unknown status.")}, code="status")
    action = DevelopmentAction.objects.select_for_update().get(pk=action.pk)
    previous = action.status
    if status == previous:
        return action
    action.status = status
    fields = ["status", "updated_at"]
    if status == DevelopmentAction.Status.DONE:
        action.completed_on = timezone.localdate()
        fields.append("completed_on")
    elif previous == DevelopmentAction.Status.DONE:
        action.completed_on = None
        fields.append("completed_on")
    action.save(update_fields=fields)
    _action_event(
        action=action,
        kind=ActionEvent.Kind.STATUS,
        actor=actor,
        from_value=previous,
        to_value=status,
        note=(note or "").strip(),
    )
    if status == DevelopmentAction.Status.DONE and action.is_public:
        tell_customers(action=action)
    return action


@transaction.atomic
def add_progress_note(*, action: DevelopmentAction, actor: User, note: str) -> ActionEvent:
    """A note on how the action is going, by its owner, a participant or a lead."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Write the note first.")}, code="empty")
    DevelopmentAction.objects.filter(pk=action.pk).update(updated_at=timezone.now())
    return _action_event(action=action, kind=ActionEvent.Kind.NOTE, actor=actor, note=note)


@transaction.atomic
def link_feedback(*, action: DevelopmentAction, feedback: Feedback, actor: User) -> bool:
    """Link a feedback of the action's units; False when it was linked already. A sender
    linked to a public action that is already done is told at once."""
    _refuse_foreign(feedback=[feedback], organization=action.organization)
    if action.feedback.filter(pk=feedback.pk).exists():
        return False
    _link(action=action, feedback=feedback, actor=actor)
    if action.status == DevelopmentAction.Status.DONE and action.is_public:
        tell_customers(action=action)
    return True


@transaction.atomic
def unlink_feedback(*, action: DevelopmentAction, feedback: Feedback, actor: User) -> bool:
    """Remove the link; both the action and the feedback keep a record of it."""
    if not action.feedback.filter(pk=feedback.pk).exists():
        return False
    action.feedback.remove(feedback)
    _action_event(
        action=action,
        kind=ActionEvent.Kind.UNLINKED,
        actor=actor,
        from_value=feedback.reference,
        data={"feedback": feedback.pk},
    )
    record_event(
        feedback=feedback,
        kind=Event.Kind.ACTION_LINKED,
        actor=actor,
        from_value=str(action.pk),
        note=_("Unlinked from the development action “%(title)s”.") % {"title": action.title},
        data={"action": action.pk, "unlinked": True},
    )
    return True


# Follow-up


def measure_periods(
    *, action: DevelopmentAction, today: dt.date
) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    """The periods compared: baseline_days before the start, and from the completion (or
    the start) up to the check date (or today, if earlier)."""
    before = (
        action.started_on - dt.timedelta(days=action.baseline_days),
        action.started_on - dt.timedelta(days=1),
    )
    after_end = min(action.follow_up_on, today) if action.follow_up_on else today
    return before, (action.completed_on or action.started_on, after_end)


@transaction.atomic
def measure_action(
    *, action: DevelopmentAction, now: dt.datetime | None = None
) -> DevelopmentAction:
    """Compute the followed measure before and after the action from the survey answers of
    the action's units (None when fewer than five answered) and record it."""
    if not action.measure:
        raise ValidationError(_("The action has no measure to follow."), code="no_measure")
    now = now or timezone.now()
    today = timezone.localdate(now)
    (before_start, before_end), (after_start, after_end) = measure_periods(
        action=action, today=today
    )

    def compute(start: dt.date, end: dt.date) -> tuple[float | None, int]:
        if start > end:
            return None, 0
        return figures.measure(
            organization=action.organization,
            kind=action.measure,
            start=start,
            end=end,
            statement_code=action.measure_statement,
            own_statement=action.measure_own_statement,
        )

    action.measure_before, action.measure_before_count = compute(before_start, before_end)
    action.measure_after, action.measure_after_count = compute(after_start, after_end)
    action.measured_at = now
    action.save(
        update_fields=[
            "measure_before",
            "measure_before_count",
            "measure_after",
            "measure_after_count",
            "measured_at",
            "updated_at",
        ]
    )
    _action_event(
        action=action,
        kind=ActionEvent.Kind.MEASURED,
        from_value="" if action.measure_before is None else f"{action.measure_before:g}",
        to_value="" if action.measure_after is None else f"{action.measure_after:g}",
        data={
            "measure": action.measure,
            "statement": action.measure_statement,
            "own_statement": action.measure_own_statement_id,
            "before": [before_start.isoformat(), before_end.isoformat()],
            "before_value": action.measure_before,
            "before_count": action.measure_before_count,
            "after": [after_start.isoformat(), after_end.isoformat()],
            "after_value": action.measure_after,
            "after_count": action.measure_after_count,
        },
        at=now,
    )
    return action


@transaction.atomic
def assess_impact(*, action: DevelopmentAction, actor: User, comment: str) -> DevelopmentAction:
    """The owner's assessment of the effect, beside the measured figures (measured first
    when they are not yet)."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Write the assessment first.")}, code="empty")
    if action.measure and action.measured_at is None:
        action = measure_action(action=action)
    action.impact_comment = comment
    action.assessed_at = timezone.now()
    action.save(update_fields=["impact_comment", "assessed_at", "updated_at"])
    _action_event(
        action=action,
        kind=ActionEvent.Kind.ASSESSED,
        actor=actor,
        note=comment,
        data={
            "before": action.measure_before,
            "before_count": action.measure_before_count,
            "after": action.measure_after,
            "after_count": action.measure_after_count,
        },
        at=action.assessed_at,
    )
    return action


# Telling customers (C6)


def public_page_url(*, organization: Organization, language: str) -> str:
    """The address of "How your feedback was used" for the organisation, in the language."""
    with translation.override(language):
        return absolute_url(reverse("site:impact-organization", kwargs={"code": organization.code}))


def _told_feedback_ids(action: DevelopmentAction) -> set[int]:
    told: set[int] = set()
    for data in action.events.filter(kind=ActionEvent.Kind.TOLD).values_list("data", flat=True):
        told.update(data.get("feedback", []))
    return told


@transaction.atomic
def tell_customers(*, action: DevelopmentAction) -> int:
    """For a done, public action: one message to the sender of each linked feedback who left
    an email address, in the feedback's language, telling what was done. Each sender is told
    once; the message holds nothing of the other senders."""
    action = DevelopmentAction.objects.select_for_update().get(pk=action.pk)
    if action.status != DevelopmentAction.Status.DONE or not action.is_public:
        return 0
    told = _told_feedback_ids(action)
    now = timezone.now()
    sent: list[int] = []
    for feedback in (
        action.feedback.exclude(pk__in=told)
        .exclude(status=Feedback.Status.REMOVED)
        .select_related("contact", "organization")
        .order_by("pk")
    ):
        email = customer_email(feedback)
        if not email:
            continue
        with translation.override(feedback.language):
            context = {
                "action_title": action.title,
                "public_description": action.public_description,
                "organization_name": action.organization.name,
                "completed_on": action.completed_on,
                "reference": feedback.reference,
                "page_url": public_page_url(
                    organization=action.organization, language=feedback.language
                ),
            }
        queue_message(
            kind=OutgoingMessage.Kind.IMPACT,
            recipient=email,
            template="impact",
            context=context,
            language=feedback.language,
            feedback=feedback,
        )
        sent.append(feedback.pk)
    if not sent:
        return 0
    if action.customers_told_at is None:
        action.customers_told_at = now
        action.save(update_fields=["customers_told_at"])
    _action_event(
        action=action,
        kind=ActionEvent.Kind.TOLD,
        to_value=str(len(sent)),
        data={"count": len(sent), "feedback": sent},
        at=now,
    )
    return len(sent)


# Reminders


def staff_action_url(*, action: DevelopmentAction, language: str) -> str:
    with translation.override(language):
        return absolute_url(action.get_absolute_url())


def _remind(*, action: DevelopmentAction, reminder: str, today: dt.date) -> bool:
    """One reminder to the owner; False when the owner cannot be reached by email."""
    owner = action.owner
    if owner.email and owner.is_active:
        with translation.override(owner.language):
            context = {
                "min_group": figures.MIN_GROUP,
                "action": action,
                "user": owner,
                "reminder": reminder,
                "today": today,
                "unit": action.organization.name,
                "staff_url": staff_action_url(action=action, language=owner.language),
            }
        queue_message(
            kind=OutgoingMessage.Kind.ACTION_REMINDER,
            recipient=owner.email,
            template="action_reminder",
            context=context,
            language=owner.language,
            user=owner,
        )
    _action_event(
        action=action,
        kind=ActionEvent.Kind.REMINDED,
        to_value=reminder,
        data={"reminder": reminder, "emailed": bool(owner.email and owner.is_active)},
    )
    return bool(owner.email and owner.is_active)


def send_action_reminders(*, today: dt.date | None = None) -> dict[str, int]:
    """Remind owners once before the due date of an open action, and once at the check
    date of an action followed by a measure (measured then, so the owner sees the figures
    when assessing). Each action is claimed by a conditional update: run twice, or in two
    workers at once, it reminds once."""
    now = timezone.now()
    if today is None:
        today = timezone.localdate(now)
    elif today != timezone.localdate(now):
        # Run for another day (a catch-up or a test): measure as of that day.
        now = dt.datetime.combine(today, dt.time(12), tzinfo=timezone.get_default_timezone())
    counts = {"due": 0, "follow_up": 0}
    due = DevelopmentAction.objects.filter(
        status__in=OPEN_STATUSES,
        due_on__isnull=False,
        due_on__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE_DUE),
        due_reminded_on__isnull=True,
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            claimed = DevelopmentAction.objects.filter(
                pk=pk, due_reminded_on__isnull=True, status__in=OPEN_STATUSES
            ).update(due_reminded_on=today)
            if not claimed:
                continue
            action = DevelopmentAction.objects.select_related("owner", "organization").get(pk=pk)
            _remind(action=action, reminder="due", today=today)
            counts["due"] += 1
    follow_up = (
        DevelopmentAction.objects.exclude(measure="")
        .exclude(status=DevelopmentAction.Status.CANCELLED)
        .filter(
            follow_up_on__isnull=False,
            follow_up_on__lte=today,
            assessed_at__isnull=True,
            follow_up_reminded_on__isnull=True,
        )
        .values_list("pk", flat=True)
    )
    for pk in list(follow_up):
        with transaction.atomic():
            claimed = (
                DevelopmentAction.objects.filter(
                    pk=pk, follow_up_reminded_on__isnull=True, assessed_at__isnull=True
                )
                .exclude(status=DevelopmentAction.Status.CANCELLED)
                .update(follow_up_reminded_on=today)
            )
            if not claimed:
                continue
            action = DevelopmentAction.objects.select_related("owner", "organization").get(pk=pk)
            try:
                with transaction.atomic():
                    action = measure_action(action=action, now=now)
            except (ValidationError, ValueError):
                # A measure that cannot be computed (a statement since removed, say) must
                # not hold the reminder: the owner sees the problem on the action's page.
                log.exception("could not measure development action %s", pk)
            _remind(action=action, reminder="follow_up", today=today)
            counts["follow_up"] += 1
    return counts
