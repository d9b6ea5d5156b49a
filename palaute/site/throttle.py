"""Per-address limits kept in the cache (Redis in production): sending feedback, and the
live route check of the form."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from palaute.addresses import client_address

WINDOW_SECONDS = 60 * 60


def _key(request: HttpRequest, name: str = "feedback-sent") -> str:
    return f"palaute:{name}:{client_address(request)}"


def bump(request: HttpRequest, *, name: str, window: int) -> int:
    """Count one more use by the address in a window of that many seconds; the count."""
    key = _key(request, name)
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, window)
        return 1


def is_throttled(request: HttpRequest) -> bool:
    return cache.get(_key(request), 0) >= settings.PALAUTE_SUBMISSIONS_PER_HOUR


def count_submission(request: HttpRequest) -> None:
    bump(request, name="feedback-sent", window=WINDOW_SECONDS)
