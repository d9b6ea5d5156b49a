"""Errors answered outside a view (an outage, a request too large) in the shape of the
API the address belongs to, so clients read them as they read the API's own errors."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse

API_PREFIXES = ("/open311/", "/api/", "/sms/")


def api_error(request: HttpRequest, *, status: int, description: str) -> JsonResponse | None:
    """Open311's list of {code, description}, the other JSON APIs' {"detail"}; None for
    the pages, which answer with a page in the user's language."""
    path = request.path_info
    if path.startswith("/open311/"):
        return JsonResponse(
            [{"code": status, "description": description}], status=status, safe=False
        )
    if path.startswith(API_PREFIXES):
        return JsonResponse({"detail": description}, status=status)
    return None
