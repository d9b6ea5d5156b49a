"""The rollup that reports are built from, and the stored twice-yearly summaries (C7).

Figures are kept per organisation and local day (span D), per organisation and month
(span M, ``day`` the first of the month) and per organisation with everything below it
and month (span T), so a report of a whole county reads as few rows as one of a unit.
They are recomputed from the raw rows for every
day that a change touched (``PendingRollup``), so they always agree with the raw data once
the pending days are rolled up; a report rolls them up before it reads.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from palaute.feedback.models import Feedback, Topic
from palaute.organizations.models import Organization
from palaute.surveys.models import Questionnaire


class Span(models.TextChoices):
    DAY = "D", _("Day")
    MONTH = "M", _("Month")
    SUBTREE_MONTH = "T", _("Month, with the units below")


class Figure(models.Model):
    """Counts of one organisation on one day or in one month (spans D and M), or of the
    organisation and its subtree in one month (span T)."""

    span = models.CharField(_("span"), max_length=1, choices=Span.choices)
    day = models.DateField(_("day or first day of the month"))
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )

    class Meta:
        abstract = True


class FeedbackFigure(Figure):
    """Feedback received (removed ones left out) by topic, channel and kind, with how the
    handling deadlines were met."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("channel"), max_length=16)
    kind = models.CharField(_("kind"), max_length=16)
    total = models.PositiveIntegerField(_("feedback"), default=0)
    critical = models.PositiveIntegerField(_("critical"), default=0)
    needs_handling = models.PositiveIntegerField(
        _("to handle"),
        default=0,
        help_text=_("With a text, a contact request or a critical flag; scores alone are not."),
    )
    taken_in_time = models.PositiveIntegerField(_("taken into processing in time"), default=0)
    taken_late = models.PositiveIntegerField(_("taken into processing late"), default=0)
    contact_requested = models.PositiveIntegerField(_("asked to be contacted"), default=0)
    contacted_in_time = models.PositiveIntegerField(_("contacted in time"), default=0)
    contacted_late = models.PositiveIntegerField(_("contacted late"), default=0)

    class Meta:
        verbose_name = _("feedback figure")
        verbose_name_plural = _("feedback figures")
        indexes = [models.Index(fields=["span", "day", "organization"], name="fbfig_span_day")]

    def __str__(self) -> str:
        return f"{self.span} {self.day} {self.organization_id}: {self.total}"


class HandlingTimeFigure(Figure):
    """How many feedback were answered or closed this many hours (rounded up) after they
    arrived, for the median handling time."""

    hours = models.PositiveIntegerField(_("hours"))
    count = models.PositiveIntegerField(_("feedback"), default=0)

    class Meta:
        verbose_name = _("handling time figure")
        verbose_name_plural = _("handling time figures")
        indexes = [models.Index(fields=["span", "day", "organization"], name="htfig_span_day")]

    def __str__(self) -> str:
        return f"{self.span} {self.day} {self.organization_id}: {self.hours} h × {self.count}"


class ScoreFigure(Figure):
    """The distribution of one question of a questionnaire. ``question`` is empty for the
    responses themselves (``total`` responses, ``n0``–``n10`` the recommendation scores),
    ``s:<code>`` for a national statement and ``o:<id>`` for an own statement (``n1``–``n5``
    and the "don't know" answers)."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="+")
    question = models.CharField(_("question"), max_length=80, blank=True)
    total = models.PositiveIntegerField(_("answers"), default=0)
    n0 = models.PositiveIntegerField(default=0)
    n1 = models.PositiveIntegerField(default=0)
    n2 = models.PositiveIntegerField(default=0)
    n3 = models.PositiveIntegerField(default=0)
    n4 = models.PositiveIntegerField(default=0)
    n5 = models.PositiveIntegerField(default=0)
    n6 = models.PositiveIntegerField(default=0)
    n7 = models.PositiveIntegerField(default=0)
    n8 = models.PositiveIntegerField(default=0)
    n9 = models.PositiveIntegerField(default=0)
    n10 = models.PositiveIntegerField(default=0)
    no_opinion = models.PositiveIntegerField(_("don't know"), default=0)

    class Meta:
        verbose_name = _("score figure")
        verbose_name_plural = _("score figures")
        indexes = [models.Index(fields=["span", "day", "organization"], name="scfig_span_day")]

    def __str__(self) -> str:
        return f"{self.span} {self.day} {self.organization_id} {self.question}: {self.total}"


class ThemeFigure(Figure):
    """How many feedback texts mention a lemma. A month keeps the unit's most frequent
    lemmas only (``rollup.THEMES_PER_MONTH``)."""

    lemma = models.CharField(_("lemma"), max_length=64)
    count = models.PositiveIntegerField(_("feedback"), default=0)
    example = models.ForeignKey(
        Feedback,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("example"),
        help_text=_(
            "The newest feedback with the lemma whose text passed the sensitive-data check."
        ),
    )

    class Meta:
        verbose_name = _("theme figure")
        verbose_name_plural = _("theme figures")
        indexes = [models.Index(fields=["span", "day", "organization"], name="thfig_span_day")]

    def __str__(self) -> str:
        return f"{self.span} {self.day} {self.organization_id} {self.lemma}: {self.count}"


class PendingRollup(models.Model):
    """A day of an organisation whose feedback changed since its figures were counted."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    day = models.DateField(_("day"))
    marked_at = models.DateTimeField(_("marked"))

    class Meta:
        verbose_name = _("day to roll up")
        verbose_name_plural = _("days to roll up")
        constraints = [
            models.UniqueConstraint(fields=["organization", "day"], name="unique_pending_day")
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.day}"


class Summary(models.Model):
    """The customer-feedback summary (asiakaspalautekooste) of a unit for a half-year:
    the figures and the PDF as generated, and the supervisor's commentary. A draft is seen
    by those who lead the unit; once published it is seen by everyone who sees the unit."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published internally")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="summaries",
        verbose_name=_("organisation"),
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    figures = models.JSONField(_("figures"), default=dict)
    pdf = models.FileField(_("PDF"), upload_to="summaries/%Y/", blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT)
    generated_at = models.DateTimeField(_("generated"))
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("generated by"),
    )
    commentary = models.TextField(_("commentary"), blank=True)
    commentary_at = models.DateTimeField(_("commentary written"), null=True, blank=True)
    commentary_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commentary by"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("customer-feedback summary")
        verbose_name_plural = _("customer-feedback summaries")
        ordering = ["-start", "organization__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "start", "end"], name="unique_summary_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.start:%Y-%m}–{self.end:%Y-%m}"

    def get_absolute_url(self) -> str:
        return reverse("backoffice:summary", kwargs={"pk": self.pk})


class SummaryEvent(models.Model):
    """One change to a summary: generated, regenerated, commented or published."""

    class Kind(models.TextChoices):
        GENERATED = "generated", _("Generated")
        REGENERATED = "regenerated", _("Regenerated")
        COMMENTED = "commented", _("Commentary written")
        PUBLISHED = "published", _("Published internally")

    summary = models.ForeignKey(
        Summary, on_delete=models.CASCADE, related_name="events", verbose_name=_("summary")
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
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("summary event")
        verbose_name_plural = _("summary events")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.summary_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"
