"""Text messages: invitations (a personal link or the two-way questionnaire), the lenient
reading of replies, opt-outs, the gateway backends (a fake Twilio server started here),
the outbox and the inbound webhook with its signature or shared secret."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from palaute.feedback.models import Channel, Contact, Event, Feedback
from palaute.notifications import services as outbox
from palaute.notifications import sms
from palaute.notifications.models import OutgoingMessage
from palaute.organizations.models import AuditEvent
from palaute.surveys import national
from palaute.surveys.models import (
    CollectionPoint,
    SmsInvitation,
    SmsOptOut,
    SurveyAnswer,
    SurveyResponse,
)
from palaute.surveys.services import (
    COMMENT_WAIT,
    CONVERSATION_LIFETIME,
    INVITATION_INTERVAL,
    add_opt_out,
    finish_waiting_conversations,
    invite_by_sms,
    is_opted_out,
    normalize_phone,
    parse_score,
    phone_hash,
    receive_sms,
    remove_opt_out,
    update_collection_point,
)

pytestmark = pytest.mark.django_db

NUMBER = "+358401234567"
# Every way the number could be written down somewhere.
NUMBER_FORMS = ("+358401234567", "358401234567", "0401234567", "401234567", "040 123 4567")
OTHER = "+358501234567"
SECRET = "inbound-secret-4f1c"
SID = "AC00000000000000000000000000000001"
TOKEN = "twilio-auth-token-9b2e"
CONVERSATION = SmsInvitation.Kind.CONVERSATION
LINK = SmsInvitation.Kind.LINK


def texts(name: str, language: str = "fi", **values) -> str:
    index = {"fi": 0, "sv": 1, "en": 2}[language]
    return national.SMS_TEXTS[name][index].format(**values)


def sms_to(number: str = NUMBER):
    return (
        OutgoingMessage.objects.to(number).filter(medium=OutgoingMessage.Medium.SMS).order_by("id")
    )


def last_sms(number: str = NUMBER) -> OutgoingMessage:
    return sms_to(number).last()


@pytest.fixture
def shared_secret(settings):
    settings.PALAUTE_SMS_BACKEND = "console"
    settings.PALAUTE_SMS_INBOUND_SECRET = SECRET


@pytest.fixture
def post_sms(client, shared_secret):
    """A reply through the webhook, as a gateway with the shared secret posts it."""

    def post(body: str, sender: str = NUMBER):
        response = client.post(
            "/sms/inbound/", {"From": sender, "Body": body}, HTTP_X_PALAUTE_SECRET=SECRET
        )
        assert response.status_code == 200
        return response

    return post


def all_rows_text() -> str:
    """Every value of every row a survey answer or an invitation leaves behind."""
    rows = []
    for model in (Feedback, Contact, Event, SurveyResponse, SurveyAnswer, SmsInvitation):
        rows.extend(model.objects.values())
    return json.dumps(rows, default=str)


# Phone numbers


@pytest.mark.parametrize(
    "raw",
    ["+358401234567", "040 123 4567", "040-1234567", "00358401234567", " +358 40 123 45 67 "],
)
def test_finnish_numbers_are_normalised_to_e164(raw):
    assert normalize_phone(raw) == NUMBER


def test_foreign_numbers_keep_their_country():
    assert normalize_phone("+46 70 123 45 67") == "+46701234567"


@pytest.mark.parametrize("raw", ["", "abc", "123", "+358 40", "040 123 4567 8901 23"])
def test_invalid_numbers_are_refused(raw):
    with pytest.raises(ValidationError) as error:
        normalize_phone(raw)
    assert "phone" in error.value.message_dict


def test_the_phone_hash_is_keyed_and_stable(settings):
    hashed = phone_hash(NUMBER)
    assert len(hashed) == 64
    assert int(hashed, 16) >= 0
    assert hashed == phone_hash(NUMBER)
    assert hashed != phone_hash(OTHER)
    assert hashed != hashlib.sha256(NUMBER.encode()).hexdigest()  # not a plain hash
    expected = hmac.new(
        settings.PALAUTE_PHONE_HASH_KEY.encode(), NUMBER.encode(), hashlib.sha256
    ).hexdigest()
    assert hashed == expected
    settings.PALAUTE_PHONE_HASH_KEY = "another-key"
    assert phone_hash(NUMBER) != hashed


# Reading scores


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9", (9, "")),
        ("0", (0, "")),
        ("10", (10, "")),
        ("09", (9, "")),
        ("9/10", (9, "")),
        ("9 / 10", (9, "")),
        ("10/10!", (10, "")),
        ("9.", (9, "")),
        (" yhdeksän ", (9, "")),
        ("Yhdeksän", (9, "")),
        ("KYMMENEN!", (10, "")),
        ("nolla", (0, "")),
        ("9 hyvä palvelu", (9, "hyvä palvelu")),
        ("9/10 Hyvä palvelu", (9, "Hyvä palvelu")),
        ("8, jonotus kesti", (8, "jonotus kesti")),
        ("7\nHoitaja oli kiireinen", (7, "Hoitaja oli kiireinen")),
        ("Kahdeksan, Hoitaja oli Upea", (8, "Hoitaja oli Upea")),
        ("yhdeksän\nHyvä palvelu", (9, "Hyvä palvelu")),
        ("nio", (9, "")),
        ("Tio", (10, "")),
        ("ett", (1, "")),
        ("åtta", (8, "")),
        ("noll", (0, "")),
        ("nine", (9, "")),
        ("Ten.", (10, "")),
        ("zero", (0, "")),
        ("three, it took long", (3, "it took long")),
    ],
)
def test_scores_are_read_leniently(text, expected):
    assert parse_score(text) == expected


@pytest.mark.parametrize(
    "text",
    ["11", "100", "-1", "abc", "", "   ", "hyvä palvelu", "9hyvä", "yksitoista", "en osaa sanoa"],
)
def test_what_is_not_a_score_is_not_read_as_one(text):
    assert parse_score(text) is None


# Invitations


def test_a_link_invitation_queues_a_text_with_the_personal_link(points, handler, client):
    point = points["sms"]
    invitation = invite_by_sms(point=point, phone="040 123 4567", kind=LINK, actor=handler)
    assert invitation.kind == LINK
    assert invitation.state == SmsInvitation.State.SENT
    assert invitation.sent_by == handler
    assert invitation.phone_hash == phone_hash(NUMBER)
    url = f"http://testserver/s/{invitation.token}/"
    message = OutgoingMessage.objects.get()
    assert (message.medium, message.kind, message.recipient) == (
        OutgoingMessage.Medium.SMS,
        OutgoingMessage.Kind.SURVEY,
        NUMBER,
    )
    assert url in message.body
    assert message.body == texts("invitation", unit="Keskustan terveysasema", url=url)
    assert message.feedback is None
    # The link leads to the unit's questionnaire, and the answer is counted as a text
    # message answer.
    followed = client.get(f"/s/{invitation.token}/")
    assert followed.status_code == 302
    assert followed["Location"] == f"/survey/{point.code}/"
    answered = client.post(followed["Location"], {"nps": "9"})
    assert answered.status_code == 302
    response = SurveyResponse.objects.get()
    assert (response.nps, response.channel, response.feedback.channel) == (9, "sms", "sms")
    assert response.feedback.organization == point.organization
    invitation.refresh_from_db()
    assert (invitation.state, invitation.response) == (SmsInvitation.State.DONE, response)
    assert client.get(f"/s/{invitation.token}/").status_code == 410  # answered once


def test_a_swedish_link_invitation_is_in_swedish_with_a_swedish_link(points):
    invitation = invite_by_sms(point=points["sms"], phone=NUMBER, kind=LINK, language="sv")
    url = f"http://testserver/sv/s/{invitation.token}/"
    assert OutgoingMessage.objects.get().body == texts(
        "invitation", "sv", unit="Centrums hälsostation", url=url
    )


def test_a_conversation_invitation_asks_the_recommendation_question(points):
    invite_by_sms(point=points["sms"], phone=NUMBER, kind=CONVERSATION, language="en")
    assert OutgoingMessage.objects.get().body == texts(
        "question", "en", unit="Central health centre"
    )


def test_one_invitation_per_number_in_30_days(points, handler):
    start = timezone.now()
    invite_by_sms(point=points["sms"], phone=NUMBER, kind=LINK, actor=handler, now=start)
    for phone, point, after in [
        ("040 123 4567", points["sms"], dt.timedelta(0)),
        ("+358 40 123 4567", points["web"], dt.timedelta(days=10)),
        ("0401234567", points["sms"], INVITATION_INTERVAL - dt.timedelta(minutes=1)),
    ]:
        with pytest.raises(ValidationError) as error:
            invite_by_sms(
                point=point, phone=phone, kind=CONVERSATION, actor=handler, now=start + after
            )
        assert error.value.error_dict["phone"][0].code == "too_soon"
    assert SmsInvitation.objects.count() == 1
    assert OutgoingMessage.objects.count() == 1
    # Another number is not held back, and after 30 days the first one may be asked again.
    invite_by_sms(point=points["sms"], phone=OTHER, kind=LINK, now=start)
    later = start + INVITATION_INTERVAL + dt.timedelta(seconds=1)
    again = invite_by_sms(point=points["sms"], phone=NUMBER, kind=LINK, now=later)
    assert again.sent_at == later
    assert SmsInvitation.objects.filter(phone_hash=phone_hash(NUMBER)).count() == 2
    assert sms_to(NUMBER).count() == 2


def test_no_invitations_to_numbers_that_opted_out(points, handler):
    opt_out = add_opt_out(phone="040 123 4567", actor=handler, reason="asked at the desk")
    assert opt_out.phone_hash == phone_hash(NUMBER)
    assert is_opted_out(phone=NUMBER)
    assert not is_opted_out(phone=OTHER)
    for kind in (LINK, CONVERSATION):
        with pytest.raises(ValidationError) as error:
            invite_by_sms(point=points["sms"], phone=NUMBER, kind=kind, actor=handler)
        assert error.value.error_dict["phone"][0].code == "opted_out"
    assert not SmsInvitation.objects.exists()
    assert not OutgoingMessage.objects.exists()
    # Adding twice keeps one mark; removing allows invitations again.
    assert add_opt_out(phone=NUMBER, actor=None).pk == opt_out.pk
    assert SmsOptOut.objects.count() == 1
    assert remove_opt_out(phone="0401234567", actor=handler) is True
    assert remove_opt_out(phone=NUMBER, actor=handler) is False
    assert not is_opted_out(phone=NUMBER)
    invite_by_sms(point=points["sms"], phone=NUMBER, kind=LINK, actor=handler)
    assert SmsInvitation.objects.count() == 1
    # The audit trail names only a piece of the hash, never the number.
    audits = list(AuditEvent.objects.filter(action__startswith="sms_opt_out").order_by("id"))
    assert [a.action for a in audits] == ["sms_opt_out.add", "sms_opt_out.remove"]
    assert all(a.target == phone_hash(NUMBER)[:12] for a in audits)
    assert SmsOptOut.objects.count() == 0


def test_an_invalid_number_gets_no_invitation(points):
    with pytest.raises(ValidationError):
        invite_by_sms(point=points["sms"], phone="12345", kind=LINK)
    assert not SmsInvitation.objects.exists()
    assert not OutgoingMessage.objects.exists()


def test_no_invitations_to_a_point_out_of_use(points, admin):
    update_collection_point(point=points["sms"], values={"is_active": False}, actor=admin)
    with pytest.raises(ValidationError) as error:
        invite_by_sms(point=points["sms"], phone=NUMBER, kind=CONVERSATION)
    assert error.value.code == "inactive"
    assert not SmsInvitation.objects.exists()
    assert not OutgoingMessage.objects.exists()


def test_the_number_is_stored_only_as_a_hash(points):
    invite_by_sms(point=points["sms"], phone="040 123 4567", kind=LINK)
    row = json.dumps(list(SmsInvitation.objects.values()), default=str)
    for form in NUMBER_FORMS:
        assert form not in row
    assert phone_hash(NUMBER) in row


# The two-way questionnaire


def test_a_full_conversation_through_the_webhook(
    points, county, handler, post_sms, settings, tmp_path
):
    point = points["sms"]
    invitation = invite_by_sms(point=point, phone="040 123 4567", kind=CONVERSATION, actor=handler)
    assert last_sms().body == texts("question", unit="Keskustan terveysasema")

    post_sms("9/10")
    invitation.refresh_from_db()
    assert (invitation.state, invitation.score) == (SmsInvitation.State.AWAITING_TEXT, 9)
    assert not Feedback.objects.exists()
    assert last_sms().body == texts("ask_text")

    post_sms("  Hoitaja oli ystävällinen ja asiantunteva.  ")
    feedback = Feedback.objects.get()
    assert feedback.organization == county["unit"]
    assert feedback.channel == Channel.SMS
    assert feedback.text == "Hoitaja oli ystävällinen ja asiantunteva."
    assert feedback.status == Feedback.Status.RECEIVED  # a comment to read
    assert not feedback.contact_requested
    assert feedback.publication_state == Feedback.PublicationState.PRIVATE
    response = SurveyResponse.objects.get()
    assert response.feedback == feedback
    assert response.nps == 9
    assert response.channel == CollectionPoint.Channel.SMS
    assert response.collection_point == point
    assert response.version == point.questionnaire.current_version()
    invitation.refresh_from_db()
    assert (invitation.state, invitation.response) == (SmsInvitation.State.DONE, response)
    assert last_sms().body == texts("thanks")
    assert [m.body for m in sms_to()] == [
        texts("question", unit="Keskustan terveysasema"),
        texts("ask_text"),
        texts("thanks"),
    ]

    # The number is nowhere with the answer.
    stored = all_rows_text()
    for form in NUMBER_FORMS:
        assert form not in stored
    assert not Contact.objects.exists()

    # Delivered through the file backend, the outbox forgets the number and the texts.
    settings.PALAUTE_SMS_BACKEND = "file"
    settings.PALAUTE_SMS_FILE_PATH = str(tmp_path)
    # The comment is news to the unit: its handlers get their email notice as well.
    staff_notices = OutgoingMessage.objects.filter(medium=OutgoingMessage.Medium.EMAIL).count()
    assert staff_notices == OutgoingMessage.objects.filter(kind="staff_new").count() >= 1
    assert outbox.deliver_due() == 3 + staff_notices
    files = sorted(tmp_path.iterdir())
    assert [json.loads(f.read_text())["to"] for f in files] == [NUMBER] * 3
    assert json.loads(files[-1].read_text())["body"] == texts("thanks")
    sent = list(
        OutgoingMessage.objects.filter(medium=OutgoingMessage.Medium.SMS).values(
            "status", "recipient", "body"
        )
    )
    assert sent == [{"status": "sent", "recipient": "", "body": ""}] * 3

    # Nothing more to talk about.
    post_sms("Vielä yksi asia")
    assert Feedback.objects.count() == 1
    assert sms_to().count() == 0


def test_a_score_with_a_comment_in_one_message_is_answered_at_once(points, post_sms):
    invitation = invite_by_sms(point=points["sms"], phone=NUMBER, kind=CONVERSATION)
    post_sms("7 jonotus kesti liian kauan")
    response = SurveyResponse.objects.get()
    assert response.nps == 7
    assert response.feedback.text == "jonotus kesti liian kauan"
    invitation.refresh_from_db()
    assert (invitation.state, invitation.score) == (SmsInvitation.State.DONE, 7)
    assert last_sms().body == texts("thanks")


def test_ei_after_the_score_means_no_comment_not_stop(points, post_sms):
    invitation = invite_by_sms(point=points["sms"], phone=NUMBER, kind=CONVERSATION)
    assert receive_sms(sender=NUMBER, body="kymmenen") == "score"
    assert receive_sms(sender="040 123 4567", body="Ei.") == "answered"
    response = SurveyResponse.objects.get()
    assert response.nps == 10
    assert response.feedback.text == ""
    assert response.feedback.status == Feedback.Status.CLOSED  # a score alone
    assert last_sms().body == texts("thanks_score_only")
    assert not is_opted_out(phone=NUMBER)
    invitation.refresh_from_db()
    assert invitation.state == SmsInvitation.State.DONE


def test_a_text_message_comment_goes_through_the_sensitive_data_check(points):
    invite_by_sms(point=points["sms"], phone=NUMBER, kind=CONVERSATION)
    receive_sms(sender=NUMBER, body="4")
    receive_sms(sender=NUMBER, body="Hetuni on 131052-308T, miksi sitä kysyttiin?")
    feedback = SurveyResponse.objects.get().feedback
    assert [f["kind"] for f in feedback.sensitive_findings] == ["hetu"]
    assert feedback.publication_state == Feedback.PublicationState.PRIVATE


@pytest.mark.parametrize("word", ["no thanks", "Nej tack", "ei kiitos!"])
def test_other_ways_to_say_no_comment(points, word):
    invite_by_sms(point=points["sms"], phone=NUMBER, kind=CONVERSATION)
    receive_sms(sender=NUMBER, body="5")
    assert receive_sms(sender=NUMBER, body=word) == "answered"
    assert SurveyResponse.objects.get().feedback.text == ""


def test_a_reply_that_is_not_a_score_is_asked_again(points):
    invitation = invite_by_sms(point=points["sms"], phone=NUMBER, kind=CONVERSATION, language="sv")
    assert receive_sms(sender=NUMBER, body="bra service") == "bad-score"
    assert receive_sms(sender=NUMBER, body="11") == "bad-score"
    invitation.refresh_from_db()
    assert invitation.state == SmsInvitation.State.SENT
    assert last_sms().body == texts("bad_score", "sv")
    assert not Feedback.objects.exists()
    assert receive_sms(sender=NUMBER, body="åtta") == "score"
    assert last_sms().body == texts("ask_text", "sv")
    assert receive_sms(sender=NUMBER, body="Snabb hjälp") == "answered"
    assert last_sms().body == texts("thanks", "sv")
    feedback = SurveyResponse.objects.get().feedback
    assert (feedback.language, feedback.text) == ("sv", "Snabb hjälp")


@pytest.mark.parametrize("word", ["STOP", "stop.", "Lopeta", "ei", "sluta!"])
def test_stop_words_opt_out_and_end_the_conversation(points, word):
    invitation = invite_by_sms(point=points["sms"], phone=NUMBER, kind=CONVERSATION)
    assert receive_sms(sender=NUMBER, body=word) == "opted-out"
    assert is_opted_out(phone=NUMBER)
    invitation.refresh_from_db()
    assert invitation.state == SmsInvitation.State.EXPIRED
    assert last_sms().body == texts("stopped")
    assert not Feedback.objects.exists()
    with pytest.raises(ValidationError):
        invite_by_sms(
            point=points["sms"],
            phone=NUMBER,
            kind=LINK,
            now=timezone.now() + INVITATION_INTERVAL * 2,
        )


def test_stop_while_a_comment_is_awaited_opts_out(points):
    invitation = invite_by_sms(point=points["sms"], phone=NUMBER, kind=CONVERSATION)
    receive_sms(sender=NUMBER, body="3")
    assert receive_sms(sender=NUMBER, body="STOP") == "opted-out"
    invitation.refresh_from_db()
    assert invitation.state == SmsInvitation.State.EXPIRED
    assert is_opted_out(phone=NUMBER)


def test_the_stop_confirmation_is_in_the_customers_language(points):
    invite_by_sms(point=points["sms"], phone=NUMBER, kind=CONVERSATION, language="sv")
    assert receive_sms(sender=NUMBER, body="STOP") == "opted-out"
    assert last_sms().body == texts("stopped", "sv")


def test_stop_from_a_number_never_invited_is_still_honoured(db):
    assert receive_sms(sender=NUMBER, body="stop") == "opted-out"
    assert is_opted_out(phone=NUMBER)
    assert last_sms().body == texts("stopped")


def test_replies_without_a_conversation_are_ignored(points):
    invite_by_sms(point=points["sms"], phone=NUMBER, kind=LINK)
    before = OutgoingMessage.objects.count()
    assert receive_sms(sender=NUMBER, body="9") == "no-conversation"
    assert receive_sms(sender=OTHER, body="9") == "no-conversation"
    assert receive_sms(sender="not a number", body="9") == "unknown-sender"
    assert receive_sms(sender="", body="9") == "unknown-sender"
    assert OutgoingMessage.objects.count() == before
    assert not Feedback.objects.exists()


def test_a_conversation_ends_after_a_week(points):
    sent = timezone.now() - CONVERSATION_LIFETIME - dt.timedelta(minutes=1)
    invite_by_sms(point=points["sms"], phone=NUMBER, kind=CONVERSATION, now=sent)
    assert receive_sms(sender=NUMBER, body="9") == "no-conversation"
    assert not Feedback.objects.exists()


def test_a_waiting_score_is_saved_without_comment_after_a_day(points):
    invitation = invite_by_sms(point=points["sms"], phone=NUMBER, kind=CONVERSATION)
    receive_sms(sender=NUMBER, body="6")
    assert finish_waiting_conversations() == 0  # still waiting
    later = timezone.now() + COMMENT_WAIT + dt.timedelta(minutes=1)
    assert finish_waiting_conversations(now=later) == 1
    response = SurveyResponse.objects.get()
    assert (response.nps, response.feedback.text, response.channel) == (6, "", "sms")
    assert response.feedback.status == Feedback.Status.CLOSED
    assert response.created_at == later
    invitation.refresh_from_db()
    assert invitation.state == SmsInvitation.State.DONE
    assert finish_waiting_conversations(now=later) == 0
    assert SurveyResponse.objects.count() == 1


def test_unanswered_questions_expire_after_a_week_but_links_stay_usable(points, client):
    sent = timezone.now() - dt.timedelta(days=8)
    question = invite_by_sms(point=points["sms"], phone=NUMBER, kind=CONVERSATION, now=sent)
    link = invite_by_sms(point=points["sms"], phone=OTHER, kind=LINK, now=sent)
    assert finish_waiting_conversations() == 0
    question.refresh_from_db()
    link.refresh_from_db()
    assert question.state == SmsInvitation.State.EXPIRED
    # The link is personal for 30 days.
    assert link.state == SmsInvitation.State.SENT
    assert client.get(f"/s/{link.token}/").status_code == 302


def test_a_waiting_conversation_of_a_point_taken_out_of_use_is_dropped(points, admin):
    invitation = invite_by_sms(point=points["sms"], phone=NUMBER, kind=CONVERSATION)
    other = invite_by_sms(point=points["sms"], phone=OTHER, kind=CONVERSATION)
    receive_sms(sender=NUMBER, body="4")
    receive_sms(sender=OTHER, body="8")
    update_collection_point(point=points["sms"], values={"is_active": False}, actor=admin)
    assert receive_sms(sender=NUMBER, body="Kommentti") == "no-conversation"
    later = timezone.now() + COMMENT_WAIT + dt.timedelta(minutes=1)
    assert finish_waiting_conversations(now=later) == 0
    invitation.refresh_from_db()
    other.refresh_from_db()
    assert invitation.state == other.state == SmsInvitation.State.EXPIRED
    assert not Feedback.objects.exists()


# Gateway backends


def test_console_backend_prints_the_message(settings, capsys):
    settings.PALAUTE_SMS_BACKEND = "console"
    assert sms.send(to=NUMBER, body="Hei!") == ""
    assert capsys.readouterr().out == f"SMS to {NUMBER}:\nHei!\n\n"


def test_file_backend_writes_each_message_to_its_own_file(settings, tmp_path):
    settings.PALAUTE_SMS_BACKEND = "file"
    settings.PALAUTE_SMS_FILE_PATH = str(tmp_path / "sms")
    names = [sms.send(to=NUMBER, body=f"Viesti {n} – ääkköset") for n in range(20)]
    assert len(set(names)) == 20
    files = list((tmp_path / "sms").iterdir())
    assert sorted(f.name for f in files) == sorted(names)
    contents = sorted(json.loads(f.read_text(encoding="utf-8"))["body"] for f in files)
    assert contents == sorted(f"Viesti {n} – ääkköset" for n in range(20))


class FakeTwilio:
    """Twilio's Messages endpoint on 127.0.0.1: records requests, answers as told."""

    def __init__(self):
        self.requests: list[dict] = []
        self.status = 201
        self.answer: dict = {"sid": "SM0123456789", "status": "queued"}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                fake.requests.append(
                    {
                        "path": self.path,
                        "headers": dict(self.headers),
                        "form": urllib.parse.parse_qs(self.rfile.read(length).decode()),
                    }
                )
                data = json.dumps(fake.answer).encode()
                self.send_response(fake.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.fixture
def twilio(settings, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    fake = FakeTwilio()
    settings.PALAUTE_SMS_BACKEND = "twilio"
    settings.TWILIO_API_URL = fake.url + "/"
    settings.TWILIO_ACCOUNT_SID = SID
    settings.TWILIO_AUTH_TOKEN = TOKEN
    settings.TWILIO_FROM = "+358451112222"
    settings.EMAIL_TIMEOUT = 5
    yield fake
    fake.close()


def test_twilio_backend_posts_to_the_messages_api(twilio):
    assert sms.send(to=NUMBER, body="Kiitos käynnistä: ääkköset & muut=merkit") == "SM0123456789"
    (request,) = twilio.requests
    assert request["path"] == f"/2010-04-01/Accounts/{SID}/Messages.json"
    expected = base64.b64encode(f"{SID}:{TOKEN}".encode()).decode()
    assert request["headers"]["Authorization"] == f"Basic {expected}"
    assert request["headers"]["Content-Type"] == "application/x-www-form-urlencoded"
    assert request["form"] == {
        "To": [NUMBER],
        "From": ["+358451112222"],
        "Body": ["Kiitos käynnistä: ääkköset & muut=merkit"],
    }


@pytest.mark.parametrize("status", [400, 401, 429, 500, 503])
def test_twilio_refusals_raise_sms_error(twilio, status):
    twilio.status = status
    twilio.answer = {"code": 20003, "message": "Authenticate"}
    with pytest.raises(sms.SmsError) as error:
        sms.send(to=NUMBER, body="Hei")
    assert str(status) in str(error.value)
    assert len(twilio.requests) == 1


def test_an_unreachable_gateway_raises_sms_error(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.PALAUTE_SMS_BACKEND = "twilio"
    settings.TWILIO_API_URL = f"http://127.0.0.1:{port}"
    settings.TWILIO_ACCOUNT_SID = SID
    settings.TWILIO_AUTH_TOKEN = TOKEN
    with pytest.raises(sms.SmsError, match="not reached"):
        sms.send(to=NUMBER, body="Hei")


def test_the_gateways_error_text_does_not_keep_the_number(twilio):
    twilio.status = 400
    twilio.answer = {
        "code": 21211,
        "message": f"The 'To' number {NUMBER} is not a valid phone number.",
    }
    with pytest.raises(sms.SmsError) as error:
        sms.send(to=NUMBER, body="Hei")
    assert "21211" in str(error.value)
    assert NUMBER not in str(error.value)


def test_a_refused_text_stays_in_the_outbox_and_is_sent_later(twilio, points):
    invite_by_sms(point=points["sms"], phone=NUMBER, kind=CONVERSATION)
    message = OutgoingMessage.objects.get()
    body = message.body
    twilio.status = 503
    assert outbox.deliver(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.PENDING
    assert (message.attempts, message.recipient, message.body) == (1, NUMBER, body)
    assert "503" in message.last_error
    assert message.next_attempt_at > timezone.now()
    assert outbox.deliver_due() == 0  # not yet time
    assert len(twilio.requests) == 1

    twilio.status = 201
    assert outbox.deliver_due(now=message.next_attempt_at + dt.timedelta(seconds=1)) == 1
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.SENT
    assert (message.attempts, message.recipient, message.body) == (2, "", "")
    assert [r["form"]["Body"] for r in twilio.requests] == [[body], [body]]
    assert [r["form"]["To"] for r in twilio.requests] == [[NUMBER], [NUMBER]]


def test_a_text_given_up_after_a_week_forgets_the_number(twilio, points):
    invite_by_sms(point=points["sms"], phone=NUMBER, kind=LINK)
    message = OutgoingMessage.objects.get()
    OutgoingMessage.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - dt.timedelta(days=8)
    )
    twilio.status = 400
    twilio.answer = {"code": 21211, "message": f"The 'To' number {NUMBER} is not valid."}
    assert outbox.deliver(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.FAILED
    assert (message.recipient, message.body) == ("", "")
    row = json.dumps(list(OutgoingMessage.objects.values()), default=str)
    for form in NUMBER_FORMS:
        assert form not in row


def test_texts_are_sent_after_commit_through_the_gateway(
    twilio, points, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite_by_sms(point=points["sms"], phone=NUMBER, kind=CONVERSATION)
    (request,) = twilio.requests
    assert request["form"]["Body"] == [texts("question", unit="Keskustan terveysasema")]
    assert OutgoingMessage.objects.get().status == OutgoingMessage.Status.SENT


# Inbound webhook


def sign(url: str, params: dict[str, str], token: str = TOKEN) -> str:
    """Twilio's scheme, written out here independently of the code under test."""
    payload = url + "".join(key + params[key] for key in sorted(params))
    return base64.b64encode(hmac.new(token.encode(), payload.encode(), "sha1").digest()).decode()


def test_twilio_signature_matches_twilios_published_example():
    params = {
        "CallSid": "CA1234567890ABCDE",
        "Caller": "+14158675309",
        "Digits": "1234",
        "From": "+14158675309",
        "To": "+18005551212",
    }
    url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    assert sms.twilio_signature(url=url, params=params, token="12345") == (
        "RSOYDt4T1cUTdK1PDd93/VVr8B8="
    )
    assert sms.twilio_signature(url=url, params=params, token="54321") != (
        "RSOYDt4T1cUTdK1PDd93/VVr8B8="
    )


@pytest.fixture
def twilio_inbound(settings):
    settings.PALAUTE_SMS_BACKEND = "twilio"
    settings.TWILIO_AUTH_TOKEN = TOKEN
    settings.PALAUTE_SMS_INBOUND_SECRET = SECRET


INBOUND_URL = "http://testserver/sms/inbound/"


def test_webhook_with_a_correct_twilio_signature_takes_the_reply(points, client, twilio_inbound):
    invitation = invite_by_sms(point=points["sms"], phone=NUMBER, kind=CONVERSATION)
    params = {
        "From": NUMBER,
        "To": "+358451112222",
        "Body": "8 ihan hyvä",
        "MessageSid": "SM1",
        "AccountSid": SID,
    }
    response = client.post(
        "/sms/inbound/", params, HTTP_X_TWILIO_SIGNATURE=sign(INBOUND_URL, params)
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    assert b"<Response/>" in response.content
    invitation.refresh_from_db()
    assert invitation.state == SmsInvitation.State.DONE
    assert SurveyResponse.objects.get().nps == 8


@pytest.mark.parametrize(
    "signature",
    [
        None,
        "",
        "not-a-signature",
        "sign-other-url",
        "sign-other-token",
        "sign-other-body",
        "secret-only",
    ],
)
def test_webhook_refuses_a_wrong_twilio_signature(points, client, twilio_inbound, signature):
    invitation = invite_by_sms(point=points["sms"], phone=NUMBER, kind=CONVERSATION)
    params = {"From": NUMBER, "Body": "STOP"}
    headers = {}
    if signature == "sign-other-url":
        headers["HTTP_X_TWILIO_SIGNATURE"] = sign("http://testserver/other/", params)
    elif signature == "sign-other-token":
        headers["HTTP_X_TWILIO_SIGNATURE"] = sign(INBOUND_URL, params, token="other")
    elif signature == "sign-other-body":
        headers["HTTP_X_TWILIO_SIGNATURE"] = sign(INBOUND_URL, {"From": NUMBER, "Body": "9"})
    elif signature == "secret-only":
        headers["HTTP_X_PALAUTE_SECRET"] = SECRET
    elif signature is not None:
        headers["HTTP_X_TWILIO_SIGNATURE"] = signature
    before = OutgoingMessage.objects.count()
    response = client.post("/sms/inbound/", params, **headers)
    assert response.status_code == 403
    assert not is_opted_out(phone=NUMBER)
    invitation.refresh_from_db()
    assert invitation.state == SmsInvitation.State.SENT
    assert OutgoingMessage.objects.count() == before


def test_webhook_refuses_everything_when_no_twilio_token_is_set(
    points, client, twilio_inbound, settings
):
    settings.TWILIO_AUTH_TOKEN = ""
    params = {"From": NUMBER, "Body": "STOP"}
    response = client.post(
        "/sms/inbound/", params, HTTP_X_TWILIO_SIGNATURE=sign(INBOUND_URL, params, token="")
    )
    assert response.status_code == 403
    assert not is_opted_out(phone=NUMBER)


def test_webhook_with_the_shared_secret(points, client, shared_secret):
    invitation = invite_by_sms(point=points["sms"], phone=NUMBER, kind=CONVERSATION)
    refused = client.post(
        "/sms/inbound/", {"From": NUMBER, "Body": "5"}, HTTP_X_PALAUTE_SECRET="wrong"
    )
    assert refused.status_code == 403
    missing = client.post("/sms/inbound/", {"From": NUMBER, "Body": "5"})
    assert missing.status_code == 403
    invitation.refresh_from_db()
    assert invitation.state == SmsInvitation.State.SENT
    accepted = client.post(
        "/sms/inbound/", {"From": NUMBER, "Body": "5"}, HTTP_X_PALAUTE_SECRET=SECRET
    )
    assert accepted.status_code == 200
    invitation.refresh_from_db()
    assert (invitation.state, invitation.score) == (SmsInvitation.State.AWAITING_TEXT, 5)


def test_webhook_without_a_configured_secret_refuses_everything(points, client, settings):
    settings.PALAUTE_SMS_BACKEND = "file"
    settings.PALAUTE_SMS_INBOUND_SECRET = ""
    response = client.post(
        "/sms/inbound/", {"From": NUMBER, "Body": "STOP"}, HTTP_X_PALAUTE_SECRET=""
    )
    assert response.status_code == 403
    assert not is_opted_out(phone=NUMBER)


def test_webhook_takes_only_posts(client, shared_secret):
    assert client.get("/sms/inbound/", HTTP_X_PALAUTE_SECRET=SECRET).status_code == 405


def test_webhook_answers_a_stranger_politely(client, post_sms):
    response = post_sms("Hei, kuka siellä?", sender="+358409999999")
    assert b"<Response/>" in response.content
    assert not OutgoingMessage.objects.exists()
