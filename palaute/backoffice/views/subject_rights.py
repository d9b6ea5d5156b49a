"""The data subject's rights: find everything held about a person by email or phone,
export it as JSON, erase it. Every step is logged by the services. The person's details
travel only in POST bodies, never in addresses that end up in logs and browser history."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from palaute.addresses import client_address
from palaute.organizations import policy
from palaute.organizations.policy import Action
from palaute.privacy import services
from palaute.privacy.selectors import SubjectData

from ..subject_forms import SubjectEraseForm, SubjectForm
from .common import staff_required

TEMPLATE = "backoffice/privacy/subject.html"


def _require(request: HttpRequest) -> None:
    if not policy.can_anywhere(user=request.user, action=Action.SUBJECT_RIGHTS):
        raise PermissionDenied


def _page(
    request: HttpRequest,
    *,
    form: SubjectForm,
    data: SubjectData | None = None,
    erase_form: SubjectEraseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    viewable = set()
    if data is not None:
        viewable = {
            item.pk
            for item in data.feedback
            if policy.can_on_feedback(user=request.user, action=Action.VIEW, feedback=item)
        }
        if erase_form is None:
            erase_form = SubjectEraseForm(initial=form.cleaned_data, prefix="erase")
    return render(
        request,
        TEMPLATE,
        {"form": form, "data": data, "erase_form": erase_form, "viewable": viewable},
        status=status,
    )


@never_cache
@staff_required
def search(request: HttpRequest) -> HttpResponse:
    _require(request)
    if request.method != "POST":
        return _page(request, form=SubjectForm())
    form = SubjectForm(request.POST)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    data = services.find_subject(
        user=request.user, subject=form.subject(), client_address=client_address(request)
    )
    return _page(request, form=form, data=data)


@never_cache
@require_POST
@staff_required
def export(request: HttpRequest) -> HttpResponse:
    _require(request)
    form = SubjectForm(request.POST)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    document = services.export_subject(
        user=request.user, subject=form.subject(), client_address=client_address(request)
    )
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    name = f"palaute-rekisteroity-{timezone.localdate():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@never_cache
@require_POST
@staff_required
def erase(request: HttpRequest) -> HttpResponse:
    _require(request)
    form = SubjectEraseForm(request.POST, prefix="erase")
    if not form.is_valid():
        search_form = SubjectForm(
            {
                "email": request.POST.get("erase-email", ""),
                "phone": request.POST.get("erase-phone", ""),
            }
        )
        if not search_form.is_valid():
            return _page(request, form=search_form, status=400)
        data = services.find_subject(
            user=request.user,
            subject=search_form.subject(),
            client_address=client_address(request),
        )
        return _page(request, form=search_form, data=data, erase_form=form, status=400)
    erased = services.erase_subject(
        user=request.user, subject=form.subject(), reason=form.cleaned_data["reason"]
    )
    messages.success(
        request,
        _(
            "Erased: personal data of %(feedback)d feedback, %(contacts)d contact details, "
            "%(attachments)d attachments, %(messages)d messages and the number of "
            "%(invitations)d text-message invitations."
        )
        % erased.as_dict(),
    )
    return redirect("backoffice:subject-search")
