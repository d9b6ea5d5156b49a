"""The outbox: every message is a row written in the same transaction as the change that
caused it, and delivered afterwards by background work that retries until it succeeds."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palaute.privacy import crypto
from palaute.privacy.fields import EncryptedTextField


class OutgoingMessageQuerySet(models.QuerySet):
    def to(self, address: str):
        """Messages to an email address or a phone number, found by its blind index."""
        digests = crypto.address_digests(address)
        return self.filter(recipient_digest__in=digests) if digests else self.none()


class OutgoingMessage(models.Model):
    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Receipt")
        ANSWER = "answer", _("Answer")
        ESTIMATE = "estimate", _("Processing estimate")
        STAFF_NEW = "staff_new", _("New feedback")
        STAFF_DIGEST = "staff_digest", _("Daily summary")
        REMINDER = "reminder", _("Deadline reminder")
        ESCALATION = "escalation", _("Deadline escalation")
        PASSWORD = "password", _("Password reset")
        SURVEY = "survey", _("Feedback survey")
        CRITICAL = "critical", _("Critical feedback")
        ACTION_REMINDER = "action_reminder", _("Development action reminder")
        IMPACT = "impact", _("How your feedback was used")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed for good")
        CANCELLED = "cancelled", _("Cancelled: the recipient's data was erased")

    class Medium(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("Text message")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    medium = models.CharField(
        _("medium"), max_length=8, choices=Medium.choices, default=Medium.EMAIL
    )
    # Encrypted at rest: addresses and bodies are the customers' personal data.
    recipient = EncryptedTextField(_("recipient"), blank=True)
    recipient_digest = models.CharField(
        _("recipient search key"), max_length=64, blank=True, db_index=True, editable=False
    )
    subject = models.CharField(_("subject"), max_length=250)
    body = EncryptedTextField(_("body"), blank=True)
    feedback = models.ForeignKey(
        "feedback.Feedback",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("feedback"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("staff recipient"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = OutgoingMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        """The blind index follows the recipient, also on partial saves."""
        self.recipient_digest = crypto.address_digest(self.recipient)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "recipient" in update_fields:
            kwargs["update_fields"] = {*update_fields, "recipient_digest"}
        super().save(*args, **kwargs)
