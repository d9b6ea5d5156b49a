"""Printed material for collection points: the QR code (SVG and PNG), an A4 poster with the
code, and a paper form with the unit's code for the staff who type it in. The PDFs are
Django templates rendered by WeasyPrint, which fetches nothing from the network."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

import segno
import weasyprint
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from . import national
from .models import CollectionPoint, Item, OwnStatement, Questionnaire, QuestionnaireVersion

TEMPLATES = Path(__file__).parent / "templates" / "surveys" / "print"
POSTER_LANGUAGES = ("fi", "sv", "en")
POSTER_DENSITIES = ("normal", "compact", "dense")
# Level Q restores a code with a quarter of it scratched, folded or taped over.
ERROR_LEVEL = "q"
# The quiet zone the standard asks for, in modules: a scanner needs it to find the code.
QUIET_ZONE = 4
DARK = "#000"
LIGHT = "#fff"
# Column of fi, sv and en in the tuples of palaute.surveys.national.
COLUMN = {"fi": 1, "sv": 2, "en": 3}
# Height of the mouth's curve (in a 24-unit face) from very sad (1) to very happy (5).
MOUTHS = {1: 12, 2: 14.5, 3: 16, 4: 18.5, 5: 21}


def _qr(url: str) -> segno.QRCode:
    if not url:
        raise ValueError("A QR code needs a URL.")
    return segno.make(url, error=ERROR_LEVEL, micro=False)


def qr_svg(*, url: str) -> bytes:
    """The QR code of a URL as SVG: black on white with its quiet zone, one module per
    10 px, with a viewBox so it scales to any size."""
    buffer = io.BytesIO()
    _qr(url).save(
        buffer,
        kind="svg",
        scale=10,
        unit="px",
        border=QUIET_ZONE,
        dark=DARK,
        light=LIGHT,
        xmldecl=True,
    )
    return buffer.getvalue()


def qr_png(*, url: str, scale: int = 10) -> bytes:
    """The QR code of a URL as PNG, ``scale`` pixels per module, quiet zone included."""
    if scale < 1:
        raise ValueError("The scale is at least one pixel per module.")
    buffer = io.BytesIO()
    _qr(url).save(buffer, kind="png", scale=scale, border=QUIET_ZONE, dark=DARK, light=LIGHT)
    return buffer.getvalue()


def _document(html: str) -> weasyprint.Document:
    # Only data: URIs (the QR code) may be loaded: no network, no files beyond the templates.
    fetcher = weasyprint.URLFetcher(allowed_protocols=("data",))
    return weasyprint.HTML(string=html, base_url=str(TEMPLATES), url_fetcher=fetcher).render()


def _pdf(html: str) -> bytes:
    return _document(html).write_pdf()


def _names(organization) -> list[tuple[str, str]]:
    """(language, name) of the unit in fi, then sv and en where they differ."""
    names: list[tuple[str, str]] = []
    for language in POSTER_LANGUAGES:
        name = getattr(organization, f"name_{language}", "").strip()
        if name and name not in (seen for _language, seen in names):
            names.append((language, name))
    return names


def _poster_texts(language: str) -> dict:
    with translation.override(language):
        return {
            "language": language,
            "call": gettext("Tell us how we did"),
            "scan": gettext("Scan the code with your phone's camera or type in the address."),
            "anonymous": gettext("Your answers are anonymous."),
        }


def poster_pdf(*, point: CollectionPoint, url: str) -> bytes:
    """An A4 poster: the unit's name, a call to answer in Finnish, Swedish and English, a
    large QR code of ``url`` with the address written out, and the promise of anonymity."""
    svg = qr_svg(url=url)
    context = {
        "names": _names(point.organization),
        "blocks": [_poster_texts(language) for language in POSTER_LANGUAGES],
        "url": url,
        "qr_uri": "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii"),
        "code": point.code,
    }
    with translation.override("fi"):
        # Long names or a long address: smaller type and code until it fits on one page.
        for density in POSTER_DENSITIES:
            html = render_to_string("surveys/print/poster.html", {**context, "density": density})
            document = _document(html)
            if len(document.pages) == 1:
                break
        return document.write_pdf()


@dataclass
class Question:
    """One numbered question of the paper form."""

    number: int
    text: str
    help: str = ""
    kind: str = ""


def _questions(items: list[Item], own_statements: list[OwnStatement]) -> dict:
    """The form's questions in print order, numbered for the typist: the recommendation,
    the national statements, the own statements, then the rest in the version's order."""
    by_kind: dict[str, list[Item]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item)
    order = [
        ("nps", by_kind.get(Item.Kind.NPS, [])),
        ("statements", by_kind.get(Item.Kind.STATEMENT, [])),
        ("own", own_statements),
    ]
    rest = [item for item in items if item.kind not in (Item.Kind.NPS, Item.Kind.STATEMENT)]
    numbered: dict = {"nps": [], "statements": [], "own": [], "rest": []}
    number = 0
    for key, entries in [*order, ("rest", rest)]:
        for entry in entries:
            number += 1
            numbered[key].append(
                Question(
                    number=number,
                    text=entry.text,
                    help=getattr(entry, "help", ""),
                    kind=getattr(entry, "kind", Item.Kind.STATEMENT),
                )
            )
    return numbered


def paper_form_pdf(
    *,
    point: CollectionPoint,
    version: QuestionnaireVersion,
    own_statements: list,
    language: str = "fi",
) -> bytes:
    """A printable A4 form of ``version`` in ``language`` for the unit of ``point``: check
    boxes for every statement, room for the open answer, the contact request, and the
    point's code in the footer of every page so the typed-in answer finds its unit."""
    if language not in COLUMN:
        raise ValueError(f"No paper form in language {language!r}.")
    if version.questionnaire_id != point.questionnaire_id:
        raise ValueError("The questionnaire version does not belong to this collection point.")
    column = COLUMN[language]
    questionnaire = version.questionnaire
    is_child = questionnaire.audience == Questionnaire.Audience.CHILD
    scale = national.CHILD_SCALE if is_child else national.SCALE
    with translation.override(language):
        context = {
            "language": language,
            "unit": point.organization.name,
            "questionnaire": questionnaire.name,
            "intro": version.intro,
            "code": point.code,
            "questions": _questions(list(version.items.all()), list(own_statements)),
            # The mouth as text: a localized "14,5" would break the SVG path.
            "scale": [(row[0], row[column], f"{MOUTHS[row[0]]:g}") for row in scale],
            "faces": is_child,
            "no_opinion": national.NO_OPINION[column - 1],
            "nps_range": range(11),
            "respondents": [(row[0], row[column]) for row in national.RESPONDENTS],
            "age_groups": [(row[0], row[column]) for row in national.AGE_GROUPS],
        }
        return _pdf(render_to_string("surveys/print/form.html", context))
