"""Back-office forms of the customer questionnaires: collection points, wording, own
statements, typing in paper forms and oral feedback, text-message invitations."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palaute.feedback.models import Topic
from palaute.feedback.services import ContactInput
from palaute.organizations import policy
from palaute.organizations.models import Organization
from palaute.site.forms import phone_e164
from palaute.surveys import national
from palaute.surveys.models import (
    CollectionPoint,
    Item,
    OwnStatement,
    Questionnaire,
    QuestionnaireVersion,
    SmsInvitation,
)
from palaute.surveys.selectors import localized
from palaute.surveys.services import TEXT_FIELDS, Answers

from .forms import TreeChoiceField

LANGUAGES = [("fi", "suomi"), ("sv", "svenska"), ("en", "English")]
# Typed answers to a statement: 1–5, and 0 or x for "don't know" (the numeric keypad has 0).
DONT_KNOW_KEYS = {"0", "x", "X", "-"}
PAPER_AGE = dt.timedelta(days=365)


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{'– ' * (obj.depth - 1)}{obj.name}"


class CollectionPointForm(forms.Form):
    organization = TreeChoiceField(label=_("Service unit"), queryset=Organization.objects.none())
    channel = forms.ChoiceField(label=_("Channel"), choices=CollectionPoint.Channel.choices)
    questionnaire = forms.ModelChoiceField(
        label=_("Questionnaire"), queryset=Questionnaire.objects.order_by("code")
    )
    topic = TopicChoiceField(
        label=_("Topic of the feedback"),
        queryset=Topic.objects.filter(state=Topic.State.ACTIVE).order_by("path"),
        help_text=_("Answers are counted under this topic in the reports."),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("For staff, e.g. “Tablet in the lobby”."),
    )
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args, user, point: CollectionPoint | None = None, **kwargs):
        if point is not None:
            kwargs.setdefault(
                "initial",
                {
                    "organization": point.organization,
                    "channel": point.channel,
                    "questionnaire": point.questionnaire,
                    "topic": point.topic,
                    "name": point.name,
                    "is_active": point.is_active,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = policy.organizations(
            user=user, action=policy.Action.ADMINISTER
        )
        if point is not None:
            # The unit and the channel are what the printed code stands for.
            for name in ("organization", "channel"):
                self.fields[name].disabled = True
                self.fields[name].required = False


class QuestionnaireVersionForm(forms.Form):
    """The wording of a version: the introduction and every question, in three languages."""

    def __init__(self, *args, version: QuestionnaireVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.groups: list[tuple[str, list[str]]] = []
        for language, label in (("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))):
            name = f"intro_{language}"
            self.fields[name] = forms.CharField(
                label=_("Introduction (%(language)s)") % {"language": label},
                initial=getattr(version, name),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.groups.append((str(_("Introduction")), ["intro_fi", "intro_sv", "intro_en"]))
        self.items = list(version.items.order_by("order", "id"))
        for item in self.items:
            names = []
            for field_name in TEXT_FIELDS:
                kind, language = field_name.split("_")
                name = f"item{item.pk}_{field_name}"
                label = {
                    ("text", "fi"): _("Text (Finnish)"),
                    ("text", "sv"): _("Text (Swedish)"),
                    ("text", "en"): _("Text (English)"),
                    ("help", "fi"): _("Help (Finnish)"),
                    ("help", "sv"): _("Help (Swedish)"),
                    ("help", "en"): _("Help (English)"),
                }[(kind, language)]
                self.fields[name] = forms.CharField(
                    label=label,
                    initial=getattr(item, field_name),
                    required=field_name == "text_fi",
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
                names.append(name)
            self.groups.append((f"{item.get_kind_display()}: {item.text_fi}", names))

    def changes(self) -> tuple[dict, dict[int, dict]]:
        intro = {name: self.cleaned_data[name] for name in ("intro_fi", "intro_sv", "intro_en")}
        items = {
            item.pk: {name: self.cleaned_data[f"item{item.pk}_{name}"] for name in TEXT_FIELDS}
            for item in self.items
        }
        return intro, items


class OwnStatementForm(forms.Form):
    organization = TreeChoiceField(label=_("Organisation"), queryset=Organization.objects.none())
    code = forms.SlugField(
        label=_("Code"),
        max_length=64,
        help_text=_("Short name for the reports, letters and numbers, e.g. “phone-access”."),
    )
    order = forms.IntegerField(label=_("Order"), min_value=1, max_value=99, initial=1)
    text_fi = forms.CharField(
        label=_("Statement in Finnish"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    text_sv = forms.CharField(
        label=_("Statement in Swedish"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    text_en = forms.CharField(
        label=_("Statement in English"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args, user, statement: OwnStatement | None = None, **kwargs):
        if statement is not None:
            kwargs.setdefault(
                "initial",
                {
                    "organization": statement.organization,
                    "code": statement.code,
                    "order": statement.order,
                    "text_fi": statement.text_fi,
                    "text_sv": statement.text_sv,
                    "text_en": statement.text_en,
                    "is_active": statement.is_active,
                },
            )
        super().__init__(*args, **kwargs)
        self.statement = statement
        self.fields["organization"].queryset = policy.organizations(
            user=user, action=policy.Action.ADMINISTER
        )
        if statement is not None:
            self.fields["organization"].disabled = True
            self.fields["organization"].required = False

    def clean(self):
        data = super().clean()
        organization = data.get("organization") or (self.statement and self.statement.organization)
        code = data.get("code")
        if organization and code and data.get("is_active"):
            clash = OwnStatement.objects.filter(
                organization=organization, code=code, is_active=True
            )
            if self.statement is not None:
                clash = clash.exclude(pk=self.statement.pk)
            if clash.exists():
                self.add_error(
                    "code", _("The organisation already has a statement in use with this code.")
                )
        return data


class ScoreInput(forms.TextInput):
    """One short box per answer, for typing a paper form with the numeric keypad."""

    def __init__(self, *, maxlength: int):
        super().__init__(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "maxlength": str(maxlength),
                "size": str(maxlength + 1),
                "class": "score-input",
                "data-autoadvance": str(maxlength),
            }
        )


class StatementAnswerField(forms.CharField):
    """1–5, or 0 / x for "don't know"; empty when the statement was left unanswered."""

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=1, widget=ScoreInput(maxlength=1), **kwargs)

    def clean(self, value):
        value = (super().clean(value) or "").strip()
        if not value:
            return ""
        if value in DONT_KNOW_KEYS:
            return None
        if value in {"1", "2", "3", "4", "5"}:
            return int(value)
        raise ValidationError(_("Type 1–5, or 0 for “don't know”."))


class StaffEntryForm(forms.Form):
    """A returned paper form or what a customer said, typed in by staff. Every question is
    optional; oral feedback needs the customer's words."""

    def __init__(self, *args, point: CollectionPoint, version: QuestionnaireVersion, own, **kwargs):
        super().__init__(*args, **kwargs)
        self.point = point
        self.version = version
        self.oral = point.channel == CollectionPoint.Channel.ORAL
        child = version.questionnaire.audience == Questionnaire.Audience.CHILD
        self.fields["answered_on"] = forms.DateField(
            label=_("Date told") if self.oral else _("Date on the form"),
            initial=timezone.localdate,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            help_text=None if self.oral else _("Today, if the form has no date."),
        )
        self.fields["language"] = forms.ChoiceField(
            label=_("Language of the form") if not self.oral else _("Language"),
            choices=LANGUAGES,
            initial="fi",
        )
        items = list(version.items.all())
        open_item = next((i for i in items if i.kind == Item.Kind.OPEN), None)
        if self.oral and open_item is not None:
            self._add_open(open_item, required=True)
        self.statement_fields: list[str] = []
        self.own_fields: list[str] = []
        for item in items:
            if item.kind == Item.Kind.NPS:
                self.fields["nps"] = forms.IntegerField(
                    label=item.text,
                    min_value=0,
                    max_value=10,
                    required=False,
                    widget=ScoreInput(maxlength=2),
                    help_text=_("0–10; empty if not answered."),
                )
            elif item.kind == Item.Kind.STATEMENT:
                name = f"s_{item.code}"
                self.fields[name] = StatementAnswerField(label=item.text)
                self.statement_fields.append(name)
        for statement in own:
            name = f"o_{statement.pk}"
            self.fields[name] = StatementAnswerField(label=statement.text)
            self.own_fields.append(name)
        if open_item is not None and not self.oral:
            self._add_open(open_item, required=False)
        kinds = {item.kind for item in items}
        if Item.Kind.RESPONDENT in kinds:
            self.fields["respondent"] = forms.ChoiceField(
                label=_("Respondent"),
                choices=[("", "—")] + [(row[0], localized(row)) for row in national.RESPONDENTS],
                required=False,
            )
        if Item.Kind.AGE in kinds and not child:
            self.fields["age_group"] = forms.ChoiceField(
                label=_("Age group"),
                choices=[("", "—")] + [(row[0], localized(row)) for row in national.AGE_GROUPS],
                required=False,
            )
        if Item.Kind.CONTACT in kinds:
            self.fields["contact_requested"] = forms.BooleanField(
                label=_("The customer asks to be contacted"),
                required=False,
                help_text=_("Then the unit contacts the customer within 14 days."),
            )
            self.fields["name"] = forms.CharField(label=_("Name"), max_length=200, required=False)
            self.fields["phone"] = forms.CharField(label=_("Phone"), max_length=40, required=False)
            self.fields["email"] = forms.EmailField(
                label=_("Email"), max_length=254, required=False
            )
        self.statement_help = _("Type 1–5, or 0 for “don't know”; leave empty if not answered.")

    def _add_open(self, item: Item, *, required: bool) -> None:
        self.fields["open_text"] = forms.CharField(
            label=_("What the customer said") if self.oral else item.text,
            max_length=4000,
            required=required,
            widget=forms.Textarea(attrs={"rows": 5 if self.oral else 4}),
        )

    def clean_answered_on(self):
        value = self.cleaned_data["answered_on"]
        today = timezone.localdate()
        if value > today:
            raise ValidationError(_("The date cannot be in the future."))
        if value < today - PAPER_AGE:
            raise ValidationError(_("The date is more than a year ago."))
        return value

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "").strip()
        return phone_e164(value)

    def clean(self):
        data = super().clean()
        if data.get("contact_requested") and not (data.get("phone") or data.get("email")):
            self.add_error("phone", _("Give a phone number or an email address to be contacted."))
        return data

    def received_at(self) -> dt.datetime:
        """Now for today's forms; noon of the day written on an older form."""
        day = self.cleaned_data["answered_on"]
        if day == timezone.localdate():
            return timezone.now()
        return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))

    def answers(self) -> Answers:
        data = self.cleaned_data
        requested = bool(data.get("contact_requested"))
        contact = (
            ContactInput(
                name=data.get("name", ""), email=data.get("email", ""), phone=data.get("phone", "")
            )
            if requested
            else None
        )
        return Answers(
            nps=data.get("nps"),
            statements={
                name.removeprefix("s_"): data[name]
                for name in self.statement_fields
                if data.get(name) != ""
            },
            own={
                int(name.removeprefix("o_")): data[name]
                for name in self.own_fields
                if data.get(name) != ""
            },
            open_text=data.get("open_text", ""),
            respondent=data.get("respondent", ""),
            age_group=data.get("age_group", ""),
            contact_requested=requested,
            contact=contact,
        )


class SmsInvitationForm(forms.Form):
    point = forms.ModelChoiceField(label=_("Unit"), queryset=CollectionPoint.objects.none())
    phone = forms.CharField(
        label=_("Customer's mobile number"),
        max_length=40,
        help_text=_("The number is used for this message only and is not stored."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    kind = forms.ChoiceField(
        label=_("What is sent"),
        choices=SmsInvitation.Kind.choices,
        initial=SmsInvitation.Kind.LINK,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES, initial="fi")

    def __init__(self, *args, points, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = points
        self.fields["point"].label_from_instance = lambda point: (
            f"{point.organization.name} – {point.questionnaire.name}"
        )


class OptOutForm(forms.Form):
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )

    def clean_phone(self):
        return phone_e164(self.cleaned_data["phone"])


class EntryCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code on the form"),
        max_length=24,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
