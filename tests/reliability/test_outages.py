"""PostgreSQL or Redis down: gunicorn answers 503 with a clear page and a /healthz naming the
failed dependency, takes feedback without Redis, and recovers by itself when they return.

Runs real processes: gunicorn on a fresh database reached through a TCP proxy that is cut
and restored, and a private redis-server that is stopped and started on the same port.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

from . import processes as p


class Browser:
    """Cookies and CSRF like a browser, against the real server."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, method: str, path: str, data: dict | None = None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, method=method)  # noqa: S310
        request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=15) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def form(self, path: str) -> dict:
        status, _headers, html = self.request("GET", path)
        assert status == 200, html[:500]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
        return {"csrfmiddlewaretoken": token, "submission_key": key}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def feedback_fields(**extra) -> dict:
    return {
        "topic": "reliab-streets",
        "kind": "feedback",
        "title": "Kuoppa kadussa",
        "text": "Kauppakadulla on syvä kuoppa keskellä ajorataa.",
        "address": "Kauppakatu 1",
        "publish_consent": "on",
        "email": "asukas@example.fi",
        **extra,
    }


SETUP = """
from palaute.feedback.models import Topic
from palaute.organizations.models import Organization
root = Organization.add_root(
    code="reliab", kind="root", name_fi="Kaupunki", name_sv="Stad", name_en="City",
    publication_policy="allowed",
)
Topic.add_root(
    service_code="reliab-streets", name_fi="Kadut", name_sv="Gator", name_en="Streets",
    organization=root, location_mode="optional",
)
"""


@pytest.fixture(scope="module")
def site():
    """gunicorn on a fresh database behind a proxy, with a private Redis."""
    url = p.require_services()
    database = p.FreshDatabase(url, f"{p.environ.Env.db_url_config(url)['NAME']}_outage")
    database.create()
    redis = p.RedisServer()
    redis.start()
    proxy = p.TcpProxy(database.port, database.config["HOST"] or "127.0.0.1")
    var = p.scratch_dir("palaute-outage-")
    env = p.service_env(
        database_url=database.url(proxy.port), redis_url=redis.url, var_dir=var, CONN_MAX_AGE="60"
    )
    p.palaute(env, "migrate", "--noinput")
    p.palaute(env, "shell", "-c", SETUP)
    port = p.free_port()
    web = p.gunicorn(env, port, var, workers=1)
    web.start()
    base = f"http://127.0.0.1:{port}"
    try:
        p.wait_for(lambda: p.http("GET", f"{base}/healthz")[0] == 200, timeout=60, what="gunicorn")
        yield {
            "base": base,
            "proxy": proxy,
            "redis": redis,
            "database": database,
            "web": web,
            "env": env,
        }
    finally:
        web.stop()
        proxy.close()
        redis.stop()
        database.drop()


# The sweep of accepted submissions, without its half a minute's wait: no worker runs here.
RECORD_PENDING = """
import datetime as dt
from palaute.feedback.services import record_pending_intakes
record_pending_intakes(older_than=dt.timedelta(0))
"""


def pending_intakes(database) -> int:
    return database.query("SELECT count(*) FROM feedback_intake WHERE state = 'pending'")[0][0]


def health(base: str) -> tuple[int, dict]:
    status, _headers, body = p.http("GET", f"{base}/healthz")
    return status, json.loads(body)


def test_database_down_gives_503_pages_in_each_language_and_recovers(site):
    base, proxy = site["base"], site["proxy"]
    browser = Browser(base)
    fields = browser.form("/en/feedback/new/")
    proxy.cut()
    try:
        status, body = p.wait_for(
            lambda: (s := health(base))[0] == 503 and s, timeout=15, what="healthz 503"
        )
        assert body == {"status": "unavailable", "database": "error", "cache": "ok", "broker": "ok"}

        pages = {}
        for prefix, language in (("", "fi"), ("/sv", "sv"), ("/en", "en")):
            status, headers, html = browser.request("GET", f"{prefix}/feedback/")
            assert status == 503
            assert headers["Retry-After"] == "30"
            assert f'<html lang="{language}">' in html
            assert "Traceback" not in html and "OperationalError" not in html
            assert '<main id="main"' in html and "<h1>" in html
            pages[language] = html
        assert "Palvelu ei ole juuri nyt käytettävissä" in pages["fi"]
        assert "Tjänsten är tillfälligt inte tillgänglig" in pages["sv"]
        assert "The service is temporarily unavailable" in pages["en"]

        status, headers, html = browser.request(
            "POST", "/en/feedback/new/", feedback_fields(**fields)
        )
        assert status == 503
        assert "What you sent was NOT saved." in html
        assert "Back" in html

        status, _headers, body = p.http(
            "POST", f"{base}/open311/v2/requests.json", data=b"api_key=x&service_code=y"
        )
        assert status == 503
        assert json.loads(body) == [
            {"code": 503, "description": "The service is temporarily unavailable."}
        ]
    finally:
        proxy.restore()

    # Back by itself: the broken connections are replaced, the form sent again is taken.
    p.wait_for(lambda: health(base)[0] == 200, timeout=20, what="healthz 200 after restore")
    status, headers, _html = browser.request("POST", "/en/feedback/new/", feedback_fields(**fields))
    assert status == 302
    assert headers["Location"].startswith("/en/track/")
    # Accepted in one insert (deferred intake, as with Redis in production), then recorded.
    assert pending_intakes(site["database"]) == 1
    p.palaute(site["env"], "shell", "-c", RECORD_PENDING)
    assert pending_intakes(site["database"]) == 0
    assert site["database"].query("SELECT count(*) FROM feedback_feedback")[0][0] == 1


def test_redis_down_still_takes_feedback_and_the_outbox_sends_it_later(site):
    base, redis, database = site["base"], site["redis"], site["database"]
    browser = Browser(base)
    fields = browser.form("/feedback/new/")
    before = database.query("SELECT count(*) FROM feedback_feedback")[0][0]
    redis.stop()
    try:
        status, body = health(base)
        assert status == 503
        assert body == {
            "status": "unavailable",
            "database": "ok",
            "cache": "error",
            "broker": "error",
        }
        # The throttle is skipped and the recording task cannot be queued: the submission
        # is accepted and stored, and waits for the sweep.
        status, _headers, html = browser.request(
            "POST", "/feedback/new/", feedback_fields(title="Ilman Redistä", **fields)
        )
        assert status == 302, html[:2000]
        assert pending_intakes(database) == 1
        assert "the cache is down" in site["web"].log_tail(200)
    finally:
        redis.start()
    p.wait_for(lambda: health(base)[0] == 200, timeout=20, what="healthz 200 after Redis")
    # The sweep records it; its receipt waits in the outbox for the outbox's sweeper.
    p.palaute(site["env"], "shell", "-c", RECORD_PENDING)
    rows = database.query(
        "SELECT m.status FROM notifications_outgoingmessage m "
        "JOIN feedback_feedback f ON f.id = m.feedback_id WHERE f.title = %s",
        ("Ilman Redistä",),
    )
    assert rows == [("pending",)]
    assert database.query("SELECT count(*) FROM feedback_feedback")[0][0] == before + 1
