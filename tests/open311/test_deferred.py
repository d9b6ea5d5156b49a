"""Open311 POST with deferred intake: a token at once, tokens/{token} gives the
service_request_id once recorded, in JSON and XML; retries get the same answer."""

import json

import pytest

from palaute.feedback.models import Feedback, Intake
from palaute.feedback.services import hash_token, record_intake

from . import schemas
from .conftest import BASE, check, xml
from .test_post import form

pytestmark = pytest.mark.django_db
URL = f"{BASE}/requests.json"


@pytest.fixture(autouse=True)
def deferred(settings):
    settings.PALAUTE_DEFERRED_INTAKE = True


def test_a_request_gets_a_token_and_the_token_its_id_once_recorded(client, api_key):
    answer = check(
        client.post(URL, form(api_key, email="asukas@example.fi", account_id="tili-7")),
        schemas.POST_RESPONSE,
        status=201,
    )[0]
    assert "service_request_id" not in answer
    assert answer["account_id"] == "tili-7"
    assert answer["service_notice"]
    token = answer["token"]
    intake = Intake.objects.get()
    assert intake.public_id == token

    waiting = check(client.get(f"{BASE}/tokens/{token}.json"), schemas.TOKENS)
    assert waiting == [{"token": token}]
    assert client.get(f"{BASE}/tokens/{token}.json")["Cache-Control"] == "no-cache"

    record_intake(intake_id=intake.pk)
    feedback = Feedback.objects.get()
    recorded = check(client.get(f"{BASE}/tokens/{token}.json"), schemas.TOKENS)
    assert recorded == [{"service_request_id": feedback.reference, "token": token}]
    tree = xml(client.get(f"{BASE}/tokens/{token}.xml"), "service_requests")
    assert tree.find("request/service_request_id").text == feedback.reference
    assert tree.find("request/token").text == token
    # The public token is not the sender's private tracking token.
    assert hash_token(token) != feedback.tracking_token_hash
    assert feedback.channel_private["account_id"] == "tili-7"


def test_a_retry_gets_the_same_answer_before_and_after_recording(client, api_key):
    data = form(api_key, account_id="tili-7")
    first = client.post(URL, data, HTTP_IDEMPOTENCY_KEY="deferred-0001")
    again = client.post(URL, data, HTTP_IDEMPOTENCY_KEY="deferred-0001")
    assert first.status_code == again.status_code == 201
    assert "Idempotent-Replayed" not in first
    assert again["Idempotent-Replayed"] == "true"
    assert json.loads(again.content) == json.loads(first.content)
    record_intake(intake_id=Intake.objects.get().pk)
    later = client.post(URL, data, HTTP_IDEMPOTENCY_KEY="deferred-0001")
    assert later["Idempotent-Replayed"] == "true"
    assert json.loads(later.content) == json.loads(first.content)
    assert Intake.objects.count() == Feedback.objects.count() == 1


def test_the_same_key_with_another_body_is_a_409(client, api_key):
    client.post(URL, form(api_key), HTTP_IDEMPOTENCY_KEY="deferred-0002")
    token = Intake.objects.get().public_id
    response = client.post(
        URL, form(api_key, description="Toinen asia"), HTTP_IDEMPOTENCY_KEY="deferred-0002"
    )
    data = check(response, schemas.ERRORS, status=409)
    assert token in data[0]["description"]
    assert Intake.objects.count() == 1


def test_an_invalid_request_is_refused_at_once(client, api_key):
    response = client.post(URL, form(api_key, service_code="street-lights", lat="", long=""))
    check(response, schemas.ERRORS, status=400)
    response = client.post(URL, form(api_key, description="x" * 4001))
    check(response, schemas.ERRORS, status=400)
    assert not Intake.objects.exists()


def test_an_unknown_token_is_404(client, api_key):
    check(client.get(f"{BASE}/tokens/eiole.json"), schemas.ERRORS, status=404)


def test_a_retry_of_a_request_recorded_before_intake_was_deferred_gets_its_answer(
    client, api_key, settings
):
    settings.PALAUTE_DEFERRED_INTAKE = False
    first = client.post(URL, form(api_key), HTTP_IDEMPOTENCY_KEY="deferred-0003")
    settings.PALAUTE_DEFERRED_INTAKE = True
    again = client.post(URL, form(api_key), HTTP_IDEMPOTENCY_KEY="deferred-0003")
    assert again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert json.loads(again.content) == json.loads(first.content)
    assert "service_request_id" in json.loads(again.content)[0]
    assert not Intake.objects.exists()
    assert Feedback.objects.count() == 1
