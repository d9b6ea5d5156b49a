"""Figures of a period for an organisation and everything below it, counted in the
database: the feedback received, the recommendation index (NPS) and the statements
(DESIGN.md section 3). Used by unit meetings and to follow up development actions.

A group answered by fewer than ``MIN_GROUP`` respondents is suppressed: only its size is
given, never its value, breakdown or distribution. Removed feedback counts nowhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils import timezone

from palaute.feedback.models import Channel, Feedback
from palaute.organizations.models import Organization

from . import national
from .models import Item, OwnStatement, SurveyAnswer, SurveyResponse

MIN_GROUP = 5
SCALE_VALUES = (1, 2, 3, 4, 5)
POSITIVE_FROM = 4  # 4–5 agree
PROMOTER_FROM = 9  # 9–10 promote
DETRACTOR_TO = 6  # 0–6 detract

# The measures of palaute.improvements.models.DevelopmentAction.Measure (not imported:
# improvements imports surveys).
MEASURE_NPS = "nps"
MEASURE_STATEMENT = "statement"
MEASURE_OWN_STATEMENT = "own_statement"

# The national wording of each statement theme, from the adults' questionnaire.
STATEMENT_TEXTS = {
    item["code"]: dict(zip(("fi", "sv", "en"), item["text"], strict=True))
    for item in national.ADULT["items"]
    if item["kind"] == "statement"
}


def _percent(*, part: int, whole: int) -> float:
    """part / whole in percent, one decimal, halves away from zero."""
    exact = Decimal(part * 100) / Decimal(whole)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _nps_value(*, promoters: int, detractors: int, count: int) -> float | None:
    if not count:
        return None
    return _percent(part=promoters - detractors, whole=count)


def nps(scores: Iterable[int]) -> float | None:
    """% of 9–10 minus % of 0–6, one decimal; None without scores."""
    values = list(scores)
    if any(not 0 <= score <= 10 for score in values):
        raise ValueError("NPS scores are from 0 to 10.")
    return _nps_value(
        promoters=sum(score >= PROMOTER_FROM for score in values),
        detractors=sum(score <= DETRACTOR_TO for score in values),
        count=len(values),
    )


def local_bounds(*, start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """From local midnight starting ``start`` to local midnight ending ``end`` (exclusive)."""
    zone = timezone.get_default_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=zone),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
    )


def _scope(*, prefix: str, organization: Organization, start: dt.date, end: dt.date) -> Q:
    """Feedback (reached through ``prefix``) of the subtree and period, not removed."""
    since, until = local_bounds(start=start, end=end)
    return Q(
        **{
            f"{prefix}organization__path__startswith": organization.path,
            f"{prefix}received_at__gte": since,
            f"{prefix}received_at__lt": until,
        }
    ) & ~Q(**{f"{prefix}status": Feedback.Status.REMOVED})


def _statement_figures(*, counts: dict[int | None, int]) -> dict:
    """Size, positive share and distribution of one statement from {value: answers}."""
    distribution = {str(value): counts.get(value, 0) for value in SCALE_VALUES}
    count = sum(distribution.values())
    suppressed = count < MIN_GROUP
    positive = sum(counts.get(value, 0) for value in SCALE_VALUES if value >= POSITIVE_FROM)
    return {
        "count": count,
        "positive_share": None if suppressed else _percent(part=positive, whole=count),
        "distribution": None if suppressed else distribution,
        "no_opinion": counts.get(None, 0),
        "suppressed": suppressed,
    }


def _feedback_counts(*, scope: Q) -> dict:
    aggregates = {"total": Count("id"), "critical": Count("id", filter=Q(is_critical=True))}
    aggregates |= {
        f"kind_{kind}": Count("id", filter=Q(kind=kind)) for kind in Feedback.Kind.values
    }
    aggregates |= {
        f"channel_{channel}": Count("id", filter=Q(channel=channel)) for channel in Channel.values
    }
    row = Feedback.objects.filter(scope).aggregate(**aggregates)
    return {
        "total": row["total"],
        "by_kind": {kind: row[f"kind_{kind}"] for kind in Feedback.Kind.values},
        "by_channel": {channel: row[f"channel_{channel}"] for channel in Channel.values},
        "critical": row["critical"],
    }


def _nps_counts(*, scope: Q) -> dict:
    return SurveyResponse.objects.filter(scope).aggregate(
        responses=Count("id"),
        count=Count("id", filter=Q(nps__isnull=False)),
        promoters=Count("id", filter=Q(nps__gte=PROMOTER_FROM)),
        detractors=Count("id", filter=Q(nps__lte=DETRACTOR_TO)),
    )


def _nps_figures(*, row: dict) -> dict:
    count = row["count"]
    suppressed = count < MIN_GROUP
    breakdown = {
        "promoters": row["promoters"],
        "passives": count - row["promoters"] - row["detractors"],
        "detractors": row["detractors"],
    }
    return {
        "value": None
        if suppressed
        else _nps_value(promoters=row["promoters"], detractors=row["detractors"], count=count),
        "count": count,
        **{key: None if suppressed else value for key, value in breakdown.items()},
        "suppressed": suppressed,
    }


def period_figures(*, organization: Organization, start: dt.date, end: dt.date) -> dict:
    """The figures of the organisation and its subtree for feedback received from ``start``
    to ``end`` inclusive (local dates), as JSON-ready data."""
    feedback = _feedback_counts(
        scope=_scope(prefix="", organization=organization, start=start, end=end)
    )
    nps_row = _nps_counts(
        scope=_scope(prefix="feedback__", organization=organization, start=start, end=end)
    )
    answers = SurveyAnswer.objects.filter(
        _scope(prefix="response__feedback__", organization=organization, start=start, end=end)
    )

    national_counts: dict[str, dict[int | None, int]] = {}
    rows = (
        answers.filter(item__kind=Item.Kind.STATEMENT, item__code__in=national.STATEMENT_CODES)
        .values_list("item__code", "value")
        .annotate(answers=Count("id"))
        .order_by()
    )
    for code, value, number in rows:
        counts = national_counts.setdefault(code, {})
        counts[value] = counts.get(value, 0) + number

    own_counts: dict[int, dict[int | None, int]] = {}
    rows = (
        answers.filter(own_statement__isnull=False)
        .values_list("own_statement", "value")
        .annotate(answers=Count("id"))
        .order_by()
    )
    for pk, value, number in rows:
        own_counts.setdefault(pk, {})[value] = number
    own = (
        OwnStatement.objects.filter(pk__in=own_counts).order_by(
            "organization__depth", "order", "id"
        )
        if own_counts
        else []
    )

    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "min_group": MIN_GROUP,
        "feedback": feedback,
        "responses": nps_row["responses"],
        "nps": _nps_figures(row=nps_row),
        "statements": [
            {
                "code": code,
                "text": STATEMENT_TEXTS[code],
                **_statement_figures(counts=national_counts.get(code, {})),
            }
            for code in national.STATEMENT_CODES
        ],
        "own_statements": [
            {
                "id": statement.pk,
                "code": statement.code,
                "text": {
                    "fi": statement.text_fi,
                    "sv": statement.text_sv,
                    "en": statement.text_en,
                },
                **_statement_figures(counts=own_counts[statement.pk]),
            }
            for statement in own
        ],
    }


def measure(
    *,
    organization: Organization,
    kind: str,
    start: dt.date,
    end: dt.date,
    statement_code: str = "",
    own_statement: OwnStatement | int | None = None,
) -> tuple[float | None, int]:
    """One measure of a development action over the subtree and period: (value, number of
    respondents), the value None below ``MIN_GROUP``. NPS counts the recommendation scores;
    a statement gives its positive share of the answers on the scale ("don't know" left out).
    """
    if kind == MEASURE_NPS:
        row = _nps_counts(
            scope=_scope(prefix="feedback__", organization=organization, start=start, end=end)
        )
        count = row["count"]
        value = _nps_value(promoters=row["promoters"], detractors=row["detractors"], count=count)
    else:
        answers = SurveyAnswer.objects.filter(
            _scope(prefix="response__feedback__", organization=organization, start=start, end=end)
        )
        if kind == MEASURE_STATEMENT:
            if statement_code not in national.STATEMENT_CODES:
                raise ValueError(f"Unknown national statement: {statement_code!r}")
            answers = answers.filter(item__kind=Item.Kind.STATEMENT, item__code=statement_code)
        elif kind == MEASURE_OWN_STATEMENT:
            if own_statement is None:
                raise ValueError("An own statement is needed for this measure.")
            answers = answers.filter(own_statement=own_statement)
        else:
            raise ValueError(f"Unknown measure: {kind!r}")
        row = answers.aggregate(
            count=Count("id", filter=Q(value__isnull=False)),
            positive=Count("id", filter=Q(value__gte=POSITIVE_FROM)),
        )
        count = row["count"]
        value = _percent(part=row["positive"], whole=count) if count else None
    if count < MIN_GROUP:
        return None, count
    return value, count
