"""Per-address limits kept in the cache (Redis in production, shared by every web node).

Each limit counts uses by one client address (palaute.addresses.client_address, which
knows the trusted proxies) in fixed windows aligned to the clock, so the wait until the
next window is exact and goes out as Retry-After. Many people can share one address (a
mobile operator's NAT, a library), so the limits are far above what one person sends;
they stop floods, not people. API keys have their own hourly limits on top
(palaute.integrations.services.rate_limit_wait).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import redis.exceptions
from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from palaute.addresses import client_address

log = logging.getLogger(__name__)
# When the cache is down the limits are skipped with a warning: feedback is still taken.
CACHE_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


@dataclass(frozen=True, slots=True)
class Limit:
    name: str
    default: int
    window: int  # seconds
    setting: str = ""

    @property
    def count(self) -> int:
        """The uses allowed in a window: PALAUTE_THROTTLE_LIMITS by name, else the
        limit's own setting, else its default."""
        overrides = getattr(settings, "PALAUTE_THROTTLE_LIMITS", {})
        if self.name in overrides:
            return int(overrides[self.name])
        return getattr(settings, self.setting, self.default) if self.setting else self.default


# Feedback sent with the web form, counted when it is stored.
FEEDBACK = Limit("feedback-sent", 20, 60 * 60, setting="PALAUTE_SUBMISSIONS_PER_HOUR")
# Every POST of the web form, sent or refused: a flood of bad posts is stopped too.
FEEDBACK_POSTS = Limit("feedback-post", 120, 60 * 60)
SURVEY_POSTS = Limit("survey-post", 60, 60 * 60)
# A tablet sends every answer of its waiting room from one address, and a whole day's
# queue at once when the network returns.
KIOSK_ANSWERS = Limit("kiosk-answer", 1200, 60 * 60)
# Typing sends a check now and then; this is far above that, and keeps the lemmatiser
# from being used as a free service.
ROUTE_ADVICE = Limit("route-advice", 120, 10 * 60)
# Requests posted over Open311 by one address, whatever the key: an integration (a city
# app's server) posts from one address, within its key's own limit.
OPEN311_POSTS = Limit("open311-post", 600, 60 * 60)
API_WRITES = Limit("api-write", 600, 60 * 60)
SMS_INBOUND = Limit("sms-inbound", 1200, 60 * 60)
# Unknown tracking or invitation links: tokens are 192 bits, and guessing is stopped early.
TOKEN_MISSES = Limit("token-miss", 30, 60 * 60)


def _window(limit: Limit, now: float) -> tuple[int, int]:
    """The number of the current window and the seconds left in it."""
    number = int(now // limit.window)
    return number, max(int((number + 1) * limit.window - now), 1)


def _key(request: HttpRequest, limit: Limit, number: int) -> str:
    return f"palaute:throttle:{limit.name}:{client_address(request)}:{number}"


def _skipped(limit: Limit, error: Exception) -> None:
    log.warning("throttle %s skipped, the cache is down: %r", limit.name, error)


def bump(request: HttpRequest, limit: Limit) -> int:
    """Count one more use by the address in the current window; the count (0 when the
    cache is down)."""
    number, left = _window(limit, time.time())
    key = _key(request, limit, number)
    try:
        if cache.add(key, 1, left + 1):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.set(key, 1, left + 1)
            return 1
    except CACHE_DOWN as error:
        _skipped(limit, error)
        return 0


def wait(request: HttpRequest, limit: Limit) -> int:
    """Seconds until the address may go on: 0 while it is under the limit (and while the
    cache is down)."""
    number, left = _window(limit, time.time())
    try:
        used = cache.get(_key(request, limit, number), 0)
    except CACHE_DOWN as error:
        _skipped(limit, error)
        return 0
    return left if used >= limit.count else 0


def hit(request: HttpRequest, limit: Limit) -> int:
    """Count one use, then the seconds to wait: 0 when this use is still allowed."""
    left = _window(limit, time.time())[1]
    return left if bump(request, limit) > limit.count else 0


def retry_after(response: HttpResponse, seconds: int) -> HttpResponse:
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response


def too_many_requests(request: HttpRequest, seconds: int) -> HttpResponse:
    """The 429 page in the user's language, with Retry-After."""
    minutes = max((seconds + 59) // 60, 1)
    response = render(request, "site/too_many_requests.html", {"minutes": minutes}, status=429)
    return retry_after(response, seconds)


def token_guessed(request: HttpRequest) -> HttpResponse | None:
    """The 429 page for an address that has tried too many unknown private links (tracking
    pages, text-message invitations), else None."""
    wait_for = wait(request, TOKEN_MISSES)
    return too_many_requests(request, wait_for) if wait_for else None


def token_missed(request: HttpRequest) -> Http404:
    """Count an unknown private link against the address; the 404 to raise."""
    bump(request, TOKEN_MISSES)
    return Http404()
