"""Messages to senders and staff, written to the outbox in the transaction of the change that
caused them and delivered after the commit by background work that retries on failure.

Customers get their messages in the language of their feedback, staff in their own.
"""

from __future__ import annotations

import datetime as dt
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from palaute.feedback.events import record_event
from palaute.feedback.models import Answer, Event, Feedback
from palaute.organizations.models import User

from . import sms
from .models import OutgoingMessage

log = logging.getLogger(__name__)

# Retried with growing pauses (at most six hours apart) for a week; then given up,
# logged, shown to administrators and its body cleared.
GIVE_UP_AFTER = dt.timedelta(days=7)


def stable_message_id(message: OutgoingMessage) -> str:
    """The Message-ID of an outbox row, the same on every attempt. A sender killed after
    the mail server took a message but before the row was marked sent sends it again when
    its claim expires (delivery is at least once); the receiver's mail system can drop the
    copy by this id."""
    host = urlsplit(settings.PALAUTE_BASE_URL).hostname or "localhost"
    return f"<outbox-{message.pk}.{message.created_at:%Y%m%d%H%M%S}@{host}>"


def absolute_url(path: str) -> str:
    return f"{settings.PALAUTE_BASE_URL}{path}"


def retry_delay(attempts: int) -> dt.timedelta:
    """1, 2, 4 … minutes, at most six hours: twelve attempts span about a day."""
    return dt.timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def queue_message(
    *,
    kind: str,
    recipient: str,
    template: str,
    context: dict,
    language: str,
    feedback: Feedback | None = None,
    user: User | None = None,
) -> OutgoingMessage:
    """Render a message in the language and put it in the outbox; it is sent after commit."""
    with translation.override(language):
        subject = render_to_string(f"notifications/email/{template}_subject.txt", context)
        body = render_to_string(f"notifications/email/{template}.txt", context)
    message = OutgoingMessage.objects.create(
        kind=kind,
        recipient=recipient,
        subject=" ".join(subject.split())[:250],
        body=body,
        feedback=feedback,
        user=user,
    )
    from .tasks import deliver

    # Robust: a broker that is down must not fail the request; the sweeper sends it later.
    transaction.on_commit(lambda: deliver.delay(message.pk), robust=True)
    return message


def queue_sms(
    *, kind: str, recipient: str, body: str, feedback: Feedback | None = None
) -> OutgoingMessage:
    """A text message in the outbox; sent after commit like every other message."""
    message = OutgoingMessage.objects.create(
        kind=kind,
        medium=OutgoingMessage.Medium.SMS,
        recipient=recipient,
        subject="",
        body=body,
        feedback=feedback,
    )
    from .tasks import deliver

    transaction.on_commit(lambda: deliver.delay(message.pk), robust=True)
    return message


def _claim(message_id: int, now: dt.datetime) -> bool:
    """Take a pending message for one sender; a crashed sender's claim expires."""
    claim = dt.timedelta(seconds=settings.PALAUTE_OUTBOX_CLAIM_SECONDS)
    return bool(
        OutgoingMessage.objects.filter(
            pk=message_id, status=OutgoingMessage.Status.PENDING, next_attempt_at__lte=now
        ).update(next_attempt_at=now + claim)
    )


def deliver(*, message_id: int, now: dt.datetime | None = None) -> bool:
    """Send one message. A failure is recorded and retried later; nothing is lost."""
    now = now or timezone.now()
    if not _claim(message_id, now):
        return False
    message = OutgoingMessage.objects.get(pk=message_id)
    try:
        if message.medium == OutgoingMessage.Medium.SMS:
            sms.send(to=message.recipient, body=message.body)
        else:
            EmailMessage(
                subject=message.subject,
                body=message.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[message.recipient],
                headers={
                    "Auto-Submitted": "auto-generated",
                    "Message-ID": stable_message_id(message),
                },
            ).send()
    except Exception as error:  # every sending failure is retried
        message.attempts += 1
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        message.next_attempt_at = now + retry_delay(message.attempts)
        if now - message.created_at >= GIVE_UP_AFTER:
            message.status = OutgoingMessage.Status.FAILED
            message.body = ""
            if message.medium == OutgoingMessage.Medium.SMS:
                message.recipient = ""
            log.error("gave up message %s after a week: %s", message.pk, message.last_error)
        message.save(
            update_fields=[
                "attempts",
                "last_error",
                "status",
                "next_attempt_at",
                "body",
                "recipient",
            ]
        )
        return False
    message.attempts += 1
    message.status = OutgoingMessage.Status.SENT
    message.sent_at = now
    # Bodies can hold private tracking links and answers, and phone numbers must not stay
    # beside feedback: both are kept only until sent.
    message.body = ""
    fields = ["attempts", "status", "sent_at", "body"]
    if message.medium == OutgoingMessage.Medium.SMS:
        message.recipient = ""
        fields.append("recipient")
    message.save(update_fields=fields)
    if message.feedback_id and message.user_id is None:
        record_event(
            feedback=message.feedback,
            kind=Event.Kind.NOTIFIED,
            data={"message": message.kind, "message_id": message.pk},
            at=now,
        )
        if message.kind == OutgoingMessage.Kind.ANSWER:
            _answer_reached_customer(message=message, at=now)
    return True


def _answer_reached_customer(*, message: OutgoingMessage, at: dt.datetime) -> None:
    """An answer delivered by email counts as contacting the customer (C4)."""
    from palaute.feedback.services import mark_contacted

    feedback = message.feedback
    if feedback.contact_requested and feedback.contacted_at is None:
        mark_contacted(feedback=feedback, actor=None, note=_("Answer sent by email."), at=at)


def deliver_due(*, now: dt.datetime | None = None) -> int:
    """The sweeper: send every pending message whose time has come (also those whose
    queue message was lost, for example when the broker was down). Each message is claimed
    at its own moment, so a slow batch does not outlive its claims."""
    cutoff = now or timezone.now()
    due = OutgoingMessage.objects.filter(
        status=OutgoingMessage.Status.PENDING, next_attempt_at__lte=cutoff
    ).values_list("pk", flat=True)
    return sum(deliver(message_id=pk, now=max(cutoff, timezone.now())) for pk in list(due[:500]))


def undelivered_count(*, now: dt.datetime | None = None) -> int:
    """Messages failed for good in the last month or waiting for over an hour: shown to
    administrators so a broken mail service does not go unnoticed."""
    now = now or timezone.now()
    return OutgoingMessage.objects.filter(
        Q(status=OutgoingMessage.Status.FAILED, created_at__gte=now - dt.timedelta(days=30))
        | Q(status=OutgoingMessage.Status.PENDING, created_at__lte=now - dt.timedelta(hours=1))
    ).count()


# Messages to customers


def customer_email(feedback: Feedback) -> str:
    """The sender's email address, or an empty string when none was given."""
    contact = getattr(feedback, "contact", None)
    return contact.email if contact is not None else ""


def tracking_url(*, feedback: Feedback, token: str) -> str:
    with translation.override(feedback.language):
        return absolute_url(reverse("site:track", kwargs={"token": token}))


def _public_url(feedback: Feedback) -> str:
    with translation.override(feedback.language):
        return absolute_url(feedback.get_absolute_url())


def notify_receipt(*, feedback: Feedback, token: str) -> OutgoingMessage | None:
    """The reference number and the private tracking link."""
    email = customer_email(feedback)
    if not email:
        return None
    context = {
        "feedback": feedback,
        "tracking_url": tracking_url(feedback=feedback, token=token),
        "public_url": _public_url(feedback),
    }
    return queue_message(
        kind=OutgoingMessage.Kind.RECEIPT,
        recipient=email,
        template="receipt",
        context=context,
        language=feedback.language,
        feedback=feedback,
    )


def notify_answer(*, answer: Answer) -> OutgoingMessage | None:
    feedback = answer.feedback
    email = customer_email(feedback)
    if not email or answer.kind != Answer.Kind.ANSWER:
        return None
    context = {"feedback": feedback, "answer": answer, "public_url": _public_url(feedback)}
    return queue_message(
        kind=OutgoingMessage.Kind.ANSWER,
        recipient=email,
        template="answer",
        context=context,
        language=feedback.language,
        feedback=feedback,
    )


def notify_estimate(*, feedback: Feedback, note: str) -> OutgoingMessage | None:
    email = customer_email(feedback)
    if not email:
        return None
    context = {"feedback": feedback, "note": note, "public_url": _public_url(feedback)}
    return queue_message(
        kind=OutgoingMessage.Kind.ESTIMATE,
        recipient=email,
        template="estimate",
        context=context,
        language=feedback.language,
        feedback=feedback,
    )


# Messages to staff


def _staff_url(feedback: Feedback, language: str) -> str:
    with translation.override(language):
        return absolute_url(feedback.get_staff_url())


def notify_staff(
    *, kind: str, template: str, users: list[User], feedback: Feedback, extra: dict | None = None
) -> list[OutgoingMessage]:
    messages = []
    for user in users:
        if not user.email or not user.is_active:
            continue
        context = {
            "feedback": feedback,
            "user": user,
            "staff_url": _staff_url(feedback, user.language),
            **(extra or {}),
        }
        messages.append(
            queue_message(
                kind=kind,
                recipient=user.email,
                template=template,
                context=context,
                language=user.language,
                feedback=feedback,
                user=user,
            )
        )
    return messages


def send_digests(*, now: dt.datetime | None = None) -> int:
    """One summary a day to staff who asked for it: the feedback that came to their queue
    (received or forwarded there) since their previous summary."""
    from palaute.organizations.policy import Action, scope

    now = now or timezone.now()
    sent = 0
    users = User.objects.filter(
        is_active=True, notify_new=User.Notify.DIGEST, memberships__isnull=False
    ).distinct()
    for user in users.filter(
        Q(last_digest_at__isnull=True) | Q(last_digest_at__lte=now - dt.timedelta(hours=20))
    ):
        since = user.last_digest_at or now - dt.timedelta(days=1)
        # New in the queue: routed or forwarded to a unit of the user within the period.
        arrived = scope(
            user=user,
            action=Action.VIEW,
            queryset=Feedback.objects.filter(
                pk__in=Event.objects.filter(
                    kind__in=[Event.Kind.ROUTED, Event.Kind.FORWARDED],
                    created_at__gt=since,
                    created_at__lte=now,
                ).values("feedback_id")
            )
            .exclude(status=Feedback.Status.REMOVED)
            .select_related("topic", "organization")
            .order_by("received_at"),
        )
        items = list(arrived[:200])
        user.last_digest_at = now
        user.save(update_fields=["last_digest_at"])
        if not items or not user.email:
            continue
        with translation.override(user.language):
            context = {
                "user": user,
                "items": [(item, absolute_url(item.get_staff_url())) for item in items],
                "count": arrived.count(),
                "queue_url": absolute_url(reverse("backoffice:queue")),
            }
        queue_message(
            kind=OutgoingMessage.Kind.STAFF_DIGEST,
            recipient=user.email,
            template="staff_digest",
            context=context,
            language=user.language,
            user=user,
        )
        sent += 1
    return sent


def send_password_link(*, user: User) -> OutgoingMessage | None:
    """A one-time link to set the password: for new staff accounts and forgotten
    passwords."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    if not user.email:
        return None
    context = {
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "base_url": absolute_url(""),
    }
    return queue_message(
        kind=OutgoingMessage.Kind.PASSWORD,
        recipient=user.email,
        template="password_reset",
        context=context,
        language=user.language,
        user=user,
    )
