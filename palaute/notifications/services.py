"""Messages to senders: rendered in the sender's language, sent by the configured backend."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from palaute.feedback.models import Event, Feedback
from palaute.feedback.services import record_event


def absolute_url(path: str) -> str:
    return f"{settings.PALAUTE_BASE_URL}{path}"


def tracking_url(*, feedback: Feedback, token: str) -> str:
    with translation.override(feedback.language):
        return absolute_url(reverse("site:track", kwargs={"token": token}))


def send_receipt(*, feedback: Feedback, token: str) -> bool:
    """Email the sender the reference number and the private tracking link."""
    contact = getattr(feedback, "contact", None)
    if contact is None or not contact.email:
        return False
    with translation.override(feedback.language):
        context = {
            "feedback": feedback,
            "tracking_url": tracking_url(feedback=feedback, token=token),
            "public_url": absolute_url(feedback.get_absolute_url()),
        }
        subject = render_to_string("notifications/email/receipt_subject.txt", context)
        body = render_to_string("notifications/email/receipt.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[contact.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.send()
    record_event(feedback=feedback, kind=Event.Kind.NOTIFIED, data={"message": "receipt"})
    return True
