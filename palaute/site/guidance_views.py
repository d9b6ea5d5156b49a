"""Live route advice while the sender types: the form's script posts the text, and gets the
notices (muistutus, patient-safety incident, 112) as data and as ready HTML. Nothing is
stored or logged; the same notices are rendered by the server after sending, so pages work
without this."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from palaute import throttle
from palaute.feedback.guidance import MAX_TEXT, route_advice


def _posted_text(request: HttpRequest) -> str:
    """The text from a form post or a JSON body; only the first MAX_TEXT characters."""
    if request.content_type == "application/json":
        try:
            payload = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            return ""
        text = payload.get("text", "") if isinstance(payload, dict) else ""
    else:
        text = request.POST.get("text", "")
    return text[:MAX_TEXT] if isinstance(text, str) else ""


# No state changes and nothing stored: a CSRF token is not needed, and the offline kiosk
# page may not have one.
@csrf_exempt
@never_cache
@require_POST
def route_advice_view(request: HttpRequest) -> JsonResponse:
    """{"advice": [{kind, title, text, links}], "html": "..."} for the posted text, in the
    page's language (or `lang`, for the kiosk whose language the customer switches);
    `plain=1` gives the links as text in the HTML (the kiosk)."""
    if wait := throttle.hit(request, throttle.ROUTE_ADVICE):
        response = JsonResponse({"advice": [], "html": "", "throttled": True}, status=429)
        return throttle.retry_after(response, wait)
    language = request.POST.get("lang") or request.GET.get("lang") or ""
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        advice = route_advice(text=_posted_text(request))
        html = render_to_string(
            "site/includes/route_advice.html",
            {
                "route_advice": advice,
                "route_advice_inner": True,
                "route_advice_plain": request.POST.get("plain") == "1",
            },
        )
        data = {"advice": [item.as_dict() for item in advice], "html": html.strip()}
    response = JsonResponse(data)
    response["X-Robots-Tag"] = "noindex"
    return response
