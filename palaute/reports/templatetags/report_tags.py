"""Template helpers of the unified report, shared by the back-office page, the PDF and any
page that shows stored figures (the half-year summaries).

``{% prepare_report figures as report %}`` turns the JSON-ready dict of
``palaute.reports.selectors.report_figures`` into labelled rows and charts in the active
language; ``{% figure value %}`` writes a number or, for a suppressed (None) value, the
words "fewer than 5 answers" – never a number.
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from palaute.feedback.models import Channel, Feedback
from palaute.improvements.models import DevelopmentAction
from palaute.reports import charts
from palaute.translation import in_current_language

register = template.Library()

TOPICS_IN_CHART = 15


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _label(choices, key: str) -> str:
    try:
        return str(choices(key).label)
    except ValueError:
        return key


def _shares(distribution: dict | None, keys) -> list[float | None]:
    if not distribution:
        return [None for _key in keys]
    total = sum(distribution.get(key) or 0 for key in keys)
    return [100 * (distribution.get(key) or 0) / total if total else None for key in keys]


def _statements(rows: list[dict]) -> list[dict]:
    keys = [str(value) for value in range(1, 6)]
    return [
        {
            **row,
            "label": in_current_language(row.get("text")),
            "shares": _shares(None if row.get("suppressed") else row.get("distribution"), keys),
        }
        for row in rows
    ]


def _actions(actions: dict) -> dict:
    items = []
    for item in actions.get("items") or []:
        items.append(
            {
                **item,
                "status_label": _label(DevelopmentAction.Status, item.get("status") or ""),
                "due_on": _date(item.get("due_on")),
                "done_on": _date(item.get("done_on")),
            }
        )
    return {**actions, "items": items}


def present(figures: dict) -> dict:
    """The report's figures with labels, dates and charts in the active language."""
    volumes = figures.get("volumes") or {}
    kinds = [
        (_label(Feedback.Kind, key), count) for key, count in volumes.get("by_kind", {}).items()
    ]
    channels = [
        (_label(Channel, key), count) for key, count in (volumes.get("by_channel") or {}).items()
    ]
    topics = [
        (in_current_language(row["name"]), row["count"]) for row in volumes.get("by_topic", [])
    ]
    months = [
        (charts.month_label(row["month"]), row["month"], row["count"])
        for row in volumes.get("by_month", [])
    ]
    questionnaires = [
        (in_current_language(row["name"]), row["responses"])
        for row in figures.get("questionnaires", [])
    ]
    nps = figures.get("nps") or {}
    distribution = nps.get("distribution")
    nps_keys = [str(value) for value in range(11)]
    statements = _statements(figures.get("statements") or [])
    own = _statements(figures.get("own_statements") or [])
    generated = figures.get("generated_at")
    previous = figures.get("previous") or {}
    report = {
        "organization": in_current_language((figures.get("organization") or {}).get("name")),
        "code": (figures.get("organization") or {}).get("code", ""),
        "start": _date(figures.get("start")),
        "end": _date(figures.get("end")),
        "previous_start": _date(previous.get("start")),
        "previous_end": _date(previous.get("end")),
        "generated_at": timezone.localtime(dt.datetime.fromisoformat(generated))
        if generated
        else None,
        "min_group": figures.get("min_group", 5),
        "volumes": volumes,
        "kinds": kinds,
        "channels": channels,
        "topics": topics,
        "months": months,
        "questionnaires": questionnaires,
        "responses": figures.get("responses", 0),
        "nps": nps,
        "nps_rows": [
            (key, distribution.get(key, 0), share)
            for key, share in zip(nps_keys, _shares(distribution, nps_keys), strict=True)
        ]
        if distribution
        else [],
        "statements": statements,
        "own_statements": own,
        "handling": figures.get("handling") or {},
        "critical": figures.get("critical") or {},
        "actions": _actions(figures.get("actions") or {}),
        "themes": figures.get("themes") or [],
        "scale": charts.scale_labels(),
        "nps_labels": charts.nps_labels(),
    }
    report["charts"] = {
        "channels": charts.bar_chart(title=_("Feedback by channel"), rows=channels),
        "topics": charts.bar_chart(title=_("Feedback by topic"), rows=topics[:TOPICS_IN_CHART])
        if topics
        else "",
        "months": charts.column_chart(
            title=_("Feedback by month"), rows=[(label, count) for label, _month, count in months]
        ),
        "nps": charts.nps_chart(
            title=_("Recommendation index (NPS)"),
            value=nps.get("value"),
            promoters=nps.get("promoters"),
            passives=nps.get("passives"),
            detractors=nps.get("detractors"),
            previous=nps.get("previous"),
        ),
        "nps_distribution": charts.column_chart(
            title=_("Answers to the recommendation question from 0 to 10"),
            rows=[(key, count) for key, count, _share in report["nps_rows"]],
        )
        if distribution
        else "",
        "statements": charts.statement_chart(
            title=_("Answers to the national statements"), statements=statements
        )
        if statements
        else "",
        "own_statements": charts.statement_chart(
            title=_("Answers to the own statements"), statements=own
        )
        if own
        else "",
    }
    return report


@register.simple_tag
def prepare_report(figures: dict) -> dict:
    return present(figures or {})


def _suppressed():
    return format_html('<span class="suppressed">{}</span>', charts.suppressed_text())


@register.simple_tag
def figure(value, digits: str = "1", suffix: str = ""):
    """A figure, or "fewer than 5 answers" when it was suppressed (None)."""
    if value is None:
        return _suppressed()
    return format_html("{}{}", floatformat(value, digits), suffix)


@register.simple_tag
def change(value, suffix: str = ""):
    """The change from the previous period with its sign; a dash when unknown."""
    if value is None:
        return "–"
    if not value:
        return format_html("±0{}", suffix)
    sign = "+" if value > 0 else "−"
    return format_html("{}{}{}", sign, floatformat(abs(value), "1"), suffix)


@register.simple_tag
def duration(*, minutes=None, hours=None):
    """A median time in minutes, hours or days as fits; suppressed when None."""
    if minutes is None and hours is None:
        return _suppressed()
    minutes = minutes if minutes is not None else hours * 60
    if minutes < 90:
        return _("%(value)s min") % {"value": floatformat(minutes, "0")}
    if minutes < 48 * 60:
        return _("%(value)s h") % {"value": floatformat(minutes / 60, "-1")}
    return _("%(value)s days") % {"value": floatformat(minutes / 60 / 24, "-1")}
