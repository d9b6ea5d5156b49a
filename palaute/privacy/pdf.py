"""The text of attached PDF files, for the sensitive-data check.

A PDF can carry what the form's text does: a scanned letter with an identity code, a
doctor's statement, a neighbour's name. Its text layer is read page by page with pypdf
(a scan without one has no text to read) and checked like the form's text. The findings
name the attachment and the page; the text itself is not stored with them, so nothing
remains of it once the attachment is deleted.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable

from pypdf import PdfReader

from .checks import Finding, FindingKind, check_text
from .media import PDF, PDF_ERRORS

logger = logging.getLogger(__name__)

# Enough for any letter or statement; a longer document is read only this far.
MAX_PAGES = 50
MAX_CHARACTERS_PER_PAGE = 20_000


def page_texts(data: bytes, *, pages: Iterable[int] | None = None) -> dict[int, str]:
    """The text of each page (numbered from 1), or of the given pages only; an
    unreadable file gives no text."""
    try:
        reader = PdfReader(io.BytesIO(data))
        wanted = set(pages) if pages is not None else None
        texts = {}
        for number, page in enumerate(reader.pages[:MAX_PAGES], start=1):
            if wanted is not None and number not in wanted:
                continue
            texts[number] = (page.extract_text() or "")[:MAX_CHARACTERS_PER_PAGE]
        return texts
    except PDF_ERRORS:
        logger.warning("A PDF attachment could not be read for the sensitive-data check.")
        return {}


def check_pdf(data: bytes, *, attachment: int | None = None) -> list[Finding]:
    """Findings in the text of a PDF, each with its page."""
    found = []
    for page, text in page_texts(data).items():
        for finding in check_text(text, field="attachment"):
            found.append(
                Finding(
                    finding.kind,
                    finding.start,
                    finding.end,
                    finding.confidence,
                    "attachment",
                    attachment=attachment,
                    page=page,
                )
            )
    return found


def is_pdf(content_type: str) -> bool:
    return content_type == PDF[0]


def findings_by_attachment(findings: Iterable[dict], attachments: Iterable) -> dict[int, list]:
    """The stored findings of a feedback's PDF attachments, by attachment id, each with
    its label, page and the text it covers (read again from the file, as the findings
    keep no text)."""
    wanted: dict[int, list[dict]] = {}
    for finding in findings:
        if finding.get("attachment") is not None:
            wanted.setdefault(finding["attachment"], []).append(finding)
    shown: dict[int, list] = {}
    for attachment in attachments:
        own = wanted.get(attachment.pk)
        if not own:
            continue
        try:
            with attachment.file.open("rb") as handle:
                texts = page_texts(handle.read(), pages={f["page"] for f in own})
        except OSError:
            texts = {}
        shown[attachment.pk] = [
            {
                "label": FindingKind(f["kind"]).label,
                "page": f["page"],
                "text": texts.get(f["page"], "")[f["start"] : f["end"]],
            }
            for f in sorted(own, key=lambda f: (f["page"], f["start"]))
        ]
    return shown
