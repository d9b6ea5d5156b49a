"""The unified report as a PDF for publishing: a title page, the sections of the back-office
page with their charts (inline SVG) and data tables, page numbers in the footer. Rendered
by WeasyPrint from a Django template, fetching nothing from the network (as the printed
material of palaute.surveys.printing)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import weasyprint
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

TEMPLATE = "backoffice/reports/report_pdf.html"
BASE = (
    Path(__file__).resolve().parent.parent / "backoffice" / "templates" / "backoffice" / "reports"
)


def render_report_html(
    *, figures: dict, language: str, commentary: str = "", title: str = ""
) -> str:
    """The print document's HTML in ``language``."""
    with translation.override(language):
        return render_to_string(
            TEMPLATE,
            {
                "figures": figures,
                "language": language,
                "commentary": (commentary or "").strip(),
                "title": title or gettext("Customer feedback report"),
            },
        )


def render_report_pdf(
    *, figures: dict, language: str, commentary: str = "", title: str = ""
) -> bytes:
    """The report of ``figures`` (from selectors.report_figures) as PDF in ``language``;
    ``commentary``, when given, is printed as the supervisor's commentary before the
    figures, and ``title`` replaces the default title."""
    html = render_report_html(
        figures=figures, language=language, commentary=commentary, title=title
    )
    # Only data: URIs may be loaded: no network, no files beyond the templates.
    fetcher = weasyprint.URLFetcher(allowed_protocols=("data",))
    document = weasyprint.HTML(string=html, base_url=str(BASE), url_fetcher=fetcher)
    return document.write_pdf()


def pdf_filename(*, code: str, start: dt.date, end: dt.date) -> str:
    return f"palaute-raportti-{code}-{start.isoformat()}-{end.isoformat()}.pdf"
