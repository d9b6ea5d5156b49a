"""POST requests with an Idempotency-Key: a retried request makes one feedback."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from palaute.feedback.models import Attachment, Feedback, StagedUpload
from palaute.integrations.services import create_api_key
from palaute.notifications.models import OutgoingMessage
from tests.media import jpeg_with_gps

from . import schemas
from .conftest import BASE, check
from .test_post import form

pytestmark = pytest.mark.django_db
URL = f"{BASE}/requests.json"


def post(client, data, key="retry-0001", **extra):
    return client.post(URL, data, HTTP_IDEMPOTENCY_KEY=key, **extra)


def test_a_retried_request_gets_the_first_answer_and_makes_nothing_new(client, api_key):
    data = form(api_key, email="asukas@example.fi", account_id="acc-1")
    first = check(post(client, data), schemas.POST_RESPONSE, status=201)
    response = post(client, data)
    again = check(response, schemas.POST_RESPONSE, status=201)
    assert again == first
    assert response["Idempotent-Replayed"] == "true"
    assert Feedback.objects.count() == 1
    assert OutgoingMessage.objects.filter(kind="receipt").count() == 1


def test_a_retry_with_files_attaches_them_once(client, api_key):
    def send():
        data = form(api_key)
        data["media"] = SimpleUploadedFile("kuva.jpg", jpeg_with_gps(), "image/jpeg")
        return post(client, data)

    assert send().status_code == 201
    assert send().status_code == 201
    assert Attachment.objects.count() == 1
    assert not StagedUpload.objects.exists()


def test_the_same_key_with_another_body_is_a_409_in_open311s_form(client, api_key):
    post(client, form(api_key))
    response = post(client, form(api_key, description="Toinen kuoppa toisella kadulla."))
    assert response.status_code == 409
    errors = json.loads(response.content)
    assert errors[0]["code"] == 409
    assert Feedback.objects.get().reference in errors[0]["description"]
    assert Feedback.objects.count() == 1


def test_keys_are_scoped_per_api_key(client, api_key, city):
    _other, other_key = create_api_key(name="Toinen sovellus", organization=city["root"])
    first = json.loads(post(client, form(api_key)).content)
    second = json.loads(post(client, form(other_key)).content)
    assert first[0]["service_request_id"] != second[0]["service_request_id"]
    assert Feedback.objects.count() == 2


def test_the_key_may_come_as_a_field_and_requests_without_one_are_all_taken(client, api_key):
    data = form(api_key, idempotency_key="field-key-1")
    assert client.post(URL, data).status_code == 201
    assert client.post(URL, data).status_code == 201
    assert Feedback.objects.count() == 1
    client.post(URL, form(api_key))
    client.post(URL, form(api_key))
    assert Feedback.objects.count() == 3


def test_the_xml_answer_is_replayed_too(client, api_key):
    one = client.post(f"{BASE}/requests.xml", form(api_key), HTTP_IDEMPOTENCY_KEY="x-1")
    two = client.post(f"{BASE}/requests.xml", form(api_key), HTTP_IDEMPOTENCY_KEY="x-1")
    assert one.status_code == two.status_code == 201
    assert one.content == two.content


def test_an_empty_header_is_no_key(client, api_key):
    assert client.post(URL, form(api_key), HTTP_IDEMPOTENCY_KEY="").status_code == 201
    assert Feedback.objects.get().idempotency_key is None


@pytest.mark.parametrize("key", ["with space", "x" * 201, "ääkkönen"])
def test_a_malformed_key_is_refused(client, api_key, key):
    response = client.post(URL, form(api_key), HTTP_IDEMPOTENCY_KEY=key)
    assert response.status_code == 400
    assert "Idempotency-Key" in json.loads(response.content)[0]["description"]
    assert not Feedback.objects.exists()
