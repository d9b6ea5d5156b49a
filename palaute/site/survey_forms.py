"""The questionnaire as a form: built from the exact version the customer sees."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from palaute.feedback.services import ContactInput
from palaute.surveys import national
from palaute.surveys.models import Item, OwnStatement, Questionnaire, QuestionnaireVersion
from palaute.surveys.services import Answers
from palaute.translation import current_language

from .fill_time import MinimumFillTime
from .forms import phone_e164

NO_OPINION = "x"
LANGUAGE_INDEX = {"fi": 1, "sv": 2, "en": 3}


def _label(row: tuple) -> str:
    """(value, fi, sv, en) or (code, fi, sv, en) in the active language."""
    return row[LANGUAGE_INDEX[current_language()]] or row[1]


def scale_choices(*, child: bool) -> list[tuple[str, str]]:
    scale = national.CHILD_SCALE if child else national.SCALE
    no_opinion = national.NO_OPINION[LANGUAGE_INDEX[current_language()] - 1]
    return [(str(row[0]), _label(row)) for row in scale] + [(NO_OPINION, no_opinion)]


class FaceRadioSelect(forms.RadioSelect):
    """The children's scale: the same radios, drawn as faces by the stylesheet."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.attrs.setdefault("class", "face-scale")


class SurveyForm(MinimumFillTime):
    """Every question is optional; at least one answer is needed. The contact details are
    asked only with the contact request, which makes the 14-day deadline apply."""

    def __init__(self, *args, version: QuestionnaireVersion, own: list[OwnStatement], **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.own = own
        child = version.questionnaire.audience == Questionnaire.Audience.CHILD
        scale_widget = FaceRadioSelect if child else forms.RadioSelect
        self.statement_fields: list[str] = []
        self.own_fields: list[str] = []
        for item in version.items.all():
            if item.kind == Item.Kind.NPS:
                self.fields["nps"] = forms.TypedChoiceField(
                    label=item.text,
                    help_text=item.help,
                    choices=[(str(n), str(n)) for n in range(11)],
                    coerce=int,
                    empty_value=None,
                    required=False,
                    widget=forms.RadioSelect(attrs={"class": "nps-scale"}),
                )
            elif item.kind == Item.Kind.STATEMENT:
                name = f"s_{item.code}"
                self.fields[name] = forms.ChoiceField(
                    label=item.text,
                    help_text=item.help,
                    choices=scale_choices(child=child),
                    required=False,
                    widget=scale_widget,
                )
                self.statement_fields.append(name)
            elif item.kind == Item.Kind.OPEN:
                self.fields["open_text"] = forms.CharField(
                    label=item.text,
                    help_text=item.help,
                    required=False,
                    max_length=4000,
                    widget=forms.Textarea(attrs={"rows": 6}),
                )
            elif item.kind == Item.Kind.RESPONDENT:
                self.fields["respondent"] = forms.ChoiceField(
                    label=item.text,
                    help_text=item.help,
                    choices=[(row[0], _label(row)) for row in national.RESPONDENTS],
                    required=False,
                    widget=forms.RadioSelect,
                )
            elif item.kind == Item.Kind.AGE:
                self.fields["age_group"] = forms.ChoiceField(
                    label=item.text,
                    help_text=item.help,
                    choices=[("", "—")] + [(row[0], _label(row)) for row in national.AGE_GROUPS],
                    required=False,
                )
            elif item.kind == Item.Kind.CONTACT:
                self.fields["contact_requested"] = forms.BooleanField(
                    label=item.text, help_text=item.help, required=False
                )
                self.fields["name"] = forms.CharField(
                    label=_("Name"), max_length=200, required=False
                )
                self.fields["email"] = forms.EmailField(
                    label=_("Email"), max_length=254, required=False
                )
                self.fields["phone"] = forms.CharField(
                    label=_("Phone"), max_length=32, required=False
                )
                self.fields["name"].widget.attrs["autocomplete"] = "name"
                self.fields["email"].widget.attrs["autocomplete"] = "email"
                self.fields["phone"].widget.attrs.update(autocomplete="tel", type="tel")
        for statement in own:
            name = f"o_{statement.pk}"
            self.fields[name] = forms.ChoiceField(
                label=statement.text,
                choices=scale_choices(child=child),
                required=False,
                widget=scale_widget,
            )
            self.own_fields.append(name)

    def clean_phone(self) -> str:
        return phone_e164(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contact_requested") and not (cleaned.get("email") or cleaned.get("phone")):
            self.add_error(
                "contact_requested",
                forms.ValidationError(
                    _("Give an email address or a phone number to be contacted."),
                    code="contact_needed",
                ),
            )
        if not self.errors and self.answers().is_empty():
            raise forms.ValidationError(_("Answer at least one question."), code="empty")
        return cleaned

    def _scale(self, name: str) -> tuple[bool, int | None]:
        value = self.cleaned_data.get(name) or ""
        if value == "":
            return False, None
        return True, None if value == NO_OPINION else int(value)

    def answers(self) -> Answers:
        data = self.cleaned_data
        statements = {}
        for name in self.statement_fields:
            given, value = self._scale(name)
            if given:
                statements[name.removeprefix("s_")] = value
        own = {}
        for name in self.own_fields:
            given, value = self._scale(name)
            if given:
                own[int(name.removeprefix("o_"))] = value
        contact = None
        if data.get("contact_requested"):
            contact = ContactInput(
                name=data.get("name", ""), email=data.get("email", ""), phone=data.get("phone", "")
            )
        return Answers(
            nps=data.get("nps"),
            statements=statements,
            own=own,
            open_text=data.get("open_text", ""),
            respondent=data.get("respondent", ""),
            age_group=data.get("age_group", ""),
            contact_requested=bool(data.get("contact_requested")),
            contact=contact,
        )
