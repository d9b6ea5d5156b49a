"""Forms of the public site."""

from __future__ import annotations

import re
import secrets

import phonenumbers
from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from palaute.feedback.models import Feedback, StagedUpload, Topic, TopicAttribute
from palaute.feedback.selectors import TopicNode, topic_tree
from palaute.feedback.services import (
    MAX_ATTACHMENTS,
    ContactInput,
    LocationInput,
    in_service_area,
)

from .fill_time import MinimumFillTime

PUBLIC_STATUS_LABELS = {"open": _("Open"), "answered": _("Answered"), "closed": _("Closed")}
STAGED_SALT = "palaute.site.staged-uploads"
SUBMISSION_KEY = re.compile(r"[A-Za-z0-9_-]{20,64}")


def phone_e164(raw: str) -> str:
    """A phone number typed any usual way, as E.164; Finnish numbers need no country code.
    Empty stays empty."""
    raw = raw.strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, "FI")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise forms.ValidationError(
            _("Enter a phone number, for example 040 123 4567 or +358 40 123 4567."),
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file input for several files. The files themselves are checked when they are
    staged (palaute.feedback.services.stage_upload), each with its own message."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [item for item in data if item]
        return [data] if data else []


def topic_choices(tree: list[TopicNode]) -> list:
    """Options grouped by the top-level topic; deeper topics carry their parents' names."""
    choices: list = [("", _("Choose a topic"))]

    def options(nodes: list[TopicNode], trail: tuple[str, ...]) -> list:
        result = []
        for node in nodes:
            label = " › ".join((*trail, node.topic.name))
            if node.selectable:
                result.append((node.topic.service_code, label))
            result += options(node.children, (*trail, node.topic.name))
        return result

    for root in tree:
        group = options([root], ()) if root.selectable else options(root.children, ())
        if group:
            choices.append((root.topic.name, group))
    return choices


def question_field(question: TopicAttribute) -> forms.Field:
    """A form field for an extra question; whether it must be answered depends on the
    chosen topic, so that is checked in the form's clean()."""
    kind = TopicAttribute.Datatype
    common = {
        "label": question.description,
        "help_text": question.datatype_description,
        "required": False,
    }
    choices = [(value.key, value.name) for value in question.values.all()]
    if question.datatype == kind.SINGLEVALUELIST:
        return forms.ChoiceField(choices=[("", "—"), *choices], **common)
    if question.datatype == kind.MULTIVALUELIST:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if question.datatype == kind.NUMBER:
        return forms.DecimalField(localize=True, **common)
    if question.datatype == kind.DATETIME:
        return forms.DateTimeField(
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), **common
        )
    if question.datatype == kind.TEXT:
        return forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 3}), **common)
    return forms.CharField(max_length=200, **common)


def sign_staged(keys: list[str]) -> str:
    return signing.dumps(keys, salt=STAGED_SALT, compress=True) if keys else ""


def unsign_staged(value: str) -> list[str]:
    if not value:
        return []
    try:
        keys = signing.loads(value, salt=STAGED_SALT, max_age=60 * 60 * 24)
    except signing.BadSignature:
        return []
    return [str(key) for key in keys][:MAX_ATTACHMENTS]


def submission_key(data=None) -> str:
    """The idempotency key of one rendering of the feedback form: the one sent back with
    the form when it is well formed, otherwise a new one."""
    sent = (data or {}).get("submission_key", "")
    return sent if SUBMISSION_KEY.fullmatch(sent) else secrets.token_urlsafe(24)


class FeedbackForm(MinimumFillTime):
    """The resident's feedback form. Files are checked and kept as soon as they arrive, so a
    failed submit loses nothing that was typed or attached."""

    topic = forms.ChoiceField(label=_("Topic"))
    kind = forms.ChoiceField(
        label=_("Is this feedback or a question?"),
        choices=Feedback.Kind.choices,
        initial=Feedback.Kind.FEEDBACK,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("A short summary, for example “Broken street light on Kauppakatu”."),
    )
    text = forms.CharField(
        label=_("Feedback"),
        max_length=4000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("At most 4,000 characters."),
    )
    address = forms.CharField(
        label=_("Address or place"),
        max_length=200,
        required=False,
        help_text=_(
            "For example a street address, a park or a stop. "
            "You can also mark the place on the map."
        ),
    )
    latitude = forms.DecimalField(
        required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput
    )
    longitude = forms.DecimalField(
        required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput
    )
    files = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_(
            "At most 5 files: images (JPEG, PNG, WebP, GIF) or PDF, 10 MB each. "
            "Location and camera details are removed from images."
        ),
        widget=MultipleFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif,application/pdf"}
        ),
    )
    staged = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
    remove_staged = forms.MultipleChoiceField(
        label=_("Remove"), required=False, widget=forms.CheckboxSelectMultiple
    )
    rights_confirmed = forms.BooleanField(
        label=_("I hold the rights to the attached files, and the service may use them."),
        required=False,
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        max_length=254,
        help_text=_("We send the receipt and the answers here."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    contact_requested = forms.BooleanField(
        label=_("I would like to be contacted"),
        required=False,
        help_text=_("We contact you within 14 days. Give an email address or a phone number."),
    )
    publish_consent = forms.BooleanField(
        label=_("The feedback may be published"),
        required=False,
        initial=True,
        help_text=_("Your contact details are never published."),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tree = topic_tree()
        self.fields["topic"].choices = topic_choices(tree)
        self.staged_uploads = self._load_staged()
        self.fields["remove_staged"].choices = [
            (str(upload.key), upload.original_name) for upload in self.staged_uploads
        ]
        self.upload_errors: list[str] = []
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update(autocomplete="tel", type="tel")
        self.fields["address"].widget.attrs["autocomplete"] = "street-address"
        self._add_questions()

    def _add_questions(self) -> None:
        """The extra questions of every topic that has them; only those of the chosen
        topic are checked, the page shows just them."""
        self.questions: dict[str, list[tuple[TopicAttribute, str]]] = {}
        questions = (
            TopicAttribute.objects.filter(variable=True, topic__state=Topic.State.ACTIVE)
            .select_related("topic")
            .prefetch_related("values")
            .order_by("topic__path", "order", "id")
        )
        for question in questions:
            name = f"q-{question.topic.service_code}-{question.code}"
            self.fields[name] = question_field(question)
            self.questions.setdefault(question.topic.service_code, []).append((question, name))

    def question_groups(self) -> list[tuple[str, str, list]]:
        """(topic code, topic name, bound fields) for the template."""
        return [
            (code, items[0][0].topic.name, [self[name] for _q, name in items])
            for code, items in self.questions.items()
        ]

    def attributes(self) -> dict[str, list[str]]:
        """The chosen topic's answers, as the intake service takes them."""
        topic = self.cleaned_data.get("topic")
        answers = {}
        for question, name in self.questions.get(getattr(topic, "service_code", ""), []):
            value = self.cleaned_data.get(name)
            if value in (None, "", []):
                continue
            values = value if isinstance(value, list) else [value]
            answers[question.code] = [
                v.isoformat() if hasattr(v, "isoformat") else str(v) for v in values
            ]
        return answers

    def _clean_questions(self, cleaned: dict) -> None:
        topic = cleaned.get("topic")
        for question, name in self.questions.get(getattr(topic, "service_code", ""), []):
            if (
                question.required
                and cleaned.get(name) in (None, "", [])
                and name not in self.errors
            ):
                self.add_error(
                    name,
                    forms.ValidationError(_("This question needs an answer."), code="required"),
                )

    def _load_staged(self) -> list[StagedUpload]:
        keys = unsign_staged(self.data.get("staged", "")) if self.is_bound else []
        uploads = {str(upload.key): upload for upload in StagedUpload.objects.filter(key__in=keys)}
        return [uploads[key] for key in keys if key in uploads]

    def selected_topic(self) -> Topic | None:
        code = self.data.get("topic") if self.is_bound else self.initial.get("topic")
        if not code:
            return None
        return Topic.objects.filter(service_code=code).first()

    def clean_topic(self) -> Topic:
        code = self.cleaned_data["topic"]
        topic = (
            Topic.objects.filter(service_code=code, state=Topic.State.ACTIVE)
            .select_related("organization")
            .first()
        )
        if topic is None:
            raise forms.ValidationError(_("Choose a topic from the list."), code="invalid_topic")
        return topic

    def clean_phone(self) -> str:
        return phone_e164(self.cleaned_data["phone"])

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Leave this field empty."), code="honeypot")
        return ""

    def _clean_location(self, cleaned: dict) -> None:
        """Coordinates come in pairs from the map and must fall in Finland."""
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if latitude is None or longitude is None:
            latitude = longitude = None
        elif not in_service_area(latitude, longitude):
            latitude = longitude = None
            self.add_error(
                "address",
                forms.ValidationError(
                    _(
                        "The place marked on the map is outside Finland. "
                        "Mark it again or write an address."
                    ),
                    code="location_outside",
                ),
            )
        cleaned["latitude"], cleaned["longitude"] = latitude, longitude
        topic = cleaned.get("topic")
        if (
            isinstance(topic, Topic)
            and topic.location_mode == Topic.LocationMode.REQUIRED
            and latitude is None
            and not cleaned.get("address", "").strip()
            and "address" not in self.errors
        ):
            self.add_error(
                "address",
                forms.ValidationError(
                    _("This topic needs a location: mark it on the map or write an address."),
                    code="location_required",
                ),
            )

    def clean(self):
        cleaned = super().clean()
        self._clean_location(cleaned)
        self._clean_questions(cleaned)
        if (
            cleaned.get("contact_requested")
            and not cleaned.get("email")
            and not cleaned.get("phone")
            and "email" not in self.errors
            and "phone" not in self.errors
        ):
            self.add_error(
                "contact_requested",
                forms.ValidationError(
                    _("Give an email address or a phone number to be contacted."),
                    code="contact_needed",
                ),
            )
        removed = set(cleaned.get("remove_staged") or [])
        self.kept_uploads = [u for u in self.staged_uploads if str(u.key) not in removed]
        self.removed_uploads = [u for u in self.staged_uploads if str(u.key) in removed]
        return cleaned

    def add_uploads(self, uploads: list[StagedUpload]) -> None:
        """Newly staged files join those kept from earlier submits, within the limit."""
        self.kept_uploads = [*self.kept_uploads, *uploads]

    def validate_uploads(self) -> None:
        if self.kept_uploads and not self.cleaned_data.get("rights_confirmed"):
            self.add_error(
                "rights_confirmed",
                forms.ValidationError(
                    _("Confirm that you hold the rights to the attached files, or remove them."),
                    code="rights_required",
                ),
            )

    def staged_token(self) -> str:
        uploads = getattr(self, "kept_uploads", self.staged_uploads)
        return sign_staged([str(upload.key) for upload in uploads])

    def contact(self) -> ContactInput:
        data = self.cleaned_data
        return ContactInput(name=data["name"], email=data["email"], phone=data["phone"])

    def location(self) -> LocationInput:
        data = self.cleaned_data
        return LocationInput(
            latitude=data["latitude"], longitude=data["longitude"], address=data["address"]
        )


class PublicFilterForm(forms.Form):
    """Filters of the public feedback list; every field optional."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *PUBLIC_STATUS_LABELS.items()],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices: list = [("", _("All topics"))]

        def add(nodes: list[TopicNode], level: int) -> None:
            for node in nodes:
                choices.append((node.topic.service_code, f"{'– ' * level}{node.topic.name}"))
                add(node.children, level + 1)

        add(topic_tree(), 0)
        self.fields["topic"].choices = choices
