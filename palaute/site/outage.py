"""When PostgreSQL or Redis is down: a clear 503 page instead of a 500, in the language of
the address, saying whether what was sent was saved. The page touches neither."""

from __future__ import annotations

import logging
import sys

import redis.exceptions
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation
from django.views.defaults import server_error
from kombu.exceptions import OperationalError as BrokerError

from palaute.api_errors import api_error

log = logging.getLogger(__name__)

# Failures of a service the site depends on, not of the request: answered with 503.
OUTAGES = (
    OperationalError,
    InterfaceError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    BrokerError,
)
RETRY_AFTER_SECONDS = 30


def is_outage(error: BaseException | None) -> bool:
    """A dependency that is down or unreachable (not, say, a broken constraint)."""
    return isinstance(error, OUTAGES)


def unavailable(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: JSON for the APIs, otherwise an accessible page."""
    path = request.path_info
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    response = api_error(request, status=503, description="The service is temporarily unavailable.")
    if response is None:
        with translation.override(language):
            html = render_to_string(
                "site/unavailable.html",
                {
                    "posted": request.method not in ("GET", "HEAD", "OPTIONS"),
                    "language_links": [
                        {"code": code, "url": translate_url(path, code)}
                        for code, _name in settings.LANGUAGES
                    ],
                },
            )
        response = HttpResponse(html, status=503)
        response["Content-Language"] = language
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class OutageMiddleware:
    """Turns an outage raised by a view into the 503 answer, logged as a warning."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not is_outage(exception):
            return None
        log.warning("%s %s: a dependency is down: %r", request.method, request.path, exception)
        return unavailable(request)


def server_error_or_unavailable(request: HttpRequest) -> HttpResponse:
    """handler500: an outage met outside a view (in a middleware, while saving the
    session) also answers 503; any other error keeps Django's 500."""
    if is_outage(sys.exc_info()[1]):
        return unavailable(request)
    return server_error(request)
