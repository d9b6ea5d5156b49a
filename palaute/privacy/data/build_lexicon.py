"""Expand the word lists of the sensitive-data check into the inflected forms it looks up.

The check reads the files this writes (the health forms it builds with this module into
var/ by itself), so it never loads a
dictionary of millions of forms. The inflected forms come from simplemma's dictionaries
(the same data the rest of Palaute lemmatises with), so a form maps to its lemma exactly as
simplemma would lemmatise it:

    .venv/bin/python palaute/privacy/data/build_lexicon.py

Writes, next to this file:
- ``health-forms-fi.tsv`` (only when run by hand; Palaute builds it into ``var/lexicon/``
  itself, see lexicon.py): every inflected form of the Finnish health terms of
  ``health-fi.txt``, with its lemma and whether it is a word, a compound's last part or an
  exclusion;
- ``place-forms.txt``: every inflected form of the places of ``places.txt``;
- ``names-common.txt``: the names of the name lists that are also common words in Finnish,
  Swedish or English ("Toivo", "Aho", "Will"), which need context to count as names.

Run it again after editing ``health-fi.txt``, ``places.txt`` or the name lists. It needs
Voikko for telling which names are also Finnish words (``apt-get install voikko-fi
python3-libvoikko``); the check itself never does.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).parent

# Endings for words simplemma does not know (brand names of medicines, abbreviations):
# the cases of a word whose stem does not change.
PLAIN_ENDINGS = (
    "",
    "n",
    "a",
    "ä",
    "ta",
    "tä",
    "na",
    "nä",
    "ksi",
    "lla",
    "llä",
    "lle",
    "lta",
    "ltä",
    "ssa",
    "ssä",
    "sta",
    "stä",
    "t",
    "ja",
    "jä",
    "iin",
    "in",
    "ia",
    "iä",
    "ille",
    "illa",
    "illä",
    "ilta",
    "iltä",
    "issa",
    "issä",
    "ista",
    "istä",
    "ina",
    "inä",
    "ineen",
    "ien",
    "an",
    "än",
    "en",
    "on",
    "un",
    "yn",
    "ön",
    ":n",
    ":ia",
    ":iä",
    ":a",
    ":ää",
    ":ta",
    ":tä",
    ":lla",
    ":llä",
    ":lle",
    ":ssa",
    ":ssä",
    ":sta",
    ":stä",
    ":iin",
    ":ään",
    ":aan",
)


def _read(name: str) -> list[str]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _dictionary(lang: str):
    from simplemma.strategies.dictionaries import DEFAULT_DICTIONARY_FACTORY

    return DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)


_INDEX: dict[str, set[str]] = {}


def _index() -> dict[str, set[str]]:
    """Every lemma of simplemma's Finnish dictionary with its forms, lower-cased."""
    if not _INDEX:
        table = _dictionary("fi")._dict
        for key, value in table.items():
            form = key.decode() if isinstance(key, bytes) else key
            lemma = value.decode() if isinstance(value, bytes) else value
            _INDEX.setdefault(lemma.lower(), set()).add(form.lower())
    return _INDEX


# simplemma knows some compounds in a few forms only ("ehkäisyneuvonta" in four); a word
# with fewer forms than this also takes those of its last part.
FULL_PARADIGM = 10


def forms_of(lemma: str) -> set[str]:
    """The inflected forms of a Finnish word. A word simplemma does not know, or knows in
    a few forms only, takes the forms of its longest known last part ("paniikkikohtaus"
    those of "kohtaus"), a -nen word those of "virtanen", anything else the plain case
    endings."""
    index = _index()
    found = {lemma} | set(index.get(lemma, ()))
    if len(found) >= FULL_PARADIGM:
        return found
    for cut in range(2, len(lemma) - 2):
        head = lemma[cut:]
        if len(index.get(head, ())) > 5:
            return found | {lemma[:cut] + form for form in index[head]}
    if lemma.endswith("nen"):
        return found | {lemma[:-3] + form[5:] for form in index["virtanen"] if form[5:]}
    return found | {lemma + ending for ending in PLAIN_ENDINGS}


# The first character of a line of health-fi.txt, and the kind of its rows.
KINDS = {"*": "h", "!": "x", "+": "v", "%": "p", "~": "g"}


def build_health(target: Path | None = None) -> None:
    """Lines of health-fi.txt: "lemma", "*lemma" (also a compound's last part),
    "!lemma" (never), "!before lemma" (not after that word), "+verb" (only beside a body
    part), "%body part", "~lemma" (a listed term that counts only with a person near),
    and "lemma: form form" (forms simplemma gives to another lemma, such as "säryn", which
    it reads as the verb "särkyä")."""
    rows = set()
    terms = 0
    for line in _read("health-fi.txt"):
        extra: list[str] = []
        if ":" in line and not line.startswith("!"):
            line, _, more = line.partition(":")
            extra = more.split()
        kind, lemma = "w", line.strip()
        if lemma[:1] in KINDS:
            kind, lemma = KINDS[lemma[0]], lemma[1:]
        lemma = lemma.lower()
        terms += 1
        if kind == "x" and " " in lemma:
            before, _, word = lemma.partition(" ")
            rows.update((form, before, "b") for form in forms_of(word))
            continue
        for form in forms_of(lemma) | set(extra):
            rows.add((form, lemma, kind))
    lines = [f"{form}\t{lemma}\t{kind}" for form, lemma, kind in sorted(rows)]
    by_hand = target is None
    target = target or HERE / "health-forms-fi.tsv"
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")  # processes may race
    partial.write_text("\n".join(lines) + "\n", encoding="utf-8")
    partial.replace(target)
    if by_hand:
        print(f"{target.name}: {len(lines)} forms of {terms} terms")


def build_places() -> None:
    places = {line.lower() for line in _read("places.txt") if " " not in line}
    lines = sorted({form for place in places for form in forms_of(place)})
    (HERE / "place-forms.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"place-forms.txt: {len(lines)} forms of {len(places)} places")


# Voikko's word classes of common words (not names of people or places).
VOIKKO_WORD_CLASSES = frozenset(
    {
        "nimisana",
        "laatusana",
        "nimisana_laatusana",
        "teonsana",
        "seikkasana",
        "asemosana",
        "suhdesana",
        "sidesana",
        "huudahdussana",
        "lukusana",
        "kieltosana",
        "etuliite",
    }
)


def _finnish_words(names: set[str]) -> set[str]:
    """The names that Voikko (Debian's voikko-fi and python3-libvoikko, needed only here)
    also knows as common Finnish words."""
    sys.path.append("/usr/lib/python3/dist-packages")
    import libvoikko

    voikko = libvoikko.Voikko("fi")
    try:
        return {
            name
            for name in names
            if {a.get("CLASS") for a in voikko.analyze(name)} & VOIKKO_WORD_CLASSES
        }
    finally:
        voikko.terminate()


NAME_FILES = ("names-fi-first.tsv", "names-fi-last.tsv", "names-sv-first.tsv", "names-sv-last.tsv")


def build_common_names() -> None:
    """Names that are also common words. Finnish: what Voikko analyses as a common word
    ("puisto", "toivo"; simplemma's Finnish data holds many names in lower case too, so it
    cannot tell), and our curated list. Swedish and English: where simplemma's dictionary
    has the lower-cased name with a lower-case lemma ("will", "björk"), not a proper noun
    ("Jenna")."""
    shares: dict[str, int] = {}
    for file in NAME_FILES:
        for line in _read(file):
            name, share = line.split("\t")
            shares[name.lower()] = max(shares.get(name.lower(), 0), int(share))
    names = set(shares)
    common = (set(_read("names-also-words-fi.txt")) & names) | _finnish_words(names)
    for lang in ("sv", "en"):
        table = _dictionary(lang)
        for name in names:
            lemma = table.get(name)
            if lemma is not None and lemma[:1].islower():
                common.add(name)
    # Short words that simplemma's dictionaries leave out but that start many sentences.
    common.update(name for name in names if name in set(_read("function-words.txt")))
    lines = sorted(common)
    (HERE / "names-common.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"names-common.txt: {len(lines)} of {len(names)} names are also common words")


if __name__ == "__main__":
    build_health()
    build_places()
    build_common_names()
