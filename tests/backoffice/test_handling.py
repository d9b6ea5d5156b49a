"""Handling a feedback from the back office, as a handler does it every day."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from palaute.feedback.models import Answer, Event, Feedback
from palaute.feedback.services import ContactInput, LocationInput

pytestmark = pytest.mark.django_db


def url(name, feedback, **kwargs):
    return reverse(f"backoffice:{name}", kwargs={"reference": feedback.reference, **kwargs})


@pytest.fixture
def signed_in(client, handler):
    client.force_login(handler)
    return client


def test_handler_takes_answers_and_closes(
    signed_in, handler, feedback_in, django_capture_on_commit_callbacks
):
    feedback = feedback_in("unit", contact_requested=True)
    signed_in.post(
        url("status", feedback), {"status-status": "in_processing", "status-note": "Aloitetaan"}
    )
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.IN_PROCESSING
    assert feedback.taken_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            url("answer", feedback), {"answer-kind": "answer", "answer-text": "Korjaamme asian."}
        )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.ANSWERED
    assert feedback.contacted_at is not None
    assert [m.to for m in mail.outbox] == [["anna@example.fi"]]
    assert "Korjaamme asian." in mail.outbox[0].body
    signed_in.post(url("status", feedback), {"status-status": "closed"})
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.CLOSED
    assert feedback.due_at is None
    statuses = list(feedback.events.filter(kind=Event.Kind.STATUS).values_list("to_value", "actor"))
    assert statuses == [
        ("in_processing", handler.pk),
        ("answered", handler.pk),
        ("closed", handler.pk),
    ]


def test_illegal_transition_is_refused_with_a_message(signed_in, feedback_in):
    feedback = feedback_in("unit")
    signed_in.post(url("status", feedback), {"status-status": "closed"})
    response = signed_in.post(url("status", feedback), {"status-status": "answered"})
    assert response.status_code == 400
    assert "answered" not in Feedback.objects.filter(pk=feedback.pk).values_list(
        "status", flat=True
    )


def test_internal_note_is_never_public_nor_sent(
    signed_in, feedback_in, client, django_capture_on_commit_callbacks
):
    feedback = feedback_in("unit")
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(
            url("answer", feedback),
            {"answer-kind": "note", "answer-text": "Sisäinen huomio asiasta"},
        )
    assert not mail.outbox
    note = Answer.objects.get(feedback=feedback)
    assert note.kind == Answer.Kind.NOTE
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.RECEIVED
    client.logout()
    assert feedback.is_published
    assert "Sisäinen huomio" not in client.get(feedback.get_absolute_url()).content.decode()
    assert "Sisäinen huomio" not in client.get("/feeds/latest/").content.decode()


def test_empty_answer_is_refused_and_nothing_is_lost(signed_in, feedback_in):
    feedback = feedback_in("unit")
    response = signed_in.post(
        url("answer", feedback), {"answer-kind": "answer", "answer-text": "   "}
    )
    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_viewing_contact_details_is_an_event(signed_in, handler, feedback_in):
    feedback = feedback_in("unit")
    page = signed_in.get(feedback.get_staff_url()).content.decode()
    assert "anna@example.fi" not in page
    shown = signed_in.post(url("contact", feedback)).content.decode()
    assert "anna@example.fi" in shown
    assert "+358401112222" in shown
    assert feedback.events.filter(kind=Event.Kind.CONTACT_VIEWED, actor=handler).count() == 1


def test_forwarding_moves_the_feedback_to_another_queue(client, handler, member, tree, feedback_in):
    feedback = feedback_in("unit")
    client.force_login(handler)
    response = client.post(
        url("forward", feedback),
        {"forward-organization": tree["sibling"].pk, "forward-note": "Kuuluu teille"},
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.organization == tree["sibling"]
    event = feedback.events.get(kind=Event.Kind.FORWARDED)
    assert (event.from_value, event.to_value, event.note) == ("unit", "sibling", "Kuuluu teille")
    other = member("handler", "sibling")
    client.force_login(other)
    assert feedback.reference in client.get(reverse("backoffice:queue")).content.decode()
    client.force_login(handler)
    assert client.get(feedback.get_staff_url()).status_code == 404


def test_changing_the_topic_reroutes_to_its_unit(signed_in, feedback_in, tree_topics, tree):
    feedback = feedback_in("unit")
    signed_in.post(
        url("topic", feedback),
        {
            "topic-topic": tree_topics["child"].pk,
            "topic-reroute": "on",
            "topic-note": "Tarkempi aihe",
        },
    )
    feedback.refresh_from_db()
    assert feedback.topic == tree_topics["child"]
    assert feedback.organization == tree["child"]
    assert feedback.events.filter(kind=Event.Kind.TOPIC_CHANGED).exists()


def test_estimate_is_stored_shown_and_sent(
    signed_in, feedback_in, client, django_capture_on_commit_callbacks
):
    submission_feedback = feedback_in("unit")
    day = timezone.localdate() + dt.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(
            url("estimate", submission_feedback),
            {
                "estimate-estimated_done_on": day.isoformat(),
                "estimate-note": "Odotamme urakoitsijaa.",
            },
        )
    submission_feedback.refresh_from_db()
    assert submission_feedback.estimated_done_on == day
    assert submission_feedback.status == Feedback.Status.IN_PROCESSING
    assert len(mail.outbox) == 1
    assert day.strftime("%-d.%-m.%Y") in mail.outbox[0].body
    assert "Odotamme urakoitsijaa." in mail.outbox[0].body


def test_estimate_in_the_past_is_refused(signed_in, feedback_in):
    feedback = feedback_in("unit")
    response = signed_in.post(
        url("estimate", feedback), {"estimate-estimated_done_on": "2020-01-01"}
    )
    assert response.status_code == 400
    feedback.refresh_from_db()
    assert feedback.estimated_done_on is None


def test_estimate_is_on_the_tracking_page(client, handler, tree_topics):
    from palaute.feedback.services import give_estimate, submit_feedback

    submission = submit_feedback(topic=tree_topics["unit"], title="Otsikko", text="Tekstiä tässä")
    day = timezone.localdate() + dt.timedelta(days=3)
    give_estimate(feedback=submission.feedback, estimated_done_on=day, actor=handler)
    page = client.get(
        reverse("site:track", kwargs={"token": submission.tracking_token})
    ).content.decode()
    assert day.strftime("%-d.%-m.%Y") in page


def test_moderator_edits_redacts_and_releases(signed_in, tree_topics, client):
    from palaute.feedback.services import submit_feedback

    feedback = submit_feedback(
        topic=tree_topics["unit"],
        title="Naapurin auto",
        text="Soittakaa 040 123 4567 tai kirjoittakaa a.b@example.fi, kiitos.",
        location=LocationInput(address="Kotikatu 1"),
    ).feedback
    assert feedback.publication_state == Feedback.PublicationState.HELD
    page = signed_in.get(feedback.get_staff_url()).content.decode()
    assert '<mark class="finding"' in page
    match = re.search(
        r'name="start" value="(\d+)">\s*'
        r'<input type="hidden" name="end" value="(\d+)">\s*'
        r'<input type="hidden" name="expected" value="([^"]+)"',
        page,
    )
    start, end, expected = match.groups()
    signed_in.post(
        url("redact", feedback),
        {"field": "public_text", "start": start, "end": end, "expected": expected},
    )
    feedback.refresh_from_db()
    assert "040 123 4567" not in feedback.public_text
    assert "[poistettu]" in feedback.public_text
    assert "040 123 4567" in feedback.text  # the original stays
    signed_in.post(url("redact", feedback), {"all": "1"})
    feedback.refresh_from_db()
    assert "a.b@example.fi" not in feedback.public_text
    signed_in.post(
        url("moderate", feedback),
        {
            "moderation-public_title": "Pysäköinti",
            "moderation-public_text": feedback.public_text,
            "moderation-public_address": "Kotikatu",
            "moderation-note": "Nimi pois",
        },
    )
    signed_in.post(url("release", feedback))
    feedback.refresh_from_db()
    assert feedback.is_published
    assert feedback.public_title == "Pysäköinti"
    assert feedback.title == "Naapurin auto"
    client.logout()
    public = client.get(feedback.get_absolute_url()).content.decode()
    assert "Pysäköinti" in public
    assert "Naapurin auto" not in public
    assert "040 123 4567" not in public


def test_a_stale_redaction_changes_nothing(signed_in, tree_topics):
    from palaute.feedback.services import submit_feedback

    feedback = submit_feedback(
        topic=tree_topics["unit"], title="Otsikko", text="Soita 040 123 4567"
    ).feedback
    signed_in.post(
        url("redact", feedback),
        {"field": "public_text", "start": 6, "end": 18, "expected": "040 999 9999"},
    )
    feedback.refresh_from_db()
    assert feedback.public_text == "Soita 040 123 4567"
    signed_in.post(
        url("redact", feedback), {"field": "text", "start": 0, "end": 5, "expected": "Soita"}
    )
    feedback.refresh_from_db()
    assert feedback.text == "Soita 040 123 4567"


def test_attachments_can_be_hidden_and_shown(signed_in, feedback_in, client):
    from django.core.files.base import ContentFile

    from palaute.feedback.models import Attachment
    from tests.media import png

    feedback = feedback_in("unit")
    attachment = Attachment(
        feedback=feedback, original_name="kuva.png", content_type="image/png", size=1, sha256="0"
    )
    attachment.file.save("kuva.png", ContentFile(png()))
    signed_in.post(url("attachment-visibility", feedback, pk=attachment.pk), {"public": "0"})
    attachment.refresh_from_db()
    assert not attachment.is_public
    assert signed_in.get(url("attachment", feedback, pk=attachment.pk)).status_code == 200
    client.logout()
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_removing_an_answer_keeps_it_for_the_audit(signed_in, feedback_in, client):
    feedback = feedback_in("unit")
    signed_in.post(
        url("answer", feedback), {"answer-kind": "answer", "answer-text": "Väärä vastaus"}
    )
    answer = Answer.objects.get()
    assert (
        signed_in.post(
            url("remove-answer", feedback, pk=answer.pk), {"remove-answer-reason": ""}
        ).status_code
        == 302
    )
    answer.refresh_from_db()
    assert answer.removed_at is None
    signed_in.post(
        url("remove-answer", feedback, pk=answer.pk),
        {"remove-answer-reason": "Vastattu väärään palautteeseen"},
    )
    answer.refresh_from_db()
    assert answer.removed_at is not None
    assert "Väärä vastaus" in signed_in.get(feedback.get_staff_url()).content.decode()
    client.logout()
    assert "Väärä vastaus" not in client.get(feedback.get_absolute_url()).content.decode()


def test_critical_flag_needs_a_reason_and_tops_the_queue(signed_in, feedback_in):
    plain = feedback_in("unit")
    urgent = feedback_in("unit")
    assert signed_in.post(url("critical", urgent), {"critical-reason": ""}).status_code == 400
    signed_in.post(url("critical", urgent), {"critical-reason": "Vaaratilanne"})
    urgent.refresh_from_db()
    assert urgent.is_critical
    html = signed_in.get(reverse("backoffice:queue")).content.decode()
    assert html.index(urgent.reference) < html.index(plain.reference)
    signed_in.post(url("critical", urgent), {"critical": "0"})
    urgent.refresh_from_db()
    assert not urgent.is_critical


def test_answer_template_fills_the_answer(signed_in, supervisor, feedback_in, tree):
    from palaute.feedback.models import ResponseTemplate

    feedback = feedback_in("child")
    template = ResponseTemplate.objects.create(
        organization=tree["unit"], name="Kiitos", text_fi="Kiitos palautteestasi!", text_sv="Tack!"
    )
    ResponseTemplate.objects.create(organization=tree["sibling"], name="Muu", text_fi="Ei näy")
    page = signed_in.get(feedback.get_staff_url(), {"template": template.pk}).content.decode()
    assert "Kiitos palautteestasi!</textarea>" in page
    assert "Ei näy" not in page


def test_contact_recorded_meets_the_contact_deadline(signed_in, feedback_in):
    feedback = feedback_in("unit", contact_requested=True)
    assert feedback.contact_due is not None
    signed_in.post(url("contacted", feedback), {"contacted-note": "Soitettu asiakkaalle"})
    feedback.refresh_from_db()
    assert feedback.contacted_at is not None
    assert feedback.events.filter(kind=Event.Kind.CONTACTED, note="Soitettu asiakkaalle").exists()


def test_contact_request_needs_contact_details(tree_topics):
    from django.core.exceptions import ValidationError

    from palaute.feedback.services import submit_feedback

    with pytest.raises(ValidationError):
        submit_feedback(
            topic=tree_topics["unit"],
            title="Otsikko",
            text="Tekstiä tässä",
            contact_requested=True,
            contact=ContactInput(name="Nimi"),
        )


def test_names_health_and_home_addresses_are_highlighted_and_removed_in_one_click(
    signed_in, tree_topics
):
    from palaute.feedback.services import submit_feedback

    feedback = submit_feedback(
        topic=tree_topics["unit"],
        title="Kotihoito",
        text=(
            "Hoitaja Virtasen mukaan äitini muistisairaus on edennyt. "
            "Äiti asuu osoitteessa Koivukuja 3 as. 4."
        ),
    ).feedback
    assert feedback.publication_state == Feedback.PublicationState.HELD
    assert {f["kind"] for f in feedback.sensitive_findings} == {"name", "health", "address"}
    page = signed_in.get(feedback.get_staff_url()).content.decode()
    for label in ("Henkilön nimi", "Terveystieto", "Kotiosoite"):
        assert label in page
    signed_in.post(url("redact", feedback), {"all": "1"})
    feedback.refresh_from_db()
    assert feedback.public_text == (
        "Hoitaja [poistettu] mukaan äitini [poistettu] on edennyt. "
        "Äiti asuu osoitteessa [poistettu]."
    )
    assert "Virtasen" in feedback.text
