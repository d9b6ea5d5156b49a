"""Topics, feedback and everything that belongs to one feedback."""

import secrets
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from palaute.organizations.models import Organization, PublicationPolicy
from palaute.privacy import crypto
from palaute.privacy.fields import EncryptedJSONField, EncryptedTextField
from palaute.translation import Localized


class Topic(MP_Node):
    """What feedback is about (aihe). The topic decides the responsible unit (S1)."""

    class LocationMode(models.TextChoices):
        NONE = "none", _("No location")
        OPTIONAL = "optional", _("Location optional")
        REQUIRED = "required", _("Location required")

    class State(models.TextChoices):
        ACTIVE = "active", _("Takes feedback")
        ELSEWHERE = "elsewhere", _("Feedback is given elsewhere")
        INACTIVE = "inactive", _("Not in use")

    service_code = models.SlugField(
        _("service code"),
        max_length=64,
        unique=True,
        help_text=_("Stable identifier used in addresses, feeds and the Open311 API."),
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    description_fi = models.TextField(_("description in Finnish"), max_length=4000, blank=True)
    description_sv = models.TextField(_("description in Swedish"), max_length=4000, blank=True)
    description_en = models.TextField(_("description in English"), max_length=4000, blank=True)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="topics",
        verbose_name=_("responsible organisation"),
        help_text=_("Left empty, the responsible organisation of the parent topic applies."),
    )
    publication_policy = models.CharField(
        _("publication policy"),
        max_length=16,
        choices=PublicationPolicy.choices,
        default=PublicationPolicy.INHERIT,
    )
    location_mode = models.CharField(
        _("location"),
        max_length=16,
        choices=LocationMode.choices,
        default=LocationMode.OPTIONAL,
    )
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.ACTIVE)
    elsewhere_url = models.URLField(_("give feedback at (address)"), blank=True)
    elsewhere_email = models.EmailField(_("give feedback by email to"), blank=True)
    elsewhere_text_fi = models.TextField(_("instructions in Finnish"), max_length=4000, blank=True)
    elsewhere_text_sv = models.TextField(_("instructions in Swedish"), max_length=4000, blank=True)
    elsewhere_text_en = models.TextField(_("instructions in English"), max_length=4000, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    node_order_by = ["name_fi"]

    name = Localized("name")
    description = Localized("description")
    elsewhere_text = Localized("elsewhere_text")

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('site:feedback-new')}?topic={self.service_code}"

    @property
    def takes_feedback(self) -> bool:
        return self.state == self.State.ACTIVE


class TopicAttribute(models.Model):
    """An extra question of a topic (an Open311 service attribute)."""

    class Datatype(models.TextChoices):
        STRING = "string", _("Short text")
        NUMBER = "number", _("Number")
        DATETIME = "datetime", _("Date and time")
        TEXT = "text", _("Long text")
        SINGLEVALUELIST = "singlevaluelist", _("One choice from a list")
        MULTIVALUELIST = "multivaluelist", _("Several choices from a list")

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="attributes", verbose_name=_("topic")
    )
    code = models.SlugField(_("code"), max_length=64)
    variable = models.BooleanField(
        _("asks for an answer"),
        default=True,
        help_text=_("Unticked, the attribute is only information shown to the sender."),
    )
    datatype = models.CharField(_("kind of answer"), max_length=16, choices=Datatype.choices)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveIntegerField(_("order"), default=1)
    description_fi = models.CharField(_("question in Finnish"), max_length=300)
    description_sv = models.CharField(_("question in Swedish"), max_length=300, blank=True)
    description_en = models.CharField(_("question in English"), max_length=300, blank=True)
    datatype_description_fi = models.CharField(
        _("answer help in Finnish"), max_length=300, blank=True
    )
    datatype_description_sv = models.CharField(
        _("answer help in Swedish"), max_length=300, blank=True
    )
    datatype_description_en = models.CharField(
        _("answer help in English"), max_length=300, blank=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    description = Localized("description")
    datatype_description = Localized("datatype_description")

    class Meta:
        verbose_name = _("topic question")
        verbose_name_plural = _("topic questions")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "code"], name="unique_topic_attribute"),
        ]

    def __str__(self) -> str:
        return f"{self.topic.service_code}: {self.code}"

    @property
    def is_list(self) -> bool:
        return self.datatype in (self.Datatype.SINGLEVALUELIST, self.Datatype.MULTIVALUELIST)


class TopicAttributeValue(models.Model):
    """One choice of a list question."""

    attribute = models.ForeignKey(
        TopicAttribute, on_delete=models.CASCADE, related_name="values", verbose_name=_("question")
    )
    key = models.SlugField(_("key"), max_length=64)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("order"), default=1)

    name = Localized("name")

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["attribute", "key"], name="unique_attribute_value"),
        ]

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    OPEN311 = "open311", _("Open311 application")
    SMS = "sms", _("Text message")
    TABLET = "tablet", _("Tablet")
    QR = "qr", _("QR code")
    PAPER = "paper", _("Paper form")
    ORAL = "oral", _("Oral feedback")
    EMAIL = "email", _("Email")


class FeedbackQuerySet(models.QuerySet):
    def published(self):
        return self.filter(publication_state=Feedback.PublicationState.PUBLISHED)


class Feedback(models.Model):
    """One piece of feedback or one question, from whichever channel it came."""

    class Kind(models.TextChoices):
        FEEDBACK = "feedback", _("Feedback")
        QUESTION = "question", _("Question")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_PROCESSING = "in_processing", _("In processing")
        WAITING = "waiting", _("Waiting")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")
        REMOVED = "removed", _("Removed")

    class CriticalSource(models.TextChoices):
        STAFF = "staff", _("Staff member")
        RULE = "rule", _("Automatic rule")

    class PublicationState(models.TextChoices):
        PUBLISHED = "published", _("Public")
        HELD = "held", _("Held for review")
        PRIVATE = "private", _("Not public")

    class PublicationReason(models.TextChoices):
        PUBLIC = "public", _("All conditions for publication hold")
        NO_CONSENT = "no_consent", _("The sender did not allow publication")
        POLICY = "policy", _("Feedback on this topic or organisation is never public")
        REMOVED = "removed", _("Removed by a handler")
        SENSITIVE = "sensitive", _("The sensitive-data check found something to review")
        PREMODERATION = "premoderation", _("Waiting for a handler's release")
        ERASED = "erased", _("Personal data erased; never public again")

    class Erasure(models.TextChoices):
        REQUEST = "request", _("At the data subject's request")
        RETENTION = "retention", _("The retention period ended")

    reference = models.CharField(_("reference number"), max_length=20, unique=True)
    tracking_token_hash = models.CharField(_("tracking token hash"), max_length=64, unique=True)
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="feedback", verbose_name=_("topic")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="feedback",
        verbose_name=_("responsible organisation"),
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.FEEDBACK)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("original text"), max_length=4000)
    public_title = models.CharField(_("public title"), max_length=200)
    public_text = models.TextField(_("public text"))
    language = models.CharField(_("language"), max_length=5, default="fi")
    address = models.CharField(_("address or place"), max_length=255, blank=True)
    public_address = models.CharField(_("public address or place"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    publish_consent = models.BooleanField(_("may be published"), default=True)
    publication_state = models.CharField(
        _("publication"),
        max_length=16,
        choices=PublicationState.choices,
        default=PublicationState.PRIVATE,
    )
    publication_reason = models.CharField(
        _("publication reason"),
        max_length=16,
        choices=PublicationReason.choices,
        default=PublicationReason.NO_CONSENT,
    )
    sensitive_findings = models.JSONField(_("sensitive-data findings"), default=list, blank=True)
    released_at = models.DateTimeField(_("released for publication"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("released by"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    removal_reason = models.TextField(_("reason for removal"), blank=True)
    is_critical = models.BooleanField(_("critical"), default=False, db_index=True)
    critical_reason = models.TextField(_("why critical"), blank=True)
    critical_source = models.CharField(
        _("critical by"), max_length=8, choices=CriticalSource.choices, blank=True
    )
    critical_rules = models.JSONField(
        _("critical rules that fired"),
        default=list,
        blank=True,
        help_text=_("For an automatic flag: each rule's code and what in the feedback matched."),
    )
    critical_at = models.DateTimeField(_("flagged critical"), null=True, blank=True)
    critical_level = models.PositiveSmallIntegerField(
        _("escalation level"),
        default=0,
        help_text=_("0 after the first notices; each escalation adds one."),
    )
    critical_notified_at = models.DateTimeField(
        _("critical notices last sent"), null=True, blank=True
    )
    critical_acknowledged_at = models.DateTimeField(
        _("critical flag acknowledged"), null=True, blank=True
    )
    critical_acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    processing_due = models.DateTimeField(_("to be taken into processing by"))
    taken_at = models.DateTimeField(_("taken into processing"), null=True, blank=True)
    contact_requested = models.BooleanField(_("asked to be contacted"), default=False)
    contact_due = models.DateTimeField(_("to be contacted by"), null=True, blank=True)
    contacted_at = models.DateTimeField(_("contacted"), null=True, blank=True)
    estimated_done_on = models.DateField(_("estimated to be handled by"), null=True, blank=True)
    due_at = models.DateTimeField(
        _("next deadline"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("The nearest open deadline; kept up to date by every change."),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    closed_at = models.DateTimeField(
        _("closed"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("When the feedback was last closed or removed; empty while it is open."),
    )
    personal_data_erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    erasure = models.CharField(_("erasure"), max_length=16, choices=Erasure.choices, blank=True)
    erasure_reason = models.TextField(_("why personal data was erased"), blank=True)
    publication_withdrawn = models.BooleanField(
        _("withdrawn from publication"),
        default=False,
        help_text=_("Its public texts were erased or the data subject asked for erasure."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    attributes = models.JSONField(
        _("answers to the topic's extra questions"), default=dict, blank=True
    )
    channel_data = models.JSONField(
        _("channel details"),
        default=dict,
        blank=True,
        help_text=_("What the channel told about the feedback, such as an object id."),
    )
    channel_private = EncryptedJSONField(
        _("personal details from the channel"),
        default=dict,
        blank=True,
        help_text=_("Identifiers of the sender's device or account and links to their files."),
    )
    source_ref = models.CharField(
        _("source reference"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("An identifier given by the channel, such as a message id."),
    )
    # A resent form or API request (a double click, a client's retry) finds the feedback
    # it already made: the hash of the channel's scope and the key the sender gave, and
    # the digest of what was sent, so a different request with the same key is refused.
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    request_digest = models.CharField(
        _("request digest"), max_length=64, blank=True, editable=False
    )

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(
                fields=["publication_state", "-received_at"], name="feedback_public_recent"
            ),
            models.Index(fields=["organization", "status"], name="feedback_org_status"),
            models.Index(fields=["due_at", "received_at"], name="feedback_urgency"),
            # Reports: what is overdue now, and the critical feedback of a period, per unit.
            models.Index(
                fields=["organization", "due_at"],
                name="feedback_org_due",
                condition=Q(due_at__isnull=False),
            ),
            models.Index(
                fields=["organization", "received_at"],
                name="feedback_org_critical",
                condition=Q(is_critical=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("site:feedback-detail", kwargs={"reference": self.reference})

    def get_staff_url(self) -> str:
        return reverse("backoffice:feedback", kwargs={"reference": self.reference})

    @property
    def is_published(self) -> bool:
        return self.publication_state == self.PublicationState.PUBLISHED

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class ReferenceCounter(models.Model):
    """The last reference number given in a year; rows are updated atomically."""

    year = models.PositiveIntegerField(_("year"), primary_key=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Contact(models.Model):
    """The sender's contact details, kept apart from the feedback and never public (S3)."""

    feedback = models.OneToOneField(
        Feedback, on_delete=models.CASCADE, related_name="contact", verbose_name=_("feedback")
    )
    # Encrypted at rest; found only through the blind indexes (palaute/privacy/crypto.py).
    name = EncryptedTextField(_("name"), blank=True)
    email = EncryptedTextField(_("email"), blank=True)
    phone = EncryptedTextField(_("phone"), blank=True)
    email_digest = models.CharField(
        _("email search key"), max_length=64, blank=True, db_index=True, editable=False
    )
    phone_digest = models.CharField(
        _("phone search key"), max_length=64, blank=True, db_index=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def __str__(self) -> str:
        return str(_("Contact details of %(reference)s") % {"reference": self.feedback.reference})

    def save(self, *args, **kwargs):
        """The blind indexes follow the values they index, also on partial saves."""
        self.email_digest = crypto.email_digest(self.email)
        self.phone_digest = crypto.phone_digest(self.phone)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            extra = {"email": "email_digest", "phone": "phone_digest"}
            kwargs["update_fields"] = {
                *update_fields,
                *(extra[name] for name in update_fields if name in extra),
            }
        super().save(*args, **kwargs)


def attachment_path(instance: "Attachment | StagedUpload", filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    now = timezone.now()
    return f"attachments/{now:%Y/%m}/{uuid.uuid4().hex}{suffix}"


class AttachmentBase(models.Model):
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("original name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Attachment(AttachmentBase):
    """A file sent with feedback, checked and cleaned of metadata on arrival."""

    feedback = models.ForeignKey(
        Feedback, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("feedback")
    )
    is_public = models.BooleanField(_("public"), default=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def get_absolute_url(self) -> str:
        return reverse(
            "site:attachment", kwargs={"reference": self.feedback.reference, "pk": self.pk}
        )


class StagedUpload(AttachmentBase):
    """A checked upload kept while the sender corrects the form, so no file is lost."""

    key = models.UUIDField(_("key"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("staged upload")
        verbose_name_plural = _("staged uploads")


class AnswerQuerySet(models.QuerySet):
    def public(self):
        """Answers (not internal notes) that have not been removed."""
        return self.filter(kind=Answer.Kind.ANSWER, removed_at__isnull=True)


class Answer(models.Model):
    """A handler's answer to a feedback, public together with a public feedback and mailed
    to the sender; or an internal note, never public and never sent."""

    class Kind(models.TextChoices):
        ANSWER = "answer", _("Answer")
        NOTE = "note", _("Internal note")

    feedback = models.ForeignKey(
        Feedback, on_delete=models.CASCADE, related_name="answers", verbose_name=_("feedback")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("answered on behalf of"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("author"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ANSWER)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=5, default="fi")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("removed by"),
    )
    removal_reason = models.TextField(_("reason for removal"), blank=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return str(_("Answer to %(reference)s") % {"reference": self.feedback.reference})


class Event(models.Model):
    """One change to a feedback: the audit trail and the source of its history."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Received")
        ROUTED = "routed", _("Routed")
        PUBLICATION = "publication", _("Publication changed")
        RELEASED = "released", _("Released for publication")
        STATUS = "status", _("Status changed")
        ANSWERED = "answered", _("Answered")
        REMOVED = "removed", _("Removed")
        NOTIFIED = "notified", _("Sender notified")
        NOTE = "note", _("Internal note")
        CONTACT_VIEWED = "contact_viewed", _("Contact details viewed")
        CONTACTED = "contacted", _("Customer contacted")
        FORWARDED = "forwarded", _("Forwarded")
        TOPIC_CHANGED = "topic_changed", _("Topic changed")
        MODERATED = "moderated", _("Public text edited")
        ATTACHMENT = "attachment", _("Attachment visibility changed")
        ANSWER_REMOVED = "answer_removed", _("Answer removed")
        ESTIMATE = "estimate", _("Processing estimate given")
        CRITICAL = "critical", _("Critical flag changed")
        CRITICAL_ALERTED = "critical_alerted", _("Critical feedback notices sent")
        CRITICAL_ACKNOWLEDGED = "critical_ack", _("Critical feedback acknowledged")
        CRITICAL_ESCALATED = "critical_escalated", _("Critical feedback escalated")
        MEETING = "meeting", _("Processed in a unit meeting")
        ACTION_LINKED = "action_linked", _("Linked to a development action")
        REMINDED = "reminded", _("Deadline reminder sent")
        ESCALATED = "escalated", _("Deadline escalated")
        ERASED = "erased", _("Personal data erased")
        SUBJECT_FOUND = "subject_found", _("Found in a data subject's search")
        SUBJECT_EXPORTED = "subject_exported", _("Exported to the data subject")

    feedback = models.ForeignKey(
        Feedback, on_delete=models.CASCADE, related_name="events", verbose_name=_("feedback")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
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
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["feedback", "created_at"], name="event_feedback_time")]

    def __str__(self) -> str:
        return f"{self.feedback_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"


class ResponseTemplate(models.Model):
    """A ready answer of an organisation, offered for its feedback and those below it."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="response_templates",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=120)
    text_fi = models.TextField(_("text in Finnish"), max_length=8000)
    text_sv = models.TextField(_("text in Swedish"), max_length=8000, blank=True)
    text_en = models.TextField(_("text in English"), max_length=8000, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("response template")
        verbose_name_plural = _("response templates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("backoffice:template-edit", kwargs={"pk": self.pk})

    def text_in(self, language: str) -> str:
        return getattr(self, f"text_{language}", "") or self.text_fi


class DeadlineNotice(models.Model):
    """A reminder or escalation sent for one deadline of one feedback; sent once per due
    time and unit, so a new estimate or a forwarded feedback gets notices of its own."""

    class Deadline(models.TextChoices):
        PROCESSING = "processing", _("Taking into processing")
        CONTACT = "contact", _("Contacting the customer")
        ESTIMATE = "estimate", _("Processing estimate")

    class Stage(models.TextChoices):
        REMINDER = "reminder", _("Reminder")
        ESCALATION = "escalation", _("Escalation")

    feedback = models.ForeignKey(
        Feedback,
        on_delete=models.CASCADE,
        related_name="deadline_notices",
        verbose_name=_("feedback"),
    )
    deadline = models.CharField(_("deadline"), max_length=16, choices=Deadline.choices)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    due = models.DateTimeField(_("due"))
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("deadline notice")
        verbose_name_plural = _("deadline notices")
        constraints = [
            models.UniqueConstraint(
                fields=["feedback", "deadline", "stage", "due", "organization"],
                name="unique_deadline_notice",
            )
        ]

    def __str__(self) -> str:
        return f"{self.feedback_id} {self.deadline} {self.stage}"


class CriticalRule(models.Model):
    """An automatic rule that flags feedback critical (C3), tuned by the administrator:
    Finnish expressions matched on lemmas and stems, or a low score together with "strongly
    disagree" on a statement."""

    class Kind(models.TextChoices):
        EXPRESSION = "expression", _("Expressions in the text")
        SCORE = "score", _("Low scores")

    class Category(models.TextChoices):
        DANGER = "danger", _("Danger")
        VIOLENCE = "violence", _("Violence")
        NEGLECT = "neglect", _("Neglect")
        ABUSE = "abuse", _("Abuse or harassment")
        SELF_HARM = "self_harm", _("Self-harm")
        PATIENT_SAFETY = "patient_safety", _("Patient-safety incident")
        LOW_SCORE = "low_score", _("Very low scores")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="critical_rules",
        verbose_name=_("organisation"),
        help_text=_("The rule applies to the feedback of this organisation and those below it."),
    )
    code = models.SlugField(_("code"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    terms = models.TextField(
        _("expressions"),
        max_length=4000,
        blank=True,
        help_text=_(
            "One per line, in basic form (“lyödä”, “väkivalta”); a word ending in * matches "
            "every word that starts so, a word starting with * every word that ends so (for "
            "compounds); several words on a line must all appear in the same sentence."
        ),
    )
    max_nps = models.PositiveSmallIntegerField(
        _("highest recommendation score"), null=True, blank=True
    )
    statement_code = models.SlugField(_("statement"), max_length=64, blank=True)
    statement_value = models.PositiveSmallIntegerField(
        _("statement answer at most"), null=True, blank=True
    )
    is_active = models.BooleanField(_("in use"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    name = Localized("name")

    class Meta:
        verbose_name = _("critical-feedback rule")
        verbose_name_plural = _("critical-feedback rules")
        ordering = ["kind", "category", "code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("backoffice:admin-critical-rule", kwargs={"pk": self.pk})

    def term_list(self) -> list[str]:
        return [line.strip() for line in self.terms.splitlines() if line.strip()]


class CriticalAlert(models.Model):
    """A notice of critical feedback to one person, in the back office and by email, and
    when that person saw the feedback."""

    class Reason(models.TextChoices):
        UNIT_SUPERVISOR = "unit_supervisor", _("Supervisor of the unit")
        NEXT_SUPERVISOR = "next_supervisor", _("The supervisor's own supervisor")
        DIRECTOR = "director", _("Service-area director")
        HANDLER = "handler", _("Handler of the unit")
        ADMIN = "admin", _("Administrator")

    feedback = models.ForeignKey(
        Feedback,
        on_delete=models.CASCADE,
        related_name="critical_alerts",
        verbose_name=_("feedback"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="critical_alerts",
        verbose_name=_("recipient"),
    )
    reason = models.CharField(_("why notified"), max_length=16, choices=Reason.choices)
    level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    created_at = models.DateTimeField(_("notified"), default=timezone.now)
    seen_at = models.DateTimeField(_("seen"), null=True, blank=True)

    class Meta:
        verbose_name = _("critical-feedback notice")
        verbose_name_plural = _("critical-feedback notices")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["feedback", "user", "level"], name="one_alert_per_level"
            ),
        ]
        indexes = [models.Index(fields=["user", "seen_at"], name="alert_user_seen")]

    def __str__(self) -> str:
        return f"{self.feedback_id} → {self.user_id} ({self.level})"


def _intake_public_id() -> str:
    return secrets.token_urlsafe(18)


class Intake(models.Model):
    """A submission accepted and acknowledged to its sender, recorded as feedback in the
    background (PALAUTE_DEFERRED_INTAKE). What was sent is kept encrypted until it is
    recorded; an acknowledged submission is never lost, as the sweep records any that a
    killed worker left pending."""

    class State(models.TextChoices):
        PENDING = "pending", _("Being recorded")
        RECORDED = "recorded", _("Recorded")
        FAILED = "failed", _("Could not be recorded")

    # The Open311 token: public and random, never the private tracking token.
    public_id = models.CharField(
        _("public id"), max_length=32, unique=True, default=_intake_public_id, editable=False
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="+", verbose_name=_("topic")
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    request_digest = models.CharField(
        _("request digest"), max_length=64, blank=True, editable=False
    )
    tracking_token_hash = models.CharField(_("tracking token hash"), max_length=64, unique=True)
    # The submission's arguments, contact details included: encrypted, and emptied once the
    # feedback holds them, so nothing is kept twice.
    payload = EncryptedJSONField(_("submission"), default=dict, blank=True)
    email_digest = models.CharField(
        _("email search key"), max_length=64, blank=True, db_index=True, editable=False
    )
    phone_digest = models.CharField(
        _("phone search key"), max_length=64, blank=True, db_index=True, editable=False
    )
    uploads = models.JSONField(_("staged uploads"), default=list, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PENDING
    )
    feedback = models.OneToOneField(
        Feedback,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intake",
        verbose_name=_("feedback"),
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("received submission")
        verbose_name_plural = _("received submissions")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(
                fields=["received_at"],
                name="intake_pending",
                condition=Q(state="pending"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.public_id} ({self.get_state_display()})"

    def get_absolute_url(self) -> str:
        return reverse("admin:feedback_intake_change", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING
