"""Customer questionnaires: the web page (also behind QR codes and text-message links),
the tablet kiosk with its offline queue, and the text-message webhook."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from palaute.notifications import sms
from palaute.surveys import selectors, services
from palaute.surveys.models import (
    CollectionPoint,
    Item,
    Questionnaire,
    QuestionnaireVersion,
    SmsInvitation,
)
from palaute.surveys.services import INVITATION_INTERVAL, Answers

from .survey_forms import NO_OPINION, SurveyForm, scale_choices

INVITATION_SESSION_KEY = "palaute_sms_invitation"
# Paper forms and oral feedback are typed in by staff; the kiosk has its own page.
PUBLIC_CHANNELS = {
    CollectionPoint.Channel.WEB,
    CollectionPoint.Channel.QR,
    CollectionPoint.Channel.SMS,
}


def survey_units(request: HttpRequest) -> HttpResponse:
    """The county's units that collect feedback on the web."""
    return render(request, "site/survey_units.html", {"areas": selectors.web_points_by_area()})


def _point_and_version(code: str):
    point = selectors.active_point(code=code)
    version = selectors.current_version(point=point) if point else None
    if point is None or version is None or point.channel not in PUBLIC_CHANNELS:
        raise Http404
    return point, version


@never_cache
def survey(request: HttpRequest, code: str) -> HttpResponse:
    point, version = _point_and_version(code)
    own = services.own_statements_for(organization=point.organization)
    form = SurveyForm(request.POST or None, version=version, own=own)
    if request.method == "POST" and form.is_valid():
        invitation = _invitation(request, point)
        try:
            with transaction.atomic():
                response = services.submit_survey(
                    point=point,
                    version=version,
                    answers=form.answers(),
                    language=get_language() or "fi",
                    channel=CollectionPoint.Channel.SMS if invitation else None,
                )
                if invitation is not None:
                    services.invitation_answered(invitation=invitation, response=response)
                    del request.session[INVITATION_SESSION_KEY]
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session["palaute_survey_done"] = point.code
            return redirect("surveys:thanks", code=point.code)
    return render(
        request,
        "site/survey.html",
        {
            "point": point,
            "version": version,
            "form": form,
            "child": version.questionnaire.audience == Questionnaire.Audience.CHILD,
        },
        status=400 if form.errors else 200,
    )


def thanks(request: HttpRequest, code: str) -> HttpResponse:
    point, _version = _point_and_version(code)
    return render(request, "site/survey_thanks.html", {"point": point})


def _invitation(request: HttpRequest, point: CollectionPoint) -> SmsInvitation | None:
    token = request.session.get(INVITATION_SESSION_KEY)
    if not token:
        return None
    return SmsInvitation.objects.filter(
        token=token, collection_point=point, state=SmsInvitation.State.SENT
    ).first()


def sms_link(request: HttpRequest, token: str) -> HttpResponse:
    """The personal short link of a text-message invitation: answered once, within 30 days."""
    invitation = (
        SmsInvitation.objects.select_related("collection_point")
        .filter(token=token, kind=SmsInvitation.Kind.LINK)
        .first()
    )
    if invitation is None:
        raise Http404
    usable = (
        invitation.state == SmsInvitation.State.SENT
        and invitation.sent_at > timezone.now() - INVITATION_INTERVAL
        and invitation.collection_point.is_active
    )
    if not usable:
        return render(request, "site/survey_link_used.html", status=410)
    request.session[INVITATION_SESSION_KEY] = invitation.token
    prefix = "" if invitation.language == "fi" else f"/{invitation.language}"
    return redirect(
        prefix + reverse("surveys:survey", kwargs={"code": invitation.collection_point.code})
    )


def kiosk_config(point: CollectionPoint, version) -> dict:
    """Everything the kiosk shows, in every language, so it runs on without the network."""
    own = services.own_statements_for(organization=point.organization)
    child = version.questionnaire.audience == Questionnaire.Audience.CHILD
    languages = {}
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            items = list(version.items.all())
            statements = [
                {"key": f"s:{item.code}", "text": item.text, "help": item.help}
                for item in items
                if item.kind == Item.Kind.STATEMENT
            ] + [
                {"key": f"o:{statement.pk}", "text": statement.text, "help": ""}
                for statement in own
            ]
            nps = next((item for item in items if item.kind == Item.Kind.NPS), None)
            open_item = next((item for item in items if item.kind == Item.Kind.OPEN), None)
            languages[language] = {
                "unit": point.organization.name,
                "intro": version.intro,
                "nps": {"text": nps.text, "help": nps.help} if nps else None,
                "statements": statements,
                "scale": [
                    {"value": value, "label": label} for value, label in scale_choices(child=child)
                ],
                "open": {"text": open_item.text, "help": open_item.help} if open_item else None,
                "labels": {
                    "start": _("Give feedback"),
                    "next": _("Next"),
                    "back": _("Back"),
                    "skip": _("Skip"),
                    "send": _("Send"),
                    "thanks": _("Thank you for your feedback!"),
                    "waiting": _("answers waiting to be sent"),
                    "offline": _("No network: answers are kept and sent later."),
                    "question": _("Question %(number)s of %(count)s"),
                    "language": _("Language"),
                },
            }
    return {
        "code": point.code,
        "version": version.pk,
        "child": child,
        "noOpinion": NO_OPINION,
        "answerUrl": reverse("surveys:kiosk-answer", kwargs={"code": point.code}),
        "resetSeconds": 60,
        "languages": languages,
    }


@never_cache
def kiosk(request: HttpRequest, code: str) -> HttpResponse:
    point = selectors.active_point(code=code)
    if point is None or point.channel != CollectionPoint.Channel.TABLET:
        raise Http404
    version = selectors.current_version(point=point)
    if version is None:
        raise Http404
    return render(
        request, "site/kiosk.html", {"point": point, "config": kiosk_config(point, version)}
    )


def _kiosk_answers(payload: dict) -> Answers:
    raw = payload.get("answers")
    if not isinstance(raw, dict):
        raise ValidationError(_("No answers."))
    statements, own = {}, {}
    for key, value in (raw.get("statements") or {}).items():
        kind, _sep, name = str(key).partition(":")
        parsed = None if value == NO_OPINION else int(value)
        if kind == "s":
            statements[name] = parsed
        elif kind == "o" and name.isdigit():
            own[int(name)] = parsed
    nps = raw.get("nps")
    return Answers(
        nps=int(nps) if nps is not None else None,
        statements=statements,
        own=own,
        open_text=str(raw.get("open") or "")[:4000],
    )


@csrf_exempt
@require_POST
def kiosk_answer(request: HttpRequest, code: str) -> JsonResponse:
    """One answer from a kiosk. The key makes a resent answer count once: the kiosk keeps
    answers while offline and sends them when the network returns."""
    point = selectors.active_point(code=code)
    if point is None or point.channel != CollectionPoint.Channel.TABLET:
        return JsonResponse({"error": "unknown collection point"}, status=404)
    try:
        payload = json.loads(request.body)
        key = str(payload["key"])
        if not 8 <= len(key) <= 64:
            raise ValueError
        version = point.questionnaire.versions.get(pk=int(payload["version"]))
        answers = _kiosk_answers(payload)
        language = (
            payload.get("language") if payload.get("language") in ("fi", "sv", "en") else "fi"
        )
        response = services.submit_survey(
            point=point,
            version=version,
            answers=answers,
            language=language,
            idempotency_key=f"kiosk-{point.pk}-{key}",
        )
    except (
        ValueError,
        KeyError,
        TypeError,
        json.JSONDecodeError,
        QuestionnaireVersion.DoesNotExist,
    ):
        return JsonResponse({"error": "malformed answer"}, status=400)
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    return JsonResponse({"ok": True, "response": response.pk}, status=201)


@csrf_exempt
@require_POST
def sms_inbound(request: HttpRequest) -> HttpResponse:
    """Replies from customers, posted by the gateway; its signature or secret is checked."""
    if not sms.inbound_is_genuine(request):
        return HttpResponse(status=403)
    services.receive_sms(sender=request.POST.get("From", ""), body=request.POST.get("Body", ""))
    # Twilio reads TwiML; an empty response sends nothing back (replies go via the outbox).
    return HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?><Response/>', content_type="text/xml"
    )
