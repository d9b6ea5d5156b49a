"""Back-office forms of unit meetings and development actions. They validate input; the
services of palaute.improvements decide and record."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from palaute.feedback.models import Feedback
from palaute.feedback.selectors import get_staff_feedback
from palaute.improvements.models import DevelopmentAction
from palaute.organizations import policy
from palaute.organizations.models import Organization, User
from palaute.organizations.selectors import lineage_paths
from palaute.surveys import national
from palaute.surveys.models import OwnStatement
from palaute.surveys.selectors import localized

from .forms import DateInput, NoteField, TreeChoiceField


def national_statement_choices() -> list[tuple[str, str]]:
    """The national statement themes with their wording in the active language."""
    texts = {
        item["code"]: item["text"]
        for item in national.ADULT["items"]
        if item["kind"] == "statement"
    }
    return [
        ("", _("Choose a statement")),
        *((code, localized((code, *texts[code]))) for code in national.STATEMENT_CODES),
    ]


def people_of(organizations) -> Q:
    """Users holding a role at one of the units or above it: those who see its feedback."""
    paths = {path for organization in organizations for path in lineage_paths(organization)}
    return Q(memberships__organization__path__in=paths, memberships__organization__is_active=True)


def people_choices(organizations, *, keep=()) -> forms.models.QuerySet:
    """Active users of the units; ``keep`` are users already chosen, kept as choices."""
    return (
        User.objects.filter(
            (people_of(organizations) & Q(is_active=True)) | Q(pk__in=[user.pk for user in keep])
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else obj.username


class UsersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else obj.username


class FeedbackChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        critical = f" – {_('Critical')}" if obj.is_critical else ""
        return f"{obj.reference} {obj.title} ({obj.received_at:%d.%m.%Y}){critical}"


# Unit meetings


class MeetingFilterForm(forms.Form):
    unit = TreeChoiceField(
        label=_("Unit"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("All units"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = policy.organizations(user=user, action=policy.Action.VIEW)


class MeetingCreateForm(forms.Form):
    organization = TreeChoiceField(
        label=_("Unit"),
        queryset=Organization.objects.none(),
        empty_label=_("Choose the unit"),
        help_text=_("The feedback of the unit and the units below it forms the agenda."),
    )
    title = forms.CharField(label=_("Title"), max_length=200, initial=_("Unit meeting"))
    held_on = forms.DateField(label=_("Meeting date"), widget=DateInput())
    period_start = forms.DateField(
        label=_("Feedback received from"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Left empty, the period starts the day after the previous meeting's period "
            "(or 90 days before the meeting). It ends on the meeting date."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = policy.organizations(
            user=user, action=policy.Action.LEAD
        ).filter(is_active=True)

    def clean(self):
        data = super().clean()
        start, held_on = data.get("period_start"), data.get("held_on")
        if start and held_on and start > held_on:
            self.add_error(
                "period_start",
                forms.ValidationError(
                    _("The period cannot start after the meeting date."), code="order"
                ),
            )
        return data


class MeetingForm(forms.Form):
    """The meeting's details and minutes."""

    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(label=_("Meeting date"), widget=DateInput())
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What was discussed and agreed. Do not write customers' names."),
    )


class DecisionForm(forms.Form):
    decision = forms.CharField(
        label=_("Decision"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was decided about the feedback; recorded in its history."),
    )


class AddItemsForm(forms.Form):
    feedback = FeedbackChoiceField(
        label=_("Older feedback to add to the agenda"),
        queryset=Feedback.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one feedback.")},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["feedback"].queryset = Feedback.objects.filter(
            pk__in=[feedback.pk for feedback in candidates]
        ).order_by("-received_at")


# Development actions


class ActionFilterForm(forms.Form):
    STATUS_CHOICES = [
        ("", _("All statuses")),
        ("open", _("Open (planned, in progress, on hold)")),
        *DevelopmentAction.Status.choices,
    ]

    unit = TreeChoiceField(
        label=_("Unit"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("All units"),
    )
    subtree = forms.BooleanField(label=_("Include the units below"), required=False, initial=True)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    mine = forms.BooleanField(label=_("Only actions I own or take part in"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = policy.organizations(user=user, action=policy.Action.VIEW)

    def arguments(self) -> dict:
        if not self.is_bound:
            return {"organization": None, "subtree": True, "status": None, "mine": False}
        if not self.is_valid():
            return {"organization": None, "subtree": True, "status": None, "mine": False}
        data = self.cleaned_data
        return {
            "organization": data["unit"],
            "subtree": data["subtree"],
            "status": data["status"] or None,
            "mine": data["mine"],
        }


ACTION_FIELDS = (
    "title",
    "description",
    "organization",
    "owner",
    "participants",
    "due_on",
    "measure",
    "measure_statement",
    "measure_own_statement",
    "follow_up_on",
    "baseline_days",
    "is_public",
    "public_description",
)


class ActionForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("Shown on the public page too when the action is public."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What will be done and why. For staff only."),
    )
    organization = TreeChoiceField(
        label=_("Unit"), queryset=Organization.objects.none(), empty_label=_("Choose the unit")
    )
    owner = UserChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        empty_label=_("Choose the owner"),
        help_text=_("Someone holding a role in the unit or above it."),
    )
    participants = UsersChoiceField(
        label=_("Participants"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("They may write progress notes."),
        widget=forms.CheckboxSelectMultiple,
    )
    due_on = forms.DateField(label=_("Due"), required=False, widget=DateInput())
    measure = forms.ChoiceField(
        label=_("Measure to follow"),
        choices=DevelopmentAction.Measure.choices,
        required=False,
        help_text=_("Which figure of the customer questionnaires should change."),
    )
    measure_statement = forms.ChoiceField(label=_("National statement"), choices=(), required=False)
    measure_own_statement = forms.ModelChoiceField(
        label=_("Own statement"),
        queryset=OwnStatement.objects.none(),
        required=False,
        empty_label=_("Choose a statement"),
    )
    follow_up_on = forms.DateField(
        label=_("Check the effect on"), required=False, widget=DateInput()
    )
    baseline_days = forms.IntegerField(
        label=_("Days before the action to compare with"),
        min_value=1,
        max_value=3 * 365,
        initial=180,
    )
    is_public = forms.BooleanField(
        label=_("Tell customers: show on the page “How your feedback was used” once done"),
        required=False,
    )
    public_description = forms.CharField(
        label=_("Public description"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What was changed, in plain words for customers. No names or other personal data."
        ),
    )

    def __init__(self, *args, user, action: DevelopmentAction | None = None, **kwargs):
        if action is not None:
            initial = {name: getattr(action, name) for name in ACTION_FIELDS}
            initial["participants"] = list(action.participants.all())
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        units = policy.organizations(user=user, action=policy.Action.LEAD)
        if action is not None:
            units = units | Organization.objects.filter(pk=action.organization_id)
        self.fields["organization"].queryset = units.filter(is_active=True).distinct()
        lead_units = list(self.fields["organization"].queryset)
        self.kept = [action.owner, *action.participants.all()] if action is not None else []
        people = people_choices(lead_units, keep=self.kept)
        self.fields["owner"].queryset = people
        self.fields["participants"].queryset = people
        self.fields["measure_statement"].choices = national_statement_choices()
        paths = {path for unit in lead_units for path in lineage_paths(unit)}
        self.fields["measure_own_statement"].queryset = OwnStatement.objects.filter(
            Q(organization__path__in=paths) | Q(pk=getattr(action, "measure_own_statement_id", 0))
        ).order_by("organization__depth", "order", "id")

    def clean(self):
        data = super().clean()
        unit = data.get("organization")
        if unit is not None:
            people = people_choices([unit], keep=self.kept)
            allowed = set(people.values_list("pk", flat=True))
            owner = data.get("owner")
            if owner is not None and owner.pk not in allowed:
                self.add_error(
                    "owner",
                    forms.ValidationError(
                        _("The owner must hold a role in the unit or above it."),
                        code="unit",
                    ),
                )
            outsiders = [p for p in data.get("participants") or [] if p.pk not in allowed]
            if outsiders:
                self.add_error(
                    "participants",
                    forms.ValidationError(
                        _("Participants must hold a role in the unit or above it."),
                        code="unit",
                    ),
                )
            own = data.get("measure_own_statement")
            if own is not None and own.organization.path not in lineage_paths(unit):
                self.add_error(
                    "measure_own_statement",
                    forms.ValidationError(
                        _("The statement is not asked in this unit."), code="unit"
                    ),
                )
        measure = data.get("measure")
        if measure == DevelopmentAction.Measure.STATEMENT and not data.get("measure_statement"):
            self.add_error(
                "measure_statement",
                forms.ValidationError(_("Choose the statement to follow."), code="required"),
            )
        if measure == DevelopmentAction.Measure.OWN_STATEMENT and not data.get(
            "measure_own_statement"
        ):
            self.add_error(
                "measure_own_statement",
                forms.ValidationError(_("Choose the statement to follow."), code="required"),
            )
        if measure != DevelopmentAction.Measure.STATEMENT:
            data["measure_statement"] = ""
        if measure != DevelopmentAction.Measure.OWN_STATEMENT:
            data["measure_own_statement"] = None
        if data.get("is_public") and not (data.get("public_description") or "").strip():
            self.add_error(
                "public_description",
                forms.ValidationError(
                    _("A public action needs a description for customers."), code="required"
                ),
            )
        return data

    def changes(self) -> dict:
        """The cleaned values, keyed as the services name them."""
        return {name: self.cleaned_data.get(name) for name in ACTION_FIELDS}


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    note = NoteField()

    def __init__(self, *args, action: DevelopmentAction, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = DevelopmentAction.Status.choices
        self.fields["status"].initial = action.status


class ProgressNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Progress note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class LinkFeedbackForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference number"),
        max_length=20,
        help_text=_("For example 2026-000123."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_reference(self) -> Feedback:
        reference = self.cleaned_data["reference"].strip()
        feedback = get_staff_feedback(user=self.user, reference=reference)
        if feedback is None:
            raise forms.ValidationError(
                _("No feedback that you may see has this reference number."), code="unknown"
            )
        return feedback


class AssessForm(forms.Form):
    comment = forms.CharField(
        label=_("Impact assessment"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Did the action have the effect that was sought? Compare the figures above."),
    )
