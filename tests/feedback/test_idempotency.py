"""A submission resent with its idempotency key makes one feedback, also in a race."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from palaute.feedback.models import Attachment, Feedback, StagedUpload
from palaute.feedback.selectors import get_feedback_by_token
from palaute.feedback.services import (
    ContactInput,
    Idempotency,
    IdempotencyConflict,
    discard_staged_uploads,
    request_digest,
    stage_upload,
    submit_feedback_once,
)
from palaute.notifications.models import OutgoingMessage
from tests.media import jpeg_with_gps
from tests.races import race_two_copies

pytestmark = pytest.mark.django_db


def arguments(topics, **overrides):
    values = {
        "topic": topics["maintenance"],
        "title": "Kuoppa",
        "text": "Kauppakadulla on syvä kuoppa.",
        "contact": ContactInput(email="asukas@example.fi"),
    }
    values.update(overrides)
    return values


def key(name="abc", digest_of="same"):
    return Idempotency(scope="test", key=name, digest=request_digest([("text", digest_of)]))


def test_the_same_key_returns_the_first_feedback_and_its_tracking_token(topics):
    first = submit_feedback_once(idempotency=key(), **arguments(topics))
    again = submit_feedback_once(idempotency=key(), **arguments(topics))
    assert not first.replayed
    assert again.replayed
    assert again.feedback.pk == first.feedback.pk
    assert again.tracking_token == first.tracking_token
    assert get_feedback_by_token(token=again.tracking_token).pk == first.feedback.pk
    assert Feedback.objects.count() == 1
    assert OutgoingMessage.objects.filter(kind="receipt").count() == 1


def test_keys_are_scoped_and_a_new_key_makes_new_feedback(topics):
    first = submit_feedback_once(idempotency=key(), **arguments(topics))
    other_scope = Idempotency(scope="other", key="abc", digest=key().digest)
    second = submit_feedback_once(idempotency=other_scope, **arguments(topics))
    third = submit_feedback_once(idempotency=key("def"), **arguments(topics))
    assert len({first.feedback.pk, second.feedback.pk, third.feedback.pk}) == 3
    assert len({first.tracking_token, second.tracking_token, third.tracking_token}) == 3


def test_the_same_key_with_other_content_is_a_conflict(topics):
    first = submit_feedback_once(idempotency=key(), **arguments(topics))
    with pytest.raises(IdempotencyConflict) as raised:
        submit_feedback_once(
            idempotency=key(digest_of="other"), **arguments(topics, text="Toinen teksti.")
        )
    assert raised.value.feedback.pk == first.feedback.pk
    assert Feedback.objects.count() == 1


def test_the_digest_does_not_depend_on_the_order_of_fields():
    assert request_digest([("a", "1"), ("b", ["2", "3"])]) == request_digest(
        [("b", ["2", "3"]), ("a", "1")]
    )
    assert request_digest([("a", "1")]) != request_digest([("a", "2")])


def test_a_rotated_secret_key_still_finds_the_tracking_token(topics, settings):
    first = submit_feedback_once(idempotency=key(), **arguments(topics))
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-0123456789-abcdefghij"
    again = submit_feedback_once(idempotency=key(), **arguments(topics))
    assert again.tracking_token == first.tracking_token


def test_discarding_keeps_files_that_an_attachment_took(topics):
    """A racing copy of the form may hold staged uploads that the first copy attached:
    discarding them must not delete the attachment's file."""
    staged = stage_upload(uploaded=SimpleUploadedFile("kuva.jpg", jpeg_with_gps()))
    submit_feedback_once(idempotency=key(), uploads=[staged], **arguments(topics))
    discard_staged_uploads(uploads=[staged])
    attachment = Attachment.objects.get()
    assert default_storage.exists(attachment.file.name)
    own = stage_upload(uploaded=SimpleUploadedFile("kuva.jpg", jpeg_with_gps()))
    name = own.file.name
    discard_staged_uploads(uploads=[own])
    assert not default_storage.exists(name)
    assert not StagedUpload.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers; the race runs in the PostgreSQL pass",
)
def test_two_copies_racing_make_one_feedback_one_attachment_and_one_receipt(topics):
    """The second copy passes its look-up while the first is still uncommitted, waits
    behind the first's locks, then gets the first one's feedback; its own file is left
    for the caller to discard and nothing of it is stored."""
    files = {
        name: stage_upload(uploaded=SimpleUploadedFile(f"{name}.jpg", jpeg_with_gps()))
        for name in ("first", "second")
    }
    first, second = race_two_copies(
        lambda: submit_feedback_once(
            idempotency=key(), uploads=[files["first"]], **arguments(topics)
        ),
        lambda: submit_feedback_once(
            idempotency=key(), uploads=[files["second"]], **arguments(topics)
        ),
    )
    assert not isinstance(first, Exception), first
    assert not isinstance(second, Exception), second
    assert (first.replayed, second.replayed) == (False, True)
    assert second.feedback.pk == first.feedback.pk
    assert second.tracking_token == first.tracking_token
    assert Feedback.objects.count() == 1
    assert Attachment.objects.get().file.name == files["first"].file.name
    assert OutgoingMessage.objects.filter(kind="receipt").count() == 1
    assert list(StagedUpload.objects.values_list("pk", flat=True)) == [files["second"].pk]
