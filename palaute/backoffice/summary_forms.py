"""Back-office forms of the twice-yearly customer-feedback summaries (C7). They validate
input; palaute.reports.services decides and records."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from palaute.organizations import policy
from palaute.organizations.models import Organization
from palaute.reports import services
from palaute.reports.selectors import half_year

from .forms import TreeChoiceField


def _period_value(start: dt.date) -> str:
    return services.period_code(start)


def _period_choices(periods) -> list[tuple[str, str]]:
    return [(_period_value(start), services.period_label(start, end)) for start, end in periods]


def parse_period(value: str) -> tuple[dt.date, dt.date] | None:
    """2025-H1 → (1.1.2025, 30.6.2025); None if not a half-year."""
    year, _sep, half = (value or "").partition("-H")
    if not (year.isdigit() and len(year) == 4 and half in {"1", "2"}):
        return None
    return half_year(dt.date(int(year), 1 if half == "1" else 7, 1))


class SummaryFilterForm(forms.Form):
    unit = TreeChoiceField(
        label=_("Organisation"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("All organisations"),
        help_text=_("Summaries of the organisation and the units below it."),
    )
    period = forms.ChoiceField(label=_("Half-year"), required=False)

    def __init__(self, *args, user, periods, **kwargs):
        # Its own ids: the list page also has the form that generates a summary.
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = policy.organizations(user=user, action=policy.Action.VIEW)
        self.fields["period"].choices = [("", _("All half-years")), *_period_choices(periods)]

    def arguments(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {"organization": None, "period": None}
        return {
            "organization": self.cleaned_data["unit"],
            "period": parse_period(self.cleaned_data["period"]),
        }


class SummaryGenerateForm(forms.Form):
    organization = TreeChoiceField(
        label=_("Unit"),
        queryset=Organization.objects.none(),
        empty_label=_("Choose the unit"),
        help_text=_("The summary covers the unit and the units below it."),
    )
    period = forms.ChoiceField(label=_("Half-year"))

    def __init__(self, *args, user, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = policy.organizations(
            user=user, action=policy.Action.LEAD
        ).filter(is_active=True)
        self.fields["period"].choices = [
            ("", _("Choose the half-year")),
            *_period_choices(services.recent_half_years(today=today)),
        ]

    def clean_period(self) -> tuple[dt.date, dt.date]:
        period = parse_period(self.cleaned_data["period"])
        if period is None:
            raise forms.ValidationError(_("Choose the half-year."), code="invalid")
        return period


class CommentaryForm(forms.Form):
    commentary = forms.CharField(
        label=_("Supervisor's commentary"),
        max_length=services.MAX_COMMENTARY,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What the figures tell and what the unit will do about them. It is printed in "
            "the PDF. Do not write customers' names."
        ),
        error_messages={"required": _("Write the commentary.")},
    )
