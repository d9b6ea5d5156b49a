"""The customer questionnaires in the back office: collection points with their QR codes,
posters and paper forms, typing in paper forms and oral feedback, text-message
invitations and opt-outs, and the wording of the questionnaires and own statements."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palaute.notifications import services as notifications
from palaute.organizations import policy
from palaute.organizations.policy import Action
from palaute.surveys import printing, selectors, services
from palaute.surveys.models import CollectionPoint, OwnStatement, Questionnaire, SmsOptOut

from ..survey_forms import (
    CollectionPointForm,
    EntryCodeForm,
    OptOutForm,
    OwnStatementForm,
    QuestionnaireVersionForm,
    SmsInvitationForm,
    StaffEntryForm,
)
from .common import staff_required

PUBLIC_CHANNELS = {
    CollectionPoint.Channel.WEB,
    CollectionPoint.Channel.QR,
    CollectionPoint.Channel.SMS,
    CollectionPoint.Channel.TABLET,
}
TYPED_CHANNELS = {CollectionPoint.Channel.PAPER, CollectionPoint.Channel.ORAL}


def _require(request: HttpRequest, action: Action) -> None:
    if not policy.can_anywhere(user=request.user, action=action):
        raise PermissionDenied


def _point(request: HttpRequest, pk: int, action: Action) -> CollectionPoint:
    point = get_object_or_404(
        CollectionPoint.objects.select_related("organization", "questionnaire", "topic"), pk=pk
    )
    if not policy.can(user=request.user, action=action, organization=point.organization):
        raise PermissionDenied
    return point


@staff_required
def overview(request: HttpRequest) -> HttpResponse:
    """The collection points of the user's units and what can be done with each."""
    _require(request, Action.RECORD)
    return render(
        request,
        "backoffice/surveys/overview.html",
        {
            "points": selectors.points_overview(user=request.user),
            "public_channels": PUBLIC_CHANNELS,
            "typed_channels": TYPED_CHANNELS,
            "code_form": EntryCodeForm(),
            "can_administer": policy.can_anywhere(user=request.user, action=Action.ADMINISTER),
            "can_edit_questionnaires": policy.can_edit_questionnaires(user=request.user),
        },
    )


# Collection points


@staff_required
def point_create(request: HttpRequest) -> HttpResponse:
    _require(request, Action.ADMINISTER)
    form = CollectionPointForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        point = services.create_collection_point(
            organization=data["organization"],
            channel=data["channel"],
            questionnaire=data["questionnaire"],
            topic=data["topic"],
            name=data["name"],
            actor=request.user,
        )
        messages.success(request, _("The collection point was created."))
        return redirect("backoffice:survey-point", pk=point.pk)
    return render(
        request,
        "backoffice/surveys/point_form.html",
        {"form": form, "point": None},
        status=400 if form.errors else 200,
    )


@staff_required
def point_edit(request: HttpRequest, pk: int) -> HttpResponse:
    point = _point(request, pk, Action.RECORD)
    may_edit = policy.can(
        user=request.user, action=Action.ADMINISTER, organization=point.organization
    )
    form = CollectionPointForm(request.POST or None, user=request.user, point=point)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if form.is_valid():
            changed = services.update_collection_point(
                point=point, values=form.cleaned_data, actor=request.user
            )
            if changed:
                messages.success(request, _("The collection point was saved."))
            return redirect("backoffice:survey-point", pk=point.pk)
    return render(
        request,
        "backoffice/surveys/point_form.html",
        {
            "form": form,
            "point": point,
            "may_edit": may_edit,
            "public_url": notifications.absolute_url(point.get_absolute_url())
            if point.channel in PUBLIC_CHANNELS
            else "",
            "is_public": point.channel in PUBLIC_CHANNELS,
            "is_typed": point.channel in TYPED_CHANNELS,
        },
        status=400 if form.errors else 200,
    )


@staff_required
@require_POST
def point_new_code(request: HttpRequest, pk: int) -> HttpResponse:
    point = _point(request, pk, Action.ADMINISTER)
    services.new_point_code(point=point, actor=request.user)
    messages.success(
        request,
        _("The collection point has a new code. Print its QR codes, posters and forms again."),
    )
    return redirect("backoffice:survey-point", pk=point.pk)


def _public_point(request: HttpRequest, pk: int) -> tuple[CollectionPoint, str]:
    point = _point(request, pk, Action.RECORD)
    if point.channel not in PUBLIC_CHANNELS:
        raise Http404
    return point, notifications.absolute_url(point.get_absolute_url())


def _download(
    content: bytes, content_type: str, filename: str, *, inline: bool = False
) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def point_qr_svg(request: HttpRequest, pk: int) -> HttpResponse:
    point, url = _public_point(request, pk)
    return _download(
        printing.qr_svg(url=url),
        "image/svg+xml",
        f"qr-{point.organization.code}-{point.channel}.svg",
    )


@staff_required
def point_qr_png(request: HttpRequest, pk: int) -> HttpResponse:
    point, url = _public_point(request, pk)
    return _download(
        printing.qr_png(url=url), "image/png", f"qr-{point.organization.code}-{point.channel}.png"
    )


@staff_required
def point_poster(request: HttpRequest, pk: int) -> HttpResponse:
    point, url = _public_point(request, pk)
    return _download(
        printing.poster_pdf(point=point, url=url),
        "application/pdf",
        f"juliste-{point.organization.code}.pdf",
        inline=True,
    )


@staff_required
def point_paper_form(request: HttpRequest, pk: int) -> HttpResponse:
    point = _point(request, pk, Action.RECORD)
    if point.channel != CollectionPoint.Channel.PAPER:
        raise Http404
    version = selectors.current_version(point=point)
    if version is None:
        raise Http404
    language = request.GET.get("language", "fi")
    if language not in ("fi", "sv", "en"):
        language = "fi"
    return _download(
        printing.paper_form_pdf(
            point=point,
            version=version,
            own_statements=services.own_statements_for(organization=point.organization),
            language=language,
        ),
        "application/pdf",
        f"lomake-{point.organization.code}-{language}.pdf",
        inline=True,
    )


# Typing in paper forms and oral feedback


@staff_required
def entry_find(request: HttpRequest) -> HttpResponse:
    """Typing in a pile of forms from many units: the code printed on the form opens the
    right unit's entry page."""
    _require(request, Action.RECORD)
    form = EntryCodeForm(request.GET or None)
    if form.is_valid():
        point = selectors.active_point(code=form.cleaned_data["code"].strip().lower())
        if point is not None and point.channel in TYPED_CHANNELS:
            if not policy.can(
                user=request.user, action=Action.RECORD, organization=point.organization
            ):
                raise PermissionDenied
            return redirect("backoffice:survey-entry", code=point.code)
        form.add_error("code", _("No paper form or oral feedback collection point has this code."))
    return render(
        request,
        "backoffice/surveys/entry_find.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@staff_required
def entry(request: HttpRequest, code: str) -> HttpResponse:
    """One form after another: after saving, an empty form for the next one."""
    point = selectors.active_point(code=code)
    if point is None or point.channel not in TYPED_CHANNELS:
        raise Http404
    if not policy.can(user=request.user, action=Action.RECORD, organization=point.organization):
        raise PermissionDenied
    version = selectors.current_version(point=point)
    if version is None:
        raise Http404
    own = services.own_statements_for(organization=point.organization)
    form = StaffEntryForm(request.POST or None, point=point, version=version, own=own)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                response = services.submit_survey(
                    point=point,
                    version=version,
                    answers=form.answers(),
                    language=form.cleaned_data["language"],
                    recorded_by=request.user,
                    received_at=form.received_at(),
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = request.session.get("palaute_entry_count", 0) + 1
            request.session["palaute_entry_count"] = count
            messages.success(
                request,
                _("Saved as %(reference)s (%(count)d typed in this session). Next form.")
                % {"reference": response.feedback.reference, "count": count},
            )
            return redirect("backoffice:survey-entry", code=point.code)
    return render(
        request,
        "backoffice/surveys/entry.html",
        {"form": form, "point": point, "version": version},
        status=400 if form.errors else 200,
    )


# Text messages


@staff_required
def invite(request: HttpRequest) -> HttpResponse:
    _require(request, Action.RECORD)
    points = selectors.invitation_points(user=request.user)
    form = SmsInvitationForm(request.POST or None, points=points)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.invite_by_sms(
                point=data["point"],
                phone=data["phone"],
                kind=data["kind"],
                language=data["language"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The invitation was sent."))
            return redirect("backoffice:survey-invite")
    return render(
        request,
        "backoffice/surveys/invite.html",
        {"form": form, "has_points": points.exists()},
        status=400 if form.errors else 200,
    )


@staff_required
def opt_outs(request: HttpRequest) -> HttpResponse:
    """Numbers that get no feedback messages. Only hashes are kept, so a number is looked
    up by typing it."""
    _require(request, Action.RECORD)
    may_remove = policy.can_anywhere(user=request.user, action=Action.ADMINISTER)
    form = OptOutForm(request.POST or None)
    status = None
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        operation = request.POST.get("operation")
        if operation == "add":
            services.add_opt_out(phone=phone, actor=request.user, reason="staff")
            messages.success(request, _("The number gets no more feedback messages."))
            return redirect("backoffice:survey-opt-outs")
        if operation == "remove":
            if not may_remove:
                raise PermissionDenied
            if services.remove_opt_out(phone=phone, actor=request.user):
                messages.success(request, _("The number may get feedback messages again."))
            else:
                messages.info(request, _("The number was not on the list."))
            return redirect("backoffice:survey-opt-outs")
        status = services.is_opted_out(phone=phone)
    return render(
        request,
        "backoffice/surveys/opt_outs.html",
        {
            "form": form,
            "status": status,
            "count": SmsOptOut.objects.count(),
            "may_remove": may_remove,
        },
        status=400 if form.errors else 200,
    )


# Wording


@staff_required
def questionnaires(request: HttpRequest) -> HttpResponse:
    if not policy.can_edit_questionnaires(user=request.user):
        raise PermissionDenied
    return render(
        request,
        "backoffice/surveys/questionnaires.html",
        {"questionnaires": selectors.questionnaires_overview()},
    )


@staff_required
def questionnaire_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not policy.can_edit_questionnaires(user=request.user):
        raise PermissionDenied
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    version = questionnaire.current_version()
    if version is None:
        raise Http404
    form = QuestionnaireVersionForm(request.POST or None, version=version)
    if request.method == "POST" and form.is_valid():
        intro, items = form.changes()
        saved = services.edit_version(version=version, intro=intro, items=items, actor=request.user)
        if saved.pk != version.pk:
            messages.success(
                request,
                _(
                    "Saved as version %(new)d. Version %(old)d had answers, and they keep the "
                    "wording their respondents saw."
                )
                % {"new": saved.number, "old": version.number},
            )
        else:
            messages.success(request, _("The questionnaire was saved."))
        return redirect("backoffice:survey-questionnaire", pk=questionnaire.pk)
    return render(
        request,
        "backoffice/surveys/questionnaire_form.html",
        {
            "questionnaire": questionnaire,
            "version": version,
            "answered": version.is_answered,
            "versions": questionnaire.versions.order_by("-number"),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@staff_required
def statements(request: HttpRequest) -> HttpResponse:
    _require(request, Action.ADMINISTER)
    return render(
        request,
        "backoffice/surveys/statements.html",
        {"statements": selectors.manageable_statements(user=request.user)},
    )


def _save_statement(request: HttpRequest, statement: OwnStatement | None) -> HttpResponse:
    form = OwnStatementForm(request.POST or None, user=request.user, statement=statement)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = services.save_own_statement(
            organization=statement.organization if statement else data["organization"],
            statement=statement,
            code=data["code"],
            texts={name: data[name] for name in ("text_fi", "text_sv", "text_en")},
            order=data["order"],
            is_active=data["is_active"],
            actor=request.user,
        )
        if statement is not None and saved.pk != statement.pk:
            messages.success(
                request,
                _("The statement had answers, so the new wording was saved as a new statement."),
            )
        else:
            messages.success(request, _("The statement was saved."))
        return redirect("backoffice:survey-statements")
    return render(
        request,
        "backoffice/surveys/statement_form.html",
        {"form": form, "statement": statement},
        status=400 if form.errors else 200,
    )


@staff_required
def statement_create(request: HttpRequest) -> HttpResponse:
    _require(request, Action.ADMINISTER)
    return _save_statement(request, None)


@staff_required
def statement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    statement = get_object_or_404(OwnStatement.objects.select_related("organization"), pk=pk)
    if not policy.can(
        user=request.user, action=Action.ADMINISTER, organization=statement.organization
    ):
        raise PermissionDenied
    return _save_statement(request, statement)
