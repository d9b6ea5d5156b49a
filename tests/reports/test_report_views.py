"""The unified report in the back office: the page and its PDF for a signed-in staff member,
known figures, small-group suppression, the choice of organisation and period, and who
may see what."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from palaute.backoffice.report_forms import Period, ReportForm, preset_period
from palaute.feedback.models import Channel
from palaute.feedback.services import submit_feedback
from palaute.organizations.models import Membership
from palaute.surveys.services import Answers, submit_survey
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
PERIOD = {"organization": "health", "period": "custom", "start": "2025-01-01", "end": "2025-06-30"}


def at(month: int, day: int) -> dt.datetime:
    return dt.datetime(2025, month, day, 12, tzinfo=HELSINKI)


def respond(point, *, when, **answers):
    return submit_survey(
        point=point,
        version=point.questionnaire.current_version(),
        answers=Answers(**answers),
        received_at=when,
    )


def url(name: str = "backoffice:report", language: str = "en", **query) -> str:
    from django.utils.http import urlencode

    with translation.override(language):
        path = reverse(name)
    return f"{path}?{urlencode(query)}" if query else path


@pytest.fixture
def director(county):
    user = UserFactory(username="johtaja", email="johtaja@example.fi")
    MembershipFactory(user=user, organization=county["health"], role=Membership.Role.DIRECTOR)
    return user


@pytest.fixture
def dental_staff(county):
    user = UserFactory(username="hammas", email="hammas@example.fi")
    MembershipFactory(user=user, organization=county["dental"], role=Membership.Role.STAFF)
    return user


@pytest.fixture
def answered(points, unit_topic):
    """Six answers by web in the centre in March (NPS 9, 9, 9, 10, 7, 3 = +50; 'saatavuus'
    5, 5, 4, 4, 2, 1 = 66.7 % positive) and three feedback: two by web, one by text
    message. Every answer is a feedback of the web channel too."""
    web = points["web"]
    for nps, statement in ((9, 5), (9, 5), (9, 4), (10, 4), (7, 2), (3, 1)):
        respond(web, when=at(3, 10), nps=nps, statements={"saatavuus": statement})
    for channel in (Channel.WEB, Channel.WEB, Channel.SMS):
        submit_feedback(
            topic=unit_topic,
            title="Jonotus",
            text="Jonotus kesti pitkään.",
            channel=channel,
            received_at=at(4, 2),
        )


def test_the_report_shows_known_figures(client, director, answered):
    client.force_login(director)
    response = client.get(url(**PERIOD))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Unified report</h1>" in page
    for heading in (
        "Feedback received",
        "Questionnaire responses",
        "Recommendation index (NPS)",
        "National statements",
        "Handling",
        "Critical feedback",
        "Development actions",
        "What the feedback is about",
    ):
        assert re.search(rf"<h2[^>]*>{re.escape(heading)}</h2>", page), heading
    # NPS (4 promoters − 1 detractor of 6 = +50), its n, and the positive share 66.7 %.
    assert re.search(r"<th scope=\"row\">NPS</th><td[^>]*>50.0</td>", page)
    assert re.search(r"Answers \(n\)</th><td[^>]*>6</td>", page)
    assert "66.7 %" in page
    # Volumes by channel: six answers and two feedback by web form, one by text message.
    assert re.search(r"<th scope=\"row\">Web form</th><td[^>]*>8</td>", page)
    assert re.search(r"<th scope=\"row\">Text message</th><td[^>]*>1</td>", page)
    # Charts are images with a name and a description, each beside its data table.
    assert page.count('role="img"') >= 5
    assert "<desc id=" in page
    assert re.search(r"<caption[^>]*>Feedback by channel</caption>", page)
    # Downloads keep the organisation and the period.
    query = "organization=health&amp;period=custom&amp;start=2025-01-01&amp;end=2025-06-30"
    assert f'/en/staff/reports/pdf/?{query}"' in page
    assert f'/en/staff/reports/figures.xlsx?{query}"' in page
    assert f'/en/staff/reports/figures.csv?{query}"' in page
    assert "Download PDF" in page


def test_a_small_group_is_suppressed(client, director, points, county):
    respond(points["web"], when=at(3, 10), nps=10, statements={"saatavuus": 5})
    respond(points["web"], when=at(3, 11), nps=0, statements={"saatavuus": 1})
    client.force_login(director)
    page = client.get(url(**PERIOD)).content.decode()
    assert "fewer than 5 answers" in page
    nps_row = re.search(r"<th scope=\"row\">NPS</th><td[^>]*>(.*?)</td>", page).group(1)
    assert "fewer than 5 answers" in nps_row
    assert not re.search(r"\d", nps_row.replace("fewer than 5 answers", ""))
    # No promoter or detractor count leaks, in the table or the chart.
    assert not re.search(r"Promoters \(9–10\)</th><td[^>]*>\d", page)
    assert "NPS 100" not in page and "NPS -100" not in page


def test_the_default_is_the_users_top_organisation_and_this_half_year(client, director):
    client.force_login(director)
    with time_machine.travel(dt.datetime(2025, 8, 20, 12, tzinfo=HELSINKI), tick=False):
        page = client.get(url()).content.decode()
    assert '<option value="health" selected>' in page
    # The units below are indented; the county above is not offered.
    assert '<option value="centre">– Central health centre</option>' in page
    assert 'value="county"' not in page
    assert "1.7.2025–31.12.2025" in page
    assert 'value="this-half" selected' in page


def test_presets_cover_whole_half_years_and_years():
    today = dt.date(2025, 8, 20)
    assert preset_period(Period.THIS_HALF, today=today) == (
        dt.date(2025, 7, 1),
        dt.date(2025, 12, 31),
    )
    assert preset_period(Period.PREVIOUS_HALF, today=today) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 6, 30),
    )
    assert preset_period(Period.THIS_YEAR, today=today) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
    )
    assert preset_period(Period.PREVIOUS_YEAR, today=today) == (
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
    )
    assert preset_period(Period.LAST_12, today=today) == (dt.date(2024, 9, 1), today)


def test_a_preset_is_shown_as_its_dates(director, county):
    form = ReportForm(
        {"organization": "centre", "period": Period.PREVIOUS_HALF, "start": "bad", "end": ""},
        user=director,
        today=dt.date(2025, 8, 20),
    )
    assert form.selection() == (county["unit"], dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    assert form["start"].value() == "2025-01-01"


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        (
            {"start": "2025-06-30", "end": "2025-01-01"},
            "end",
            "The period cannot end before it starts.",
        ),
        ({"start": "2020-01-01", "end": "2025-01-01"}, "end", "A report covers at most 3 years."),
        ({"start": "", "end": "2025-01-01"}, "start", "Give the first day of the custom period."),
        ({"start": "2025-13-01", "end": "2025-01-01"}, "start", "Enter a valid date."),
    ],
)
def test_a_bad_period_is_refused_by_its_field(client, director, query, field, message):
    client.force_login(director)
    page = client.get(url(organization="health", period="custom", **query)).content.decode()
    assert re.search(rf'id="id_{field}_error">.*?{re.escape(message)}</p>', page, flags=re.S), page
    assert f'aria-describedby="id_{field}_help id_{field}_error"' in page
    assert "Download PDF" not in page


def test_finnish_errors_in_a_finnish_page(client, director):
    client.force_login(director)
    page = client.get(
        url(language="fi", organization="health", period="custom", start="2025-13-01", end="")
    ).content.decode()
    assert 'id="id_start_error"' in page
    assert "Enter a valid date." not in page


def test_another_subtree_is_forbidden_and_an_unknown_organisation_not_found(
    client, dental_staff, director
):
    client.force_login(dental_staff)
    assert client.get(url(**PERIOD)).status_code == 403
    assert client.get(url("backoffice:report-pdf", **PERIOD)).status_code == 403
    assert client.get(url(**{**PERIOD, "organization": "dental"})).status_code == 200
    client.force_login(director)
    assert client.get(url(**{**PERIOD, "organization": "nowhere"})).status_code == 404
    assert client.get(url(**{**PERIOD, "organization": "county"})).status_code == 403


def test_signing_in_is_needed(client):
    response = client.get(url(**PERIOD))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_pdf_is_an_attachment_with_a_telling_name(client, director, answered):
    client.force_login(director)
    response = client.get(url("backoffice:report-pdf", **PERIOD))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="palaute-raportti-health-2025-01-01-2025-06-30.pdf"'
    )
    assert response.content.startswith(b"%PDF")


def test_the_pdf_of_a_bad_period_goes_back_to_the_form(client, director):
    client.force_login(director)
    response = client.get(
        url("backoffice:report-pdf", organization="health", period="custom", start="x", end="")
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/en/staff/reports/?")


def test_dates_alone_mean_a_custom_period_of_the_top_organisation(director, county):
    form = ReportForm(
        {"start": "2025-02-01", "end": "2025-02-28"}, user=director, today=dt.date(2025, 8, 20)
    )
    assert form.selection() == (county["health"], dt.date(2025, 2, 1), dt.date(2025, 2, 28))
