"""The data subject's rights in the back office: find everything held about a person by
email or phone within one's subtree, export it as JSON, erase it; all of it logged."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from palaute.feedback.models import Attachment, Contact, Event, Feedback
from palaute.feedback.services import ContactInput, add_answer, change_status, stage_upload
from palaute.notifications.models import OutgoingMessage
from palaute.organizations.models import AuditEvent, Membership
from palaute.privacy import crypto
from palaute.reports.selectors import report_figures
from tests.factories import MembershipFactory, UserFactory
from tests.media import png

pytestmark = pytest.mark.django_db

SEARCH = "/staff/privacy/subject/"
EMAIL = "sanna.salainen@example.fi"


def user_with(role: str, organization, **fields):
    user = UserFactory(**fields)
    MembershipFactory(user=user, organization=organization, role=role)
    return user


@pytest.fixture
def admin(city):
    return user_with(Membership.Role.ADMIN, city["root"], username="paakayttaja")


@pytest.fixture
def officer(city):
    """The data-protection officer of the health area only."""
    return user_with(Membership.Role.PRIVACY_OFFICER, city["health"], username="tietosuoja")


@pytest.fixture
def held(make_feedback, secret_contact, topics, admin):
    """Sanna's public street feedback (with a picture and an answer), her private clinic
    feedback, and someone else's feedback."""
    upload = stage_upload(uploaded=SimpleUploadedFile("kuva.png", png(), content_type="image/png"))
    street = make_feedback(contact=secret_contact, uploads=[upload]).feedback
    add_answer(feedback=street, text="Korjaamme valon.", author=admin)
    clinic = make_feedback(
        topics["clinic"],
        title="Odotusaika",
        text="Jouduin odottamaan pitkään.",
        contact=ContactInput(email="SANNA.salainen@example.fi"),
    ).feedback
    change_status(feedback=clinic, status=Feedback.Status.CLOSED, actor=admin)
    other = make_feedback(
        contact=ContactInput(name="Toinen", email="toinen@example.fi", phone="0509998888")
    ).feedback
    for item in (street, clinic, other):
        item.refresh_from_db()
    return {"street": street, "clinic": clinic, "other": other}


def test_only_those_with_the_right_see_the_page_and_its_link(client, city, admin, officer):
    handler = user_with(Membership.Role.HANDLER, city["root"], username="kasittelija")
    assert client.get(SEARCH).status_code == 302
    client.force_login(handler)
    assert client.get(SEARCH).status_code == 403
    assert SEARCH not in client.get("/staff/").content.decode()
    for user in (admin, officer):
        client.force_login(user)
        page = client.get(SEARCH)
        assert page.status_code == 200
        assert f'href="{SEARCH}"' in page.content.decode()


def test_search_by_email_finds_everything_within_the_subtree_and_is_logged(
    client, admin, officer, held
):
    client.force_login(admin)
    page = client.post(SEARCH, {"email": " Sanna.Salainen@EXAMPLE.fi "})
    html = page.content.decode()
    assert page.status_code == 200
    for found in ("street", "clinic"):
        assert held[found].reference in html
    assert held["other"].reference not in html
    assert "Salainen Sanna" in html and "+358401234567" in html
    assert "kuva.png" in html
    assert EMAIL in html  # the receipts sent to her
    audit = AuditEvent.objects.get(action="subject.search")
    assert audit.actor == admin
    assert audit.data["digests"] == {"email": crypto.email_digest(EMAIL)}
    assert EMAIL not in json.dumps(audit.data)
    assert sorted(audit.data["references"]) == sorted(
        [held["street"].reference, held["clinic"].reference]
    )
    assert Event.objects.filter(kind=Event.Kind.SUBJECT_FOUND, actor=admin).count() == 2

    # The data-protection officer of the health area sees the clinic feedback only.
    client.force_login(officer)
    html = client.post(SEARCH, {"email": EMAIL}).content.decode()
    assert held["clinic"].reference in html
    assert held["street"].reference not in html


def test_search_by_phone_in_any_notation(client, admin, held):
    client.force_login(admin)
    html = client.post(SEARCH, {"phone": "040 123 4567"}).content.decode()
    assert held["street"].reference in html
    assert held["clinic"].reference not in html


def test_bad_input_gets_a_clear_error(client, admin, held):
    client.force_login(admin)
    empty = client.post(SEARCH, {"email": "", "phone": ""})
    assert empty.status_code == 400
    assert "Anna sähköpostiosoite tai puhelinnumero." in empty.content.decode()
    bad = client.post(SEARCH, {"email": "ei-osoite", "phone": "12"})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert 'aria-invalid="true"' in html
    assert "Anna kelvollinen puhelinnumero." in html
    assert not AuditEvent.objects.filter(action="subject.search").exists()


def test_nothing_found_says_so(client, admin, held):
    client.force_login(admin)
    html = client.post(SEARCH, {"email": "ei.ketaan@example.fi"}).content.decode()
    assert "Näillä tiedoilla ei löytynyt mitään" in html
    assert "Poista henkilötiedot" not in html


def test_export_is_a_json_download_of_everything_held(client, admin, held):
    client.force_login(admin)
    response = client.post(f"{SEARCH}export/", {"email": EMAIL})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    document = json.loads(response.content)
    by_reference = {item["reference"]: item for item in document["feedback"]}
    street = by_reference[held["street"].reference]
    assert street["original"]["text"] == "Katuvalo ei pala Kauppakadulla."
    assert street["public"]["title"] == "Rikkinäinen katuvalo"
    assert street["contact"] == {"name": "Salainen Sanna", "email": EMAIL, "phone": "+358401234567"}
    assert street["attachments"][0]["name"] == "kuva.png"
    assert street["attachments"][0]["size"] > 0
    assert street["answers"][0]["text"] == "Korjaamme valon."
    assert street["topic"]["code"] == "maintenance"
    assert street["unit"]["code"] == "streets"
    assert by_reference[held["clinic"].reference]["status"] == "closed"
    assert {message["kind"] for message in document["messages"]} >= {"receipt", "answer"}
    assert all(message["recipient"].lower() == EMAIL for message in document["messages"])
    assert AuditEvent.objects.filter(action="subject.export", actor=admin).exists()
    assert Event.objects.filter(kind=Event.Kind.SUBJECT_EXPORTED).count() == 2


def test_erasure_asks_for_a_reason_and_a_confirmation(client, admin, held):
    client.force_login(admin)
    response = client.post(f"{SEARCH}erase/", {"erase-email": EMAIL, "erase-reason": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vahvista poisto ensin." in html
    assert "Tämä kenttä vaaditaan." in html
    assert Contact.objects.count() == 3
    assert not Feedback.objects.filter(personal_data_erased_at__isnull=False).exists()


def test_erasure_deletes_personal_data_and_keeps_records_and_figures(
    client, admin, held, city, django_capture_on_commit_callbacks
):
    street = held["street"]
    assert street.is_published
    file_name = street.attachments.get().file.name
    today = timezone.localdate()

    def figures():
        report = report_figures(
            organization=city["root"],
            start=today - dt.timedelta(days=1),
            end=today,
            now=timezone.now(),
        )
        return {
            key: value for key, value in report.items() if key not in ("themes", "generated_at")
        }

    before = figures()
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{SEARCH}erase/",
            {"erase-email": EMAIL, "erase-reason": "Pyyntö TS-2026-14", "erase-confirm": "on"},
        )
    assert response.status_code == 302
    message = str(next(iter(response.wsgi_request._messages)))
    assert "2 palautteen henkilötiedot" in message

    for key in ("street", "clinic"):
        item = Feedback.objects.get(pk=held[key].pk)
        assert item.personal_data_erased_at is not None
        assert item.erasure == Feedback.Erasure.REQUEST
        assert item.erasure_reason == "Pyyntö TS-2026-14"
        assert (item.title, item.text, item.address) == ("[poistettu]", "[poistettu]", "")
        assert not item.is_published
        assert item.publication_reason == Feedback.PublicationReason.ERASED
        event = item.events.get(kind=Event.Kind.ERASED)
        assert (event.actor, event.note) == (admin, "Pyyntö TS-2026-14")
    street = Feedback.objects.get(pk=street.pk)
    # It was public: its public texts stay in the record, but it is public no more.
    assert street.public_text == "Katuvalo ei pala Kauppakadulla."
    assert client.get(street.get_absolute_url()).status_code == 404
    clinic = Feedback.objects.get(pk=held["clinic"].pk)
    assert clinic.public_text == "[poistettu]"
    assert clinic.status == Feedback.Status.CLOSED
    assert not Contact.objects.filter(feedback__in=[street, clinic]).exists()
    assert not Attachment.objects.filter(feedback=street).exists()
    assert not default_storage.exists(file_name)
    assert street.answers.count() == 1  # the feedback's handling stays
    sent = OutgoingMessage.objects.filter(feedback__in=[street, clinic])
    assert sent.exists()
    assert {(m.recipient, m.body) for m in sent} == {("", "")}
    assert not OutgoingMessage.objects.to(EMAIL).exists()
    # Someone else's data is untouched.
    other = Contact.objects.get(feedback=held["other"])
    assert other.email == "toinen@example.fi"
    assert OutgoingMessage.objects.to("toinen@example.fi").get().body

    audit = AuditEvent.objects.get(action="subject.erase")
    assert audit.data["reason"] == "Pyyntö TS-2026-14"
    assert audit.data["feedback"] == 2
    assert figures() == before

    # The feedback page shows when and why.
    page = client.get(street.get_staff_url()).content.decode()
    assert "Henkilötiedot poistettu" in page
    assert "Rekisteröidyn pyynnöstä" in page
    assert "Pyyntö TS-2026-14" in page


def test_the_officer_erases_only_within_the_subtree(client, officer, held):
    client.force_login(officer)
    client.post(
        f"{SEARCH}erase/",
        {"erase-email": EMAIL, "erase-reason": "Pyyntö 7", "erase-confirm": "on"},
    )
    assert Feedback.objects.get(pk=held["clinic"].pk).personal_data_erased_at is not None
    assert Feedback.objects.get(pk=held["street"].pk).personal_data_erased_at is None
    assert Contact.objects.filter(feedback=held["street"]).exists()
