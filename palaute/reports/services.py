"""Writes on the twice-yearly customer-feedback summaries (asiakaspalautekooste, C7).

A summary keeps the unified report's figures of one organisation and half-year as they were
when it was generated, and the PDF made of them. Every change writes a SummaryEvent.
Permission checks are the callers' (the pages ask palaute.organizations.policy: drafts,
commentary, publishing and regenerating need Action.LEAD).

The PDF is rendered outside the database transaction (it is slow) and its file written
inside it; a file left behind by a rolled-back transaction is removed, and the file it
replaced is removed only after the commit.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from palaute.feedback.models import Feedback
from palaute.organizations.models import Organization, User
from palaute.surveys.figures import local_bounds
from palaute.surveys.models import SurveyResponse

from . import selectors
from .models import Summary, SummaryEvent
from .pdf import render_report_pdf

log = logging.getLogger(__name__)

PDF_LANGUAGE = "fi"
MAX_COMMENTARY = 20000
# The kinds of organisation that get a summary every half-year.
UNIT_KINDS = (Organization.Kind.RESPONSIBILITY_UNIT, Organization.Kind.SERVICE_UNIT)


# Half-years


def half_of(start: dt.date) -> int:
    """1 for January–June, 2 for July–December."""
    return 1 if start.month <= 6 else 2


def is_half_year(start: dt.date, end: dt.date) -> bool:
    return selectors.half_year(start) == (start, end)


def last_complete_half_year(today: dt.date) -> tuple[dt.date, dt.date]:
    """January–June when run in July–December, July–December of last year when run in
    January–June."""
    start, _end = selectors.half_year(today)
    return selectors.half_year(start - dt.timedelta(days=1))


def recent_half_years(*, today: dt.date, count: int = 6) -> list[tuple[dt.date, dt.date]]:
    """The ``count`` latest complete half-years, newest first."""
    periods = []
    day = today
    for _index in range(count):
        start, end = last_complete_half_year(day)
        periods.append((start, end))
        day = end
    return periods


def period_code(start: dt.date) -> str:
    """2025-H1 for January–June 2025."""
    return f"{start.year}-H{half_of(start)}"


def period_label(start: dt.date, end: dt.date) -> str:
    """1.1.–30.6.2025."""
    return f"{start.day}.{start.month}.–{end.day}.{end.month}.{end.year}"


def pdf_name(summary: Summary) -> str:
    return f"asiakaspalautekooste-{summary.organization.code}-{period_code(summary.start)}.pdf"


# The PDF


def _title() -> str:
    """The document's title; the PDF prints the organisation and the period with it."""
    with translation.override(PDF_LANGUAGE):
        return _("Customer-feedback summary")


def _render_pdf(*, figures: dict, commentary: str) -> bytes:
    with translation.override(PDF_LANGUAGE):
        content = render_report_pdf(
            figures=figures,
            language=PDF_LANGUAGE,
            commentary=commentary,
            title=_title(),
        )
    return bytes(content)


@dataclass
class _FileSwap:
    """A new PDF written for a summary; the old one is removed after the commit, the new
    one if the transaction is rolled back."""

    summary: Summary
    old_name: str = ""
    new_name: str = ""

    def write(self, content: bytes) -> None:
        self.old_name = self.summary.pdf.name or ""
        self.summary.pdf.save(pdf_name(self.summary), ContentFile(content), save=False)
        self.new_name = self.summary.pdf.name

    def committed(self) -> None:
        old, storage = self.old_name, self.summary.pdf.storage
        if old and old != self.new_name:
            transaction.on_commit(lambda: _delete_file(storage, old))

    def rolled_back(self) -> None:
        if self.new_name:
            _delete_file(self.summary.pdf.storage, self.new_name)


def _delete_file(storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:  # pragma: no cover - a file already gone is fine
        log.warning("Could not remove the summary file %s", name)


def _event(*, summary: Summary, kind: str, actor: User | None, at: dt.datetime, note: str = ""):
    return SummaryEvent.objects.create(
        summary=summary, kind=kind, actor=actor, note=note, created_at=at
    )


# Generating


def generate_summary(
    *,
    organization: Organization,
    start: dt.date,
    end: dt.date,
    actor: User | None = None,
    now: dt.datetime | None = None,
) -> Summary:
    """The summary of the organisation (and the units below it) for the half-year, created
    or, when there is one, regenerated from the current figures. Regenerating keeps the
    commentary and the state: a published summary stays published."""
    summary = _generate(
        organization=organization, start=start, end=end, actor=actor, now=now, replace=True
    )
    if summary is None:  # pragma: no cover - only without replace
        raise RuntimeError("The summary was not stored.")
    return summary


def _generate(
    *,
    organization: Organization,
    start: dt.date,
    end: dt.date,
    actor: User | None,
    now: dt.datetime | None,
    replace: bool,
) -> Summary | None:
    """Create the summary, or regenerate it if ``replace``; None if it exists and not
    ``replace``."""
    if not is_half_year(start, end):
        raise ValidationError(
            {"period": _("A summary covers January–June or July–December of a year.")},
            code="not_half_year",
        )
    now = now or timezone.now()
    existing = Summary.objects.filter(organization=organization, start=start, end=end).first()
    if existing is not None and not replace:
        return None
    figures = selectors.report_figures(organization=organization, start=start, end=end, now=now)
    commentary = existing.commentary if existing else ""
    content = _render_pdf(figures=figures, commentary=commentary)
    try:
        return _store(
            organization=organization,
            start=start,
            end=end,
            figures=figures,
            content=content,
            actor=actor,
            now=now,
            replace=replace,
            rendered_commentary=commentary,
        )
    except IntegrityError:
        # Created at the same moment by someone else (another job run, say).
        if not replace:
            return None
        return _store(
            organization=organization,
            start=start,
            end=end,
            figures=figures,
            content=content,
            actor=actor,
            now=now,
            replace=True,
            rendered_commentary=commentary,
        )


def _store(
    *,
    organization: Organization,
    start: dt.date,
    end: dt.date,
    figures: dict,
    content: bytes,
    actor: User | None,
    now: dt.datetime,
    replace: bool,
    rendered_commentary: str,
) -> Summary | None:
    swap: _FileSwap | None = None
    try:
        with transaction.atomic():
            summary = (
                Summary.objects.select_for_update()
                .select_related("organization")
                .filter(organization=organization, start=start, end=end)
                .first()
            )
            created = summary is None
            if summary is None:
                summary = Summary(
                    organization=organization,
                    start=start,
                    end=end,
                    state=Summary.State.DRAFT,
                )
            elif not replace:
                return None
            if not created and summary.commentary != rendered_commentary:
                # The commentary changed while the PDF was being made: make it again.
                content = _render_pdf(figures=figures, commentary=summary.commentary)
            summary.figures = figures
            summary.generated_at = now
            summary.generated_by = actor
            swap = _FileSwap(summary)
            swap.write(content)
            summary.save()
            if created:
                _event(summary=summary, kind=SummaryEvent.Kind.GENERATED, actor=actor, at=now)
            else:
                note = ""
                if summary.state == Summary.State.PUBLISHED:
                    note = _("Regenerated after it was published; it stays published.")
                _event(
                    summary=summary,
                    kind=SummaryEvent.Kind.REGENERATED,
                    actor=actor,
                    at=now,
                    note=note,
                )
            swap.committed()
    except BaseException:
        if swap is not None:
            swap.rolled_back()
        raise
    return summary


def regenerate_summary(
    *, summary: Summary, actor: User | None = None, now: dt.datetime | None = None
) -> Summary:
    """The summary counted again from the current figures, its commentary and state kept."""
    return generate_summary(
        organization=summary.organization,
        start=summary.start,
        end=summary.end,
        actor=actor,
        now=now,
    )


# The supervisor's commentary and publishing


def write_commentary(
    *, summary: Summary, text: str, actor: User | None, now: dt.datetime | None = None
) -> Summary:
    """Save the commentary and make the PDF again so it includes it."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"commentary": _("Write the commentary.")}, code="required")
    if len(text) > MAX_COMMENTARY:
        raise ValidationError(
            {
                "commentary": _("The commentary can be at most %(max)d characters long.")
                % {"max": MAX_COMMENTARY}
            },
            code="max_length",
        )
    now = now or timezone.now()
    content = _render_pdf(figures=summary.figures, commentary=text)
    swap: _FileSwap | None = None
    try:
        with transaction.atomic():
            locked = (
                Summary.objects.select_for_update()
                .select_related("organization")
                .get(pk=summary.pk)
            )
            if locked.figures != summary.figures:
                # Regenerated meanwhile: the PDF is made of the new figures.
                content = _render_pdf(figures=locked.figures, commentary=text)
            locked.commentary = text
            locked.commentary_at = now
            locked.commentary_by = actor
            swap = _FileSwap(locked)
            swap.write(content)
            locked.save()
            _event(summary=locked, kind=SummaryEvent.Kind.COMMENTED, actor=actor, at=now, note=text)
            swap.committed()
    except BaseException:
        if swap is not None:
            swap.rolled_back()
        raise
    return locked


def publish_summary(
    *, summary: Summary, actor: User | None, now: dt.datetime | None = None
) -> Summary:
    """Publish the draft internally: everyone who sees the unit's feedback sees it."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Summary.objects.select_for_update().get(pk=summary.pk)
        if locked.state == Summary.State.PUBLISHED:
            raise ValidationError(
                _("The summary has already been published."), code="already_published"
            )
        locked.state = Summary.State.PUBLISHED
        locked.published_at = now
        locked.published_by = actor
        locked.save(update_fields=["state", "published_at", "published_by"])
        _event(summary=locked, kind=SummaryEvent.Kind.PUBLISHED, actor=actor, at=now)
    return locked


# The periodic job


def units_with_data(*, start: dt.date, end: dt.date) -> list[Organization]:
    """Active units (responsibility and service units) with any feedback or survey response
    received in the period in them or a unit below them, in tree order."""
    since, until = local_bounds(start=start, end=end)
    organization_ids = set(
        Feedback.objects.filter(received_at__gte=since, received_at__lt=until)
        .exclude(status=Feedback.Status.REMOVED)
        .values_list("organization_id", flat=True)
        .distinct()
    )
    organization_ids |= set(
        SurveyResponse.objects.filter(created_at__gte=since, created_at__lt=until)
        .values_list("collection_point__organization_id", flat=True)
        .distinct()
    )
    if not organization_ids:
        return []
    step = Organization.steplen
    prefixes: set[str] = set()
    for path in Organization.objects.filter(pk__in=organization_ids).values_list("path", flat=True):
        prefixes.update(path[:length] for length in range(step, len(path) + 1, step))
    units = Organization.objects.filter(
        kind__in=UNIT_KINDS, is_active=True, path__in=prefixes
    ).order_by("path")
    return list(units)


def produce_summaries(*, now: dt.datetime | None = None) -> int:
    """Create the summary of the last complete half-year for every active unit that had
    feedback or survey responses in it and has none yet. Idempotent; returns how many were
    created. A unit that fails is logged and left for the next run."""
    now = now or timezone.now()
    start, end = last_complete_half_year(timezone.localdate(now))
    done = set(
        Summary.objects.filter(start=start, end=end).values_list("organization_id", flat=True)
    )
    created = 0
    for unit in units_with_data(start=start, end=end):
        if unit.pk in done:
            continue
        try:
            summary = _generate(
                organization=unit, start=start, end=end, actor=None, now=now, replace=False
            )
        except Exception:
            log.exception("The summary of %s for %s could not be made", unit.code, start)
            continue
        if summary is not None:
            created += 1
    return created
