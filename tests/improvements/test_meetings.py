"""Unit meetings (C5): the agenda of the period, decisions that become feedback events, and
figures fixed when the meeting is held."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from palaute.feedback.models import Event
from palaute.feedback.services import remove_feedback, set_critical
from palaute.improvements import selectors, services
from palaute.improvements.models import MeetingItem, UnitMeeting
from palaute.surveys import figures

from .conftest import local

pytestmark = pytest.mark.django_db

D = dt.date


def agenda(meeting: UnitMeeting) -> list[str]:
    return [item.feedback.title for item in meeting.items.select_related("feedback")]


def titled(feedback_in, key: str, title: str, at: dt.datetime):
    feedback = feedback_in(key, received_at=at)
    feedback.title = title
    feedback.save(update_fields=["title"])
    return feedback


# The period


def test_without_earlier_meetings_the_period_starts_90_days_back(tree):
    start = services.previous_period_start(organization=tree["unit"], held_on=D(2026, 3, 31))
    assert start == D(2026, 3, 31) - dt.timedelta(days=90)


def test_the_period_starts_the_day_after_the_previous_meetings_period(tree, supervisor, travel):
    travel(2026, 4, 1)
    services.create_meeting(
        organization=tree["unit"], title="Helmikuu", held_on=D(2026, 2, 10), actor=supervisor
    )
    services.create_meeting(
        organization=tree["unit"], title="Maaliskuu", held_on=D(2026, 3, 10), actor=supervisor
    )
    # Another unit's meeting does not count.
    services.create_meeting(
        organization=tree["sibling"], title="Sisar", held_on=D(2026, 3, 20), actor=supervisor
    )
    start = services.previous_period_start(organization=tree["unit"], held_on=D(2026, 4, 1))
    assert start == D(2026, 3, 11)
    meeting = services.create_meeting(
        organization=tree["unit"], title="Huhtikuu", held_on=D(2026, 4, 1), actor=supervisor
    )
    assert (meeting.period_start, meeting.period_end) == (D(2026, 3, 11), D(2026, 4, 1))


# The agenda


@pytest.fixture
def period_feedback(feedback_in, supervisor, travel):
    """Feedback around the period 1.3.–31.3.2026 (local dates) in every part of the tree."""
    travel(2026, 4, 1, 9)
    made = {
        "unit early": titled(feedback_in, "unit", "unit early", local(2026, 3, 2, 8)),
        "child": titled(feedback_in, "child", "child", local(2026, 3, 5)),
        "unit late critical": titled(feedback_in, "unit", "unit late critical", local(2026, 3, 20)),
        # 00:30 on 1 March in Helsinki is still 28 February in UTC: inside.
        "first minute": titled(feedback_in, "unit", "first minute", local(2026, 3, 1, 0)),
        # 23:30 on 28 February in Helsinki: outside, though 21:30 UTC the same day.
        "before": titled(feedback_in, "unit", "before", local(2026, 2, 28, 23)),
        "older": titled(feedback_in, "child", "older", local(2026, 1, 15)),
        "sibling": titled(feedback_in, "sibling", "sibling", local(2026, 3, 10)),
        "area": titled(feedback_in, "area", "area", local(2026, 3, 10)),
        "removed": titled(feedback_in, "unit", "removed", local(2026, 3, 12)),
        "after": titled(feedback_in, "unit", "after", local(2026, 4, 1, 8)),
    }
    remove_feedback(feedback=made["removed"], actor=supervisor, reason="Asiaton viesti.")
    set_critical(
        feedback=made["unit late critical"],
        critical=True,
        actor=supervisor,
        reason="Potilasturvallisuus vaarantui.",
    )
    return made


def test_the_agenda_is_the_subtrees_feedback_of_the_period_critical_first(
    tree, supervisor, period_feedback
):
    meeting = services.create_meeting(
        organization=tree["unit"],
        title="Yksikön palaveri",
        held_on=D(2026, 3, 31),
        period_start=D(2026, 3, 1),
        actor=supervisor,
    )
    assert meeting.status == UnitMeeting.Status.DRAFT
    assert meeting.period_end == D(2026, 3, 31)
    assert agenda(meeting) == ["unit late critical", "first minute", "unit early", "child"]
    assert [item.order for item in meeting.items.all()] == [1, 2, 3, 4]


def test_chosen_older_feedback_joins_the_agenda(tree, supervisor, period_feedback):
    meeting = services.create_meeting(
        organization=tree["unit"],
        title="Palaveri",
        held_on=D(2026, 3, 31),
        period_start=D(2026, 3, 1),
        actor=supervisor,
        extra_feedback=[period_feedback["older"], period_feedback["child"]],
    )
    assert agenda(meeting) == ["unit late critical", "first minute", "unit early", "child", "older"]


@pytest.mark.parametrize("key", ["sibling", "area", "removed"])
def test_feedback_of_other_units_or_removed_cannot_be_chosen(
    tree, supervisor, period_feedback, key
):
    with pytest.raises(ValidationError) as error:
        services.create_meeting(
            organization=tree["unit"],
            title="Palaveri",
            held_on=D(2026, 3, 31),
            period_start=D(2026, 3, 1),
            actor=supervisor,
            extra_feedback=[period_feedback[key]],
        )
    assert "feedback" in error.value.message_dict
    assert not UnitMeeting.objects.exists()


def test_a_period_must_end_after_it_starts(tree, supervisor):
    with pytest.raises(ValidationError):
        services.create_meeting(
            organization=tree["unit"],
            title="Palaveri",
            held_on=D(2026, 3, 1),
            period_start=D(2026, 3, 2),
            actor=supervisor,
        )
    with pytest.raises(ValidationError):
        services.create_meeting(
            organization=tree["unit"], title="  ", held_on=D(2026, 3, 1), actor=supervisor
        )


def test_scores_only_answers_stay_in_the_figures_not_on_the_agenda(
    tree, supervisor, answer, travel
):
    travel(2026, 3, 31)
    answer("unit", local(2026, 3, 10), nps=9)
    commented = answer("unit", local(2026, 3, 11), nps=3, text="Jonotin kaksi tuntia.")
    meeting = services.create_meeting(
        organization=tree["unit"],
        title="Palaveri",
        held_on=D(2026, 3, 31),
        period_start=D(2026, 3, 1),
        actor=supervisor,
    )
    assert [item.feedback_id for item in meeting.items.all()] == [commented.feedback_id]
    assert selectors.meeting_figures(meeting=meeting)["responses"] == 2


def test_items_can_be_added_once_and_only_from_the_subtree(tree, supervisor, period_feedback):
    meeting = services.create_meeting(
        organization=tree["unit"],
        title="Palaveri",
        held_on=D(2026, 3, 31),
        period_start=D(2026, 3, 1),
        actor=supervisor,
    )
    candidates = list(selectors.agenda_candidates(meeting=meeting))
    assert [f.title for f in candidates] == ["before", "older"]
    added = services.add_meeting_items(
        meeting=meeting,
        feedback=[period_feedback["older"], period_feedback["child"]],
        actor=supervisor,
    )
    assert added == 1
    assert agenda(meeting)[-1] == "older"
    assert [f.title for f in selectors.agenda_candidates(meeting=meeting)] == ["before"]
    with pytest.raises(ValidationError):
        services.add_meeting_items(
            meeting=meeting, feedback=[period_feedback["sibling"]], actor=supervisor
        )


# Decisions


@pytest.fixture
def meeting(tree, supervisor, period_feedback):
    return services.create_meeting(
        organization=tree["unit"],
        title="Maaliskuun palaveri",
        held_on=D(2026, 3, 31),
        period_start=D(2026, 3, 1),
        actor=supervisor,
    )


def meeting_events(feedback):
    return list(Event.objects.filter(feedback=feedback, kind=Event.Kind.MEETING))


def test_a_decision_becomes_an_event_of_the_feedback(meeting, supervisor):
    item = meeting.items.first()
    services.record_decision(item=item, decision="Ohjeistetaan vastaanotto.", actor=supervisor)
    item.refresh_from_db()
    assert item.decision == "Ohjeistetaan vastaanotto."
    assert item.decided_by == supervisor
    assert item.decided_at is not None
    [event] = meeting_events(item.feedback)
    assert event.actor == supervisor
    assert event.note == "Ohjeistetaan vastaanotto."
    assert event.data["meeting"] == meeting.pk

    # The same decision again changes nothing; a changed one is another event.
    services.record_decision(item=item, decision="Ohjeistetaan vastaanotto.", actor=supervisor)
    assert len(meeting_events(item.feedback)) == 1
    services.record_decision(item=item, decision="Tehdään kehittämistoimenpide.", actor=supervisor)
    events = meeting_events(item.feedback)
    assert [e.note for e in events] == [
        "Ohjeistetaan vastaanotto.",
        "Tehdään kehittämistoimenpide.",
    ]
    assert events[1].data["changed"] is True
    with pytest.raises(ValidationError):
        services.record_decision(item=item, decision=" ", actor=supervisor)


def test_items_come_off_a_draft_agenda_and_off_a_held_one_only_undecided(
    meeting, supervisor, travel
):
    first, second, third = list(meeting.items.all())[:3]
    services.record_decision(item=first, decision="Käsitelty.", actor=supervisor)
    services.remove_meeting_item(item=first, actor=supervisor)
    assert not MeetingItem.objects.filter(pk=first.pk).exists()
    # The decision recorded earlier stays in the history, with the removal.
    assert [e.data.get("removed", False) for e in meeting_events(first.feedback)] == [False, True]

    services.record_decision(item=second, decision="Käsitelty.", actor=supervisor)
    services.mark_meeting_held(meeting=meeting, actor=supervisor)
    second.refresh_from_db()
    with pytest.raises(ValidationError):
        services.remove_meeting_item(item=second, actor=supervisor)
    services.remove_meeting_item(item=third, actor=supervisor)
    assert meeting.items.count() == 2


# Held meetings


def test_a_held_meeting_keeps_the_figures_of_its_period(
    tree, supervisor, answer, travel, feedback_in
):
    travel(2026, 3, 31)
    for score in (10, 9, 9, 7, 3):
        answer("unit", local(2026, 3, 10), nps=score, statements={"kohtaaminen": 5})
    answer("child", local(2026, 3, 12), nps=0, statements={"kohtaaminen": 2})
    feedback_in("unit", received_at=local(2026, 3, 20))
    meeting = services.create_meeting(
        organization=tree["unit"],
        title="Palaveri",
        held_on=D(2026, 3, 31),
        period_start=D(2026, 3, 1),
        actor=supervisor,
    )
    services.update_meeting(
        meeting=meeting, actor=supervisor, title="Palaveri", held_on=D(2026, 3, 31), minutes=""
    )
    held = services.mark_meeting_held(meeting=meeting, actor=supervisor, minutes="Pöytäkirja.")
    assert held.status == UnitMeeting.Status.HELD
    assert held.held_at is not None
    assert held.minutes == "Pöytäkirja."
    frozen = selectors.meeting_figures(meeting=held)
    assert frozen["nps"]["count"] == 6
    assert frozen["nps"]["value"] == pytest.approx(100 * (3 - 2) / 6, abs=0.05)  # 16.7
    kohtaaminen = next(s for s in frozen["statements"] if s["code"] == "kohtaaminen")
    assert (kohtaaminen["count"], kohtaaminen["positive_share"]) == (6, pytest.approx(83.3))

    # Answers typed in later for the same period change the live figures, not the meeting's.
    for _ in range(4):
        answer("unit", local(2026, 3, 15), nps=0, statements={"kohtaaminen": 1})
    feedback_in("unit", received_at=local(2026, 3, 16))
    live = figures.period_figures(
        organization=tree["unit"], start=D(2026, 3, 1), end=D(2026, 3, 31)
    )
    assert live["nps"]["count"] == 10
    assert live["feedback"]["total"] == 12
    held = UnitMeeting.objects.get(pk=held.pk)
    assert selectors.meeting_figures(meeting=held) == frozen
    assert frozen["feedback"]["total"] == 7
    assert held.figures["nps"]["count"] == 6

    # Decisions may still be recorded after the meeting; it cannot be held twice, and its
    # date stays with its figures.
    item = held.items.first()
    services.record_decision(item=item, decision="Selvitetään.", actor=supervisor)
    with pytest.raises(ValidationError):
        services.mark_meeting_held(meeting=held, actor=supervisor)
    with pytest.raises(ValidationError):
        services.update_meeting(
            meeting=held, actor=supervisor, title="X", held_on=D(2026, 4, 2), minutes=""
        )


def test_a_draft_follows_its_date_and_a_future_meeting_is_not_yet_held(meeting, supervisor):
    # The clock stands at 1.4.2026 (period_feedback).
    services.update_meeting(
        meeting=meeting, actor=supervisor, title="Siirretty", held_on=D(2026, 4, 7), minutes="x"
    )
    meeting.refresh_from_db()
    assert (meeting.title, meeting.held_on, meeting.period_end) == (
        "Siirretty",
        D(2026, 4, 7),
        D(2026, 4, 7),
    )
    with pytest.raises(ValidationError):
        services.mark_meeting_held(meeting=meeting, actor=supervisor)
    with pytest.raises(ValidationError):
        services.update_meeting(
            meeting=meeting, actor=supervisor, title="X", held_on=D(2026, 2, 1), minutes=""
        )


# Who sees meetings


def test_meetings_are_seen_in_the_subtree_of_a_role(
    tree, supervisor, director, sibling_supervisor, staff, travel
):
    travel(2026, 4, 1)
    unit = services.create_meeting(
        organization=tree["unit"], title="Yksikkö", held_on=D(2026, 3, 1), actor=supervisor
    )
    child = services.create_meeting(
        organization=tree["child"], title="Alayksikkö", held_on=D(2026, 3, 2), actor=supervisor
    )
    sibling = services.create_meeting(
        organization=tree["sibling"], title="Sisar", held_on=D(2026, 3, 3), actor=sibling_supervisor
    )

    def seen(user, **kwargs):
        return [m.title for m in selectors.meetings_for(user=user, **kwargs)]

    assert seen(supervisor) == ["Alayksikkö", "Yksikkö"]
    assert seen(staff) == ["Alayksikkö", "Yksikkö"]
    assert seen(sibling_supervisor) == ["Sisar"]
    assert seen(director) == ["Sisar", "Alayksikkö", "Yksikkö"]
    assert seen(director, organization=tree["unit"]) == ["Alayksikkö", "Yksikkö"]
    assert selectors.meetings_for(user=supervisor).get(pk=unit.pk).item_count == 0

    assert selectors.meeting_with_items(meeting_id=child.pk, user=supervisor) == child
    assert selectors.meeting_with_items(meeting_id=sibling.pk, user=supervisor) is None
    assert selectors.meeting_with_items(meeting_id=unit.pk, user=sibling_supervisor) is None


def test_the_feedback_page_shows_the_meetings_it_was_processed_in(
    meeting, supervisor, sibling_supervisor
):
    item = meeting.items.first()
    services.record_decision(item=item, decision="Käsitelty.", actor=supervisor)
    shown = selectors.for_feedback(feedback=item.feedback, user=supervisor)
    assert shown["meeting_items"] == [item]
    assert selectors.for_feedback(feedback=item.feedback, user=sibling_supervisor) == {
        "actions": [],
        "meeting_items": [],
    }
