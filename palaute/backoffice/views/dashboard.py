"""The directors' dashboard (the units of an area side by side) and the exports.

The views choose the organisation and period (dashboard_forms), ask the policy, and call
palaute.reports.selectors (figures) or palaute.reports.exports (rows and writers).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from palaute.addresses import client_address
from palaute.organizations import policy
from palaute.organizations.models import Organization
from palaute.organizations.selectors import lineage_paths
from palaute.reports import exports as builders
from palaute.reports import selectors
from palaute.surveys import national
from palaute.surveys.figures import STATEMENT_TEXTS
from palaute.translation import in_current_language

from ..dashboard_forms import ExportForm, ReportFilterForm
from .common import staff_required

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SPOOL_BYTES = 16 * 1024 * 1024

# Short column headings of the national statements; the full wording is under the table.
STATEMENT_LABELS = {
    "saatavuus": _("Help when needed"),
    "kohtaaminen": _("Respectful treatment"),
    "osallistuminen": _("Decided together"),
    "turvallisuus": _("Felt safe"),
    "tiedon_saanti": _("Enough information"),
    "ymmarrettavyys": _("Understandable information"),
    "hyodyllisyys": _("Useful service"),
}

TEXT, COUNT, SCORE, SHARE = "text", "count", "score", "share"


# Choosing the organisation and the period


def _choose(request: HttpRequest, form_class=ReportFilterForm):
    """The form of the request and the organisation it names (the user's highest one when
    none is named). 404 for an unknown organisation, 403 for one outside the user's view."""
    user = request.user
    organizations = list(
        policy.organizations(user=user, action=policy.Action.VIEW).filter(is_active=True)
    )
    code = request.GET.get("organization", "").strip()
    if code:
        organization = Organization.objects.filter(code=code).first()
        if organization is None:
            raise Http404
        if not policy.can(user=user, action=policy.Action.VIEW, organization=organization):
            raise PermissionDenied
    elif organizations:
        organization = min(organizations, key=lambda org: (org.depth, org.path))
    else:
        raise PermissionDenied
    form = form_class(
        request.GET,
        organizations=organizations,
        organization=organization,
        today=timezone.localdate(),
    )
    return form, organization


def _render(request: HttpRequest, template: str, context: dict, *, status: int = 200):
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    return response


# The units side by side


def _columns() -> list[dict]:
    return [
        {"key": "name", "label": _("Unit"), "kind": TEXT},
        {"key": "feedback", "label": _("Feedback"), "kind": COUNT},
        {"key": "responses", "label": _("Questionnaire answers"), "kind": COUNT},
        {"key": "nps", "label": _("NPS"), "kind": SCORE},
        *(
            {"key": code, "label": STATEMENT_LABELS.get(code, code), "kind": SHARE}
            for code in national.STATEMENT_CODES
        ),
        {"key": "processing", "label": _("Taken into processing in 5 working days"), "kind": SHARE},
        {"key": "contact", "label": _("Contacted within 14 days"), "kind": SHARE},
        {"key": "overdue", "label": _("Overdue now"), "kind": COUNT},
        {"key": "critical", "label": _("Critical"), "kind": COUNT},
    ]


def _cell(row: dict, key: str) -> dict:
    """One figure of a unit: its value, the number of answers behind it and whether it is
    suppressed."""
    if key == "feedback":
        return {"value": row["feedback"]}
    if key == "responses":
        return {"value": row["responses"]}
    if key == "overdue":
        return {"value": row["overdue_now"]}
    if key == "critical":
        return {"value": row["critical"]}
    if key == "nps":
        nps = row["nps"]
        return {"value": nps["value"], "n": nps["count"], "suppressed": bool(nps["suppressed"])}
    if key == "processing":
        value = row["processing_share"]
        return {"value": value, "suppressed": value is None}
    if key == "contact":
        value = row["contact_share"]
        return {"value": value, "suppressed": value is None}
    statement = (row.get("statements") or {}).get(key) or {}
    return {
        "value": statement.get("positive_share"),
        "n": statement.get("count", 0),
        "suppressed": bool(statement.get("suppressed", True)),
    }


def _table_row(row: dict, *, columns: list[dict], total: dict | None) -> dict:
    """A unit's row: each figure with how it compares with the area's own value."""
    cells = []
    for column in columns[1:]:
        cell = {"kind": column["kind"], "n": None, "suppressed": False, **_cell(row, column["key"])}
        cell["compare"] = None
        if total is not None and column["kind"] in (SCORE, SHARE) and not cell["suppressed"]:
            area = _cell(total, column["key"])
            if cell["value"] is not None and area.get("value") is not None:
                if cell["value"] > area["value"]:
                    cell["compare"] = "above"
                elif cell["value"] < area["value"]:
                    cell["compare"] = "below"
        cells.append(cell)
    organization = row["organization"]
    return {
        "code": organization["code"],
        "name": in_current_language(organization["name"]),
        "has_children": row.get("has_children", False),
        "cells": cells,
    }


def _sort(rows: list[dict], *, columns: list[dict], key: str, descending: bool) -> list[dict]:
    """Rows by the column; a value that is not shown (suppressed) always comes last."""
    if key == "name":
        return sorted(rows, key=lambda row: row["name"].casefold(), reverse=descending)
    index = next(number for number, column in enumerate(columns) if column["key"] == key) - 1
    shown = [row for row in rows if row["cells"][index]["value"] is not None]
    hidden = [row for row in rows if row["cells"][index]["value"] is None]
    shown.sort(key=lambda row: (row["cells"][index]["value"], row["name"].casefold()))
    if descending:
        shown.reverse()
    return shown + sorted(hidden, key=lambda row: row["name"].casefold())


def _header(column: dict, *, form, sort: str, descending: bool) -> dict:
    """A column heading: a link that sorts by it (the current column flips direction;
    names start A–Z, figures from the largest)."""
    current = column["key"] == sort
    next_descending = not descending if current else column["kind"] != TEXT
    query = form.query(sort=column["key"], dir="desc" if next_descending else "asc")
    if column["kind"] == TEXT:
        hint = _("sort Z–A") if next_descending else _("sort A–Z")
    else:
        hint = _("sort from the largest") if next_descending else _("sort from the smallest")
    return {
        **column,
        "url": f"?{urlencode(query)}",
        "aria_sort": ("descending" if descending else "ascending") if current else None,
        "hint": hint,
    }


def _breadcrumbs(request: HttpRequest, organization: Organization, form) -> list[dict]:
    """The levels above the organisation that the user may view, highest first."""
    crumbs = []
    paths = lineage_paths(organization)[1:]
    for ancestor in Organization.objects.filter(path__in=paths).order_by("path"):
        if policy.can(user=request.user, action=policy.Action.VIEW, organization=ancestor):
            query = form.query()
            query["organization"] = ancestor.code
            crumbs.append({"name": ancestor.name, "url": f"?{urlencode(query)}"})
    return crumbs


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The direct units of an organisation side by side for a period, with the total."""
    form, organization = _choose(request)
    context: dict = {"form": form, "organization": organization}
    if not form.is_valid():
        return _render(request, "backoffice/reports/dashboard.html", context, status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    comparison = selectors.unit_comparison(organization=organization, start=start, end=end)
    columns = _columns()
    keys = [column["key"] for column in columns]
    sort = request.GET.get("sort", "name")
    if sort not in keys:
        sort = "name"
    descending = request.GET.get("dir") == "desc"
    total = comparison["total"]
    rows = [_table_row(row, columns=columns, total=total) for row in comparison["units"]]
    rows = _sort(rows, columns=columns, key=sort, descending=descending)
    for row in rows:
        query = form.query(sort=sort if sort != "name" else None, dir=request.GET.get("dir"))
        query["organization"] = row["code"]
        row["drill_url"] = f"?{urlencode(query)}" if row["has_children"] else None
        row["report_url"] = _report_url(form, code=row["code"])
    context.update(
        start=start,
        end=end,
        comparison=comparison,
        columns=[
            _header(column, form=form, sort=sort, descending=descending) for column in columns
        ],
        rows=rows,
        sort=sort if sort != "name" else "",
        sort_dir="desc" if descending else "",
        total=_table_row(total, columns=columns, total=None),
        breadcrumbs=_breadcrumbs(request, organization, form),
        report_url=_report_url(form, code=organization.code),
        figures_csv=_figures_url(form, "csv"),
        figures_xlsx=_figures_url(form, "xlsx"),
        statements=[
            {
                "code": code,
                "label": STATEMENT_LABELS.get(code, code),
                "text": in_current_language(STATEMENT_TEXTS.get(code)),
            }
            for code in national.STATEMENT_CODES
        ],
    )
    return _render(request, "backoffice/reports/dashboard.html", context)


def _report_url(form, *, code: str) -> str:
    return f"{reverse('backoffice:report')}?{urlencode(form.dated_query(organization=code))}"


def _figures_url(form, fmt: str) -> str:
    url = reverse("backoffice:report-export", kwargs={"fmt": fmt})
    return f"{url}?{urlencode(form.dated_query())}"


# Downloads


def _in_language(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """Rows are written after the view returns: keep the request's language for them."""
    language = translation.get_language()
    timezone_ = timezone.get_current_timezone()
    with translation.override(language), timezone.override(timezone_):
        yield from chunks


def download_sheets(sheets: list[builders.Sheet], *, fmt: str, name: str) -> HttpResponse:
    """Sheets as a CSV stream (in the user's language) or an XLSX file; never cached."""
    if fmt == "csv":
        response: HttpResponse = StreamingHttpResponse(
            _in_language(builders.csv_chunks(sheets)), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = content_disposition_header(True, f"{name}.csv")
    else:
        target = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - closed by the response
        builders.write_xlsx(sheets, target)
        target.seek(0)
        response = FileResponse(
            target, as_attachment=True, filename=f"{name}.xlsx", content_type=XLSX_TYPE
        )
    response["Cache-Control"] = "no-store"
    return response


def _export_form(request: HttpRequest, fmt: str):
    if fmt not in builders.FORMATS:
        raise Http404
    return _choose(request, ExportForm)


def _invalid(request: HttpRequest, form, organization: Organization) -> HttpResponse:
    return _render(
        request,
        "backoffice/reports/exports.html",
        {"form": form, "organization": organization, **_contact_context(request)},
        status=400,
    )


@staff_required
def report_figures_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The unified report's figures as CSV or XLSX, one section after another (a sheet
    each in XLSX); suppressed values as the text "fewer than 5 answers"."""
    form, organization = _export_form(request, fmt)
    if not form.is_valid():
        return _invalid(request, form, organization)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    figures = selectors.report_figures(organization=organization, start=start, end=end)
    name = builders.export_name(kind="report", organization=organization, start=start, end=end)
    return download_sheets(builders.figures_sheets(figures), fmt=fmt, name=name)


@staff_required
def export_feedback(request: HttpRequest, fmt: str) -> HttpResponse:
    """One row per feedback of the subtree and period in the user's view; contact details
    only on request and only where the user may see them, each export of them logged."""
    form, organization = _export_form(request, fmt)
    if not form.is_valid():
        return _invalid(request, form, organization)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    sheet = builders.feedback_sheet(
        user=request.user,
        organization=organization,
        start=start,
        end=end,
        contacts=form.cleaned_data["contacts"],
        client_address=client_address(request),
    )
    name = builders.export_name(kind="feedback", organization=organization, start=start, end=end)
    return download_sheets([sheet], fmt=fmt, name=name)


@staff_required
def export_answers(request: HttpRequest, fmt: str) -> HttpResponse:
    """One row per survey response of the subtree and period; never contact details."""
    form, organization = _export_form(request, fmt)
    if not form.is_valid():
        return _invalid(request, form, organization)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    sheet = builders.answers_sheet(
        user=request.user,
        organization=organization,
        start=start,
        end=end,
        client_address=client_address(request),
    )
    name = builders.export_name(kind="answers", organization=organization, start=start, end=end)
    return download_sheets([sheet], fmt=fmt, name=name)


def _contact_context(request: HttpRequest) -> dict:
    return {
        "may_see_contacts": policy.can_anywhere(
            user=request.user, action=policy.Action.VIEW_CONTACT
        )
    }


@staff_required
def exports(request: HttpRequest) -> HttpResponse:
    """Choose the organisation and period, see how many rows each export has, download."""
    form, organization = _choose(request, ExportForm)
    context = {"form": form, "organization": organization, **_contact_context(request)}
    if not form.is_valid():
        return _render(request, "backoffice/reports/exports.html", context, status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    if request.GET:
        chosen = {"user": request.user, "organization": organization, "start": start, "end": end}
        context["counts"] = {
            "feedback": builders.feedback_queryset(**chosen).count(),
            "answers": builders.responses_queryset(**chosen).count(),
        }
        context["contacts_possible"] = builders.may_see_contacts(
            user=request.user, organization=organization
        )
    context.update(start=start, end=end)
    return _render(request, "backoffice/reports/exports.html", context)
