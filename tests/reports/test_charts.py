"""The SVG charts: well-formed, named and described for screen readers, carrying their
values as text, suppressing small groups, and with fills that hold 3:1 against white."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from palaute.reports import charts

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))


def texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def assert_accessible(root: ET.Element, title: str) -> str:
    """The chart is an image named by its title and described by its desc; returns desc."""
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title_element = root.find(f"{SVG}title")
    desc_element = root.find(f"{SVG}desc")
    assert title_element is not None and title_element.text == title
    assert desc_element is not None and desc_element.text
    assert root.get("aria-labelledby") == f"{title_element.get('id')} {desc_element.get('id')}"
    assert root.get("viewBox", "").startswith("0 0 ")
    # The drawing itself is hidden from screen readers: the title and desc say it all.
    assert root.find(f"{SVG}g").get("aria-hidden") == "true"
    return desc_element.text


def contrast(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    return 1.05 / (luminance + 0.05)


def test_bar_chart():
    svg = charts.bar_chart(
        title="Feedback by channel", rows=[("Web form", 120), ("Text message", 30), ("Email", 0)]
    )
    root = parse(svg)
    desc = assert_accessible(root, "Feedback by channel")
    assert desc == "Web form: 120; Text message: 30; Email: 0"
    assert {"Web form", "Text message", "Email", "120", "30", "0"} <= set(texts(root))
    bars = list(root.iter(f"{SVG}rect"))
    assert len(bars) == 2  # no bar for zero
    widths = sorted(float(rect.get("width")) for rect in bars)
    assert widths[1] == pytest.approx(widths[0] * 4)


def test_bar_chart_escapes_and_shortens_labels():
    svg = charts.bar_chart(
        title="<script>", rows=[("A & B <i>" + "x" * 60, 3)], description="Custom & described"
    )
    root = parse(svg)  # well-formed despite the markup in the texts
    assert root.find(f"{SVG}title").text == "<script>"
    assert root.find(f"{SVG}desc").text == "Custom & described"
    label = texts(root)[0]
    assert label.startswith("A & B <i>") and label.endswith("…")
    assert "<script>" not in str(svg)


def test_column_chart_by_month():
    rows = [(charts.month_label(f"2025-{month:02d}"), month * 10) for month in range(1, 7)]
    root = parse(charts.column_chart(title="Feedback by month", rows=rows))
    desc = assert_accessible(root, "Feedback by month")
    assert desc.startswith("1/2025: 10; 2/2025: 20")
    assert {"1/2025", "6/2025", "10", "60"} <= set(texts(root))
    heights = [float(rect.get("height")) for rect in root.iter(f"{SVG}rect")]
    assert heights == sorted(heights) and heights[-1] == pytest.approx(heights[0] * 6)


def test_statement_chart_with_a_suppressed_statement():
    statements = [
        {
            "text": {"fi": "Sain apua", "sv": "Jag fick hjälp", "en": "I got help"},
            "distribution": {"1": 1, "2": 1, "3": 2, "4": 6, "5": 10},
            "suppressed": False,
        },
        {"text": {"en": "I was treated kindly"}, "distribution": None, "suppressed": True},
    ]
    root = parse(charts.statement_chart(title="Statements", statements=statements))
    desc = assert_accessible(root, "Statements")
    assert "I got help: 1 Strongly disagree 5 %" in desc
    assert "5 Strongly agree 50 %" in desc
    assert "I was treated kindly: fewer than 5 answers" in desc
    shown = texts(root)
    assert "50 %" in shown and "30 %" in shown
    assert "fewer than 5 answers" in shown
    # A legend names every answer; patterns tell the neighbours apart in greyscale.
    assert {"1 Strongly disagree", "3 Neither agree nor disagree", "5 Strongly agree"} <= set(shown)
    patterns = root.findall(f".//{SVG}pattern")
    assert len(patterns) == 3
    fills = {rect.get("fill") for rect in root.iter(f"{SVG}rect")}
    assert any(fill.startswith("url(#") for fill in fills)


def test_nps_chart():
    root = parse(
        charts.nps_chart(
            title="NPS", value=25.0, promoters=50, passives=25, detractors=25, previous=10.0
        )
    )
    desc = assert_accessible(root, "NPS")
    assert "Recommendation index (NPS) 25 on a scale from −100 to +100" in desc
    assert "previous period 10" in desc
    assert "Promoters (9–10) 50 %" in desc
    shown = texts(root)
    assert "NPS 25" in shown and "-100" in shown and "+100" in shown
    assert {"Detractors (0–6)", "Passives (7–8)", "Promoters (9–10)"} <= set(shown)


def test_a_suppressed_nps_shows_no_number():
    svg = str(
        charts.nps_chart(title="NPS", value=None, promoters=None, passives=None, detractors=None)
    )
    root = parse(svg)
    desc = assert_accessible(root, "NPS")
    assert "fewer than 5 answers" in desc
    scale = {"-100", "-50", "0", "+50", "+100", *charts.nps_labels().values()}
    shown = [text for text in texts(root) if text not in scale]
    assert "fewer than 5 answers" in shown
    assert not any(re.search(r"\d", text.replace("5 answers", "")) for text in shown)


def test_texts_follow_the_language():
    statements = [
        {
            "text": {"fi": "Sain apua", "sv": "Jag fick hjälp", "en": "I got help"},
            "distribution": {"1": 5, "2": 0, "3": 0, "4": 0, "5": 5},
            "suppressed": False,
        }
    ]
    for language, label, answer in (
        ("fi", "Sain apua", "1 Täysin eri mieltä"),
        ("sv", "Jag fick hjälp", "1 Helt av annan åsikt"),
        ("en", "I got help", "1 Strongly disagree"),
    ):
        with translation.override(language):
            shown = texts(parse(charts.statement_chart(title="S", statements=statements)))
        assert label in shown and answer in shown


def test_colours_hold_contrast_against_white():
    for fill in (*charts.SCALE_FILLS, *charts.NPS_FILLS):
        assert contrast(fill.colour) >= 4.5, fill
    assert contrast(charts.BAR) >= 4.5
    assert contrast(charts.AXIS) >= 3


def test_every_chart_has_its_own_ids():
    first = parse(charts.bar_chart(title="A", rows=[("x", 1)]))
    second = parse(charts.bar_chart(title="B", rows=[("x", 1)]))
    assert first.get("id") != second.get("id")
