"""POST requests: the same intake as the web form, with Open311's parameters."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from palaute.feedback.models import Contact, Event, Feedback
from palaute.integrations.models import ApiKey, ApiKeyRequest
from palaute.integrations.services import create_api_key
from tests.media import jpeg_with_gps

from . import schemas
from .conftest import BASE, check, xml

pytestmark = pytest.mark.django_db


def form(api_key, **overrides):
    data = {
        "api_key": api_key,
        "service_code": "maintenance",
        "description": "Kadulla on syvä kuoppa.",
        "lat": "62.892500",
        "long": "27.678600",
    }
    data.update(overrides)
    return data


def test_post_creates_public_feedback_through_the_intake(client, api_key, city):
    response = client.post(
        f"{BASE}/requests.json",
        form(
            api_key,
            email="asukas@example.fi",
            first_name="Aino",
            last_name="Asukas",
            phone="040 765 4321",
            device_id="dev-1",
            account_id="acc-9",
        ),
    )
    data = check(response, schemas.POST_RESPONSE, status=201)
    feedback = Feedback.objects.get(reference=data[0]["service_request_id"])
    assert feedback.channel == "open311"
    assert feedback.organization == city["streets"]
    assert feedback.is_published
    assert (float(feedback.latitude), float(feedback.longitude)) == (62.8925, 27.6786)
    assert feedback.title == "Kadulla on syvä kuoppa."
    contact = Contact.objects.get(feedback=feedback)
    assert (contact.name, contact.email) == ("Aino Asukas", "asukas@example.fi")
    assert feedback.channel_private["device_id"] == "dev-1"
    assert data[0]["account_id"] == "acc-9"
    assert data[0]["service_notice"]
    assert list(feedback.events.values_list("kind", flat=True))[:3] == [
        Event.Kind.CREATED,
        Event.Kind.ROUTED,
        Event.Kind.PUBLICATION,
    ]


def test_fixmystreet_style_post_in_xml(client, api_key):
    body = (
        "service_code=maintenance&description=Rivi+yksi%0D%0ARivi+kaksi&lat=62.89&long=27.67&first_name=Matti&last_name=&email=matti%40example.fi&jurisdiction_id=kuopio&api_key="
        + api_key
    )
    response = client.post(
        f"{BASE}/requests.xml", body, content_type="application/x-www-form-urlencoded"
    )
    tree = xml(response, "service_requests", status=201)
    reference = tree.findtext("request/service_request_id")
    assert Feedback.objects.get(reference=reference).text == "Rivi yksi\r\nRivi kaksi"
    assert tree.find("request/token") is None


def test_json_body_is_accepted_too(client, api_key):
    response = client.post(
        f"{BASE}/requests.json", {**form(api_key), "attribute": {}}, content_type="application/json"
    )
    check(response, schemas.POST_RESPONSE, status=201)


def test_without_or_with_a_wrong_key_posting_is_forbidden(client, topics):
    for key in (None, "wrong-key"):
        data = form(key) if key else {k: v for k, v in form("x").items() if k != "api_key"}
        check(client.post(f"{BASE}/requests.json", data), schemas.ERRORS, status=403)
        xml(client.post(f"{BASE}/requests.xml", data), "errors", status=403)
    assert not Feedback.objects.exists()


def test_revoked_key_no_longer_works(client, city, topics):
    key, raw = create_api_key(name="Vanha")
    ApiKey.objects.filter(pk=key.pk).update(is_active=False)
    check(client.post(f"{BASE}/requests.json", form(raw)), schemas.ERRORS, status=403)


@pytest.mark.parametrize(
    ("changes", "word"),
    [
        ({"service_code": ""}, "service_code"),
        ({"service_code": "nope"}, "service_code"),
        ({"service_code": "streets"}, "service_code"),  # a group, not a service
        ({"description": ""}, "description"),
        ({"description": "x" * 4001}, "4000"),
        ({"lat": "abc"}, "lat"),
        ({"lat": "95"}, "lat"),
        ({"long": ""}, "long"),
        ({"email": "not-an-email"}, "email"),
        ({"media_url": "javascript:alert(1)"}, "media_url"),
        ({"publish_consent": "maybe"}, "publish_consent"),
    ],
)
def test_bad_input_is_a_400_that_names_the_parameter(client, api_key, changes, word):
    data = check(
        client.post(f"{BASE}/requests.json", form(api_key, **changes)), schemas.ERRORS, status=400
    )
    assert word in data[0]["description"]
    assert not Feedback.objects.exists()


def test_location_required_by_the_service(client, api_key):
    data = form(api_key, service_code="street-lights", lat="", long="")
    check(client.post(f"{BASE}/requests.json", data), schemas.ERRORS, status=400)
    check(
        client.post(f"{BASE}/requests.json", {**data, "address_string": "Kauppakatu 1"}),
        schemas.POST_RESPONSE,
        status=201,
    )
    check(
        client.post(f"{BASE}/requests.json", {**data, "address_id": "kuopio-123"}),
        schemas.POST_RESPONSE,
        status=201,
    )
    assert Feedback.objects.filter(channel_data__address_id="kuopio-123").exists()


def test_attributes_single_and_multi_value(client, api_key, questions):
    body = form(api_key, service_code="street-lights")
    body["attribute[vika]"] = "pimea"
    body["attribute[lamput][]"] = ["a", "c"]
    body["attribute[maara]"] = "3"
    body["attribute[tuntematon]"] = "ignored"
    data = check(client.post(f"{BASE}/requests.json", body), schemas.POST_RESPONSE, status=201)
    feedback = Feedback.objects.get(reference=data[0]["service_request_id"])
    assert feedback.attributes == {"vika": "pimea", "lamput": ["a", "c"], "maara": 3.0}


@pytest.mark.parametrize(
    "attributes",
    [
        {},  # the required question unanswered
        {"attribute[vika]": "ei-tallainen"},
        {"attribute[vika]": "pimea", "attribute[lamput][]": ["a", "x"]},
        {"attribute[vika]": "pimea", "attribute[maara]": "kolme"},
    ],
)
def test_attribute_answers_are_checked(client, api_key, questions, attributes):
    body = {**form(api_key, service_code="street-lights"), **attributes}
    data = check(client.post(f"{BASE}/requests.json", body), schemas.ERRORS, status=400)
    assert "attribute[" in data[0]["description"]


def test_every_request_gets_its_id_even_when_not_public(client, api_key):
    private = check(
        client.post(f"{BASE}/requests.json", form(api_key, publish_consent="false")),
        schemas.POST_RESPONSE,
        status=201,
    )
    held = check(
        client.post(f"{BASE}/requests.json", form(api_key, description="Soita 040 123 4567")),
        schemas.POST_RESPONSE,
        status=201,
    )
    health = check(
        client.post(
            f"{BASE}/requests.json", form(api_key, service_code="clinics", lat="", long="")
        ),
        schemas.POST_RESPONSE,
        status=201,
    )
    for answer in (private, held, health):
        reference = answer[0]["service_request_id"]
        assert "token" not in answer[0]
        assert client.get(f"{BASE}/requests/{reference}.json").status_code == 404
    assert Feedback.objects.get(reference=private[0]["service_request_id"]).publish_consent is False
    assert Feedback.objects.get(reference=held[0]["service_request_id"]).publication_state == "held"
    assert (
        Feedback.objects.get(reference=health[0]["service_request_id"]).publication_reason
        == "policy"
    )


def test_media_files_are_checked_and_cleaned(client, api_key):
    photo = SimpleUploadedFile("IMG_0001.jpg", jpeg_with_gps(), content_type="image/jpeg")
    data = check(
        client.post(f"{BASE}/requests.json", {**form(api_key), "media": [photo]}),
        schemas.POST_RESPONSE,
        status=201,
    )
    feedback = Feedback.objects.get(reference=data[0]["service_request_id"])
    attachment = feedback.attachments.get()
    assert b"PhoneMaker" not in attachment.file.read()
    fake = SimpleUploadedFile("virus.jpg", b"MZ\x90\x00", content_type="image/jpeg")
    check(
        client.post(f"{BASE}/requests.json", {**form(api_key), "media[]": [fake]}),
        schemas.ERRORS,
        status=400,
    )
    assert Feedback.objects.count() == 1


def test_receipt_is_emailed_like_from_the_web_form(
    client, api_key, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{BASE}/requests.json", form(api_key, email="a@example.fi"))
    assert mail.outbox[0].to == ["a@example.fi"]


def test_every_request_with_a_key_is_recorded_and_limited(client, city, topics):
    key, raw = create_api_key(name="Pieni", rate_limit=3)
    for _number in range(3):
        check(client.post(f"{BASE}/requests.json", form(raw)), schemas.POST_RESPONSE, status=201)
    response = client.post(f"{BASE}/requests.json", form(raw))
    check(response, schemas.ERRORS, status=429)
    assert response["Retry-After"]
    assert Feedback.objects.count() == 3
    assert list(
        ApiKeyRequest.objects.filter(key=key).values_list("status_code", flat=True).order_by("id")
    ) == [201, 201, 201, 429]
    key.refresh_from_db()
    assert key.last_used_at is not None


def test_post_in_swedish_gets_a_swedish_notice(client, api_key):
    data = check(
        client.post(f"{BASE}/requests.json?locale=sv_FI", form(api_key)),
        schemas.POST_RESPONSE,
        status=201,
    )
    assert "behandling" in data[0]["service_notice"]
    assert Feedback.objects.get().language == "sv"
