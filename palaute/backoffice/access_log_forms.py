"""The search form of the access log. It validates input; palaute.privacy.selectors reads."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from palaute.organizations import policy
from palaute.organizations.models import Organization
from palaute.privacy.models import AccessLog
from palaute.site.urls import ReferenceConverter

from .forms import DateInput, TreeChoiceField

REFERENCE = re.compile(rf"^{ReferenceConverter.regex}$")


class AccessLogFilterForm(forms.Form):
    person = forms.CharField(
        label=_("Person"),
        required=False,
        max_length=150,
        help_text=_("User name or name of the staff member, or a part of it."),
    )
    reference = forms.CharField(
        label=_("Feedback reference number"),
        required=False,
        max_length=20,
        help_text=_("For example 2026-00042. Lists and exports that showed it are included."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of look"),
        required=False,
        choices=[("", _("All kinds")), *AccessLog.Kind.choices],
    )
    organization = TreeChoiceField(
        label=_("Organisation"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("All organisations"),
        to_field_name="code",
        help_text=_("With everything below it."),
    )
    start = forms.DateField(label=_("First day"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Last day"), required=False, widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = policy.organizations(
            user=user, action=policy.Action.AUDIT_ACCESS
        )

    def clean_reference(self) -> str:
        reference = self.cleaned_data["reference"].strip()
        if reference and not REFERENCE.match(reference):
            raise forms.ValidationError(
                _("A reference number is four digits, a hyphen and five to seven digits."),
                code="reference",
            )
        return reference

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period cannot end before it starts."))
        return cleaned

    def filters(self) -> dict:
        """The arguments of palaute.privacy.selectors.access_log."""
        if not self.is_bound:
            return {}
        data = self.cleaned_data
        return {
            "person": data["person"].strip(),
            "reference": data["reference"],
            "kind": data["kind"],
            "organization": data["organization"],
            "start": data["start"],
            "end": data["end"],
        }

    def described(self) -> dict:
        """The filters in words for the audit trail of searches and exports."""
        return {
            name: value.code
            if isinstance(value, Organization)
            else value.isoformat()
            if hasattr(value, "isoformat")
            else value
            for name, value in self.filters().items()
            if value
        }
