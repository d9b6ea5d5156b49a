"""The unified report and the units side by side, built from the rollup (``rollup``).

Every figure is for an organisation and everything below it, for feedback received on
local dates ``start``..``end``. Whole months are read from month rows, the days at the
edges of the period from day rows. A value computed from fewer than ``MIN_GROUP`` answers
or cases is None and flagged ``suppressed`` (DESIGN.md section 3).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from statistics import median

from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from palaute.feedback.models import Channel, Feedback, Topic
from palaute.improvements.models import OPEN_STATUSES, DevelopmentAction
from palaute.organizations import policy
from palaute.organizations.models import Organization
from palaute.surveys import national
from palaute.surveys.figures import (
    DETRACTOR_TO,
    MIN_GROUP,
    POSITIVE_FROM,
    PROMOTER_FROM,
    STATEMENT_TEXTS,
    _nps_value,
    _percent,
    local_bounds,
)
from palaute.surveys.models import OwnStatement, Questionnaire

from . import rollup
from .models import (
    FeedbackFigure,
    HandlingTimeFigure,
    ScoreFigure,
    Span,
    Summary,
    ThemeFigure,
)

TOP_THEMES = 10
QUOTES_PER_THEME = 3
# A deadline still running can only be for feedback of the last weeks.
RUNNING_DEADLINES = dt.timedelta(days=30)


MAX_YEARS = 3


def period_error(*, start: dt.date, end: dt.date) -> str | None:
    """Why a report cannot cover start..end, or None when it can. The message is
    translated in the active language."""
    if start > end:
        return gettext("The period cannot end before it starts.")
    try:
        limit = start.replace(year=start.year + MAX_YEARS)
    except ValueError:  # 29 February
        limit = start.replace(year=start.year + MAX_YEARS, day=28) + dt.timedelta(days=1)
    if end >= limit:
        return gettext("A report covers at most %(years)d years.") % {"years": MAX_YEARS}
    return None


def half_year(day: dt.date) -> tuple[dt.date, dt.date]:
    """The half-year (January–June or July–December) that ``day`` falls in."""
    if day.month <= 6:
        return dt.date(day.year, 1, 1), dt.date(day.year, 6, 30)
    return dt.date(day.year, 7, 1), dt.date(day.year, 12, 31)


def _whole_months(start: dt.date, end: dt.date) -> int | None:
    """The number of months when the period is whole calendar months, else None."""
    if start.day != 1 or rollup.month_end(end) != end:
        return None
    return (end.year - start.year) * 12 + end.month - start.month + 1


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The period of the same length just before: as many whole months before a period of
    whole months (the previous half-year of a half-year), else as many days."""
    months = _whole_months(start, end)
    if months is None:
        length = end - start
        previous_end = start - dt.timedelta(days=1)
        return previous_end - length, previous_end
    index = start.year * 12 + start.month - 1 - months
    previous_start = dt.date(index // 12, index % 12 + 1, 1)
    return previous_start, start - dt.timedelta(days=1)


def _segments(start: dt.date, end: dt.date) -> tuple[list[dt.date], list[tuple]]:
    """The whole months of ``start``..``end`` and the day ranges left over at its edges."""
    months = []
    days: list[tuple[dt.date, dt.date]] = []
    first = start
    while first <= end:
        last = min(rollup.month_end(first), end)
        if first.day == 1 and last == rollup.month_end(first):
            months.append(first)
        else:
            days.append((first, last))
        first = last + dt.timedelta(days=1)
    return months, days


def _covering(*, organizations: list[Organization], under: Organization, start, end) -> Q:
    """The rows that cover the period for each of ``organizations`` with its subtree: their
    subtree-month rows for whole months, and the day rows of everything ``under`` for the
    days at the edges."""
    months, days = _segments(start, end)
    condition = (
        Q(span=Span.SUBTREE_MONTH, day__in=months, organization__in=organizations)
        if months
        else Q(pk__in=[])
    )
    for since, until in days:
        condition |= Q(
            span=Span.DAY,
            day__gte=since,
            day__lte=until,
            organization__path__startswith=under.path,
        )
    return condition


def _rows(model, *, organization: Organization, start: dt.date, end: dt.date):
    return model.objects.filter(
        _covering(organizations=[organization], under=organization, start=start, end=end)
    )


def _organization(organization: Organization) -> dict:
    return {
        "id": organization.pk,
        "code": organization.code,
        "name": _names(organization),
        "kind": organization.kind,
    }


def _names(obj) -> dict:
    return {
        "fi": obj.name_fi,
        "sv": obj.name_sv or obj.name_fi,
        "en": obj.name_en or obj.name_fi,
    }


# Scores


def _nps(counts: dict) -> dict:
    distribution = {str(value): counts.get(f"n{value}", 0) for value in range(11)}
    count = sum(distribution.values())
    promoters = sum(distribution[str(value)] for value in range(PROMOTER_FROM, 11))
    detractors = sum(distribution[str(value)] for value in range(DETRACTOR_TO + 1))
    suppressed = count < MIN_GROUP
    return {
        "value": None
        if suppressed
        else _nps_value(promoters=promoters, detractors=detractors, count=count),
        "count": count,
        "promoters": None if suppressed else promoters,
        "passives": None if suppressed else count - promoters - detractors,
        "detractors": None if suppressed else detractors,
        "distribution": None if suppressed else distribution,
        "suppressed": suppressed,
    }


def _statement(counts: dict) -> dict:
    distribution = {str(value): counts.get(f"n{value}", 0) for value in range(1, 6)}
    count = sum(distribution.values())
    positive = sum(distribution[str(value)] for value in range(POSITIVE_FROM, 6))
    suppressed = count < MIN_GROUP
    return {
        "count": count,
        "positive_share": None if suppressed else _percent(part=positive, whole=count),
        "distribution": None if suppressed else distribution,
        "no_opinion": counts.get("no_opinion", 0),
        "suppressed": suppressed,
    }


def _summed(names) -> dict:
    """Sums of the count columns, named apart from the fields they sum."""
    return {f"s_{name}": Sum(name) for name in names}


def _unprefixed(row: dict) -> dict:
    return {key.removeprefix("s_"): value or 0 for key, value in row.items()}


def _score_sums(queryset, *keys: str) -> dict:
    """{(key values…, question): {count name: sum}} of score rows."""
    rows = queryset.values(*keys, "question").annotate(**_summed(rollup.SCORE_COUNTS)).order_by()
    sums: dict = defaultdict(lambda: defaultdict(int))
    for row in rows:
        key = (*(row[key] for key in keys), row["question"])
        for name in rollup.SCORE_COUNTS:
            sums[key][name] += row[f"s_{name}"] or 0
    return sums


def _change(value: float | None, previous: float | None) -> float | None:
    if value is None or previous is None:
        return None
    return round(value - previous, 1)


def _scores(*, organization: Organization, start: dt.date, end: dt.date, compare: bool):
    current = _score_sums(
        _rows(ScoreFigure, organization=organization, start=start, end=end), "questionnaire_id"
    )
    by_question: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    responses: dict[int, int] = defaultdict(int)
    for (questionnaire, question), counts in current.items():
        if question == "":
            responses[questionnaire] += counts["total"]
        for name, value in counts.items():
            by_question[question][name] += value
    previous: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    if compare:
        before = previous_period(start, end)
        for (question,), counts in _score_sums(
            _rows(ScoreFigure, organization=organization, start=before[0], end=before[1])
        ).items():
            for name, value in counts.items():
                previous[question][name] += value
    return by_question, responses, previous


# Feedback and handling


def _feedback_sums(*, organization: Organization, start: dt.date, end: dt.date) -> list[dict]:
    return [
        _unprefixed(row)
        for row in _rows(FeedbackFigure, organization=organization, start=start, end=end)
        .values("day", "topic_id", "channel", "kind")
        .annotate(**_summed(rollup.FEEDBACK_COUNTS))
        .order_by()
    ]


def _months(start: dt.date, end: dt.date) -> list[str]:
    months, first = [], rollup.month_start(start)
    while first <= end:
        months.append(first.strftime("%Y-%m"))
        first = rollup.month_end(first) + dt.timedelta(days=1)
    return months


def _volumes(rows: list[dict], *, start: dt.date, end: dt.date) -> dict:
    by_kind = dict.fromkeys(Feedback.Kind.values, 0)
    by_channel = dict.fromkeys(Channel.values, 0)
    by_topic: dict[int, int] = defaultdict(int)
    by_month = dict.fromkeys(_months(start, end), 0)
    for row in rows:
        total = row["total"] or 0
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + total
        by_channel[row["channel"]] = by_channel.get(row["channel"], 0) + total
        by_topic[row["topic_id"]] += total
        by_month[row["day"].strftime("%Y-%m")] += total
    topics = Topic.objects.in_bulk([pk for pk, count in by_topic.items() if count])
    return {
        "total": sum(row["total"] or 0 for row in rows),
        "critical": sum(row["critical"] or 0 for row in rows),
        "by_kind": by_kind,
        "by_channel": by_channel,
        "by_topic": sorted(
            (
                {"id": pk, "name": _names(topics[pk]), "count": count}
                for pk, count in by_topic.items()
                if count
            ),
            key=lambda topic: (-topic["count"], topic["name"]["fi"]),
        ),
        "by_month": [{"month": month, "count": count} for month, count in by_month.items()],
    }


def _share(*, part: int, whole: int) -> tuple[float | None, bool]:
    if whole < MIN_GROUP:
        return None, True
    return _percent(part=part, whole=whole), False


def _live(*, organization: Organization, start: dt.date, end: dt.date, now: dt.datetime):
    """Feedback of the period whose deadlines may still be running (received lately)."""
    since, until = local_bounds(start=start, end=end)
    return Feedback.objects.filter(
        organization__path__startswith=organization.path,
        received_at__gte=max(since, now - RUNNING_DEADLINES),
        received_at__lt=until,
    ).exclude(status=Feedback.Status.REMOVED)


def _running(now: dt.datetime) -> dict:
    """Counts of the deadlines still running at ``now``: they are neither met nor missed."""
    return {
        "processing": Count(
            "id",
            filter=rollup.NEEDS_HANDLING & Q(taken_at__isnull=True, processing_due__gte=now),
        ),
        "contact": Count(
            "id",
            filter=Q(contact_requested=True, contacted_at__isnull=True, contact_due__gte=now),
        ),
    }


def _overdue(*, organization: Organization, now: dt.datetime):
    """Feedback of the subtree with a deadline passed now."""
    return Feedback.objects.filter(
        organization_id__in=_subtree_ids(organization), due_at__lt=now
    ).exclude(status__in=[Feedback.Status.CLOSED, Feedback.Status.REMOVED])


def _median_of(histogram: dict[int, int]) -> float | None:
    total = sum(histogram.values())
    if not total:
        return None
    middle = [(total - 1) // 2, total // 2]
    found: list[int] = []
    seen = 0
    for hours in sorted(histogram):
        count = histogram[hours]
        while len(found) < 2 and middle[len(found)] < seen + count:
            found.append(hours)
        seen += count
    return (found[0] + found[1]) / 2


def _handling(
    rows: list[dict], *, organization: Organization, start: dt.date, end: dt.date, now
) -> dict:
    sums = {name: sum(row[name] or 0 for row in rows) for name in rollup.FEEDBACK_COUNTS}
    running = _live(organization=organization, start=start, end=end, now=now).aggregate(
        **_running(now)
    )
    processing_count = sums["needs_handling"] - running["processing"]
    processing_share, processing_suppressed = _share(
        part=sums["taken_in_time"], whole=processing_count
    )
    contact_count = sums["contact_requested"] - running["contact"]
    contact_share, contact_suppressed = _share(part=sums["contacted_in_time"], whole=contact_count)
    histogram: dict[int, int] = defaultdict(int)
    for hours, count in (
        _rows(HandlingTimeFigure, organization=organization, start=start, end=end)
        .values_list("hours")
        .annotate(s_count=Sum("count"))
        .order_by()
    ):
        histogram[hours] += count
    handled = sum(histogram.values())
    suppressed = handled < MIN_GROUP
    median_hours = None if suppressed else _median_of(histogram)
    overdue = _overdue(organization=organization, now=now)
    return {
        "to_handle": sums["needs_handling"],
        "processing": {
            "count": processing_count,
            "in_time": None if processing_suppressed else sums["taken_in_time"],
            "share": processing_share,
            "suppressed": processing_suppressed,
        },
        "contact": {
            "requested": sums["contact_requested"],
            "count": contact_count,
            "in_time": None if contact_suppressed else sums["contacted_in_time"],
            "share": contact_share,
            "suppressed": contact_suppressed,
        },
        "median_hours": median_hours,
        "median_days": None if median_hours is None else round(median_hours / 24, 1),
        "handled": handled,
        "suppressed": suppressed,
        "overdue_now": overdue.count(),
    }


def _subtree_ids(organization: Organization) -> list[int]:
    """The ids of the organisation and everything below it: an id list lets PostgreSQL use
    the per-unit partial indexes, where a join on the path guesses badly."""
    return list(
        Organization.objects.filter(path__startswith=organization.path).values_list("id", flat=True)
    )


def _critical(*, organization: Organization, start: dt.date, end: dt.date, count: int) -> dict:
    since, until = local_bounds(start=start, end=end)
    times = [
        (acknowledged - flagged).total_seconds() / 60
        for flagged, acknowledged in Feedback.objects.filter(
            organization_id__in=_subtree_ids(organization),
            received_at__gte=since,
            received_at__lt=until,
            is_critical=True,
            critical_at__isnull=False,
            critical_acknowledged_at__isnull=False,
        )
        .exclude(status=Feedback.Status.REMOVED)
        .values_list("critical_at", "critical_acknowledged_at")
    ]
    suppressed = len(times) < MIN_GROUP
    return {
        "count": count,
        "acknowledged": len(times),
        "median_minutes_to_ack": None if suppressed else round(median(times), 1),
        "suppressed": suppressed,
    }


def _actions(*, organization: Organization, start: dt.date, end: dt.date, today) -> dict:
    actions = DevelopmentAction.objects.filter(
        organization__path__startswith=organization.path
    ).select_related("organization", "measure_own_statement")
    in_period = actions.filter(
        Q(started_on__gte=start, started_on__lte=end)
        | Q(completed_on__gte=start, completed_on__lte=end)
        | Q(status__in=OPEN_STATUSES, started_on__lte=end)
    ).order_by("status", "due_on", "id")
    overdue = Q(status__in=OPEN_STATUSES, due_on__lt=min(today, end + dt.timedelta(days=1)))
    counts = actions.aggregate(
        started=Count("id", filter=Q(started_on__gte=start, started_on__lte=end)),
        done=Count(
            "id",
            filter=Q(
                status=DevelopmentAction.Status.DONE,
                completed_on__gte=start,
                completed_on__lte=end,
            ),
        ),
        overdue=Count("id", filter=overdue),
    )
    items = []
    for action in in_period[:200]:
        measure = None
        if action.measure and (action.measure_before is not None or action.measure_after):
            measure = {
                "label": action.get_measure_display(),
                "before": action.measure_before,
                "after": action.measure_after,
                "before_count": action.measure_before_count,
                "after_count": action.measure_after_count,
            }
        items.append(
            {
                "id": action.pk,
                "title": action.title,
                "organization": action.organization.name,
                "status": action.status,
                "status_label": str(action.get_status_display()),
                "due_on": action.due_on.isoformat() if action.due_on else None,
                "done_on": action.completed_on.isoformat() if action.completed_on else None,
                "impact": action.impact_comment,
                "measure": measure,
                "url": reverse("backoffice:action", kwargs={"pk": action.pk}),
            }
        )
    return {**counts, "items": items}


def _themes(*, organization: Organization, start: dt.date, end: dt.date) -> list[dict]:
    from . import themes

    rows = _rows(ThemeFigure, organization=organization, start=start, end=end)
    top = list(
        rows.values("lemma")
        .annotate(total=Sum("count"))
        .filter(total__gte=MIN_GROUP)
        .order_by("-total", "lemma")[:TOP_THEMES]
    )
    if not top:
        return []
    examples: dict[str, list[int]] = defaultdict(list)
    for lemma, pk in (
        rows.filter(lemma__in=[row["lemma"] for row in top], example__isnull=False)
        .values_list("lemma", "example_id")
        .order_by("-example_id")
        .distinct()
    ):
        if pk not in examples[lemma] and len(examples[lemma]) < QUOTES_PER_THEME * 2:
            examples[lemma].append(pk)
    texts = dict(
        Feedback.objects.filter(pk__in={pk for pks in examples.values() for pk in pks})
        .exclude(status=Feedback.Status.REMOVED)
        .values_list("pk", "text")
    )
    languages = dict(Feedback.objects.filter(pk__in=texts).values_list("pk", "language"))
    result = []
    for row in top:
        quotes: list[str] = []
        for pk in examples[row["lemma"]]:
            if pk not in texts:
                continue
            found = themes.quote(
                text=texts[pk], lemma=row["lemma"], language=languages.get(pk, "fi")
            )
            if found and found not in quotes:
                quotes.append(found)
            if len(quotes) == QUOTES_PER_THEME:
                break
        result.append({"lemma": row["lemma"], "count": row["total"], "quotes": quotes})
    return result


def _statement_rows(by_question, previous, *, compare: bool) -> tuple[list, list]:
    statements = []
    for code in national.STATEMENT_CODES:
        figures = _statement(by_question.get(f"s:{code}", {}))
        before = _statement(previous.get(f"s:{code}", {}))["positive_share"] if compare else None
        statements.append(
            {
                "code": code,
                "text": STATEMENT_TEXTS[code],
                **figures,
                "previous": before,
                "change": _change(figures["positive_share"], before),
            }
        )
    own_ids = [int(key[2:]) for key in by_question if key.startswith("o:")]
    own = []
    for statement in OwnStatement.objects.filter(pk__in=own_ids).order_by(
        "organization__depth", "order", "id"
    ):
        key = f"o:{statement.pk}"
        figures = _statement(by_question[key])
        before = _statement(previous.get(key, {}))["positive_share"] if compare else None
        own.append(
            {
                "id": statement.pk,
                "code": statement.code,
                "text": {
                    "fi": statement.text_fi,
                    "sv": statement.text_sv or statement.text_fi,
                    "en": statement.text_en or statement.text_fi,
                },
                **figures,
                "previous": before,
                "change": _change(figures["positive_share"], before),
            }
        )
    return statements, own


def report_figures(
    *,
    organization: Organization,
    start: dt.date,
    end: dt.date,
    compare: bool = True,
    now: dt.datetime | None = None,
) -> dict:
    """The unified report of the organisation and its subtree, as JSON-ready data."""
    if start > end:
        raise ValueError("The period starts after it ends.")
    rollup.refresh()
    now = now or timezone.now()
    feedback_rows = _feedback_sums(organization=organization, start=start, end=end)
    volumes = _volumes(feedback_rows, start=start, end=end)
    by_question, responses, previous = _scores(
        organization=organization, start=start, end=end, compare=compare
    )
    nps = _nps(by_question.get("", {}))
    previous_nps = _nps(previous.get("", {}))["value"] if compare else None
    statements, own = _statement_rows(by_question, previous, compare=compare)
    questionnaires = Questionnaire.objects.in_bulk(list(responses))
    before = previous_period(start, end) if compare else None
    return {
        "organization": _organization(organization),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "previous": {"start": before[0].isoformat(), "end": before[1].isoformat()}
        if before
        else None,
        "min_group": MIN_GROUP,
        "generated_at": now.isoformat(),
        "volumes": volumes,
        "questionnaires": [
            {
                "id": pk,
                "code": questionnaires[pk].code,
                "name": _names(questionnaires[pk]),
                "responses": count,
            }
            for pk, count in sorted(
                responses.items(), key=lambda item: questionnaires[item[0]].code
            )
        ],
        "responses": sum(responses.values()),
        "nps": {**nps, "previous": previous_nps, "change": _change(nps["value"], previous_nps)},
        "statements": statements,
        "own_statements": own,
        "handling": _handling(
            feedback_rows, organization=organization, start=start, end=end, now=now
        ),
        "critical": _critical(
            organization=organization, start=start, end=end, count=volumes["critical"]
        ),
        "actions": _actions(
            organization=organization, start=start, end=end, today=timezone.localdate(now)
        ),
        "themes": _themes(organization=organization, start=start, end=end),
    }


# Units side by side


def unit_comparison(
    *,
    organization: Organization,
    start: dt.date,
    end: dt.date,
    now: dt.datetime | None = None,
) -> dict:
    """The direct children of the organisation side by side (each with its subtree), and
    the organisation's own total."""
    rollup.refresh()
    now = now or timezone.now()
    children = list(
        Organization.objects.get_children(organization).filter(is_active=True).order_by("name_fi")
    )
    width = len(organization.path) + Organization.steplen
    child_of = {child.path: child for child in children}

    def unit_key(path: str) -> str | None:
        return path[:width] if len(path) >= width and path[:width] in child_of else None

    def targets(span: str, path: str) -> tuple:
        """Where a row counts: a subtree-month row is already the whole child (or, for the
        organisation itself, the total); a day row counts in its child and in the total."""
        if span == Span.SUBTREE_MONTH:
            return ("*",) if path == organization.path else (path,)
        return (unit_key(path), "*")

    covering = _covering(
        organizations=[organization, *children], under=organization, start=start, end=end
    )
    feedback: dict[str | None, dict] = defaultdict(lambda: defaultdict(int))
    for row in (
        FeedbackFigure.objects.filter(covering)
        .values("span", "organization__path")
        .annotate(**_summed(rollup.FEEDBACK_COUNTS))
        .order_by()
    ):
        row = _unprefixed(row)
        for target in targets(row["span"], row["organization__path"]):
            for name in rollup.FEEDBACK_COUNTS:
                feedback[target][name] += row[name] or 0
    scores: dict[str | None, dict] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for (span, path, question), counts in _score_sums(
        ScoreFigure.objects.filter(covering), "span", "organization__path"
    ).items():
        for target in targets(span, path):
            for name, value in counts.items():
                scores[target][question][name] += value
    running: dict[str | None, dict] = defaultdict(lambda: defaultdict(int))
    for row in (
        _live(organization=organization, start=start, end=end, now=now)
        .values("organization__path")
        .annotate(**_running(now))
        .order_by()
    ):
        for target in (unit_key(row["organization__path"]), "*"):
            running[target]["processing"] += row["processing"]
            running[target]["contact"] += row["contact"]
    overdue: dict[str | None, int] = defaultdict(int)
    for path, count in (
        _overdue(organization=organization, now=now)
        .values_list("organization__path")
        .annotate(count=Count("id"))
        .order_by()
    ):
        overdue[unit_key(path)] += count
        overdue["*"] += count

    def row(key: str, org: Organization, has_children: bool) -> dict:
        sums = feedback[key]
        nps = _nps(scores[key].get("", {}))
        processing, _ = _share(
            part=sums["taken_in_time"], whole=sums["needs_handling"] - running[key]["processing"]
        )
        contact, _ = _share(
            part=sums["contacted_in_time"],
            whole=sums["contact_requested"] - running[key]["contact"],
        )
        return {
            "organization": _organization(org),
            "has_children": has_children,
            "feedback": sums["total"],
            "critical": sums["critical"],
            "responses": scores[key].get("", {}).get("total", 0),
            "nps": {key_: nps[key_] for key_ in ("value", "count", "suppressed")},
            "statements": {
                code: {key_: figures[key_] for key_ in ("positive_share", "count", "suppressed")}
                for code in national.STATEMENT_CODES
                for figures in [_statement(scores[key].get(f"s:{code}", {}))]
            },
            "processing_share": processing,
            "contact_share": contact,
            "overdue_now": overdue[key],
        }

    return {
        "organization": _organization(organization),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "min_group": MIN_GROUP,
        "units": [row(child.path, child, child.numchild > 0) for child in children],
        "total": row("*", organization, bool(children)),
    }


# Summaries


def visible_summaries(*, user) -> QuerySet[Summary]:
    """Published summaries of the organisations the user may view, and drafts of those the
    user leads."""
    published = policy.scope(
        user=user,
        action=policy.Action.VIEW,
        queryset=Summary.objects.filter(state=Summary.State.PUBLISHED),
    )
    drafts = policy.scope(
        user=user,
        action=policy.Action.LEAD,
        queryset=Summary.objects.filter(state=Summary.State.DRAFT),
    )
    return Summary.objects.filter(
        Q(pk__in=published.values("pk")) | Q(pk__in=drafts.values("pk"))
    ).select_related("organization")
