"""WCAG 2.1 A and AA across the service in Chromium (issue 10).

axe-core runs on every public page, every questionnaire and kiosk screen and the main staff
pages, in Finnish, Swedish and English. On the same pages the tests check what axe cannot:
the skip link is the first Tab stop and moves focus to the content, every Tab stop shows
its focus, text doubled in size loses nothing, and the layout reflows at 320 px. Form
errors are tied to their fields and take focus. Screenshots of the main pages at desktop
and phone widths are written for a person to look at (PALAUTE_SCREENSHOTS, by default
var/screenshots/)."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from palaute.feedback.services import (
    ContactInput,
    LocationInput,
    add_answer,
    set_critical,
    submit_feedback,
)
from palaute.improvements.models import DevelopmentAction
from palaute.improvements.services import create_action, create_meeting, set_action_status
from palaute.organizations.models import Membership
from palaute.statements.defaults import DEFAULTS
from palaute.statements.models import Statement
from palaute.surveys.services import Answers, submit_survey
from tests.factories import MembershipFactory, OrganizationFactory, TopicFactory, UserFactory
from tests.site.test_surveys import make_county

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
NARROW = {"width": 320, "height": 640}
LANGUAGES = {"fi": "", "sv": "/sv", "en": "/en"}
FOCUS_STOPS = 30  # Tab stops checked for a visible focus on each page


def screenshot_dir() -> Path:
    folder = Path(os.environ.get("PALAUTE_SCREENSHOTS") or ROOT / "var" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# The pages


@pytest.fixture
def world(db):
    """One of everything a page can show: a public feedback with a place and an answer, a
    private one with its tracking token, a public done action, the statements, a county
    with its questionnaires, answers, a critical feedback, a meeting and an action, and an
    administrator of the county."""
    for kind, texts in DEFAULTS.items():
        Statement.objects.get_or_create(kind=kind, defaults=texts)
    county = make_county()  # first: a root added before it would move its tree's paths
    city = OrganizationFactory(
        code="city", kind="root", name_fi="Kaupunki", publication_policy="allowed"
    )
    streets = OrganizationFactory(parent=city, code="streets", name_fi="Kadut")
    group = TopicFactory(service_code="streets", name_fi="Kadut ja liikenne", organization=streets)
    topics = {
        "lights": TopicFactory(
            parent=group,
            service_code="street-lights",
            name_fi="Katuvalot",
            location_mode="required",
        ),
        "maintenance": TopicFactory(
            parent=group, service_code="maintenance", name_fi="Kunnossapito"
        ),
    }
    public = submit_feedback(
        topic=topics["lights"],
        title="Katuvalo ei pala",
        text="Kauppakadun päässä on ollut pimeää viikon.",
        location=LocationInput(latitude=62.8925, longitude=27.6786, address="Tori"),
    ).feedback
    add_answer(feedback=public, text="Korjataan tällä viikolla.")
    private = submit_feedback(
        topic=topics["maintenance"],
        title="Kuoppa",
        text="Pihatiellä on kuoppa.",
        publish_consent=False,
        contact=ContactInput(name="Asiakas Anna", email="anna@example.fi"),
    )
    add_answer(feedback=private.feedback, text="Kuoppa paikataan.")

    admin = UserFactory(username="paakayttaja", email="admin@example.fi", first_name="Pia")
    MembershipFactory(user=admin, organization=county.root, role=Membership.Role.ADMIN)
    city_lead = UserFactory(username="kaupunki", email="lead@example.fi")
    MembershipFactory(user=city_lead, organization=city, role=Membership.Role.ADMIN)
    version = county.questionnaires["adult"].current_version()
    now = timezone.now()
    for index, score in enumerate([10, 9, 7, 3, 10, 8]):
        submit_survey(
            point=county.web,
            version=version,
            answers=Answers(nps=score, statements={"saatavuus": 4, "kohtaaminen": 5}),
            received_at=now - dt.timedelta(hours=index + 1),
        )
    critical = submit_feedback(
        topic=county.topic,
        title="Kohtelu osastolla",
        text="Hoitaja löi äitiäni, kun hän pyysi apua.",
        contact=ContactInput(name="Omainen Olli", phone="+358401112222"),
        check_critical=False,
    ).feedback
    set_critical(feedback=critical, critical=True, actor=admin, reason="Väkivaltaa hoidossa")
    meeting = create_meeting(
        organization=county.unit,
        title="Yksikön palaveri",
        held_on=timezone.localdate(),
        actor=admin,
    )
    action = create_action(
        organization=county.unit,
        title="Turvallinen hoito",
        description="Henkilöstö koulutetaan.",
        owner=admin,
        actor=admin,
        feedback=[critical],
        is_public=True,
        public_description="Henkilöstö on koulutettu kohtaamaan asiakkaat.",
    )
    street_action = create_action(
        organization=streets,
        title="Katuvalot kuntoon",
        description="Valot tarkistetaan.",
        owner=city_lead,
        actor=city_lead,
        feedback=[public],
        is_public=True,
        public_description="Kauppakadun valot uusittiin.",
    )
    set_action_status(action=street_action, status=DevelopmentAction.Status.DONE, actor=city_lead)
    return SimpleNamespace(
        county=county,
        admin=admin,
        public=public,
        token=private.tracking_token,
        critical=critical,
        meeting=meeting,
        action=action,
        topics=topics,
    )


@dataclass
class Screen:
    """A page to check, and the states reached from it by a step each (checked in turn
    without loading the page again)."""

    name: str
    url: str
    reach: Callable | None = None  # the step from the previous state
    then: list[Screen] = field(default_factory=list)
    skip_link: bool = True  # a state reached by a step has its focus somewhere already
    focusable: bool = True
    screenshot: bool = False

    def __post_init__(self):
        self.skip_link = self.skip_link and self.reach is None


def state(name: str, reach: Callable, **options) -> Screen:
    return Screen(name, "", reach=reach, **options)


def send_feedback(page) -> None:
    page.locator("#id_title").fill("Penkki rikki")
    page.locator("#id_text").fill("Puiston penkin lauta on irti.")
    page.locator("form.feedback-form button[type=submit]").click()
    expect(page.locator("#receipt")).to_be_visible()


def submit_empty(page) -> None:
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("#error-summary")).to_be_focused()


def kiosk_start(page) -> None:
    page.locator("#kiosk-start").click()
    expect(page.locator("#kiosk-question")).to_be_focused()


def kiosk_statement(page) -> None:
    page.get_by_role("group").get_by_role("button", name="8", exact=True).click()
    expect(page.locator("[data-action=back]")).to_be_visible()


def kiosk_last(page) -> None:
    while page.locator("#kiosk-send").count() == 0:
        page.locator("[data-action=skip]").click()
    expect(page.locator("#kiosk-open")).to_be_visible()


def kiosk_thanks(page) -> None:
    page.locator("#kiosk-send").click()
    expect(page.locator("#kiosk-thanks")).to_be_visible()
    # The answer has reached the server (no request is left to race the test's end).
    expect(page.locator("#kiosk-status")).to_have_attribute("data-waiting", "0")


def public_screens(world) -> list[Screen]:
    county = world.county
    return [
        Screen("home", "/", screenshot=True),
        Screen("topics", "/topics/"),
        Screen("list", "/feedback/"),
        Screen("feedback", world.public.get_absolute_url(), screenshot=True),
        Screen("tracking", f"/track/{world.token}/"),
        Screen(
            "form",
            "/feedback/new/",
            screenshot=True,
            then=[state("form-errors", submit_empty)],
        ),
        Screen("form-easy", "/feedback/new/?easy=1"),
        Screen("receipt", "/feedback/new/?topic=maintenance", reach=send_feedback),
        Screen("impact", "/impact/"),
        Screen("impact-unit", "/impact/streets/"),
        Screen("privacy", "/privacy/"),
        Screen("accessibility", "/accessibility/"),
        Screen("survey-units", "/survey/"),
        Screen(
            "questionnaire",
            f"/survey/{county.web.code}/",
            screenshot=True,
            then=[state("questionnaire-errors", submit_empty)],
        ),
        Screen("questionnaire-easy", f"/survey/{county.web.code}/?easy=1"),
        Screen("questionnaire-child", f"/survey/{county.child_web.code}/"),
        Screen("survey-thanks", f"/survey/{county.web.code}/thanks/"),
        Screen(
            "kiosk",
            f"/kiosk/{county.tablet.code}/?idle=120",
            skip_link=False,
            screenshot=True,
            then=[
                state("kiosk-question", kiosk_start),
                state("kiosk-statement", kiosk_statement),
                state("kiosk-last", kiosk_last),
                state("kiosk-thanks", kiosk_thanks, focusable=False),
            ],
        ),
    ]


def staff_screens(world) -> list[Screen]:
    return [
        Screen("staff-queue", "/staff/", screenshot=True),
        Screen("staff-feedback", world.critical.get_staff_url(), screenshot=True),
        Screen("staff-meeting", world.meeting.get_absolute_url()),
        Screen("staff-action", world.action.get_absolute_url()),
        Screen("staff-report", "/staff/reports/?organization=county", screenshot=True),
        Screen("staff-dashboard", "/staff/dashboard/?organization=health"),
    ]


def sign_in(page, user, server) -> None:
    """A session cookie for the user, as the login form would set."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": server.url}])


def open_screen(page, screen: Screen, prefix: str = "") -> None:
    page.goto(prefix + screen.url)
    if screen.reach is not None:
        screen.reach(page)


# The checks that axe cannot make

DESCRIBE = """
  const describe = (el) => el.tagName.toLowerCase() + '.' + String(el.className).split(' ')[0]
    + (el.caption ? ` "${el.caption.textContent.trim().slice(0, 30)}"` : '');"""

FOCUS_STYLE = (
    "() => {"
    + DESCRIBE
    + """
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const shows = (node) => {
    if (!node) return false;
    const style = getComputedStyle(node);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return outline || (style.boxShadow && style.boxShadow !== 'none');
  };
  const box = el.getBoundingClientRect();
  // A visually hidden radio or checkbox shows its focus on its label.
  const tiny = box.width <= 2 || box.height <= 2;
  const visible = shows(el) || (tiny && (shows(el.closest('label')) || shows(el.parentElement)));
  const name = (el.getAttribute('aria-label') || el.innerText || el.value || '').trim();
  return {
    visible,
    what: `${describe(el)} "${name.slice(0, 40)}"`,
    key: [el.tagName, el.id, el.getAttribute('href'), name.slice(0, 40)].join('|'),
  };
}"""
)

WIDE = (
    "(limit) => {"
    + DESCRIBE
    + """
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    const spills = el.scrollWidth > el.clientWidth + 1
      && getComputedStyle(el).overflowX === 'visible';
    if ((box.right <= limit + 1 && !spills) || box.width === 0) continue;
    if (el.closest('.visually-hidden, .skip-link, .honeypot')) continue;
    let scrolled = false;
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') { scrolled = true; break; }
    }
    if (!scrolled) wide.push(`${describe(el)} ${Math.round(box.right)}${spills ? ' spills' : ''}`);
  }
  return wide.slice(0, 8);
}"""
)

CLIPPED = (
    "() => {"
    + DESCRIBE
    + """
  const clipped = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.visually-hidden, .skip-link, .honeypot, .leaflet-container')) continue;
    const style = getComputedStyle(el);
    const clips = [style.overflowX, style.overflowY].some((v) => v === 'hidden' || v === 'clip');
    const text = (el.innerText || '').trim();
    if (!clips || !text || el.getClientRects().length === 0) continue;
    if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
      clipped.push(`${describe(el)} "${text.slice(0, 30)}"`);
    }
  }
  return clipped;
}"""
)

TEXT_SIZE = "() => parseFloat(getComputedStyle(document.querySelector('main, body')).fontSize)"


def check_skip_link(page) -> None:
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')"), (
        "the skip link is not the first Tab stop"
    )
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def check_visible_focus(page) -> None:
    """Every Tab stop from the top (at most FOCUS_STOPS of them) shows where the focus is."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.evaluate("window.scrollTo(0, 0)")
    seen = set()
    invisible = []
    for _stop in range(FOCUS_STOPS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        if focused is None or focused["key"] in seen:
            break  # back at the start
        seen.add(focused["key"])
        if not focused["visible"]:
            invisible.append(focused["what"])
    assert seen, "nothing takes the focus"
    assert not invisible, f"focus not visible on {invisible}"


def check_text_resize(page) -> None:
    """WCAG 1.4.4: the text doubles with the root font size; nothing is cut off and the
    page does not scroll sideways at 1280 px."""
    before = page.evaluate(TEXT_SIZE)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    try:
        assert page.evaluate(TEXT_SIZE) >= 1.9 * before, "the text does not grow with the root"
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"scrolls sideways at 200 %: {page.evaluate(WIDE, width[1])}"
        assert page.evaluate(CLIPPED) == [], "text cut off at 200 %"
    finally:
        page.evaluate("document.documentElement.style.fontSize = ''")


def check_reflow(page) -> None:
    """WCAG 1.4.10: at 320 px nothing but a table's own scroll box scrolls sideways."""
    page.set_viewport_size(NARROW)
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= NARROW["width"], f"{width} px wide at 320: {page.evaluate(WIDE, 320)}"
    finally:
        page.set_viewport_size(DESKTOP)


def take_screenshots(page, name: str) -> None:
    folder = screenshot_dir()
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.screenshot(path=str(folder / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    try:
        page.screenshot(path=str(folder / f"{name}-phone.png"), full_page=True)
    finally:
        page.set_viewport_size(DESKTOP)


def check_layout(page, screen: Screen) -> None:
    """Everything but axe, on one loaded page."""
    if screen.skip_link:
        check_skip_link(page)
    if screen.focusable:
        check_visible_focus(page)
    check_text_resize(page)
    check_reflow(page)
    if screen.screenshot:
        take_screenshots(page, screen.name)


def run_all(page, screens: list[Screen], check: Callable, prefix: str = "") -> None:
    """Each screen and the states after it are checked; the failures of all of them are
    reported together. A failed step ends the states of its page."""
    failures = []
    for screen in screens:
        try:
            open_screen(page, screen, prefix)
            check(screen)
            for after in screen.then:
                after.reach(page)
                check(after)
        except AssertionError as error:
            failures.append(f"{screen.name}: {error}")
    assert not failures, "\n\n".join(failures)


# axe-core in three languages


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_pass_axe(page, world, axe_check, language):
    prefix = LANGUAGES[language]

    def check(screen: Screen) -> None:
        assert page.evaluate("document.documentElement.lang") == language
        axe_check(page)

    run_all(page, public_screens(world), check, prefix)


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_pages_pass_axe(page, live_server, world, axe_check, language):
    prefix = LANGUAGES[language]
    sign_in(page, world.admin, live_server)

    def check(screen: Screen) -> None:
        assert page.evaluate("document.documentElement.lang") == language
        expect(page.locator("h1")).to_be_visible()
        axe_check(page)

    run_all(page, staff_screens(world), check, prefix)


# Keyboard, focus, text size, reflow and screenshots (the layout is the same in each
# language; Finnish has the longest words)


def test_public_pages_keyboard_text_size_and_reflow(page, world):
    page.set_viewport_size(DESKTOP)
    run_all(page, public_screens(world), lambda screen: check_layout(page, screen))


def test_staff_pages_keyboard_text_size_and_reflow(page, live_server, world):
    page.set_viewport_size(DESKTOP)
    sign_in(page, world.admin, live_server)

    run_all(page, staff_screens(world), lambda screen: check_layout(page, screen))


# Errors tied to their fields


def check_errors_tied_to_fields(page) -> None:
    """The summary has focus and the title says there is an error; each invalid field
    names its error with aria-describedby, and each link of the summary leads to one."""
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page).to_have_title(re.compile(r"^(Virhe|Fel|Error): "))
    invalid = page.evaluate(
        """() => [...document.querySelectorAll('[aria-invalid=true]')].map((field) => ({
          id: field.id,
          errors: (field.getAttribute('aria-describedby') || '').split(/\\s+/)
            .map((id) => document.getElementById(id))
            .filter((node) => node && node.classList.contains('field__error'))
            .map((node) => node.textContent.trim()),
        }))"""
    )
    assert invalid, "no field is marked invalid"
    for bad in invalid:
        assert bad["errors"] and all(bad["errors"]), f"{bad['id']} has no error tied to it"
    targets = page.eval_on_selector_all(
        "#error-summary a[href^='#']", "links => links.map(a => a.hash.slice(1))"
    )
    assert targets, "the summary links to no field"
    ids = {bad["id"] for bad in invalid}
    assert set(targets) <= ids, f"summary links {set(targets) - ids} lead to no invalid field"
    page.locator("#error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == targets[0]


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_form_errors_are_tied_to_fields_in_the_form_questionnaire_and_staff(
    page, live_server, world, language
):
    prefix = LANGUAGES[language]
    page.goto(f"{prefix}/feedback/new/")
    submit_empty(page)
    check_errors_tied_to_fields(page)

    # An empty questionnaire is an error of the whole form; a contact request without a
    # way to reach is one of a field.
    page.goto(f"{prefix}/survey/{world.county.web.code}/")
    page.locator("#id_contact_requested").check()
    submit_empty(page)
    check_errors_tied_to_fields(page)

    sign_in(page, world.admin, live_server)
    page.goto(f"{prefix}/staff/actions/new/")
    page.locator("main form button[type=submit]").click()
    check_errors_tied_to_fields(page)


def test_titles_name_the_step(page, world):
    page.goto("/feedback/new/?topic=maintenance")
    expect(page).to_have_title(re.compile(r"^Anna palautetta – "))
    send_feedback(page)
    expect(page).to_have_title(re.compile(r"^Palaute vastaanotettu: Palautteesi \d{4}-\d+ – "))
    page.goto(f"/survey/{world.county.web.code}/thanks/")
    expect(page).to_have_title(re.compile(r"^Kiitos palautteestasi!"))
    page.goto(f"/sv/survey/{world.county.web.code}/thanks/")
    expect(page).to_have_title(re.compile(r"^Tack för din respons!"))
