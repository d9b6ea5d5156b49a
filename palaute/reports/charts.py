"""Charts of the reports as SVG, built in Python: no JavaScript, no chart library.

Every chart is an ``<svg role="img">`` named by its ``<title>`` and described by its
``<desc>`` (``aria-labelledby``), so a screen reader announces what it shows; the page puts
a data table with the same figures beside it (WCAG 1.1.1). Colour is never the only cue
(WCAG 1.4.1): categories also differ by pattern, are drawn in a fixed order, are named in a
legend and carry their values as text, so the charts survive greyscale print. Every fill
has a contrast of at least 4.5:1 against white, enough for the white labels drawn on it.

The same markup is used on the page and, inline, in the PDF (WeasyPrint draws SVG itself).
Texts are translated in the active language.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from palaute.surveys import national
from palaute.surveys.selectors import localized
from palaute.translation import in_current_language

WIDTH = 640
FONT_SIZE = 12
TEXT = "#1b1b1b"
MUTED = "#4a4a4a"
AXIS = "#6b6b6b"
BAR = "#00468b"  # 9.3:1 against white
LABEL_WIDTH = 220
LABEL_CHARS = 30
WIDE_LABEL_CHARS = 88
CHIP = 42  # a segment at least this wide carries its share as text, on a chip


@dataclass(frozen=True)
class Fill:
    """A category's look: a colour (≥ 4.5:1 against white) and a pattern drawn over it in
    white, so neighbours differ in greyscale too."""

    key: str
    colour: str
    pattern: str = "solid"  # solid, hatch, backhatch, dots


# Disagree (red) to agree (blue) through grey; patterns alternate so that no two neighbours
# look alike in greyscale.
SCALE_FILLS = (
    Fill("1", "#a50f15", "solid"),  # 7.8:1
    Fill("2", "#c2410c", "hatch"),  # 5.2:1
    Fill("3", "#767676", "dots"),  # 4.5:1
    Fill("4", "#1d6fb8", "backhatch"),  # 5.2:1
    Fill("5", "#08519c", "solid"),  # 7.9:1
)
NPS_FILLS = (
    Fill("detractors", "#a50f15", "hatch"),
    Fill("passives", "#767676", "dots"),
    Fill("promoters", "#08519c", "solid"),
)
PATTERNS = {
    "hatch": '<path d="M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2" stroke="#fff" stroke-width="1.6"/>',
    "backhatch": '<path d="M-1,7 l2,2 M0,0 l8,8 M7,-1 l2,2" stroke="#fff" stroke-width="1.6"/>',
    "dots": '<circle cx="2" cy="2" r="1.3" fill="#fff"/><circle cx="6" cy="6" r="1.3" '
    'fill="#fff"/>',
}


def suppressed_text() -> str:
    return _("fewer than 5 answers")


def _ident(kind: str, *parts: object) -> str:
    digest = hashlib.sha1(repr((kind, parts)).encode(), usedforsecurity=False).hexdigest()
    return f"chart-{kind}-{digest[:10]}"


def _number(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "–"
    if digits == 0 or float(value).is_integer():
        return number_format(round(value), 0)
    return number_format(value, digits)


def _percent(value: float) -> str:
    return f"{_number(value)} %"


def _shorten(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _attrs(attrs: Mapping[str, object]) -> str:
    def show(value: object) -> str:
        return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)

    return "".join(
        f' {key.replace("_", "-")}="{escape(show(value))}"' for key, value in attrs.items()
    )


def _element(tag: str, **attrs: object) -> str:
    return f"<{tag}{_attrs(attrs)}/>"


def _text(x: float, y: float, content: str, **attrs: object) -> str:
    attrs.setdefault("fill", TEXT)
    return f"<text{_attrs({'x': float(x), 'y': float(y), **attrs})}>{escape(content)}</text>"


def _svg(
    *, ident: str, title: str, description: str, height: float, body: Sequence[str], defs: str = ""
) -> SafeString:
    """The chart's frame: role, accessible name and description, a viewBox that scales."""
    markup = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" id="{ident}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" height="{height:.0f}" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-size="{FONT_SIZE}" '
        'font-family="DejaVu Sans, Verdana, Arial, sans-serif">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
        f"{f'<defs>{defs}</defs>' if defs else ''}"
        f'<g aria-hidden="true">{"".join(body)}</g>'
        "</svg>"
    )
    return mark_safe(markup)  # noqa: S308 - every text in it is escaped


def _pattern_defs(ident: str, fills: Sequence[Fill]) -> str:
    """A <pattern> per patterned fill: the colour with white lines or dots over it."""
    return "".join(
        f'<pattern id="{ident}-p-{fill.key}" patternUnits="userSpaceOnUse" width="8" height="8">'
        f'<rect width="8" height="8" fill="{fill.colour}"/>{PATTERNS[fill.pattern]}</pattern>'
        for fill in fills
        if fill.pattern in PATTERNS
    )


def _paint(ident: str, fill: Fill) -> str:
    return fill.colour if fill.pattern not in PATTERNS else f"url(#{ident}-p-{fill.key})"


def _legend(ident: str, y: float, items: Sequence[tuple[Fill, str]]) -> tuple[list[str], float]:
    """Swatches with their names, wrapped to the chart's width; the markup and its height."""
    body, x, row = [], 0.0, 0
    for fill, label in items:
        label = _shorten(label, 34)
        width = 22 + len(label) * FONT_SIZE * 0.6 + 16
        if x and x + width > WIDTH:
            x, row = 0.0, row + 1
        top = y + row * 20
        body.append(
            _element(
                "rect",
                x=x,
                y=top,
                width=14,
                height=14,
                fill=_paint(ident, fill),
                stroke=TEXT,
                stroke_width=0.5,
            )
        )
        body.append(_text(x + 20, top + 11.5, label))
        x += width
    return body, (row + 1) * 20


def _segments(
    ident: str,
    *,
    x: float,
    y: float,
    width: float,
    height: float,
    counts: Mapping[str, int],
    categories: Sequence[tuple[Fill, str]],
) -> list[str]:
    """Segments of a 100 % bar in the categories' order, a wide enough one with its share
    on a solid chip (so the white text stays clear of the pattern)."""
    total = sum(counts.get(fill.key) or 0 for fill, _name in categories)
    body = []
    for fill, _name in categories:
        count = counts.get(fill.key) or 0
        if not count:
            continue
        length = width * count / total
        share = 100 * count / total
        body.append(
            _element(
                "rect",
                x=x,
                y=y,
                width=length,
                height=height,
                fill=_paint(ident, fill),
                stroke="#fff",
                stroke_width=1,
            )
        )
        if length >= CHIP:
            middle = y + height / 2
            body.append(
                _element(
                    "rect",
                    x=x + length / 2 - (CHIP - 4) / 2,
                    y=middle - 8,
                    width=CHIP - 4,
                    height=16,
                    rx=2,
                    fill=fill.colour,
                )
            )
            body.append(
                _text(
                    x + length / 2,
                    middle + 4,
                    _percent(share),
                    fill="#fff",
                    text_anchor="middle",
                    font_size=10.5,
                    font_weight="bold",
                )
            )
        x += length
    return body


def _shares(counts: Mapping[str, int], categories: Sequence[tuple[Fill, str]]) -> str:
    total = sum(counts.get(fill.key) or 0 for fill, _name in categories)
    return ", ".join(
        f"{name} {_percent(100 * (counts.get(fill.key) or 0) / total)}"
        for fill, name in categories
        if total
    )


# Horizontal bars: volumes by channel, topic, kind or questionnaire.


def bar_chart(
    *,
    title: str,
    rows: Sequence[tuple[str, float | None]],
    description: str = "",
    unit: str = "",
    ident: str | None = None,
) -> SafeString:
    """One horizontal bar per row (label, value), the largest at full width, each value
    written at the end of its bar. A ``None`` value is shown as suppressed."""
    ident = ident or _ident("bar", title, tuple(rows))
    value_width, row_height, top = 80, 26, 4
    area = WIDTH - LABEL_WIDTH - value_width
    peak = max((value for _label, value in rows if value), default=0) or 1
    bottom = top + row_height * max(len(rows), 1)
    body = [_element("line", x1=LABEL_WIDTH, y1=0, x2=LABEL_WIDTH, y2=bottom + 2, stroke=AXIS)]
    parts = []
    for index, (label, value) in enumerate(rows):
        y = top + index * row_height
        body.append(_text(LABEL_WIDTH - 8, y + 17, _shorten(label), text_anchor="end"))
        if value is None:
            body.append(
                _text(LABEL_WIDTH + 6, y + 17, suppressed_text(), fill=MUTED, font_style="italic")
            )
            parts.append(f"{label}: {suppressed_text()}")
            continue
        length = area * value / peak if value else 0
        if value:
            length = max(length, 2)
            body.append(
                _element(
                    "rect", x=LABEL_WIDTH, y=y + 4, width=length, height=row_height - 8, fill=BAR
                )
            )
        shown = f"{_number(value, 1)}{f' {unit}' if unit else ''}"
        body.append(_text(LABEL_WIDTH + length + 6, y + 17, shown, font_weight="bold"))
        parts.append(f"{label}: {shown}")
    if not rows:
        body.append(_text(LABEL_WIDTH + 6, top + 17, _("No data."), fill=MUTED))
    return _svg(
        ident=ident,
        title=title,
        description=description or "; ".join(parts) or _("No data."),
        height=bottom + 6,
        body=body,
    )


# Columns: feedback by month, the 0–10 answers of the recommendation question.


def column_chart(
    *,
    title: str,
    rows: Sequence[tuple[str, float | None]],
    description: str = "",
    ident: str | None = None,
) -> SafeString:
    """One column per row (label, value) on a baseline, the value above each column and the
    label below it."""
    ident = ident or _ident("col", title, tuple(rows))
    left, top, plot = 8, 20, 150
    count = max(len(rows), 1)
    slot = (WIDTH - left * 2) / count
    column = min(slot * 0.7, 56)
    peak = max((value for _label, value in rows if value), default=0) or 1
    baseline = top + plot
    small = count > 13
    size = 10 if small else FONT_SIZE
    body = [_element("line", x1=left, y1=baseline, x2=WIDTH - left, y2=baseline, stroke=AXIS)]
    parts = []
    for index, (label, value) in enumerate(rows):
        centre = left + slot * index + slot / 2
        if value is None:
            body.append(_text(centre, baseline - 4, "–", fill=MUTED, text_anchor="middle"))
            parts.append(f"{label}: {suppressed_text()}")
        else:
            height = plot * value / peak
            body.append(
                _element(
                    "rect",
                    x=centre - column / 2,
                    y=baseline - height,
                    width=column,
                    height=height,
                    fill=BAR,
                )
            )
            shown = _number(value, 1)
            body.append(
                _text(
                    centre,
                    baseline - height - 5,
                    shown,
                    text_anchor="middle",
                    font_weight="bold",
                    font_size=size,
                )
            )
            parts.append(f"{label}: {shown}")
        body.append(
            _text(
                centre,
                baseline + 16,
                _shorten(label, 8 if small else 12),
                text_anchor="middle",
                font_size=size,
            )
        )
    if not rows:
        body.append(_text(WIDTH / 2, baseline - 8, _("No data."), fill=MUTED, text_anchor="middle"))
    return _svg(
        ident=ident,
        title=title,
        description=description or "; ".join(parts) or _("No data."),
        height=baseline + 30,
        body=body,
    )


def month_label(month: str) -> str:
    """'2025-03' as '3/2025'."""
    year, _sep, number = month.partition("-")
    return f"{int(number)}/{year}" if number.isdigit() else month


# Stacked 100 % bars: the distribution of each statement on the 1–5 scale.


def scale_labels() -> list[tuple[str, str]]:
    """The 1–5 answers with their wording in the active language."""
    return [(str(row[0]), f"{row[0]} {localized(row)}") for row in national.SCALE]


def stacked_bars(
    *,
    title: str,
    rows: Sequence[tuple[str, Mapping[str, int] | None]],
    categories: Sequence[tuple[Fill, str]],
    description: str = "",
    ident: str | None = None,
) -> SafeString:
    """One bar per row (label, counts by category key) stretched to 100 %, its segments in
    the order of ``categories``. A row without counts (suppressed) says so instead of a
    bar. A legend names the categories."""
    ident = ident or _ident(
        "stack", title, tuple((label, tuple(sorted((d or {}).items()))) for label, d in rows)
    )
    # The label (a statement is a sentence) on its own line above its bar.
    row_height, bar_height, top = 50, 24, 4
    area = WIDTH - 2
    body, parts = [], []
    for index, (label, counts) in enumerate(rows):
        y = top + index * row_height
        body.append(_text(0, y + 13, _shorten(label, WIDE_LABEL_CHARS)))
        total = sum((counts or {}).get(fill.key) or 0 for fill, _name in categories)
        if counts is None or not total:
            message = suppressed_text() if counts is None else _("No answers.")
            body.append(_text(0, y + 35, message, fill=MUTED, font_style="italic"))
            parts.append(f"{label}: {message}")
            continue
        body += _segments(
            ident,
            x=1,
            y=y + 19,
            width=area,
            height=bar_height,
            counts=counts,
            categories=categories,
        )
        parts.append(f"{label}: {_shares(counts, categories)}")
    legend_top = top + row_height * len(rows) + 8
    legend, legend_height = _legend(ident, legend_top, categories)
    return _svg(
        ident=ident,
        title=title,
        description=description or "; ".join(parts) or _("No data."),
        height=legend_top + legend_height + 4,
        body=body + legend,
        defs=_pattern_defs(ident, [fill for fill, _name in categories]),
    )


def statement_chart(
    *, title: str, statements: Sequence[Mapping], ident: str | None = None
) -> SafeString:
    """The 1–5 distribution of each statement of the report (rows of report_figures, or
    with a ready "label"), one stacked bar each."""
    fills = {fill.key: fill for fill in SCALE_FILLS}
    categories = [(fills[key], label) for key, label in scale_labels()]
    rows = [
        (
            statement.get("label") or in_current_language(statement.get("text")),
            None if statement.get("suppressed") else statement.get("distribution"),
        )
        for statement in statements
    ]
    return stacked_bars(title=title, rows=rows, categories=categories, ident=ident)


# The recommendation index.


def nps_labels() -> dict[str, str]:
    return {
        "detractors": _("Detractors (0–6)"),
        "passives": _("Passives (7–8)"),
        "promoters": _("Promoters (9–10)"),
    }


def nps_chart(
    *,
    title: str,
    value: float | None,
    promoters: int | None,
    passives: int | None,
    detractors: int | None,
    previous: float | None = None,
    ident: str | None = None,
) -> SafeString:
    """The index on its scale from −100 to +100 as a bar diverging from zero, the previous
    period's value marked with a triangle; below it the shares of detractors, passives
    and promoters as a 100 % bar. Suppressed figures (``None``) are said to be so."""
    ident = ident or _ident("nps", title, value, promoters, passives, detractors, previous)
    left, right, top = 40, WIDTH - 40, 26
    span = right - left
    zero = left + span / 2

    def at(score: float) -> float:
        return zero + span / 2 * max(-100.0, min(100.0, score)) / 100

    body = [
        _element("rect", x=left, y=top, width=span, height=22, fill="#fff", stroke=AXIS),
    ]
    for tick in (-100, -50, 0, 50, 100):
        x = at(tick)
        body.append(_element("line", x1=x, y1=top, x2=x, y2=top + 28, stroke=AXIS))
        body.append(_text(x, top + 42, f"{tick:+d}" if tick else "0", text_anchor="middle"))
    if value is None:
        body.append(
            _text(
                zero,
                top - 8,
                suppressed_text(),
                fill=MUTED,
                text_anchor="middle",
                font_style="italic",
            )
        )
        parts = [
            _("Recommendation index (NPS): %(value)s") % {"value": suppressed_text()},
        ]
    else:
        x = at(value)
        colour = NPS_FILLS[2].colour if value >= 0 else NPS_FILLS[0].colour
        body.append(
            _element(
                "rect",
                x=min(x, zero),
                y=top + 3,
                width=max(abs(x - zero), 2),
                height=16,
                fill=colour,
            )
        )
        shown = _number(value, 1)
        body.append(_text(x, top - 8, f"NPS {shown}", text_anchor="middle", font_weight="bold"))
        parts = [
            _("Recommendation index (NPS) %(value)s on a scale from −100 to +100")
            % {"value": shown}
        ]
    if previous is not None:
        x = at(previous)
        body.append(f'<path d="M{x:.1f},{top + 22} l-5,8 h10 z" fill="{TEXT}"/>')
        parts.append(
            _("previous period %(value)s (the triangle)") % {"value": _number(previous, 1)}
        )
    labels = nps_labels()
    categories = [(fill, labels[fill.key]) for fill in NPS_FILLS]
    counts = {"detractors": detractors, "passives": passives, "promoters": promoters}
    bar_top = top + 56
    total = sum(count or 0 for count in counts.values())
    if any(count is None for count in counts.values()) or not total:
        message = suppressed_text() if total or value is None else _("No answers.")
        body.append(_text(left, bar_top + 17, message, fill=MUTED, font_style="italic"))
    else:
        body += _segments(
            ident,
            x=left,
            y=bar_top,
            width=span,
            height=24,
            counts=counts,
            categories=categories,
        )
        parts.append(_shares(counts, categories))
    legend, legend_height = _legend(ident, bar_top + 34, categories)
    return _svg(
        ident=ident,
        title=title,
        description="; ".join(parts),
        height=bar_top + 34 + legend_height + 4,
        body=body + legend,
        defs=_pattern_defs(ident, NPS_FILLS),
    )
