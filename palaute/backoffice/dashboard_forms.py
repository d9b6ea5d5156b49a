"""The choice of organisation and period for the units side by side and the exports."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from palaute.organizations.models import Organization

# The presets of the unified report, so that links between the reports pages carry over.
from .forms import DateInput, tree_label
from .report_forms import Period, clean_period


def organization_choices(organizations: list[Organization]) -> list[tuple[str, str]]:
    """The organisations in tree order, indented below the highest of them."""
    top = min((organization.depth for organization in organizations), default=1)
    return [
        (organization.code, tree_label(organization, top=top)) for organization in organizations
    ]


class ReportFilterForm(forms.Form):
    """Organisation and period, with the parameters of the unified report (organization,
    period, start, end): a preset period decides its dates, a custom one needs both.
    Always bound: missing values take their defaults (this half-year; a custom period when
    only dates are given)."""

    organization = forms.ChoiceField(label=_("Organisation"))
    period = forms.ChoiceField(
        label=_("Period"),
        choices=Period.choices,
        help_text=_("Choose “Custom period” to use the dates below."),
    )
    start = forms.DateField(label=_("First day"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Last day"), required=False, widget=DateInput())

    def __init__(
        self,
        data,
        *,
        organizations: list[Organization],
        organization: Organization,
        today: dt.date,
        **kwargs,
    ):
        data = data.copy() if hasattr(data, "copy") else dict(data)
        data["organization"] = organization.code
        if not data.get("period"):
            data["period"] = (
                Period.CUSTOM if data.get("start") or data.get("end") else Period.THIS_HALF
            )
        super().__init__(data, **kwargs)
        self.today = today
        if organization not in organizations:
            organizations = sorted([*organizations, organization], key=lambda org: org.path)
        self.fields["organization"].choices = organization_choices(organizations)

    def clean(self):
        cleaned = super().clean()
        cleaned["period"] = cleaned.get("period") or Period.THIS_HALF
        return clean_period(self, cleaned, today=self.today)

    def query(self, **extra) -> dict[str, str]:
        """The chosen organisation and period as query parameters, for links."""
        data = self.cleaned_data
        params = {"organization": data["organization"], "period": data["period"]}
        if data["period"] == Period.CUSTOM:
            params.update(start=data["start"].isoformat(), end=data["end"].isoformat())
        params.update({key: value for key, value in extra.items() if value is not None})
        return params

    def dated_query(self, **extra) -> dict[str, str]:
        """The organisation and the period's exact dates, for links to the unified report
        and the downloads."""
        data = self.cleaned_data
        return {
            "organization": data["organization"],
            "period": Period.CUSTOM,
            "start": data["start"].isoformat(),
            "end": data["end"].isoformat(),
            **extra,
        }


class ExportForm(ReportFilterForm):
    contacts = forms.BooleanField(
        label=_("Include the senders' contact details"),
        required=False,
        help_text=_(
            "Only for feedback whose contact details you may see. Each feedback whose contact "
            "details are exported is logged as viewed by you."
        ),
    )
