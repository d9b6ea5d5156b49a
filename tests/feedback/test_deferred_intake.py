"""Deferred intake: a submission accepted in one insert is recorded as feedback exactly
once in the background, by its task or by the sweep; nothing acknowledged is lost, and
what waits is held encrypted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from palaute.feedback.models import Attachment, Event, Feedback, Intake, StagedUpload, Topic
from palaute.feedback.services import (
    ContactInput,
    Idempotency,
    IdempotencyConflict,
    LocationInput,
    accept_submission,
    hash_token,
    purge_stale_uploads,
    record_intake,
    record_pending_intakes,
    stage_upload,
)
from palaute.notifications.models import OutgoingMessage
from tests.media import png
from tests.races import race_two_copies

pytestmark = pytest.mark.django_db

CONTACT = ContactInput(
    name="Salainen Sanna", email="sanna.salainen@example.fi", phone="+358401234567"
)


def accept(topics, **overrides):
    arguments = {
        "topic": topics["maintenance"],
        "title": "Kuoppa kadussa",
        "text": "Kauppakadun ja Puijonkadun risteyksessä on syvä kuoppa.",
        "contact": CONTACT,
        "location": LocationInput(
            latitude=Decimal("62.892400"), longitude=Decimal("27.677000"), address="Kauppakatu 1"
        ),
        **overrides,
    }
    return accept_submission(**arguments)


def raw_intake(pk: int) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT payload, email_digest, phone_digest FROM feedback_intake WHERE id = %s", [pk]
        )
        payload, email_digest, phone_digest = cursor.fetchone()
    return {"payload": payload, "email_digest": email_digest, "phone_digest": phone_digest}


def test_accepting_stores_one_intake_and_recording_after_the_commit_makes_the_feedback(
    topics, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        accepted = accept(topics)
    intake = accepted.intake
    assert intake.state == Intake.State.PENDING
    assert not Feedback.objects.exists()
    assert len(callbacks) == 1  # the recording task, queued only once the insert commits

    callbacks[0]()  # the task (run eagerly in tests)
    intake.refresh_from_db()
    feedback = Feedback.objects.get()
    assert intake.state == Intake.State.RECORDED
    assert intake.feedback == feedback
    assert intake.attempts == 1
    # The private link given at once leads to the feedback.
    assert feedback.tracking_token_hash == hash_token(accepted.tracking_token)
    assert feedback.received_at == intake.received_at
    assert feedback.address == "Kauppakatu 1"
    assert feedback.latitude == Decimal("62.892400")
    assert feedback.contact.email == CONTACT.email
    assert feedback.contact.phone == CONTACT.phone
    assert set(feedback.events.values_list("kind", flat=True)) >= {
        Event.Kind.CREATED,
        Event.Kind.ROUTED,
    }
    receipt = OutgoingMessage.objects.get(kind="receipt")
    assert accepted.tracking_token in receipt.body
    # Nothing is held twice: the intake drops what the feedback holds now.
    assert intake.payload == {}
    assert raw_intake(intake.pk) == {"payload": "", "email_digest": "", "phone_digest": ""}


def test_the_payload_is_encrypted_at_rest(topics):
    intake = accept(topics).intake
    stored = raw_intake(intake.pk)
    for plain in (CONTACT.email, CONTACT.phone, "Salainen", "Puijonkadun", "Kauppakatu"):
        assert plain not in stored["payload"]
    assert stored["email_digest"] and stored["phone_digest"]
    assert Intake.objects.get(pk=intake.pk).payload["contact"]["email"] == CONTACT.email


def test_recording_twice_makes_one_feedback(topics):
    intake = accept(topics).intake
    record_intake(intake_id=intake.pk)
    again = record_intake(intake_id=intake.pk)
    assert again.state == Intake.State.RECORDED
    assert again.attempts == 1
    assert Feedback.objects.count() == 1
    assert OutgoingMessage.objects.filter(kind="receipt").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers; the race runs in the PostgreSQL pass",
)
def test_two_recorders_at_once_make_one_feedback(topics):
    """The task and the sweep at the same moment: the second waits on the intake's row
    and then finds it recorded."""
    intake = accept(topics).intake
    first, second = race_two_copies(
        lambda: record_intake(intake_id=intake.pk), lambda: record_intake(intake_id=intake.pk)
    )
    assert not isinstance(first, Exception), first
    assert not isinstance(second, Exception), second
    assert Feedback.objects.count() == 1
    assert OutgoingMessage.objects.filter(kind="receipt").count() == 1
    assert Intake.objects.get().feedback == Feedback.objects.get()


def test_a_resent_submission_gets_the_first_answer_and_other_content_a_conflict(topics):
    idempotency = Idempotency(scope="web", key="k" * 24, digest="a" * 64)
    first = accept(topics, idempotency=idempotency)
    again = accept(topics, idempotency=idempotency)
    assert again.replayed and not first.replayed
    assert again.intake.pk == first.intake.pk
    assert again.tracking_token == first.tracking_token
    assert Intake.objects.count() == 1
    with pytest.raises(IdempotencyConflict) as raised:
        accept(topics, idempotency=Idempotency(scope="web", key="k" * 24, digest="b" * 64))
    assert raised.value.intake.pk == first.intake.pk
    assert raised.value.reference == ""
    # Recorded, the same key still answers the same, now with the feedback.
    record_intake(intake_id=first.intake.pk)
    recorded = accept(topics, idempotency=idempotency)
    assert recorded.feedback == Feedback.objects.get()
    assert recorded.tracking_token == first.tracking_token
    assert Feedback.objects.get().idempotency_key == idempotency.stored_key


def test_a_submission_that_cannot_be_taken_is_refused_at_once(topics):
    with pytest.raises(ValidationError):
        accept(topics, topic=topics["lights"], location=None)  # the topic needs a place
    with pytest.raises(ValidationError):
        accept(topics, text="x" * 4001)
    assert not Intake.objects.exists()


def test_the_sweep_records_what_a_killed_process_left_pending(topics):
    """The task was never queued (the process died after the commit): the sweep records
    the intake once it has waited half a minute, and leaves younger ones to their task."""
    old = accept(topics).intake
    young = accept(topics, title="Toinen kuoppa").intake
    now = timezone.now()
    Intake.objects.filter(pk=old.pk).update(received_at=now - dt.timedelta(seconds=31))
    assert record_pending_intakes(now=now) == 1
    old.refresh_from_db()
    young.refresh_from_db()
    assert old.state == Intake.State.RECORDED
    assert young.state == Intake.State.PENDING
    assert Feedback.objects.get().title == "Kuoppa kadussa"
    assert record_pending_intakes(now=now) == 0


def test_a_topic_closed_before_recording_fails_the_intake_and_keeps_the_text(topics):
    intake = accept(topics).intake
    Topic.objects.filter(pk=topics["maintenance"].pk).update(state=Topic.State.ELSEWHERE)
    failed = record_intake(intake_id=intake.pk)
    assert failed.state == Intake.State.FAILED
    assert "ei oteta vastaan" in failed.last_error  # the reason, in the default language
    assert not Feedback.objects.exists()
    kept = Intake.objects.get(pk=intake.pk)
    assert kept.payload["text"].startswith("Kauppakadun")
    # Failed is final for the sweep: staff handle it.
    Intake.objects.filter(pk=intake.pk).update(received_at=timezone.now() - dt.timedelta(hours=1))
    assert record_pending_intakes() == 0
    assert Intake.objects.get(pk=intake.pk).state == Intake.State.FAILED


def test_files_wait_with_the_intake_and_become_attachments(topics):
    upload = stage_upload(uploaded=SimpleUploadedFile("kuva.png", png(), content_type="image/png"))
    intake = accept(topics, uploads=[upload]).intake
    # The purge of forms never sent leaves the files of an accepted submission alone.
    assert purge_stale_uploads(now=timezone.now() + dt.timedelta(days=3)) == 0
    record_intake(intake_id=intake.pk)
    attachment = Attachment.objects.get()
    assert attachment.feedback == Feedback.objects.get()
    assert attachment.original_name == "kuva.png"
    assert not StagedUpload.objects.exists()
