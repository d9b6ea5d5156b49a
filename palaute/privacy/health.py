"""Health information in feedback: diagnoses, symptoms, medications, treatments, test
results, pregnancy, disabilities, mental health and substance use.

Finnish words are matched by their lemma: every inflected form of every term, taken from
simplemma's dictionaries when the lists were built (``data/build_lexicon.py``), maps back
to its term, so "diabeetikkona", "masennuslääkkeitä" (a compound whose last part is
"lääke") and "verikokeiden" are found. Words in their other senses ("nurmikon leikkaus"
is mowing, "kuumeinen kiire" is hurry) are listed as exclusions. Swedish and English terms,
and phrases the word-by-word match cannot express ("ei pysty kävelemään"), are matched by
the start of the word (``data/health-phrases.txt``).
"""

from __future__ import annotations

import re
from functools import cache

from . import lexicon

WORD_RE = re.compile(r"[^\W\d_]+(?:[-:][^\W\d_]+)*")


@cache
def _phrases() -> re.Pattern:
    phrases = lexicon.health_phrases()
    return re.compile(
        r"(?<![^\W\d_])(?:(?:"
        + lexicon.trie_pattern(list(phrases.prefixes))
        + r")[^\W\d_]*|(?:"
        + lexicon.trie_pattern(list(phrases.whole))
        + r")(?![^\W\d_]))"
    )


@cache
def _phrase_starts() -> frozenset[str]:
    """The first three letters of the phrases: a text with no word starting so has none
    of them."""
    phrases = lexicon.health_phrases()
    return frozenset(term[:3] for term in (*phrases.prefixes, *phrases.whole))


def find(text: str) -> list[tuple[int, int, float]]:
    """(start, end, confidence) of the health terms in the text; terms side by side
    ("diagnosoitu masennus") are one finding."""
    finnish = lexicon.health_fi()
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare letter whose lower case is longer
        lowered = "".join(char.lower()[0] for char in text)
    tokens = set(WORD_RE.findall(lowered))
    hits = {t for t in tokens if t in finnish.words or t in finnish.excluded}
    hits.update(t for t in tokens if "-" in t and any(p in finnish.words for p in t.split("-")))
    hits.update(_compounds(t, finnish) for t in tokens if len(t) > 6 and t not in finnish.words)
    hits.discard("")
    found: list[tuple[int, int, float]] = []
    if hits - finnish.excluded:
        previous = ""
        for match in WORD_RE.finditer(lowered):
            word = match.group()
            before, previous = previous, word
            if word not in hits or word in finnish.excluded:
                continue
            if before in finnish.not_after.get(word, ()):
                continue
            confidence = 0.9 if word in finnish.words else 0.8
            found.append((match.start(), match.end(), confidence))
    if tokens & finnish.verbs:
        found += _injuries(lowered, finnish)
    if {t[:3] for t in tokens} & _phrase_starts():
        excluded = lexicon.health_phrases().excluded
        for match in _phrases().finditer(lowered):
            if match.group() not in excluded:
                found.append((match.start(), match.end(), 0.85))
    return _merge(text, found)


# How many words apart a verb of injury and a body part may be ("ranne murtui", "polveni
# leikattiin viime viikolla", "kaatui ja löi päänsä").
NEAR = 4


def _injuries(lowered: str, finnish: lexicon.HealthForms) -> list[tuple[int, int, float]]:
    """A verb of injury or treatment with a body part near it, as one finding from the one
    to the other: "polveni leikattiin", "she broke her wrist"."""
    words = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(lowered)]
    found = []
    for index, (start, end, word) in enumerate(words):
        if word not in finnish.verbs:
            continue
        near = words[max(0, index - NEAR) : index + NEAR + 1]
        parts = [(s, e) for s, e, w in near if w in finnish.body_parts]
        if parts:
            found.append(
                (min(start, *(s for s, _ in parts)), max(end, *(e for _, e in parts)), 0.8)
            )
    return found


# Clitics that may end any Finnish word: "rollaattorillakaan", "lääkkeetkin".
CLITICS = ("kaan", "kään", "kin", "han", "hän", "pa", "pä", "ko", "kö")


def _compounds(word: str, finnish: lexicon.HealthForms) -> str:
    """The word when it is a health term with a clitic ("rollaattorillakaan") or its last
    part is one ("masennuslääkkeitä"), else ""."""
    for clitic in CLITICS:
        if word.endswith(clitic) and word[: -len(clitic)] in finnish.words:
            return word if word[: -len(clitic)] not in finnish.excluded else ""
    for length in finnish.head_lengths.get(word[-4:], ()):
        if length <= len(word) - 3 and word[-length:] in finnish.heads:
            return word if word not in finnish.excluded else ""
    return ""


def _merge(text: str, found: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """One finding per stretch of text: overlapping matches (a Finnish and a Swedish
    "diabetes") and terms with only a space between them are reported once."""
    merged: list[tuple[int, int, float]] = []
    for start, end, confidence in sorted(found):
        if merged and (
            start < merged[-1][1]
            or (start - merged[-1][1] <= 2 and text[merged[-1][1] : start].isspace())
        ):
            previous = merged[-1]
            merged[-1] = (previous[0], max(previous[1], end), max(previous[2], confidence))
        else:
            merged.append((start, end, confidence))
    return merged
