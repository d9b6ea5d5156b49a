"""Per-address limits kept in the cache (Redis in production): sending feedback, and the
live route check of the form. When the cache is down the limits are skipped with a
warning: feedback is still taken."""

from __future__ import annotations

import logging

import redis.exceptions
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from palaute.addresses import client_address

log = logging.getLogger(__name__)
WINDOW_SECONDS = 60 * 60
CACHE_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


def _key(request: HttpRequest, name: str = "feedback-sent") -> str:
    return f"palaute:{name}:{client_address(request)}"


def _skipped(name: str, error: Exception) -> None:
    log.warning("throttle %s skipped, the cache is down: %r", name, error)


def bump(request: HttpRequest, *, name: str, window: int) -> int:
    """Count one more use by the address in a window of that many seconds; the count
    (0 when the cache is down)."""
    key = _key(request, name)
    try:
        if cache.add(key, 1, window):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.set(key, 1, window)
            return 1
    except CACHE_DOWN as error:
        _skipped(name, error)
        return 0


def is_throttled(request: HttpRequest) -> bool:
    try:
        return cache.get(_key(request), 0) >= settings.PALAUTE_SUBMISSIONS_PER_HOUR
    except CACHE_DOWN as error:
        _skipped("feedback-sent", error)
        return False


def count_submission(request: HttpRequest) -> None:
    bump(request, name="feedback-sent", window=WINDOW_SECONDS)
