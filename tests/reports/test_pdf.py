"""The unified report as a PDF: it renders with WeasyPrint, and its text (read back with
pypdf) holds the organisation, the period, the figures, the commentary and page numbers,
in the language asked for; suppressed figures read "fewer than 5 answers"."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from palaute.reports.pdf import pdf_filename, render_report_html, render_report_pdf
from palaute.reports.selectors import report_figures
from palaute.surveys import national
from palaute.surveys.services import Answers, submit_survey

HELSINKI = ZoneInfo("Europe/Helsinki")


def _statement(code: str, distribution: dict | None) -> dict:
    count = sum(distribution.values()) if distribution else 3
    positive = (
        round(100 * (distribution["4"] + distribution["5"]) / count, 1) if distribution else None
    )
    return {
        "code": code,
        "text": {"fi": f"Väite {code}", "sv": f"Påstående {code}", "en": f"Statement {code}"},
        "count": count,
        "positive_share": positive,
        "distribution": distribution,
        "no_opinion": 1,
        "suppressed": distribution is None,
        "previous": 60.0 if distribution else None,
        "change": round(positive - 60.0, 1) if distribution else None,
    }


FIGURES = {
    "organization": {
        "id": 1,
        "code": "centre",
        "name": {
            "fi": "Keskustan terveysasema",
            "sv": "Centrums hälsostation",
            "en": "Central health centre",
        },
        "kind": "service_unit",
    },
    "start": "2025-01-01",
    "end": "2025-06-30",
    "previous": {"start": "2024-07-01", "end": "2024-12-31"},
    "min_group": 5,
    "generated_at": "2025-07-01T09:30:00+03:00",
    "volumes": {
        "total": 1234,
        "critical": 7,
        "by_kind": {"feedback": 1200, "question": 34},
        "by_channel": {
            "web": 800,
            "open311": 10,
            "sms": 300,
            "tablet": 50,
            "qr": 40,
            "paper": 20,
            "oral": 10,
            "email": 4,
        },
        "by_topic": [
            {
                "id": 1,
                "name": {"fi": "Ajanvaraus", "sv": "Tidsbokning", "en": "Appointments"},
                "count": 900,
            },
            {
                "id": 2,
                "name": {"fi": "Vastaanotto", "sv": "Mottagning", "en": "Reception"},
                "count": 334,
            },
        ],
        "by_month": [{"month": f"2025-{month:02d}", "count": 200 + month} for month in range(1, 7)],
    },
    "questionnaires": [
        {
            "id": 1,
            "code": "kansallinen-aikuiset",
            "name": {
                "fi": "Kansallinen asiakaspalaute",
                "sv": "Nationell kundrespons",
                "en": "National customer feedback",
            },
            "responses": 987,
        }
    ],
    "responses": 987,
    "nps": {
        "value": 42.5,
        "count": 987,
        "promoters": 600,
        "passives": 207,
        "detractors": 180,
        "distribution": {str(value): (180 // 7 if value <= 6 else 0) for value in range(11)}
        | {"7": 100, "8": 107, "9": 300, "10": 300},
        "suppressed": False,
        "previous": 38.0,
        "change": 4.5,
    },
    "statements": [
        _statement(code, {"1": 5, "2": 10, "3": 20, "4": 40, "5": 25} if index else None)
        for index, code in enumerate(national.STATEMENT_CODES)
    ],
    "own_statements": [
        {"id": 9, **_statement("pysakointi", {"1": 1, "2": 1, "3": 2, "4": 3, "5": 3})}
    ],
    "handling": {
        "to_handle": 400,
        "processing": {"count": 380, "in_time": 350, "share": 92.1, "suppressed": False},
        "contact": {
            "requested": 50,
            "count": 48,
            "in_time": 45,
            "share": 93.8,
            "suppressed": False,
        },
        "median_hours": 30.0,
        "median_days": 1.2,
        "handled": 370,
        "suppressed": False,
        "overdue_now": 12,
    },
    "critical": {"count": 7, "acknowledged": 7, "median_minutes_to_ack": 42.0, "suppressed": False},
    "actions": {
        "started": 3,
        "done": 1,
        "overdue": 1,
        "items": [
            {
                "id": 5,
                "title": "Takaisinsoitto ajanvaraukseen",
                "organization": "Keskustan terveysasema",
                "status": "done",
                "status_label": "Valmis",
                "due_on": "2025-04-30",
                "done_on": "2025-04-15",
                "impact": "Jonotus lyheni selvästi.",
                "measure": {
                    "label": "Recommendation index (NPS)",
                    "before": 30.0,
                    "after": 45.0,
                    "before_count": 120,
                    "after_count": 140,
                },
                "url": "/staff/actions/5/",
            }
        ],
    },
    "themes": [
        {"lemma": "jono", "count": 57, "quotes": ["Jono oli pitkä mutta palvelu hyvää."]},
        {"lemma": "ajanvaraus", "count": 12, "quotes": []},
    ],
}


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def english_pdf() -> bytes:
    return render_report_pdf(figures=FIGURES, language="en")


def test_the_pdf_renders_the_report_in_english(english_pdf):
    content = english_pdf
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) >= 4
    text = squeeze(pdf_text(content))
    assert "Central health centre" in text
    assert "Customer feedback report" in text
    assert "1.1.2025–30.6.2025" in text
    assert "1,234" in text or "1234" in text  # feedback received
    assert "42.5" in text  # NPS
    assert "+4.5" in text  # its change
    assert "92.1 %" in text  # taken into processing in time
    assert "fewer than 5 answers" in text  # the first statement is suppressed
    assert "Takaisinsoitto ajanvaraukseen" in text
    assert "Jono oli pitkä mutta palvelu hyvää." in text
    # Page numbers in the footer of the pages after the title page.
    assert f"2 / {len(reader.pages)}" in text
    assert "Supervisor's commentary" not in text


def test_the_pdf_in_finnish_with_commentary_and_title():
    content = render_report_pdf(
        figures=FIGURES,
        language="fi",
        commentary="Jonotusaika lyheni keväällä.\n\nJatkamme takaisinsoittoa.",
        title="Asiakaspalautekooste 1/2025",
    )
    text = squeeze(pdf_text(content))
    assert "Keskustan terveysasema" in text
    assert "Asiakaspalautekooste 1/2025" in text
    assert "Jonotusaika lyheni keväällä." in text
    assert "Jatkamme takaisinsoittoa." in text
    assert "42,5" in text  # a Finnish decimal comma


def test_the_print_document_is_accessible_html():
    html = render_report_html(figures=FIGURES, language="en", commentary="Hyvä kevät.")
    assert '<html lang="en">' in html
    assert html.count("<h1>") == 1
    assert "Supervisor's commentary" in html
    assert html.index("Supervisor's commentary") < html.index("Key figures</h2>")
    assert html.count('role="img"') >= 6
    assert "counter(page)" in html and "counter(pages)" in html
    assert "<a href=" not in html.split("</nav>", 1)[1]  # no links to the back office


def test_a_suppressed_report_never_prints_a_number_for_suppressed_figures():
    figures = copy.deepcopy(FIGURES)
    figures["nps"] = {
        "value": None,
        "count": 3,
        "promoters": None,
        "passives": None,
        "detractors": None,
        "distribution": None,
        "suppressed": True,
        "previous": None,
        "change": None,
    }
    html = render_report_html(figures=figures, language="en")
    row = re.search(r'<th scope="row">NPS</th><td[^>]*>(.*?)</td>', html).group(1)
    assert "fewer than 5 answers" in row
    assert "NPS " not in re.search(r"<svg[^>]*chart-nps.*?</svg>", html, flags=re.S).group(0)


def test_the_filename():
    assert (
        pdf_filename(code="centre", start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 30))
        == "palaute-raportti-centre-2025-01-01-2025-06-30.pdf"
    )


@pytest.mark.django_db
def test_the_pdf_of_real_figures(points):
    web = points["web"]
    for score in (10, 9, 9, 8, 2):
        submit_survey(
            point=web,
            version=web.questionnaire.current_version(),
            answers=Answers(nps=score, statements={"kohtaaminen": 5}),
            received_at=dt.datetime(2025, 2, 3, 10, tzinfo=HELSINKI),
        )
    figures = report_figures(
        organization=web.organization, start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 30)
    )
    text = squeeze(pdf_text(render_report_pdf(figures=figures, language="fi")))
    assert "Keskustan terveysasema" in text
    assert "NPS 40" in text  # 3 promoters − 1 detractor of 5
