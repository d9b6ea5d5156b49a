"""Public pages kept whole in the shared cache (Redis), and conditional GET (ETag, 304).

Only views marked with ``public_page`` are kept: pages that show public data alone and
look the same to every visitor (the public list and feedback pages, the feeds, Open311
reads). A kept page is answered by ``PublicPageCacheMiddleware`` before the URL's view,
CSRF, authentication and messages run.

Freshness: every kept page carries the generation of public data it was made from. Any
change that may show on a public page (publication, an answer, a removal, a moderation
release, a topic or unit renamed) bumps the generation after its commit, and pages of an
older generation are never answered again. Entries also expire after
PALAUTE_PAGE_CACHE_SECONDS, for what depends on the clock (the last 90 days of Open311).

Never kept: anything but GET and HEAD; requests with a session or messages cookie (staff
signed in, a message waiting), an API key or credentials; responses that set a cookie
(a CSRF form), touched the session, vary by cookie, or say private, no-store or no-cache.
The cache needs a cache shared by every web process, so it is on when REDIS_URL is set
(PALAUTE_PAGE_CACHE); ETags and 304 answers work without it.

Asking for the generation: with Redis, every web process keeps the generation as last
heard: a thread subscribed to the channel on which every bump is announced, and reading the
generation once a second besides, so a kept page is answered without a round trip to
Redis. A bump made in the process itself counts at once; one made on another node as soon
as Redis delivers its announcement. The value is trusted only while the thread has
confirmed it within the last seconds; otherwise every request asks Redis, as it does
without the watch (PALAUTE_PAGE_CACHE_WATCH).

Compression: a public page is also given gzipped to a client that accepts it, compressed
once when it is made and kept beside the plain one. Only these pages are compressed: they
hold public data alone, so compression cannot leak a secret (BREACH); pages with a form
token or a session are never compressed.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import re
import threading
import time
from collections import OrderedDict
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import parse_http_date_safe

logger = logging.getLogger(__name__)

# The watch reads the generation this often, and trusts what it heard for this long.
WATCH_POLL_SECONDS = 1.0
WATCH_TRUST_SECONDS = 3.0

GENERATION_KEY = "palaute:pages:generation"
ENTRY_PREFIX = "palaute:pages:v2:"  # v2: entries carry the gzipped body too
MARK = "palaute_public_page"
PRIVATE_COOKIES = ("messages",)
REFUSED_CACHE_CONTROL = ("private", "no-store", "no-cache")
# Headers set outside the middleware for each request; never part of a kept page.
PER_REQUEST_HEADERS = {"set-cookie", "content-length"}
LOCAL_MAX_BYTES = 32 * 1024 * 1024
# Smaller bodies gain too little from gzip to be worth the client's work.
GZIP_MIN_BYTES = 860
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


class LocalPages:
    """The most used kept pages also in the web process's memory, up to a number of bytes,
    so a large page (Open311 with a thousand requests) is not fetched from Redis on every
    request. An entry is used only while its generation is the shared one."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, tuple[float, tuple]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str, generation) -> tuple | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            expires, entry = found
            if entry[0] != generation or expires < time.monotonic():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: tuple, seconds: int) -> None:
        size = _entry_bytes(entry)
        if size > self.max_bytes // 4:
            return
        with self._lock:
            self._drop(key)
            self._entries[key] = (time.monotonic() + seconds, entry)
            self._bytes += size
            while self._bytes > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _drop(self, key: str) -> None:
        found = self._entries.pop(key, None)
        if found is not None:
            self._bytes -= _entry_bytes(found[1])


def _entry_bytes(entry: tuple) -> int:
    return len(entry[3]) + len(entry[4] or b"")


local_pages = LocalPages(max_bytes=LOCAL_MAX_BYTES)


class GenerationWatch:
    """The shared generation as this process last heard it (see the module's docstring).
    Generations only grow (a new one starts from the clock), so the highest heard wins."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value: int | None = None
        self._confirmed = 0.0
        self._pid: int | None = None
        self._stopped = threading.Event()

    def value(self) -> int | None:
        """The generation, or None when it is not known well enough to be trusted."""
        if self._pid != os.getpid():
            self._start()
        with self._lock:
            if self._value is None or time.monotonic() - self._confirmed > WATCH_TRUST_SECONDS:
                return None
            return self._value

    def heard(self, value: int, *, confirmed: bool = False) -> None:
        with self._lock:
            if self._value is None or value > self._value:
                self._value = value
            if confirmed:
                self._confirmed = time.monotonic()

    def forget(self) -> None:
        with self._lock:
            self._value = None

    def stop(self) -> None:
        """Ends the thread within a second (tests)."""
        self._stopped.set()
        self.forget()

    def _start(self) -> None:
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid, self._value = os.getpid(), None
        threading.Thread(target=self._run, name="palaute-page-generation", daemon=True).start()

    def _run(self) -> None:
        while not self._stopped.is_set():
            try:
                self._listen()
            except Exception:
                logger.warning("The generation of public pages is not heard; asking each time.")
            self.forget()
            self._stopped.wait(WATCH_POLL_SECONDS)

    def _listen(self) -> None:
        with _redis(settings.REDIS_URL).pubsub() as pubsub:
            pubsub.subscribe(_channel())
            # Subscribed before the first read, so that no bump falls between the two.
            confirmation = pubsub.get_message(timeout=settings.REDIS_TIMEOUTS["socket_timeout"])
            if confirmation is None or confirmation["type"] != "subscribe":
                raise ConnectionError("SUBSCRIBE was not confirmed.")
            read_at = 0.0
            while not self._stopped.is_set():
                if time.monotonic() - read_at >= WATCH_POLL_SECONDS:
                    self.heard(cache.get(GENERATION_KEY) or _start_generation(), confirmed=True)
                    read_at = time.monotonic()
                message = pubsub.get_message(timeout=WATCH_POLL_SECONDS)
                if message is not None and message["type"] == "message":
                    self.heard(int(message["data"]))


generation_watch = GenerationWatch()


def _channel() -> str:
    return cache.make_key(GENERATION_KEY)


@lru_cache(maxsize=2)
def _redis(url: str):
    """A client of the cache's Redis for the announcements (its pool is safe across forks)."""
    import redis

    return redis.Redis.from_url(url, **settings.REDIS_TIMEOUTS)


def _publish(generation: int) -> None:
    _redis(settings.REDIS_URL).publish(_channel(), generation)


def public_page(view):
    """Mark a view whose GET answer may be kept and given to every visitor."""
    setattr(view, MARK, True)
    return view


def public_data_changed() -> None:
    """Something a public page shows has changed: kept pages are stale from the commit."""
    transaction.on_commit(_bump, robust=True)


def _bump() -> None:
    try:
        generation = cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or it was evicted): start a new one
        generation = _start_generation()
    except Exception:  # a cache that is down keeps no pages either
        logger.exception("The generation of public pages could not be bumped.")
        return
    if settings.PALAUTE_PAGE_CACHE_WATCH:
        generation_watch.heard(generation)
        try:
            _publish(generation)
        except Exception:  # the other nodes' watches read it within a second
            logger.exception("The new generation of public pages could not be announced.")


def _start_generation() -> int:
    """A new generation that no kept page can have: microseconds since the epoch."""
    cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
    return cache.get(GENERATION_KEY)


def _key(request: HttpRequest) -> str:
    language = getattr(request, "LANGUAGE_CODE", "")
    digest = hashlib.sha256(f"{language}|{request.get_full_path()}".encode()).hexdigest()
    return ENTRY_PREFIX + digest


def _may_use(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or any(name in cookies for name in PRIVATE_COOKIES):
        return False
    return "HTTP_AUTHORIZATION" not in request.META and "api_key" not in request.GET


def _may_keep(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.accessed:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    vary = response.get("Vary", "").lower()
    control = response.get("Cache-Control", "").lower()
    return "cookie" not in vary and not any(word in control for word in REFUSED_CACHE_CONTROL)


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    last_modified = response.get("Last-Modified")
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(last_modified) if last_modified else None,
        response=response,
    )


def _gzipped(content: bytes) -> bytes | None:
    """The body gzipped, when that makes it worth sending so; at the highest level, since
    a kept page is compressed once and sent many times."""
    if len(content) < GZIP_MIN_BYTES:
        return None
    compressed = gzip.compress(content, compresslevel=9, mtime=0)
    return compressed if len(compressed) < len(content) else None


def _gzip_etag(etag: str) -> str:
    """The gzipped representation's own validator: the plain one's with a suffix."""
    return f'{etag[:-1]}-gzip"' if etag.endswith('"') else etag


def _representation(request: HttpRequest, response: HttpResponse, compressed: bytes | None):
    """Gives the gzipped body to a client that accepts gzip."""
    if compressed is None or not ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        return response
    response.content = b"" if request.method == "HEAD" else compressed
    response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(compressed))
    if response.has_header("ETag"):
        response["ETag"] = _gzip_etag(response["ETag"])
    return response


class PublicPageCacheMiddleware:
    """Answers marked public pages from the cache; keeps the ones it had to make. Placed
    right after LocaleMiddleware, whose language is part of the key."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _may_use(request):
            return self.get_response(request)
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return self.get_response(request)
        if not getattr(match.func, MARK, False):
            return self.get_response(request)
        enabled = settings.PALAUTE_PAGE_CACHE
        key = _key(request)
        generation = None
        if enabled:
            try:
                generation = settings.PALAUTE_PAGE_CACHE_WATCH and generation_watch.value()
                generation = generation or cache.get(GENERATION_KEY) or _start_generation()
                entry = local_pages.get(key, generation)
                if entry is None:
                    entry = cache.get(key)
                    if entry is not None and entry[0] == generation:
                        local_pages.put(key, entry, settings.PALAUTE_PAGE_CACHE_SECONDS)
            except Exception:
                logger.exception("The cache of public pages could not be read.")
                enabled, entry = False, None
            if entry is not None and entry[0] == generation:
                return _conditional(request, self._from_entry(request, entry))
        response = self.get_response(request)
        if not _may_keep(request, response):
            return response
        if not response.has_header("ETag"):
            digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
            response["ETag"] = f'"{digest}"'
        if not response.has_header("Cache-Control"):
            # Browsers and proxies ask again each time and get 304 while nothing changed.
            patch_cache_control(response, no_cache=True)
        compressed = _gzipped(response.content)
        if compressed is not None:
            patch_vary_headers(response, ("Accept-Encoding",))
        if enabled and request.method == "GET":
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in PER_REQUEST_HEADERS
            ]
            entry = (generation, response.status_code, headers, response.content, compressed)
            try:
                cache.set(key, entry, settings.PALAUTE_PAGE_CACHE_SECONDS)
                local_pages.put(key, entry, settings.PALAUTE_PAGE_CACHE_SECONDS)
            except Exception:
                logger.exception("A public page could not be kept in the cache.")
        return _conditional(request, _representation(request, response, compressed))

    @staticmethod
    def _from_entry(request: HttpRequest, entry: tuple) -> HttpResponse:
        _generation, status, headers, content, compressed = entry
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(content))
        return _representation(request, response, compressed)
