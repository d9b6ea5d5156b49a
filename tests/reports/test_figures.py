"""The unified report from the rollup: known answers give known figures, and the rollup
agrees with the raw rows (surveys.figures.period_figures) after arrivals, edits, moves and
removals, for whole months and for periods that cut months."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from palaute.feedback.models import Feedback
from palaute.feedback.services import (
    ContactInput,
    acknowledge_critical,
    add_answer,
    change_status,
    forward_feedback,
    mark_contacted,
    remove_feedback,
    set_critical,
    submit_feedback,
)
from palaute.reports import rollup
from palaute.reports.models import FeedbackFigure, PendingRollup, ScoreFigure, Span
from palaute.reports.selectors import (
    half_year,
    previous_period,
    report_figures,
    unit_comparison,
)
from palaute.surveys.figures import period_figures
from palaute.surveys.services import Answers, submit_survey

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
CODES = ("saatavuus", "kohtaaminen")


def at(month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(2025, month, day, hour, minute, tzinfo=HELSINKI)


def respond(point, *, when: dt.datetime, **answers):
    return submit_survey(
        point=point,
        version=point.questionnaire.current_version(),
        answers=Answers(**answers),
        received_at=when,
    )


def comparable(figures: dict) -> dict:
    """The parts that the raw figures and the report share."""
    volumes = figures.get("volumes") or figures["feedback"]
    nps = {
        key: figures["nps"][key]
        for key in ("value", "count", "promoters", "passives", "detractors", "suppressed")
    }
    return {
        "total": volumes["total"],
        "critical": volumes["critical"],
        "by_kind": volumes["by_kind"],
        "by_channel": volumes["by_channel"],
        "responses": figures["responses"],
        "nps": nps,
        "statements": [
            {
                key: s[key]
                for key in ("code", "count", "positive_share", "distribution", "suppressed")
            }
            | {"no_opinion": s["no_opinion"]}
            for s in figures["statements"]
        ],
        "own": [
            {key: s[key] for key in ("id", "count", "positive_share", "distribution")}
            for s in figures["own_statements"]
        ],
    }


def assert_agrees(organization, start, end):
    report = report_figures(organization=organization, start=start, end=end)
    raw = period_figures(organization=organization, start=start, end=end)
    assert comparable(report) == comparable(raw)
    return report


# Known answers


def test_nps_and_statement_shares_from_known_answers(county, points):
    web = points["web"]
    scores = [10, 9, 9, 8, 7, 6, 3, 0, 10, 10]
    for index, score in enumerate(scores):
        respond(
            web,
            when=at(3, 1 + index),
            nps=score,
            statements={"saatavuus": [5, 4, 4, 3, 2, 1, 5, 4, None, 5][index]},
        )
    report = report_figures(
        organization=county["health"], start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31)
    )
    # 5 promoters, 3 detractors of 10: 50 % − 30 % = 20.0
    assert report["nps"]["value"] == 20.0
    assert report["nps"]["count"] == 10
    assert (report["nps"]["promoters"], report["nps"]["passives"], report["nps"]["detractors"]) == (
        5,
        2,
        3,
    )
    assert report["nps"]["distribution"]["10"] == 3
    saatavuus = report["statements"][0]
    assert saatavuus["code"] == "saatavuus"
    # 9 on the scale (one "don't know"), 6 of them 4–5: 66.7 %
    assert saatavuus["count"] == 9
    assert saatavuus["no_opinion"] == 1
    assert saatavuus["positive_share"] == 66.7
    assert saatavuus["distribution"] == {"1": 1, "2": 1, "3": 1, "4": 3, "5": 3}
    assert report["responses"] == 10
    assert report["questionnaires"][0]["responses"] == 10
    assert report["volumes"]["by_month"] == [{"month": "2025-03", "count": 10}]


def test_fewer_than_five_answers_are_suppressed_and_five_are_shown(county, points):
    for index in range(4):
        respond(points["web"], when=at(3, 2 + index), nps=10, statements={"saatavuus": 5})
    period = {"start": dt.date(2025, 3, 1), "end": dt.date(2025, 3, 31)}
    report = report_figures(organization=county["unit"], **period)
    assert report["nps"] | {"previous": None, "change": None} == {
        "value": None,
        "count": 4,
        "promoters": None,
        "passives": None,
        "detractors": None,
        "distribution": None,
        "suppressed": True,
        "previous": None,
        "change": None,
    }
    assert report["statements"][0]["positive_share"] is None
    assert report["statements"][0]["distribution"] is None
    assert report["statements"][0]["suppressed"] is True

    respond(points["web"], when=at(3, 20), nps=0, statements={"saatavuus": 1})
    report = report_figures(organization=county["unit"], **period)
    assert report["nps"]["value"] == 60.0
    assert report["nps"]["suppressed"] is False
    assert report["statements"][0]["positive_share"] == 80.0


def test_trend_against_the_previous_period(county, points):
    for index in range(5):
        respond(points["web"], when=at(1, 10 + index), nps=10, statements={"saatavuus": 5})
    for index, score in enumerate([10, 10, 0, 0, 8, 8]):
        respond(
            points["web"],
            when=at(7, 10 + index),
            nps=score,
            statements={"saatavuus": 2 if score == 0 else 4},
        )
    start, end = half_year(dt.date(2025, 9, 1))
    assert (start, end) == (dt.date(2025, 7, 1), dt.date(2025, 12, 31))
    report = report_figures(organization=county["root"], start=start, end=end)
    assert report["previous"] == {"start": "2025-01-01", "end": "2025-06-30"}
    assert report["nps"]["previous"] == 100.0
    assert report["nps"]["value"] == 0.0  # 2 promoters, 2 detractors of 6
    assert report["nps"]["change"] == -100.0
    saatavuus = report["statements"][0]
    assert saatavuus["previous"] == 100.0
    assert saatavuus["positive_share"] == 66.7
    assert saatavuus["change"] == -33.3
    # A statement nobody answered before has no trend.
    assert report["statements"][1]["change"] is None


def test_previous_period_of_months_and_of_days():
    assert previous_period(dt.date(2025, 1, 1), dt.date(2025, 6, 30)) == (
        dt.date(2024, 7, 1),
        dt.date(2024, 12, 31),
    )
    assert previous_period(dt.date(2025, 3, 1), dt.date(2025, 3, 31)) == (
        dt.date(2025, 2, 1),
        dt.date(2025, 2, 28),
    )
    assert previous_period(dt.date(2025, 3, 10), dt.date(2025, 3, 19)) == (
        dt.date(2025, 2, 28),
        dt.date(2025, 3, 9),
    )


# The rollup agrees with the raw rows


def test_rollup_agrees_with_raw_after_arrivals_edits_moves_and_removals(
    county, points, topic, admin, own_statement_for_unit
):
    own = own_statement_for_unit
    answers = []
    for index in range(14):
        answers.append(
            respond(
                points[["web", "tablet", "qr", "paper"][index % 4]],
                # Across the turn of June and July, and late in the evening (local time).
                when=at(6, 25 + index % 6, 23, 30) if index % 3 else at(7, 1 + index, 0, 15),
                nps=index % 11,
                statements={"saatavuus": 1 + index % 5, "kohtaaminen": None if index % 4 else 5},
                own={own.pk: 1 + (index * 2) % 5},
                open_text="Jonossa meni kauan." if index % 5 == 0 else "",
            )
        )
    written = submit_feedback(
        topic=topic,
        organization=county["unit"],
        title="Kysymys",
        text="Milloin laboratorio aukeaa?",
        kind=Feedback.Kind.QUESTION,
        received_at=at(6, 28),
        notify=False,
    ).feedback
    periods = [
        (dt.date(2025, 6, 1), dt.date(2025, 7, 31)),  # whole months
        (dt.date(2025, 6, 27), dt.date(2025, 7, 8)),  # cuts both months
        (dt.date(2025, 6, 30), dt.date(2025, 6, 30)),  # one day
    ]
    nodes = [county["root"], county["health"], county["unit"], county["dental"]]

    def check():
        for organization in nodes:
            for start, end in periods:
                assert_agrees(organization, start, end)

    check()
    assert not PendingRollup.objects.exists()

    # Edits: a critical flag, handling, a move to the sibling unit, a removal.
    set_critical(feedback=answers[1].feedback, critical=True, actor=admin, reason="Vaarallista")
    change_status(feedback=written, status=Feedback.Status.IN_PROCESSING, actor=admin)
    forward_feedback(feedback=answers[2].feedback, organization=county["dental"], actor=admin)
    forward_feedback(feedback=written, organization=county["dental"], actor=admin)
    remove_feedback(feedback=answers[3].feedback, actor=admin, reason="Asiaton")
    assert PendingRollup.objects.exists()
    check()

    dental = report_figures(
        organization=county["dental"], start=dt.date(2025, 6, 1), end=dt.date(2025, 7, 31)
    )
    assert dental["volumes"]["total"] == 2
    assert dental["volumes"]["by_kind"]["question"] == 1
    assert dental["responses"] == 1


def test_rebuild_gives_the_same_rows_as_the_incremental_rollup(county, points):
    for index in range(8):
        when = at(5, 1, 22) + dt.timedelta(days=5 * index)
        respond(points["web"], when=when, nps=index, statements={"saatavuus": 3})
    rollup.refresh()

    def snapshot():
        return sorted(
            (row.span, row.day, row.organization_id, row.question, row.total, row.n3, row.n7)
            for row in ScoreFigure.objects.all()
        ) + sorted(
            (row.span, row.day, row.organization_id, row.channel, row.total)
            for row in FeedbackFigure.objects.all()
        )

    incremental = snapshot()
    ScoreFigure.objects.all().delete()
    FeedbackFigure.objects.all().delete()
    rollup.rebuild()
    assert snapshot() == incremental
    assert FeedbackFigure.objects.filter(span=Span.MONTH).count() == 2  # May and June
    # The answer at 22 on 31 May (local, 19 UTC) belongs to May; 5 June's to June.
    may = FeedbackFigure.objects.get(span=Span.MONTH, day=dt.date(2025, 5, 1))
    assert may.total == 7


def test_a_month_row_is_read_instead_of_the_days(county, points, django_assert_max_num_queries):
    for index in range(6):
        respond(points["web"], when=at(4, 1 + index), nps=9)
    rollup.refresh()
    ScoreFigure.objects.filter(span=Span.DAY).update(n9=0, total=0)
    report = report_figures(
        organization=county["unit"], start=dt.date(2025, 4, 1), end=dt.date(2025, 4, 30)
    )
    assert report["nps"]["count"] == 6  # read from the month row
    report = report_figures(
        organization=county["unit"], start=dt.date(2025, 4, 1), end=dt.date(2025, 4, 29)
    )
    assert report["nps"]["count"] == 0  # days, edited above


# Handling


def written_feedback(topic, county, when, **kwargs):
    return submit_feedback(
        topic=topic,
        organization=county["unit"],
        title="Palaute",
        text="Pitkä jono laboratoriossa.",
        received_at=when,
        notify=False,
        **kwargs,
    ).feedback


def test_deadline_shares_and_median_handling_time(county, topic, admin):
    # Monday 2 June 2025; the fifth working day after it is Monday 9 June.
    monday = at(6, 2, 9)
    items = [written_feedback(topic, county, monday) for _ in range(5)]
    # Answering takes a feedback into processing. 150 hours is Sunday 8 June, in time;
    # 200 hours is Tuesday 10 June, late.
    for feedback, hours in zip(items, [2, 5, 30, 150, 200], strict=True):
        add_answer(
            feedback=feedback,
            text="Kiitos palautteesta.",
            author=admin,
            at=monday + dt.timedelta(hours=hours),
            notify=False,
        )
    contact = [
        written_feedback(
            topic,
            county,
            monday,
            contact=ContactInput(email="a@example.fi"),
            contact_requested=True,
        )
        for _ in range(5)
    ]
    for feedback, days in zip(contact, [1, 13, 15], strict=False):
        mark_contacted(feedback=feedback, actor=admin, at=monday + dt.timedelta(days=days))
    report = report_figures(
        organization=county["root"],
        start=dt.date(2025, 6, 1),
        end=dt.date(2025, 6, 30),
        now=at(7, 15),
    )
    handling = report["handling"]
    assert handling["to_handle"] == 10
    # Of the first five, 4 were taken by Monday 9 June's end; the contact ones never were.
    assert handling["processing"]["count"] == 10
    assert handling["processing"]["in_time"] == 4
    assert handling["processing"]["share"] == 40.0
    assert handling["contact"]["requested"] == 5
    assert handling["contact"]["in_time"] == 2
    assert handling["contact"]["share"] == 40.0
    # Answered after 2, 5, 30, 150 and 200 hours: the median is 30 hours.
    assert handling["handled"] == 5
    assert handling["median_hours"] == 30
    assert handling["median_days"] == 1.2


def test_running_deadlines_are_not_counted_as_missed(county, topic, admin):
    monday = at(6, 2, 9)
    for _ in range(6):
        written_feedback(topic, county, monday)
    on_tuesday = report_figures(
        organization=county["unit"],
        start=dt.date(2025, 6, 1),
        end=dt.date(2025, 6, 30),
        now=at(6, 3, 12),
    )["handling"]
    assert on_tuesday["processing"]["count"] == 0
    assert on_tuesday["processing"]["share"] is None
    assert on_tuesday["processing"]["suppressed"] is True
    later = report_figures(
        organization=county["unit"],
        start=dt.date(2025, 6, 1),
        end=dt.date(2025, 6, 30),
        now=at(6, 20, 12),
    )["handling"]
    assert later["processing"]["count"] == 6
    assert later["processing"]["share"] == 0.0


def test_critical_count_and_time_to_acknowledgement(county, topic, admin, time_machine):
    items = []
    for index in range(5):
        time_machine.move_to(at(6, 2 + index, 8), tick=False)
        feedback = written_feedback(topic, county, at(6, 2 + index, 8))
        set_critical(feedback=feedback, critical=True, actor=admin, reason="Vaara")
        items.append(feedback)
    for index, feedback in enumerate(items):
        time_machine.move_to(
            at(6, 2 + index, 8) + dt.timedelta(minutes=10 * (index + 1)), tick=False
        )
        acknowledge_critical(feedback=feedback, actor=admin)
    critical = report_figures(
        organization=county["health"], start=dt.date(2025, 6, 1), end=dt.date(2025, 6, 30)
    )["critical"]
    assert critical["count"] == 5
    assert critical["acknowledged"] == 5
    assert critical["median_minutes_to_ack"] == 30.0


def test_themes_count_lemmas_and_quote_only_safe_texts(county, topic):
    texts = [
        "Jonot olivat pitkät. Muuten hyvä.",
        "Jonossa odotin tunnin.",
        "Liian pitkä jono aamulla.",
        "Jonoa ei ollut, kiitos.",
        "Soita minulle 040 123 4567, jono oli kamala.",
    ]
    for index, text in enumerate(texts):
        submit_feedback(
            topic=topic,
            organization=county["unit"],
            title="Jono",
            text=text,
            received_at=at(6, 2 + index),
            notify=False,
        )
    themes = report_figures(
        organization=county["root"], start=dt.date(2025, 6, 1), end=dt.date(2025, 6, 30)
    )["themes"]
    jono = next(theme for theme in themes if theme["lemma"] == "jono")
    assert jono["count"] == 5
    assert jono["quotes"]
    assert all("040" not in quote for quote in jono["quotes"])
    # Mentioned in four texts only: below the group size, not shown.
    assert all(theme["count"] >= 5 for theme in themes)


# Units side by side


def test_units_side_by_side(county, points, topic, adult, admin):
    from palaute.surveys.services import create_collection_point

    dental_point = create_collection_point(
        organization=county["dental"], channel="web", questionnaire=adult, topic=topic, actor=admin
    )
    for index, score in enumerate([10, 10, 9, 5, 0]):
        respond(points["web"], when=at(6, 1 + index), nps=score, statements={"saatavuus": 5})
    for index in range(3):
        respond(dental_point, when=at(6, 10 + index), nps=10)
    comparison = unit_comparison(
        organization=county["health"], start=dt.date(2025, 6, 1), end=dt.date(2025, 6, 30)
    )
    units = {row["organization"]["code"]: row for row in comparison["units"]}
    assert set(units) == {"centre", "dental"}
    assert units["centre"]["nps"] == {"value": 20.0, "count": 5, "suppressed": False}
    assert units["centre"]["statements"]["saatavuus"]["positive_share"] == 100.0
    assert units["dental"]["nps"] == {"value": None, "count": 3, "suppressed": True}
    assert units["dental"]["feedback"] == 3
    assert comparison["total"]["feedback"] == 8
    assert comparison["total"]["nps"]["value"] == 50.0  # 6 promoters, 2 detractors of 8


def test_the_rollup_command(county, points):
    from io import StringIO

    from django.core.management import CommandError, call_command

    respond(points["web"], when=at(4, 2), nps=7)
    out = StringIO()
    call_command("rollup", stdout=out)
    assert "Rolled up 1 day(s)." in out.getvalue()
    assert FeedbackFigure.objects.filter(span=Span.MONTH, total=1).exists()
    FeedbackFigure.objects.all().delete()
    call_command("rollup", "--rebuild", "--from", "2025-04-01", "--to", "2025-04-30", stdout=out)
    assert FeedbackFigure.objects.filter(span=Span.DAY, day=dt.date(2025, 4, 2)).exists()
    with pytest.raises(CommandError, match="after"):
        call_command("rollup", "--rebuild", "--from", "2025-05-01", "--to", "2025-04-30")
    with pytest.raises(CommandError, match="Not a date"):
        call_command("rollup", "--rebuild", "--from", "huhtikuu")


def test_subtree_month_rows_sum_the_units_below_and_follow_moves(
    county, points, topic, adult, admin
):
    from palaute.surveys.services import create_collection_point

    dental_point = create_collection_point(
        organization=county["dental"], channel="web", questionnaire=adult, topic=topic, actor=admin
    )
    centre_answers = [respond(points["web"], when=at(9, 3 + index), nps=10) for index in range(3)]
    respond(dental_point, when=at(9, 20), nps=0)
    rollup.refresh()
    september = dt.date(2025, 9, 1)

    def subtree_total(key: str) -> int:
        return sum(
            FeedbackFigure.objects.filter(
                span=Span.SUBTREE_MONTH, day=september, organization=county[key]
            ).values_list("total", flat=True)
        )

    assert [subtree_total(key) for key in ("root", "health", "unit", "dental")] == [4, 4, 3, 1]
    nps_row = ScoreFigure.objects.get(
        span=Span.SUBTREE_MONTH, day=september, organization=county["health"], question=""
    )
    assert (nps_row.total, nps_row.n10, nps_row.n0) == (4, 3, 1)

    forward_feedback(
        feedback=centre_answers[0].feedback, organization=county["dental"], actor=admin
    )
    rollup.refresh()
    assert [subtree_total(key) for key in ("root", "health", "unit", "dental")] == [4, 4, 2, 2]


def test_a_deleted_feedback_leaves_the_figures(county, points):
    answers = [respond(points["web"], when=at(10, 1 + index), nps=10) for index in range(6)]
    period = {"start": dt.date(2025, 10, 1), "end": dt.date(2025, 10, 31)}
    assert report_figures(organization=county["unit"], **period)["nps"]["count"] == 6
    answers[0].feedback.delete()
    assert_agrees(county["unit"], **period)
    assert report_figures(organization=county["unit"], **period)["nps"]["count"] == 5
