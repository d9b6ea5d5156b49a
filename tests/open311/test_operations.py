"""API keys from the command line and the back office, the OpenAPI description."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from palaute.integrations.models import ApiKey
from palaute.organizations.models import Membership
from tests.factories import MembershipFactory

from .conftest import BASE

pytestmark = pytest.mark.django_db


def test_create_api_key_prints_the_key_alone_on_its_last_line(client, topics):
    out = StringIO()
    call_command("create_api_key", "Kaupunkisovellus", stdout=out, stderr=StringIO())
    raw = out.getvalue().strip().splitlines()[-1]
    assert len(raw) >= 32
    key = ApiKey.objects.get()
    assert key.name == "Kaupunkisovellus"
    assert raw not in key.key_hash
    response = client.post(
        f"{BASE}/requests.json",
        {"api_key": raw, "service_code": "maintenance", "description": "Testi"},
    )
    assert response.status_code == 201


def test_back_office_makes_shows_once_and_revokes_keys(client, city, topics):
    admin = MembershipFactory(organization=city["root"], role=Membership.Role.ADMIN).user
    client.force_login(admin)
    page = client.post(
        reverse("backoffice:admin-api-keys"),
        {"name": "Sovellus", "organization": city["root"].pk, "rate_limit": 100},
    )
    html = page.content.decode()
    key = ApiKey.objects.get()
    raw = html.split('id="created-key" class="tracking-url" value="')[1].split('"')[0]
    assert raw.startswith(key.prefix)
    assert raw not in client.get(reverse("backoffice:admin-api-keys")).content.decode()
    client.post(
        f"{BASE}/requests.json",
        {"api_key": raw, "service_code": "maintenance", "description": "Testi"},
    )
    detail = client.get(reverse("backoffice:admin-api-key", kwargs={"pk": key.pk})).content.decode()
    assert "/open311/v2/requests.json" in detail
    client.post(reverse("backoffice:admin-api-key-revoke", kwargs={"pk": key.pk}))
    key.refresh_from_db()
    assert not key.is_active
    assert (
        client.post(
            f"{BASE}/requests.json",
            {"api_key": raw, "service_code": "maintenance", "description": "Testi"},
        ).status_code
        == 403
    )


def test_keys_of_other_organisations_are_out_of_reach(client, city, topics):
    from palaute.integrations.services import create_api_key

    other, _raw = create_api_key(name="Toisen", organization=city["health"])
    admin = MembershipFactory(organization=city["streets"], role=Membership.Role.ADMIN).user
    client.force_login(admin)
    assert "Toisen" not in client.get(reverse("backoffice:admin-api-keys")).content.decode()
    assert (
        client.post(reverse("backoffice:admin-api-key-revoke", kwargs={"pk": other.pk})).status_code
        == 404
    )
    other.refresh_from_db()
    assert other.is_active


def test_openapi_description_and_its_documentation_page(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    data = schema.json()
    assert data["openapi"].startswith("3.")
    assert set(data["paths"]) == {
        "/open311/v2/discovery.json",
        "/open311/v2/services.json",
        "/open311/v2/services/{service_code}.json",
        "/open311/v2/requests.json",
        "/open311/v2/requests/{service_request_id}.json",
        "/open311/v2/tokens/{token}.json",
        "/open311/v2/servicerequestupdates.json",
        "/api/v1/survey-invitations/",
        "/api/v1/reports/",
    }
    assert "post" in data["paths"]["/open311/v2/requests.json"]
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"redoc" in docs.content.lower()
