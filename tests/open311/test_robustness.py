"""Cases found in review: stale caches, odd input, leftovers of failed requests."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from palaute.feedback.models import Attachment, Feedback, StagedUpload, TopicAttribute
from palaute.feedback.services import (
    add_answer,
    remove_answer,
    set_attachment_public,
    submit_feedback,
)
from palaute.integrations.models import ApiKeyRequest
from palaute.integrations.services import create_api_key
from tests.factories import UserFactory
from tests.media import png

from . import schemas
from .conftest import BASE, check, xml

pytestmark = pytest.mark.django_db


def form(api_key, **overrides):
    return {
        "api_key": api_key,
        "service_code": "maintenance",
        "description": "Kuoppa kadulla",
        **overrides,
    }


def test_removing_an_answer_or_hiding_an_attachment_refreshes_cached_copies(client, topics):
    feedback = submit_feedback(topic=topics["maintenance"], title="T", text="Teksti").feedback
    answer = add_answer(feedback=feedback, text="Poistettava", notify=False)
    url = f"{BASE}/requests/{feedback.reference}.json"
    past = timezone.now() - dt.timedelta(hours=1)
    Feedback.objects.filter(pk=feedback.pk).update(updated_at=past)
    first = client.get(url)
    remove_answer(answer=answer, actor=UserFactory(), reason="Väärä")
    again = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200
    assert "Poistettava" not in again.content.decode()
    attachment = Attachment(
        feedback=feedback, original_name="k.png", content_type="image/png", size=1, sha256="0"
    )
    attachment.file.save("k.png", SimpleUploadedFile("k.png", png()))
    past = timezone.now() - dt.timedelta(hours=1)
    Feedback.objects.filter(pk=feedback.pk).update(updated_at=past)
    set_attachment_public(attachment=attachment, public=False, actor=UserFactory())
    assert Feedback.objects.get(pk=feedback.pk).updated_at > past


def test_a_feedback_leaving_the_list_changes_the_list(client, topics):
    from palaute.feedback.services import remove_feedback

    feedback = submit_feedback(topic=topics["maintenance"], title="T", text="Teksti").feedback
    first = client.get(f"{BASE}/requests.json")
    assert "Last-Modified" not in first
    remove_feedback(feedback=feedback, actor=UserFactory(), reason="Asiaton")
    assert client.get(f"{BASE}/requests.json", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


@pytest.mark.parametrize(
    "changes",
    [
        {"description": "a\\x00b"},
        {"title": "a\\x0bb"},
        {"address_string": "Katu\\x01 1"},
        {"attribute[x]": "\\x00"},
    ],
)
def test_control_characters_are_refused(client, api_key, changes):
    decoded = {key: value.encode().decode("unicode_escape") for key, value in changes.items()}
    check(
        client.post(f"{BASE}/requests.json", form(api_key, **decoded)), schemas.ERRORS, status=400
    )
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        f"{BASE}/requests/%00.json",
        f"{BASE}/services/%00.json",
        f"{BASE}/requests.json?service_request_id=%00",
        f"{BASE}/requests.json?page_size=%C2%B2",
        f"{BASE}/requests.json?page=99999999999999999999",
        f"{BASE}/requests.json?end_date=0001-01-01",
        f"{BASE}/requests.json?start_date=9999-12-31",
        f"{BASE}/servicerequestupdates.json?end_date=0001-01-01",
        f"{BASE}/requests.json?bbox=nan,nan,nan,nan",
        f"{BASE}/requests.json?bbox=1e999,0,1,1",
        f"{BASE}/requests.json?service_object_id=%00&service_object_type=a",
    ],
)
def test_odd_read_parameters_are_errors_not_crashes(client, topics, url):
    response = client.get(url)
    assert response.status_code in (400, 404)
    check(response, schemas.ERRORS, status=response.status_code)


@pytest.mark.parametrize("body", ["[1, 2]", '"x"', "null", '{"api_key": "\\ud800"}'])
def test_json_bodies_that_are_not_objects_are_400(client, api_key, body):
    response = client.post(f"{BASE}/requests.json", body, content_type="application/json")
    assert response.status_code in (400, 403)
    check(response, schemas.ERRORS, status=response.status_code)


def test_too_long_email_is_400(client, api_key):
    email = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".fi"
    check(
        client.post(f"{BASE}/requests.json", form(api_key, email=email)), schemas.ERRORS, status=400
    )


def test_date_only_end_date_covers_the_whole_day(client, topics):
    day = timezone.localdate() - dt.timedelta(days=3)
    noon = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    feedback = submit_feedback(
        topic=topics["maintenance"], title="T", text="Teksti", received_at=noon
    ).feedback
    data = client.get(
        f"{BASE}/requests.json", {"start_date": day.isoformat(), "end_date": day.isoformat()}
    ).json()
    assert [item["service_request_id"] for item in data] == [feedback.reference]


def test_the_suffix_decides_the_format_whatever_accept_says(client, topics):
    xml(client.get(f"{BASE}/services.xml", HTTP_ACCEPT="application/json"), "services")
    check(client.get(f"{BASE}/services.json", HTTP_ACCEPT="application/xml"), schemas.SERVICES)


def test_unknown_endpoints_answer_open311_errors(client, topics):
    check(client.get(f"{BASE}/requests.csv"), schemas.ERRORS, status=404)
    xml(client.get(f"{BASE}/nothing.xml"), "errors", status=404)
    check(client.get(f"{BASE}/"), schemas.ERRORS, status=404)


def test_a_group_is_not_a_service(client, topics):
    check(client.get(f"{BASE}/services/streets.json"), schemas.ERRORS, status=404)


def test_places_outside_the_service_area_are_refused(client, api_key):
    for lat, lon in (("1e-400", "1e-99"), ("27.67", "62.89"), ("48.85", "2.35")):
        check(
            client.post(f"{BASE}/requests.json", form(api_key, lat=lat, long=lon)),
            schemas.ERRORS,
            status=400,
        )
    assert not Feedback.objects.exists()


def test_infinite_number_answer_is_refused(client, api_key, topics):
    TopicAttribute.objects.create(
        topic=topics["maintenance"], code="pituus", datatype="number", description_fi="Pituus"
    )
    check(
        client.post(f"{BASE}/requests.json", form(api_key, **{"attribute[pituus]": "1e999"})),
        schemas.ERRORS,
        status=400,
    )


@pytest.mark.parametrize(
    "changes", [{"email": "bad"}, {"lat": "100", "long": "27"}, {"media_url": "ftp://x"}]
)
def test_a_failed_post_leaves_no_files_behind(client, api_key, changes):
    photo = SimpleUploadedFile("k.png", png(), content_type="image/png")
    response = client.post(f"{BASE}/requests.json", {**form(api_key, **changes), "media": [photo]})
    assert response.status_code == 400
    assert not StagedUpload.objects.exists()
    assert not Feedback.objects.exists()


def test_rate_limit_is_counted_in_the_database_with_the_time_left(client, topics):
    key, raw = create_api_key(name="Pieni", rate_limit=2)
    earlier = timezone.now() - dt.timedelta(minutes=50)
    for _number in range(2):
        ApiKeyRequest.objects.create(key=key, method="GET", path="/x", status_code=200)
    ApiKeyRequest.objects.filter(key=key).update(created_at=earlier)
    response = client.get(f"{BASE}/services.json", {"api_key": raw})
    assert response.status_code == 429
    assert 500 <= int(response["Retry-After"]) <= 11 * 60
    ApiKeyRequest.objects.filter(key=key).update(
        created_at=timezone.now() - dt.timedelta(minutes=61)
    )
    assert client.get(f"{BASE}/services.json", {"api_key": raw}).status_code == 200


def test_updates_are_paged(client, topics):
    from palaute.feedback.services import change_status

    for _number in range(3):
        feedback = submit_feedback(topic=topics["maintenance"], title="T", text="Teksti").feedback
        change_status(feedback=feedback, status="in_processing", actor=None)
    first = client.get(f"{BASE}/servicerequestupdates.json", {"page_size": 2}).json()
    second = client.get(f"{BASE}/servicerequestupdates.json", {"page_size": 2, "page": 2}).json()
    assert len(first) == 2
    assert len(second) == 1
    assert {u["update_id"] for u in first}.isdisjoint({u["update_id"] for u in second})


def test_xml_stays_well_formed_when_stored_text_has_control_characters(client, topics):
    submit_feedback(topic=topics["maintenance"], title="T", text="Lauta\x0brikki\x01 tässä")
    tree = xml(client.get(f"{BASE}/requests.xml"), "service_requests")
    assert tree.findtext("request/description") == "Lautarikki tässä"
