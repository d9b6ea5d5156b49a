"""The feedback form sent twice (a double click, a reload, a retry) makes one feedback."""

import re
import threading

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test import Client

from palaute.feedback.models import Attachment, Feedback, StagedUpload
from palaute.notifications.models import OutgoingMessage
from tests.media import jpeg_with_gps

from .test_form import FORM_URL, valid_data

pytestmark = pytest.mark.django_db


def rendered_key(response) -> str:
    found = re.search(r'name="submission_key" value="([^"]+)"', response.content.decode())
    assert found, "the form has no submission key"
    return found.group(1)


def test_each_rendering_of_the_form_has_its_own_key(client, topics):
    keys = {rendered_key(client.get(FORM_URL)) for _ in range(3)}
    assert len(keys) == 3
    assert all(len(key) >= 20 for key in keys)


def test_a_form_sent_twice_makes_one_feedback_and_one_receipt(
    client, topics, django_capture_on_commit_callbacks
):
    data = valid_data(email="asukas@example.fi", submission_key=rendered_key(client.get(FORM_URL)))
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(FORM_URL, data)
        second = client.post(FORM_URL, data)
    assert first.status_code == second.status_code == 302
    assert second.url == first.url
    assert Feedback.objects.count() == 1
    assert len(mail.outbox) == 1
    # The second answer leads to the same receipt, which says the feedback was sent.
    page = client.get(second.url)
    assert Feedback.objects.get().reference in page.content.decode()
    assert page.context["just_sent"]


def test_a_form_with_files_sent_twice_attaches_them_once(client, topics):
    key = rendered_key(client.get(FORM_URL))

    def send():
        data = valid_data(rights_confirmed="on", submission_key=key)
        data["files"] = SimpleUploadedFile("kuva.jpg", jpeg_with_gps(), "image/jpeg")
        return client.post(FORM_URL, data)

    first, second = send(), send()
    assert second.url == first.url
    assert Attachment.objects.count() == 1
    assert not StagedUpload.objects.exists()


def test_an_edited_form_sent_with_an_old_key_is_asked_about_and_loses_nothing(client, topics):
    """Back after sending, edit, send: the first feedback stays as it was, the sender sees
    why, with the text kept and a new key, and sending again makes the second one."""
    key = rendered_key(client.get(FORM_URL))
    client.post(FORM_URL, valid_data(submission_key=key))
    edited = valid_data(submission_key=key, text="Kuoppa on nyt vielä syvempi kuin eilen.")
    response = client.post(FORM_URL, edited)
    assert response.status_code == 409
    html = response.content.decode()
    first = Feedback.objects.get()
    assert first.reference in html
    assert "Kuoppa on nyt vielä syvempi kuin eilen." in html
    new_key = rendered_key(response)
    assert new_key != key
    assert first.text == "Kauppakadun ja Puijonkadun risteyksessä on syvä kuoppa."
    again = client.post(FORM_URL, {**edited, "submission_key": new_key})
    assert again.status_code == 302
    assert Feedback.objects.count() == 2


def test_a_form_that_failed_validation_keeps_its_key(client, topics):
    key = rendered_key(client.get(FORM_URL))
    response = client.post(FORM_URL, valid_data(title="", submission_key=key))
    assert response.status_code == 200
    assert rendered_key(response) == key


def test_a_forged_key_is_ignored_and_the_feedback_is_still_taken(client, topics):
    response = client.post(FORM_URL, valid_data(submission_key="<script>"))
    assert response.status_code == 302
    assert Feedback.objects.get().idempotency_key is None


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers; the race runs in the PostgreSQL pass",
)
def test_double_clicks_at_the_same_instant_make_one_feedback_each(topics):
    """Pairs of identical posts released together by a barrier, through the whole view
    with files and an email address: one feedback, one attachment and one receipt per
    form, and both copies are sent to the same receipt."""
    rounds = 6
    answers: dict[int, list] = {n: [] for n in range(rounds)}
    for n in range(rounds):
        key = f"double-click-round-{n:02d}-abcdefgh"
        barrier = threading.Barrier(2)

        def send(n=n, key=key, barrier=barrier):
            try:
                data = valid_data(
                    email="asukas@example.fi",
                    title=f"Kuoppa {n}",
                    rights_confirmed="on",
                    submission_key=key,
                )
                data["files"] = SimpleUploadedFile("kuva.jpg", jpeg_with_gps(), "image/jpeg")
                barrier.wait(10)
                answers[n].append(Client().post(FORM_URL, data))
            finally:
                connections.close_all()

        threads = [threading.Thread(target=send) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    for n in range(rounds):
        first, second = answers[n]
        assert first.status_code == second.status_code == 302
        assert first.url == second.url
    assert Feedback.objects.count() == rounds
    assert Attachment.objects.count() == rounds
    assert OutgoingMessage.objects.filter(kind="receipt").count() == rounds
    assert not StagedUpload.objects.exists()
