"""Unit meetings and development actions in the back office (C5), and the way from a
feedback through a meeting to a public, done action (C6), over HTTP."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from palaute.feedback.models import Event, Feedback
from palaute.feedback.services import ContactInput, submit_feedback
from palaute.improvements import services
from palaute.improvements.models import ActionEvent, DevelopmentAction, MeetingItem, UnitMeeting
from palaute.notifications.models import OutgoingMessage
from palaute.organizations.models import Membership

Role = Membership.Role


def html_of(response) -> str:
    return response.content.decode()


def assert_invalid(html: str, field_id: str) -> None:
    """The field is marked invalid and described by its error message, shown by it."""
    tag = re.search(rf'<(?:input|select|textarea)\b[^>]*\bid="{re.escape(field_id)}"[^>]*>', html)
    assert tag, field_id
    assert 'aria-invalid="true"' in tag.group(0)
    assert re.search(rf'aria-describedby="[^"]*\b{re.escape(field_id)}_error\b', tag.group(0))
    assert f'id="{field_id}_error"' in html


def en(url: str) -> str:
    """The same back-office page in English, for checking texts of this app's own."""
    return f"/en{url}"


@pytest.fixture
def lead(member):
    return member(Role.SUPERVISOR, "unit", first_name="Essi", last_name="Esihenkilö")


@pytest.fixture
def meeting(tree, lead, feedback_in):
    feedback_in("unit")
    return services.create_meeting(
        organization=tree["unit"],
        title="Yksikön palaveri",
        held_on=timezone.localdate(),
        actor=lead,
    )


def make_action(tree, actor, **kwargs) -> DevelopmentAction:
    values = {
        "organization": tree["unit"],
        "title": "Odotusaulan opasteet",
        "description": "Uudet opasteet odotusaulaan.",
        "owner": actor,
        "actor": actor,
    }
    values.update(kwargs)
    return services.create_action(**values)


# Menu and permissions


def test_menu_shows_meetings_to_leads_and_actions_to_staff(client, member, lead):
    client.force_login(lead)
    html = html_of(client.get(reverse("backoffice:queue")))
    assert f'href="{reverse("backoffice:meetings")}"' in html
    assert f'href="{reverse("backoffice:actions")}"' in html
    client.force_login(member(Role.STAFF))
    html = html_of(client.get(reverse("backoffice:queue")))
    assert f'href="{reverse("backoffice:meetings")}"' not in html
    assert f'href="{reverse("backoffice:actions")}"' in html


@pytest.mark.parametrize("role", [Role.STAFF, Role.HANDLER])
def test_staff_without_lead_cannot_prepare_meetings_or_create_actions(client, tree, member, role):
    user = member(role)
    client.force_login(user)
    assert client.get(reverse("backoffice:meeting-create")).status_code == 403
    response = client.post(
        reverse("backoffice:meeting-create"),
        {
            "organization": tree["unit"].pk,
            "title": "Palaveri",
            "held_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 403
    assert not UnitMeeting.objects.exists()
    assert client.get(reverse("backoffice:action-create")).status_code == 403
    assert client.post(reverse("backoffice:action-create"), {"title": "x"}).status_code == 403
    assert not DevelopmentAction.objects.exists()


def test_staff_of_the_unit_reads_a_meeting_but_cannot_change_it(client, member, meeting):
    item = meeting.items.get()
    client.force_login(member(Role.STAFF))
    html = html_of(client.get(meeting.get_absolute_url()))
    assert item.feedback.reference in html
    assert f"item{item.pk}-decision" not in html
    response = client.post(
        reverse("backoffice:meeting-item-decision", kwargs={"pk": meeting.pk, "item": item.pk}),
        {f"item{item.pk}-decision": "Ei oikeutta"},
    )
    assert response.status_code == 403
    assert (
        client.post(reverse("backoffice:meeting-held", kwargs={"pk": meeting.pk})).status_code
        == 403
    )
    item.refresh_from_db()
    assert item.decision == ""


def test_supervisor_of_a_sibling_unit_cannot_see_the_meeting(client, member, meeting):
    item = meeting.items.get()
    client.force_login(member(Role.SUPERVISOR, "sibling"))
    assert client.get(meeting.get_absolute_url()).status_code == 404
    response = client.post(
        reverse("backoffice:meeting-item-decision", kwargs={"pk": meeting.pk, "item": item.pk}),
        {f"item{item.pk}-decision": "Vieras päätös"},
    )
    assert response.status_code == 404
    assert (
        client.post(reverse("backoffice:meeting-held", kwargs={"pk": meeting.pk})).status_code
        == 404
    )
    html = html_of(client.get(reverse("backoffice:meetings")))
    assert meeting.get_absolute_url() not in html
    item.refresh_from_db()
    assert item.decision == ""


def test_supervisor_of_a_sibling_unit_cannot_see_the_action(client, tree, member, lead):
    action = make_action(tree, lead)
    client.force_login(member(Role.SUPERVISOR, "sibling"))
    assert client.get(action.get_absolute_url()).status_code == 404
    response = client.post(
        reverse("backoffice:action-status", kwargs={"pk": action.pk}),
        {"status-status": "done"},
    )
    assert response.status_code == 404
    assert action.get_absolute_url() not in html_of(client.get(reverse("backoffice:actions")))


def test_units_to_prepare_a_meeting_for_are_those_the_user_leads(client, tree, lead):
    client.force_login(lead)
    html = html_of(client.get(reverse("backoffice:meeting-create")))
    options = re.findall(r'<option value="(\d+)"', html)
    assert {int(pk) for pk in options} == {tree["unit"].pk, tree["child"].pk}
    response = client.post(
        reverse("backoffice:meeting-create"),
        {
            "organization": tree["sibling"].pk,
            "title": "Palaveri",
            "held_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 400
    assert not UnitMeeting.objects.exists()


def test_period_start_is_prefilled_from_the_previous_meeting(client, tree, lead):
    today = timezone.localdate()
    UnitMeeting.objects.create(
        organization=tree["unit"],
        title="Edellinen",
        held_on=today - dt.timedelta(days=30),
        period_start=today - dt.timedelta(days=60),
        period_end=today - dt.timedelta(days=30),
        status=UnitMeeting.Status.HELD,
    )
    client.force_login(lead)
    html = html_of(client.get(reverse("backoffice:meeting-create"), {"unit": tree["unit"].pk}))
    expected = (today - dt.timedelta(days=29)).isoformat()
    assert re.search(rf'name="period_start"[^>]*value="{expected}"', html)


# The whole way over HTTP


def test_from_feedback_through_a_meeting_to_a_public_done_action(
    client, tree, tree_topics, lead, feedback_in
):
    feedback = submit_feedback(
        topic=tree_topics["child"],
        title="Pitkä odotus",
        text="Odotin salaisen tunnin aulassa.",
        contact=ContactInput(name="Asiakas Anna", email="anna@example.fi"),
    ).feedback
    sibling_feedback = feedback_in("sibling")
    today = timezone.localdate()
    client.force_login(lead)

    # Prepare the meeting: the agenda has the unit's (and the unit below's) feedback.
    html = html_of(client.get(reverse("backoffice:meeting-create"), {"unit": tree["unit"].pk}))
    assert 'name="period_start"' in html
    response = client.post(
        reverse("backoffice:meeting-create"),
        {
            "organization": tree["unit"].pk,
            "title": "Yksikön palaveri",
            "held_on": today.isoformat(),
            "period_start": (today - dt.timedelta(days=30)).isoformat(),
        },
    )
    meeting = UnitMeeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    html = html_of(client.get(meeting.get_absolute_url()))
    assert feedback.reference in html
    assert sibling_feedback.reference not in html
    item = MeetingItem.objects.get(meeting=meeting, feedback=feedback)

    # Record a decision: the feedback's page shows it and the feedback has an event.
    response = client.post(
        reverse("backoffice:meeting-item-decision", kwargs={"pk": meeting.pk, "item": item.pk}),
        {f"item{item.pk}-decision": "Lisätään aulaan opasteet."},
    )
    assert response.status_code == 302
    event = Event.objects.get(feedback=feedback, kind=Event.Kind.MEETING)
    assert event.note == "Lisätään aulaan opasteet."
    assert event.actor == lead
    html = html_of(client.get(feedback.get_staff_url()))
    assert "Lisätään aulaan opasteet." in html
    assert meeting.get_absolute_url() in html
    assert reverse("backoffice:action-create") + f"?feedback={feedback.reference}" in html

    # Mark it held with the minutes: the figures are fixed.
    response = client.post(
        reverse("backoffice:meeting-held", kwargs={"pk": meeting.pk}),
        {
            "meeting-title": "Yksikön palaveri",
            "meeting-held_on": today.isoformat(),
            "meeting-minutes": "Käsiteltiin jakson palautteet.",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == UnitMeeting.Status.HELD
    assert meeting.minutes == "Käsiteltiin jakson palautteet."
    assert meeting.figures["feedback"]["total"] == 1
    html = html_of(client.get(meeting.get_absolute_url()))
    assert "Käsiteltiin jakson palautteet." in html

    # Create an action from the agenda item.
    create_url = (
        reverse("backoffice:action-create") + f"?feedback={feedback.reference}&meeting={meeting.pk}"
    )
    assert create_url.replace("&", "&amp;") in html
    html = html_of(client.get(create_url))
    assert feedback.reference in html
    response = client.post(
        create_url,
        {
            "title": "Opasteet odotusaulaan",
            "description": "Tehdään selkeät opasteet.",
            "organization": tree["unit"].pk,
            "owner": lead.pk,
            "due_on": (today + dt.timedelta(days=30)).isoformat(),
            "measure": "statement",
            "measure_statement": "tiedon_saanti",
            "follow_up_on": (today + dt.timedelta(days=120)).isoformat(),
            "baseline_days": "180",
            "is_public": "on",
            "public_description": "Odotusaulaan tehtiin selkeät opasteet.",
        },
    )
    action = DevelopmentAction.objects.get()
    assert response.status_code == 302
    assert response["Location"] == action.get_absolute_url()
    assert list(action.feedback.all()) == [feedback]
    assert action.meeting == meeting
    assert Event.objects.filter(feedback=feedback, kind=Event.Kind.ACTION_LINKED).exists()

    # Done: customers are told, and the public page lists it.
    response = client.post(
        reverse("backoffice:action-status", kwargs={"pk": action.pk}),
        {"status-status": "done", "status-note": "Opasteet on asennettu."},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == DevelopmentAction.Status.DONE
    assert action.completed_on == today
    assert ActionEvent.objects.filter(
        action=action, kind=ActionEvent.Kind.STATUS, note="Opasteet on asennettu."
    ).exists()
    assert (
        OutgoingMessage.objects.to("anna@example.fi")
        .filter(kind=OutgoingMessage.Kind.IMPACT, feedback=feedback)
        .exists()
    )
    html = html_of(client.get(action.get_absolute_url()))
    assert feedback.reference in html
    assert "Opasteet on asennettu." in html
    html = html_of(client.get(feedback.get_staff_url()))
    assert action.get_absolute_url() in html

    client.logout()
    for url in (
        reverse("site:impact"),
        reverse("site:impact-organization", kwargs={"code": tree["root"].code}),
        reverse("site:impact-organization", kwargs={"code": tree["unit"].code}),
    ):
        response = client.get(url)
        assert response.status_code == 200
        page = html_of(response)
        assert "Opasteet odotusaulaan" in page
        assert "Odotusaulaan tehtiin selkeät opasteet." in page
        for secret in (
            feedback.reference,
            "Odotin salaisen tunnin",
            "Pitkä odotus",
            "Asiakas Anna",
            "anna@example.fi",
            "Esihenkilö",
            lead.username,
            "Tehdään selkeät opasteet.",
            "Lisätään aulaan opasteet.",
        ):
            assert secret not in page, secret
    page = html_of(
        client.get(reverse("site:impact-organization", kwargs={"code": tree["sibling"].code}))
    )
    assert "Opasteet odotusaulaan" not in page


# Meetings


def test_agenda_item_can_be_added_from_older_feedback_and_removed(client, tree, lead, feedback_in):
    older = feedback_in("unit")
    Feedback.objects.filter(pk=older.pk).update(received_at=timezone.now() - dt.timedelta(days=200))
    meeting = services.create_meeting(
        organization=tree["unit"], title="Palaveri", held_on=timezone.localdate(), actor=lead
    )
    assert not meeting.items.exists()
    client.force_login(lead)
    html = html_of(client.get(meeting.get_absolute_url()))
    assert f'value="{older.pk}"' in html
    response = client.post(
        reverse("backoffice:meeting-items-add", kwargs={"pk": meeting.pk}),
        {"add-feedback": [older.pk]},
    )
    assert response.status_code == 302
    item = meeting.items.get()
    assert item.feedback == older
    response = client.post(
        reverse("backoffice:meeting-item-remove", kwargs={"pk": meeting.pk, "item": item.pk})
    )
    assert response.status_code == 302
    assert not meeting.items.exists()


def test_adding_nothing_to_the_agenda_shows_the_error_by_the_field(
    client, lead, meeting, feedback_in
):
    older = feedback_in("unit")
    Feedback.objects.filter(pk=older.pk).update(received_at=timezone.now() - dt.timedelta(days=200))
    client.force_login(lead)
    response = client.post(reverse("backoffice:meeting-items-add", kwargs={"pk": meeting.pk}), {})
    assert response.status_code == 400
    html = html_of(response)
    assert 'id="error-summary"' in html
    assert 'id="id_add-feedback_error"' in html


def test_empty_decision_is_an_error_by_the_field_in_finnish(client, lead, meeting):
    item = meeting.items.get()
    client.force_login(lead)
    response = client.post(
        reverse("backoffice:meeting-item-decision", kwargs={"pk": meeting.pk, "item": item.pk}),
        {f"item{item.pk}-decision": ""},
    )
    assert response.status_code == 400
    html = html_of(response)
    assert "Tämä kenttä vaaditaan." in html
    field = f"id_item{item.pk}-decision"
    assert_invalid(html, field)
    assert f'href="#{field}"' in html  # the error summary links to the field
    assert not Event.objects.filter(kind=Event.Kind.MEETING).exists()


def test_held_meeting_shows_frozen_figures_decisions_and_minutes(client, tree, lead, meeting):
    item = meeting.items.get()
    services.record_decision(item=item, decision="Seurataan tilannetta.", actor=lead)
    services.mark_meeting_held(meeting=meeting, actor=lead, minutes="Pöytäkirja.")
    client.force_login(lead)
    html = html_of(client.get(en(meeting.get_absolute_url())))
    assert "Seurataan tilannetta." in html
    assert "Pöytäkirja." in html
    assert "As they were when the meeting was marked held." in html
    assert "fewer than 5 answers" in html  # no questionnaire answers: suppressed
    assert "Save and mark as held" not in html


def test_a_meeting_cannot_be_marked_held_before_its_day(client, tree, lead):
    meeting = services.create_meeting(
        organization=tree["unit"],
        title="Huomenna",
        held_on=timezone.localdate() + dt.timedelta(days=1),
        actor=lead,
    )
    client.force_login(lead)
    response = client.post(
        reverse("backoffice:meeting-held", kwargs={"pk": meeting.pk}),
        {
            "meeting-title": "Huomenna",
            "meeting-held_on": meeting.held_on.isoformat(),
            "meeting-minutes": "Kirjoitettu etukäteen",
        },
    )
    assert response.status_code == 400
    html = html_of(response)
    assert 'id="error-summary"' in html
    assert "Kirjoitettu etukäteen" in html
    meeting.refresh_from_db()
    assert meeting.status == UnitMeeting.Status.DRAFT


def test_meeting_details_errors_are_shown_by_the_fields(client, lead, meeting):
    client.force_login(lead)
    response = client.post(
        reverse("backoffice:meeting-edit", kwargs={"pk": meeting.pk}),
        {"meeting-title": "", "meeting-held_on": "ei päivä", "meeting-minutes": "Muistiinpanot"},
    )
    assert response.status_code == 400
    html = html_of(response)
    assert "Tämä kenttä vaaditaan." in html
    assert "Syötä oikea päivämäärä." in html
    assert 'id="id_meeting-title_error"' in html
    assert "Muistiinpanot" in html  # what was typed is kept


def test_meetings_list_filters_by_unit(client, tree, lead, meeting):
    other = services.create_meeting(
        organization=tree["child"],
        title="Alayksikön palaveri",
        held_on=timezone.localdate(),
        actor=lead,
    )
    client.force_login(lead)
    html = html_of(client.get(reverse("backoffice:meetings")))
    assert meeting.get_absolute_url() in html and other.get_absolute_url() in html
    html = html_of(client.get(reverse("backoffice:meetings"), {"unit": tree["child"].pk}))
    assert other.get_absolute_url() in html
    assert meeting.get_absolute_url() not in html


# Development actions


def test_action_form_errors_are_in_finnish_by_the_fields(client, lead):
    client.force_login(lead)
    response = client.post(reverse("backoffice:action-create"), {"baseline_days": "180"})
    assert response.status_code == 400
    html = html_of(response)
    assert 'id="error-summary"' in html
    assert "Tämä kenttä vaaditaan." in html
    for field in ("title", "description", "organization", "owner"):
        assert_invalid(html, f"id_{field}")
    assert not DevelopmentAction.objects.exists()


def test_action_form_requires_the_statement_and_a_public_description(client, tree, lead):
    client.force_login(lead)
    response = client.post(
        reverse("backoffice:action-create"),
        {
            "title": "Otsikko",
            "description": "Kuvaus",
            "organization": tree["unit"].pk,
            "owner": lead.pk,
            "measure": "statement",
            "baseline_days": "180",
            "is_public": "on",
        },
    )
    assert response.status_code == 400
    html = html_of(response)
    assert 'id="id_measure_statement_error"' in html
    assert 'id="id_public_description_error"' in html


def test_owner_must_hold_a_role_in_the_unit(client, tree, lead, member):
    outsider = member(Role.HANDLER, "sibling")
    client.force_login(lead)
    response = client.post(
        reverse("backoffice:action-create"),
        {
            "title": "Otsikko",
            "description": "Kuvaus",
            "organization": tree["unit"].pk,
            "owner": outsider.pk,
            "baseline_days": "180",
        },
    )
    assert response.status_code == 400
    assert 'id="id_owner_error"' in html_of(response)


def test_actions_list_filters(client, tree, lead, member):
    child_lead = member(Role.SUPERVISOR, "child")
    own = make_action(tree, lead, title="Oma toimenpide")
    below = make_action(tree, child_lead, organization=tree["child"], title="Alayksikön toimenpide")
    services.set_action_status(action=below, status="done", actor=child_lead)
    client.force_login(lead)
    url = reverse("backoffice:actions")
    html = html_of(client.get(url))
    assert "Oma toimenpide" in html and "Alayksikön toimenpide" in html
    assert re.search(r'name="subtree"[^>]*checked|checked[^>]*name="subtree"', html)
    html = html_of(client.get(url, {"filtered": "1", "unit": tree["unit"].pk}))
    assert "Oma toimenpide" in html and "Alayksikön toimenpide" not in html
    html = html_of(client.get(url, {"filtered": "1", "unit": tree["unit"].pk, "subtree": "on"}))
    assert "Alayksikön toimenpide" in html
    html = html_of(client.get(url, {"filtered": "1", "subtree": "on", "status": "done"}))
    assert "Oma toimenpide" not in html and "Alayksikön toimenpide" in html
    html = html_of(client.get(url, {"filtered": "1", "subtree": "on", "mine": "on"}))
    assert "Oma toimenpide" in html and "Alayksikön toimenpide" not in html
    assert own.get_absolute_url() in html


def test_participant_writes_notes_owner_assesses_neither_leads(client, tree, lead, member):
    owner = member(Role.STAFF, "unit", first_name="Olli")
    participant = member(Role.STAFF, "area")
    action = make_action(tree, lead, owner=owner, participants=[participant])
    note_url = reverse("backoffice:action-note", kwargs={"pk": action.pk})
    status_url = reverse("backoffice:action-status", kwargs={"pk": action.pk})
    assess_url = reverse("backoffice:action-assess", kwargs={"pk": action.pk})

    client.force_login(participant)
    assert client.post(note_url, {"note-note": "Tilattu opasteet."}).status_code == 302
    assert client.post(status_url, {"status-status": "done"}).status_code == 403
    assert client.post(assess_url, {"assess-comment": "Hyvä"}).status_code == 403

    client.force_login(owner)
    html = html_of(client.get(action.get_absolute_url()))
    assert "Tilattu opasteet." in html
    assert client.post(status_url, {"status-status": "done"}).status_code == 403
    assert (
        client.get(reverse("backoffice:action-edit", kwargs={"pk": action.pk})).status_code == 403
    )
    assert client.post(assess_url, {"assess-comment": "Vaikutti hyvin."}).status_code == 302
    action.refresh_from_db()
    assert action.impact_comment == "Vaikutti hyvin."
    assert action.assessed_at is not None
    assert action.status == DevelopmentAction.Status.PLANNED

    client.force_login(member(Role.STAFF, "unit"))
    assert client.post(note_url, {"note-note": "Ulkopuolinen"}).status_code == 403


def test_empty_progress_note_is_an_error_by_the_field(client, tree, lead):
    action = make_action(tree, lead)
    client.force_login(lead)
    response = client.post(
        reverse("backoffice:action-note", kwargs={"pk": action.pk}), {"note-note": "  "}
    )
    assert response.status_code == 400
    html = html_of(response)
    assert 'id="id_note-note_error"' in html
    assert "Tämä kenttä vaaditaan." in html


def test_link_and_unlink_feedback_by_reference(client, tree, lead, feedback_in):
    action = make_action(tree, lead)
    own = feedback_in("child")
    foreign = feedback_in("sibling")
    client.force_login(lead)
    link_url = reverse("backoffice:action-link", kwargs={"pk": action.pk})
    assert client.post(link_url, {"link-reference": own.reference}).status_code == 302
    assert list(action.feedback.all()) == [own]
    response = client.post(link_url, {"link-reference": foreign.reference})
    assert response.status_code == 400
    assert 'id="id_link-reference_error"' in html_of(response)
    assert list(action.feedback.all()) == [own]
    response = client.post(
        reverse("backoffice:action-unlink", kwargs={"pk": action.pk, "reference": own.reference})
    )
    assert response.status_code == 302
    assert not action.feedback.exists()
    assert ActionEvent.objects.filter(action=action, kind=ActionEvent.Kind.UNLINKED).exists()


def test_edit_action_keeps_values_and_records_changed_fields(client, tree, lead):
    action = make_action(tree, lead)
    client.force_login(lead)
    url = reverse("backoffice:action-edit", kwargs={"pk": action.pk})
    html = html_of(client.get(url))
    assert "Odotusaulan opasteet" in html
    response = client.post(
        url,
        {
            "title": "Odotusaulan opasteet ja kyltit",
            "description": "Uudet opasteet odotusaulaan.",
            "organization": tree["unit"].pk,
            "owner": lead.pk,
            "measure": "nps",
            "baseline_days": "90",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Odotusaulan opasteet ja kyltit"
    assert action.measure == "nps"
    assert action.baseline_days == 90
    event = ActionEvent.objects.filter(action=action, kind=ActionEvent.Kind.UPDATED).get()
    assert "title" in event.data["fields"]


def test_measure_now_shows_suppressed_groups(client, tree, lead):
    action = make_action(tree, lead, measure="nps")
    client.force_login(lead)
    response = client.post(reverse("backoffice:action-measure", kwargs={"pk": action.pk}))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.measured_at is not None
    assert action.measure_before is None
    html = html_of(client.get(en(action.get_absolute_url())))
    assert "fewer than 5 answers" in html


def test_create_action_from_a_feedback_the_user_cannot_see_is_not_found(client, lead, feedback_in):
    foreign = feedback_in("sibling")
    client.force_login(lead)
    response = client.get(reverse("backoffice:action-create"), {"feedback": foreign.reference})
    assert response.status_code == 404


def test_feedback_page_offers_an_action_only_to_leads(client, member, lead, feedback_in):
    feedback = feedback_in("unit")
    create = reverse("backoffice:action-create") + f"?feedback={feedback.reference}"
    client.force_login(lead)
    assert create in html_of(client.get(feedback.get_staff_url()))
    client.force_login(member(Role.HANDLER))
    assert create not in html_of(client.get(feedback.get_staff_url()))
