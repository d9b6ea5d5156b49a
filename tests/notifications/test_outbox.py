"""Messages are written in the transaction and delivered after it; failures are retried
until they succeed, and no message is lost."""

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from palaute.feedback.services import ContactInput, submit_feedback
from palaute.notifications import services
from palaute.notifications.models import OutgoingMessage
from tests.backends import FlakyBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.backends.FlakyBackend"
    FlakyBackend.failures_left = 0
    yield FlakyBackend
    FlakyBackend.failures_left = 0


def send_feedback(topics, email="asukas@example.fi"):
    return submit_feedback(
        topic=topics["maintenance"],
        title="Kuoppa",
        text="Kadussa on kuoppa.",
        contact=ContactInput(email=email),
    )


def test_message_is_written_in_the_transaction_and_sent_after_commit(
    topics, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_feedback(topics)
        message = OutgoingMessage.objects.get()
        assert message.status == OutgoingMessage.Status.PENDING
        assert not mail.outbox
    for callback in callbacks:
        callback()
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.SENT
    assert len(mail.outbox) == 1


def test_rolled_back_change_sends_nothing(topics, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                send_feedback(topics)
                raise RuntimeError("the request failed")
        except RuntimeError:
            pass
    assert not OutgoingMessage.objects.exists()
    assert not mail.outbox


def test_failed_sending_is_retried_until_it_succeeds(
    topics, flaky, django_capture_on_commit_callbacks
):
    flaky.failures_left = 2
    with django_capture_on_commit_callbacks(execute=True):
        send_feedback(topics)
    message = OutgoingMessage.objects.get()
    assert message.status == OutgoingMessage.Status.PENDING
    assert message.attempts == 1
    assert "refused" in message.last_error
    assert message.next_attempt_at > timezone.now()
    assert services.deliver_due() == 0  # not yet time for the next attempt
    later = message.next_attempt_at + dt.timedelta(seconds=1)
    assert services.deliver_due(now=later) == 0  # fails again
    message.refresh_from_db()
    assert message.attempts == 2
    assert services.deliver_due(now=message.next_attempt_at + dt.timedelta(seconds=1)) == 1
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.SENT
    assert message.attempts == 3
    assert len(mail.outbox) == 1
    assert message.body == ""  # the private link is not kept once sent


def test_a_message_whose_queue_entry_was_lost_is_swept_up(
    topics, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        send_feedback(topics)  # the broker never hears of it
    assert services.deliver_due() == 1
    assert len(mail.outbox) == 1


def test_a_message_is_sent_only_once_even_when_two_senders_race(
    topics, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        send_feedback(topics)
    message = OutgoingMessage.objects.get()
    assert services.deliver(message_id=message.pk) is True
    assert services.deliver(message_id=message.pk) is False
    assert len(mail.outbox) == 1


def test_retry_delays_grow_and_are_capped():
    delays = [services.retry_delay(n) for n in range(1, 13)]
    assert delays[0] == dt.timedelta(minutes=1)
    assert delays == sorted(delays)
    assert max(delays) == dt.timedelta(hours=6)


def test_administrators_see_messages_that_are_stuck(
    client, topics, city, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from tests.factories import MembershipFactory

    with django_capture_on_commit_callbacks(execute=False):
        send_feedback(topics)
    OutgoingMessage.objects.update(created_at=timezone.now() - dt.timedelta(hours=2))
    admin = MembershipFactory(organization=city["root"], role="admin").user
    handler = MembershipFactory(organization=city["streets"], role="handler").user
    client.force_login(admin)
    assert "1 sähköpostiviesti" in client.get(reverse("backoffice:queue")).content.decode()
    client.force_login(handler)
    assert "sähköpostiviest" not in client.get(reverse("backoffice:queue")).content.decode()


def test_every_attempt_carries_the_same_message_id(
    topics, flaky, django_capture_on_commit_callbacks
):
    flaky.failures_left = 1
    with django_capture_on_commit_callbacks(execute=True):
        send_feedback(topics)
    message = OutgoingMessage.objects.get()
    assert services.deliver_due(now=message.next_attempt_at + dt.timedelta(seconds=1)) == 1
    other = send_feedback(topics, email="toinen@example.fi")
    services.deliver_due()
    ids = [sent.extra_headers["Message-ID"] for sent in mail.outbox]
    assert ids[0] == services.stable_message_id(message)
    assert ids[0].startswith(f"<outbox-{message.pk}.") and ids[0].endswith("@testserver>")
    assert ids[1] != ids[0]
    assert ids[1] == services.stable_message_id(other.feedback.messages.get())


def test_a_sender_killed_after_sending_sends_again_with_the_same_message_id(
    topics, settings, django_capture_on_commit_callbacks
):
    """Delivery is at least once: the row is marked after the mail server took the
    message, so a crash in between sends it again after the claim, under the same id."""
    from tests.backends import CrashAfterSending, CrashingBackend

    settings.EMAIL_BACKEND = "tests.backends.CrashingBackend"
    CrashingBackend.crashes_left = 1
    with django_capture_on_commit_callbacks(execute=False):
        send_feedback(topics)
    message = OutgoingMessage.objects.get()
    with pytest.raises(CrashAfterSending):
        services.deliver(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.PENDING
    assert services.deliver_due() == 0  # claimed by the dead sender for a while
    claim = dt.timedelta(seconds=settings.PALAUTE_OUTBOX_CLAIM_SECONDS + 1)
    assert services.deliver_due(now=timezone.now() + claim) == 1
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.SENT
    ids = [sent.extra_headers["Message-ID"] for sent in mail.outbox]
    assert len(ids) == 2
    assert ids[0] == ids[1]
