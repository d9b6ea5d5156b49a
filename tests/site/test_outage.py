"""The 503 answer when a dependency is down, and the throttle without Redis. The same with
real processes (gunicorn, a cut PostgreSQL, a stopped Redis): tests/reliability/."""

import json
import logging

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory

from palaute import throttle
from palaute.feedback import selectors
from palaute.feedback.models import Feedback
from palaute.site import outage

from .test_form import FORM_URL, valid_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed")

    monkeypatch.setattr(selectors, "public_feedback", down)


@pytest.mark.parametrize(
    ("prefix", "language", "heading"),
    [
        ("", "fi", "Palvelu ei ole juuri nyt käytettävissä"),
        ("/sv", "sv", "Tjänsten är tillfälligt inte tillgänglig"),
        ("/en", "en", "The service is temporarily unavailable"),
    ],
)
def test_a_database_outage_is_a_503_page_in_the_addresss_language(
    client, topics, database_down, prefix, language, heading
):
    response = client.get(f"{prefix}/feedback/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Language"] == language
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert "connection to server" not in html


def test_after_a_post_the_page_says_nothing_was_saved(client, topics, monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("the database went away")

    monkeypatch.setattr("palaute.site.views.submit_feedback", down)
    response = client.post("/en/feedback/new/", valid_data())
    assert response.status_code == 503
    assert "What you sent was NOT saved." in response.content.decode()
    assert not Feedback.objects.exists()


def test_the_apis_get_their_own_503_shape():
    request = RequestFactory().post("/open311/v2/requests.json")
    response = outage.unavailable(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert json.loads(response.content) == [
        {"code": 503, "description": "The service is temporarily unavailable."}
    ]


def test_an_outage_outside_a_view_is_a_503_too_and_other_errors_stay_500():
    request = RequestFactory().get("/sv/")
    try:
        raise OperationalError("the database went away")
    except OperationalError:
        response = outage.server_error_or_unavailable(request)
    assert response.status_code == 503
    try:
        raise ValueError("a bug")
    except ValueError:
        response = outage.server_error_or_unavailable(request)
    assert response.status_code == 500


def test_other_database_errors_are_not_outages():
    from django.db import IntegrityError

    assert outage.is_outage(OperationalError())
    assert not outage.is_outage(IntegrityError())


def test_without_redis_the_throttle_is_skipped_and_feedback_taken(client, topics, settings, caplog):
    """A Redis cache on a port where nothing listens: the form still takes feedback."""
    from tests.reliability.processes import free_port

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    with caplog.at_level(logging.WARNING, logger="palaute.throttle"):
        response = Client().post(FORM_URL, valid_data())
    assert response.status_code == 302
    assert Feedback.objects.count() == 1
    assert "the cache is down" in caplog.text
    assert throttle.bump(RequestFactory().get("/"), throttle.ROUTE_ADVICE) == 0
