"""Every place of the back office (and of the technical admin) that shows a sender's contact
details, or the original title, text, place or attachments of feedback, writes the look to
the access log before anything is sent; when the log cannot be written, nothing is shown."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection
from django.urls import reverse
from django.utils import timezone

from palaute.feedback import services as feedback_services
from palaute.feedback.models import Attachment, Event
from palaute.improvements import services as improvements
from palaute.organizations.models import Membership
from palaute.privacy.models import AccessLog
from palaute.surveys.models import CollectionPoint
from palaute.surveys.services import (
    Answers,
    create_collection_point,
    load_national_questionnaires,
    submit_survey,
)
from tests.factories import UserFactory
from tests.media import png

pytestmark = pytest.mark.django_db

Kind = AccessLog.Kind
Role = Membership.Role
ADDRESS = "10.20.30.40"


def url(name: str, feedback, **kwargs) -> str:
    return reverse(f"backoffice:{name}", kwargs={"reference": feedback.reference, **kwargs})


def logged(**filters) -> list[AccessLog]:
    return list(AccessLog.objects.filter(**filters).order_by("id"))


def references_by_unit(kind: str) -> dict[str, set[str]]:
    return {
        row.organization.code: set(row.reference_list)
        for row in AccessLog.objects.filter(kind=kind).select_related("organization")
    }


@pytest.fixture
def log_unavailable():
    """The access log's table refuses writes, as a failing database would."""

    def refuse(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT") and "privacy_accesslog" in sql:
            raise DatabaseError("the access log cannot be written")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse):
        yield


@pytest.fixture
def handler(member):
    return member(Role.HANDLER, "unit", username="kasittelija", first_name="Kaisa", last_name="K")


@pytest.fixture
def signed_in(client, handler):
    client.force_login(handler)
    return client


@pytest.fixture
def secret(feedback_in):
    return feedback_in(
        "child", title="Hoitaja Virtanen myöhästyi", text="Alkuperäinen teksti 010203-123A."
    )


# One feedback


def test_the_feedback_page_is_a_logged_look_at_the_original(signed_in, handler, secret, tree):
    page = signed_in.get(secret.get_staff_url(), REMOTE_ADDR=ADDRESS)
    assert "Alkuperäinen teksti 010203-123A." in page.content.decode()
    [row] = logged()
    assert row.kind == Kind.ORIGINAL
    assert (row.user, row.username, row.full_name) == (handler, "kasittelija", "Kaisa K")
    assert (row.feedback, row.reference, row.feedback_count) == (secret, secret.reference, 1)
    assert row.organization == tree["child"]
    assert row.client_address == ADDRESS
    signed_in.get(secret.get_staff_url())
    assert len(logged(kind=Kind.ORIGINAL)) == 2  # every look, not only the first


def test_the_feedback_page_is_not_shown_without_its_log_row(signed_in, secret, log_unavailable):
    with pytest.raises(DatabaseError):
        signed_in.get(secret.get_staff_url())


def test_the_client_address_behind_a_trusted_proxy_is_logged(signed_in, secret, settings):
    settings.PALAUTE_TRUSTED_PROXIES = 1
    signed_in.get(secret.get_staff_url(), HTTP_X_FORWARDED_FOR="198.51.100.7, 10.0.0.1")
    assert logged()[0].client_address == "10.0.0.1"


def test_a_refused_look_is_not_logged(client, member, secret):
    client.force_login(member(Role.HANDLER, "sibling"))
    assert client.get(secret.get_staff_url()).status_code == 404
    assert client.post(url("contact", secret)).status_code == 404
    assert not AccessLog.objects.exists()


def test_contact_details_are_a_logged_look_and_an_event(signed_in, handler, secret):
    page = signed_in.post(url("contact", secret), REMOTE_ADDR=ADDRESS).content.decode()
    assert "anna@example.fi" in page
    [contact] = logged(kind=Kind.CONTACT)
    assert (contact.feedback, contact.user, contact.client_address) == (secret, handler, ADDRESS)
    assert logged(kind=Kind.ORIGINAL)  # the page around them shows the original text too
    assert secret.events.filter(kind=Event.Kind.CONTACT_VIEWED, actor=handler).count() == 1


def test_contact_details_are_not_shown_without_their_log_row(signed_in, secret, log_unavailable):
    with pytest.raises(DatabaseError):
        signed_in.post(url("contact", secret))
    assert not secret.events.filter(kind=Event.Kind.CONTACT_VIEWED).exists()


@pytest.fixture
def attachment(secret):
    item = Attachment(
        feedback=secret, original_name="kuva.png", content_type="image/png", size=1, sha256="0"
    )
    item.file.save("kuva.png", ContentFile(png()))
    return item


def test_an_attachment_is_a_logged_look(signed_in, secret, attachment):
    response = signed_in.get(url("attachment", secret, pk=attachment.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == attachment.file.open("rb").read()
    [row] = logged(kind=Kind.ATTACHMENT)
    assert row.feedback == secret
    assert row.purpose == f"{secret.reference}-{attachment.pk}.png"


def test_an_attachment_is_not_sent_without_its_log_row(
    signed_in, secret, attachment, log_unavailable
):
    with pytest.raises(DatabaseError):
        signed_in.get(url("attachment", secret, pk=attachment.pk))


# Lists of original titles


def test_the_queue_logs_the_references_it_showed_per_unit(signed_in, feedback_in, secret):
    other = feedback_in("unit", title="Toinen otsikko")
    page = signed_in.get(reverse("backoffice:queue"), REMOTE_ADDR=ADDRESS).content.decode()
    assert "Hoitaja Virtanen myöhästyi" in page
    assert "Toinen otsikko" in page
    assert references_by_unit(Kind.LIST) == {
        "child": {secret.reference},
        "unit": {other.reference},
    }
    assert {row.client_address for row in logged()} == {ADDRESS}


def test_a_queue_search_is_logged_with_its_terms(signed_in, secret):
    signed_in.get(reverse("backoffice:queue"), {"q": "Virtanen"})
    [row] = logged(kind=Kind.LIST)
    assert row.reference_list == [secret.reference]
    assert row.purpose == "Haku: Virtanen"


def test_an_empty_queue_logs_nothing(signed_in, secret):
    signed_in.get(reverse("backoffice:queue"), {"status": "closed"})
    assert not AccessLog.objects.exists()


def test_critical_notices_at_the_top_of_the_queue_are_logged(client, member, secret, handler):
    supervisor = member(Role.SUPERVISOR, "unit")
    feedback_services.set_critical(feedback=secret, critical=True, actor=handler, reason="Vaara")
    client.force_login(supervisor)
    page = client.get(reverse("backoffice:queue"), {"status": "closed"}).content.decode()
    assert "Hoitaja Virtanen myöhästyi" in page  # in the notices, though not in the list
    assert references_by_unit(Kind.LIST) == {"child": {secret.reference}}


def test_the_queue_is_not_shown_without_its_log_rows(signed_in, secret, log_unavailable):
    with pytest.raises(DatabaseError):
        signed_in.get(reverse("backoffice:queue"))


@pytest.fixture
def supervisor(member):
    return member(Role.SUPERVISOR, "unit")


@pytest.fixture
def meeting(supervisor, feedback_in, secret, tree):
    """A meeting of the unit on today's feedback (the secret one); an older feedback is a
    candidate to add."""
    older = feedback_in(
        "unit", title="Vanha otsikko", received_at=timezone.now() - dt.timedelta(days=10)
    )
    today = timezone.localdate()
    made = improvements.create_meeting(
        organization=tree["unit"],
        title="Palaveri",
        held_on=today,
        period_start=today - dt.timedelta(days=1),
        actor=supervisor,
    )
    return made, older


def test_a_meeting_agenda_logs_its_items_and_candidates(client, supervisor, meeting, secret):
    made, older = meeting
    client.force_login(supervisor)
    page = client.get(made.get_absolute_url()).content.decode()
    assert "Alkuperäinen teksti 010203-123A." in page  # an excerpt on the agenda
    assert "Vanha otsikko" in page  # a candidate to add
    assert references_by_unit(Kind.LIST) == {
        "child": {secret.reference},
        "unit": {older.reference},
    }


def test_a_meeting_agenda_is_not_shown_without_its_log_rows(
    client, supervisor, meeting, log_unavailable
):
    client.force_login(supervisor)
    with pytest.raises(DatabaseError):
        client.get(meeting[0].get_absolute_url())


@pytest.fixture
def action(supervisor, secret, tree):
    return improvements.create_action(
        organization=tree["unit"],
        title="Parannus",
        description="Kuvaus",
        owner=supervisor,
        actor=supervisor,
        feedback=[secret],
    )


def test_a_development_action_logs_its_linked_feedback(client, supervisor, action, secret):
    client.force_login(supervisor)
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Hoitaja Virtanen myöhästyi" in page
    [row] = logged(kind=Kind.LIST)
    assert row.reference_list == [secret.reference]


def test_a_development_action_is_not_shown_without_its_log_row(
    client, supervisor, action, log_unavailable
):
    client.force_login(supervisor)
    with pytest.raises(DatabaseError):
        client.get(action.get_absolute_url())


def test_drafting_an_action_from_a_feedback_logs_its_title(client, supervisor, secret):
    client.force_login(supervisor)
    page = client.get(reverse("backoffice:action-create"), {"feedback": secret.reference})
    assert "Hoitaja Virtanen myöhästyi" in page.content.decode()
    [row] = logged(kind=Kind.LIST)
    assert row.reference_list == [secret.reference]


# Exports


def today_params(**extra) -> dict:
    today = timezone.localdate().isoformat()
    return {"organization": "unit", "start": today, "end": today, **extra}


def streamed(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")


def received_before_failure(response) -> bytes:
    """What a streamed download delivered before the access log refused a write, which it
    must: a download that finishes without its looks logged fails the test."""
    received = b""
    chunks = iter(response.streaming_content)
    while True:
        try:
            chunk = next(chunks)
        except DatabaseError:
            return received
        except StopIteration:
            pytest.fail("the download finished although its looks were not logged")
        received += chunk


def test_a_feedback_export_logs_every_original_and_every_contact(signed_in, feedback_in, secret):
    without = feedback_in("unit", title="Ilman yhteystietoja", contact=None)
    response = signed_in.get(
        reverse("backoffice:export-feedback", kwargs={"fmt": "csv"}),
        today_params(contacts="on"),
        REMOTE_ADDR=ADDRESS,
    )
    rows = list(csv.reader(io.StringIO(streamed(response)), delimiter=";"))
    assert len(rows) == 3
    assert "Alkuperäinen teksti 010203-123A." in rows[1] + rows[2]
    assert references_by_unit(Kind.EXPORT_ORIGINAL) == {
        "child": {secret.reference},
        "unit": {without.reference},
    }
    assert references_by_unit(Kind.EXPORT_CONTACTS) == {"child": {secret.reference}}
    assert {row.purpose for row in logged()} == {"Viety tiedostoon"}
    assert {row.client_address for row in logged()} == {ADDRESS}


def test_an_xlsx_export_is_logged_too(signed_in, secret):
    response = signed_in.get(
        reverse("backoffice:export-feedback", kwargs={"fmt": "xlsx"}), today_params()
    )
    assert response.status_code == 200
    assert references_by_unit(Kind.EXPORT_ORIGINAL) == {"child": {secret.reference}}
    assert not logged(kind=Kind.EXPORT_CONTACTS)  # not asked for


def test_a_feedback_export_writes_no_row_it_could_not_log(signed_in, secret, log_unavailable):
    response = signed_in.get(
        reverse("backoffice:export-feedback", kwargs={"fmt": "csv"}), today_params()
    )
    received = received_before_failure(response)
    assert "Alkuperäinen".encode() not in received
    assert secret.reference.encode() not in received


@pytest.fixture
def survey_answers(tree, tree_topics, supervisor):
    """Two answers to the unit's questionnaire, one with an open text."""
    adult = {q.code: q for q in load_national_questionnaires()}["kansallinen-aikuiset"]
    point = create_collection_point(
        organization=tree["unit"],
        channel=CollectionPoint.Channel.WEB,
        questionnaire=adult,
        topic=tree_topics["unit"],
        name="Kysely",
        actor=UserFactory(is_superuser=True),
    )

    def answer(text: str):
        return submit_survey(
            point=point,
            version=point.questionnaire.current_version(),
            answers=Answers(nps=9, open_text=text),
        ).feedback

    return answer("Lääkäri Mäkinen oli ystävällinen."), answer("")


def test_an_answers_export_logs_the_open_texts(signed_in, survey_answers):
    with_text, without_text = survey_answers
    response = signed_in.get(
        reverse("backoffice:export-answers", kwargs={"fmt": "csv"}), today_params()
    )
    content = streamed(response)
    assert "Lääkäri Mäkinen oli ystävällinen." in content
    assert without_text.reference in content  # a row, but no text to log
    assert references_by_unit(Kind.EXPORT_ORIGINAL) == {"unit": {with_text.reference}}


def test_an_answers_export_writes_no_text_it_could_not_log(
    signed_in, survey_answers, log_unavailable
):
    response = signed_in.get(
        reverse("backoffice:export-answers", kwargs={"fmt": "csv"}), today_params()
    )
    assert "Mäkinen".encode() not in received_before_failure(response)


# The technical admin


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(username="tekninen", is_superuser=True, is_staff=True))
    return client


def test_the_admin_page_of_a_feedback_is_a_logged_look(superuser_client, secret):
    page = superuser_client.get(f"/admin/feedback/feedback/{secret.pk}/change/")
    assert "Alkuperäinen teksti 010203-123A." in page.content.decode()
    [row] = logged()
    assert (row.kind, row.feedback, row.username) == (Kind.ORIGINAL, secret, "tekninen")
    assert row.purpose == "Tekninen ylläpito"


def test_the_admin_page_of_a_feedback_is_not_shown_without_its_log_row(
    superuser_client, secret, log_unavailable
):
    with pytest.raises(DatabaseError):
        superuser_client.get(f"/admin/feedback/feedback/{secret.pk}/change/")


def test_the_admin_shows_meetings_and_actions_by_reference_only(
    superuser_client, meeting, action, secret
):
    for address in (
        f"/admin/improvements/unitmeeting/{meeting[0].pk}/change/",
        f"/admin/improvements/developmentaction/{action.pk}/change/",
    ):
        page = superuser_client.get(address).content.decode()
        assert secret.reference in page
        assert "Hoitaja Virtanen" not in page
    listing = superuser_client.get("/admin/feedback/feedback/").content.decode()
    assert secret.reference in listing
    assert not AccessLog.objects.exists()
