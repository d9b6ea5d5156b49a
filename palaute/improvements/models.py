"""What happens after feedback arrives (C5, C6): unit meetings that process it, and
development actions drafted from it, followed up, assessed and told to customers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palaute.feedback.models import Feedback
from palaute.organizations.models import Organization
from palaute.surveys.models import OwnStatement


class UnitMeeting(models.Model):
    """A unit meeting: the feedback of the period forms its agenda; the figures of the
    period are kept as they were when the meeting was held."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        HELD = "held", _("Held")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="unit_meetings",
        verbose_name=_("unit"),
    )
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("meeting date"))
    period_start = models.DateField(_("feedback from"))
    period_end = models.DateField(_("feedback until"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    minutes = models.TextField(_("minutes"), blank=True)
    figures = models.JSONField(
        _("figures of the period"),
        default=dict,
        blank=True,
        help_text=_("Fixed when the meeting is marked held, so past meetings stay as they were."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    held_at = models.DateTimeField(_("marked held"), null=True, blank=True)

    class Meta:
        verbose_name = _("unit meeting")
        verbose_name_plural = _("unit meetings")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__lte=models.F("period_end")), name="meeting_period_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.held_on:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("backoffice:meeting", kwargs={"pk": self.pk})


class MeetingItem(models.Model):
    """One feedback on a meeting's agenda and what was decided about it."""

    meeting = models.ForeignKey(
        UnitMeeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("meeting")
    )
    feedback = models.ForeignKey(
        Feedback,
        on_delete=models.PROTECT,
        related_name="meeting_items",
        verbose_name=_("feedback"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    decision = models.TextField(_("decision"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "feedback"], name="one_item_per_feedback"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.feedback_id}"


class DevelopmentAction(models.Model):
    """A kehittämistoimenpide: owned, linked to the feedback it came from, followed up with
    a measure computed from the survey answers before and after."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        ON_HOLD = "on_hold", _("On hold")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    class Measure(models.TextChoices):
        NONE = "", _("No measure")
        NPS = "nps", _("Recommendation index (NPS)")
        STATEMENT = "statement", _("Positive share of a national statement")
        OWN_STATEMENT = "own_statement", _("Positive share of an own statement")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="development_actions",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_actions",
        verbose_name=_("owner"),
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="participating_actions",
        verbose_name=_("participants"),
    )
    feedback = models.ManyToManyField(
        Feedback, blank=True, related_name="development_actions", verbose_name=_("feedback")
    )
    meeting = models.ForeignKey(
        UnitMeeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("drafted in meeting"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    started_on = models.DateField(_("started"), default=timezone.localdate)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    measure = models.CharField(
        _("measure to follow"), max_length=16, choices=Measure.choices, blank=True
    )
    measure_statement = models.SlugField(_("national statement"), max_length=64, blank=True)
    measure_own_statement = models.ForeignKey(
        OwnStatement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("own statement"),
    )
    follow_up_on = models.DateField(_("check the effect on"), null=True, blank=True)
    baseline_days = models.PositiveSmallIntegerField(
        _("days before the action to compare with"), default=180
    )
    measure_before = models.FloatField(_("measure before"), null=True, blank=True)
    measure_before_count = models.PositiveIntegerField(_("answers before"), null=True, blank=True)
    measure_after = models.FloatField(_("measure after"), null=True, blank=True)
    measure_after_count = models.PositiveIntegerField(_("answers after"), null=True, blank=True)
    measured_at = models.DateTimeField(_("measured"), null=True, blank=True)
    impact_comment = models.TextField(_("impact assessment"), blank=True)
    assessed_at = models.DateTimeField(_("assessed"), null=True, blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Shown on the page “How your feedback was used” once done."),
    )
    public_description = models.TextField(
        _("public description"),
        blank=True,
        help_text=_("What was changed, for customers; no names or other personal data."),
    )
    due_reminded_on = models.DateField(_("due reminder sent"), null=True, blank=True)
    follow_up_reminded_on = models.DateField(_("follow-up reminder sent"), null=True, blank=True)
    customers_told_at = models.DateTimeField(_("customers told"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("development action")
        verbose_name_plural = _("development actions")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["organization", "status"], name="action_org_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("backoffice:action", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


OPEN_STATUSES = (
    DevelopmentAction.Status.PLANNED,
    DevelopmentAction.Status.IN_PROGRESS,
    DevelopmentAction.Status.ON_HOLD,
)


class ActionEvent(models.Model):
    """Every change of a development action: the audit trail and its history."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        UPDATED = "updated", _("Details changed")
        STATUS = "status", _("Status changed")
        NOTE = "note", _("Progress note")
        LINKED = "linked", _("Feedback linked")
        UNLINKED = "unlinked", _("Feedback unlinked")
        MEASURED = "measured", _("Effect measured")
        ASSESSED = "assessed", _("Impact assessed")
        REMINDED = "reminded", _("Reminder sent")
        TOLD = "told", _("Customers told")

    action = models.ForeignKey(
        DevelopmentAction,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("development action"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    from_value = models.CharField(_("from"), max_length=200, blank=True)
    to_value = models.CharField(_("to"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("action event")
        verbose_name_plural = _("action events")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.action_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"
