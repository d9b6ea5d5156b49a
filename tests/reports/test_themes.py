"""Themes of free text (lemmas) and public-safe quotes."""

from __future__ import annotations

import pytest

from palaute.reports import themes


@pytest.mark.parametrize(
    ("words", "lemma"),
    [
        ("jonot jonossa jonoa", "jono"),
        ("lääkärin lääkäriltä lääkäri", "lääkäri"),
        ("odottaa odotin odotimme odotettiin", "odottaa"),
        ("hoitajat hoitajalle hoitajien", "hoitaja"),
        ("ajanvarauksen ajanvarausta", "ajanvaraus"),
        ("sain ajan, ajat, aikaa", "aika"),
        ("soitin, soitti", "soittaa"),
        ("palvelusta palvelussa palvelun", "palvelu"),
    ],
)
def test_inflected_finnish_forms_are_one_lemma(words, lemma):
    assert themes.lemmas(words) == {lemma}


def test_stopwords_numbers_and_short_words_are_no_themes():
    text = (
        "Kiitos! Minä olin siellä eilen ja se oli todella hyvin, mutta en voinut "
        "saada aikaa 3 kertaa 12:00, ei ok."
    )
    assert themes.lemmas(text) == {"aika"}
    assert themes.lemmas("Jono oli aika pitkä, niitä oli monta.") == {"jono", "pitkä"}
    assert "olla" in themes.FI_STOPWORDS
    assert themes.MIN_THEME_LENGTH == 3


def test_a_text_counts_a_lemma_once():
    text = "Jono oli pitkä. Jonossa odotin. Jonot ovat aina pitkiä."
    assert themes.lemmas(text) == {"jono", "odottaa", "pitkä"}
    counts = themes.theme_counts(["Jonot ja jonot.", "Jonossa.", "Lääkäri."])
    assert counts == {"jono": 2, "lääkäri": 1}


def test_compounds_and_case():
    found = themes.lemmas("Covid-rokotuksen ajanvaraus SOTE-KESKUKSESSA oli helppo.")
    assert found == {"covid-rokotus", "ajanvaraus", "sote-keskus", "helppo"}


def test_names_are_no_themes():
    text = "Lääkäri Virtanen ei kuunnellut. Hoitaja Liisa auttoi. Matin kanssa puhuin."
    found = themes.lemmas(text)
    assert {"lääkäri", "kuunnella", "hoitaja", "auttaa"} <= found
    assert not found & {"virtanen", "liisa", "matti"}
    assert themes.lemmas("virtaselle soitettiin") == {"soittaa"}


def test_empty_text():
    assert themes.lemmas("") == set()
    assert themes.lemmas("123 456 ... !") == set()


def test_swedish_and_english():
    assert themes.lemmas("Läkaren var trevlig men jag väntade länge.", language="sv") >= {
        "läkare",
        "trevlig",
        "vänta",
    }
    assert "var" not in themes.lemmas("Läkaren var trevlig.", language="sv-FI")
    assert themes.lemmas("The nurses were friendly and I waited.", language="en") == {
        "nurse",
        "friendly",
        "wait",
    }


def test_unknown_language_is_finnish():
    assert themes.language_code("de") == "fi"
    assert themes.language_code(None) == "fi"
    assert themes.lemmas("jonot", language="de") == {"jono"}


def test_quote_is_the_first_sentence_with_the_lemma():
    text = "Kiitos hyvästä palvelusta. Jonossa piti odottaa tunti! Jonot ovat liian pitkiä."
    assert themes.quote(text=text, lemma="jono") == "Jonossa piti odottaa tunti!"
    assert themes.quote(text=text, lemma="palvelu") == "Kiitos hyvästä palvelusta."
    assert themes.quote(text=text, lemma="lääkäri") is None


def test_quote_across_lines_and_in_swedish():
    text = "Hej\nKön på vårdcentralen var lång\n\nMvh"
    assert themes.quote(text=text, lemma="vårdcentral", language="sv") == (
        "Kön på vårdcentralen var lång"
    )


def test_quote_trims_long_sentences_at_a_word_boundary():
    text = "Lääkäri " + " ".join(["kuunteli hyvin"] * 30) + "."
    quoted = themes.quote(text=text, lemma="lääkäri", max_length=50)
    assert quoted.endswith("…")
    assert len(quoted) <= 50
    assert quoted.startswith("Lääkäri kuunteli")
    assert quoted[:-1].split()[-1] in {"kuunteli", "hyvin"}


def test_quote_keeps_a_late_word_in_view():
    text = "Odotin " + " ".join(["kauan"] * 30) + " ja jono ei liikkunut."
    quoted = themes.quote(text=text, lemma="jono", max_length=60)
    assert quoted.startswith("…")
    assert "jono" in quoted
    assert len(quoted) <= 60


@pytest.mark.parametrize(
    "sentence",
    [
        "Jonossa odotin, soittakaa numeroon 040 1234567.",
        "Jonosta voi kysyä osoitteesta matti.meikalainen@example.fi.",
        "Jonossa annoin henkilötunnukseni 131052-308T.",
        "Jonossa kysyttiin asiakasnumero 12345678.",
        "Jonossa odotin 12.3.2024 kaksi tuntia.",
        "Jonossa oli asia AB12345 kesken.",
        "Jonossa kerroin syöpädiagnoosistani.",
        "Jonossa hoitaja Liisa auttoi.",
        "Jonossa Virtaselle sanottiin.",
    ],
)
def test_quote_is_none_for_sensitive_sentences(sentence):
    assert themes.lemmas(sentence) >= {"jono"}
    assert themes.quote(text=f"Hyvä palvelu. {sentence}", lemma="jono") is None


def test_quote_allows_times_and_acronyms():
    text = "Jonossa odotin klo 8.30-9.15, HUS voisi parantaa."
    assert themes.quote(text=text, lemma="jono") == text


def test_pick_quotes_takes_distinct_safe_quotes():
    texts = [
        "Jono oli pitkä.",
        "Jono oli pitkä.",
        "Jonossa soitin numeroon 040 1234567.",
        "Ei mitään.",
        "Jonot liikkuivat hitaasti.",
        "Jonossa oli mukavaa.",
    ]
    assert themes.pick_quotes(texts=texts, lemma="jono", limit=2) == [
        "Jono oli pitkä.",
        "Jonot liikkuivat hitaasti.",
    ]
