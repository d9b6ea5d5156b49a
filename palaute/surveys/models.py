"""Questionnaires (the national statements and an organisation's own), collection points
in every channel, and the answers, each tied to one Feedback."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from palaute.feedback.models import Channel, Feedback, Topic
from palaute.organizations.models import Organization
from palaute.translation import Localized

# No letters or digits that look alike (0/o, 1/l/i), so a code is easy to type from paper.
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 12


def new_code(choice=secrets.choice) -> str:
    """About 59 random bits: not guessable, still easy to read aloud and type."""
    return "".join(choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Questionnaire(models.Model):
    """A questionnaire family; its wording lives in versions."""

    class Audience(models.TextChoices):
        ADULT = "adult", _("Adults (13 and over)")
        CHILD = "child", _("Children 7–12")
        RELATIVE = "relative", _("Relatives")

    code = models.SlugField(_("code"), max_length=64, unique=True)
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    is_national = models.BooleanField(_("national"), default=True)

    name = Localized("name")

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("backoffice:survey-questionnaire", kwargs={"pk": self.pk})

    def current_version(self) -> QuestionnaireVersion | None:
        return self.versions.filter(is_current=True).first()


class QuestionnaireVersion(models.Model):
    """One wording of a questionnaire. Once answered it never changes: editing makes a new
    version, so every answer keeps the words the customer saw."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("questionnaire"),
    )
    number = models.PositiveIntegerField(_("version"))
    intro_fi = models.TextField(_("introduction in Finnish"), blank=True)
    intro_sv = models.TextField(_("introduction in Swedish"), blank=True)
    intro_en = models.TextField(_("introduction in English"), blank=True)
    is_current = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    intro = Localized("intro")

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="unique_questionnaire_version"
            ),
            models.UniqueConstraint(
                fields=["questionnaire"],
                condition=Q(is_current=True),
                name="one_current_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire.code} v{self.number}"

    @property
    def is_answered(self) -> bool:
        return self.responses.exists()


class Item(models.Model):
    """A question of a version: the recommendation, a statement, the open text, the
    background questions or the contact request."""

    class Kind(models.TextChoices):
        NPS = "nps", _("Recommendation (0–10)")
        STATEMENT = "statement", _("Statement (1–5)")
        OPEN = "open", _("Open text")
        RESPONDENT = "respondent", _("Respondent")
        AGE = "age", _("Age group")
        CONTACT = "contact", _("Contact request")

    version = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("version"),
    )
    code = models.SlugField(_("code"), max_length=64)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    order = models.PositiveIntegerField(_("order"))
    text_fi = models.TextField(_("text in Finnish"))
    text_sv = models.TextField(_("text in Swedish"), blank=True)
    text_en = models.TextField(_("text in English"), blank=True)
    help_fi = models.TextField(_("help in Finnish"), blank=True)
    help_sv = models.TextField(_("help in Swedish"), blank=True)
    help_en = models.TextField(_("help in English"), blank=True)

    text = Localized("text")
    help = Localized("help")

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_item_code"),
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.code}"


class OwnStatement(models.Model):
    """A statement an organisation adds for its units, kept apart from the national ones.
    Like versions, an answered statement is never reworded: a new one replaces it."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="own_statements",
        verbose_name=_("organisation"),
    )
    code = models.SlugField(_("code"), max_length=64)
    order = models.PositiveIntegerField(_("order"), default=1)
    text_fi = models.TextField(_("text in Finnish"))
    text_sv = models.TextField(_("text in Swedish"), blank=True)
    text_en = models.TextField(_("text in English"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    replaces = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("replaces"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    text = Localized("text")

    class Meta:
        verbose_name = _("own statement")
        verbose_name_plural = _("own statements")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class CollectionPoint(models.Model):
    """Where answers are collected: a channel in a service unit with a questionnaire, found
    by an unguessable code."""

    class Channel(models.TextChoices):
        WEB = "web", _("Web page")
        TABLET = "tablet", _("Tablet")
        QR = "qr", _("QR code")
        SMS = "sms", _("Text message")
        PAPER = "paper", _("Paper form")
        ORAL = "oral", _("Oral feedback")

    code = models.CharField(_("code"), max_length=24, unique=True, default=new_code)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="collection_points",
        verbose_name=_("service unit"),
    )
    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.PROTECT,
        related_name="collection_points",
        verbose_name=_("questionnaire"),
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        related_name="collection_points",
        verbose_name=_("topic of the feedback"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("collection point")
        verbose_name_plural = _("collection points")
        ordering = ["organization__path", "channel", "id"]

    def __str__(self) -> str:
        return f"{self.organization} – {self.get_channel_display()}"

    def get_absolute_url(self) -> str:
        if self.channel == self.Channel.TABLET:
            return reverse("surveys:kiosk", kwargs={"code": self.code})
        if self.channel in (self.Channel.PAPER, self.Channel.ORAL):
            return reverse("backoffice:survey-entry", kwargs={"code": self.code})
        return reverse("surveys:survey", kwargs={"code": self.code})

    @property
    def feedback_channel(self) -> str:
        return {
            self.Channel.WEB: Channel.WEB,
            self.Channel.TABLET: Channel.TABLET,
            self.Channel.QR: Channel.QR,
            self.Channel.SMS: Channel.SMS,
            self.Channel.PAPER: Channel.PAPER,
            self.Channel.ORAL: Channel.ORAL,
        }[self.channel]


class SurveyResponse(models.Model):
    """One filled questionnaire; its Feedback carries the open text, the contact request
    and the handling."""

    class Respondent(models.TextChoices):
        CUSTOMER = "customer", _("Customer")
        RELATIVE = "relative", _("Relative")

    feedback = models.OneToOneField(
        Feedback, on_delete=models.CASCADE, related_name="survey", verbose_name=_("feedback")
    )
    version = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.PROTECT,
        related_name="responses",
        verbose_name=_("questionnaire version"),
    )
    collection_point = models.ForeignKey(
        CollectionPoint,
        on_delete=models.PROTECT,
        related_name="responses",
        verbose_name=_("collection point"),
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    nps = models.PositiveSmallIntegerField(_("recommendation (0–10)"), null=True, blank=True)
    respondent = models.CharField(
        _("respondent"), max_length=16, choices=Respondent.choices, blank=True
    )
    age_group = models.CharField(_("age group"), max_length=8, blank=True)
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=64, unique=True, null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("answered"), db_index=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nps__isnull=True) | Q(nps__lte=10), name="nps_0_to_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.feedback.reference} ({self.version})"


class SurveyAnswer(models.Model):
    """The answer to one statement: 1–5, or "don't know", which counts in no average."""

    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    item = models.ForeignKey(
        Item,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("national statement"),
    )
    own_statement = models.ForeignKey(
        OwnStatement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("own statement"),
    )
    value = models.PositiveSmallIntegerField(_("answer (1–5)"), null=True, blank=True)
    no_opinion = models.BooleanField(_("don't know"), default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(item__isnull=False, own_statement__isnull=True)
                | Q(item__isnull=True, own_statement__isnull=False),
                name="answer_has_one_statement",
            ),
            models.CheckConstraint(
                condition=(Q(no_opinion=True) & Q(value__isnull=True))
                | (Q(no_opinion=False) & Q(value__gte=1) & Q(value__lte=5)),
                name="answer_value_or_no_opinion",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}: {'–' if self.no_opinion else self.value}"


class SmsOptOut(models.Model):
    """A phone number (kept only as a keyed hash) that gets no feedback messages."""

    phone_hash = models.CharField(_("phone hash"), max_length=64, unique=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("text message opt-out")
        verbose_name_plural = _("text message opt-outs")

    def __str__(self) -> str:
        return f"{self.phone_hash[:8]}…"


class SmsInvitation(models.Model):
    """An invitation sent by text message: a personal link or a two-way question. The
    number is kept only as a hash, for the rule of one invitation in 30 days."""

    class Kind(models.TextChoices):
        LINK = "link", _("Link to the questionnaire")
        CONVERSATION = "conversation", _("Questions by text message")

    class State(models.TextChoices):
        SENT = "sent", _("Sent")
        AWAITING_TEXT = "awaiting_text", _("Waiting for a comment")
        DONE = "done", _("Answered")
        EXPIRED = "expired", _("Expired")

    token = models.CharField(_("token"), max_length=24, unique=True, default=new_code)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.SENT)
    collection_point = models.ForeignKey(
        CollectionPoint,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("collection point"),
    )
    phone_hash = models.CharField(_("phone hash"), max_length=64, db_index=True)
    language = models.CharField(_("language"), max_length=5, default="fi")
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    response = models.OneToOneField(
        SurveyResponse,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitation",
        verbose_name=_("response"),
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_at = models.DateTimeField(_("sent"), db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("text message invitation")
        verbose_name_plural = _("text message invitations")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.sent_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("surveys:invitation", kwargs={"token": self.token})
