"""The feedback form with deferred intake: the sender is answered at once, the private
link shows that the feedback is being recorded and then the feedback itself."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from palaute.feedback.models import Feedback, Intake, Topic
from palaute.feedback.services import record_intake, record_pending_intakes

from .test_form import FORM_URL, valid_data
from .test_resend import rendered_key

pytestmark = pytest.mark.django_db

PENDING = "Palautteesi on vastaanotettu ja sitä kirjataan"


@pytest.fixture(autouse=True)
def deferred(settings):
    settings.PALAUTE_DEFERRED_INTAKE = True


def test_the_sender_is_answered_at_once_and_the_private_link_shows_the_feedback_once_recorded(
    client, topics, django_capture_on_commit_callbacks
):
    data = valid_data(email="asukas@example.fi", submission_key=rendered_key(client.get(FORM_URL)))
    with django_capture_on_commit_callbacks() as recording:
        sent = client.post(FORM_URL, data)
    assert sent.status_code == 302
    assert sent.url.startswith("/track/")
    assert not Feedback.objects.exists()

    waiting = client.get(sent.url)
    html = waiting.content.decode()
    assert waiting.status_code == 200
    assert PENDING in html
    assert "track-intake.js" in html  # asks again by itself (no inline script)
    assert '<noscript><meta http-equiv="refresh"' in html
    assert "no-store" in waiting["Cache-Control"] or "no-cache" in waiting["Cache-Control"]
    assert waiting["Referrer-Policy"] == "no-referrer"

    with django_capture_on_commit_callbacks(execute=True):  # the task, and its receipt
        for callback in recording:
            callback()
    recorded = client.get(sent.url)
    html = recorded.content.decode()
    feedback = Feedback.objects.get()
    assert feedback.reference in html
    assert PENDING not in html
    assert recorded.context["just_sent"]  # the greeting, once, now that it is recorded
    assert not client.get(sent.url).context["just_sent"]
    assert [message.to for message in mail.outbox] == [["asukas@example.fi"]]


def test_a_form_sent_twice_while_being_recorded_makes_one_feedback(
    client, topics, django_capture_on_commit_callbacks
):
    data = valid_data(email="asukas@example.fi", submission_key=rendered_key(client.get(FORM_URL)))
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(FORM_URL, data)
    second = client.post(FORM_URL, data)  # the double click, after the first was recorded
    assert first.status_code == second.status_code == 302
    assert second.url == first.url
    assert Intake.objects.count() == Feedback.objects.count() == 1
    assert len(mail.outbox) == 1


def test_an_edited_form_with_the_key_of_one_being_recorded_is_asked_about(client, topics):
    key = rendered_key(client.get(FORM_URL))
    client.post(FORM_URL, valid_data(submission_key=key))
    edited = valid_data(submission_key=key, text="Kuoppa on nyt vielä syvempi kuin eilen.")
    response = client.post(FORM_URL, edited)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Lomake on jo lähetetty." in html
    assert "Kuoppa on nyt vielä syvempi kuin eilen." in html
    assert rendered_key(response) != key
    assert Intake.objects.count() == 1


def test_a_submission_that_could_not_be_recorded_says_so(client, topics):
    sent = client.post(FORM_URL, valid_data())
    Topic.objects.filter(service_code="maintenance").update(state=Topic.State.ELSEWHERE)
    record_intake(intake_id=Intake.objects.get().pk)
    page = client.get(sent.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Palautettasi ei voitu kirjata" in html
    assert PENDING not in html
    assert "track-intake.js" not in html


def test_an_unknown_token_is_still_404(client, topics):
    client.post(FORM_URL, valid_data())
    assert client.get("/track/tuntematon-tunniste-0123456789abcdef/").status_code == 404


def test_accepting_is_one_insert_and_a_few_reads(client, topics):
    """The lean path: the form's reads of the topic and its questions, the look-up of the
    key (intakes and feedback in one statement), the service's check of the questions and the one
    insert; no reference number, routing, events or outbox in the request."""
    data = valid_data(email="asukas@example.fi", submission_key=rendered_key(client.get(FORM_URL)))
    with CaptureQueriesContext(connection) as queries:
        response = client.post(FORM_URL, data)
    assert response.status_code == 302
    writes = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]
    assert len(writes) == 1 and "feedback_intake" in writes[0]
    assert len(queries) <= 8, [q["sql"][:120] for q in queries]
    assert record_pending_intakes() == 0  # younger than the sweep's half a minute


def test_the_waiting_page_asks_in_a_small_answer_that_keeps_the_greeting(
    client, topics, django_capture_on_commit_callbacks
):
    data = valid_data(submission_key=rendered_key(client.get(FORM_URL)))
    with django_capture_on_commit_callbacks() as recording:
        sent = client.post(FORM_URL, data)
    check = {"X-Palaute-Check": "state"}
    waiting = client.get(sent.url, headers=check)
    assert waiting.json() == {"waiting": True}
    assert "no-store" in waiting["Cache-Control"]

    with django_capture_on_commit_callbacks(execute=True):
        for callback in recording:
            callback()
    assert client.get(sent.url, headers=check).json() == {"waiting": False}
    # Asking did not use up the greeting: the page itself still shows it, once.
    assert client.get(sent.url).context["just_sent"]
    assert not client.get(sent.url).context["just_sent"]
    assert client.get("/track/unknown-token-0123456789abcdef/", headers=check).status_code == 404
