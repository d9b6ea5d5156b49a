"""The directors' dashboard: the units of an area side by side from hand-made answers,
suppression of a unit with fewer than five answers, sorting, drill-down and permissions."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from palaute.organizations.models import Membership
from palaute.reports.selectors import half_year
from palaute.surveys.services import Answers, create_collection_point, submit_survey
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
PERIOD = {"start": "2025-01-01", "end": "2025-06-30"}
Role = Membership.Role


def at(day: int) -> dt.datetime:
    return dt.datetime(2025, 3, day, 12, 0, tzinfo=HELSINKI)


def respond(point, *, day: int = 10, **answers):
    return submit_survey(
        point=point,
        version=point.questionnaire.current_version(),
        answers=Answers(**answers),
        received_at=at(day),
    )


def en(name: str, **kwargs) -> str:
    """The back-office page in English, for checking texts of this app's own."""
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def dashboard(client, **params):
    return client.get(en("backoffice:dashboard"), {**PERIOD, **params})


def body_rows(html: str) -> list[str]:
    """The unit rows of the table, in order."""
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    assert body, "no table body"
    return re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)


def row_of(rows: list[str], code: str) -> str:
    """The row of the unit (found by the code in its report link)."""
    return next(row for row in rows if f"organization={code}&" in row)


def total_row(html: str) -> str:
    foot = re.search(r"<tfoot>(.*?)</tfoot>", html, re.S)
    assert foot, "no total row"
    return foot.group(1)


def cells(row: str) -> list[str]:
    """The text of each td of a row, tags and extra spaces removed."""
    return [
        " ".join(re.sub(r"<[^>]+>", " ", cell).split())
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]


def person(county, key: str, role: str, name: str):
    user = UserFactory(username=name, email=f"{name}@example.fi")
    MembershipFactory(user=user, organization=county[key], role=role)
    return user


@pytest.fixture
def dental_point(county, topic, adult, admin):
    return create_collection_point(
        organization=county["dental"], channel="web", questionnaire=adult, topic=topic, actor=admin
    )


@pytest.fixture
def answers(points, dental_point):
    """The centre: six answers, NPS (3 − 2) / 6 = 16.7, "help when needed" 4 of 6 positive
    = 66.7 %. The dental clinic: three answers, too few to show. The area: nine answers,
    NPS (6 − 2) / 9 = 44.4."""
    centre = points["web"]
    for score, statement in zip((10, 10, 9, 7, 3, 0), (5, 4, 2, 1, 5, 4), strict=True):
        respond(centre, nps=score, statements={"saatavuus": statement})
    for _ in range(3):
        respond(dental_point, nps=10, statements={"saatavuus": 5})


@pytest.fixture
def director(county):
    return person(county, "health", Role.DIRECTOR, "johtaja")


# Columns: feedback, answers, NPS, 7 statements, processing, contact, overdue, critical.
NPS, SAATAVUUS = 2, 3


def test_each_unit_is_shown_with_its_own_nps_and_the_small_one_suppressed(
    client, county, answers, director
):
    client.force_login(director)
    response = dashboard(client, organization="health")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    assert 'role="region"' in html and 'tabindex="0"' in html
    rows = body_rows(html)
    assert len(rows) == 2
    dental, centre = row_of(rows, "dental"), row_of(rows, "centre")
    centre_cells = cells(centre)
    assert centre_cells[0] == "6"  # feedback
    assert centre_cells[1] == "6"  # questionnaire answers
    assert centre_cells[NPS].startswith("16.7")
    assert "n = 6" in centre_cells[NPS]
    assert centre_cells[SAATAVUUS].startswith("66.7 %")
    dental_cells = cells(dental)
    assert dental_cells[1] == "3"
    assert dental_cells[NPS] == "fewer than 5 answers n = 3"
    assert dental_cells[SAATAVUUS] == "fewer than 5 answers n = 3"
    assert "100" not in dental_cells[NPS]  # its NPS (100) never shows
    total = cells(total_row(html))
    assert total[1] == "9"
    assert total[NPS].startswith("44.4")
    # Below the area's value, told in words too, not only by colour.
    assert "(below the total)" in centre_cells[NPS]
    assert "dashboard__value--below" in centre


def test_units_sort_by_a_column_on_the_server(client, county, answers, director):
    client.force_login(director)
    html = dashboard(client, organization="health", sort="feedback", dir="asc").content.decode()
    rows = body_rows(html)
    assert "organization=dental&" in rows[0]  # 3 before 6
    assert re.search(r'<th scope="col"[^>]*aria-sort="ascending"[^>]*><a[^>]*>Feedback', html)
    assert html.count("aria-sort=") == 1
    html = dashboard(client, organization="health", sort="feedback", dir="desc").content.decode()
    assert "organization=dental&" in body_rows(html)[1]
    # A suppressed value sorts last whichever way.
    for direction in ("asc", "desc"):
        html = dashboard(client, organization="health", sort="nps", dir=direction)
        assert "organization=dental&" in body_rows(html.content.decode())[1]
    # An unknown column falls back to the names.
    assert dashboard(client, organization="health", sort="nonsense").status_code == 200


def test_a_unit_with_units_below_drills_down_and_links_to_its_report(
    client, county, answers, director
):
    top = person(county, "root", Role.DIRECTOR, "aluejohtaja")
    client.force_login(top)
    html = dashboard(client, organization="county").content.decode()
    (health,) = body_rows(html)
    drill = re.search(r'<a href="\?([^"]*organization=health[^"]*)">', health)
    assert drill, health
    query = drill.group(1).replace("&amp;", "&")
    assert "organization=health" in query
    assert "start=2025-01-01" in query and "end=2025-06-30" in query
    report = en("backoffice:report")
    link = f"{report}?organization=health&amp;period=custom&amp;start=2025-01-01&amp;end=2025-06-30"
    assert f'href="{link}"' in health
    # The unified report understands the link.
    response = client.get(link.replace("&amp;", "&"))
    assert response.status_code == 200
    assert "field--error" not in response.content.decode()
    # Following the link shows the area's units, with a way back up.
    html = client.get(en("backoffice:dashboard") + "?" + query).content.decode()
    assert len(body_rows(html)) == 2
    assert "?organization=county" in html
    # A unit without units below has its report link but no drill-down.
    client.force_login(director)
    html = dashboard(client, organization="health").content.decode()
    dental = row_of(body_rows(html), "dental")
    assert 'href="?' not in dental
    assert "organization=dental" in dental


def test_the_default_is_the_users_highest_organisation_and_this_half_year(client, county, director):
    client.force_login(director)
    response = client.get(en("backoffice:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Units of {county['health'].name_en} side by side" in html
    start, end = half_year(timezone.localdate())
    assert f"{start:%-d.%-m.%Y}–{end:%-d.%-m.%Y}" in html
    assert len(body_rows(html)) == 2


def test_an_organisation_outside_the_view_is_refused(client, county, answers, handler):
    client.force_login(handler)  # a handler of the centre
    assert dashboard(client, organization="health").status_code == 403
    assert dashboard(client, organization="dental").status_code == 403
    assert dashboard(client, organization="no-such-unit").status_code == 404
    assert dashboard(client, organization="centre").status_code == 200


def test_a_period_that_ends_before_it_starts_is_refused(client, county, director):
    client.force_login(director)
    response = client.get(
        en("backoffice:dashboard"),
        {"organization": "health", "period": "custom", "start": "2025-06-30", "end": "2025-01-01"},
    )
    assert response.status_code == 400
    assert "The period cannot end before it starts." in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, county):
    response = client.get(reverse("backoffice:dashboard"))
    assert response.status_code == 302
