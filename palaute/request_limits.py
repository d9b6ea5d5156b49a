"""The size of a request is checked from its Content-Length before anything reads it: a
request too large gets 413 with a message (a page in the user's language, or an error
in the Open311 and API shape), and its body is never read or stored."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from palaute.api_errors import api_error


def limit_for(request: HttpRequest) -> int:
    """Files are streamed to disk, so a form with files may be larger than other bodies,
    which are read into memory."""
    if request.content_type == "multipart/form-data":
        return settings.PALAUTE_MAX_REQUEST_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class RequestSizeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit_for(request):
            return too_large(request)
        return self.get_response(request)


def too_large(request: HttpRequest) -> HttpResponse:
    """413, telling the limit that applies to this request."""
    megabytes = max(limit_for(request) // (1024 * 1024), 1)
    description = f"The request is too large: at most {megabytes} MB."
    if (response := api_error(request, status=413, description=description)) is not None:
        return response
    response = render(request, "site/request_too_large.html", {"megabytes": megabytes}, status=413)
    response["Connection"] = "close"
    return response
