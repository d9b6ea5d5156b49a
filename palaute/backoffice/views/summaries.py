"""The twice-yearly customer-feedback summaries (asiakaspalautekooste, C7) in the back
office.

Published summaries are seen by everyone who may view the unit; drafts only by those who
lead it (others get 404, so a draft's existence does not leak), and only they write the
commentary, publish and regenerate (403 for those who only view).
"""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palaute.organizations import policy
from palaute.organizations.policy import Action
from palaute.reports import selectors as report_selectors
from palaute.reports import services
from palaute.reports.models import Summary
from palaute.translation import in_current_language

from ..summary_forms import CommentaryForm, SummaryFilterForm, SummaryGenerateForm
from .common import staff_required

PAGE_SIZE = 50


def _summary(request: HttpRequest, pk: int, *, lead: bool) -> Summary:
    """The summary, if the user may see it (404 otherwise) and, for changes, lead the unit
    (403 otherwise)."""
    summary = (
        Summary.objects.select_related(
            "organization", "generated_by", "commentary_by", "published_by"
        )
        .filter(pk=pk)
        .first()
    )
    if summary is None or not policy.can_see_summary(user=request.user, summary=summary):
        raise Http404
    if lead and not policy.can(
        user=request.user, action=Action.LEAD, organization=summary.organization
    ):
        raise PermissionDenied
    return summary


def _render(
    request: HttpRequest, template: str, context: dict, *, failed: bool = False
) -> HttpResponse:
    response = render(request, template, context, status=400 if failed else 200)
    response["Cache-Control"] = "no-store"
    return response


def _add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# The list


def _periods(rows: QuerySet[Summary]) -> list:
    return list(rows.order_by("-start").values_list("start", "end").distinct())


def render_list(
    request: HttpRequest, *, generate_form: SummaryGenerateForm | None = None
) -> HttpResponse:
    user = request.user
    visible = report_selectors.visible_summaries(user=user)
    filters = SummaryFilterForm(request.GET or None, user=user, periods=_periods(visible))
    arguments = filters.arguments()
    rows = visible
    if arguments["organization"] is not None:
        rows = rows.filter(organization__path__startswith=arguments["organization"].path)
    if arguments["period"] is not None:
        start, end = arguments["period"]
        rows = rows.filter(start=start, end=end)
    rows = rows.order_by("-start", "organization__path")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    can_lead = policy.can_anywhere(user=user, action=Action.LEAD)
    if can_lead and generate_form is None:
        generate_form = SummaryGenerateForm(user=user, today=timezone.localdate())
    return _render(
        request,
        "backoffice/reports/summaries.html",
        {
            "filters": filters,
            "page_obj": page,
            "querystring": params.urlencode(),
            "can_lead": can_lead,
            "generate_form": generate_form,
        },
        failed=bool(generate_form is not None and generate_form.errors),
    )


@staff_required
def summary_list(request: HttpRequest) -> HttpResponse:
    return render_list(request)


@staff_required
@require_POST
def summary_generate(request: HttpRequest) -> HttpResponse:
    """Generate (or regenerate) the summary of a unit for a half-year now."""
    if not policy.can_anywhere(user=request.user, action=Action.LEAD):
        raise PermissionDenied
    form = SummaryGenerateForm(request.POST, user=request.user, today=timezone.localdate())
    if form.is_valid():
        start, end = form.cleaned_data["period"]
        organization = form.cleaned_data["organization"]
        existed = Summary.objects.filter(organization=organization, start=start, end=end).exists()
        try:
            summary = services.generate_summary(
                organization=organization, start=start, end=end, actor=request.user
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "The summary was generated again from the current figures. "
                    "The commentary was kept."
                )
                if existed
                else _("The summary was generated. It is a draft until it is published."),
            )
            return redirect(summary.get_absolute_url())
    return render_list(request, generate_form=form)


# One summary


def render_summary(
    request: HttpRequest, summary: Summary, *, commentary_form: CommentaryForm | None = None
) -> HttpResponse:
    can_lead = policy.can(user=request.user, action=Action.LEAD, organization=summary.organization)
    if can_lead and commentary_form is None:
        commentary_form = CommentaryForm(initial={"commentary": summary.commentary})
    figures = summary.figures or {}
    failed = commentary_form is not None and bool(commentary_form.errors)
    return _render(
        request,
        "backoffice/reports/summary.html",
        {
            "summary": summary,
            "period": services.period_label(summary.start, summary.end),
            "figures": figures,
            "organization_name": in_current_language(
                (figures.get("organization") or {}).get("name")
            )
            or summary.organization.name,
            "events": list(summary.events.select_related("actor")),
            "can_lead": can_lead,
            "commentary_form": commentary_form if can_lead else None,
            "failed_form": commentary_form if failed else None,
        },
        failed=failed,
    )


@staff_required
def summary_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_summary(request, _summary(request, pk, lead=False))


@staff_required
def summary_pdf(request: HttpRequest, pk: int) -> FileResponse:
    summary = _summary(request, pk, lead=False)
    if not summary.pdf:
        raise Http404
    try:
        handle = summary.pdf.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        content_type="application/pdf",
        as_attachment=True,
        filename=PurePath(summary.pdf.name).name,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_required
@require_POST
def summary_commentary(request: HttpRequest, pk: int) -> HttpResponse:
    summary = _summary(request, pk, lead=True)
    form = CommentaryForm(request.POST)
    if form.is_valid():
        try:
            services.write_commentary(
                summary=summary, text=form.cleaned_data["commentary"], actor=request.user
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("The commentary was saved and added to the PDF."))
            return redirect(summary.get_absolute_url())
    return render_summary(request, summary, commentary_form=form)


@staff_required
@require_POST
def summary_publish(request: HttpRequest, pk: int) -> HttpResponse:
    summary = _summary(request, pk, lead=True)
    try:
        services.publish_summary(summary=summary, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The summary was published. Everyone who sees the unit's feedback sees it."),
        )
    return redirect(summary.get_absolute_url())


@staff_required
@require_POST
def summary_regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    summary = _summary(request, pk, lead=True)
    try:
        services.regenerate_summary(summary=summary, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The summary was generated again from the current figures. The commentary was kept."),
        )
    return redirect(summary.get_absolute_url())
