"""The main journeys of issue 10 end to end in Chromium: a resident sends feedback with the
keyboard only (Finnish and Swedish), a handler answers and the answer is public in the page
and the feed, a supervisor takes on a critical feedback, turns it into a development action
and downloads the unit's report."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfReader

from palaute.feedback.models import Answer, Feedback
from palaute.feedback.services import ContactInput, set_critical, submit_feedback
from palaute.improvements.models import DevelopmentAction
from palaute.organizations.models import Membership
from tests.factories import MembershipFactory, UserFactory
from tests.media import jpeg_with_gps
from tests.site.test_surveys import make_county

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "hyva-salasana-2026"
MAP_CENTRE_LONGITUDE = 27.6770  # settings.PALAUTE_MAP_CENTER in the tests


def tab_to(page, selector: str, *, limit: int = 80, key: str = "Tab") -> None:
    """Press Tab (or another key) until the focused element matches the selector: the
    element is reachable by keyboard, in the document's order."""
    for _press in range(limit):
        page.keyboard.press(key)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached with {limit} presses of {key}")


def wait_for_map_to_settle(page) -> None:
    """Until the map's pane has moved and stood still for longer than a pan lasts."""
    page.wait_for_function(
        """() => new Promise((resolve) => {
            const pane = document.querySelector("#location-map .leaflet-map-pane");
            const before = pane.style.transform;
            setTimeout(() => resolve(
                pane.style.transform === before && !/^translate3d\\(0px, 0px/.test(before)
            ), 400);
        })"""
    )


def staff_user(username: str, organization, role: str, **fields):
    user = UserFactory(username=username, email=f"{username}@example.fi", **fields)
    user.set_password(PASSWORD)
    user.save()
    MembershipFactory(user=user, organization=organization, role=role)
    return user


def sign_in_by_keyboard(page, username: str) -> None:
    page.goto("/staff/login/")
    tab_to(page, "#id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("table.queue")).to_be_visible()


# A resident, keyboard only


RESIDENT = {
    "fi": {
        "prefix": "",
        "received": "Kiitos! Palautteesi on vastaanotettu.",
        "title_prefix": "Palaute vastaanotettu",
        "heading": "Palautteesi",
    },
    "sv": {
        "prefix": "/sv",
        "received": "Tack! Din respons har mottagits.",
        "title_prefix": "Responsen har mottagits",
        "heading": "Din respons",
    },
}


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_resident_sends_feedback_with_map_and_photo_by_keyboard_only(
    page, topics, tmp_path, language
):
    words = RESIDENT[language]
    photo = tmp_path / "katuvalo.jpg"
    photo.write_bytes(jpeg_with_gps())
    # Catch file choosers from the start: enabling it only when the key is pressed races
    # the key on a busy machine.
    page.on("filechooser", lambda _chooser: None)
    page.goto(f"{words['prefix']}/feedback/new/")
    expect(page.locator("html")).to_have_attribute("lang", language)

    # The topic with the arrow keys: the location section follows the choice.
    tab_to(page, "#id_topic")
    for _press in range(10):
        if page.locator("#id_topic").input_value() == "street-lights":
            break
        page.keyboard.press("ArrowDown")
    expect(page.locator("#id_topic")).to_have_value("street-lights")
    expect(page.locator('[data-location-note="required"]')).to_be_visible()

    # The kind is a radio group: the arrows move the choice, as in any radio group.
    tab_to(page, "input[name=kind]:checked")
    page.keyboard.press("ArrowRight")
    expect(page.locator("input[name=kind][value=question]")).to_be_checked()
    page.keyboard.press("ArrowLeft")
    expect(page.locator("input[name=kind][value=feedback]")).to_be_checked()

    tab_to(page, "#id_title")
    page.keyboard.type("Katuvalo ei pala")
    tab_to(page, "#id_text")
    page.keyboard.type("Valo on ollut pimeänä viikon Kauppakadun päässä.")

    # The map: focus it, pan with the arrows, Tab on to the button that marks the centre.
    tab_to(page, "#location-map")
    for _press in range(3):
        page.keyboard.press("ArrowRight")
        wait_for_map_to_settle(page)  # Leaflet ignores arrows while a pan is moving
    tab_to(page, "#map-mark")
    page.keyboard.press("Enter")
    expect(page.locator("#map-status")).to_contain_text("62.89")
    longitude = float(page.locator("#id_longitude").input_value())
    assert longitude > MAP_CENTRE_LONGITUDE + 0.001, "the arrow keys did not pan the map"

    # The file chooser opens from the keyboard too.
    tab_to(page, "#id_files")
    expect(page.locator("#id_files")).to_be_focused()
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(str(photo))
    tab_to(page, "#id_rights_confirmed")
    page.keyboard.press("Space")
    expect(page.locator("#id_rights_confirmed")).to_be_checked()

    tab_to(page, "#id_email")
    page.keyboard.type("asukas@example.fi")
    tab_to(page, "form.feedback-form button[type=submit]")
    page.keyboard.press("Enter")

    receipt = page.locator("#receipt")
    expect(receipt).to_be_visible()
    feedback = Feedback.objects.get()
    expect(receipt.get_by_role("heading")).to_have_text(words["received"])
    expect(receipt).to_contain_text(feedback.reference)
    expect(receipt).to_contain_text("a***@example.fi")
    expect(page).to_have_title(re.compile(rf"^{words['title_prefix']}: "))
    assert feedback.language == language
    assert feedback.topic.service_code == "street-lights"
    assert float(feedback.longitude) == pytest.approx(longitude, abs=1e-6)
    assert [a.original_name for a in feedback.attachments.all()] == ["katuvalo.jpg"]
    assert feedback.contact.email == "asukas@example.fi"
    assert len(mail.outbox) >= 1

    # The private tracking address, reached by Tab, opened later.
    tab_to(page, "#tracking-url")
    tracking_url = page.evaluate("document.activeElement.value")
    assert re.search(rf"{words['prefix']}/track/[\w-]+/$", tracking_url)
    page.goto(tracking_url)
    expect(page.locator("#receipt")).to_have_count(0)  # the thanks is shown once
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"{words['heading']} {feedback.reference}"
    )
    expect(page.locator("main")).to_contain_text("Valo on ollut pimeänä viikon")
    attachment = page.get_by_role("link", name="katuvalo.jpg")
    expect(attachment).to_be_visible()
    tab_to(page, "ul.attachments a")
    expect(attachment).to_be_focused()


# A handler


def test_handler_answers_and_the_answer_is_public_and_in_the_feed(page, make_feedback, city):
    staff_user("hanna", city["streets"], Membership.Role.HANDLER, first_name="Hanna")
    feedback = make_feedback(
        title="Roskis täynnä",
        text="Torin roska-astia on ollut täynnä koko viikon.",
        contact=ContactInput(name="Asiakas Anna", email="anna@example.fi"),
    ).feedback
    assert feedback.is_published
    answer_text = "Kiitos, astia tyhjennetään tänään ja jatkossa kahdesti viikossa."

    sign_in_by_keyboard(page, "hanna")
    row = page.locator("table.queue tbody tr", has_text=feedback.reference)
    row.get_by_role("link").first.click()
    expect(page.locator("h1")).to_contain_text(feedback.reference)

    page.locator("#id_status-status").select_option("in_processing")
    with page.expect_navigation():
        page.locator("form[action$='/status/'] button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.IN_PROCESSING

    page.locator("#answer-form textarea").fill(answer_text)
    with page.expect_navigation():
        page.locator("#answer-form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    answer = Answer.objects.get(feedback=feedback)
    assert answer.text == answer_text
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.ANSWERED

    # The public page shows the answer, not the sender.
    page.goto(feedback.get_absolute_url())
    main = page.locator("main")
    expect(main).to_contain_text(answer_text)
    expect(main).not_to_contain_text("Asiakas Anna")

    # The feed has the item with the answer in its description.
    response = page.request.get("/feeds/latest/")
    assert response.ok
    channel = ET.fromstring(response.body()).find("channel")
    items = {item.findtext("guid"): item for item in channel.findall("item")}
    item = items[feedback.reference]
    assert item.findtext("title") == "Roskis täynnä"
    assert answer_text in item.findtext("description")
    assert "Asiakas Anna" not in response.text()


# A supervisor of a wellbeing county


def test_supervisor_acknowledges_a_critical_feedback_acts_and_downloads_the_report(page):
    county = make_county()
    handler = staff_user("hoitaja", county.unit, Membership.Role.HANDLER)
    supervisor = staff_user("essi", county.unit, Membership.Role.SUPERVISOR, first_name="Essi")
    feedback = submit_feedback(
        topic=county.topic,
        title="Kohtelu osastolla",
        text="Hoitaja löi äitiäni, kun hän pyysi apua.",
        check_critical=False,
    ).feedback
    set_critical(feedback=feedback, critical=True, actor=handler, reason="Väkivaltaa hoidossa")

    sign_in_by_keyboard(page, "essi")
    row = page.locator("table.queue tbody tr", has_text=feedback.reference)
    row.get_by_role("link").first.click()
    box = page.locator("section.critical-box")
    expect(box).to_contain_text("Väkivaltaa hoidossa")
    expect(box.locator(".critical-box__state")).not_to_have_class(
        re.compile("critical-box__state--done")
    )
    box.locator("textarea").fill("Soitan omaiselle tänään.")
    box.locator("button[type=submit]").click()
    expect(page.locator(".critical-box__state--done")).to_contain_text("Essi")
    expect(page.locator("section.critical-box")).to_contain_text("Soitan omaiselle tänään.")
    feedback.refresh_from_db()
    assert feedback.critical_acknowledged_by == supervisor

    # A development action from the feedback.
    page.locator("a[href*='/staff/actions/new/?feedback=']").click()
    expect(page.locator(".notice")).to_contain_text(feedback.reference)
    page.locator("#id_title").fill("Turvallinen hoito osastolla")
    page.locator("#id_description").fill("Koko henkilöstö koulutetaan kohtaamaan asiakkaat.")
    page.locator("form button[type=submit].button").click()
    expect(page.locator("h1")).to_have_text("Turvallinen hoito osastolla")
    action = DevelopmentAction.objects.get()
    assert list(action.feedback.all()) == [feedback]
    assert action.organization == county.unit

    # The unit's report as a PDF.
    page.locator("nav.site-nav a[href='/staff/reports/']").click()
    expect(page.locator("#id_organization")).to_have_value("clinic")
    # Rendering the PDF takes seconds on a busy machine.
    with page.expect_download(timeout=30000) as download:
        page.get_by_role("link", name="Lataa PDF").click(timeout=30000)
    pdf = download.value
    assert pdf.suggested_filename.startswith("palaute-raportti-clinic-")
    with open(pdf.path(), "rb") as file:
        content = file.read()
    assert content.startswith(b"%PDF-")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Keskustan terveysasema" in text
