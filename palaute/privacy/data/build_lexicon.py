"""Expand the word lists of the sensitive-data check into the inflected forms it looks up.

Not used at run time: the check reads the files this writes, so it never loads a
dictionary of millions of forms. The inflected forms come from simplemma's dictionaries
(the same data the rest of Palaute lemmatises with), so a form maps to its lemma exactly as
simplemma would lemmatise it:

    .venv/bin/python palaute/privacy/data/build_lexicon.py

Writes, next to this file:
- ``health-forms-fi.tsv``: every inflected form of the Finnish health terms of
  ``health-fi.txt``, with its lemma and whether it is a word, a compound's last part or an
  exclusion;
- ``place-forms.txt``: every inflected form of the places of ``places.txt``;
- ``names-common.txt``: the names of the name lists that are also common words in Finnish,
  Swedish or English ("Toivo", "Aho", "Will"), which need context to count as names.

Run it again after editing ``health-fi.txt``, ``places.txt`` or the name lists.
"""

from __future__ import annotations

from collections import defaultdict
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


def _forms_by_lemma(wanted: set[str]) -> dict[str, set[str]]:
    """Every form in simplemma's Finnish dictionary whose lemma is wanted, lower-cased."""
    forms: dict[str, set[str]] = defaultdict(set)
    table = _dictionary("fi")._dict
    for key, value in table.items():
        form = key.decode() if isinstance(key, bytes) else key
        lemma = value.decode() if isinstance(value, bytes) else value
        if lemma.lower() in wanted:
            forms[lemma.lower()].add(form.lower())
    for lemma in wanted:
        forms[lemma].add(lemma)
        forms[lemma].update(lemma + ending for ending in PLAIN_ENDINGS)
    return forms


def build_health() -> None:
    entries = []
    for line in _read("health-fi.txt"):
        if line.endswith("~"):
            continue
        kind, lemma = "w", line
        if line.startswith("*"):
            kind, lemma = "h", line[1:]
        elif line.startswith("!"):
            kind, lemma = "x", line[1:]
        entries.append((kind, lemma.lower()))
    forms = _forms_by_lemma({lemma for _, lemma in entries})
    rows = set()
    for kind, lemma in entries:
        for form in forms[lemma]:
            rows.add((form, lemma, kind))
    lines = [f"{form}\t{lemma}\t{kind}" for form, lemma, kind in sorted(rows)]
    (HERE / "health-forms-fi.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"health-forms-fi.tsv: {len(lines)} forms of {len(entries)} terms")


def build_places() -> None:
    places = {line.lower() for line in _read("places.txt") if " " not in line}
    forms = _forms_by_lemma(places)
    lines = sorted({form for place in places for form in forms[place]})
    (HERE / "place-forms.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"place-forms.txt: {len(lines)} forms of {len(places)} places")


def build_common_names() -> None:
    names = set()
    for file in (
        "names-fi-first.tsv",
        "names-fi-last.tsv",
        "names-sv-first.tsv",
        "names-sv-last.tsv",
    ):
        names.update(line.split("\t")[0].lower() for line in _read(file))
    common = set()
    for lang in ("fi", "sv", "en"):
        table = _dictionary(lang)
        common.update(name for name in names if table.get(name) is not None)
    lines = sorted(common)
    (HERE / "names-common.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"names-common.txt: {len(lines)} of {len(names)} names are also common words")


if __name__ == "__main__":
    build_health()
    build_places()
    build_common_names()
