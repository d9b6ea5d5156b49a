"""Contact details held by a submission accepted and not yet recorded (deferred intake)
are found by the data subject's search and export, and erased with the rest."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from palaute.feedback.models import Feedback, Intake, StagedUpload, Topic
from palaute.feedback.services import (
    ContactInput,
    accept_submission,
    record_intake,
    stage_upload,
)
from palaute.privacy import services
from palaute.privacy.selectors import Subject
from tests.media import png

from .test_subject_rights import EMAIL, SEARCH, admin, officer  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(topics):
    upload = stage_upload(uploaded=SimpleUploadedFile("kuva.png", png(), content_type="image/png"))
    return accept_submission(
        topic=topics["maintenance"],
        title="Kuoppa",
        text="Kadulla on syvä kuoppa.",
        contact=ContactInput(name="Salainen Sanna", email=EMAIL, phone="040 123 4567"),
        uploads=[upload],
    ).intake


def test_the_export_holds_what_waits_to_be_recorded(client, admin, pending):  # noqa: F811
    client.force_login(admin)
    page = client.post(SEARCH, {"phone": "+358 40 1234567"}).content.decode()
    assert "1 lähetys, jota ei ole kirjattu palautteeksi" in page
    document = json.loads(client.post(f"{SEARCH}export/", {"email": EMAIL}).content)
    [item] = document["submissions_being_recorded"]
    assert item["state"] == "pending"
    assert item["text"] == "Kadulla on syvä kuoppa."
    assert item["contact"]["email"] == EMAIL
    assert item["attachments"] == 1


def test_a_unit_officer_does_not_see_submissions_not_routed_yet(officer, pending):  # noqa: F811
    data = services.find_subject(user=officer, subject=Subject(email=EMAIL))
    assert data.intakes == []


def test_erasure_empties_a_pending_intake_which_is_then_never_recorded(
    admin,  # noqa: F811
    pending,
    django_capture_on_commit_callbacks,
):
    file_name = StagedUpload.objects.get().file.name
    with django_capture_on_commit_callbacks(execute=True):
        erased = services.erase_subject(
            user=admin, subject=Subject(email=EMAIL), reason="Pyyntö TS-2026-15"
        )
    assert erased.intakes == 1
    intake = Intake.objects.get(pk=pending.pk)
    assert intake.payload == {}
    assert (intake.email_digest, intake.phone_digest, intake.uploads) == ("", "", [])
    assert intake.state == Intake.State.FAILED
    assert intake.personal_data_erased_at is not None
    assert not StagedUpload.objects.exists()
    assert not default_storage.exists(file_name)
    assert record_intake(intake_id=intake.pk).state == Intake.State.FAILED
    assert not Feedback.objects.exists()


def test_a_recorded_intake_holds_nothing_and_its_feedback_is_found(admin, pending):  # noqa: F811
    record_intake(intake_id=pending.pk)
    data = services.find_subject(user=admin, subject=Subject(email=EMAIL))
    assert data.intakes == []
    assert [item.pk for item in data.feedback] == [Feedback.objects.get().pk]


def test_retention_erases_what_could_not_be_recorded(settings, topics, pending):
    Topic.objects.filter(pk=topics["maintenance"].pk).update(state=Topic.State.ELSEWHERE)
    record_intake(intake_id=pending.pk)
    months = settings.PALAUTE_RETENTION_MONTHS
    soon = timezone.now() + dt.timedelta(days=30 * months - 5)
    assert services.erase_expired(now=soon).intakes == 0
    later = timezone.now() + dt.timedelta(days=31 * months + 5)
    assert services.erase_expired(now=later).intakes == 1
    intake = Intake.objects.get(pk=pending.pk)
    assert intake.payload == {}
    assert intake.last_error == "Säilytysaika päättyi."
