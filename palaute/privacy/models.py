"""Records of the privacy app."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palaute.organizations.models import Organization


class AppendOnlyError(RuntimeError):
    """A row of an append-only log was to be changed or deleted."""


class AccessLogQuerySet(models.QuerySet):
    """Rows are never changed nor deleted one by one. The only writes after the insert are
    detaching a deleted user, feedback or organisation (the text columns keep who and what)
    and the purge of rows older than the retention period."""

    DETACHABLE = frozenset({"user", "user_id", "feedback", "feedback_id", "organization"})

    def update(self, **kwargs) -> int:
        if any(name not in self.DETACHABLE or value is not None for name, value in kwargs.items()):
            raise AppendOnlyError("The access log is append-only.")
        return super().update(**kwargs)

    def delete(self):
        raise AppendOnlyError("The access log is append-only; old rows go by purge().")

    def purge(self, *, before: dt.datetime) -> int:
        """Delete the rows written before the moment; the number deleted."""
        deleted, _by_model = models.QuerySet.delete(self.filter(created_at__lt=before))
        return deleted


class AccessLog(models.Model):
    """One look by a staff member at personal data of feedback: contact details, the
    original (unredacted) text, title or place, an attachment, or many of them at once in a
    list or an export. Append-only; kept PALAUTE_ACCESS_LOG_MONTHS."""

    class Kind(models.TextChoices):
        CONTACT = "contact", _("Contact details")
        ORIGINAL = "original", _("Original text")
        ATTACHMENT = "attachment", _("Attachment")
        LIST = "list", _("Original titles or excerpts in a list")
        EXPORT_CONTACTS = "export_contacts", _("Export with contact details")
        EXPORT_ORIGINAL = "export_original", _("Export with original texts")

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("user name"), max_length=150)
    full_name = models.CharField(_("name"), max_length=300, blank=True)
    kind = models.CharField(_("kind of look"), max_length=20, choices=Kind.choices)
    feedback = models.ForeignKey(
        "feedback.Feedback",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("feedback"),
        help_text=_("The feedback of a single look; empty for a list or an export."),
    )
    reference = models.CharField(_("reference number"), max_length=20, blank=True, db_index=True)
    references = models.TextField(
        _("reference numbers"),
        blank=True,
        help_text=_("Of a list or an export: the feedback shown, separated by spaces."),
    )
    feedback_count = models.PositiveIntegerField(_("number of feedback"), default=1)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("The responsible unit of the feedback looked at, when it was looked at."),
    )
    client_address = models.CharField(_("client address"), max_length=64, blank=True)
    purpose = models.CharField(_("purpose or note"), max_length=200, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organization", "created_at"], name="accesslog_org_time"),
            models.Index(fields=["user", "created_at"], name="accesslog_user_time"),
        ]

    def __str__(self) -> str:
        what = self.reference or f"{self.feedback_count} × {self.get_kind_display()}"
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.username}: {what}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The access log is append-only; old rows go by purge().")

    @property
    def reference_list(self) -> list[str]:
        """The references of the look: the one of a single look, or those of a list."""
        return [self.reference] if self.reference else self.references.split()
