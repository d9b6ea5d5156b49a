"""Keeps the report figures (``models.FeedbackFigure`` and friends) in step with the raw
feedback, responses and answers.

A saved feedback marks its organisation and local day (``mark``). ``refresh`` recounts
every marked day from the raw rows, then the months those days belong to from the day
rows, then the subtree months of the organisation and every level above it from the
month rows; so a report reads a few rows of one organisation instead of years of answers
of all its units. Recounting a whole
day is idempotent: arrivals, edits, moves between units and removals all come out right.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, F, Max, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from palaute.feedback.models import Event, Feedback
from palaute.organizations.models import Organization
from palaute.surveys.figures import local_bounds
from palaute.surveys.models import SurveyAnswer, SurveyResponse

from .models import (
    FeedbackFigure,
    HandlingTimeFigure,
    PendingRollup,
    ScoreFigure,
    Span,
    ThemeFigure,
)

THEMES_PER_MONTH = 100
MAX_HOURS = 24 * 400
FEEDBACK_COUNTS = (
    "total",
    "critical",
    "needs_handling",
    "taken_in_time",
    "taken_late",
    "contact_requested",
    "contacted_in_time",
    "contacted_late",
)
SCORE_COUNTS = ("total", *(f"n{value}" for value in range(11)), "no_opinion")
FIGURE_MODELS = (FeedbackFigure, HandlingTimeFigure, ScoreFigure, ThemeFigure)
# Serialises recounts on PostgreSQL (SQLite has one writer anyway).
LOCK_KEY = 7_202_611

NEEDS_HANDLING = ~Q(text="") | Q(contact_requested=True) | Q(is_critical=True)
FINISHED = Q(kind=Event.Kind.ANSWERED) | Q(
    kind=Event.Kind.STATUS,
    to_value__in=[Feedback.Status.ANSWERED, Feedback.Status.CLOSED],
)

Orgs = frozenset[int] | None  # None: every organisation


def local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def mark(*, places: Iterable[tuple[int, dt.datetime]]) -> None:
    """Mark the local days of (organisation id, received at) for recounting."""
    now = timezone.now()
    keys = sorted({(org, local_day(at)) for org, at in places})
    PendingRollup.objects.bulk_create(
        [PendingRollup(organization_id=org, day=day, marked_at=now) for org, day in keys],
        update_conflicts=True,
        unique_fields=["organization", "day"],
        update_fields=["marked_at"],
    )


def refresh() -> int:
    """Recount every marked day and its month; returns the number of days recounted. A
    day marked again while it was being recounted stays marked for the next round."""
    pending = list(PendingRollup.objects.values_list("organization_id", "day", "marked_at"))
    if not pending:
        return 0
    days: dict[dt.date, set[int]] = defaultdict(set)
    for org, day, _marked in pending:
        days[day].add(org)
    with transaction.atomic():
        _lock()
        for day, orgs in sorted(days.items()):
            _recount_days(start=day, end=day, orgs=frozenset(orgs))
        months: dict[dt.date, set[int]] = defaultdict(set)
        for day, orgs in days.items():
            months[month_start(day)] |= orgs
        for first, orgs in sorted(months.items()):
            _recount_month(first=first, orgs=frozenset(orgs))
        for chunk in _chunks(pending, 300):
            done = Q()
            for org, day, marked in chunk:
                done |= Q(organization_id=org, day=day, marked_at=marked)
            PendingRollup.objects.filter(done).delete()
    return len(pending)


def rebuild(*, start: dt.date | None = None, end: dt.date | None = None) -> None:
    """Recount everything (or the days from ``start`` to ``end``) from the raw rows, one
    month at a time, for every organisation."""
    if start is None or end is None:
        bounds = Feedback.objects.aggregate(first=Min("received_at"), last=Max("received_at"))
        if bounds["first"] is None:
            return
        start = start or local_day(bounds["first"])
        end = end or local_day(bounds["last"])
    first = month_start(start)
    while first <= end:
        with transaction.atomic():
            _lock()
            _recount_days(start=max(first, start), end=min(month_end(first), end), orgs=None)
            _recount_month(first=first, orgs=None)
        first = month_end(first) + dt.timedelta(days=1)


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def _chunks(items: list, size: int):
    for index in range(0, len(items), size):
        yield items[index : index + size]


def _in_orgs(orgs: Orgs, field: str = "organization_id") -> Q:
    return Q() if orgs is None else Q(**{f"{field}__in": orgs})


def _recount_days(*, start: dt.date, end: dt.date, orgs: Orgs) -> None:
    """Replace the day rows of ``start``..``end`` (of ``orgs``) with fresh counts. The
    querysets are read whole, not through server-side cursors: a cursor gets PostgreSQL's
    fast-start plan without parallel workers, ten times slower here (bench/reports.py)."""
    for model in FIGURE_MODELS:
        model.objects.filter(_in_orgs(orgs), span=Span.DAY, day__gte=start, day__lte=end).delete()
    since, until = local_bounds(start=start, end=end)
    zone = timezone.get_default_timezone()
    feedback = Feedback.objects.filter(
        _in_orgs(orgs), received_at__gte=since, received_at__lt=until
    ).exclude(status=Feedback.Status.REMOVED)
    _count_feedback(feedback=feedback, zone=zone)
    _count_handling_times(feedback=feedback)
    _count_scores(feedback=feedback, zone=zone)
    _count_themes(feedback=feedback)


def _count_feedback(*, feedback, zone) -> None:
    needs = NEEDS_HANDLING
    contact = Q(contact_requested=True)
    rows = (
        feedback.annotate(local=TruncDate("received_at", tzinfo=zone))
        .values("organization_id", "local", "topic_id", "channel", "kind")
        .annotate(
            # Prefixed: an annotation named like a field would shadow it in the filters.
            c_total=Count("id"),
            c_critical=Count("id", filter=Q(is_critical=True)),
            c_needs_handling=Count("id", filter=needs),
            c_taken_in_time=Count("id", filter=needs & Q(taken_at__lte=F("processing_due"))),
            c_taken_late=Count("id", filter=needs & Q(taken_at__gt=F("processing_due"))),
            c_contact_requested=Count("id", filter=contact),
            c_contacted_in_time=Count("id", filter=contact & Q(contacted_at__lte=F("contact_due"))),
            c_contacted_late=Count("id", filter=contact & Q(contacted_at__gt=F("contact_due"))),
        )
        .order_by()
    )
    FeedbackFigure.objects.bulk_create(
        (
            FeedbackFigure(
                span=Span.DAY,
                day=row["local"],
                organization_id=row["organization_id"],
                topic_id=row["topic_id"],
                channel=row["channel"],
                kind=row["kind"],
                **{name: row[f"c_{name}"] for name in FEEDBACK_COUNTS},
            )
            for row in rows
        ),
        batch_size=2000,
    )


def _count_handling_times(*, feedback) -> None:
    """Hours from arrival to the first answer or closing, of feedback that needed handling."""
    finished = (
        Event.objects.filter(FINISHED, feedback=OuterRef("pk"))
        .order_by("created_at")
        .values("created_at")[:1]
    )
    counts: dict[tuple[int, dt.date, int], int] = defaultdict(int)
    rows = (
        feedback.filter(NEEDS_HANDLING)
        .annotate(finished_at=Subquery(finished))
        .filter(finished_at__isnull=False)
        .values_list("organization_id", "received_at", "finished_at")
    )
    for org, received, finished_at in rows:
        seconds = max((finished_at - received).total_seconds(), 0)
        hours = min(math.ceil(seconds / 3600), MAX_HOURS)
        counts[(org, local_day(received), hours)] += 1
    HandlingTimeFigure.objects.bulk_create(
        (
            HandlingTimeFigure(span=Span.DAY, day=day, organization_id=org, hours=hours, count=n)
            for (org, day, hours), n in counts.items()
        ),
        batch_size=2000,
    )


def _count_scores(*, feedback, zone) -> None:
    responses = (
        SurveyResponse.objects.filter(feedback__in=feedback.values("pk"))
        .annotate(local=TruncDate("feedback__received_at", tzinfo=zone))
        .values("feedback__organization_id", "local", "version__questionnaire_id")
        .annotate(
            c_total=Count("id"),
            **{f"c_n{value}": Count("id", filter=Q(nps=value)) for value in range(11)},
        )
        .order_by()
    )
    answers = (
        SurveyAnswer.objects.filter(response__feedback__in=feedback.values("pk"))
        .annotate(local=TruncDate("response__feedback__received_at", tzinfo=zone))
        .values(
            "response__feedback__organization_id",
            "local",
            "response__version__questionnaire_id",
            "item__code",
            "own_statement_id",
        )
        .annotate(
            c_total=Count("id"),
            **{f"c_n{value}": Count("id", filter=Q(value=value)) for value in range(1, 6)},
            c_no_opinion=Count("id", filter=Q(no_opinion=True)),
        )
        .order_by()
    )

    def figures():
        for row in responses:
            yield ScoreFigure(
                span=Span.DAY,
                day=row["local"],
                organization_id=row["feedback__organization_id"],
                questionnaire_id=row["version__questionnaire_id"],
                question="",
                **{name: row.get(f"c_{name}", 0) for name in SCORE_COUNTS},
            )
        for row in answers:
            code = row["item__code"]
            yield ScoreFigure(
                span=Span.DAY,
                day=row["local"],
                organization_id=row["response__feedback__organization_id"],
                questionnaire_id=row["response__version__questionnaire_id"],
                question=f"s:{code}" if code else f"o:{row['own_statement_id']}",
                **{name: row.get(f"c_{name}", 0) for name in SCORE_COUNTS},
            )

    ScoreFigure.objects.bulk_create(figures(), batch_size=2000)


def _count_themes(*, feedback) -> None:
    """Lemmas of the texts; the example is the newest text that passed the sensitive-data
    check (or that a handler released)."""
    from . import themes

    counts: dict[tuple[int, dt.date, str], int] = defaultdict(int)
    examples: dict[tuple[int, dt.date, str], int] = {}
    # A text erased with the personal data (publication_withdrawn) says nothing any more;
    # one erased at the end of retention is the public text, still counted.
    rows = (
        feedback.exclude(text="")
        .exclude(publication_withdrawn=True)
        .values_list(
            "pk",
            "organization_id",
            "received_at",
            "text",
            "language",
            "sensitive_findings",
            "released_at",
        )
    )
    for pk, org, received, text, language, findings, released in rows:
        day = local_day(received)
        safe = not findings or released is not None
        for lemma in themes.lemmas(text, language=language):
            key = (org, day, lemma[:64])
            counts[key] += 1
            if safe and pk > examples.get(key, 0):
                examples[key] = pk
    ThemeFigure.objects.bulk_create(
        (
            ThemeFigure(
                span=Span.DAY,
                day=day,
                organization_id=org,
                lemma=lemma,
                count=n,
                example_id=examples.get((org, day, lemma)),
            )
            for (org, day, lemma), n in counts.items()
        ),
        batch_size=2000,
    )


def _recount_month(*, first: dt.date, orgs: Orgs) -> None:
    """Replace the month rows of ``orgs`` with the sums of their day rows, then the
    subtree months above them."""
    _recount_unit_month(first=first, orgs=orgs)
    _recount_subtree_month(first=first, orgs=orgs)


def _create_themes(*, span: str, first: dt.date, themes: dict[tuple, dict]) -> None:
    """Theme rows of each organisation's most frequent lemmas from
    {(organisation, lemma): {"count", "example"}}."""
    kept: dict[int, list] = defaultdict(list)
    for (org, lemma), row in themes.items():
        kept[org].append((lemma, row["count"], row["example"]))
    ThemeFigure.objects.bulk_create(
        (
            ThemeFigure(
                span=span,
                day=first,
                organization_id=org,
                lemma=lemma,
                count=count,
                example_id=example,
            )
            for org, lemmas in kept.items()
            for lemma, count, example in sorted(lemmas, key=lambda item: (-item[1], item[0]))[
                :THEMES_PER_MONTH
            ]
        ),
        batch_size=2000,
    )


def _ancestor_paths(paths: Iterable[str]) -> set[str]:
    step = Organization.steplen
    return {path[:end] for path in paths for end in range(step, len(path) + 1, step)}


def _recount_subtree_month(*, first: dt.date, orgs: Orgs) -> None:
    """Replace the subtree-month rows of ``orgs`` and every organisation above them with
    the sums of the month rows below each."""
    if orgs is None:
        targets = dict(Organization.objects.values_list("path", "id"))
    else:
        paths = Organization.objects.filter(pk__in=orgs).values_list("path", flat=True)
        targets = dict(
            Organization.objects.filter(path__in=_ancestor_paths(paths)).values_list("path", "id")
        )
    if not targets:
        return
    for model in FIGURE_MODELS:
        model.objects.filter(
            span=Span.SUBTREE_MONTH, day=first, organization_id__in=targets.values()
        ).delete()
    step = Organization.steplen
    tops = [
        path
        for path in targets
        if not any(path[:end] in targets for end in range(step, len(path), step))
    ]
    under = Q()
    for path in tops:
        under |= Q(organization__path__startswith=path)

    def accumulate(model, keys: tuple[str, ...], counts: tuple[str, ...], *, example=False):
        sums: dict[tuple, dict] = {}
        fields = ["organization__path", *keys, *counts] + (["example_id"] if example else [])
        rows = model.objects.filter(under, span=Span.MONTH, day=first).values_list(*fields)
        for row in rows:
            path, key = row[0], row[1 : 1 + len(keys)]
            values = row[1 + len(keys) : 1 + len(keys) + len(counts)]
            for end in range(step, len(path) + 1, step):
                org = targets.get(path[:end])
                if org is None:
                    continue
                entry = sums.setdefault((org, *key), {"example": None, **dict.fromkeys(counts, 0)})
                for name, value in zip(counts, values, strict=True):
                    entry[name] += value
                if example and row[-1] is not None:
                    entry["example"] = max(entry["example"] or 0, row[-1])
        return sums

    def figure(model, org, key_names, key, values):
        return model(
            span=Span.SUBTREE_MONTH,
            day=first,
            organization_id=org,
            **dict(zip(key_names, key, strict=True)),
            **values,
        )

    feedback_keys = ("topic_id", "channel", "kind")
    FeedbackFigure.objects.bulk_create(
        (
            figure(FeedbackFigure, org, feedback_keys, key, {n: v[n] for n in FEEDBACK_COUNTS})
            for (org, *key), v in accumulate(FeedbackFigure, feedback_keys, FEEDBACK_COUNTS).items()
        ),
        batch_size=2000,
    )
    HandlingTimeFigure.objects.bulk_create(
        (
            figure(HandlingTimeFigure, org, ("hours",), key, {"count": v["count"]})
            for (org, *key), v in accumulate(HandlingTimeFigure, ("hours",), ("count",)).items()
        ),
        batch_size=2000,
    )
    score_keys = ("questionnaire_id", "question")
    ScoreFigure.objects.bulk_create(
        (
            figure(ScoreFigure, org, score_keys, key, {n: v[n] for n in SCORE_COUNTS})
            for (org, *key), v in accumulate(ScoreFigure, score_keys, SCORE_COUNTS).items()
        ),
        batch_size=2000,
    )
    themes = accumulate(ThemeFigure, ("lemma",), ("count",), example=True)
    _create_themes(span=Span.SUBTREE_MONTH, first=first, themes=themes)


def _recount_unit_month(*, first: dt.date, orgs: Orgs) -> None:
    """Replace the month rows of ``orgs`` with the sums of their day rows."""
    for model in FIGURE_MODELS:
        model.objects.filter(_in_orgs(orgs), span=Span.MONTH, day=first).delete()
    days = Q(span=Span.DAY, day__gte=first, day__lte=month_end(first)) & _in_orgs(orgs)

    def summed(model, keys: tuple[str, ...], counts: tuple[str, ...], **extra):
        return (
            model.objects.filter(days)
            .values("organization_id", *keys)
            .annotate(**{f"sum_{name}": Sum(name) for name in counts}, **extra)
            .order_by()
        )

    feedback_keys = ("topic_id", "channel", "kind")
    FeedbackFigure.objects.bulk_create(
        (
            FeedbackFigure(
                span=Span.MONTH,
                day=first,
                organization_id=row["organization_id"],
                **{key: row[key] for key in feedback_keys},
                **{name: row[f"sum_{name}"] for name in FEEDBACK_COUNTS},
            )
            for row in summed(FeedbackFigure, feedback_keys, FEEDBACK_COUNTS)
        ),
        batch_size=2000,
    )
    HandlingTimeFigure.objects.bulk_create(
        (
            HandlingTimeFigure(
                span=Span.MONTH,
                day=first,
                organization_id=row["organization_id"],
                hours=row["hours"],
                count=row["sum_count"],
            )
            for row in summed(HandlingTimeFigure, ("hours",), ("count",))
        ),
        batch_size=2000,
    )
    score_keys = ("questionnaire_id", "question")
    ScoreFigure.objects.bulk_create(
        (
            ScoreFigure(
                span=Span.MONTH,
                day=first,
                organization_id=row["organization_id"],
                **{key: row[key] for key in score_keys},
                **{name: row[f"sum_{name}"] for name in SCORE_COUNTS},
            )
            for row in summed(ScoreFigure, score_keys, SCORE_COUNTS)
        ),
        batch_size=2000,
    )
    themes = {
        (row["organization_id"], row["lemma"]): {
            "count": row["sum_count"],
            "example": row["example"],
        }
        for row in summed(ThemeFigure, ("lemma",), ("count",), example=Max("example_id"))
    }
    _create_themes(span=Span.MONTH, first=first, themes=themes)
