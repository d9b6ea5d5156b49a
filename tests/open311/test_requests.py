"""GET requests and requests/{id}: public feedback only, every filter, both formats."""

import datetime as dt

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.utils import timezone

from palaute.feedback.deadlines import HELSINKI
from palaute.feedback.models import Attachment, Feedback
from palaute.feedback.services import (
    ContactInput,
    LocationInput,
    add_answer,
    change_status,
    give_estimate,
    remove_feedback,
    submit_feedback,
)
from tests.factories import UserFactory
from tests.media import png

from . import schemas
from .conftest import BASE, check, xml

pytestmark = pytest.mark.django_db


def make(topics, topic="maintenance", **kwargs):
    kwargs.setdefault("title", "Kuoppa")
    kwargs.setdefault("text", "Kadulla on kuoppa.")
    return submit_feedback(topic=topics[topic], **kwargs).feedback


def ids(response):
    return [item["service_request_id"] for item in response.json()]


def test_only_public_feedback_is_listed_and_never_contact_details(client, topics):
    public = make(
        topics,
        contact=ContactInput(
            name="Salainen Sanna", email="sanna@example.fi", phone="+358401234567"
        ),
    )
    make(topics, publish_consent=False)
    make(topics, "clinic")
    make(topics, text="Soita 040 123 4567")
    removed = make(topics)
    remove_feedback(feedback=removed, actor=UserFactory(), reason="Asiaton")
    for url in (
        f"{BASE}/requests.json",
        f"{BASE}/requests.xml",
        f"{BASE}/requests.json?extensions=true",
    ):
        response = client.get(url)
        body = response.content.decode()
        assert "sanna" not in body.lower()
        assert "358401234567" not in body
    assert ids(client.get(f"{BASE}/requests.json")) == [public.reference]


def test_request_fields_in_json_and_xml(client, topics):
    feedback = make(
        topics,
        "lights",
        location=LocationInput(latitude=62.8925, longitude=27.6786, address="Kauppakatu 40"),
    )
    change_status(feedback=feedback, status="in_processing", actor=None)
    give_estimate(
        feedback=feedback,
        estimated_done_on=timezone.localdate() + dt.timedelta(days=5),
        actor=UserFactory(),
    )
    data = check(client.get(f"{BASE}/requests.json"), schemas.REQUESTS)[0]
    assert data["service_code"] == "street-lights"
    assert data["service_name"] == "Katuvalot"
    assert data["status"] == "open"
    assert data["description"] == "Kadulla on kuoppa."
    assert data["agency_responsible"] == "Kadut"
    assert (data["lat"], data["long"]) == (62.8925, 27.6786)
    assert data["address"] == "Kauppakatu 40"
    assert data["expected_datetime"].endswith("+02:00")
    assert data["requested_datetime"].endswith(("+02:00", "+03:00"))
    tree = xml(client.get(f"{BASE}/requests.xml"), "service_requests")
    request = tree.find("request")
    assert request.findtext("service_request_id") == feedback.reference
    assert request.findtext("lat") == "62.8925"


def test_status_notes_carry_the_public_answer_and_closed_status(client, topics):
    feedback = make(topics)
    add_answer(feedback=feedback, text="Kuoppa paikataan.", notify=False)
    data = check(client.get(f"{BASE}/requests.json"), schemas.REQUESTS)[0]
    assert data["status"] == "closed"
    assert data["status_notes"] == "Kuoppa paikataan."


def test_media_url_points_to_a_public_attachment(client, topics):
    feedback = make(topics)
    attachment = Attachment(
        feedback=feedback, original_name="kuva.png", content_type="image/png", size=1, sha256="0"
    )
    attachment.file.save("kuva.png", ContentFile(png()))
    data = check(client.get(f"{BASE}/requests.json"), schemas.REQUESTS)[0]
    assert data["media_url"] == f"http://testserver{attachment.get_absolute_url()}"
    assert client.get(data["media_url"].replace("http://testserver", "")).status_code == 200


def test_service_request_id_list_overrides_other_filters(client, topics):
    first, second, _third = make(topics), make(topics), make(topics)
    response = client.get(
        f"{BASE}/requests.json",
        {"service_request_id": f"{first.reference},{second.reference}", "status": "closed"},
    )
    assert sorted(ids(response)) == sorted([first.reference, second.reference])


def test_filter_by_service_code_list_and_group(client, topics):
    light = make(topics, "lights", location=LocationInput(address="Tori"))
    snow = make(topics, "maintenance")
    assert ids(client.get(f"{BASE}/requests.json", {"service_code": "street-lights"})) == [
        light.reference
    ]
    assert sorted(
        ids(client.get(f"{BASE}/requests.json", {"service_code": "street-lights,maintenance"}))
    ) == sorted([light.reference, snow.reference])
    assert sorted(ids(client.get(f"{BASE}/requests.json", {"service_code": "streets"}))) == sorted(
        [light.reference, snow.reference]
    )


def test_filter_by_status(client, topics):
    open_one, answered = make(topics), make(topics)
    add_answer(feedback=answered, text="Vastaus", notify=False)
    assert ids(client.get(f"{BASE}/requests.json", {"status": "open"})) == [open_one.reference]
    assert ids(client.get(f"{BASE}/requests.json", {"status": "closed"})) == [answered.reference]
    assert len(ids(client.get(f"{BASE}/requests.json", {"status": "open,closed"}))) == 2
    check(client.get(f"{BASE}/requests.json", {"status": "pending"}), schemas.ERRORS, status=400)


def test_date_range_defaults_to_ninety_days_and_is_limited(client, topics):
    now = timezone.now()
    old = make(topics, received_at=now - dt.timedelta(days=120))
    recent = make(topics, received_at=now - dt.timedelta(days=10))
    assert ids(client.get(f"{BASE}/requests.json")) == [recent.reference]
    window = {
        "start_date": (now - dt.timedelta(days=130)).isoformat(),
        "end_date": (now - dt.timedelta(days=100)).isoformat(),
    }
    assert ids(client.get(f"{BASE}/requests.json", window)) == [old.reference]
    assert ids(
        client.get(
            f"{BASE}/requests.json",
            {"start_date": (now - dt.timedelta(days=125)).date().isoformat()},
        )
    ) == [old.reference]
    too_long = {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}
    check(client.get(f"{BASE}/requests.json", too_long), schemas.ERRORS, status=400)
    check(client.get(f"{BASE}/requests.json", {"start_date": "eilen"}), schemas.ERRORS, status=400)
    backwards = {"start_date": "2026-06-01T00:00:00Z", "end_date": "2026-05-01T00:00:00Z"}
    check(client.get(f"{BASE}/requests.json", backwards), schemas.ERRORS, status=400)


def test_empty_parameters_count_as_absent(client, topics):
    feedback = make(topics)
    empty = {
        "service_request_id": "",
        "service_code": "",
        "status": "",
        "start_date": "",
        "end_date": "",
        "page": "",
        "extensions": "",
    }
    assert ids(client.get(f"{BASE}/requests.json", empty)) == [feedback.reference]


def test_paging(client, topics):
    made = [make(topics, received_at=timezone.now() - dt.timedelta(minutes=n)) for n in range(5)]
    first = ids(client.get(f"{BASE}/requests.json", {"page_size": 2}))
    second = ids(client.get(f"{BASE}/requests.json", {"page_size": 2, "page": 2}))
    assert first == [made[0].reference, made[1].reference]
    assert second == [made[2].reference, made[3].reference]
    check(client.get(f"{BASE}/requests.json", {"page": "0"}), schemas.ERRORS, status=400)


def test_updated_after_and_before(client, topics):
    with time_machine.travel(dt.datetime(2026, 11, 1, 12, tzinfo=HELSINKI), tick=False):
        old = make(topics)
    with time_machine.travel(dt.datetime(2026, 11, 10, 12, tzinfo=HELSINKI), tick=False):
        new = make(topics)
    with time_machine.travel(dt.datetime(2026, 11, 20, 12, tzinfo=HELSINKI), tick=False):
        assert ids(client.get(f"{BASE}/requests.json", {"updated_after": "2026-11-05"})) == [
            new.reference
        ]
        assert ids(client.get(f"{BASE}/requests.json", {"updated_before": "2026-11-05"})) == [
            old.reference
        ]


def test_near_and_bbox(client, topics):
    market = make(topics, location=LocationInput(latitude=62.8925, longitude=27.6786))
    puijo = make(topics, location=LocationInput(latitude=62.9090, longitude=27.6560))
    make(topics)
    near = {"lat": "62.8930", "long": "27.6790", "radius": "200"}
    assert ids(client.get(f"{BASE}/requests.json", near)) == [market.reference]
    wide = {**near, "radius": "5000"}
    assert sorted(ids(client.get(f"{BASE}/requests.json", wide))) == sorted(
        [market.reference, puijo.reference]
    )
    assert ids(client.get(f"{BASE}/requests.json", {"bbox": "27.65,62.905,27.66,62.915"})) == [
        puijo.reference
    ]
    check(client.get(f"{BASE}/requests.json", {"lat": "62.89"}), schemas.ERRORS, status=400)
    check(client.get(f"{BASE}/requests.json", {"bbox": "1,2,3"}), schemas.ERRORS, status=400)


def test_service_object_filter(client, topics):
    bin_ = make(
        topics, channel_data={"service_object_id": "roska-17", "service_object_type": "bin"}
    )
    make(topics)
    found = client.get(
        f"{BASE}/requests.json", {"service_object_id": "roska-17", "service_object_type": "bin"}
    )
    assert ids(found) == [bin_.reference]
    check(
        client.get(f"{BASE}/requests.json", {"service_object_id": "roska-17"}),
        schemas.ERRORS,
        status=400,
    )


def test_extensions_add_title_media_status_object_and_history(client, topics):
    feedback = make(
        topics,
        title="Otsikko tässä",
        channel_data={"service_object_id": "7", "service_object_type": "lamp"},
    )
    change_status(feedback=feedback, status="in_processing", actor=None)
    add_answer(feedback=feedback, text="Korjattu nyt.", notify=False)
    plain = check(client.get(f"{BASE}/requests.json"), schemas.REQUESTS)[0]
    assert "extended_attributes" not in plain
    data = check(client.get(f"{BASE}/requests.json", {"extensions": "true"}), schemas.REQUESTS)[0]
    extended = data["extended_attributes"]
    assert extended["title"] == "Otsikko tässä"
    assert extended["detailed_status"] == "ANSWERED"
    assert (extended["service_object_id"], extended["service_object_type"]) == ("7", "lamp")
    assert [step["status"] for step in extended["request_history"]] == [
        "received",
        "handling",
        "done",
        "done",
    ]
    assert extended["request_history"][2]["note"] == "Korjattu nyt."
    tree = xml(client.get(f"{BASE}/requests.xml", {"extensions": "true"}), "service_requests")
    assert tree.findtext("request/extended_attributes/title") == "Otsikko tässä"
    assert len(tree.findall("request/extended_attributes/request_history/history")) == 4


def test_single_request_and_its_404s(client, topics):
    public = make(topics)
    private = make(topics, publish_consent=False)
    data = check(client.get(f"{BASE}/requests/{public.reference}.json"), schemas.REQUESTS)
    assert len(data) == 1
    xml(client.get(f"{BASE}/requests/{public.reference}.xml"), "service_requests")
    for reference in (private.reference, "2026-99999", "nonsense"):
        check(client.get(f"{BASE}/requests/{reference}.json"), schemas.ERRORS, status=404)
        xml(client.get(f"{BASE}/requests/{reference}.xml"), "errors", status=404)


def test_lists_answer_conditional_gets_and_change_when_feedback_changes(client, topics):
    feedback = make(topics)
    first = client.get(f"{BASE}/requests.json")
    assert client.get(f"{BASE}/requests.json", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    single = client.get(f"{BASE}/requests/{feedback.reference}.json")
    assert (
        client.get(
            f"{BASE}/requests/{feedback.reference}.json",
            HTTP_IF_MODIFIED_SINCE=single["Last-Modified"],
        ).status_code
        == 304
    )
    add_answer(feedback=feedback, text="Uusi vastaus", notify=False)
    Feedback.objects.filter(pk=feedback.pk).update(
        updated_at=timezone.now() + dt.timedelta(seconds=2)
    )
    assert client.get(f"{BASE}/requests.json", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
