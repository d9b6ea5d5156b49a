"""Customer questionnaires: the web page (also behind QR codes and text-message links),
the tablet kiosk with its offline queue, and the text-message webhook."""

from __future__ import annotations

import json
import re

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from palaute import throttle
from palaute.feedback.critical import warm_up
from palaute.feedback.guidance import advice_for, route_advice, route_kinds
from palaute.notifications import sms
from palaute.surveys import selectors, services
from palaute.surveys.models import (
    CollectionPoint,
    Item,
    Questionnaire,
    QuestionnaireVersion,
    SmsInvitation,
    SurveyResponse,
)
from palaute.surveys.services import INVITATION_INTERVAL, Answers

from .statement_views import kiosk_statements
from .survey_forms import NO_OPINION, SurveyForm, scale_choices

INVITATION_SESSION_KEY = "palaute_sms_invitation"
# Route notices for the thank-you page: the kinds only, never the text.
ADVICE_SESSION_KEY = "palaute_survey_advice"
KIOSK_LANGUAGES = ("fi", "sv", "en")
# Seconds without a touch before the kiosk starts over; a device may ask for another
# time with ?idle=N (a quiet waiting room, or a test), within these bounds.
IDLE_SECONDS = 60
IDLE_BOUNDS = (2, 3600)
THANKS_SECONDS = 4
# The key the kiosk makes for each answer (a UUID); stored as "kiosk-<point>-<key>",
# which must fit the 64 characters of SurveyResponse.idempotency_key.
KIOSK_KEY = re.compile(r"[A-Za-z0-9_-]{8,40}")
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


def _version_seen(request: HttpRequest, point: CollectionPoint, current):
    """The version whose wording the customer had on the page: an edit made while they
    answered makes a new version, and the answer belongs to the one they read."""
    seen = request.POST.get("version", "")
    if not re.fullmatch(r"[0-9]{1,18}", seen) or int(seen) == current.pk:
        return current
    return (
        QuestionnaireVersion.objects.filter(pk=int(seen), questionnaire=point.questionnaire_id)
        .select_related("questionnaire")
        .prefetch_related(Prefetch("items", queryset=Item.objects.order_by("order", "id")))
        .first()
        or current
    )


@never_cache
def survey(request: HttpRequest, code: str) -> HttpResponse:
    point, version = _point_and_version(code)
    if request.method == "POST":
        version = _version_seen(request, point, version)
    own = services.own_statements_for(organization=point.organization)
    form = SurveyForm(request.POST if request.method == "POST" else None, version=version, own=own)
    warm_up(background=True)  # the live route check is ready when the customer types
    wait = throttle.hit(request, throttle.SURVEY_POSTS) if request.method == "POST" else 0
    if wait:
        form.is_valid()
        form.add_error(
            None,
            _(
                "Many answers have come from your network connection in a short time. "
                "Please try again in an hour."
            ),
        )
    elif request.method == "POST" and form.is_valid():
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
            kinds = route_kinds(text=form.answers().open_text)
            if kinds:
                request.session[ADVICE_SESSION_KEY] = kinds
            else:
                request.session.pop(ADVICE_SESSION_KEY, None)
            return redirect("surveys:thanks", code=point.code)
    response = render(
        request,
        "site/survey.html",
        {
            "point": point,
            "version": version,
            "form": form,
            "child": version.questionnaire.audience == Questionnaire.Audience.CHILD,
            "route_advice": route_advice(text=form.data.get("open_text", ""))
            if form.is_bound
            else [],
        },
        status=429 if wait else 400 if form.errors else 200,
    )
    return throttle.retry_after(response, wait) if wait else response


def thanks(request: HttpRequest, code: str) -> HttpResponse:
    point, _version = _point_and_version(code)
    kinds = request.session.pop(ADVICE_SESSION_KEY, [])
    return render(
        request,
        "site/survey_thanks.html",
        {
            "point": point,
            "route_advice": advice_for(kinds=kinds if isinstance(kinds, list) else []),
        },
    )


def _invitation(request: HttpRequest, point: CollectionPoint) -> SmsInvitation | None:
    token = request.session.get(INVITATION_SESSION_KEY)
    if not token:
        return None
    return SmsInvitation.objects.filter(
        token=token, collection_point=point, state=SmsInvitation.State.SENT
    ).first()


def sms_link(request: HttpRequest, token: str) -> HttpResponse:
    """The personal short link of a text-message invitation: answered once, within 30 days."""
    if refused := throttle.token_guessed(request):
        return refused
    invitation = (
        SmsInvitation.objects.select_related("collection_point")
        .filter(token=token, kind=SmsInvitation.Kind.LINK)
        .first()
    )
    if invitation is None:
        raise throttle.token_missed(request)
    usable = (
        invitation.state == SmsInvitation.State.SENT
        and invitation.sent_at > timezone.now() - INVITATION_INTERVAL
        and invitation.collection_point.is_active
    )
    if not usable:
        return render(request, "site/survey_link_used.html", status=410)
    request.session[INVITATION_SESSION_KEY] = invitation.token
    language = invitation.language if invitation.language in KIOSK_LANGUAGES else "fi"
    with translation.override(language):
        # Finnish has no prefix; the customer's language decides, not the link's prefix.
        return redirect(
            reverse("surveys:survey", kwargs={"code": invitation.collection_point.code})
        )


def idle_seconds(request: HttpRequest) -> int:
    """The kiosk's idle time: ?idle=N on the kiosk's address, within IDLE_BOUNDS."""
    try:
        seconds = int(request.GET.get("idle", IDLE_SECONDS))
    except ValueError:
        return IDLE_SECONDS
    low, high = IDLE_BOUNDS
    return min(max(seconds, low), high)


def kiosk_config(point: CollectionPoint, version, *, idle: int = IDLE_SECONDS) -> dict:
    """Everything the kiosk shows, in every language, so it runs on without the network."""
    own = services.own_statements_for(organization=point.organization)
    child = version.questionnaire.audience == Questionnaire.Audience.CHILD
    languages = {}
    for language in KIOSK_LANGUAGES:
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
                    "waiting": _("Answers waiting to be sent: %(count)s"),
                    "offline": _("No network: answers are kept and sent later."),
                    "question": _("Question %(number)s of %(count)s"),
                    "language": _("Language"),
                    "privacy": _("Privacy statement"),
                    "accessibility": _("Accessibility statement"),
                },
            }
    return {
        "code": point.code,
        "version": version.pk,
        "child": child,
        "noOpinion": NO_OPINION,
        "answerUrl": reverse("surveys:kiosk-answer", kwargs={"code": point.code}),
        "serviceWorker": reverse("surveys:kiosk-worker", kwargs={"code": point.code}),
        "resetSeconds": idle,
        # The thank-you stays a few seconds, less when the idle time is short.
        "thanksSeconds": max(1, min(THANKS_SECONDS, idle // 2)),
        "languages": languages,
    }


def _tablet_point(code: str) -> CollectionPoint:
    point = selectors.active_point(code=code)
    if point is None or point.channel != CollectionPoint.Channel.TABLET:
        raise Http404
    return point


@never_cache
def kiosk(request: HttpRequest, code: str) -> HttpResponse:
    point = _tablet_point(code)
    version = selectors.current_version(point=point)
    if version is None:
        raise Http404
    config = kiosk_config(point, version, idle=idle_seconds(request))
    warm_up(background=True)
    return render(
        request,
        "site/kiosk.html",
        {"point": point, "config": config, "statements": kiosk_statements(KIOSK_LANGUAGES)},
    )


@never_cache
def kiosk_worker(request: HttpRequest, code: str) -> HttpResponse:
    """The kiosk's service worker: it keeps the page and its files, so that a tablet that
    reloads without the network still shows the questions and sends the queue later."""
    _tablet_point(code)
    return render(
        request,
        "site/kiosk_worker.js",
        {"page": reverse("surveys:kiosk", kwargs={"code": code}), "code": code},
        content_type="text/javascript; charset=utf-8",
    )


def _whole(value, *, low: int, high: int) -> int:
    """A whole number from JSON (never a boolean or a fraction) within low..high."""
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,3}\s*", value):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"answers are whole numbers from {low} to {high}")
    if not low <= value <= high:
        raise ValidationError(f"the answer must be from {low} to {high}")
    return value


def _kiosk_answers(payload: dict) -> Answers:
    raw = payload.get("answers")
    if not isinstance(raw, dict):
        raise ValidationError(_("No answers."))
    given = raw.get("statements") or {}
    if not isinstance(given, dict):
        raise ValidationError(_("No answers."))
    statements, own = {}, {}
    for key, value in given.items():
        kind, _sep, name = str(key).partition(":")
        parsed = None if value == NO_OPINION else _whole(value, low=1, high=5)
        if kind == "s" and name:
            statements[name] = parsed
        elif kind == "o" and re.fullmatch(r"[0-9]{1,18}", name):
            own[int(name)] = parsed
        else:
            raise ValidationError(_("Unknown statement: %(code)s") % {"code": str(key)[:80]})
    nps = raw.get("nps")
    open_text = raw.get("open") or ""
    if not isinstance(open_text, str):
        raise ValidationError("the open answer is text")
    return Answers(
        nps=_whole(nps, low=0, high=10) if nps is not None else None,
        statements=statements,
        own=own,
        open_text=open_text,
    )


@csrf_exempt
@require_POST
def kiosk_answer(request: HttpRequest, code: str) -> JsonResponse:
    """One answer from a kiosk. The key makes a resent answer count once: the kiosk keeps
    answers while offline and sends them when the network returns."""
    if wait := throttle.hit(request, throttle.KIOSK_ANSWERS):
        return throttle.retry_after(
            JsonResponse({"error": "too many answers from this address"}, status=429), wait
        )
    point = selectors.active_point(code=code)
    if point is None or point.channel != CollectionPoint.Channel.TABLET:
        return JsonResponse({"error": "unknown collection point"}, status=404)
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"error": "the answer is not JSON"}, status=400)
    if not isinstance(payload, dict):
        return JsonResponse({"error": "the answer is not a JSON object"}, status=400)
    key = payload.get("key")
    if not isinstance(key, str) or not KIOSK_KEY.fullmatch(key):
        return JsonResponse(
            {"error": "the key must be 8-40 letters, digits, hyphens or underscores"}, status=400
        )
    version_pk = payload.get("version")
    version = (
        point.questionnaire.versions.filter(pk=version_pk).first()
        if isinstance(version_pk, int) and not isinstance(version_pk, bool)
        else None
    )
    if version is None:
        return JsonResponse(
            {"error": "the questionnaire version is not this collection point's"}, status=400
        )
    language = payload.get("language")
    idempotency_key = f"kiosk-{point.pk}-{key}"
    try:
        response = services.submit_survey(
            point=point,
            version=version,
            answers=_kiosk_answers(payload),
            language=language if language in KIOSK_LANGUAGES else "fi",
            idempotency_key=idempotency_key,
        )
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    except DatabaseError:
        # Two copies of the same answer arrived at once and the other one was stored.
        response = SurveyResponse.objects.filter(idempotency_key=idempotency_key).first()
        if response is None:
            raise
    return JsonResponse({"ok": True, "response": response.pk}, status=201)


@csrf_exempt
@require_POST
def sms_inbound(request: HttpRequest) -> HttpResponse:
    """Replies from customers, posted by the gateway; its signature or secret is checked."""
    if wait := throttle.hit(request, throttle.SMS_INBOUND):
        return throttle.retry_after(HttpResponse(status=429), wait)
    if not sms.inbound_is_genuine(request):
        return HttpResponse(status=403)
    services.receive_sms(sender=request.POST.get("From", ""), body=request.POST.get("Body", ""))
    # Twilio reads TwiML; an empty response sends nothing back (replies go via the outbox).
    return HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?><Response/>', content_type="text/xml"
    )
