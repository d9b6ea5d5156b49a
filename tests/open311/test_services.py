"""discovery, services and service definitions, in both formats."""

import pytest

from . import schemas
from .conftest import BASE, check, xml

pytestmark = pytest.mark.django_db


def test_discovery_in_json_and_xml(client, topics):
    data = check(client.get(f"{BASE}/discovery.json"), schemas.DISCOVERY)
    assert data["endpoints"][0]["url"] == "http://testserver/open311/v2"
    tree = xml(client.get(f"{BASE}/discovery.xml"), "discovery")
    endpoint = tree.find("endpoints/endpoint")
    assert endpoint.findtext("specification") == "http://wiki.open311.org/GeoReport_v2"
    assert [f.text for f in endpoint.findall("formats/format")] == ["text/xml", "application/json"]


def test_services_list_takes_only_topics_that_take_feedback(client, topics):
    topics["maintenance"].state = "elsewhere"
    topics["maintenance"].save()
    data = check(client.get(f"{BASE}/services.json"), schemas.SERVICES)
    codes = {item["service_code"]: item for item in data}
    assert set(codes) == {
        "street-lights",
        "clinics",
    }  # groups and elsewhere topics are not services
    assert codes["street-lights"]["group"] == "Kadut ja liikenne"
    assert codes["street-lights"]["service_name"] == "Katuvalot"
    tree = xml(client.get(f"{BASE}/services.xml"), "services")
    assert [s.findtext("service_code") for s in tree.findall("service")] == list(codes)
    assert tree.find("service/metadata").text == "false"


@pytest.mark.parametrize(
    ("locale", "name"), [("sv_FI", "Ämne"), ("en_GB", "Topic"), ("", "Aihe"), ("fi_FI", "Aihe")]
)
def test_services_in_the_asked_language(client, topics, locale, name):
    data = check(client.get(f"{BASE}/services.json", {"locale": locale}), schemas.SERVICES)
    clinic = next(item for item in data if item["service_code"] == "clinics")
    assert clinic["service_name"].startswith(name) or clinic["service_name"] == "Terveysasemat"


def test_metadata_tells_which_services_have_questions(client, questions):
    data = check(client.get(f"{BASE}/services.json"), schemas.SERVICES)
    assert {i["service_code"]: i["metadata"] for i in data} == {
        "street-lights": True,
        "maintenance": False,
        "clinics": False,
    }


def test_service_definition_with_attributes(client, questions):
    data = check(client.get(f"{BASE}/services/street-lights.json"), schemas.SERVICE_DEFINITION)
    attributes = {a["code"]: a for a in data["attributes"]}
    assert [a["code"] for a in data["attributes"]] == ["vika", "lamput", "maara"]
    assert attributes["vika"]["required"] is True
    assert attributes["vika"]["values"] == [
        {"key": "pimea", "name": "Valo ei pala"},
        {"key": "vilkkuu", "name": "Valo vilkkuu"},
    ]
    assert "values" not in attributes["maara"]
    english = check(
        client.get(f"{BASE}/services/street-lights.json", {"locale": "en_GB"}),
        schemas.SERVICE_DEFINITION,
    )
    assert english["attributes"][0]["description"] == "What is wrong?"
    tree = xml(client.get(f"{BASE}/services/street-lights.xml"), "service_definition")
    first = tree.find("attributes/attribute")
    assert first.findtext("code") == "vika"
    assert [v.findtext("key") for v in first.findall("values/value")] == ["pimea", "vilkkuu"]


def test_unknown_service_is_404_in_both_formats(client, topics):
    check(client.get(f"{BASE}/services/nope.json"), schemas.ERRORS, status=404)
    tree = xml(client.get(f"{BASE}/services/nope.xml"), "errors", status=404)
    assert tree.findtext("error/code") == "404"
    assert tree.findtext("error/description")


def test_jurisdiction_id_is_accepted(client, topics):
    check(client.get(f"{BASE}/services.json", {"jurisdiction_id": "kuopio.fi"}), schemas.SERVICES)


def test_services_answer_conditional_gets(client, topics):
    first = client.get(f"{BASE}/services.json")
    assert first["ETag"]
    assert "max-age" in first["Cache-Control"]
    again = client.get(f"{BASE}/services.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    definition = client.get(f"{BASE}/services/street-lights.json")
    since = client.get(
        f"{BASE}/services/street-lights.json", HTTP_IF_MODIFIED_SINCE=definition["Last-Modified"]
    )
    assert since.status_code == 304
    topics["lights"].name_fi = "Katuvalaistus"
    topics["lights"].save()
    changed = client.get(f"{BASE}/services.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200


def test_reading_is_open_to_every_origin(client, topics):
    response = client.get(f"{BASE}/services.json", HTTP_ORIGIN="https://app.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        f"{BASE}/requests.json",
        HTTP_ORIGIN="https://app.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
