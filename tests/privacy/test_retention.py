"""Retention on a frozen clock: contact details, attachments and the original text go a
retention period after closing, per organisation (inherited down the tree); reopened
feedback stays; public texts and statistics stay."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from palaute.feedback.models import Attachment, Contact, Event, Feedback, TopicAttribute
from palaute.feedback.services import (
    add_answer,
    change_status,
    edit_public_text,
    release_for_publication,
    remove_feedback,
    stage_upload,
)
from palaute.notifications.models import OutgoingMessage
from palaute.privacy import selectors, services, tasks
from palaute.privacy.access_log import months_before
from palaute.reports.selectors import report_figures
from tests.factories import UserFactory
from tests.media import png

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
MARK = "[poistettu]"


def local(year, month, day, hour=12):
    return dt.datetime(year, month, day, hour, tzinfo=HELSINKI)


@pytest.fixture
def handler():
    return UserFactory(username="kasittelija")


@pytest.fixture
def closed(make_feedback, secret_contact, handler):
    """Feedback received and closed on a given day, with contact details and a picture."""

    def make(day: dt.datetime, *, status=Feedback.Status.CLOSED, **kwargs):
        with time_machine.travel(day - dt.timedelta(days=2), tick=False):
            upload = stage_upload(
                uploaded=SimpleUploadedFile("kuva.png", png(), content_type="image/png")
            )
            kwargs.setdefault("contact", secret_contact)
            feedback = make_feedback(uploads=[upload], **kwargs).feedback
        with time_machine.travel(day, tick=False):
            if status == Feedback.Status.REMOVED:
                remove_feedback(feedback=feedback, actor=handler, reason="Asiaton")
            else:
                add_answer(feedback=feedback, text="Korjattu, kiitos.", author=handler)
                change_status(feedback=feedback, status=status, actor=handler)
        feedback.refresh_from_db()
        return feedback

    return make


@pytest.fixture
def erase_on(django_capture_on_commit_callbacks):
    """Run the retention job on a day; the files go after the commit."""

    def run(day: dt.datetime) -> services.Erased:
        with (
            time_machine.travel(day, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            return services.erase_expired()

    return run


def test_personal_data_goes_the_day_after_the_period_not_the_day_before(closed, erase_on):
    feedback = closed(local(2025, 3, 10))
    assert feedback.closed_at == local(2025, 3, 10)
    file_name = feedback.attachments.get().file.name
    assert default_storage.exists(file_name)

    assert erase_on(local(2027, 3, 9)).feedback == 0
    feedback.refresh_from_db()
    assert feedback.personal_data_erased_at is None
    assert Contact.objects.filter(feedback=feedback).exists()

    assert erase_on(local(2027, 3, 11)).feedback == 1
    feedback.refresh_from_db()
    assert feedback.personal_data_erased_at == local(2027, 3, 11)
    assert feedback.erasure == Feedback.Erasure.RETENTION
    assert not Contact.objects.filter(feedback=feedback).exists()
    assert not Attachment.objects.filter(feedback=feedback).exists()
    assert not default_storage.exists(file_name)
    event = feedback.events.get(kind=Event.Kind.ERASED)
    assert event.actor is None
    assert event.data["contacts"] == 1
    assert event.data["attachments"] == 1
    # The answer and the handling stay.
    assert feedback.answers.count() == 1
    assert feedback.status == Feedback.Status.CLOSED


def test_an_organisations_own_period_and_inheritance(closed, city, topics, erase_on):
    city["health"].retention_months = 6
    city["health"].save(update_fields=["retention_months"])
    periods = selectors.retention_months()
    assert periods[city["clinic"].pk] == 6  # inherited from the health area
    assert periods[city["streets"].pk] == settings.PALAUTE_RETENTION_MONTHS == 24
    clinic = closed(local(2025, 1, 15), topic=topics["clinic"])
    street = closed(local(2025, 1, 15))

    erase_on(local(2025, 7, 14))
    clinic.refresh_from_db()
    assert clinic.personal_data_erased_at is None
    erase_on(local(2025, 7, 16))
    clinic.refresh_from_db()
    street.refresh_from_db()
    assert clinic.personal_data_erased_at is not None
    assert street.personal_data_erased_at is None

    # The top's own setting, then the environment's default when nothing is set.
    city["root"].retention_months = 12
    city["root"].save(update_fields=["retention_months"])
    erase_on(local(2026, 1, 16))
    street.refresh_from_db()
    assert street.personal_data_erased_at is not None
    city["root"].retention_months = None
    city["root"].save(update_fields=["retention_months"])
    with override_settings(PALAUTE_RETENTION_MONTHS=3):
        assert selectors.retention_months()[city["streets"].pk] == 3
        assert selectors.retention_months()[city["clinic"].pk] == 6


def test_a_reopened_feedback_is_not_erased(closed, handler, erase_on):
    feedback = closed(local(2024, 1, 10))
    with time_machine.travel(local(2025, 12, 1), tick=False):
        change_status(feedback=feedback, status=Feedback.Status.IN_PROCESSING, actor=handler)
    feedback.refresh_from_db()
    assert feedback.closed_at is None
    assert erase_on(local(2026, 6, 1)).feedback == 0
    with time_machine.travel(local(2026, 6, 2), tick=False):
        change_status(feedback=feedback, status=Feedback.Status.CLOSED, actor=handler)
    # The period counts from the new closing.
    assert erase_on(local(2028, 6, 1)).feedback == 0
    assert erase_on(local(2028, 6, 3)).feedback == 1


def test_a_removed_feedback_is_erased_and_its_public_texts_too(closed, erase_on):
    feedback = closed(local(2024, 2, 1), status=Feedback.Status.REMOVED)
    assert feedback.closed_at == local(2024, 2, 1)
    erase_on(local(2026, 2, 2))
    feedback.refresh_from_db()
    assert (feedback.title, feedback.text) == (MARK, MARK)
    assert (feedback.public_title, feedback.public_text, feedback.public_address) == (
        MARK,
        MARK,
        "",
    )
    assert feedback.publication_withdrawn
    assert feedback.status == Feedback.Status.REMOVED


def test_a_public_feedback_keeps_its_public_text_which_becomes_the_original(
    closed, client, handler, erase_on
):
    feedback = closed(
        local(2024, 5, 2),
        text="Katuvalo ei pala. Soita minulle 040 123 4567.",
        location=None,
    )
    with time_machine.travel(local(2024, 5, 3), tick=False):
        edit_public_text(
            feedback=feedback,
            actor=handler,
            title="Rikkinäinen katuvalo",
            text="Katuvalo ei pala. Soita minulle [poistettu].",
            address="Kauppakatu",
        )
        release_for_publication(feedback=feedback, actor=handler)
    feedback.refresh_from_db()
    assert feedback.is_published
    erase_on(local(2026, 5, 4))
    feedback.refresh_from_db()
    assert feedback.text == feedback.public_text == "Katuvalo ei pala. Soita minulle [poistettu]."
    assert feedback.address == feedback.public_address == "Kauppakatu"
    assert feedback.is_published
    assert not feedback.publication_withdrawn
    page = client.get(feedback.get_absolute_url())
    assert page.status_code == 200
    assert "Soita minulle [poistettu]." in page.content.decode()
    assert "040 123 4567" not in page.content.decode()


def test_a_feedback_that_is_not_public_loses_its_public_texts(closed, erase_on):
    feedback = closed(local(2024, 5, 2), publish_consent=False)
    erase_on(local(2026, 5, 4))
    feedback.refresh_from_db()
    assert (feedback.text, feedback.public_text) == (MARK, MARK)
    assert feedback.publication_state == Feedback.PublicationState.PRIVATE
    assert feedback.publication_reason == Feedback.PublicationReason.ERASED


def test_a_held_feedback_is_never_published_after_erasure(closed, handler, erase_on):
    """The check's findings go with the original text; the hold must not turn into
    publication of the removal mark."""
    feedback = closed(local(2024, 5, 2), text="Henkilötunnukseni on 131052-308T.")
    assert feedback.publication_state == Feedback.PublicationState.HELD
    erase_on(local(2026, 5, 4))
    feedback.refresh_from_db()
    assert feedback.sensitive_findings == []
    assert feedback.publication_state == Feedback.PublicationState.PRIVATE
    assert "131052-308T" not in f"{feedback.text} {feedback.public_text}"


def test_messages_to_the_sender_are_cleared(closed, erase_on):
    feedback = closed(local(2024, 5, 2))
    messages = OutgoingMessage.objects.filter(feedback=feedback, user__isnull=True)
    assert {message.recipient for message in messages} == {"sanna.salainen@example.fi"}
    erase_on(local(2026, 5, 4))
    assert {(m.recipient, m.body, m.recipient_digest) for m in messages.all()} == {("", "", "")}
    assert not messages.filter(status=OutgoingMessage.Status.PENDING).exists()


def test_the_report_figures_stay(closed, city, topics, erase_on):
    closed(local(2024, 3, 5))
    closed(local(2024, 3, 6), topic=topics["clinic"], contact_requested=True)
    closed(local(2024, 3, 7), status=Feedback.Status.REMOVED)
    closed(local(2024, 3, 8), publish_consent=False)
    now = local(2026, 4, 1)

    def figures():
        with time_machine.travel(now, tick=False):
            report = report_figures(
                organization=city["root"], start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 31)
            )
        # The themes are words of the texts, which are gone; everything else is counted.
        return {key: value for key, value in report.items() if key not in ("themes",)}

    before = figures()
    assert before["volumes"]["total"] == 3
    assert erase_on(now).feedback == 4
    assert figures() == before


def test_the_job_is_idempotent_batched_and_logs_counts(closed, caplog):
    for day in (1, 2, 3):
        closed(local(2024, 1, day))
    with (
        caplog.at_level(logging.INFO, logger="palaute.privacy.services"),
        time_machine.travel(local(2026, 2, 1), tick=False),
    ):
        assert services.erase_expired(batch_size=2).feedback == 3
        events = Event.objects.filter(kind=Event.Kind.ERASED).count()
        assert services.erase_expired(batch_size=2).feedback == 0
    assert Event.objects.filter(kind=Event.Kind.ERASED).count() == events == 3
    assert "personal data erased from 3 feedback (3 contact details, 3 attachments" in caplog.text


def test_the_daily_task_is_scheduled_and_runs(closed):
    schedule = settings.CELERY_BEAT_SCHEDULE["erase-expired-personal-data"]
    assert schedule["task"] == tasks.erase_expired.name == "palaute.privacy.tasks.erase_expired"
    closed(local(2024, 1, 1))
    with time_machine.travel(local(2026, 2, 1), tick=False):
        result = tasks.erase_expired.delay().get()
    assert result["feedback"] == 1


def test_months_before_keeps_the_local_time_and_clamps_the_day():
    assert months_before(local(2026, 3, 31, 10), 1) == local(2026, 2, 28, 10)
    assert months_before(local(2026, 1, 15, 10), 24) == local(2024, 1, 15, 10)
    assert months_before(local(2026, 7, 1, 3), 6) == local(2026, 1, 1, 3)


def test_the_administrator_sets_a_units_retention_period(client, city):
    admin = UserFactory(username="paakayttaja")
    admin.memberships.create(organization=city["root"], role="admin")
    client.force_login(admin)
    clinic = city["clinic"]
    url = f"/staff/admin/organizations/{clinic.pk}/"
    page = client.get(url).content.decode()
    assert 'name="retention_months"' in page
    assert "Tyhjänä tässä: 24 kuukautta." in page
    values = {
        "code": clinic.code,
        "kind": clinic.kind,
        "name_fi": clinic.name_fi,
        "publication_policy": clinic.publication_policy,
        "moderation_mode": "inherit",
        "is_active": "on",
    }
    bad = client.post(url, {**values, "retention_months": "0"})
    assert bad.status_code == 400
    assert "Anna aika kuukausina väliltä 1–600" in bad.content.decode()
    assert client.post(url, {**values, "retention_months": "6"}).status_code == 302
    clinic.refresh_from_db()
    assert clinic.retention_months == 6
    assert selectors.retention_months()[clinic.pk] == 6


def test_the_feedback_page_tells_when_and_why_personal_data_was_erased(
    client, closed, erase_on, city
):
    feedback = closed(local(2024, 1, 2))
    erase_on(local(2026, 1, 3))
    admin = UserFactory(username="paakayttaja")
    admin.memberships.create(organization=city["root"], role="admin")
    client.force_login(admin)
    page = client.get(feedback.get_staff_url()).content.decode()
    assert "Henkilötiedot poistettu" in page
    assert "3.1.2026" in page
    assert "Säilytysaika päättyi" in page
    assert "julkinen teksti säilyy" in page


def test_free_text_answers_and_the_words_of_critical_rules_go(closed, topics, erase_on):
    topic = topics["maintenance"]
    TopicAttribute.objects.create(topic=topic, code="what", datatype="text", description_fi="Mitä?")
    TopicAttribute.objects.create(
        topic=topic, code="count", datatype="number", description_fi="Montako?"
    )
    feedback = closed(
        local(2024, 5, 2),
        text="Hoitaja löi äitiäni kasvoihin pihalla.",
        attributes={"what": ["Naapurini Matti Meikäläinen"], "count": ["3"]},
    )
    assert feedback.is_critical, "the default rules flag violence"
    matched = feedback.critical_rules[0]["matched"]
    assert matched in feedback.critical_reason
    assert feedback.attributes["what"] == "Naapurini Matti Meikäläinen"

    erase_on(local(2026, 5, 4))

    feedback.refresh_from_db()
    assert feedback.attributes == {"what": MARK, "count": 3}
    assert [item["matched"] for item in feedback.critical_rules] == [MARK]
    assert feedback.critical_rules[0]["rule_code"]
    assert matched not in feedback.critical_reason
    assert MARK in feedback.critical_reason
    notes = Event.objects.filter(feedback=feedback, kind=Event.Kind.CRITICAL).values_list(
        "note", flat=True
    )
    assert notes
    assert all(matched not in note for note in notes)
