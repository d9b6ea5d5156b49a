"""The choice of organisation and period of the unified report. The form only validates;
palaute.reports.selectors computes."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from palaute.organizations import policy
from palaute.organizations.models import Organization, User
from palaute.reports.selectors import half_year, period_error, previous_period

from .forms import DateInput, TreeChoiceField


class Period:
    THIS_HALF = "this-half"
    PREVIOUS_HALF = "previous-half"
    THIS_YEAR = "this-year"
    PREVIOUS_YEAR = "previous-year"
    LAST_12 = "last-12-months"
    CUSTOM = "custom"

    choices = [
        (THIS_HALF, _("This half-year")),
        (PREVIOUS_HALF, _("Previous half-year")),
        (THIS_YEAR, _("This year")),
        (PREVIOUS_YEAR, _("Previous year")),
        (LAST_12, _("Last 12 months")),
        (CUSTOM, _("Custom period")),
    ]


def preset_period(preset: str, *, today: dt.date) -> tuple[dt.date, dt.date]:
    """The dates of a preset period around ``today`` (local date)."""
    if preset == Period.PREVIOUS_HALF:
        return previous_period(*half_year(today))
    if preset == Period.THIS_YEAR:
        return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    if preset == Period.PREVIOUS_YEAR:
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    if preset == Period.LAST_12:
        # This month and the eleven before it, up to today.
        index = today.year * 12 + today.month - 1 - 11
        return dt.date(index // 12, index % 12 + 1, 1), today
    return half_year(today)


def clean_period(form: forms.Form, data: dict, *, today: dt.date) -> dict:
    """The period of a report form: a preset decides its days; a custom period needs both
    days, in order and at most three years apart."""
    preset = data.get("period")
    if preset and preset != Period.CUSTOM:
        for name in ("start", "end"):
            form._errors.pop(name, None)
        data["start"], data["end"] = preset_period(preset, today=today)
        return data
    start, end = data.get("start"), data.get("end")
    if preset == Period.CUSTOM:
        if start is None and "start" not in form.errors:
            form.add_error("start", _("Give the first day of the custom period."))
        if end is None and "end" not in form.errors:
            form.add_error("end", _("Give the last day of the custom period."))
    if start and end and (error := period_error(start=start, end=end)):
        form.add_error("end", error)
    return data


def top_organization(*, user: User) -> Organization | None:
    """The highest node whose report the user may see: the default of the report."""
    return (
        policy.organizations(user=user, action=policy.Action.VIEW).order_by("depth", "path").first()
    )


class ReportForm(forms.Form):
    """GET parameters: organization (code), period (a preset or custom), start and end
    (ISO dates, used with the custom period). Unbound, it stands for the user's highest
    organisation and the current half-year."""

    organization = TreeChoiceField(
        label=_("Organisation"),
        queryset=Organization.objects.none(),
        to_field_name="code",
        empty_label=None,
        help_text=_("The report covers the organisation and every unit below it."),
    )
    period = forms.ChoiceField(label=_("Period"), choices=Period.choices, initial=Period.THIS_HALF)
    start = forms.DateField(
        label=_("First day"),
        required=False,
        widget=DateInput(),
        help_text=_("Used with a custom period."),
    )
    end = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=DateInput(),
        help_text=_("Used with a custom period."),
    )

    def __init__(self, data=None, *, user: User, today: dt.date, **kwargs):
        self.today = today
        self.default_organization = top_organization(user=user)
        if data is not None and not any(data.get(name) for name in self.base_fields):
            data = None
        if data is not None:
            data = data.copy()
            if not data.get("organization") and self.default_organization is not None:
                data["organization"] = self.default_organization.code
            if not data.get("period"):
                # Dates alone (a link from elsewhere) mean a custom period.
                custom = data.get("start") or data.get("end")
                data["period"] = Period.CUSTOM if custom else Period.THIS_HALF
        super().__init__(data, **kwargs)
        field = self.fields["organization"]
        field.queryset = policy.organizations(user=user, action=policy.Action.VIEW)
        if self.default_organization is not None:
            field.top_depth = self.default_organization.depth
            self.initial.setdefault("organization", self.default_organization.code)
        start, end = preset_period(Period.THIS_HALF, today=today)
        self.initial.setdefault("period", Period.THIS_HALF)
        self.initial.setdefault("start", start)
        self.initial.setdefault("end", end)

    def clean(self):
        data = clean_period(self, super().clean(), today=self.today)
        if data.get("period") and data["period"] != Period.CUSTOM:
            # The date fields show the preset's days, ready for a custom change.
            self.data = self.data.copy()
            self.data["start"], self.data["end"] = (
                data["start"].isoformat(),
                data["end"].isoformat(),
            )
        return data

    def selection(self) -> tuple[Organization, dt.date, dt.date] | None:
        """(organisation, first day, last day) of a valid or unbound form; None when the
        user may see no organisation or the form has errors."""
        if not self.is_bound:
            if self.default_organization is None:
                return None
            start, end = preset_period(Period.THIS_HALF, today=self.today)
            return self.default_organization, start, end
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return data["organization"], data["start"], data["end"]


def report_query(*, organization: Organization, start: dt.date, end: dt.date) -> str:
    """The query string of a report of exactly this organisation and period (for the PDF,
    the figures export and links)."""
    return urlencode(
        {
            "organization": organization.code,
            "period": Period.CUSTOM,
            "start": start.isoformat(),
            "end": end.isoformat(),
        }
    )
