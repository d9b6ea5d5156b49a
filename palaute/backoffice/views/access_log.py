"""The access log of personal data for administrators and data-protection officers: search
and CSV export, each of them recorded in the audit trail (organizations.AuditEvent)."""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from palaute.organizations import policy
from palaute.organizations import services as org_services
from palaute.privacy import selectors
from palaute.privacy.models import AccessLog
from palaute.reports.exports import Column, Sheet

from ..access_log_forms import AccessLogFilterForm
from .common import staff_required
from .dashboard import download_sheets

PAGE_SIZE = 50


def _filtered(request: HttpRequest) -> tuple[AccessLogFilterForm, QuerySet[AccessLog] | None]:
    """The search form and the rows it finds (None when the form has errors); 403 for
    those who may not audit the log anywhere."""
    if not policy.can_anywhere(user=request.user, action=policy.Action.AUDIT_ACCESS):
        raise PermissionDenied
    params = request.GET.copy()
    params.pop("page", None)
    form = AccessLogFilterForm(params or None, user=request.user)
    if form.is_bound and not form.is_valid():
        return form, None
    return form, selectors.access_log(user=request.user, **form.filters())


def _page(request: HttpRequest, context: dict, *, status: int = 200) -> HttpResponse:
    context["retention_months"] = settings.PALAUTE_ACCESS_LOG_MONTHS
    response = render(request, "backoffice/privacy/access_log.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@staff_required
def access_log(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    context: dict = {"form": form}
    if rows is not None:
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        org_services.audit(
            actor=request.user,
            action="access_log.search",
            target="access_log",
            data={**form.described(), "page": page.number},
        )
        params = request.GET.copy()
        params.pop("page", None)
        context.update(page_obj=page, querystring=params.urlencode())
    return _page(request, context, status=200 if rows is not None else 400)


def _sheet(rows: QuerySet[AccessLog]) -> Sheet:
    kinds = dict(AccessLog.Kind.choices)

    def lines() -> Iterator[list]:
        for chunk in selectors.access_log_chunks(rows):
            for row in chunk:
                organization = row.organization
                yield [
                    row.created_at,
                    row.username,
                    row.full_name or None,
                    kinds.get(row.kind, row.kind),
                    " ".join(row.reference_list),
                    row.feedback_count,
                    organization.name if organization else None,
                    organization.code if organization else None,
                    row.client_address or None,
                    row.purpose or None,
                ]

    return Sheet(
        title=_("Access log"),
        columns=[
            Column(_("Time"), 17),
            Column(_("User name"), 16),
            Column(_("Name"), 24),
            Column(_("Kind of look"), 24),
            Column(_("Reference numbers"), 40),
            Column(_("Number of feedback"), 10),
            Column(_("Organisation"), 28),
            Column(_("Organisation code"), 16),
            Column(_("Client address"), 16),
            Column(_("Purpose or note"), 32),
        ],
        rows=lines(),
    )


@staff_required
def access_log_export(request: HttpRequest) -> HttpResponse:
    """The rows the search finds as CSV (for Finnish Excel, as the other exports), streamed
    newest first however long the log is."""
    form, rows = _filtered(request)
    if rows is None:
        return _page(request, {"form": form}, status=400)
    org_services.audit(
        actor=request.user,
        action="access_log.export",
        target="access_log",
        data=form.described(),
    )
    name = f"access-log-{timezone.localdate():%Y-%m-%d}"
    return download_sheets([_sheet(rows)], fmt="csv", name=name)
