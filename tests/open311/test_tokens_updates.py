"""tokens/{token} and servicerequestupdates in the form FixMyStreet reads."""

import datetime as dt

import pytest
from django.utils import timezone

from palaute.feedback.models import Feedback
from palaute.feedback.services import (
    add_answer,
    change_status,
    remove_answer,
)
from tests.factories import UserFactory

from . import schemas
from .conftest import BASE, check, xml

pytestmark = pytest.mark.django_db


def post(client, api_key, **extra):
    data = {
        "api_key": api_key,
        "service_code": "maintenance",
        "description": "Kuoppa kadulla",
        **extra,
    }
    return client.post(f"{BASE}/requests.json", data).json()[0]


def test_recorded_at_once_a_request_gets_its_id_and_an_unknown_token_is_404(client, api_key):
    answer = post(client, api_key, description="Soita 040 123 4567")
    assert "service_request_id" in answer
    assert "token" not in answer
    data = check(client.get(f"{BASE}/tokens/abc123.json"), schemas.ERRORS, status=404)
    assert "Unknown token" in data[0]["description"]
    xml(client.get(f"{BASE}/tokens/abc123.xml"), "errors", status=404)


def test_updates_list_status_changes_and_public_answers(client, api_key):
    reference = post(client, api_key)["service_request_id"]
    feedback = Feedback.objects.get(reference=reference)
    start = (timezone.now() - dt.timedelta(minutes=1)).isoformat()
    change_status(feedback=feedback, status="in_processing", actor=None)
    answer = add_answer(feedback=feedback, text="Paikataan huomenna.", notify=False)
    note = add_answer(feedback=feedback, text="Sisäinen", kind="note", notify=False)
    end = (timezone.now() + dt.timedelta(minutes=1)).isoformat()
    data = check(
        client.get(
            f"{BASE}/servicerequestupdates.json",
            {"start_date": start, "end_date": end, "api_key": ""},
        ),
        schemas.UPDATES,
    )
    assert [(u["status"], u["description"]) for u in data] == [
        ("IN_PROGRESS", ""),
        ("CLOSED", "Paikataan huomenna."),
        ("CLOSED", ""),
    ]
    assert all(u["service_request_id"] == reference for u in data)
    assert "Sisäinen" not in str(data)
    assert note.pk
    tree = xml(
        client.get(f"{BASE}/servicerequestupdates.xml", {"start_date": start, "end_date": end}),
        "service_requests_updates",
    )
    assert len(tree.findall("request_update")) == 3
    remove_answer(answer=answer, actor=UserFactory(), reason="Väärä")
    data = client.get(
        f"{BASE}/servicerequestupdates.json", {"start_date": start, "end_date": end}
    ).json()
    assert "Paikataan" not in str(data)


def test_updates_of_private_feedback_are_not_listed(client, api_key):
    post(client, api_key, publish_consent="false")
    change_status(feedback=Feedback.objects.get(), status="in_processing", actor=None)
    assert client.get(f"{BASE}/servicerequestupdates.json").json() == []


def test_updates_window_is_checked(client, topics):
    check(
        client.get(
            f"{BASE}/servicerequestupdates.json",
            {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},
        ),
        schemas.ERRORS,
        status=400,
    )
