"""The strict Content Security Policy in a real browser: the main pages load and their
scripts work (the map, the live checks, the kiosk, the staff pages), and the browser
reports no violation of the policy."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from palaute.feedback.services import LocationInput
from tests.browser.test_backoffice import handler, sign_in  # noqa: F401 - a fixture
from tests.site.test_surveys import make_county

pytestmark = pytest.mark.django_db(transaction=True)

# Runs before any script of the page: every violation the browser reports is kept.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def watched(page):
    """The page, recording policy violations from events and from the console."""
    console: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.csp_console = console
    return page


def assert_no_violations(page, *, expected: frozenset = frozenset()) -> None:
    violations = page.evaluate("window.__cspViolations")
    assert set(violations) <= expected, violations
    assert len(page.csp_console) == len(violations), page.csp_console


def test_feedback_form_map_and_live_check_work_under_the_policy(watched, topics):
    page = watched
    # The first form of a test process loads the word lists of the checks: a cold start.
    response = page.goto("/feedback/new/", timeout=30_000)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.get_by_label("Aihe").select_option("street-lights")
    expect(page.locator("#map-picker")).to_be_visible()
    page.locator("#location-map").click(position={"x": 120, "y": 90})
    expect(page.locator("#map-status")).to_contain_text("62.")
    page.wait_for_function(
        "() => { const img = document.querySelector('.leaflet-marker-icon');"
        " return img && img.complete && img.naturalWidth > 0; }"
    )
    expect(page.locator(".leaflet-tile").first).to_be_attached()  # tiles were asked for
    page.locator("#id_text").fill("Haluan tehdä muistutuksen hoitovirheestä.")
    expect(page.locator("#route-advice")).to_contain_text("muistutus", timeout=30_000)
    assert_no_violations(page)


def test_feedback_page_with_its_map_has_no_violations(watched, make_feedback, topics):
    feedback = make_feedback(
        topics["lights"],
        location=LocationInput(latitude=62.8925, longitude=27.6786, address="Tori"),
    ).feedback
    page = watched
    page.goto(f"/feedback/{feedback.reference}/")
    expect(page.locator("#detail-map .leaflet-marker-icon")).to_be_visible()
    assert_no_violations(page)


def test_kiosk_runs_under_the_policy(watched):
    county = make_county()
    page = watched
    page.goto(f"/kiosk/{county.tablet.code}/?idle=60")
    page.locator("#kiosk-start").click()
    expect(page.locator("#kiosk-question")).to_contain_text("suosittelisit")
    page.get_by_role("group").get_by_role("button").get_by_text("9", exact=True).click()
    expect(page.locator("#kiosk-question")).to_have_text("Sain apua silloin, kun tarvitsin.")
    assert_no_violations(page)


def test_staff_queue_runs_under_the_policy(watched, handler, topics, make_feedback):  # noqa: F811
    make_feedback()
    page = watched
    sign_in(page)
    expect(page.locator("table.queue")).to_be_visible()
    page.locator("table.queue a").first.click()
    expect(page.locator("h1")).to_be_visible()
    assert_no_violations(page)


def test_api_documentation_renders_under_its_own_policy(watched):
    page = watched
    response = page.goto("/api/docs/")
    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    expect(page.get_by_text("Palaute Open311 GeoReport v2 API").first).to_be_visible(timeout=20_000)
    expect(page.get_by_text("requests.json").first).to_be_attached()
    # Redoc's "powered by" logo comes from its CDN: blocked on purpose, no third parties.
    assert_no_violations(
        page, expected=frozenset({"img-src https://cdn.redoc.ly/redoc/logo-mini.svg"})
    )


def test_admin_runs_under_the_policy(watched, topics):
    from tests.factories import UserFactory

    UserFactory(username="paakayttaja", is_staff=True, is_superuser=True)
    page = watched
    page.goto("/admin/login/")
    page.locator("#id_username").fill("paakayttaja")
    page.locator("#id_password").fill("secret-password-123")
    page.locator("input[type=submit]").click()
    expect(page.locator("#site-name")).to_be_visible()
    page.goto("/admin/feedback/topic/")
    expect(page.locator("#result_list")).to_be_visible()
    page.goto("/admin/feedback/topic/add/")
    expect(page.locator("#topic_form")).to_be_visible()
    assert_no_violations(page)
