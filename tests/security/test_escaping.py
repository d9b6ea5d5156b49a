"""Output escaping: markup and script payloads sent through every input a resident, a client
or a staff member controls come out as text in every output that shows them: public pages,
feeds, Open311 JSON and XML, the back office, exports, PDF reports and emails.

Each input gets its own tagged payload, so a test can tell which input reached which
output, and every HTML page is checked both ways: the payload is shown (as text) and no
element or attribute of it survives."""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser

import pytest
from defusedxml import ElementTree
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from palaute.feedback.models import Feedback, TopicAttribute
from palaute.feedback.services import (
    ContactInput,
    LocationInput,
    acknowledge_critical,
    add_answer,
    give_estimate,
    remove_answer,
    remove_feedback,
    set_critical,
    submit_feedback,
)
from palaute.integrations.services import create_api_key
from palaute.organizations.models import Membership
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

CORE = (
    '<script>alert(1)</script>"><img src=x onerror=alert(1)><svg onload=alert(1)>'
    "]]></description><script>{{ 7*7 }}</textarea>javascript:alert(1)\u202e\u200b"
)
# For fields of at most 120 characters.
SHORT_CORE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>{{ 7*7 }}</textarea>\u202e'
LONG_WORD = "Pitkäsana" * 40
# Fragments that would be live markup if any output let a payload through unescaped.
LIVE = ["<script>alert", "<img src=x", "<svg onload", "</textarea>java", "]]></description><s"]


def payload(tag: str) -> str:
    return f"{tag}{CORE}"


def short(tag: str) -> str:
    return f"{tag}{SHORT_CORE}"


def email_payload(tag: str) -> str:
    """An address the email validator accepts that still carries markup."""
    return f'"{tag}<svg/onload=alert(1)>"@example.fi'


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def assert_safe_html(page: str, *tags: str) -> None:
    """No payload markup is live in the page, and each tagged payload is shown as text."""
    for fragment in LIVE:
        assert fragment not in page, fragment
    parser = _Elements()
    parser.feed(page)
    for tag, attrs in parser.elements:
        for name, value in attrs.items():
            assert not (name.startswith("on") and "alert" in (value or "")), (tag, name)
            if name in {"href", "src", "action", "formaction"}:
                assert not (value or "").strip().lower().startswith("javascript:"), (tag, value)
    assert not any("alert(1)" in script for script in parser.scripts)
    text = html.unescape(page)
    for tag in tags:
        shown = {payload(tag), short(tag), email_payload(tag)}
        assert any(form in text for form in shown), f"{tag} is not shown"


def assert_safe_xml(document: bytes, *tags: str) -> ElementTree:
    """A well-formed document with no element from a payload, holding each payload as text."""
    tree = ElementTree.fromstring(document)
    names = {element.tag.rsplit("}", 1)[-1] for element in tree.iter()}
    assert not names & {"script", "img", "svg", "textarea"}, names
    texts = "".join(tree.itertext())
    for tag in tags:
        shown = [payload(tag), short(tag)]
        assert any(form in texts or html.escape(form) in texts for form in shown), tag
    return tree


@pytest.fixture
def handler(city):
    user = UserFactory(username="kasittelija", email="kasittelija@example.fi")
    MembershipFactory(user=user, organization=city["root"], role=Membership.Role.HANDLER)
    return user


@pytest.fixture
def question(topics):
    """A free-text extra question on the maintenance topic."""
    return TopicAttribute.objects.create(
        topic=topics["maintenance"],
        code="lisatieto",
        datatype="text",
        order=1,
        description_fi="Lisätietoa",
    )


@pytest.fixture
def web_feedback(client, topics, question, django_capture_on_commit_callbacks):
    """Feedback sent through the public form with a payload in every text field."""
    data = {
        "topic": "maintenance",
        "kind": "feedback",
        "title": short("form-title"),
        "text": f"{payload('form-text')}\n{LONG_WORD}",
        "address": payload("form-address"),
        "latitude": "",
        "longitude": "",
        "name": payload("form-name"),
        "email": email_payload("form-email"),
        "phone": "",
        "publish_consent": "on",
        "website": "",
        "q-maintenance-lisatieto": payload("form-answer"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/feedback/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    feedback = Feedback.objects.get()
    return {"feedback": feedback, "tracking_url": response.url}


def test_the_public_form_shows_payloads_as_text_everywhere(client, web_feedback, handler):
    feedback = web_feedback["feedback"]
    assert feedback.is_published
    public = ["form-title", "form-text"]
    pages = {
        "list": client.get("/feedback/"),
        "search": client.get("/feedback/", {"q": payload("search")}),
        "detail": client.get(feedback.get_absolute_url()),
        "tracking": client.get(web_feedback["tracking_url"]),
        "home": client.get("/"),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        page = response.content.decode()
        if name == "search":
            assert_safe_html(page, "search")
        else:
            assert_safe_html(page, "form-title")
    assert_safe_html(pages["detail"].content.decode(), *public)
    assert_safe_html(pages["tracking"].content.decode(), *public)
    assert LONG_WORD in pages["detail"].content.decode()
    client.force_login(handler)
    staff = client.post(reverse("backoffice:contact", args=[feedback.reference]), follow=True)
    assert staff.status_code == 200
    assert_safe_html(staff.content.decode(), *public, "form-answer", "form-name", "form-email")
    assert payload("form-address") in html.unescape(staff.content.decode())
    queue = client.get(reverse("backoffice:queue"))
    assert_safe_html(queue.content.decode(), "form-title")


def test_feeds_are_valid_xml_with_the_payloads_as_text(client, web_feedback, topics):
    for url in (
        "/feeds/latest/",
        "/feeds/latest/atom/",
        "/feeds/topics/maintenance/",
        "/feeds/topics/streets/atom/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        tree = assert_safe_xml(response.content, "form-title")
        texts = [element.text or "" for element in tree.iter()]
        # The description is HTML: the payload in it is escaped once more, never markup.
        descriptions = [
            element.text or ""
            for element in tree.iter()
            if element.tag.rsplit("}", 1)[-1] in {"description", "summary"}
        ]
        item_descriptions = [text for text in descriptions if "form-text" in text]
        assert item_descriptions, url
        for text in item_descriptions:
            assert html.escape(payload("form-text")) in text or (
                html.escape(payload("form-text"), quote=False) in text
            )
            for fragment in LIVE:
                assert fragment not in text
        assert any(short("form-title") == text.strip() for text in texts), url


def test_receipt_email_carries_the_payload_as_plain_text(web_feedback):
    receipt = next(m for m in mail.outbox if "form-email" in m.to[0])
    assert short("form-title") in receipt.body
    assert "&lt;" not in receipt.body
    assert not getattr(receipt, "alternatives", None)
    assert "\n" not in receipt.subject


@pytest.fixture
def open311_feedback(client, city, topics, question):
    _key, raw = create_api_key(name="Testi", organization=city["root"])
    form = {
        "api_key": raw,
        "service_code": "maintenance",
        "description": payload("o311-description"),
        "title": payload("o311-title"),
        "address_string": payload("o311-address"),
        "first_name": payload("o311-first"),
        "last_name": payload("o311-last"),
        "email": email_payload("o311-email"),
        "attribute[lisatieto]": payload("o311-attribute"),
        "service_object_id": payload("o311-object"),
        "service_object_type": "streetlight",
        "media_url": "https://example.fi/kuva.jpg?x=<script>alert(1)</script>",
    }
    response = client.post("/open311/v2/requests.json", form)
    assert response.status_code == 201, response.content
    return Feedback.objects.get(reference=response.json()[0]["service_request_id"])


def test_open311_reads_give_the_payload_back_as_data(client, open311_feedback):
    reference = open311_feedback.reference
    data = client.get(f"/open311/v2/requests/{reference}.json?extensions=true").json()[0]
    assert data["description"] == payload("o311-description")
    assert data["extended_attributes"]["title"] == payload("o311-title")
    assert data["extended_attributes"]["service_object_id"] == payload("o311-object")
    response = client.get(f"/open311/v2/requests/{reference}.xml?extensions=true")
    tree = assert_safe_xml(response.content, "o311-description")
    assert tree.find("request/description").text == payload("o311-description")
    listing = client.get("/open311/v2/requests.xml")
    assert_safe_xml(listing.content, "o311-description")


def test_open311_refuses_a_javascript_media_url(client, city, topics):
    _key, raw = create_api_key(name="Testi", organization=city["root"])
    response = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": raw,
            "service_code": "maintenance",
            "description": "Kuoppa",
            "media_url": "javascript:alert(1)",
        },
    )
    assert response.status_code == 400
    assert response.json()[0]["code"] == 400


def test_open311_inputs_are_text_in_the_back_office(client, open311_feedback, handler):
    client.force_login(handler)
    contact = reverse("backoffice:contact", args=[open311_feedback.reference])
    page = client.post(contact, follow=True).content.decode()
    assert_safe_html(
        page, "o311-description", "o311-first", "o311-attribute", "o311-object", "o311-email"
    )
    assert payload("o311-address") in html.unescape(page)
    link = re.search(r'<a href="(https://example\.fi/kuva[^"]*)"', page)
    assert link and "<" not in link.group(1)


def test_staff_texts_are_escaped_on_public_and_staff_pages(
    client, topics, handler, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = submit_feedback(
            topic=topics["maintenance"],
            title="Kuoppa",
            text="Kadulla on kuoppa.",
            contact=ContactInput(email="asukas@example.fi"),
            location=LocationInput(address="Kauppakatu 1"),
        )
        feedback = submission.feedback
        add_answer(feedback=feedback, text=payload("answer"), author=handler)
        removed = add_answer(feedback=feedback, text="Poistettava", author=handler, notify=False)
        remove_answer(answer=removed, actor=handler, reason=payload("answer-removal"))
        add_answer(feedback=feedback, text=payload("internal"), author=handler, kind="note")
        give_estimate(
            feedback=feedback,
            estimated_done_on=timezone.localdate() + dt.timedelta(days=30),
            actor=handler,
            note=payload("estimate"),
        )
        set_critical(feedback=feedback, critical=True, actor=handler, reason=payload("critical"))
        acknowledge_critical(feedback=feedback, actor=handler, note=payload("acknowledged"))
    public = client.get(feedback.get_absolute_url()).content.decode()
    assert_safe_html(public, "answer")
    assert "internal" not in public
    tracking = client.get(f"/track/{submission.tracking_token}/").content.decode()
    assert_safe_html(tracking, "answer")
    answer_mail = next(m for m in mail.outbox if "answer" in m.body and "asukas" in m.to[0])
    assert payload("answer") in answer_mail.body
    client.force_login(handler)
    staff = client.get(feedback.get_staff_url()).content.decode()
    assert_safe_html(
        staff, "answer", "answer-removal", "internal", "estimate", "critical", "acknowledged"
    )
    estimate_mail = next(m for m in mail.outbox if payload("estimate") in m.body)
    assert "&lt;" not in estimate_mail.body
    other = submit_feedback(topic=topics["maintenance"], title="Asiaton", text="Asiaton").feedback
    remove_feedback(feedback=other, actor=handler, reason=payload("removal"))
    assert_safe_html(client.get(other.get_staff_url()).content.decode(), "removal")


def test_topic_and_organisation_names_edited_by_an_admin_are_text(
    client, city, topics, handler, django_capture_on_commit_callbacks
):
    from palaute.feedback.services import update_topic
    from palaute.organizations.services import update_organization

    admin = UserFactory(username="paakayttaja")
    MembershipFactory(user=admin, organization=city["root"], role=Membership.Role.ADMIN)
    update_topic(topic=topics["maintenance"], values={"name_fi": short("topic")}, actor=admin)
    update_topic(topic=topics["streets"], values={"name_fi": short("group")}, actor=admin)
    update_organization(
        organization=city["streets"], values={"name_fi": short("unit")}, actor=admin
    )
    handler.notify_new = "immediate"
    handler.save(update_fields=["notify_new"])
    with django_capture_on_commit_callbacks(execute=True):
        feedback = submit_feedback(
            topic=topics["maintenance"], title="Kuoppa", text="Kadulla on kuoppa."
        ).feedback
    for url in ("/topics/", "/feedback/new/", "/feedback/", feedback.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_safe_html(response.content.decode(), "topic")
    form = client.get("/feedback/new/").content.decode()
    assert_safe_html(form, "topic", "group")
    for url in ("/feeds/topics/maintenance/", "/feeds/topics/maintenance/atom/"):
        assert_safe_xml(client.get(url).content, "topic")
    services = client.get("/open311/v2/services.json").json()
    assert short("topic") in {service["service_name"] for service in services}
    assert short("group") in {service["group"] for service in services}
    assert_safe_xml(client.get("/open311/v2/services.xml").content, "topic", "group")
    notice = next(m for m in mail.outbox if handler.email in m.to)
    assert short("topic") in notice.subject
    assert "&lt;" not in notice.subject + notice.body and "&amp;" not in notice.subject
    client.force_login(handler)
    staff = client.get(feedback.get_staff_url()).content.decode()
    assert_safe_html(staff, "topic", "unit")
    assert_safe_html(client.get(reverse("backoffice:queue")).content.decode(), "topic")


def test_development_actions_and_meetings_are_text(
    client, tree, member, feedback_in, django_capture_on_commit_callbacks
):
    from palaute.improvements import services as improvements

    supervisor = member(Membership.Role.SUPERVISOR, "unit", username="esihenkilo")
    feedback = feedback_in("unit", contact=ContactInput(email="asiakas@example.fi"))
    meeting = improvements.create_meeting(
        organization=tree["unit"],
        title=short("meeting"),
        held_on=timezone.localdate() - dt.timedelta(days=1),
        actor=supervisor,
        extra_feedback=[feedback],
    )
    item = meeting.items.get(feedback=feedback)
    improvements.record_decision(item=item, decision=payload("decision"), actor=supervisor)
    improvements.mark_meeting_held(meeting=meeting, actor=supervisor, minutes=payload("minutes"))
    action = improvements.create_action(
        organization=tree["unit"],
        title=short("action"),
        description=payload("action-description"),
        owner=supervisor,
        actor=supervisor,
        feedback=[feedback],
        is_public=True,
        public_description=payload("action-public"),
    )
    improvements.add_progress_note(action=action, actor=supervisor, note=payload("note"))
    with django_capture_on_commit_callbacks(execute=True):
        improvements.set_action_status(
            action=action, status="done", actor=supervisor, note=payload("status-note")
        )
    for url in ("/impact/", f"/impact/{tree['unit'].code}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_safe_html(response.content.decode(), "action", "action-public")
    told = next(m for m in mail.outbox if "asiakas@example.fi" in m.to)
    assert short("action") in told.body and payload("action-public") in told.body
    assert "&lt;" not in told.body + told.subject
    client.force_login(supervisor)
    page = client.get(action.get_absolute_url()).content.decode()
    assert_safe_html(page, "action", "action-description", "action-public", "note")
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert_safe_html(page, "meeting", "decision", "minutes")
    staff = client.get(feedback.get_staff_url()).content.decode()
    assert_safe_html(staff, "action")


def test_statement_markdown_keeps_no_script_link_or_event(client, city):
    from palaute.statements.models import TEXT_FIELDS
    from palaute.statements.selectors import get_statement
    from palaute.statements.services import update_statement

    admin = UserFactory(username="paakayttaja")
    MembershipFactory(user=admin, organization=city["root"], role=Membership.Role.ADMIN)
    markdown = (
        "# Otsikko\n\nMalli {{ 7*7 }} ja {% now 'Y' %}.\n\n"
        "[linkki](javascript:alert(1)) [toinen](https://example.fi/ok)\n\n"
        '<a href="https://example.fi" onclick="alert(1)">html</a>\n\n'
        "![kuva](https://example.fi/seuranta.png) [TÄYDENNÄ: <b>osoite</b>]\n\n"
        f"{CORE}\n"
    )
    statement = get_statement(kind="privacy")
    values = {name: getattr(statement, name) for name in TEXT_FIELDS}
    values["body_fi"] = markdown
    update_statement(kind="privacy", values=values, version=statement.version, actor=admin)
    page = client.get("/privacy/").content.decode()
    assert_safe_html(page)
    main = page.split("<main", 1)[1]
    assert "Malli {{ 7*7 }} ja {% now 'Y' %}." in html.unescape(main)
    assert 'href="https://example.fi/ok"' in main
    assert "seuranta.png" not in main
    assert "onclick" not in main
    assert "<b>" not in main
    client.force_login(admin)
    editor = client.get("/staff/admin/statements/privacy/").content.decode()
    assert_safe_html(editor)
    assert markdown.strip() in html.unescape(editor)
    preview = client.post(
        "/staff/admin/statements/privacy/",
        {**values, "version": statement.version + 1, "preview": "1"},
    ).content.decode()
    assert_safe_html(preview)
    assert "<b>osoite" not in preview


FORMULAS = [
    '=HYPERLINK("http://evil.example","x")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


def test_exports_neutralise_formulas_in_every_text_column(client, city, topics, handler):
    import csv
    import io

    from openpyxl import load_workbook

    for number, formula in enumerate(FORMULAS):
        submit_feedback(
            topic=topics["maintenance"],
            title=formula,
            text=f"{formula}\n{payload('export')}" if number else formula,
            location=LocationInput(address=formula),
            contact=ContactInput(name=formula, email="asukas@example.fi"),
        )
    client.force_login(handler)
    today = timezone.localdate().isoformat()
    period = {"organization": "city", "period": "custom", "start": today, "end": today}
    response = client.get(reverse("backoffice:export-feedback", args=["csv"]), period)
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(content), delimiter=";") for cell in row]
    for formula in FORMULAS:
        assert f"'{formula}" in cells or f"'{formula.strip()}" in cells, formula
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    response = client.get(reverse("backoffice:export-feedback", args=["xlsx"]), period)
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = []
    for row in book.active.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
            values.append(cell.value)
    for formula in FORMULAS:
        assert formula in values or formula.strip() in values, formula


@pytest.fixture
def recorder():
    """A local web server that counts the requests it gets."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def test_pdf_report_prints_user_texts_literally_and_fetches_nothing(recorder):
    import copy
    import io

    from pypdf import PdfReader

    from palaute.reports.pdf import render_report_pdf
    from tests.reports.test_pdf import FIGURES

    base, hits = recorder

    def pdf_payload(tag: str, size=short) -> str:
        """Without the right-to-left override, which turns the rest of the line around
        in the extracted text."""
        return size(tag).replace("\u202e", "")

    fetching = (
        f'<img src="{base}/img"><link rel="stylesheet" href="{base}/css">'
        f'<style>@import url("{base}/import");</style>'
    )
    figures = copy.deepcopy(FIGURES)
    figures["organization"]["name"]["fi"] = pdf_payload("org")
    figures["actions"]["items"][0]["title"] = pdf_payload("pdf-action")
    figures["actions"]["items"][0]["impact"] = pdf_payload("pdf-impact", payload)
    figures["themes"][0]["quotes"] = [pdf_payload("pdf-quote", payload) + fetching]
    content = render_report_pdf(
        figures=figures,
        language="fi",
        commentary=pdf_payload("pdf-commentary", payload) + fetching,
        title=pdf_payload("pdf-title"),
    )
    text = "".join(
        "".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages
    )
    printed = {
        "pdf-commentary": payload,
        "pdf-quote": payload,
        "pdf-impact": payload,
        "pdf-action": short,
        "pdf-title": short,
    }
    for tag, size in printed.items():
        # The zero-width space has no glyph to extract.
        expected = "".join(pdf_payload(tag, size).replace("\u200b", "").split())
        assert expected in text.replace("\u200b", ""), tag
    assert "<script>alert(1)</script>" in text
    assert f'<imgsrc="{base}/img">' in text
    assert hits == []


def test_survey_answers_and_text_message_replies_are_text_for_staff(client, city, settings):
    from palaute.surveys.models import CollectionPoint
    from palaute.surveys.services import (
        Answers,
        create_collection_point,
        invite_by_sms,
        load_national_questionnaires,
        submit_survey,
    )
    from tests.factories import TopicFactory

    settings.PALAUTE_SMS_INBOUND_SECRET = "salaisuus"
    admin = UserFactory(username="paakayttaja")
    MembershipFactory(user=admin, organization=city["root"], role=Membership.Role.ADMIN)
    handler = UserFactory(username="hoitaja")
    MembershipFactory(user=handler, organization=city["clinic"], role=Membership.Role.HANDLER)
    adult = next(q for q in load_national_questionnaires() if q.code == "kansallinen-aikuiset")
    topic = TopicFactory(service_code="terveys", organization=city["clinic"], location_mode="none")
    points = {
        channel: create_collection_point(
            organization=city["clinic"],
            channel=channel,
            questionnaire=adult,
            topic=topic,
            name=short(f"point-{channel}"),
            actor=admin,
        )
        for channel in ("web", "tablet", "sms")
    }
    answered = {}
    for channel in ("web", "tablet"):
        point = points[channel]
        response = submit_survey(
            point=point,
            version=point.questionnaire.current_version(),
            answers=Answers(nps=3, open_text=payload(f"survey-{channel}")),
        )
        answered[channel] = response.feedback
    invite_by_sms(point=points["sms"], phone="040 123 4567", kind="conversation", actor=handler)
    for body in ("8", payload("sms-reply")):
        reply = client.post(
            "/sms/inbound/",
            {"From": "+358401234567", "Body": body},
            HTTP_X_PALAUTE_SECRET="salaisuus",
        )
        assert reply.status_code == 200
    answered["sms"] = Feedback.objects.get(channel="sms")
    client.force_login(handler)
    for channel, feedback in answered.items():
        page = client.get(feedback.get_staff_url()).content.decode()
        tag = "sms-reply" if channel == "sms" else f"survey-{channel}"
        assert_safe_html(page, tag)
    assert_safe_html(client.get(reverse("backoffice:queue")).content.decode())
    kiosk = client.get(f"/kiosk/{points['tablet'].code}/").content.decode()
    assert_safe_html(kiosk)
    assert CollectionPoint.objects.count() == 3


def test_a_refused_form_gives_the_payloads_back_as_field_values(client, topics, question):
    """A form shown again with its errors keeps what was typed, escaped: a </textarea> in
    the text must not close the field."""
    data = {
        "topic": "maintenance",
        "kind": "feedback",
        "title": payload("again-title") * 2,  # too long: the form comes back
        "text": payload("again-text"),
        "address": payload("again-address"),
        "name": payload("again-name"),
        "email": "ei-osoite",
        "publish_consent": "on",
        "q-maintenance-lisatieto": payload("again-answer"),
    }
    response = client.post("/feedback/new/", data)
    assert response.status_code in (200, 400)
    page = response.content.decode()
    assert_safe_html(page, "again-text", "again-address", "again-name", "again-answer")
    assert page.count("</textarea>") == page.count("<textarea")
    assert not Feedback.objects.exists()


def test_marked_findings_and_route_advice_keep_the_text_escaped(client, topics, handler):
    """The moderator's view marks findings of the sensitive-data check inside the text;
    the route advice answers the text being typed with HTML of its own."""
    feedback = submit_feedback(
        topic=topics["maintenance"],
        title="Kuoppa",
        text=f"{payload('before')} Soita 040 123 4567 {payload('after')}",
    ).feedback
    client.force_login(handler)
    page = client.get(feedback.get_staff_url()).content.decode()
    assert '<mark class="finding"' in page
    assert_safe_html(page, "before", "after")
    advice = client.post(
        "/feedback/route-advice/",
        {"text": f"{payload('advice')} Teen muistutuksen hoitovirheestä, potilas vaarassa 112"},
    )
    assert advice.status_code == 200
    fragment = advice.json()["html"]
    assert fragment
    assert_safe_html(fragment)
    assert "advice<" not in fragment
