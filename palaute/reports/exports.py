"""Exports of feedback, survey answers and report figures as CSV and XLSX.

An export is a list of ``Sheet``: a title, its columns and its rows (produced lazily, so a
big export streams from the database to the client without being held in memory). The
writers turn sheets into CSV (a stream of bytes) or an XLSX workbook (openpyxl, write-only).

CSV is written for Excel as Finnish and Swedish users have it, since that is where these
files are opened: UTF-8 with a byte order mark (so Excel does not read it as Latin-1),
semicolons between the fields (the list separator of the Finnish and Swedish locales, in
which the comma is the decimal mark), decimal commas, CRLF line ends, dates as
``YYYY-MM-DD`` and times as ``YYYY-MM-DD HH:MM`` in Helsinki time. Scripts read it with
``csv.reader(..., delimiter=";")`` after decoding ``utf-8-sig``. XLSX carries real numbers
and dates and is the format to prefer for further analysis.

A text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return could be run
as a formula by a spreadsheet (CSV injection): in CSV it gets a leading apostrophe, in XLSX
it is always written as a text cell. Numbers written by us (a negative NPS) are numbers.

Contact details appear only in the feedback export, only for feedback whose contact
details the user may see (S3), and each feedback whose contact details are exported is
logged as viewed, just as when they are opened in the back office. Every feedback whose
original title or text goes into a file is in the access log (palaute.privacy), a chunk
at a time as the rows are written.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palaute.feedback import services as feedback_services
from palaute.feedback.models import Channel, Contact, Feedback
from palaute.organizations import policy
from palaute.organizations.models import Organization, User
from palaute.privacy.access_log import log_bulk_access
from palaute.privacy.models import AccessLog
from palaute.querysets import keyset_chunks
from palaute.surveys import national
from palaute.surveys.figures import MIN_GROUP, local_bounds
from palaute.surveys.models import Item, OwnStatement, SurveyAnswer, SurveyResponse
from palaute.translation import in_current_language

FORMATS = ("csv", "xlsx")
CHUNK = 500  # rows read from the database at a time
SUPPRESSED = gettext_lazy("fewer than 5 answers")
CSV_DELIMITER = ";"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters XML (and so XLSX) cannot hold.
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_DATE = "d.m.yyyy"
XLSX_DATETIME = "d.m.yyyy h:mm"


class Suppressed:
    """A value computed from too few answers: exported as text, never as its number."""

    def __str__(self) -> str:
        return str(SUPPRESSED)


SUPPRESSED_VALUE = Suppressed()


@dataclass
class Column:
    header: str
    width: int = 14


@dataclass
class Sheet:
    title: str
    columns: list[Column]
    rows: Iterable[list[Any]] = field(default_factory=list)


# Cell values


def neutralise(text: str) -> str:
    """A text a spreadsheet will not run as a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return str(value).replace(".", ",")
    return neutralise(str(value))


def _xlsx_cell(sheet, value: Any):
    from openpyxl.cell import WriteOnlyCell

    if value is None:
        return None
    if isinstance(value, bool):
        value = _("yes") if value else _("no")
    if isinstance(value, dt.datetime):
        cell = WriteOnlyCell(sheet, value=_local(value).replace(tzinfo=None))
        cell.number_format = XLSX_DATETIME
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = XLSX_DATE
        return cell
    if isinstance(value, int | float | Decimal):
        return value
    text = ILLEGAL_XML.sub("", str(value))
    if not text.startswith(FORMULA_STARTS):
        return text
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # text, never a formula
    return cell


# Writers


class _Line:
    """A file-like object that hands back what csv.writer writes."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(sheets: list[Sheet]) -> Iterator[bytes]:
    """The sheets as CSV bytes, one line at a time; several sheets one after another, each
    under its title and separated by an empty line."""
    writer = csv.writer(_Line(), delimiter=CSV_DELIMITER, lineterminator="\r\n")
    yield "\ufeff".encode()
    titled = len(sheets) > 1
    for number, sheet in enumerate(sheets):
        if number:
            yield writer.writerow([]).encode()
        if titled:
            yield writer.writerow([csv_value(sheet.title)]).encode()
        yield writer.writerow([csv_value(column.header) for column in sheet.columns]).encode()
        for row in sheet.rows:
            yield writer.writerow([csv_value(value) for value in row]).encode()


def _sheet_title(title: str, used: set[str]) -> str:
    """At most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", " ", str(title)).strip()[:31] or "Sheet"
    candidate, number = base, 2
    while candidate.lower() in used:
        suffix = f" ({number})"
        candidate, number = f"{base[: 31 - len(suffix)]}{suffix}", number + 1
    used.add(candidate.lower())
    return candidate


def write_xlsx(sheets: list[Sheet], target: IO[bytes]) -> None:
    """The sheets as an XLSX workbook: a bold, frozen header row, set column widths, real
    numbers and dates; written row by row (openpyxl's write-only mode)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    used: set[str] = set()
    bold = Font(bold=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(_sheet_title(sheet.title, used))
        worksheet.freeze_panes = "A2"
        for index, column in enumerate(sheet.columns, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = column.width
        header = []
        for column in sheet.columns:
            cell = WriteOnlyCell(worksheet, value=ILLEGAL_XML.sub("", str(column.header)))
            cell.data_type = "s"
            cell.font = bold
            header.append(cell)
        worksheet.append(header)
        for row in sheet.rows:
            worksheet.append([_xlsx_cell(worksheet, value) for value in row])
    if not sheets:
        workbook.create_sheet("Sheet")
    workbook.save(target)


# Choosing the rows


def feedback_queryset(
    *, user: User, organization: Organization, start: dt.date, end: dt.date
) -> QuerySet[Feedback]:
    """Feedback of the organisation's subtree received on local dates start..end, removed
    ones left out, within the user's view."""
    since, until = local_bounds(start=start, end=end)
    queryset = Feedback.objects.filter(
        organization__path__startswith=organization.path,
        received_at__gte=since,
        received_at__lt=until,
    ).exclude(status=Feedback.Status.REMOVED)
    return policy.scope(
        user=user, action=policy.Action.VIEW, queryset=queryset, field="organization__path"
    )


def may_see_contacts(*, user: User, organization: Organization) -> bool:
    """Whether the user may see the contact details of some feedback of the subtree."""
    if policy.can_view_contact(user=user, organization=organization):
        return True
    return (
        policy.organizations(user=user, action=policy.Action.VIEW_CONTACT)
        .filter(path__startswith=organization.path)
        .exists()
    )


def _in_chunks(queryset: QuerySet, *, size: int = CHUNK) -> Iterator[list]:
    """The rows in received order, read a chunk at a time."""
    return keyset_chunks(queryset, field="received_at", size=size)


def _in_response_chunks(queryset: QuerySet, *, size: int = CHUNK) -> Iterator[list]:
    queryset = queryset.order_by("feedback__received_at", "pk")
    last: tuple[dt.datetime, int] | None = None
    while True:
        page = queryset
        if last is not None:
            page = page.filter(
                Q(feedback__received_at__gt=last[0])
                | Q(feedback__received_at=last[0], pk__gt=last[1])
            )
        rows = list(page[:size])
        if not rows:
            return
        yield rows
        if len(rows) < size:
            return
        last = (rows[-1].feedback.received_at, rows[-1].pk)


# The feedback export


def feedback_sheet(
    *,
    user: User,
    organization: Organization,
    start: dt.date,
    end: dt.date,
    contacts: bool = True,
    client_address: str = "",
) -> Sheet:
    """One row per feedback, with its original title and text. With ``contacts`` and the
    right to see them somewhere in the subtree, the sender's name, email and phone: filled
    only for feedback whose contact details the user may see. Every feedback written is in
    the access log, its contact details logged like a look in the back office
    (palaute.feedback.services.view_contact)."""
    with_contacts = contacts and may_see_contacts(user=user, organization=organization)
    columns = [
        Column(_("Reference"), 14),
        Column(_("Received"), 17),
        Column(_("Organisation"), 28),
        Column(_("Organisation code"), 16),
        Column(_("Topic"), 24),
        Column(_("Channel"), 16),
        Column(_("Kind"), 12),
        Column(_("Status"), 16),
        Column(_("Critical"), 10),
        Column(_("Title"), 32),
        Column(_("Text"), 60),
        Column(_("Public"), 10),
        Column(_("Taken into processing"), 17),
        Column(_("To be taken into processing by"), 17),
        Column(_("Asked to be contacted"), 12),
        Column(_("Contacted"), 17),
    ]
    if with_contacts:
        columns += [
            Column(_("Contact name"), 24),
            Column(_("Contact email"), 28),
            Column(_("Contact phone"), 18),
        ]
    queryset = feedback_queryset(user=user, organization=organization, start=start, end=end)
    queryset = queryset.select_related("organization", "topic")
    if with_contacts:
        queryset = queryset.annotate(
            has_contact=Exists(Contact.objects.filter(feedback=OuterRef("pk")))
        )
    return Sheet(
        title=_("Feedback"),
        columns=columns,
        rows=_feedback_rows(
            queryset, user=user, with_contacts=with_contacts, client_address=client_address
        ),
    )


def _feedback_rows(
    queryset: QuerySet, *, user: User, with_contacts: bool, client_address: str
) -> Iterator[list]:
    statuses = dict(Feedback.Status.choices)
    kinds = dict(Feedback.Kind.choices)
    channels = dict(Channel.choices)
    for chunk in _in_chunks(queryset):
        log_bulk_access(
            user=user,
            kind=AccessLog.Kind.EXPORT_ORIGINAL,
            feedback=chunk,
            client_address=client_address,
            purpose=_("Exported to a file"),
        )
        contacts = (
            _contacts(chunk, user=user, client_address=client_address) if with_contacts else {}
        )
        for feedback in chunk:
            row = [
                feedback.reference,
                feedback.received_at,
                feedback.organization.name,
                feedback.organization.code,
                feedback.topic.name,
                channels.get(feedback.channel, feedback.channel),
                kinds.get(feedback.kind, feedback.kind),
                statuses.get(feedback.status, feedback.status),
                feedback.is_critical,
                feedback.title,
                feedback.text,
                feedback.is_published,
                feedback.taken_at,
                feedback.processing_due,
                feedback.contact_requested,
                feedback.contacted_at,
            ]
            if with_contacts:
                contact = contacts.get(feedback.pk)
                row += (
                    [contact.name or None, contact.email or None, contact.phone or None]
                    if contact
                    else [None, None, None]
                )
            yield row


def _contacts(chunk: list[Feedback], *, user: User, client_address: str) -> dict:
    """The contacts of the chunk the user may see, each look logged as an event."""
    visible = [
        feedback
        for feedback in chunk
        if feedback.has_contact
        and policy.can_view_contact(user=user, organization=feedback.organization)
    ]
    if not visible:
        return {}
    return feedback_services.view_contacts(
        feedback=visible, actor=user, note=_("Exported to a file"), client_address=client_address
    )


# The survey answers export


def responses_queryset(
    *, user: User, organization: Organization, start: dt.date, end: dt.date
) -> QuerySet[SurveyResponse]:
    """Survey responses whose feedback is in the subtree and period, not removed, within
    the user's view."""
    since, until = local_bounds(start=start, end=end)
    queryset = SurveyResponse.objects.filter(
        feedback__organization__path__startswith=organization.path,
        feedback__received_at__gte=since,
        feedback__received_at__lt=until,
    ).exclude(feedback__status=Feedback.Status.REMOVED)
    return policy.scope(
        user=user,
        action=policy.Action.VIEW,
        queryset=queryset,
        field="feedback__organization__path",
    )


def answers_sheet(
    *,
    user: User,
    organization: Organization,
    start: dt.date,
    end: dt.date,
    client_address: str = "",
) -> Sheet:
    """One row per survey response: the questionnaire, background answers, the
    recommendation, every statement and the open text (each one written is in the access
    log). Never contact details."""
    queryset = responses_queryset(user=user, organization=organization, start=start, end=end)
    answers = SurveyAnswer.objects.filter(response__in=queryset.values("pk"))
    codes = list(national.STATEMENT_CODES)
    codes += sorted(
        set(
            answers.filter(item__kind=Item.Kind.STATEMENT)
            .exclude(item__code__in=codes)
            .values_list("item__code", flat=True)
            .distinct()
        )
    )
    own = list(
        OwnStatement.objects.filter(pk__in=answers.values("own_statement"))
        .select_related("organization")
        .order_by("organization__path", "order", "id")
    )
    columns = [
        Column(_("Reference"), 14),
        Column(_("Received"), 17),
        Column(_("Organisation"), 28),
        Column(_("Organisation code"), 16),
        Column(_("Questionnaire"), 22),
        Column(_("Version"), 9),
        Column(_("Channel"), 16),
        Column(_("Respondent"), 14),
        Column(_("Age group"), 11),
        Column(_("Recommendation (0–10)"), 14),
        *(Column(code, 14) for code in codes),
        *(Column(_("Own statement: %(text)s") % {"text": statement.text}, 24) for statement in own),
        Column(_("Open text"), 60),
    ]
    queryset = queryset.select_related("feedback__organization", "version__questionnaire").only(
        "pk",
        "channel",
        "nps",
        "respondent",
        "age_group",
        "feedback__reference",
        "feedback__received_at",
        "feedback__text",
        "feedback__organization__code",
        "feedback__organization__name_fi",
        "feedback__organization__name_sv",
        "feedback__organization__name_en",
        "version__number",
        "version__questionnaire__code",
    )
    return Sheet(
        title=_("Survey answers"),
        columns=columns,
        rows=_answer_rows(
            queryset,
            codes=codes,
            own=[statement.pk for statement in own],
            user=user,
            client_address=client_address,
        ),
    )


def _answer_rows(
    queryset: QuerySet, *, codes: list[str], own: list[int], user: User, client_address: str
) -> Iterator[list]:
    channels = dict(Channel.choices)
    respondents = dict(SurveyResponse.Respondent.choices)
    ages = {
        code: in_current_language(dict(zip(("fi", "sv", "en"), texts, strict=True)))
        for code, *texts in national.AGE_GROUPS
    }
    dont_know = _("don't know")
    for chunk in _in_response_chunks(queryset):
        log_bulk_access(
            user=user,
            kind=AccessLog.Kind.EXPORT_ORIGINAL,
            feedback=[response.feedback for response in chunk if response.feedback.text],
            client_address=client_address,
            purpose=_("Exported to a file"),
        )
        values: dict[int, dict] = {response.pk: {} for response in chunk}
        for response_id, code, own_id, value, no_opinion in SurveyAnswer.objects.filter(
            response__in=list(values)
        ).values_list("response_id", "item__code", "own_statement_id", "value", "no_opinion"):
            key = f"o:{own_id}" if own_id else f"s:{code}"
            values[response_id][key] = dont_know if no_opinion else value
        for response in chunk:
            answered = values[response.pk]
            feedback = response.feedback
            yield [
                feedback.reference,
                feedback.received_at,
                feedback.organization.name,
                feedback.organization.code,
                response.version.questionnaire.code,
                response.version.number,
                channels.get(response.channel, response.channel),
                respondents.get(response.respondent, response.respondent) or None,
                ages.get(response.age_group, response.age_group) or None,
                response.nps,
                *(answered.get(f"s:{code}") for code in codes),
                *(answered.get(f"o:{pk}") for pk in own),
                feedback.text or None,
            ]


# The report figures export


def _figure(value: Any, suppressed: bool = False) -> Any:
    """A figure, or the suppression text in its place: never the number behind it."""
    return SUPPRESSED_VALUE if suppressed else value


def figures_sheets(figures: dict) -> list[Sheet]:
    """The unified report's figures (palaute.reports.selectors.report_figures) flattened
    into sections. A suppressed value is the text "fewer than 5 answers"."""
    return [
        _report_sheet(figures),
        _volumes_sheet(figures),
        _nps_sheet(figures),
        _statements_sheet(figures),
        _handling_sheet(figures),
        _critical_sheet(figures),
        _actions_sheet(figures),
        _themes_sheet(figures),
    ]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _measures(title: str, rows: list[list]) -> Sheet:
    return Sheet(
        title=title,
        columns=[Column(_("Measure"), 48), Column(_("Value"), 18)],
        rows=rows,
    )


def _report_sheet(figures: dict) -> Sheet:
    organization = figures.get("organization") or {}
    previous = figures.get("previous") or {}
    generated = figures.get("generated_at")
    return _measures(
        _("Report"),
        [
            [_("Organisation"), in_current_language(organization.get("name"))],
            [_("Organisation code"), organization.get("code")],
            [_("Start"), _date(figures.get("start"))],
            [_("End"), _date(figures.get("end"))],
            [_("Previous period starts"), _date(previous.get("start"))],
            [_("Previous period ends"), _date(previous.get("end"))],
            [_("Smallest group shown"), figures.get("min_group")],
            [_("Generated"), dt.datetime.fromisoformat(generated) if generated else None],
        ],
    )


def _volumes_sheet(figures: dict) -> Sheet:
    volumes = figures.get("volumes") or {}
    kinds = dict(Feedback.Kind.choices)
    channels = dict(Channel.choices)
    rows: list[list] = [
        [_("Total"), "", volumes.get("total")],
        [_("Critical"), "", volumes.get("critical")],
    ]
    rows += [
        [_("Kind"), kinds.get(key, key), count]
        for key, count in (volumes.get("by_kind") or {}).items()
    ]
    rows += [
        [_("Channel"), channels.get(key, key), count]
        for key, count in (volumes.get("by_channel") or {}).items()
    ]
    rows += [
        [_("Topic"), in_current_language(topic.get("name")), topic.get("count")]
        for topic in volumes.get("by_topic") or []
    ]
    rows += [
        [_("Month"), month["month"], month["count"]] for month in volumes.get("by_month") or []
    ]
    rows += [
        [_("Questionnaire answers"), in_current_language(row.get("name")), row.get("responses")]
        for row in figures.get("questionnaires") or []
    ]
    rows.append([_("Questionnaire answers"), _("Total"), figures.get("responses")])
    return Sheet(
        title=_("Volumes"),
        columns=[Column(_("Dimension"), 24), Column(_("Item"), 36), Column(_("Count"), 10)],
        rows=rows,
    )


def _nps_sheet(figures: dict) -> Sheet:
    nps = figures.get("nps") or {}
    hidden = bool(nps.get("suppressed"))
    distribution = nps.get("distribution") or {}
    rows = [
        [_("Recommendation index (NPS)"), _figure(nps.get("value"), hidden)],
        [_("Answers (n)"), nps.get("count")],
        [_("Promoters (9–10)"), _figure(nps.get("promoters"), hidden)],
        [_("Passives (7–8)"), _figure(nps.get("passives"), hidden)],
        [_("Detractors (0–6)"), _figure(nps.get("detractors"), hidden)],
        [_("Previous period"), nps.get("previous")],
        [_("Change"), nps.get("change")],
    ]
    rows += [
        [_("Answered %(score)s") % {"score": score}, _figure(distribution.get(str(score)), hidden)]
        for score in range(11)
    ]
    return _measures(_("NPS"), rows)


def _statements_sheet(figures: dict) -> Sheet:
    rows = []
    for kind, statements in (
        (_("National"), figures.get("statements") or []),
        (_("Own statement"), figures.get("own_statements") or []),
    ):
        for statement in statements:
            hidden = bool(statement.get("suppressed"))
            distribution = statement.get("distribution") or {}
            rows.append(
                [
                    kind,
                    statement.get("code"),
                    in_current_language(statement.get("text")),
                    statement.get("count"),
                    _figure(statement.get("positive_share"), hidden),
                    *(_figure(distribution.get(str(value)), hidden) for value in range(1, 6)),
                    statement.get("no_opinion"),
                    statement.get("previous"),
                    statement.get("change"),
                ]
            )
    return Sheet(
        title=_("Statements"),
        columns=[
            Column(_("Kind"), 14),
            Column(_("Code"), 16),
            Column(_("Statement"), 48),
            Column(_("Answers (n)"), 10),
            Column(_("Positive share (%)"), 14),
            *(Column(str(value), 8) for value in range(1, 6)),
            Column(_("Don't know"), 10),
            Column(_("Previous period"), 12),
            Column(_("Change"), 10),
        ],
        rows=rows,
    )


def _handling_sheet(figures: dict) -> Sheet:
    handling = figures.get("handling") or {}
    processing = handling.get("processing") or {}
    contact = handling.get("contact") or {}
    processing_hidden = bool(processing.get("suppressed"))
    contact_hidden = bool(contact.get("suppressed"))
    hidden = bool(handling.get("suppressed"))
    return _measures(
        _("Handling"),
        [
            [_("To handle"), handling.get("to_handle")],
            [_("Processing deadline decided (n)"), processing.get("count")],
            [
                _("Taken into processing within 5 working days"),
                _figure(processing.get("in_time"), processing_hidden),
            ],
            [
                _("Taken into processing within 5 working days (%)"),
                _figure(processing.get("share"), processing_hidden),
            ],
            [_("Asked to be contacted"), contact.get("requested")],
            [_("Contact deadline decided (n)"), contact.get("count")],
            [_("Contacted within 14 days"), _figure(contact.get("in_time"), contact_hidden)],
            [_("Contacted within 14 days (%)"), _figure(contact.get("share"), contact_hidden)],
            [_("Handled (n)"), handling.get("handled")],
            [_("Median handling time (hours)"), _figure(handling.get("median_hours"), hidden)],
            [_("Median handling time (days)"), _figure(handling.get("median_days"), hidden)],
            [_("Overdue now"), handling.get("overdue_now")],
        ],
    )


def _critical_sheet(figures: dict) -> Sheet:
    critical = figures.get("critical") or {}
    return _measures(
        _("Critical feedback"),
        [
            [_("Critical feedback"), critical.get("count")],
            [_("Acknowledged"), critical.get("acknowledged")],
            [
                _("Median time to acknowledgement (minutes)"),
                _figure(critical.get("median_minutes_to_ack"), bool(critical.get("suppressed"))),
            ],
        ],
    )


def _actions_sheet(figures: dict) -> Sheet:
    actions = figures.get("actions") or {}
    rows: list[list] = [
        [_("Started"), None, None, None, None, None, None, None, actions.get("started")],
        [_("Done"), None, None, None, None, None, None, None, actions.get("done")],
        [_("Overdue"), None, None, None, None, None, None, None, actions.get("overdue")],
    ]
    for item in actions.get("items") or []:
        measure = item.get("measure") or {}
        rows.append(
            [
                item.get("title"),
                item.get("organization"),
                item.get("status_label"),
                _date(item.get("due_on")),
                _date(item.get("done_on")),
                item.get("impact") or None,
                measure.get("label"),
                _measure_value(measure, "before"),
                _measure_value(measure, "after"),
            ]
        )
    return Sheet(
        title=_("Development actions"),
        columns=[
            Column(_("Development action"), 36),
            Column(_("Unit"), 24),
            Column(_("Status"), 14),
            Column(_("Due"), 11),
            Column(_("Done"), 11),
            Column(_("Impact"), 40),
            Column(_("Measure"), 20),
            Column(_("Before"), 10),
            Column(_("After"), 10),
        ],
        rows=rows,
    )


def _measure_value(measure: dict, key: str) -> Any:
    """A measure's value; the suppression text when it rests on too few answers."""
    if not measure:
        return None
    count = measure.get(f"{key}_count")
    if count is None:
        return measure.get(key)
    return _figure(measure.get(key), count < MIN_GROUP)


def _themes_sheet(figures: dict) -> Sheet:
    return Sheet(
        title=_("Themes"),
        columns=[Column(_("Theme"), 20), Column(_("Count"), 10), Column(_("Quotes"), 80)],
        rows=[
            [theme.get("lemma"), theme.get("count"), " | ".join(theme.get("quotes") or [])]
            for theme in figures.get("themes") or []
        ],
    )


def export_name(*, kind: str, organization: Organization, start: dt.date, end: dt.date) -> str:
    """A file name without its suffix: palaute-feedback-<code>-<start>-<end>."""
    return f"palaute-{kind}-{organization.code}-{start.isoformat()}-{end.isoformat()}"
