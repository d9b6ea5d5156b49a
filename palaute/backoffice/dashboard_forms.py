"""The choice of organisation and period for the units side by side and the exports."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from palaute.organizations.models import Organization
from palaute.reports.api import period_error

# The presets of the unified report, so that links between the reports pages carry over.
from .report_forms import Period, preset_period


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


def organization_choices(organizations: list[Organization]) -> list[tuple[str, str]]:
    """The organisations in tree order, indented below the highest of them."""
    top = min((organization.depth for organization in organizations), default=1)
    return [
        (organization.code, f"{'– ' * (organization.depth - top)}{organization.name}")
        for organization in organizations
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
        period = cleaned.get("period") or Period.THIS_HALF
        cleaned["period"] = period
        if period != Period.CUSTOM:
            for name in ("start", "end"):
                self._errors.pop(name, None)
            cleaned["start"], cleaned["end"] = preset_period(period, today=self.today)
            return cleaned
        start, end = cleaned.get("start"), cleaned.get("end")
        if "start" in self.errors or "end" in self.errors:
            return cleaned
        if start is None:
            self.add_error("start", _("Give the first day of the period."))
        if end is None:
            self.add_error("end", _("Give the last day of the period."))
        if start and end and (error := period_error(start=start, end=end)):
            self.add_error("end", error)
        return cleaned

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
