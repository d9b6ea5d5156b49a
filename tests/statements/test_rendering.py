"""Markdown of the statements: the allowed structure survives, everything else is removed."""

import pytest

from palaute.statements.defaults import DEFAULTS
from palaute.statements.rendering import placeholders, render


def test_headings_paragraphs_lists_links_and_emphasis_survive():
    html = render(
        "## Rekisterinpitäjä\n\nKaupunki *vastaa* **tiedoista**.\n\n- yksi\n- kaksi\n\n"
        "Järjestys:\n\n"
        "1. ensin\n2. sitten\n\n[Tietosuojavaltuutettu](https://tietosuoja.fi) ja "
        "[lomake](/feedback/new/) ja [posti](mailto:tietosuoja@example.fi)"
    )
    assert "<h2>Rekisterinpitäjä</h2>" in html
    assert "<em>vastaa</em>" in html and "<strong>tiedoista</strong>" in html
    assert "<ul>\n<li>yksi</li>" in html and "<ol>\n<li>ensin</li>" in html
    assert '<a href="https://tietosuoja.fi">Tietosuojavaltuutettu</a>' in html
    assert '<a href="/feedback/new/">lomake</a>' in html
    assert '<a href="mailto:tietosuoja@example.fi">posti</a>' in html


@pytest.mark.parametrize(
    ("payload", "forbidden"),
    [
        ("<script>alert('x')</script>", ["<script", "alert("]),
        ("<style>body { display: none }</style>", ["<style", "display: none"]),
        ('<img src="x" onerror="alert(1)">', ["<img", "onerror", "alert("]),
        ('<a href="/" onclick="steal()">linkki</a>', ["onclick", "steal()"]),
        ("[klikkaa](javascript:alert(1))", ["javascript:", "alert("]),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', ["data:"]),
        ('<iframe src="https://evil.example"></iframe>', ["<iframe", "evil.example"]),
        ('<div style="position:fixed">peite</div>', ["<div", "position:fixed"]),
        ("<form action='/x'><input name='a'></form>", ["<form", "<input"]),
        ("![kuva](https://example.fi/kuva.png)", ["<img"]),
        ("<!-- kommentti --> teksti", ["<!--", "kommentti"]),
        ("<svg><script>alert(1)</script></svg>", ["<svg", "<script", "alert("]),
        ("<object data='x.swf'></object>", ["<object"]),
        ("<table><tr><td>solu</td></tr></table>", ["<table", "<td"]),
    ],
)
def test_scripts_and_other_markup_do_not_survive(payload, forbidden):
    html = render(f"Ennen.\n\n{payload}\n\nJälkeen *korostus*.")
    for piece in forbidden:
        assert piece not in html
    assert "<p>Ennen.</p>" in html
    assert "<em>korostus</em>" in html


def test_the_page_title_stays_the_only_first_level_heading():
    html = render("# Iso\n\n## Keski\n\n### Pieni")
    assert "<h1" not in html
    assert "<h2>Iso</h2>" in html and "<h2>Keski</h2>" in html and "<h3>Pieni</h3>" in html
    shifted = render("# Iso\n\n## Keski\n\n### Pieni", shift=1)
    assert "<h3>Iso</h3>" in shifted and "<h3>Keski</h3>" in shifted and "<h4>Pieni</h4>" in shifted


def test_without_links_the_link_text_stays():
    html = render("Kerro [palautelomakkeella](/feedback/new/).", links=False)
    assert html == "<p>Kerro palautelomakkeella.</p>"


def test_placeholders_are_found_and_marked_only_in_the_preview():
    text = "Rekisterinpitäjä: [TÄYDENNÄ: nimi]. Namn: [FYLL I: namn]. [COMPLETE: name] [linkki](/x)"
    assert placeholders(text + " [TÄYDENNÄ: nimi]") == [
        "[TÄYDENNÄ: nimi]",
        "[FYLL I: namn]",
        "[COMPLETE: name]",
    ]
    assert "<mark>" not in render(text)
    assert "[TÄYDENNÄ: nimi]" in render(text)
    marked = render(text, mark_placeholders=True)
    assert "<mark>[TÄYDENNÄ: nimi]</mark>" in marked
    assert "<mark>[COMPLETE: name]</mark>" in marked
    assert '<a href="/x">linkki</a>' in marked


@pytest.mark.parametrize("kind", ["privacy", "accessibility"])
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_shipped_texts_render_with_sections_and_marked_parts(kind, language):
    body = DEFAULTS[kind][f"body_{language}"]
    html = render(body)
    assert html.count("<h2>") >= 5
    assert "<h1" not in html
    # Every part to complete is marked, so the administrator finds it.
    assert placeholders(body)
    # Nothing of the Markdown is left over as text (a broken list or heading).
    assert "## " not in html and "**" not in html
