"""Per-address and per-key limits on every public write and on private links, with clear
429 answers: a page or the form again in the user's language, JSON for scripts, Open311's
own error shape, and Retry-After everywhere."""

from __future__ import annotations

import os
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache
from django.test import RequestFactory

from palaute import throttle
from palaute.feedback.models import Feedback
from palaute.integrations.models import ApiKey
from palaute.integrations.services import create_api_key
from palaute.surveys.models import SurveyResponse
from palaute.throttle import Limit
from tests.site.test_form import FORM_URL, valid_data
from tests.site.test_surveys import answer_url, kiosk_payload, make_county, survey_data, url

pytestmark = pytest.mark.django_db
OPEN311 = "/open311/v2/requests.json"


@pytest.fixture
def tight(monkeypatch):
    """Set one limit to a small count, so a test needs only a few requests."""

    def make(name: str, count: int = 2, window: int = 3600) -> Limit:
        limit = Limit(getattr(throttle, name).name, count, window)
        monkeypatch.setattr(throttle, name, limit)
        return limit

    return make


def assert_retry_after(response, limit: Limit) -> None:
    assert 0 < int(response["Retry-After"]) <= limit.window


def test_limits_are_counted_per_address_in_windows():
    limit = Limit("test", 2, 60)
    first = RequestFactory().post("/", REMOTE_ADDR="192.0.2.1")
    other = RequestFactory().post("/", REMOTE_ADDR="192.0.2.2")
    assert throttle.hit(first, limit) == 0
    assert throttle.hit(first, limit) == 0
    assert 0 < throttle.hit(first, limit) <= 60
    assert 0 < throttle.wait(first, limit) <= 60
    assert throttle.wait(other, limit) == 0


def test_behind_a_proxy_the_forwarded_address_is_counted(settings):
    settings.PALAUTE_TRUSTED_PROXIES = 1
    limit = Limit("test-proxy", 1, 60)
    one = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    two = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert throttle.hit(one, limit) == 0
    assert throttle.hit(one, limit) > 0
    assert throttle.hit(two, limit) == 0  # same proxy, another sender


# The feedback form


def test_flood_of_form_posts_gets_the_form_back_with_429(client, topics, tight):
    limit = tight("FEEDBACK_POSTS")
    for _number in range(limit.count):
        client.post(FORM_URL, valid_data(text="liian lyhyt"[:5]))  # refused posts count too
    response = client.post(FORM_URL, valid_data(title="Tallella oleva otsikko"))
    assert response.status_code == 429
    assert_retry_after(response, limit)
    html = response.content.decode()
    assert "Yritä uudelleen tunnin kuluttua" in html
    assert "Tallella oleva otsikko" in html  # what was typed stays
    assert Feedback.objects.count() == 0


def test_sent_feedback_limit_answers_with_retry_after(client, topics, tight):
    limit = tight("FEEDBACK")
    for _number in range(limit.count):
        assert client.post(FORM_URL, valid_data()).status_code == 302
    response = client.post(FORM_URL, valid_data(), HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 429
    assert_retry_after(response, limit)
    assert Feedback.objects.count() == limit.count


# The questionnaire, the kiosk and the text-message webhook


def test_questionnaire_posts_are_limited_and_keep_the_answers(client, tight):
    county = make_county()
    limit = tight("SURVEY_POSTS")
    for _number in range(limit.count):
        assert client.post(url(county.web), survey_data(nps="9")).status_code == 302
    response = client.post(url(county.web, "/sv"), survey_data(nps="7", open_text="Bra service"))
    assert response.status_code == 429
    assert_retry_after(response, limit)
    html = response.content.decode()
    assert "Många svar har kommit från din nätverksanslutning" in html
    assert "Bra service" in html
    assert SurveyResponse.objects.count() == limit.count


def test_kiosk_answers_beyond_the_limit_get_429_and_stay_queued(client, tight):
    county = make_county()
    limit = tight("KIOSK_ANSWERS")
    for number in range(limit.count):
        payload = kiosk_payload(county.tablet, key=f"kiosk-key-{number:04d}")
        response = client.post(answer_url(county.tablet), payload, content_type="application/json")
        assert response.status_code == 201
    payload = kiosk_payload(county.tablet, key="kiosk-key-late")
    response = client.post(answer_url(county.tablet), payload, content_type="application/json")
    assert response.status_code == 429  # the kiosk keeps it in its queue (kiosk.js)
    assert_retry_after(response, limit)
    assert "error" in response.json()
    assert SurveyResponse.objects.count() == limit.count


def test_sms_webhook_is_limited_per_address(client, settings, tight):
    settings.PALAUTE_SMS_INBOUND_SECRET = "inbound-secret"
    limit = tight("SMS_INBOUND")
    for _number in range(limit.count):
        client.post("/sms/inbound/", {"From": "+358401234567", "Body": "9"})
    response = client.post(
        "/sms/inbound/",
        {"From": "+358401234567", "Body": "9"},
        HTTP_X_PALAUTE_SECRET="inbound-secret",
    )
    assert response.status_code == 429
    assert_retry_after(response, limit)


# Private links


def test_guessing_tracking_links_is_stopped(client, make_feedback, tight):
    limit = tight("TOKEN_MISSES", count=3)
    submission = make_feedback()
    assert client.get(f"/track/{submission.tracking_token}/").status_code == 200
    for number in range(limit.count):
        assert client.get(f"/track/guess-{number}/").status_code == 404
    assert client.get(f"/track/guess-{number}/attachments/1/").status_code == 429
    response = client.get(f"/sv/track/{submission.tracking_token}/")
    assert response.status_code == 429  # even the right link, until the window ends
    assert_retry_after(response, limit)
    html = response.content.decode()
    assert "<h1>För många förfrågningar</h1>" in html
    other = client.get(f"/track/{submission.tracking_token}/", REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 200


def test_guessing_survey_invitation_links_is_stopped(client, tight):
    make_county()
    limit = tight("TOKEN_MISSES", count=2)
    for number in range(limit.count):
        assert client.get(f"/s/guess{number}/").status_code == 404
    response = client.get("/s/guess-more/")
    assert response.status_code == 429
    assert "Liian monta pyyntöä" in response.content.decode()


# Open311 and the survey-invitation API: per address and per key


def test_open311_posts_are_limited_per_address_in_open311_error_shape(client, city, topics, tight):
    limit = tight("OPEN311_POSTS")
    keys = [create_api_key(name=f"Avain {n}", organization=city["root"])[1] for n in range(3)]
    for raw in keys[:2]:
        response = client.post(
            OPEN311,
            {"api_key": raw, "service_code": "maintenance", "description": "Kuoppa."},
        )
        assert response.status_code == 201
    response = client.post(
        OPEN311, {"api_key": keys[2], "service_code": "maintenance", "description": "Kuoppa."}
    )
    assert response.status_code == 429
    assert_retry_after(response, limit)
    [error] = response.json()
    assert error["code"] == 429
    assert "address" in error["description"]
    xml = client.post(
        "/open311/v2/requests.xml",
        {"api_key": keys[2], "service_code": "maintenance", "description": "Kuoppa."},
    )
    assert xml.status_code == 429
    assert b"<code>429</code>" in xml.content
    # Reading is not limited by the posts.
    assert client.get("/open311/v2/services.json").status_code == 200


def test_open311_posts_are_limited_per_key_from_any_address(client, city, topics):
    key, raw = create_api_key(name="Sovellus", organization=city["root"])
    ApiKey.objects.filter(pk=key.pk).update(rate_limit=2)
    data = {"api_key": raw, "service_code": "maintenance", "description": "Kuoppa."}
    for number in range(2):
        assert client.post(OPEN311, data, REMOTE_ADDR=f"192.0.2.{number}").status_code == 201
    response = client.post(OPEN311, data, REMOTE_ADDR="192.0.2.99")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()[0]["code"] == 429


def test_survey_invitation_api_is_limited_per_address(client, tight):
    county = make_county()
    limit = tight("API_WRITES")
    _key, raw = create_api_key(name="Potilasjärjestelmä", organization=county.root)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    for _number in range(limit.count):
        client.post("/api/v1/survey-invitations/", {}, **headers)
    response = client.post(
        "/api/v1/survey-invitations/",
        {"collection_point": county.sms.code, "phone": "040 123 4567"},
        **headers,
    )
    assert response.status_code == 429
    assert_retry_after(response, limit)


# Several web nodes share the counts through Redis


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL"),
    reason="needs Redis at 127.0.0.1:6379, as the PostgreSQL pass of CI has",
)
def test_limits_are_shared_by_web_nodes_through_redis(settings):
    location = os.environ.get("PALAUTE_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}
    }
    limit = Limit(f"redis-test-{uuid.uuid4().hex}", 2, 60)
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.50")
    assert throttle.hit(request, limit) == 0
    # Another node: its own connection to the same Redis sees the same count.
    other_node = RedisCache(location, {})
    keys = list(other_node._cache.get_client().keys(f"*{limit.name}*"))
    assert len(keys) == 1
    assert throttle.hit(request, limit) == 0
    assert throttle.hit(request, limit) > 0
    other_node._cache.get_client().delete(*keys)
    assert throttle.wait(request, limit) == 0


def test_limits_are_set_by_name_and_the_form_limit_by_its_own_setting(settings):
    settings.PALAUTE_SUBMISSIONS_PER_HOUR = 7
    settings.PALAUTE_THROTTLE_LIMITS = {"open311-post": 5}
    assert throttle.FEEDBACK.count == 7
    assert throttle.OPEN311_POSTS.count == 5
    assert throttle.SURVEY_POSTS.count == throttle.SURVEY_POSTS.default
    settings.PALAUTE_THROTTLE_LIMITS = {"feedback-sent": 3}
    assert throttle.FEEDBACK.count == 3
