"""Schemathesis against every JSON API described at /api/schema/: requests generated from
the schema (valid and invalid) never get a 5xx, and every answer, errors included, has a
status and a body the schema documents. Runs on SQLite and on PostgreSQL like the rest.

The schema is the one the site serves; the test only tells the generator the codes of the
test's own data (API key, service codes, collection point) so that generated requests get
past authentication and reach the intake, the filters and the representations."""

from __future__ import annotations

import copy
import functools
import json
from collections import Counter
from urllib.parse import quote

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from palaute.feedback.models import TopicAttribute
from palaute.feedback.services import add_answer, submit_feedback
from palaute.integrations.services import create_api_key
from palaute.surveys.models import CollectionPoint
from palaute.surveys.services import create_collection_point, load_national_questionnaires
from tests.factories import OrganizationFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

# Examples per operation and generation mode: about 4,000 requests in all per database.
EXAMPLES = {"POST /open311/v2/requests.json": 500}
DEFAULT_EXAMPLES = 150
OPERATIONS = [
    "GET /api/v1/reports/",
    "POST /api/v1/survey-invitations/",
    "GET /open311/v2/discovery.json",
    "GET /open311/v2/requests.json",
    "POST /open311/v2/requests.json",
    "GET /open311/v2/requests/{service_request_id}.json",
    "GET /open311/v2/servicerequestupdates.json",
    "GET /open311/v2/services.json",
    "GET /open311/v2/services/{service_code}.json",
    "GET /open311/v2/tokens/{token}.json",
]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Status codes of the answers, by operation and mode.
SENT: dict[str, Counter] = {}


@functools.cache
def served_schema() -> dict:
    response = Client().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


def test_every_operation_of_the_schema_is_fuzzed():
    operations = [
        f"{method.upper()} {path}"
        for path, methods in served_schema()["paths"].items()
        for method in methods
        if method in {"get", "post", "put", "patch", "delete"}
    ]
    assert sorted(operations) == sorted(OPERATIONS)


@pytest.fixture
def wsgi_app():
    """The site's WSGI application, keeping the test's database connection between
    requests as Django's test client does (closing it would lose the test transaction).
    The schema is read first: the test client connects the closing handler again after
    each of its requests."""
    served_schema()
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(settings):
    """A city with services (one with extra questions), public feedback with an answer, a
    text-message collection point and an API key with room for every generated request."""
    settings.ALLOWED_HOSTS = ["*"]
    root = OrganizationFactory(
        code="city", kind="root", name_fi="Kaupunki", publication_policy="allowed"
    )
    unit = OrganizationFactory(
        parent=root, code="unit", kind="service_unit", name_fi="Terveysasema"
    )
    streets = TopicFactory(service_code="streets", name_fi="Kadut", organization=root)
    lights = TopicFactory(
        parent=streets, service_code="street-lights", name_fi="Katuvalot", location_mode="required"
    )
    maintenance = TopicFactory(parent=streets, service_code="maintenance", name_fi="Kunnossapito")
    health = TopicFactory(
        service_code="health", name_fi="Terveys", organization=unit, location_mode="none"
    )
    kind = TopicAttribute.objects.create(
        topic=lights,
        code="vika",
        datatype="singlevaluelist",
        required=True,
        order=1,
        description_fi="Mikä on vialla?",
    )
    kind.values.create(key="pimea", name_fi="Valo ei pala", order=1)
    TopicAttribute.objects.create(
        topic=lights, code="maara", datatype="number", order=2, description_fi="Montako?"
    )
    TopicAttribute.objects.create(
        topic=lights, code="aika", datatype="datetime", order=3, description_fi="Milloin?"
    )
    staff = UserFactory()
    feedback = submit_feedback(
        topic=maintenance, title="Kuoppa", text="Kadulla on kuoppa."
    ).feedback
    add_answer(feedback=feedback, text="Korjataan.", notify=False)
    adult = next(q for q in load_national_questionnaires() if q.code == "kansallinen-aikuiset")
    point = create_collection_point(
        organization=unit,
        channel=CollectionPoint.Channel.SMS,
        questionnaire=adult,
        topic=health,
        name="Tekstiviesti",
        actor=staff,
    )
    _key, raw = create_api_key(name="Fuzz", organization=root, rate_limit=1_000_000)
    return {
        "key": raw,
        "service_codes": ["streets", "street-lights", "maintenance", "health"],
        "reference": feedback.reference,
        "organizations": ["city", "unit"],
        "point": point.code,
    }


def _known(schema: dict, world: dict) -> dict:
    """The schema with the test data's codes added as examples and enums to pick from."""
    schema = copy.deepcopy(schema)
    components = schema["components"]["schemas"]
    new = components["NewServiceRequestRequest"]["properties"]
    new["api_key"]["enum"] = [world["key"]]
    new["service_code"]["enum"] = world["service_codes"]
    invitation = components["InvitationRequest"]["properties"]
    invitation["collection_point"]["enum"] = [world["point"]]
    # Valid numbers, so that some invitations go out (the 30-day rule refuses repeats).
    invitation["phone"]["enum"] = ["040 123 4567", "+358 50 765 4321", "0451112222"]
    for path, methods in schema["paths"].items():
        for operation in methods.values():
            for parameter in operation.get("parameters", []):
                name = parameter["name"]
                if name == "service_code" and parameter["in"] == "path":
                    parameter["schema"] = {"type": "string", "enum": world["service_codes"]}
                elif name == "service_request_id" and parameter["in"] == "path":
                    parameter["examples"] = {"public": {"value": world["reference"]}}
                elif name == "organization" and path == "/api/v1/reports/":
                    parameter["schema"] = {"type": "string", "enum": world["organizations"]}
    return schema


@pytest.mark.parametrize(
    ("operation", "mode"),
    [
        (operation, mode)
        for operation in OPERATIONS
        for mode in ("positive", "negative")
        # Every string is a valid token: no request can be invalid by the schema.
        if (operation, mode) != ("GET /open311/v2/tokens/{token}.json", "negative")
    ],
)
def test_generated_requests_get_documented_answers(operation, mode, world, wsgi_app):
    method, path = operation.split(" ")
    schema = schemathesis.openapi.from_dict(_known(served_schema(), world))
    schema.app = wsgi_app
    api = schema[path][method]
    generation = schemathesis.GenerationMode(mode)
    strategy = api.as_strategy(generation_mode=generation)
    if path.startswith("/open311/") and method == "GET":
        # Half of the reads in another language, none with a key (reading needs none).
        strategy = st.tuples(strategy, st.booleans())
    else:
        strategy = st.tuples(strategy, st.just(False))
    headers = {"Authorization": f"Bearer {world['key']}"} if path.startswith("/api/") else {}
    label = f"{operation} {mode}"
    SENT[label] = Counter()

    @settings(
        max_examples=EXAMPLES.get(operation, DEFAULT_EXAMPLES),
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
    )
    @given(drawn=strategy)
    def run(drawn):
        case, swedish = drawn
        if swedish and isinstance(case.query, dict):
            case.query.setdefault("locale", "sv_FI")
        response = case.call(headers=headers)
        SENT[label][response.status_code] += 1
        case.validate_response(response, checks=CHECKS)

    run()
    if mode == "positive" and method == "POST":
        # Valid requests get through authentication and validation into the intake.
        assert SENT[label][201] > 0, SENT[label]


# The XML forms, which the schema does not describe: a hand-written property test.

ODD_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["NaN", "-Infinity", "1e400", "-0", "9" * 400, "\u202e\u200b", "<a>&amp;", "]]>", "\x00"]
    ),
)
QUERY_NAMES = [
    "service_request_id", "service_code", "start_date", "end_date", "status", "page",
    "page_size", "extensions", "updated_after", "updated_before", "lat", "long", "radius",
    "bbox", "service_object_id", "service_object_type", "locale", "api_key",
]  # fmt: skip
FORM_NAMES = [
    "service_code", "description", "title", "lat", "long", "address_string", "address_id",
    "email", "first_name", "last_name", "phone", "media_url", "publish_consent",
    "contact_requested", "attribute[vika]", "attribute[maara]", "attribute[aika]",
    "attribute[x][]", "service_object_id", "service_object_type", "locale",
]  # fmt: skip
XML_PATHS = [
    "discovery.xml",
    "services.xml",
    "services/street-lights.xml",
    "requests.xml",
    "requests/{reference}.xml",
    "tokens/abc.xml",
    "servicerequestupdates.xml",
    "no-such-thing.xml",
]
FUZZ_SETTINGS = settings(
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def assert_open311_xml(response, expected_root: str) -> None:
    """A parsed XML document: the success root, or <errors> with the status as code."""
    from defusedxml import ElementTree

    assert response.status_code < 500, response.content[:300]
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    tree = ElementTree.fromstring(response.content)
    if response.status_code >= 400:
        assert tree.tag == "errors"
        errors = tree.findall("error")
        assert errors
        for error in errors:
            assert error.findtext("code") == str(response.status_code)
            assert error.findtext("description")
    else:
        assert tree.tag == expected_root


ROOTS = {
    "discovery.xml": "discovery",
    "services.xml": "services",
    "services/street-lights.xml": "service_definition",
    "servicerequestupdates.xml": "service_requests_updates",
}


def test_xml_reads_with_odd_parameters_answer_parsed_xml(client, world):
    @FUZZ_SETTINGS
    @given(
        path=st.sampled_from(XML_PATHS),
        query=st.dictionaries(st.sampled_from(QUERY_NAMES), ODD_TEXT, max_size=4),
    )
    def run(path, query):
        path = path.format(reference=world["reference"])
        encoded = "&".join(f"{name}={quote(value)}" for name, value in query.items())
        response = client.get(f"/open311/v2/{path}", QUERY_STRING=encoded)
        assert_open311_xml(response, ROOTS.get(path, "service_requests"))

    run()


def test_xml_posts_with_odd_fields_answer_parsed_xml(client, world):
    @FUZZ_SETTINGS
    @given(fields=st.dictionaries(st.sampled_from(FORM_NAMES), ODD_TEXT, max_size=5))
    def run(fields):
        body = {
            "api_key": world["key"],
            "service_code": "street-lights",
            "description": "Valo ei pala",
            "lat": "60.17",
            "long": "24.94",
            "attribute[vika]": "pimea",
            **fields,
        }
        encoded = "&".join(f"{quote(name)}={quote(value)}" for name, value in body.items())
        response = client.post(
            "/open311/v2/requests.xml", encoded, content_type="application/x-www-form-urlencoded"
        )
        assert_open311_xml(response, "service_requests")

    run()


@pytest.mark.parametrize("value", ["\ud800", "a\udfffb", "\x00", "x\x00"])
def test_text_that_cannot_be_stored_is_refused_in_the_documented_shapes(client, world, value):
    """NUL cannot go into PostgreSQL, a lone surrogate (a JSON escape) into no database
    nor into an answer: 400 with the documented error, never a 5xx."""
    body = {"api_key": world["key"], "service_code": "maintenance", "description": value}
    response = client.post(
        "/open311/v2/requests.json", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    assert [set(error) for error in response.json()] == [{"code", "description"}]
    for field in ("collection_point", "phone", "kind", "language"):
        body = {"collection_point": world["point"], "phone": "0401234567", field: value}
        response = client.post(
            "/api/v1/survey-invitations/",
            json.dumps(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {world['key']}",
        )
        assert response.status_code == 400, response.content
        assert set(response.json()) == {"errors", "code"}


def test_fuzzing_sent_thousands_of_requests():
    """The count per operation, shown with -rA; it runs last in a file-ordered run."""
    total = sum(sum(statuses.values()) for statuses in SENT.values())
    for label, statuses in SENT.items():
        print(label, dict(sorted(statuses.items())))
    print(f"schemathesis sent {total} requests")
    if len(SENT) == 2 * len(OPERATIONS) - 1:
        assert total >= 2000
