"""The unified report of an organisation and its subtree for a period, as a page and as a
PDF. The form chooses; palaute.reports.selectors computes from the rollup."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from palaute.organizations import policy
from palaute.organizations.models import Organization
from palaute.reports import selectors
from palaute.reports.pdf import pdf_filename, render_report_pdf
from palaute.translation import current_language

from ..report_forms import ReportForm, report_query
from .common import staff_required


def _form(request: HttpRequest) -> ReportForm:
    """The form of the request's query; 404 for an organisation that does not exist and
    403 for one the user may not see, before anything else is looked at."""
    code = request.GET.get("organization", "")
    if code:
        organization = Organization.objects.filter(code=code).first()
        if organization is None:
            raise Http404
        if not policy.can(user=request.user, action=policy.Action.VIEW, organization=organization):
            raise PermissionDenied
    if not policy.can_anywhere(user=request.user, action=policy.Action.VIEW):
        raise PermissionDenied
    return ReportForm(request.GET or None, user=request.user, today=timezone.localdate())


@staff_required
def report(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    selection = form.selection()
    context: dict = {"form": form, "figures": None}
    if selection is not None:
        organization, start, end = selection
        context["figures"] = selectors.report_figures(
            organization=organization, start=start, end=end
        )
        context["query"] = report_query(organization=organization, start=start, end=end)
    return render(request, "backoffice/reports/report.html", context)


@staff_required
def report_pdf(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    selection = form.selection()
    if selection is None:
        # Show the errors by the fields on the page.
        query = request.GET.urlencode()
        return redirect(f"{reverse('backoffice:report')}{'?' if query else ''}{query}")
    organization, start, end = selection
    figures = selectors.report_figures(organization=organization, start=start, end=end)
    content = render_report_pdf(figures=figures, language=current_language())
    response = HttpResponse(content, content_type="application/pdf")
    filename = pdf_filename(code=organization.code, start=start, end=end)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
