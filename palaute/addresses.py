"""Facts about the HTTP request that several parts of the site need."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The sender's address. Behind N trusted proxies (PALAUTE_TRUSTED_PROXIES) it is the
    Nth address from the right of X-Forwarded-For; anything further left can be forged."""
    proxies = settings.PALAUTE_TRUSTED_PROXIES
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
