"""The outbox: every message is a row written in the same transaction as the change that
caused it, and delivered afterwards by background work that retries until it succeeds."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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

    class Medium(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("Text message")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    medium = models.CharField(
        _("medium"), max_length=8, choices=Medium.choices, default=Medium.EMAIL
    )
    recipient = models.CharField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("body"), blank=True)
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

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient} ({self.get_status_display()})"
