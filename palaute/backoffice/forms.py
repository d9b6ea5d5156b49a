"""Forms of the back office. They validate input; the services decide and record."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from palaute.feedback.critical import validate_terms
from palaute.feedback.models import (
    Answer,
    Channel,
    CriticalRule,
    Feedback,
    ResponseTemplate,
    Topic,
    TopicAttribute,
)
from palaute.feedback.selectors import topic_tree
from palaute.notifications import services as notifications
from palaute.organizations import policy
from palaute.organizations.models import Membership, Organization, User
from palaute.surveys.national import STATEMENT_CODES


def tree_label(node, *, top: int = 1) -> str:
    """The node's name indented by its depth below ``top``."""
    return f"{'– ' * max(node.depth - top, 0)}{node.name}"


class TreeChoiceField(forms.ModelChoiceField):
    top_depth = 1

    def label_from_instance(self, obj) -> str:
        return tree_label(obj, top=self.top_depth)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


def topic_choices(*, empty_label) -> list:
    choices = [("", empty_label)]

    def add(nodes, level):
        for node in nodes:
            choices.append((node.topic.service_code, f"{'– ' * level}{node.topic.name}"))
            add(node.children, level + 1)

    add(topic_tree(), 0)
    return choices


class LoginForm(AuthenticationForm):
    password = forms.CharField(
        label=_("Password"), strip=False, max_length=4096, widget=forms.PasswordInput
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The user name or password is wrong. After five failed attempts signing in is "
            "locked for 15 minutes."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class OutboxPasswordResetForm(PasswordResetForm):
    """Password reset links go through the outbox like every other message, also to
    accounts whose password has not been set yet."""

    def get_users(self, email):
        return User.objects.filter(email__iexact=email, is_active=True)

    def save(self, *args, **kwargs) -> None:
        for user in self.get_users(self.cleaned_data["email"]):
            notifications.send_password_link(user=user)


class QueueFilterForm(forms.Form):
    STATUS_CHOICES = [
        ("open", _("Open")),
        *Feedback.Status.choices,
        ("all", _("All")),
    ]
    DEADLINE_CHOICES = [
        ("", _("Any")),
        ("overdue", _("Overdue")),
        ("today", _("Due today")),
        ("upcoming", _("Due later")),
        ("none", _("No open deadline")),
    ]
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    unit = TreeChoiceField(
        label=_("Unit"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("All units"),
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("All channels")), *Channel.choices], required=False
    )
    critical = forms.ChoiceField(
        label=_("Critical"),
        choices=[("", _("Any")), ("yes", _("Critical only")), ("no", _("Not critical"))],
        required=False,
    )
    deadline = forms.ChoiceField(label=_("Deadline"), choices=DEADLINE_CHOICES, required=False)
    publication = forms.ChoiceField(
        label=_("Publication"),
        choices=[("", _("Any")), *Feedback.PublicationState.choices],
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = policy.organizations(user=user, action=policy.Action.VIEW)
        self.fields["topic"].choices = topic_choices(empty_label=_("All topics"))

    def queue_arguments(self) -> dict:
        data = self.cleaned_data
        topic = Topic.objects.filter(service_code=data["topic"]).first() if data["topic"] else None
        return {
            "status": data["status"] or "open",
            "organization": data["unit"],
            "topic": topic,
            "channel": data["channel"],
            "critical": {"yes": True, "no": False}.get(data["critical"]),
            "deadline": data["deadline"],
            "publication": data["publication"],
            "query": data["q"],
        }


class NoteField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Note"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 2000)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 2}))
        super().__init__(**kwargs)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    note = NoteField()

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, label) for value, label in Feedback.Status.choices if value in allowed
        ]


class AnswerForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (Answer.Kind.ANSWER, _("Answer to the sender (public with a public feedback)")),
            (Answer.Kind.NOTE, _("Internal note (never public, never sent)")),
        ],
        initial=Answer.Kind.ANSWER,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Text"), max_length=8000, widget=forms.Textarea(attrs={"rows": 8})
    )


class EstimateForm(forms.Form):
    estimated_done_on = forms.DateField(
        label=_("Estimated to be handled by"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = NoteField(label=_("Message to the sender"))

    def clean_estimated_done_on(self):
        value = self.cleaned_data["estimated_done_on"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("The estimate cannot be in the past."), code="past")
        return value


class ForwardForm(forms.Form):
    organization = TreeChoiceField(label=_("Forward to"), queryset=Organization.objects.none())
    note = NoteField(help_text=_("Tell the receiving unit why."))

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = targets


class TopicChangeForm(forms.Form):
    topic = forms.ModelChoiceField(
        label=_("New topic"), queryset=Topic.objects.none(), empty_label=_("Choose a topic")
    )
    reroute = forms.BooleanField(
        label=_("Move the feedback to the unit responsible for the new topic"),
        required=False,
        initial=True,
    )
    note = NoteField()

    def __init__(self, *args, topics: list[Topic], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(pk__in=[t.pk for t in topics])
        self.fields["topic"].label_from_instance = tree_label


class CriticalForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this critical?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AcknowledgeForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        help_text=_("For example what was done at once."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ContactedForm(forms.Form):
    note = NoteField(help_text=_("For example: called the customer, agreed on a visit."))


class ModerationForm(forms.Form):
    public_title = forms.CharField(label=_("Public title"), max_length=200)
    public_text = forms.CharField(
        label=_("Public text"), max_length=8000, widget=forms.Textarea(attrs={"rows": 8})
    )
    public_address = forms.CharField(
        label=_("Public address or place"), max_length=255, required=False
    )
    note = NoteField(label=_("Why (for the audit)"))


class ResponseTemplateForm(forms.ModelForm):
    organization = TreeChoiceField(label=_("Organisation"), queryset=Organization.objects.none())

    class Meta:
        model = ResponseTemplate
        fields = ["organization", "name", "text_fi", "text_sv", "text_en", "is_active"]
        widgets = {
            "text_fi": forms.Textarea(attrs={"rows": 6}),
            "text_sv": forms.Textarea(attrs={"rows": 6}),
            "text_en": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = policy.organizations(
            user=user, action=policy.Action.MANAGE_TEMPLATES
        )


class AccountForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "language", "notify_new"]
        widgets = {"notify_new": forms.RadioSelect}


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "code",
            "kind",
            "name_fi",
            "name_sv",
            "name_en",
            "publication_policy",
            "moderation_mode",
            "email",
            "retention_months",
            "is_active",
        ]

    def __init__(self, *args, inherited_retention: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if inherited_retention is not None:
            field = self.fields["retention_months"]
            field.help_text = format_lazy(
                "{} {}",
                field.help_text,
                ngettext_lazy(
                    "Left empty here: %(months)d month.",
                    "Left empty here: %(months)d months.",
                    "months",
                )
                % {"months": inherited_retention},
            )

    def clean_retention_months(self) -> int | None:
        months = self.cleaned_data["retention_months"]
        if months is not None and not 1 <= months <= 600:
            raise forms.ValidationError(
                _("Give the period in months, from 1 to 600, or leave it empty."), code="range"
            )
        return months


class TopicForm(forms.ModelForm):
    organization = TreeChoiceField(
        label=_("Responsible organisation"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("Left empty, the responsible organisation of the parent topic applies."),
    )

    class Meta:
        model = Topic
        fields = [
            "service_code",
            "name_fi",
            "name_sv",
            "name_en",
            "description_fi",
            "description_sv",
            "description_en",
            "keywords",
            "organization",
            "publication_policy",
            "location_mode",
            "state",
            "elsewhere_url",
            "elsewhere_email",
            "elsewhere_text_fi",
            "elsewhere_text_sv",
            "elsewhere_text_en",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in (
                "description_fi",
                "description_sv",
                "description_en",
                "elsewhere_text_fi",
                "elsewhere_text_sv",
                "elsewhere_text_en",
            )
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = policy.organizations(
            user=user, action=policy.Action.ADMINISTER
        )


class UserForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "language", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True


class MembershipForm(forms.Form):
    organization = TreeChoiceField(label=_("Organisation"), queryset=Organization.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = policy.organizations(
            user=user, action=policy.Action.ADMINISTER
        )


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=120, help_text=_("Who or what uses the key.")
    )
    organization = TreeChoiceField(
        label=_("Owner organisation"), queryset=Organization.objects.none()
    )
    rate_limit = forms.IntegerField(
        label=_("Requests per hour"), min_value=1, max_value=100_000, initial=600
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = policy.organizations(
            user=user, action=policy.Action.ADMINISTER
        )


class TopicQuestionForm(forms.ModelForm):
    """An extra question of a topic; list choices one per line: key | suomeksi | på svenska |
    in English."""

    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "For list questions, one choice per line: key | Finnish | Swedish | English. "
            "For example: broken | Rikki | Sönder | Broken"
        ),
    )

    class Meta:
        model = TopicAttribute
        fields = [
            "code",
            "datatype",
            "required",
            "variable",
            "order",
            "description_fi",
            "description_sv",
            "description_en",
            "datatype_description_fi",
            "datatype_description_sv",
            "datatype_description_en",
        ]

    def __init__(self, *args, topic, **kwargs):
        super().__init__(*args, **kwargs)
        self.topic = topic
        if not self.instance.pk:
            last = topic.attributes.order_by("-order").values_list("order", flat=True).first()
            self.fields["order"].initial = (last or 0) + 1
        if self.instance.pk:
            self.fields["choices"].initial = "\n".join(
                " | ".join([value.key, value.name_fi, value.name_sv, value.name_en])
                for value in self.instance.values.all()
            )

    def clean_order(self):
        order = self.cleaned_data["order"]
        taken = TopicAttribute.objects.filter(topic=self.topic, order=order).exclude(
            pk=self.instance.pk
        )
        if order < 1 or taken.exists():
            raise forms.ValidationError(
                _("Each question of a topic needs its own position, 1 or more."), code="order"
            )
        return order

    def clean_code(self):
        code = self.cleaned_data["code"]
        clash = TopicAttribute.objects.filter(topic=self.topic, code=code).exclude(
            pk=self.instance.pk
        )
        if clash.exists():
            raise forms.ValidationError(_("The topic already has a question with this code."))
        return code

    def clean_choices(self) -> list[tuple[str, str, str, str]]:
        parsed = []
        for number, line in enumerate(self.cleaned_data["choices"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) < 2 or not parts[0] or not parts[1]:
                raise forms.ValidationError(
                    _("Line %(number)d: give at least a key and a Finnish name.")
                    % {"number": number}
                )
            if not re.fullmatch(r"[-a-zA-Z0-9_]+", parts[0]):
                raise forms.ValidationError(
                    _("Line %(number)d: the key may have letters a–z, digits, - and _ only.")
                    % {"number": number}
                )
            parts += [""] * (4 - len(parts))
            parsed.append(tuple(parts[:4]))
        keys = [choice[0] for choice in parsed]
        if len(keys) != len(set(keys)):
            raise forms.ValidationError(_("Each choice needs its own key."))
        return parsed


class CriticalRuleForm(forms.ModelForm):
    """An automatic critical-feedback rule. The organisation choice is limited to the
    nodes the administrator covers; only an administrator of a whole organisation sets
    rules that apply everywhere."""

    class Meta:
        model = CriticalRule
        fields = [
            "name_fi",
            "name_sv",
            "name_en",
            "code",
            "kind",
            "category",
            "organization",
            "terms",
            "max_nps",
            "statement_code",
            "statement_value",
            "is_active",
        ]
        widgets = {"terms": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, organizations, everywhere: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        field.queryset = organizations
        field.required = not everywhere
        field.empty_label = _("Everywhere") if everywhere else None
        field.label_from_instance = lambda node: "\u2003" * (node.depth - 1) + node.name
        self.fields["statement_code"] = forms.ChoiceField(
            label=_("Statement"),
            required=False,
            choices=[("", "—"), *((code, code) for code in STATEMENT_CODES)],
            help_text=_("For low-score rules: the national statement whose answer is checked."),
        )
        self.fields["max_nps"].help_text = _(
            "For low-score rules: the recommendation score (0–10) at most."
        )
        self.fields["statement_value"].help_text = _(
            "For low-score rules: 1 = strongly disagree … 5 = strongly agree."
        )
        self.fields["max_nps"].widget.attrs.update({"min": 0, "max": 10})
        self.fields["statement_value"].widget.attrs.update({"min": 1, "max": 5})

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == CriticalRule.Kind.EXPRESSION:
            if not (data.get("terms") or "").strip():
                self.add_error("terms", _("Give at least one expression."))
            else:
                for message in validate_terms(data["terms"]):
                    self.add_error("terms", message)
        elif kind == CriticalRule.Kind.SCORE:
            if data.get("max_nps") is None and not data.get("statement_code"):
                self.add_error("max_nps", _("Give the highest score, a statement, or both."))
            if data.get("max_nps") is not None and data["max_nps"] > 10:
                self.add_error("max_nps", _("The score is from 0 to 10."))
            if data.get("statement_code") and data.get("statement_value") is None:
                self.add_error("statement_value", _("Give the answer value (1–5)."))
            if data.get("statement_value") is not None and not 1 <= data["statement_value"] <= 5:
                self.add_error("statement_value", _("The answer is from 1 to 5."))
        return data


class RuleTestForm(forms.Form):
    text = forms.CharField(
        label=_("Text to test"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Nothing typed here is saved."),
    )
