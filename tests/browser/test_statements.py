"""The privacy and accessibility statements in headless Chromium: the public pages, the
kiosk's statement dialogs with the idle reset, and the administrator's editor, each
checked with axe-core against WCAG 2.1 A and AA."""

import re

import pytest
from playwright.sync_api import expect

from palaute.organizations.models import Membership
from palaute.statements.defaults import DEFAULTS
from palaute.statements.models import Statement
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.site.test_surveys import make_county

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "hyva-salasana-2026"


@pytest.fixture
def statements(db):
    """The rows the data migration makes (a transactional test may have flushed them)."""
    return {
        kind: Statement.objects.get_or_create(kind=kind, defaults=texts)[0]
        for kind, texts in DEFAULTS.items()
    }


def test_both_statements_in_three_languages_have_no_accessibility_violations(
    page, statements, axe_check
):
    page.goto("/")
    page.locator("footer").get_by_role("link", name="Tietosuojaseloste").click()
    expect(page).to_have_url(re.compile(r"/privacy/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tietosuojaseloste: palautepalvelu")
    expect(page.locator(".statement__updated time")).to_be_visible()
    axe_check(page)
    page.locator("footer").get_by_role("link", name="Saavutettavuusseloste").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Saavutettavuusseloste: palautepalvelu"
    )
    axe_check(page)
    for url, title in [
        ("/sv/privacy/", "Dataskyddsbeskrivning: responstjänsten"),
        ("/sv/accessibility/", "Tillgänglighetsutlåtande: responstjänsten"),
        ("/en/privacy/", "Privacy statement: feedback service"),
        ("/en/accessibility/", "Accessibility statement: feedback service"),
    ]:
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        axe_check(page)


def test_a_fallback_to_finnish_has_no_accessibility_violations(page, statements, axe_check):
    Statement.objects.filter(kind="accessibility").update(title_en="", body_en="")
    page.goto("/en/accessibility/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "fi")
    axe_check(page)


@pytest.fixture
def county(statements):
    return make_county()


def test_kiosk_shows_a_statement_and_still_starts_over(page, county, axe_check):
    page.goto(f"/kiosk/{county.tablet.code}/?idle=3")
    opener = page.get_by_role("button", name="Tietosuojaseloste")
    opener.click()
    dialog = page.locator("#kiosk-privacy-fi")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading", level=2)).to_have_text("Tietosuojaseloste: palautepalvelu")
    expect(dialog.get_by_role("link")).to_have_count(0)  # the tablet is never left
    axe_check(page)
    dialog.get_by_role("button", name="Sulje").click()
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()

    # In Swedish the buttons and the statement follow the customer's language.
    page.get_by_role("button", name="Svenska").click()
    page.get_by_role("button", name="Tillgänglighetsutlåtande").click()
    expect(page.locator("#kiosk-accessibility-sv")).to_be_visible()
    expect(page.locator("#kiosk-accessibility-sv h2")).to_have_text(
        "Tillgänglighetsutlåtande: responstjänsten"
    )
    # Left open without a touch, the kiosk closes it and starts over in Finnish.
    expect(page.locator("#kiosk-accessibility-sv")).to_be_hidden(timeout=8000)
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.locator("#kiosk-start")).to_be_visible()
    expect(page.get_by_role("button", name="Tietosuojaseloste")).to_be_visible()


def test_administrator_previews_and_saves_with_no_accessibility_violations(
    page, statements, axe_check
):
    root = OrganizationFactory(code="city", kind="root", name_fi="Kaupunki")
    admin = UserFactory(username="paakayttaja", email="admin@example.fi")
    admin.set_password(PASSWORD)
    admin.save()
    MembershipFactory(user=admin, organization=root, role=Membership.Role.ADMIN)
    page.goto("/staff/")
    page.locator("#id_username").fill("paakayttaja")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.get_by_role("link", name="Tietosuoja ja saavutettavuus").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tietosuoja- ja saavutettavuusselosteet"
    )
    axe_check(page)
    page.get_by_role("link", name="Saavutettavuusseloste").first.click()
    axe_check(page)

    body = page.get_by_label("Teksti suomeksi")
    body.fill("## Kokeilu\n\nPalvelu on *osittain* saavutettava. [TÄYDENNÄ: nimi]")
    page.get_by_role("button", name="Esikatsele").click()
    preview = page.locator("#preview")
    expect(preview).to_be_focused()
    finnish = preview.locator("article[lang=fi]")
    expect(finnish.get_by_role("heading", level=4)).to_have_text("Kokeilu")
    expect(finnish.locator("em")).to_have_text("osittain")
    expect(finnish.locator("mark")).to_have_text("[TÄYDENNÄ: nimi]")
    axe_check(page)

    # An error is tied to its field and takes focus; nothing typed is lost.
    page.get_by_label("Otsikko suomeksi").fill("")
    page.get_by_role("button", name="Tallenna").click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.get_by_label("Otsikko suomeksi")).to_have_attribute("aria-invalid", "true")
    expect(body).to_have_value("## Kokeilu\n\nPalvelu on *osittain* saavutettava. [TÄYDENNÄ: nimi]")
    axe_check(page)

    page.get_by_label("Otsikko suomeksi").fill("Saavutettavuus")
    page.get_by_role("button", name="Tallenna").click()
    expect(page.locator(".message--success")).to_be_visible()
    saved = Statement.objects.get(kind="accessibility")
    assert saved.title_fi == "Saavutettavuus"
    assert saved.body_fi == "## Kokeilu\n\nPalvelu on *osittain* saavutettava. [TÄYDENNÄ: nimi]"
    page.goto("/accessibility/")
    expect(page.get_by_role("heading", level=2)).to_have_text("Kokeilu")
