"""A per-address limit on sending feedback, kept in the cache (Redis in production)."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

SUBMISSIONS_PER_HOUR = 20
WINDOW_SECONDS = 60 * 60


def client_address(request: HttpRequest) -> str:
    """The sender's address. Behind N trusted proxies (PALAUTE_TRUSTED_PROXIES) it is the
    Nth address from the right of X-Forwarded-For; anything further left can be forged."""
    proxies = settings.PALAUTE_TRUSTED_PROXIES
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(request: HttpRequest) -> str:
    return f"palaute:feedback-sent:{client_address(request)}"


def is_throttled(request: HttpRequest) -> bool:
    return cache.get(_key(request), 0) >= SUBMISSIONS_PER_HOUR


def count_submission(request: HttpRequest) -> None:
    key = _key(request)
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, WINDOW_SECONDS)
