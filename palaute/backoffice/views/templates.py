"""Response templates of a unit, edited by its supervisors."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from palaute.feedback import selectors
from palaute.feedback.models import ResponseTemplate
from palaute.organizations import policy

from ..forms import ResponseTemplateForm
from .common import staff_required


@staff_required
def template_list(request: HttpRequest) -> HttpResponse:
    if not policy.can_anywhere(user=request.user, action=policy.Action.MANAGE_TEMPLATES):
        raise PermissionDenied
    return render(
        request,
        "backoffice/templates.html",
        {"templates": selectors.manageable_templates(user=request.user)},
    )


def _save(request: HttpRequest, instance: ResponseTemplate | None) -> HttpResponse:
    form = ResponseTemplateForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        template = form.save(commit=False)
        template.updated_by = request.user
        template.save()
        messages.success(request, _("The response template was saved."))
        return redirect("backoffice:templates")
    return render(
        request,
        "backoffice/template_form.html",
        {"form": form, "template": instance},
        status=400 if form.errors else 200,
    )


@staff_required
def template_create(request: HttpRequest) -> HttpResponse:
    if not policy.can_anywhere(user=request.user, action=policy.Action.MANAGE_TEMPLATES):
        raise PermissionDenied
    return _save(request, None)


@staff_required
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(ResponseTemplate.objects.select_related("organization"), pk=pk)
    if not policy.can(
        user=request.user, action=policy.Action.MANAGE_TEMPLATES, organization=template.organization
    ):
        raise PermissionDenied
    return _save(request, template)
