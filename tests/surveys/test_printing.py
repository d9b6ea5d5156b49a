"""The printed material of a collection point: QR codes, the poster and the paper form."""

from __future__ import annotations

import http.server
import io
import logging
import re
import threading

import pytest
import segno
from defusedxml import ElementTree
from django.utils import translation
from django.utils.translation import get_language, gettext
from PIL import Image
from pypdf import PdfReader

from palaute.surveys import national, printing
from palaute.surveys.models import CollectionPoint, OwnStatement, Questionnaire
from palaute.surveys.services import load_national_questionnaires, own_statements_for
from tests.factories import OrganizationFactory, TopicFactory

URL = "https://palaute.example.fi/k/Xy3_kq-9AbC/"
SVG = "{http://www.w3.org/2000/svg}"
CALL = "Tell us how we did"
ANONYMOUS = "Your answers are anonymous."
# What the .po files are expected to give; used where a test fills the catalogue itself.
TRANSLATED = {
    "fi": {CALL: "Kerro meille, miten onnistuimme", ANONYMOUS: "Vastauksesi ovat nimettömiä."},
    "sv": {CALL: "Berätta hur vi lyckades", ANONYMOUS: "Dina svar är anonyma."},
}


# Fixtures


@pytest.fixture
def print_county(db):
    return OrganizationFactory(
        code="print-county",
        kind="root",
        name_fi="Rannikon hyvinvointialue",
        name_sv="Kustens välfärdsområde",
        name_en="Coastal wellbeing services county",
    )


@pytest.fixture
def print_unit(print_county):
    """A health centre named differently in each language, under a county."""
    return OrganizationFactory(
        parent=print_county,
        code="print-unit",
        kind="service_unit",
        name_fi="Satamakadun terveysasema",
        name_sv="Hamngatans hälsostation",
        name_en="Harbour Street health centre",
    )


@pytest.fixture
def national_questionnaires(db) -> dict[str, Questionnaire]:
    return {q.audience: q for q in load_national_questionnaires()}


@pytest.fixture
def make_point(print_unit, national_questionnaires):
    topic = TopicFactory(organization=print_unit, location_mode="none")

    def make(audience="adult", channel=CollectionPoint.Channel.PAPER) -> CollectionPoint:
        return CollectionPoint.objects.create(
            channel=channel,
            organization=print_unit,
            questionnaire=national_questionnaires[audience],
            topic=topic,
        )

    return make


@pytest.fixture
def own_statement(print_county, print_unit):
    """The county's own statement, inherited by the unit."""
    OwnStatement.objects.create(
        organization=print_county,
        code="pysakointi",
        text_fi="Pysäköintipaikan löytäminen oli helppoa.",
        text_sv="Det var lätt att hitta en parkeringsplats.",
        text_en="It was easy to find a parking space.",
    )
    return own_statements_for(organization=print_unit)


@pytest.fixture
def filled_catalogue(monkeypatch):
    """The poster's texts in Finnish and Swedish, as the .po files will give them, so the
    test sees which language each block was rendered in."""

    def gettext_in_active_language(message: str) -> str:
        return TRANSLATED.get(get_language(), {}).get(message, message)

    monkeypatch.setattr(printing, "gettext", gettext_in_active_language)


# Helpers


def pdf_pages(data: bytes) -> list[str]:
    """The text of every page, whitespace collapsed so wrapped lines still match."""
    assert data.startswith(b"%PDF-")
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def svg_modules(svg: bytes) -> set[tuple[int, int]]:
    """The dark modules (row, column) drawn by segno's single SVG path."""
    root = ElementTree.fromstring(svg)
    (path,) = [p for p in root.iter(f"{SVG}path") if p.get("class") == "qrline"]
    x = y = 0.0
    dark = set()
    for command, args in re.findall(r"([A-Za-z])([^A-Za-z]*)", path.get("d")):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", args)]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        elif command == "h":
            dark.update((int(y), int(x) + i) for i in range(int(numbers[0])))
            x += numbers[0]
        else:
            raise AssertionError(f"unexpected path command {command}")
    return dark


def matrix_modules(qr: segno.QRCode, border: int) -> set[tuple[int, int]]:
    return {
        (r + border, c + border)
        for r, row in enumerate(qr.matrix)
        for c, value in enumerate(row)
        if value
    }


def error_level(modules: set[tuple[int, int]], border: int) -> str:
    """The error correction level read from the format information beside the top-left
    finder pattern (ISO/IEC 18004), independently of segno."""
    cells = [(8, c) for c in (0, 1, 2, 3, 4, 5, 7, 8)] + [(r, 8) for r in (7, 5, 4, 3, 2, 1, 0)]
    bits = 0
    for r, c in cells:
        bits = (bits << 1) | ((r + border, c + border) in modules)
    bits ^= 0b101010000010010
    return {0b01: "L", 0b00: "M", 0b11: "Q", 0b10: "H"}[bits >> 13]


# QR codes


def test_svg_is_the_qr_code_of_the_url_with_quiet_zone_on_white():
    svg = printing.qr_svg(url=URL)
    root = ElementTree.fromstring(svg)
    assert root.tag == f"{SVG}svg"

    reference = segno.make(URL, error="q", micro=False)
    side = reference.symbol_size(border=4)[0]
    assert root.get("viewBox") == f"0 0 {side * 10} {side * 10}"
    assert root.get("width") == f"{side * 10}px"
    modules = svg_modules(svg)
    assert modules == matrix_modules(reference, border=4)
    # Nothing dark in the quiet zone, and a white square behind the whole symbol.
    assert all(4 <= r < side - 4 and 4 <= c < side - 4 for r, c in modules)
    assert any(
        p.get("fill") == "#fff" and p.get("d") == f"M0 0h{side}v{side}h-{side}z"
        for p in root.iter(f"{SVG}path")
    )
    assert error_level(modules, border=4) in ("Q", "H")


def test_svg_changes_with_the_url():
    assert svg_modules(printing.qr_svg(url=URL)) != svg_modules(
        printing.qr_svg(url=URL.replace("Xy3", "Xy4"))
    )


def test_png_is_square_black_on_white_and_module_for_module_segno():
    scale = 4
    image = Image.open(io.BytesIO(printing.qr_png(url=URL, scale=scale)))
    assert image.format == "PNG"
    reference = segno.make(URL, error="q", micro=False)
    side = reference.symbol_size(border=4)[0]
    assert image.size == (side * scale, side * scale)

    pixels = image.convert("L")
    dark = {
        (r, c)
        for r in range(side)
        for c in range(side)
        if pixels.getpixel((c * scale + scale // 2, r * scale + scale // 2)) < 128
    }
    assert dark == matrix_modules(reference, border=4)
    assert {pixels.getpixel((x, y)) for x in range(image.width) for y in range(image.height)} == {
        0,
        255,
    }
    assert error_level(dark, border=4) in ("Q", "H")


def test_png_default_scale_and_no_empty_codes():
    side = segno.make(URL, error="q", micro=False).symbol_size(border=4)[0]
    assert Image.open(io.BytesIO(printing.qr_png(url=URL))).size == (side * 10, side * 10)
    with pytest.raises(ValueError, match="scale"):
        printing.qr_png(url=URL, scale=0)
    with pytest.raises(ValueError, match="URL"):
        printing.qr_svg(url="")


# Poster


@pytest.mark.django_db
def test_poster_is_one_page_with_the_unit_call_in_three_languages_and_url(
    make_point, filled_catalogue
):
    point = make_point(channel=CollectionPoint.Channel.QR)
    pages = pdf_pages(printing.poster_pdf(point=point, url=URL))

    assert len(pages) == 1
    text = pages[0]
    for name in ("Satamakadun terveysasema", "Hamngatans hälsostation", "Harbour Street"):
        assert name in text
    for call in (TRANSLATED["fi"][CALL], TRANSLATED["sv"][CALL], CALL):
        assert text.count(call) == 1
    for anonymous in (TRANSLATED["fi"][ANONYMOUS], TRANSLATED["sv"][ANONYMOUS], ANONYMOUS):
        assert anonymous in text
    assert URL in text
    # The texts are rendered one language at a time: the active language is left alone.
    assert get_language() == "fi"


@pytest.mark.django_db
def test_poster_texts_come_from_the_catalogues(make_point):
    point = make_point(channel=CollectionPoint.Channel.QR)
    text = pdf_pages(printing.poster_pdf(point=point, url=URL))[0]
    for language in printing.POSTER_LANGUAGES:
        with translation.override(language):
            assert gettext(CALL) in text
            assert gettext(ANONYMOUS) in text


@pytest.mark.django_db
def test_poster_names_the_unit_once_when_the_languages_agree(make_point, print_unit):
    print_unit.name_sv = print_unit.name_fi
    print_unit.name_en = ""
    print_unit.save()
    point = make_point(channel=CollectionPoint.Channel.QR)
    text = pdf_pages(printing.poster_pdf(point=point, url=URL))[0]
    assert text.count("Satamakadun terveysasema") == 1


@pytest.mark.django_db
def test_poster_with_long_names_and_url_still_fits_one_page(make_point, print_unit):
    print_unit.name_fi = "Lasten ja nuorten psykiatrian poliklinikka, " * 2 + "Satama"
    print_unit.name_sv = "Barn- och ungdomspsykiatriska polikliniken, " * 2 + "Hamnen"
    print_unit.name_en = "Child and adolescent psychiatric outpatient clinic, " * 2 + "Harbour"
    print_unit.save()
    point = make_point(channel=CollectionPoint.Channel.QR)
    long_url = URL + "?lahde=juliste&kieli=fi&kampanja=" + "x" * 60
    assert len(pdf_pages(printing.poster_pdf(point=point, url=long_url))) == 1


def test_rendering_fetches_nothing_from_the_network():
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        html = f'<link rel="stylesheet" href="{base}/a.css"><img src="{base}/b.png"><p>x</p>'
        assert printing._pdf(html).startswith(b"%PDF-")
    finally:
        server.shutdown()
        server.server_close()
    assert requests == []


# Paper form


@pytest.mark.django_db
def test_finnish_form_has_every_statement_the_own_one_and_the_code_on_every_page(
    make_point, national_questionnaires, own_statement
):
    point = make_point()
    version = national_questionnaires["adult"].current_version()
    pages = pdf_pages(
        printing.paper_form_pdf(point=point, version=version, own_statements=own_statement)
    )

    assert len(pages) == 2
    assert all(point.code in page for page in pages)
    text = " ".join(pages)
    assert "Satamakadun terveysasema" in text
    assert "Kansallinen asiakaspalaute" in text
    statements = version.items.filter(kind="statement")
    assert statements.count() == 7
    for item in statements:
        assert item.text_fi in text
    assert "Pysäköintipaikan löytäminen oli helppoa." in text
    for _value, label_fi, _sv, _en in national.SCALE:
        assert label_fi in text
    assert "En osaa sanoa" in text
    assert "0 1 2 3 4 5 6 7 8 9 10" in text
    assert "75 vuotta tai yli" in text
    assert "Läheisenä" in text
    assert "Ilman yhteydenottopyyntöä vastauksesi on nimetön." in text
    with translation.override("fi"):
        assert gettext("Name") in text
        assert gettext("Email") in text
    # National statements first, then the organisation's own, then the open question.
    last_national = text.index(statements.last().text_fi)
    own = text.index("Pysäköintipaikan löytäminen")
    assert last_national < own < text.index("Mitä muuta haluaisit kertoa?")
    assert get_language() == "fi"


@pytest.mark.django_db
def test_swedish_form_is_in_swedish(make_point, national_questionnaires, own_statement):
    point = make_point()
    version = national_questionnaires["adult"].current_version()
    pages = pdf_pages(
        printing.paper_form_pdf(
            point=point, version=version, own_statements=own_statement, language="sv"
        )
    )

    assert all(point.code in page for page in pages)
    text = " ".join(pages)
    assert "Hamngatans hälsostation" in text
    assert "Nationell kundrespons" in text
    for item in version.items.filter(kind="statement"):
        assert item.text_sv in text
        assert item.text_fi not in text
    assert "Det var lätt att hitta en parkeringsplats." in text
    assert "Helt av samma åsikt" in text
    assert "Kan inte säga" in text
    assert "Satamakadun terveysasema" not in text
    assert get_language() == "fi"


@pytest.mark.django_db
def test_child_form_uses_the_child_scale_and_only_its_questions(
    make_point, national_questionnaires
):
    point = make_point("child")
    version = national_questionnaires["child"].current_version()
    pages = pdf_pages(printing.paper_form_pdf(point=point, version=version, own_statements=[]))

    assert all(point.code in page for page in pages)
    text = " ".join(pages)
    for _value, label_fi, _sv, _en in national.CHILD_SCALE:
        assert label_fi in text
    assert "Täysin samaa mieltä" not in text
    # The children's version asks no age group.
    assert "75 vuotta tai yli" not in text
    with translation.override("fi"):
        own_heading = gettext("Questions of %(unit)s") % {"unit": "Satamakadun terveysasema"}
    assert own_heading not in text


@pytest.mark.django_db
def test_form_refuses_another_questionnaire_or_language(make_point, national_questionnaires):
    point = make_point()
    child = national_questionnaires["child"].current_version()
    with pytest.raises(ValueError, match="does not belong"):
        printing.paper_form_pdf(point=point, version=child, own_statements=[])
    adult = national_questionnaires["adult"].current_version()
    with pytest.raises(ValueError, match="language"):
        printing.paper_form_pdf(point=point, version=adult, own_statements=[], language="de")


@pytest.mark.django_db
def test_weasyprint_understands_all_the_css(
    make_point, national_questionnaires, own_statement, caplog
):
    """An unsupported property or a broken template shows as a WeasyPrint warning."""
    point = make_point("child")
    version = national_questionnaires["child"].current_version()
    with caplog.at_level("WARNING", logger="weasyprint"):
        printing.poster_pdf(point=point, url=URL)
        printing.paper_form_pdf(point=point, version=version, own_statements=own_statement)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
