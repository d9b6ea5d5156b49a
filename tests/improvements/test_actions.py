"""Development actions (C5): the lifecycle with its events, links to feedback, who sees
what, and telling customers how their feedback was used (C6)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from palaute.feedback.models import Event
from palaute.feedback.services import ContactInput, remove_feedback
from palaute.improvements import selectors, services
from palaute.improvements.models import ActionEvent, DevelopmentAction
from palaute.notifications.models import OutgoingMessage
from palaute.organizations.models import Membership

from .conftest import local

pytestmark = pytest.mark.django_db

D = dt.date
Status = DevelopmentAction.Status


def kinds(action: DevelopmentAction) -> list[str]:
    return list(action.events.values_list("kind", flat=True))


def linked_events(feedback) -> list[Event]:
    return list(Event.objects.filter(feedback=feedback, kind=Event.Kind.ACTION_LINKED))


@pytest.fixture
def make_action(tree, supervisor):
    def make(key: str = "unit", **kwargs):
        kwargs.setdefault("title", "Ajanvarauksen jonot lyhyemmiksi")
        kwargs.setdefault("description", "Lisätään puhelinaikoja aamuihin.")
        kwargs.setdefault("owner", supervisor)
        kwargs.setdefault("actor", supervisor)
        return services.create_action(organization=tree[key], **kwargs)

    return make


# Creating and editing


def test_an_action_is_created_with_its_feedback_linked(
    tree, supervisor, staff, feedback_in, make_action, travel
):
    travel(2026, 3, 1)
    first, second = feedback_in("unit"), feedback_in("child")
    action = make_action(participants=[staff], feedback=[first, second], due_on=D(2026, 5, 1))
    assert action.status == Status.PLANNED
    assert action.started_on == D(2026, 3, 1)
    assert action.created_by == supervisor
    assert list(action.participants.all()) == [staff]
    assert set(action.feedback.all()) == {first, second}
    assert kinds(action) == ["created", "linked", "linked"]
    assert [e.to_value for e in action.events.filter(kind="linked")] == [
        first.reference,
        second.reference,
    ]
    for feedback in (first, second):
        [event] = linked_events(feedback)
        assert event.actor == supervisor
        assert event.data == {"action": action.pk}
        assert event.note == action.title


def test_an_action_refuses_bad_input(tree, member, feedback_in, make_action, supervisor):
    with pytest.raises(ValidationError) as error:
        make_action(feedback=[feedback_in("sibling")])
    assert "feedback" in error.value.message_dict
    # The owner and the participants must have a role in the unit's part of the tree.
    outsider = member(Membership.Role.SUPERVISOR, "sibling", username="ulkopuolinen")
    with pytest.raises(ValidationError) as error:
        make_action(owner=outsider)
    assert "owner" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_action(participants=[outsider])
    assert "participants" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_action(measure="statement", measure_statement="")
    assert "measure_statement" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_action(measure="own_statement")
    assert "measure_own_statement" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_action(is_public=True, public_description="")
    assert "public_description" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_action(description=" ")
    assert "description" in error.value.message_dict
    assert not DevelopmentAction.objects.exists()
    # A director above the unit may own it; the measure's statement is kept only for it.
    director = member(Membership.Role.DIRECTOR, "area", username="alueen-johtaja")
    action = make_action(owner=director, measure="nps", measure_statement="kohtaaminen")
    assert action.measure_statement == ""


def test_an_update_lists_the_changed_fields(make_action, supervisor, staff, travel):
    travel(2026, 3, 1)
    action = make_action(due_on=D(2026, 4, 1))
    DevelopmentAction.objects.filter(pk=action.pk).update(due_reminded_on=D(2026, 3, 25))
    action = services.update_action(
        action=action,
        actor=supervisor,
        changes={
            "title": "Ajanvaraus  ",
            "description": action.description,
            "due_on": D(2026, 5, 1),
            "participants": [staff],
            "measure": "statement",
            "measure_statement": "saatavuus",
        },
    )
    action.refresh_from_db()
    assert action.title == "Ajanvaraus"
    assert action.due_on == D(2026, 5, 1)
    assert action.due_reminded_on is None  # the new due date gets its own reminder
    assert list(action.participants.all()) == [staff]
    [event] = action.events.filter(kind=ActionEvent.Kind.UPDATED)
    assert event.data["fields"] == [
        "title",
        "due_on",
        "participants",
        "measure",
        "measure_statement",
    ]
    assert event.actor == supervisor
    # Nothing changed: no event.
    services.update_action(action=action, actor=supervisor, changes={"title": "Ajanvaraus"})
    assert action.events.filter(kind=ActionEvent.Kind.UPDATED).count() == 1
    with pytest.raises(ValidationError):
        services.update_action(action=action, actor=supervisor, changes={"status": "done"})
    with pytest.raises(ValidationError):
        services.update_action(
            action=action, actor=supervisor, changes={"follow_up_on": D(2026, 2, 1)}
        )


def test_an_action_moves_only_where_its_feedback_belongs(
    tree, make_action, supervisor, feedback_in, member
):
    action = make_action(feedback=[feedback_in("child")])
    services.update_action(action=action, actor=supervisor, changes={"organization": tree["child"]})
    assert DevelopmentAction.objects.get(pk=action.pk).organization == tree["child"]
    other = make_action(feedback=[feedback_in("unit")])
    with pytest.raises(ValidationError):
        services.update_action(
            action=other, actor=supervisor, changes={"organization": tree["child"]}
        )


# The lifecycle


def test_the_lifecycle_of_an_action_is_its_history(make_action, supervisor, staff, travel):
    travel(2026, 3, 1)
    action = make_action(participants=[staff])
    services.set_action_status(action=action, status=Status.IN_PROGRESS, actor=supervisor)
    services.add_progress_note(action=action, actor=staff, note="Puhelinajat lisätty.")
    services.set_action_status(action=action, status=Status.ON_HOLD, actor=supervisor, note="Lomat")
    travel(2026, 4, 1)
    done = services.set_action_status(action=action, status=Status.DONE, actor=supervisor)
    assert done.completed_on == D(2026, 4, 1)
    reopened = services.set_action_status(action=done, status=Status.IN_PROGRESS, actor=supervisor)
    assert reopened.completed_on is None
    assert DevelopmentAction.objects.get(pk=action.pk).completed_on is None
    # The same status again is no change.
    services.set_action_status(action=reopened, status=Status.IN_PROGRESS, actor=supervisor)
    cancelled = services.set_action_status(
        action=reopened, status=Status.CANCELLED, actor=supervisor, note="Ei resursseja."
    )
    assert cancelled.status == Status.CANCELLED

    statuses = [
        (e.from_value, e.to_value, e.note)
        for e in action.events.filter(kind=ActionEvent.Kind.STATUS)
    ]
    assert statuses == [
        ("planned", "in_progress", ""),
        ("in_progress", "on_hold", "Lomat"),
        ("on_hold", "done", ""),
        ("done", "in_progress", ""),
        ("in_progress", "cancelled", "Ei resursseja."),
    ]
    [note] = action.events.filter(kind=ActionEvent.Kind.NOTE)
    assert (note.actor, note.note) == (staff, "Puhelinajat lisätty.")
    with pytest.raises(ValidationError):
        services.add_progress_note(action=action, actor=staff, note="  ")
    with pytest.raises(ValidationError):
        services.set_action_status(action=action, status="finished", actor=supervisor)


def test_linking_and_unlinking_leave_events_on_both_sides(make_action, supervisor, feedback_in):
    action = make_action()
    feedback = feedback_in("child")
    assert services.link_feedback(action=action, feedback=feedback, actor=supervisor) is True
    assert services.link_feedback(action=action, feedback=feedback, actor=supervisor) is False
    assert services.unlink_feedback(action=action, feedback=feedback, actor=supervisor) is True
    assert services.unlink_feedback(action=action, feedback=feedback, actor=supervisor) is False
    assert not action.feedback.exists()
    assert kinds(action) == ["created", "linked", "unlinked"]
    linked, unlinked = linked_events(feedback)
    assert (linked.to_value, linked.data) == (str(action.pk), {"action": action.pk})
    assert unlinked.from_value == str(action.pk)
    assert unlinked.data == {"action": action.pk, "unlinked": True}
    with pytest.raises(ValidationError):
        services.link_feedback(action=action, feedback=feedback_in("area"), actor=supervisor)
    removed = feedback_in("unit")
    remove_feedback(feedback=removed, actor=supervisor, reason="Asiaton.")
    with pytest.raises(ValidationError):
        services.link_feedback(action=action, feedback=removed, actor=supervisor)


# Who sees actions, and who may do what


def test_actions_are_seen_in_the_subtree_of_a_role(
    tree, make_action, supervisor, director, sibling_supervisor, staff, member, travel
):
    travel(2026, 3, 1)
    unit = make_action(title="Yksikkö", due_on=D(2026, 3, 10))
    child = make_action("child", title="Alayksikkö", due_on=D(2026, 3, 20))
    sibling = make_action(
        "sibling", title="Sisar", owner=sibling_supervisor, actor=sibling_supervisor
    )
    services.set_action_status(action=child, status=Status.DONE, actor=supervisor)

    def seen(user, **kwargs):
        return {a.title for a in selectors.actions_for(user=user, **kwargs)}

    assert seen(supervisor) == {"Yksikkö", "Alayksikkö"}
    assert seen(staff) == {"Yksikkö", "Alayksikkö"}
    assert seen(sibling_supervisor) == {"Sisar"}
    assert seen(director) == {"Yksikkö", "Alayksikkö", "Sisar"}
    assert seen(director, organization=tree["unit"]) == {"Yksikkö", "Alayksikkö"}
    assert seen(director, organization=tree["unit"], subtree=False) == {"Yksikkö"}
    assert seen(director, status="done") == {"Alayksikkö"}
    assert seen(director, status="open") == {"Yksikkö", "Sisar"}
    assert seen(supervisor, mine=True) == {"Yksikkö", "Alayksikkö"}
    assert seen(director, mine=True) == set()

    assert selectors.action_detail(action_id=unit.pk, user=director) == unit
    assert selectors.action_detail(action_id=sibling.pk, user=supervisor) is None
    # A participant is shown the actions they take part in.
    helper = member(Membership.Role.STAFF, "area", username="apulainen")
    services.update_action(
        action=sibling, actor=sibling_supervisor, changes={"participants": [helper]}
    )
    assert seen(helper, mine=True) == {"Sisar"}

    assert [a.title for a in selectors.due_soon(user=supervisor)] == ["Yksikkö"]
    assert selectors.due_soon(user=director) == []

    assert selectors.can_lead_action(user=supervisor, action=unit)
    assert not selectors.can_lead_action(user=staff, action=unit)
    assert not selectors.can_note_action(user=staff, action=unit)
    services.update_action(action=unit, actor=supervisor, changes={"participants": [staff]})
    assert selectors.can_note_action(user=staff, action=unit)
    assert not selectors.can_assess_action(user=staff, action=unit)
    assert selectors.can_assess_action(user=director, action=unit)
    assert not selectors.can_note_action(user=sibling_supervisor, action=unit)


def test_the_feedback_page_shows_its_actions_to_those_who_see_them(
    make_action, supervisor, sibling_supervisor, feedback_in
):
    feedback = feedback_in("unit")
    action = make_action(feedback=[feedback])
    assert selectors.for_feedback(feedback=feedback, user=supervisor)["actions"] == [action]
    assert selectors.for_feedback(feedback=feedback, user=sibling_supervisor)["actions"] == []


def test_the_public_page_lists_only_done_public_actions(
    tree, make_action, supervisor, sibling_supervisor, travel
):
    travel(2026, 3, 1)
    public = {"is_public": True, "public_description": "Puhelinaikoja lisättiin."}
    done_public = make_action(title="Valmis ja julkinen", **public)
    make_action(title="Kesken ja julkinen", **public)
    done_private = make_action(title="Valmis, ei julkinen")
    later = make_action("child", title="Myöhemmin valmis", **public)
    cancelled = make_action(title="Peruttu", **public)
    sibling = make_action(
        "sibling", title="Sisar", owner=sibling_supervisor, actor=sibling_supervisor, **public
    )
    for action in (done_public, done_private, sibling):
        services.set_action_status(action=action, status=Status.DONE, actor=supervisor)
    services.set_action_status(action=cancelled, status=Status.CANCELLED, actor=supervisor)
    travel(2026, 3, 5)
    services.set_action_status(action=later, status=Status.DONE, actor=supervisor)

    titles = [a.title for a in selectors.public_actions()]
    assert titles == ["Myöhemmin valmis", "Sisar", "Valmis ja julkinen"]
    assert [a.title for a in selectors.public_actions(organization=tree["unit"])] == [
        "Myöhemmin valmis",
        "Valmis ja julkinen",
    ]
    # Only what the page shows is read.
    row = selectors.public_actions().first()
    assert {"description", "owner_id", "impact_comment"} <= row.get_deferred_fields()
    organizations = selectors.public_organizations()
    assert [(o.code, o.public_action_count) for o in organizations] == [("root", 3), ("area", 3)]


# Telling customers (C6)


@pytest.fixture
def senders(feedback_in, supervisor):
    """Linked feedback: two with an email (one in Swedish), one with a phone only, one
    anonymous, one removed after linking."""
    return {
        "anna": feedback_in(
            "unit",
            title="Jonot ovat pitkiä",
            contact=ContactInput(name="Anna Asiakas", email="anna@example.fi"),
        ),
        "bertil": feedback_in(
            "child",
            title="Köerna är långa",
            language="sv",
            contact=ContactInput(name="Bertil Kund", email="bertil@example.se"),
        ),
        "phone": feedback_in(
            "unit", title="Puhelin", contact=ContactInput(name="Pia", phone="+358401234567")
        ),
        "anonymous": feedback_in("unit", title="Nimetön", contact=None),
        "removed": feedback_in(
            "unit", title="Poistettu", contact=ContactInput(email="poistettu@example.fi")
        ),
    }


def impact_messages():
    return list(OutgoingMessage.objects.filter(kind=OutgoingMessage.Kind.IMPACT).order_by("pk"))


def test_customers_are_told_once_when_a_public_action_is_done(
    make_action, supervisor, senders, feedback_in, travel
):
    travel(2026, 4, 1)
    action = make_action(
        feedback=list(senders.values()),
        is_public=True,
        public_description="Lisäsimme aamuihin puhelinaikoja.",
    )
    remove_feedback(feedback=senders["removed"], actor=supervisor, reason="Asiaton.")
    OutgoingMessage.objects.all().delete()  # receipts of the intake

    assert services.tell_customers(action=action) == 0  # not done yet
    services.set_action_status(action=action, status=Status.DONE, actor=supervisor)

    anna, bertil = impact_messages()
    assert (anna.recipient, anna.feedback) == ("anna@example.fi", senders["anna"])
    assert (bertil.recipient, bertil.feedback) == ("bertil@example.se", senders["bertil"])
    for message in (anna, bertil):
        assert "Lisäsimme aamuihin puhelinaikoja." in message.body
        assert action.title in message.body
        assert "http://testserver/" in message.body
    assert senders["anna"].reference in anna.body
    # Nothing of the other senders.
    others = [senders[key] for key in senders if key != "anna"]
    for other in others:
        assert other.reference not in anna.body
        assert other.title not in anna.body
    for secret in ("bertil", "Bertil", "Pia", "+35840", "poistettu", "Nimetön"):
        assert secret not in anna.body + anna.subject
    assert "anna" not in bertil.body.lower()

    action.refresh_from_db()
    assert action.customers_told_at is not None
    [told] = action.events.filter(kind=ActionEvent.Kind.TOLD)
    assert told.data["count"] == 2

    # Once: told again, reopened and done again, nobody gets a second message.
    assert services.tell_customers(action=action) == 0
    services.set_action_status(action=action, status=Status.IN_PROGRESS, actor=supervisor)
    services.set_action_status(action=action, status=Status.DONE, actor=supervisor)
    assert len(impact_messages()) == 2

    # A sender linked after the action was done is told then.
    late = feedback_in("unit", contact=ContactInput(email="myohassa@example.fi"))
    services.link_feedback(action=action, feedback=late, actor=supervisor)
    assert [m.recipient for m in impact_messages()][-1] == "myohassa@example.fi"
    assert len(impact_messages()) == 3


def test_nobody_is_told_of_an_action_that_is_not_public(make_action, supervisor, senders, travel):
    travel(2026, 4, 1)
    action = make_action(feedback=[senders["anna"]])
    services.set_action_status(action=action, status=Status.DONE, actor=supervisor)
    assert services.tell_customers(action=action) == 0
    assert impact_messages() == []
    assert not action.events.filter(kind=ActionEvent.Kind.TOLD).exists()
    # Made public once done, its customers are told.
    services.update_action(
        action=action,
        actor=supervisor,
        changes={"is_public": True, "public_description": "Muutimme ajanvarausta."},
    )
    [message] = impact_messages()
    assert message.recipient == "anna@example.fi"
    assert "Muutimme ajanvarausta." in message.body


def test_the_public_page_is_linked_in_the_customers_language(
    make_action, supervisor, senders, travel
):
    travel(2026, 4, 1)
    action = make_action(
        feedback=[senders["bertil"]], is_public=True, public_description="Fler telefontider."
    )
    services.set_action_status(action=action, status=Status.DONE, actor=supervisor)
    [message] = impact_messages()
    expected = services.public_page_url(organization=action.organization, language="sv")
    assert expected in message.body


def test_survey_answers_seen_by_nobody_are_not_told(make_action, supervisor, answer, travel):
    travel(2026, 4, 1)
    response = answer("unit", local(2026, 3, 20), nps=2, text="Odotin liian kauan.")
    action = make_action(
        feedback=[response.feedback], is_public=True, public_description="Jonoja lyhennettiin."
    )
    services.set_action_status(action=action, status=Status.DONE, actor=supervisor)
    assert impact_messages() == []  # an anonymous answer has no address to tell
