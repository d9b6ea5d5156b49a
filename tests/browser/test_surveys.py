"""The customer questionnaire on the web and the tablet kiosk, in headless Chromium."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from palaute.feedback.models import Feedback
from palaute.surveys.models import SurveyResponse
from tests.site.test_surveys import make_county

pytestmark = pytest.mark.django_db(transaction=True)

MIN_TARGET = 44  # px, WCAG 2.5.5 (AAA) and the platform guidelines; AA asks for 24


@pytest.fixture
def county():
    return make_county()


def nps_group(page):
    return page.locator("fieldset.scale--nps")


def statement(page, text):
    return page.locator("fieldset.scale").filter(has=page.locator("legend", has_text=text))


def assert_large(locator, minimum=MIN_TARGET):
    locator.page.wait_for_load_state("load")  # measured with the style sheets applied
    for index in range(locator.count()):
        box = locator.nth(index).bounding_box()
        assert box["width"] >= minimum and box["height"] >= minimum, box


# The web questionnaire


def test_customer_answers_the_unit_questionnaire(page, county, axe_check):
    page.goto("/survey/")
    page.get_by_role("link", name="Keskustan terveysasema").click()
    expect(page).to_have_url(re.compile(rf"/survey/{county.web.code}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kansallinen asiakaspalaute")
    axe_check(page)

    # The instructions in easy-to-read Finnish, and back.
    page.get_by_role("link", name="Näytä ohje selkokielellä").click()
    expect(page.get_by_role("heading", name="Näin vastaat")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Näytä ohje yleiskielellä").click()
    expect(page.get_by_role("heading", name="Näin vastaat")).to_have_count(0)

    # The recommendation with the mouse; every answer is a large target.
    assert_large(nps_group(page).locator("label.scale__option"))
    nps_group(page).get_by_text("9", exact=True).click()
    expect(nps_group(page).get_by_role("radio", name="9", exact=True)).to_be_checked()

    # Two statements with the keyboard only: Tab into the group, arrows to choose.
    page.keyboard.press("Tab")
    first = statement(page, "Sain apua silloin, kun tarvitsin.")
    expect(first.get_by_role("radio").first).to_be_focused()
    page.keyboard.press("Space")
    for _step in range(4):
        page.keyboard.press("ArrowRight")
    expect(first.get_by_role("radio", name="Täysin samaa mieltä")).to_be_checked()
    page.keyboard.press("Tab")
    second = statement(page, "Minua kohdeltiin ystävällisesti ja kunnioittavasti.")
    page.keyboard.press("ArrowLeft")  # from nothing chosen, wraps round to "don't know"
    expect(second.get_by_role("radio", name="En osaa sanoa")).to_be_checked()

    # The area's own statement, and the open text.
    statement(page, "Odotusaika oli kohtuullinen.").get_by_text("Jokseenkin eri mieltä").click()
    page.get_by_label("Mitä muuta haluaisit kertoa?").fill("Odotin puoli tuntia.")
    page.get_by_text("Asiakkaana").click()

    # Contact fields appear only with the request; this customer does not ask.
    expect(page.locator("#contact-fields")).to_be_hidden()

    # Send with the keyboard.
    page.locator("button[type=submit]").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/survey/{county.web.code}/thanks/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe_check(page)

    feedback = Feedback.objects.get()
    assert feedback.organization == county.unit
    assert feedback.channel == "web"
    assert feedback.contact_requested is False
    assert feedback.text == "Odotin puoli tuntia."
    survey = feedback.survey
    assert survey.nps == 9
    assert survey.respondent == "customer"
    answers = {
        (a.item.code if a.item else "own"): (a.value, a.no_opinion)
        for a in survey.answers.select_related("item")
    }
    assert answers == {
        "saatavuus": (5, False),
        "kohtaaminen": (None, True),
        "own": (2, False),
    }


def test_errors_are_summarised_and_focused(page, county, axe_check):
    page.goto(f"/survey/{county.web.code}/")
    page.locator("button[type=submit]").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    assert page.title().count(":") >= 1
    axe_check(page)
    # Asking for contact without a way to reach: the link leads to the request.
    page.get_by_label("Haluan, että minuun otetaan yhteyttä").check()
    page.locator("button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_focused()
    page.locator("#error-summary a").first.click()
    expect(page.locator("#id_contact_requested")).to_be_focused()
    expect(page.locator("#contact-fields")).to_be_visible()
    axe_check(page)
    assert not SurveyResponse.objects.exists()


def test_contact_request_shows_the_contact_fields(page, county):
    page.goto(f"/survey/{county.web.code}/")
    fields = page.locator("#contact-fields")
    expect(fields).to_be_hidden()
    request = page.get_by_label("Haluan, että minuun otetaan yhteyttä")
    request.focus()
    page.keyboard.press("Space")
    expect(fields).to_be_visible()
    page.get_by_label("Sähköposti").fill("asiakas@example.fi")
    request.uncheck()
    expect(fields).to_be_hidden()
    request.check()
    page.locator("textarea").fill("Soittakaa minulle laskusta.")
    page.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/thanks/$"))
    feedback = Feedback.objects.get()
    assert feedback.contact_requested is True
    assert feedback.contact.email == "asiakas@example.fi"
    assert feedback.contact_due is not None


def test_childrens_questionnaire_uses_faces(page, county, axe_check):
    page.goto("/survey/")
    page.get_by_role("link", name="Lasten vastaanotto").click()
    faces = page.locator("fieldset.scale--faces")
    expect(faces.first).to_be_visible()
    assert faces.count() == 8
    expect(faces.first.locator("svg.face")).to_have_count(5)
    axe_check(page)
    statement(page, "Minulla oli turvallinen olo.").get_by_text("Täysin totta").click()
    statement(page, "Sain apua, kun tarvitsin sitä.").get_by_text("En osaa sanoa").click()
    page.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/thanks/$"))
    survey = SurveyResponse.objects.get()
    assert survey.feedback.organization == county.child_unit
    assert survey.channel == "web"
    assert sorted((a.item.code, a.value) for a in survey.answers.all()) == [
        ("saatavuus", None),
        ("turvallisuus", 5),
    ]


def test_questionnaire_on_a_phone(page, county, tmp_path):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/survey/{county.web.code}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways"
    assert_large(page.locator("label.scale__option"))
    page.screenshot(path=str(tmp_path / "survey-phone.png"), full_page=True)


# The kiosk


def kiosk_url(county, idle=60):
    return f"/kiosk/{county.tablet.code}/?idle={idle}"


def waiting(page):
    return page.locator("#kiosk-status")


def answer_one(page, nps="8", text=""):
    """Start, give the recommendation and one statement, skip to the end, send."""
    page.locator("#kiosk-start").click()
    page.get_by_role("group").get_by_role("button", name=nps, exact=True).click()
    page.get_by_role("button", name="Täysin samaa mieltä").click()
    while page.locator("#kiosk-send").count() == 0:
        page.locator("[data-action=skip]").click()
    if text:
        page.locator("#kiosk-open").fill(text)
    page.locator("#kiosk-send").click()
    expect(page.locator("#kiosk-thanks")).to_be_visible()
    expect(page.locator("#kiosk-start")).to_be_visible()


def test_kiosk_one_question_per_screen_and_back_to_start(page, county, axe_check):
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(kiosk_url(county, idle=4))
    expect(page.locator("h1")).to_be_visible()
    axe_check(page)
    page.locator("#kiosk-start").click()

    # The recommendation: eleven big buttons, one question on the screen.
    question = page.locator("#kiosk-question")
    expect(question).to_contain_text("suosittelisit")
    expect(question).to_be_focused()
    nps = page.get_by_role("group").get_by_role("button")
    expect(nps).to_have_count(11)
    assert_large(nps, 64)
    axe_check(page)
    nps.get_by_text("9", exact=True).click()

    # A statement with its scale and "don't know"; Back returns within this customer.
    expect(question).to_have_text("Sain apua silloin, kun tarvitsin.")
    scale = page.get_by_role("group").get_by_role("button")
    expect(scale).to_have_count(6)
    assert_large(scale, 64)
    axe_check(page)
    scale.get_by_text("Täysin samaa mieltä").click()
    expect(question).to_have_text("Minua kohdeltiin ystävällisesti ja kunnioittavasti.")
    page.get_by_role("button", name="En osaa sanoa").click()
    page.locator("[data-action=back]").click()
    expect(question).to_have_text("Minua kohdeltiin ystävällisesti ja kunnioittavasti.")
    expect(page.get_by_role("button", name="En osaa sanoa")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.keyboard.press("Tab")  # the keyboard works too
    page.get_by_role("button", name="En osaa sanoa").focus()
    page.keyboard.press("Enter")
    while page.locator("#kiosk-send").count() == 0:
        page.locator("[data-action=skip]").click()
    page.locator("#kiosk-open").fill("Ystävällinen vastaanotto.")
    axe_check(page)
    page.locator("#kiosk-send").click()
    expect(page.locator("#kiosk-thanks")).to_be_visible()
    axe_check(page)
    page.locator("#kiosk-thanks").click()  # a touch on the thank-you does not keep it

    # Back at the start by itself; nothing of the previous customer is left.
    expect(page.locator("#kiosk-start")).to_be_visible()
    expect(waiting(page)).to_have_attribute("data-waiting", "0")
    survey = SurveyResponse.objects.get()
    assert survey.channel == "tablet"
    assert survey.nps == 9
    assert survey.feedback.channel == "tablet"
    assert survey.feedback.organization == county.unit
    assert survey.feedback.text == "Ystävällinen vastaanotto."
    assert sorted((a.item.code, a.value, a.no_opinion) for a in survey.answers.all()) == [
        ("kohtaaminen", None, True),
        ("saatavuus", 5, False),
    ]
    page.locator("#kiosk-start").click()
    expect(page.locator("[aria-pressed=true]")).to_have_count(0)
    expect(page.locator("[data-action=back]")).to_have_count(0)


def test_kiosk_speaks_swedish_for_one_customer(page, county):
    page.goto(kiosk_url(county, idle=4))
    page.get_by_role("button", name="Svenska").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator(".kiosk__unit")).to_have_text("Centrums hälsostation")
    page.locator("#kiosk-start").click()
    page.get_by_role("group").get_by_role("button", name="6", exact=True).click()
    expect(page.locator("#kiosk-question")).to_have_text("Jag fick hjälp när jag behövde det.")
    page.get_by_role("button", name="Kan inte säga").click()
    while page.locator("#kiosk-send").count() == 0:
        page.locator("[data-action=skip]").click()
    page.locator("#kiosk-send").click()
    # The next customer starts in the kiosk's own language.
    expect(page.locator(".kiosk__unit")).to_have_text("Keskustan terveysasema")
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(waiting(page)).to_have_attribute("data-waiting", "0")
    survey = SurveyResponse.objects.get()
    assert survey.feedback.language == "sv"
    assert [(a.item.code, a.no_opinion) for a in survey.answers.all()] == [("saatavuus", True)]


def test_kiosk_starts_over_after_inactivity(page, county):
    page.goto(kiosk_url(county, idle=2))
    page.locator("#kiosk-start").click()
    page.get_by_role("group").get_by_role("button", name="3", exact=True).click()
    expect(page.locator("#kiosk-question")).to_have_text("Sain apua silloin, kun tarvitsin.")
    expect(page.locator("#kiosk-start")).to_be_visible(timeout=5000)
    page.locator("#kiosk-start").click()
    expect(page.locator("[aria-pressed=true]")).to_have_count(0)
    assert not SurveyResponse.objects.exists()  # an unfinished answer is not sent


def test_kiosk_queues_answers_offline_and_sends_each_once(page, county, axe_check):
    context = page.context
    page.goto(kiosk_url(county, idle=4))
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    context.set_offline(True)
    # The offline switch may miss a request that the service worker passes on to the
    # network; a route makes sure that no answer gets through while "offline".
    answers = f"**/kiosk/{county.tablet.code}/answers/"
    context.route(answers, lambda route: route.abort("internetdisconnected"))
    answer_one(page, nps="2", text="Ensimmäinen")
    answer_one(page, nps="10", text="Toinen")
    expect(waiting(page)).to_have_attribute("data-waiting", "2")
    expect(waiting(page)).to_contain_text("2")
    axe_check(page)
    assert not SurveyResponse.objects.exists(), "sent while offline"

    # The tablet reloads while the network is still down: the answers are kept.
    page.reload()
    expect(page.locator("#kiosk-start")).to_be_visible()
    assert page.evaluate("Boolean(navigator.serviceWorker.controller)")  # from its cache
    expect(waiting(page)).to_have_attribute("data-waiting", "2")
    queue = json.loads(
        page.evaluate(f"localStorage.getItem('palaute-kiosk-queue-{county.tablet.code}')")
    )
    assert len(queue) == 2
    assert not SurveyResponse.objects.exists(), "sent while offline, after the reload"

    context.unroute(answers)
    context.set_offline(False)
    expect(waiting(page)).to_have_attribute("data-waiting", "0")
    assert SurveyResponse.objects.count() == 2
    assert sorted(SurveyResponse.objects.values_list("nps", flat=True)) == [2, 10]
    assert set(Feedback.objects.values_list("channel", flat=True)) == {"tablet"}

    # The same answer again (a reply lost on the way) counts once.
    again = page.request.post(
        f"/kiosk/{county.tablet.code}/answers/",
        data=json.dumps(queue[0]),
        headers={"Content-Type": "application/json"},
    )
    assert again.status == 201
    assert SurveyResponse.objects.count() == 2


def test_kiosk_resends_when_the_reply_is_lost(page, county):
    """The server stores the answer but the tablet never hears back: the answer stays in
    the queue, is sent again and still counts once."""
    page.goto(kiosk_url(county, idle=4))
    answer_url = f"**/kiosk/{county.tablet.code}/answers/"

    def store_then_drop(route):
        route.fetch()
        route.abort("connectionreset")

    page.route(answer_url, store_then_drop)
    answer_one(page, nps="7")
    expect(waiting(page)).to_have_attribute("data-waiting", "1")
    assert SurveyResponse.objects.count() == 1
    page.unroute(answer_url)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(waiting(page)).to_have_attribute("data-waiting", "0")
    assert SurveyResponse.objects.count() == 1
