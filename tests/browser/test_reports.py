"""A service-area director in a real browser: the unified report of the area, the units
side by side with a suppressed unit, the drill-down to a unit's report and its PDF, every
page checked with axe."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from palaute.organizations.models import Membership
from palaute.surveys.services import Answers, create_collection_point, submit_survey
from tests.factories import MembershipFactory, UserFactory
from tests.surveys.conftest import admin, adult, county, questionnaires, topic  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "hyva-salasana-2026"


@pytest.fixture
def director(county):  # noqa: F811
    user = UserFactory(username="johtaja", email="johtaja@example.fi", first_name="Jaana")
    user.set_password(PASSWORD)
    user.save()
    MembershipFactory(user=user, organization=county["health"], role=Membership.Role.DIRECTOR)
    return user


@pytest.fixture
def answers(county, topic, adult, admin):  # noqa: F811
    """Six answers in the centre (NPS 50.0) and three in the dental clinic."""
    now = timezone.now()
    for unit, scores in (("unit", [10, 10, 10, 9, 8, 0]), ("dental", [10, 0, 0])):
        point = create_collection_point(
            organization=county[unit], channel="web", questionnaire=adult, topic=topic, actor=admin
        )
        for index, score in enumerate(scores):
            submit_survey(
                point=point,
                version=adult.current_version(),
                answers=Answers(nps=score, statements={"saatavuus": 5}),
                received_at=now - dt.timedelta(hours=index + 1),
            )


def test_director_reads_the_area_compares_units_and_opens_a_unit_report(
    page, director, answers, axe_check
):
    page.goto("/staff/login/")
    page.locator("#id_username").fill("johtaja")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.locator("nav.site-nav a[href='/staff/reports/']").click()

    # The area's report for this half-year: 9 responses, 5 promoters and 3 detractors.
    keys = page.locator("dl.report-keys").first
    expect(keys).to_contain_text("Kyselyvastaukset9")
    expect(keys).to_contain_text("22,2")
    expect(page.locator("svg[role='img']").first).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Yksiköt rinnakkain").click()
    table = page.locator("table.dashboard")
    centre = table.locator("tbody tr", has_text="Keskustan terveysasema")
    dental = table.locator("tbody tr", has_text="Hammashoitola")
    expect(centre).to_contain_text("50,0")  # 4 promoters, 1 detractor of 6
    expect(dental).to_contain_text("alle 5 vastausta")
    axe_check(page)

    centre.locator("a.dashboard__report").click()
    expect(page.locator("#id_organization")).to_have_value("centre")
    expect(page.locator("dl.report-keys").first).to_contain_text("50,0")
    # Rendering the PDF takes seconds on a busy machine.
    with page.expect_download(timeout=30000) as download:
        page.get_by_role("link", name="Lataa PDF").click(timeout=30000)
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.value.suggested_filename.startswith("palaute-raportti-centre-")
