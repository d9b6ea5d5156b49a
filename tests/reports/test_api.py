"""GET /api/v1/reports/: the unified report as JSON for an organisation's API key or a
back-office session, with suppressed figures as null and clear errors."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from palaute.integrations.models import ApiKeyRequest
from palaute.integrations.services import create_api_key
from palaute.organizations.models import Membership
from palaute.reports.selectors import half_year
from palaute.surveys.services import Answers, submit_survey
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
URL = "/api/v1/reports/"
HALF = {"start": "2025-01-01", "end": "2025-06-30"}


@pytest.fixture
def answered(points):
    """Six answers in the centre: NPS +50, 'saatavuus' 66.7 % positive, no other
    statement answered."""
    web = points["web"]
    for nps, statement in ((9, 5), (9, 5), (9, 4), (10, 4), (7, 2), (3, 1)):
        submit_survey(
            point=web,
            version=web.questionnaire.current_version(),
            answers=Answers(nps=nps, statements={"saatavuus": statement}),
            received_at=dt.datetime(2025, 3, 10, 12, tzinfo=HELSINKI),
        )


@pytest.fixture
def health_key(county):
    return create_api_key(name="Raportointi", organization=county["health"])[1]


def get(client, key: str | None = None, **query):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    return client.get(URL, query, **headers)


def test_a_key_gets_the_report_of_its_subtree(client, answered, health_key):
    response = get(client, health_key, organization="centre", **HALF)
    assert response.status_code == 200
    data = response.json()
    assert data["organization"]["code"] == "centre"
    assert data["start"] == "2025-01-01" and data["end"] == "2025-06-30"
    assert data["previous"] == {"start": "2024-07-01", "end": "2024-12-31"}
    assert data["responses"] == 6
    assert data["nps"]["value"] == 50.0
    assert data["nps"]["count"] == 6
    assert data["nps"]["promoters"] == 4
    saatavuus = next(row for row in data["statements"] if row["code"] == "saatavuus")
    assert saatavuus["positive_share"] == 66.7
    assert saatavuus["distribution"] == {"1": 1, "2": 1, "3": 0, "4": 2, "5": 2}
    # Every use of the key is recorded.
    assert ApiKeyRequest.objects.filter(path=URL, status_code=200).count() == 1


def test_suppressed_figures_are_null(client, answered, health_key):
    data = get(client, health_key, organization="centre", **HALF).json()
    kohtaaminen = next(row for row in data["statements"] if row["code"] == "kohtaaminen")
    assert kohtaaminen["count"] == 0
    assert kohtaaminen["suppressed"] is True
    assert kohtaaminen["positive_share"] is None
    assert kohtaaminen["distribution"] is None
    # The previous half-year had no answers: no value, no change.
    assert data["nps"]["previous"] is None
    assert data["nps"]["change"] is None
    # The dental clinic beside the centre had none either.
    dental = get(client, health_key, organization="dental", **HALF).json()
    assert dental["nps"] | {"count": 0} == {
        "value": None,
        "count": 0,
        "promoters": None,
        "passives": None,
        "detractors": None,
        "distribution": None,
        "suppressed": True,
        "previous": None,
        "change": None,
    }


def test_the_key_organisation_and_the_half_year_are_the_defaults(client, health_key):
    data = get(client, health_key).json()
    assert data["organization"]["code"] == "health"
    start, end = half_year(timezone.localdate())
    assert (data["start"], data["end"]) == (start.isoformat(), end.isoformat())


def test_a_key_does_not_reach_outside_its_subtree(client, county):
    raw = create_api_key(name="Hammas", organization=county["dental"])[1]
    response = get(client, raw, organization="centre", **HALF)
    assert response.status_code == 403
    assert get(client, raw, organization="county", **HALF).status_code == 403
    assert get(client, raw, organization="dental", **HALF).status_code == 200
    assert get(client, raw, organization="nowhere", **HALF).status_code == 404


def test_bad_or_missing_credentials(client, county, health_key):
    response = get(client, "not-a-key", organization="centre", **HALF)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert get(client, None, organization="centre", **HALF).status_code == 401


def test_a_staff_session_with_view(client, county, answered):
    director = UserFactory(username="johtaja")
    MembershipFactory(user=director, organization=county["health"], role=Membership.Role.DIRECTOR)
    outsider = UserFactory(username="hammas")
    MembershipFactory(user=outsider, organization=county["dental"], role=Membership.Role.STAFF)
    client.force_login(director)
    response = get(client, organization="centre", **HALF)
    assert response.status_code == 200
    assert response.json()["nps"]["value"] == 50.0
    assert get(client, organization="county", **HALF).status_code == 403
    assert get(client, organization="nowhere", **HALF).status_code == 404
    # Without an organisation: the user's highest one.
    assert get(client, **HALF).json()["organization"]["code"] == "health"
    client.force_login(outsider)
    assert get(client, organization="centre", **HALF).status_code == 403


@pytest.mark.parametrize(
    ("query", "field", "text"),
    [
        ({"start": "2025-06-30", "end": "2025-01-01"}, "end", "end before it starts"),
        ({"start": "2021-01-01", "end": "2025-06-30"}, "end", "at most 3 years"),
        ({"start": "2025-02-30", "end": "2025-06-30"}, "start", "YYYY-MM-DD"),
        ({"start": "1.1.2025", "end": "2025-06-30"}, "start", "YYYY-MM-DD"),
        ({"start": "2025-01-01"}, "end", "both start and end"),
        ({"organization": "not a code!", **HALF}, "organization", ""),
    ],
)
def test_bad_periods_are_400_with_the_field(client, health_key, query, field, text):
    query.setdefault("organization", "centre")
    response = get(client, health_key, **query)
    assert response.status_code == 400
    errors = response.json()
    assert field in errors
    assert text in " ".join(errors[field])


def test_three_years_exactly_is_allowed(client, health_key):
    response = get(client, health_key, organization="centre", start="2023-01-01", end="2025-12-31")
    assert response.status_code == 200


def test_the_openapi_description_has_the_report(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/v1/reports/"]["get"]
    assert {parameter["name"] for parameter in operation["parameters"]} >= {
        "organization",
        "start",
        "end",
    }
    assert {"200", "400", "401", "403", "404"} <= set(operation["responses"])
    report = schema["components"]["schemas"]["Report"]
    assert {"nps", "statements", "handling", "themes"} <= set(report["properties"])
