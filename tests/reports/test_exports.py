"""Exports of feedback, questionnaire answers and report figures as CSV and XLSX: they
parse back with the right rows, contact details only for those who may see them (S3) and
logged when exported, nothing from another subtree, no formulas, suppression kept."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from palaute.feedback.models import Event
from palaute.feedback.services import ContactInput, remove_feedback, submit_feedback
from palaute.organizations.models import Membership
from palaute.reports import exports
from palaute.surveys.services import Answers, create_collection_point, submit_survey
from tests.factories import MembershipFactory, OrganizationFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
PERIOD = {"start": "2025-03-01", "end": "2025-03-31"}
Role = Membership.Role
CONTACT_COLUMNS = ("Contact name", "Contact email", "Contact phone")


def at(day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(2025, 3, day, hour, 0, tzinfo=HELSINKI)


def en(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def download(client, name: str, fmt: str, **params):
    return client.get(en(name, fmt=fmt), {**PERIOD, **params})


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark, for Excel
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def xlsx_book(response):
    assert response.status_code == 200
    assert response["Content-Type"] == exports_type()
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def exports_type() -> str:
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def as_dicts(rows: list[list[str]]) -> list[dict[str, str]]:
    header, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]


def person(organization, role: str, name: str):
    user = UserFactory(username=name, email=f"{name}@example.fi")
    MembershipFactory(user=user, organization=organization, role=role)
    return user


@pytest.fixture
def dental_topic(county):
    return TopicFactory(
        service_code="hammashoito", name_fi="Hammashoito", organization=county["dental"]
    )


@pytest.fixture
def feedback(county, unit_topic, dental_topic):
    """In the centre: one with contact details and a formula-looking title, one without
    contact details, one removed. In the dental clinic: one with contact details. Outside
    the period: one in the centre."""
    made = {}
    made["centre"] = submit_feedback(
        topic=unit_topic,
        title='=HYPERLINK("http://evil.example","klikkaa")',
        text="+SUM(1;2) ja -1 ja @kaava",
        contact=ContactInput(name="Asiakas Anna", email="anna@example.fi", phone="+358401112222"),
        contact_requested=True,
        received_at=at(5),
    ).feedback
    made["plain"] = submit_feedback(
        topic=unit_topic, title="Odotusaika", text="Jonotin pitkään.", received_at=at(6)
    ).feedback
    made["removed"] = submit_feedback(
        topic=unit_topic, title="Poistettava", text="Asiaton.", received_at=at(7)
    ).feedback
    made["dental"] = submit_feedback(
        topic=dental_topic,
        title="Hammaslääkäri",
        text="Hyvää palvelua.",
        contact=ContactInput(name="Hampaan Heikki", email="heikki@example.fi", phone=""),
        received_at=at(8),
    ).feedback
    made["april"] = submit_feedback(
        topic=unit_topic,
        title="Huhtikuussa",
        text="Myöhemmin.",
        received_at=at(5) + dt.timedelta(days=30),
    ).feedback
    admin = person(county["root"], Role.ADMIN, "paakayttaja")
    remove_feedback(feedback=made["removed"], actor=admin, reason="Asiaton.")
    return made


@pytest.fixture
def staff_member(county):
    return person(county["health"], Role.STAFF, "hoitaja")


def test_feedback_csv_has_one_row_per_feedback_of_the_subtree_and_period(
    client, county, feedback, staff_member
):
    client.force_login(staff_member)
    rows = as_dicts(
        csv_rows(download(client, "backoffice:export-feedback", "csv", organization="health"))
    )
    assert [row["Reference"] for row in rows] == [
        feedback["centre"].reference,
        feedback["plain"].reference,
        feedback["dental"].reference,
    ]
    first = rows[0]
    assert first["Received"] == "2025-03-05 12:00"  # Helsinki time
    assert first["Organisation code"] == "centre"
    assert first["Critical"] == "no"
    assert first["Asked to be contacted"] == "yes"
    assert first["Status"] == "Received"
    assert first["Text"].startswith("'+SUM(1;2)")
    # Unit staff may not see contact details: no columns, no values, nothing logged.
    assert not set(CONTACT_COLUMNS) & set(first)
    content = str(rows)
    assert "anna@example.fi" not in content and "Asiakas Anna" not in content
    assert not Event.objects.filter(kind=Event.Kind.CONTACT_VIEWED).exists()


def test_even_asked_for_staff_without_the_right_get_no_contact_details(
    client, county, feedback, staff_member
):
    client.force_login(staff_member)
    response = download(
        client, "backoffice:export-feedback", "csv", organization="health", contacts="on"
    )
    header = csv_rows(response)[0]
    assert not set(CONTACT_COLUMNS) & set(header)
    book = xlsx_book(
        download(client, "backoffice:export-feedback", "xlsx", organization="health", contacts="on")
    )
    values = [cell for row in book.active.iter_rows(values_only=True) for cell in row]
    assert "anna@example.fi" not in values and "Contact email" not in values
    assert not Event.objects.filter(kind=Event.Kind.CONTACT_VIEWED).exists()


def test_a_handler_gets_contact_details_on_request_and_each_is_logged(
    client, county, feedback, handler
):
    client.force_login(handler)  # a handler of the centre
    rows = as_dicts(
        csv_rows(
            download(
                client, "backoffice:export-feedback", "csv", organization="centre", contacts="on"
            )
        )
    )
    assert [row["Reference"] for row in rows] == [
        feedback["centre"].reference,
        feedback["plain"].reference,
    ]
    assert rows[0]["Contact name"] == "Asiakas Anna"
    assert rows[0]["Contact email"] == "anna@example.fi"
    assert rows[0]["Contact phone"] == "'+358401112222"  # would be a formula otherwise
    assert rows[1]["Contact email"] == ""
    viewed = Event.objects.filter(kind=Event.Kind.CONTACT_VIEWED)
    assert [(event.feedback_id, event.actor_id) for event in viewed] == [
        (feedback["centre"].pk, handler.pk)
    ]
    # Without asking, no contact details and nothing more logged.
    header = csv_rows(download(client, "backoffice:export-feedback", "csv", organization="centre"))[
        0
    ]
    assert not set(CONTACT_COLUMNS) & set(header)
    assert viewed.count() == 1


def test_contact_details_are_blank_where_the_user_may_not_see_them(
    client, county, feedback, handler
):
    """A director of the area who handles the centre: the area's feedback, the centre's
    contact details, the dental clinic's left blank."""
    MembershipFactory(user=handler, organization=county["health"], role=Role.DIRECTOR)
    client.force_login(handler)
    book = xlsx_book(
        download(client, "backoffice:export-feedback", "xlsx", organization="health", contacts="on")
    )
    header, *body = list(book.active.iter_rows(values_only=True))
    rows = [dict(zip(header, row, strict=True)) for row in body]
    by_reference = {row["Reference"]: row for row in rows}
    assert by_reference[feedback["centre"].reference]["Contact email"] == "anna@example.fi"
    assert by_reference[feedback["dental"].reference]["Contact email"] is None
    assert by_reference[feedback["dental"].reference]["Contact name"] is None
    logged = set(
        Event.objects.filter(kind=Event.Kind.CONTACT_VIEWED).values_list("feedback_id", flat=True)
    )
    assert logged == {feedback["centre"].pk}


def test_feedback_xlsx_parses_back_with_real_dates_a_frozen_bold_header_and_no_formulas(
    client, county, feedback, staff_member
):
    client.force_login(staff_member)
    book = xlsx_book(download(client, "backoffice:export-feedback", "xlsx", organization="health"))
    sheet = book.active
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.column_dimensions["A"].width > 10
    header = [cell.value for cell in sheet[1]]
    title = sheet.cell(row=2, column=header.index("Title") + 1)
    assert title.value == '=HYPERLINK("http://evil.example","klikkaa")'
    assert title.data_type == "s"  # text, not a formula
    received = sheet.cell(row=2, column=header.index("Received") + 1).value
    assert received == at(5).replace(tzinfo=None)  # Helsinki wall-clock time
    assert sheet.max_row == 4  # the header and three feedback


def test_another_subtree_never_appears(client, county, feedback, handler, dental_topic):
    other_root = OrganizationFactory(code="other", kind="root", name_fi="Toinen kunta")
    other_topic = TopicFactory(service_code="toinen", organization=other_root)
    submit_feedback(topic=other_topic, title="Toinen", text="Muualla.", received_at=at(5))
    client.force_login(handler)
    rows = as_dicts(
        csv_rows(download(client, "backoffice:export-feedback", "csv", organization="centre"))
    )
    references = {row["Reference"] for row in rows}
    assert feedback["dental"].reference not in references
    assert len(references) == 2
    assert (
        download(client, "backoffice:export-feedback", "csv", organization="health").status_code
        == 403
    )
    assert (
        download(client, "backoffice:export-answers", "xlsx", organization="dental").status_code
        == 403
    )
    assert (
        download(client, "backoffice:report-export", "csv", organization="other").status_code == 403
    )


def test_unknown_formats_and_bad_periods(client, county, feedback, handler):
    client.force_login(handler)
    assert (
        download(client, "backoffice:export-feedback", "pdf", organization="centre").status_code
        == 404
    )
    assert (
        download(client, "backoffice:report-export", "json", organization="centre").status_code
        == 404
    )
    response = client.get(
        en("backoffice:export-feedback", fmt="csv"),
        {"organization": "centre", "period": "custom", "start": "2025-03-31", "end": "2025-03-01"},
    )
    assert response.status_code == 400
    assert "The period cannot end before it starts." in response.content.decode()


# Questionnaire answers


@pytest.fixture
def responses(points, county, topic, adult, admin):
    """Five answers in the centre, one with a contact request; two in the dental clinic."""
    centre = points["web"]
    dental = create_collection_point(
        organization=county["dental"], channel="web", questionnaire=adult, topic=topic, actor=admin
    )
    made = []
    for number, score in enumerate((10, 7, 7, 3, 0)):
        made.append(
            submit_survey(
                point=centre,
                version=centre.questionnaire.current_version(),
                answers=Answers(
                    nps=score,
                    statements={"saatavuus": 5, "kohtaaminen": None},
                    open_text="=1+1" if number == 0 else "",
                    respondent="customer",
                    age_group="30-49",
                    contact_requested=number == 1,
                    contact=ContactInput(name="Vastaaja Ville", email="ville@example.fi", phone="")
                    if number == 1
                    else None,
                ),
                received_at=at(10 + number),
            )
        )
    for number in range(2):
        submit_survey(
            point=dental,
            version=dental.questionnaire.current_version(),
            answers=Answers(nps=8),
            received_at=at(20 + number),
        )
    return made


def test_answers_csv_has_one_row_per_response_with_every_statement_and_no_contact(
    client, county, responses, handler
):
    MembershipFactory(user=handler, organization=county["health"], role=Role.SUPERVISOR)
    client.force_login(handler)
    rows = csv_rows(
        download(client, "backoffice:export-answers", "csv", organization="centre", contacts="on")
    )
    header = rows[0]
    for column in (
        "Reference",
        "Questionnaire",
        "Version",
        "Channel",
        "Respondent",
        "Age group",
        "Recommendation (0–10)",
        "Open text",
    ):
        assert column in header
    for code in ("saatavuus", "kohtaaminen", "osallistuminen", "hyodyllisyys"):
        assert code in header
    body = as_dicts(rows)
    assert [row["Reference"] for row in body] == [
        response.feedback.reference for response in responses
    ]
    first = body[0]
    assert first["Recommendation (0–10)"] == "10"
    assert first["saatavuus"] == "5"
    assert first["kohtaaminen"] == "don't know"
    assert first["osallistuminen"] == ""
    assert first["Questionnaire"] == "kansallinen-aikuiset"
    assert first["Respondent"] == "Customer"
    assert first["Age group"] == "30–49 years"
    assert first["Open text"] == "'=1+1"
    content = b"".join(
        download(
            client, "backoffice:export-answers", "csv", organization="health"
        ).streaming_content
    ).decode("utf-8-sig")
    assert "ville@example.fi" not in content and "Vastaaja Ville" not in content
    assert "Contact" not in content
    assert len(list(csv.reader(io.StringIO(content), delimiter=";"))) == 1 + 5 + 2
    assert not Event.objects.filter(kind=Event.Kind.CONTACT_VIEWED).exists()


def test_answers_xlsx_parses_back(client, county, responses, handler):
    client.force_login(handler)
    book = xlsx_book(download(client, "backoffice:export-answers", "xlsx", organization="centre"))
    header, *body = list(book.active.iter_rows(values_only=True))
    assert len(body) == 5
    rows = [dict(zip(header, row, strict=True)) for row in body]
    assert [row["Recommendation (0–10)"] for row in rows] == [10, 7, 7, 3, 0]
    assert rows[0]["saatavuus"] == 5
    assert rows[0]["Open text"] == "=1+1"
    assert book.active.cell(row=2, column=header.index("Open text") + 1).data_type == "s"
    assert isinstance(rows[0]["Received"], dt.datetime)


# The report's figures


def test_figures_export_shows_the_suppression_text_never_the_number(
    client, county, responses, handler
):
    client.force_login(handler)
    # The dental clinic has two answers (NPS 8 each): too few.
    director = person(county["health"], Role.DIRECTOR, "johtaja")
    client.force_login(director)
    rows = csv_rows(download(client, "backoffice:report-export", "csv", organization="dental"))
    flat = [cell for row in rows for cell in row]
    nps_row = next(row for row in rows if row and row[0] == "Recommendation index (NPS)")
    assert nps_row[1] == "fewer than 5 answers"
    answers_row = next(row for row in rows if row and row[0] == "Answers (n)")
    assert answers_row[1] == "2"
    assert "Passives (7–8)" in flat
    passives = next(row for row in rows if row and row[0] == "Passives (7–8)")
    assert passives[1] == "fewer than 5 answers"
    for section in (
        "Volumes",
        "NPS",
        "Statements",
        "Handling",
        "Critical feedback",
        "Development actions",
        "Themes",
    ):
        assert section in flat
    # The centre has five: its NPS shows, (1 − 2) / 5 = −20.
    rows = csv_rows(download(client, "backoffice:report-export", "csv", organization="centre"))
    nps_row = next(row for row in rows if row and row[0] == "Recommendation index (NPS)")
    assert nps_row[1] == "-20,0"  # a number of ours, not neutralised
    book = xlsx_book(download(client, "backoffice:report-export", "xlsx", organization="dental"))
    assert "NPS" in book.sheetnames
    values = {row[0]: row[1] for row in book["NPS"].iter_rows(values_only=True)}
    assert values["Recommendation index (NPS)"] == "fewer than 5 answers"
    assert values["Answered 8"] == "fewer than 5 answers"


def test_figures_sheets_flatten_a_report_dict():
    figures = {
        "organization": {"code": "x", "name": {"fi": "X", "sv": "X", "en": "X"}},
        "start": "2025-01-01",
        "end": "2025-06-30",
        "previous": None,
        "min_group": 5,
        "generated_at": "2025-07-01T00:00:00+03:00",
        "nps": {"value": None, "count": 3, "suppressed": True, "previous": 12.5, "change": None},
        "statements": [
            {
                "code": "saatavuus",
                "text": {"fi": "a", "sv": "a", "en": "a"},
                "count": 4,
                "positive_share": None,
                "distribution": None,
                "no_opinion": 1,
                "suppressed": True,
            }
        ],
        "handling": {
            "processing": {"count": 7, "in_time": 6, "share": 85.7, "suppressed": False},
            "contact": {"count": 2, "in_time": None, "share": None, "suppressed": True},
            "suppressed": True,
        },
        "themes": [{"lemma": "jono", "count": 6, "quotes": ["=pitkä jono", "toinen"]}],
    }
    with translation.override("en"):
        sheets = exports.figures_sheets(figures)
        text = b"".join(exports.csv_chunks(sheets)).decode("utf-8-sig")
    assert "Statements" in text
    assert "saatavuus;a;4;fewer than 5 answers;fewer than 5 answers" in text
    assert "Taken into processing within 5 working days (%);85,7" in text
    assert "Contacted within 14 days (%);fewer than 5 answers" in text
    assert "'=pitkä jono | toinen" in text


# The page


def test_the_exports_page_counts_the_rows_and_offers_the_downloads(
    client, county, feedback, handler
):
    client.force_login(handler)
    page = client.get(en("backoffice:exports"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'formaction="/en/staff/exports/feedback.csv"' in html
    assert 'formaction="/en/staff/exports/answers.xlsx"' in html
    assert 'formaction="/en/staff/reports/figures.csv"' in html
    assert 'name="contacts"' in html  # a handler may ask for contact details
    html = client.get(
        en("backoffice:exports"), {**PERIOD, "organization": "centre"}
    ).content.decode()
    assert "2 feedback" in html
    assert client.get(en("backoffice:exports"), {"organization": "health"}).status_code == 403


def test_staff_without_contact_rights_are_not_offered_contact_details(client, county, staff_member):
    client.force_login(staff_member)
    html = client.get(en("backoffice:exports")).content.decode()
    assert 'name="contacts"' not in html


def test_formula_neutralising():
    assert exports.csv_value("=A1") == "'=A1"
    assert exports.csv_value("@SUM(A1)") == "'@SUM(A1)"
    assert exports.csv_value("-2+3") == "'-2+3"
    assert exports.csv_value("\tx") == "'\tx"
    assert exports.csv_value("ok = fine") == "ok = fine"
    assert exports.csv_value(-12.5) == "-12,5"
    assert exports.csv_value(None) == ""
