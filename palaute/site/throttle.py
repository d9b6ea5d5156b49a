"""A per-address limit on sending feedback, kept in the cache (Redis in production)."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest

from palaute.addresses import client_address

SUBMISSIONS_PER_HOUR = 20
WINDOW_SECONDS = 60 * 60


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
