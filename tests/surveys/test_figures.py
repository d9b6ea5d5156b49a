"""Figures of a period, counted in the database from answers submitted through the real
services: NPS, statements, own statements, suppression, subtree, period and removal."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from palaute.feedback.models import Channel, Feedback
from palaute.feedback.services import remove_feedback, set_critical, submit_feedback
from palaute.surveys import national
from palaute.surveys.figures import MIN_GROUP, measure, nps, period_figures
from palaute.surveys.models import CollectionPoint
from palaute.surveys.services import (
    Answers,
    create_collection_point,
    save_own_statement,
    submit_survey,
)

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
START = dt.date(2025, 6, 1)
END = dt.date(2025, 6, 30)
MIDDLE = dt.datetime(2025, 6, 15, 12, 0, tzinfo=HELSINKI)


def local(day: int, hour: int = 12, minute: int = 0, month: int = 6) -> dt.datetime:
    return dt.datetime(2025, month, day, hour, minute, tzinfo=HELSINKI)


def respond(point: CollectionPoint, *, at: dt.datetime = MIDDLE, **answers):
    """One questionnaire through the real service, received at ``at``."""
    return submit_survey(
        point=point,
        version=point.questionnaire.current_version(),
        answers=Answers(**answers),
        received_at=at,
    )


def empty_statement(code: str) -> dict:
    return {
        "code": code,
        "text": dict(zip(("fi", "sv", "en"), _adult_text(code), strict=True)),
        "count": 0,
        "positive_share": None,
        "distribution": None,
        "no_opinion": 0,
        "suppressed": True,
    }


def _adult_text(code: str) -> tuple:
    return next(item["text"] for item in national.ADULT["items"] if item["code"] == code)


@pytest.fixture
def dental_point(county, topic, adult, admin) -> CollectionPoint:
    """A web point in the dental clinic, the unit's sibling."""
    return create_collection_point(
        organization=county["dental"], channel="web", questionnaire=adult, topic=topic, actor=admin
    )


def own_statement(*, organization, code: str, admin, order: int = 1):
    return save_own_statement(
        organization=organization,
        statement=None,
        code=code,
        texts={
            "text_fi": f"Oma väittämä {code}.",
            "text_sv": f"Eget påstående {code}.",
            "text_en": f"Own statement {code}.",
        },
        order=order,
        is_active=True,
        actor=admin,
    )


# nps()


def test_nps_is_the_share_of_promoters_minus_the_share_of_detractors():
    assert nps([10, 9, 8, 6, 3, 10]) == 16.7  # (3 - 2) / 6 * 100
    assert nps(iter([9, 10, 7, 8])) == 50.0  # an iterator will do
    assert nps([9, 10]) == 100.0
    assert nps([0, 6, 6, 7, 8]) == -60.0
    assert nps([7, 8]) == 0.0
    assert nps([10] + [8] * 15) == 6.3  # 6.25: halves are rounded up
    assert nps([]) is None


def test_nps_refuses_scores_outside_0_to_10():
    with pytest.raises(ValueError, match="0 to 10"):
        nps([5, 11])
    with pytest.raises(ValueError, match="0 to 10"):
        nps([-1])


# period_figures()


def test_the_figures_of_a_period_exactly(county, points):
    scores = [10, 9, 8, 6, 3, 10]
    saatavuus = [5, 4, 4, 2, 1, None]
    kohtaaminen = [5, 5, 5, 5, 4, 3]
    osallistuminen = [4, None, 5, None, 1]  # and a seventh "don't know" below
    channels = ["web", "web", "tablet", "paper", "qr", "web"]
    for i, score in enumerate(scores):
        statements = {"saatavuus": saatavuus[i], "kohtaaminen": kohtaaminen[i]}
        if i < 5:
            statements["osallistuminen"] = osallistuminen[i]
        respond(points[channels[i]], nps=score, statements=statements)
    respond(points["web"], statements={"osallistuminen": None})  # no score

    figures = period_figures(organization=county["unit"], start=START, end=END)

    expected_statements = [empty_statement(code) for code in national.STATEMENT_CODES]
    expected_statements[0] |= {
        "count": 5,
        "positive_share": 60.0,
        "distribution": {"1": 1, "2": 1, "3": 0, "4": 2, "5": 1},
        "no_opinion": 1,
        "suppressed": False,
    }
    expected_statements[1] |= {
        "count": 6,
        "positive_share": 83.3,
        "distribution": {"1": 0, "2": 0, "3": 1, "4": 1, "5": 4},
        "no_opinion": 0,
        "suppressed": False,
    }
    expected_statements[2] |= {"count": 3, "no_opinion": 3}  # 4, 5, 1 on the scale
    assert figures == {
        "start": "2025-06-01",
        "end": "2025-06-30",
        "min_group": MIN_GROUP,
        "feedback": {
            "total": 7,
            "by_kind": {"feedback": 7, "question": 0},
            "by_channel": dict.fromkeys(Channel.values, 0)
            | {"web": 4, "tablet": 1, "paper": 1, "qr": 1},
            "critical": 0,
        },
        "responses": 7,
        "nps": {
            "value": 16.7,
            "count": 6,
            "promoters": 3,
            "passives": 1,
            "detractors": 2,
            "suppressed": False,
        },
        "statements": expected_statements,
        "own_statements": [],
    }
    assert json.loads(json.dumps(figures)) == figures
    assert expected_statements[0]["text"]["fi"] == "Sain apua silloin, kun tarvitsin."


def test_an_empty_period_has_zeros_and_everything_suppressed(county, points):
    figures = period_figures(organization=county["unit"], start=START, end=END)
    assert figures["feedback"]["total"] == 0
    assert figures["responses"] == 0
    assert figures["nps"] == {
        "value": None,
        "count": 0,
        "promoters": None,
        "passives": None,
        "detractors": None,
        "suppressed": True,
    }
    assert figures["statements"] == [empty_statement(code) for code in national.STATEMENT_CODES]
    assert figures["own_statements"] == []


def test_fewer_than_five_respondents_are_suppressed_and_five_are_shown(county, points):
    for score in [10, 10, 0, 7]:
        respond(points["web"], nps=score, statements={"turvallisuus": 5})
    figures = period_figures(organization=county["unit"], start=START, end=END)
    assert figures["responses"] == 4
    assert figures["nps"] == {
        "value": None,
        "count": 4,
        "promoters": None,
        "passives": None,
        "detractors": None,
        "suppressed": True,
    }
    safety = figures["statements"][national.STATEMENT_CODES.index("turvallisuus")]
    assert (safety["count"], safety["positive_share"], safety["distribution"]) == (4, None, None)
    assert safety["suppressed"] is True

    respond(points["web"], nps=6, statements={"turvallisuus": 3})
    figures = period_figures(organization=county["unit"], start=START, end=END)
    assert figures["nps"] == {
        "value": 0.0,  # (2 - 2) / 5
        "count": 5,
        "promoters": 2,
        "passives": 1,
        "detractors": 2,
        "suppressed": False,
    }
    safety = figures["statements"][national.STATEMENT_CODES.index("turvallisuus")]
    assert safety["positive_share"] == 80.0
    assert safety["distribution"] == {"1": 0, "2": 0, "3": 1, "4": 0, "5": 4}
    assert safety["suppressed"] is False


def test_the_subtree_is_included_and_sibling_units_are_not(county, points, dental_point):
    for score in [10, 10, 10, 10, 10]:
        respond(points["web"], nps=score)
    for score in [0, 0, 0, 0, 9, 9]:
        respond(dental_point, nps=score)

    unit = period_figures(organization=county["unit"], start=START, end=END)
    dental = period_figures(organization=county["dental"], start=START, end=END)
    area = period_figures(organization=county["health"], start=START, end=END)
    root = period_figures(organization=county["root"], start=START, end=END)

    assert (unit["responses"], unit["nps"]["value"], unit["nps"]["count"]) == (5, 100.0, 5)
    assert (dental["responses"], dental["nps"]["value"]) == (6, -33.3)  # (2 - 4) / 6
    assert unit["feedback"]["total"] == 5
    assert dental["feedback"]["total"] == 6
    # (7 - 4) / 11 = 27.27…
    assert (area["responses"], area["nps"]["value"], area["feedback"]["total"]) == (11, 27.3, 11)
    assert root["nps"] == area["nps"]


def test_the_period_runs_from_local_midnight_to_local_midnight(county, points):
    # 00:30 on 1 June in Helsinki is 31 May in UTC and 00:30 on 1 July is 30 June:
    # only the local date decides.
    assert local(1, 0, 30).astimezone(dt.UTC).date() == dt.date(2025, 5, 31)
    assert local(1, 0, 30, month=7).astimezone(dt.UTC).date() == dt.date(2025, 6, 30)
    inside = [local(1, 0, 30), local(30, 23, 30)]
    outside = [local(31, 23, 30, month=5), local(1, 0, 30, month=7)]
    for at in inside:
        respond(points["web"], nps=10, statements={"saatavuus": 5}, at=at)
    for at in outside:
        respond(points["web"], nps=0, statements={"saatavuus": 1}, at=at)

    figures = period_figures(organization=county["unit"], start=START, end=END)
    assert figures["feedback"]["total"] == 2
    assert figures["responses"] == 2
    assert figures["nps"]["count"] == 2
    assert figures["statements"][0]["count"] == 2
    assert measure(organization=county["unit"], kind="nps", start=START, end=END) == (None, 2)

    # One day periods at either end.
    assert period_figures(organization=county["unit"], start=END, end=END)["responses"] == 1
    july = period_figures(
        organization=county["unit"], start=dt.date(2025, 7, 1), end=dt.date(2025, 7, 1)
    )
    assert july["responses"] == 1


def test_removed_feedback_counts_nowhere(county, points, unit_topic, admin):
    responses = [
        respond(points["web"], nps=score, statements={"hyodyllisyys": value})
        for score, value in [(10, 5), (10, 5), (10, 5), (10, 5), (10, 5), (0, 1)]
    ]
    letter = submit_feedback(
        topic=unit_topic, title="Kiitos", text="Hyvää palvelua.", received_at=MIDDLE
    ).feedback
    before = period_figures(organization=county["unit"], start=START, end=END)
    assert (before["feedback"]["total"], before["responses"]) == (7, 6)
    assert before["nps"]["value"] == 66.7  # (5 - 1) / 6

    remove_feedback(feedback=responses[-1].feedback, actor=admin, reason="Asiaton")
    remove_feedback(feedback=letter, actor=admin, reason="Roskapostia")
    assert Feedback.objects.filter(status=Feedback.Status.REMOVED).count() == 2

    after = period_figures(organization=county["unit"], start=START, end=END)
    assert after["feedback"]["total"] == 5
    assert after["responses"] == 5
    assert after["nps"]["value"] == 100.0
    useful = after["statements"][national.STATEMENT_CODES.index("hyodyllisyys")]
    assert (useful["count"], useful["positive_share"]) == (5, 100.0)
    assert measure(organization=county["unit"], kind="nps", start=START, end=END) == (100.0, 5)


def test_all_feedback_of_the_period_is_counted_by_kind_channel_and_criticality(
    county, points, unit_topic, dental_point, admin
):
    respond(points["sms"], nps=9)
    question = submit_feedback(
        topic=unit_topic,
        title="Aukioloajat",
        text="Milloin olette auki juhannuksena?",
        kind=Feedback.Kind.QUESTION,
        channel=Channel.EMAIL,
        received_at=MIDDLE,
    ).feedback
    letter = submit_feedback(
        topic=unit_topic, title="Odotus", text="Jouduin odottamaan pitkään.", received_at=MIDDLE
    ).feedback
    set_critical(feedback=letter, critical=True, actor=admin, reason="Potilasturvallisuus")
    respond(dental_point, nps=0)  # a sibling's
    assert question.organization == county["unit"]

    figures = period_figures(organization=county["unit"], start=START, end=END)
    assert figures["feedback"] == {
        "total": 3,
        "by_kind": {"feedback": 2, "question": 1},
        "by_channel": dict.fromkeys(Channel.values, 0) | {"sms": 1, "email": 1, "web": 1},
        "critical": 1,
    }
    assert figures["responses"] == 1


def test_own_statements_answered_in_the_subtree(county, points, dental_point, admin):
    phone = own_statement(organization=county["unit"], code="puhelin", admin=admin, order=2)
    wait = own_statement(organization=county["health"], code="odotus", admin=admin, order=1)
    dental_only = own_statement(organization=county["dental"], code="hammas", admin=admin)
    unused = own_statement(organization=county["unit"], code="pysakointi", admin=admin, order=3)
    for phone_value, wait_value in [(5, 2), (4, 3), (4, None), (1, 1), (2, 5), (None, 4)]:
        respond(points["web"], nps=8, own={phone.pk: phone_value, wait.pk: wait_value})
    respond(dental_point, own={dental_only.pk: 5, wait.pk: 5})

    figures = period_figures(organization=county["unit"], start=START, end=END)
    # The area's statement first (nearer the root), then the unit's; answered ones only.
    assert figures["own_statements"] == [
        {
            "id": wait.pk,
            "code": "odotus",
            "text": {
                "fi": "Oma väittämä odotus.",
                "sv": "Eget påstående odotus.",
                "en": "Own statement odotus.",
            },
            "count": 5,
            "positive_share": 40.0,
            "distribution": {"1": 1, "2": 1, "3": 1, "4": 1, "5": 1},
            "no_opinion": 1,
            "suppressed": False,
        },
        {
            "id": phone.pk,
            "code": "puhelin",
            "text": {
                "fi": "Oma väittämä puhelin.",
                "sv": "Eget påstående puhelin.",
                "en": "Own statement puhelin.",
            },
            "count": 5,
            "positive_share": 60.0,
            "distribution": {"1": 1, "2": 1, "3": 0, "4": 2, "5": 1},
            "no_opinion": 1,
            "suppressed": False,
        },
    ]
    assert unused.pk not in {row["id"] for row in figures["own_statements"]}

    dental = period_figures(organization=county["dental"], start=START, end=END)
    assert [(row["code"], row["count"], row["suppressed"]) for row in dental["own_statements"]] == [
        ("odotus", 1, True),
        ("hammas", 1, True),
    ]
    assert dental["own_statements"][0]["positive_share"] is None
    assert dental["own_statements"][0]["distribution"] is None
    area = period_figures(organization=county["health"], start=START, end=END)
    assert [(row["code"], row["count"]) for row in area["own_statements"]] == [
        ("odotus", 6),
        ("hammas", 1),
        ("puhelin", 5),
    ]


# measure()


def test_measure_nps(county, points):
    for score in [10, 9, 8, 6, 3, 10]:
        respond(points["web"], nps=score)
    respond(points["web"], statements={"saatavuus": 5})  # no score: not a respondent here
    assert measure(organization=county["unit"], kind="nps", start=START, end=END) == (16.7, 6)
    assert measure(organization=county["root"], kind="nps", start=START, end=END) == (16.7, 6)
    assert measure(organization=county["dental"], kind="nps", start=START, end=END) == (None, 0)
    before = dt.date(2025, 5, 1), dt.date(2025, 5, 31)
    assert measure(organization=county["unit"], kind="nps", start=before[0], end=before[1]) == (
        None,
        0,
    )


def test_measure_a_national_statement_leaves_out_dont_know(county, points):
    for value in [5, 4, 3, 2, 4, None, None]:
        respond(points["web"], statements={"tiedon_saanti": value, "saatavuus": 1})
    result = measure(
        organization=county["unit"],
        kind="statement",
        start=START,
        end=END,
        statement_code="tiedon_saanti",
    )
    assert result == (60.0, 5)  # 3 of the 5 on the scale agree
    other = measure(
        organization=county["unit"],
        kind="statement",
        start=START,
        end=END,
        statement_code="saatavuus",
    )
    assert other == (0.0, 7)
    unanswered = measure(
        organization=county["unit"],
        kind="statement",
        start=START,
        end=END,
        statement_code="turvallisuus",
    )
    assert unanswered == (None, 0)


def test_measure_an_own_statement(county, points, admin):
    phone = own_statement(organization=county["unit"], code="puhelin", admin=admin)
    for value in [5, 5, 4, 1]:
        respond(points["web"], own={phone.pk: value})
    args = {"organization": county["unit"], "kind": "own_statement", "start": START, "end": END}
    assert measure(**args, own_statement=phone) == (None, 4)
    respond(points["web"], own={phone.pk: 2})
    respond(points["web"], own={phone.pk: None})
    assert measure(**args, own_statement=phone) == (60.0, 5)
    assert measure(**args, own_statement=phone.pk) == (60.0, 5)


def test_measure_refuses_what_it_cannot_count(county):
    args = {"organization": county["unit"], "start": START, "end": END}
    with pytest.raises(ValueError, match="Unknown measure"):
        measure(**args, kind="average")
    with pytest.raises(ValueError, match="Unknown national statement"):
        measure(**args, kind="statement", statement_code="nps")
    with pytest.raises(ValueError, match="own statement is needed"):
        measure(**args, kind="own_statement")


# Counting in the database


def _queries(func) -> int:
    with CaptureQueriesContext(connection) as context:
        func()
    return len(context.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_responses(
    county, points, admin, django_assert_max_num_queries
):
    phone = own_statement(organization=county["unit"], code="puhelin", admin=admin)
    wait = own_statement(organization=county["health"], code="odotus", admin=admin)

    def seed(count: int) -> None:
        for i in range(count):
            respond(
                points["web" if i % 2 else "tablet"],
                nps=i % 11,
                statements=dict.fromkeys(national.STATEMENT_CODES, i % 5 + 1),
                own={phone.pk: (i % 5) + 1, wait.pk: None if i % 3 else 4},
            )

    def figures() -> dict:
        return period_figures(organization=county["unit"], start=START, end=END)

    def measures() -> list:
        return [
            measure(organization=county["unit"], kind="nps", start=START, end=END),
            measure(
                organization=county["unit"],
                kind="statement",
                start=START,
                end=END,
                statement_code="kohtaaminen",
            ),
            measure(
                organization=county["unit"],
                kind="own_statement",
                start=START,
                end=END,
                own_statement=phone,
            ),
        ]

    seed(5)
    few = _queries(figures), _queries(measures)
    seed(25)
    with django_assert_max_num_queries(5):
        result = figures()
    with django_assert_max_num_queries(3):
        measured = measures()
    assert (_queries(figures), _queries(measures)) == few
    assert result["responses"] == 30
    assert all(row["count"] == 30 for row in result["statements"])
    # The area's statement was answered (4) by every third respondent, the rest "don't know".
    assert [row["count"] for row in result["own_statements"]] == [11, 30]
    assert [count for _value, count in measured] == [30, 30, 30]
