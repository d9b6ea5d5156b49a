"""Health information in feedback: diagnoses, symptoms, medications, treatments, test
results, pregnancy, disabilities, mental health and substance use.

Finnish words are matched by their lemma: every inflected form of every term, taken from
simplemma's dictionaries when the lists were built (``data/build_lexicon.py``), maps back
to its term, so "diabeetikkona", "masennuslääkkeitä" (a compound whose last part is
"lääke") and "verikokeiden" are found. Words in their other senses ("nurmikon leikkaus"
is mowing, "kuumeinen kiire" is hurry) are listed as exclusions. Swedish and English terms
are matched by the start of the word.
"""

from __future__ import annotations

import re
from functools import cache

from . import lexicon

WORD_RE = re.compile(r"[^\W\d_]+(?:[-:][^\W\d_]+)*")


def _trie_pattern(words: list[str]) -> str:
    """One regular expression for many literal strings, as a trie: at each position the
    regex engine follows one branch instead of trying every string."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        branches = [re.escape(char) + emit(child) for char, child in node.items() if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(sorted(branches)) + ")"
        return f"(?:{body})?" if end else body

    return emit(trie)


@cache
def _compound_heads() -> re.Pattern:
    """The forms of the terms that also count as the last part of a compound, at the end
    of a word."""
    forms = sorted(lexicon.health_fi().heads)
    return re.compile(r"(?:" + _trie_pattern(forms) + r")(?![^\W\d_])")


@cache
def _phrases() -> re.Pattern:
    phrases = lexicon.health_sv_en()
    return re.compile(
        r"(?<![^\W\d_])(?:(?:"
        + _trie_pattern(list(phrases.prefixes))
        + r")[^\W\d_]*|(?:"
        + _trie_pattern(list(phrases.whole))
        + r")(?![^\W\d_]))"
    )


def find(text: str) -> list[tuple[int, int, float]]:
    """(start, end, confidence) of the health terms in the text; terms side by side
    ("diagnosoitu masennus") are one finding."""
    finnish = lexicon.health_fi()
    found: list[tuple[int, int, float]] = []
    compound_candidates: list[tuple[int, int, str]] = []
    previous = ""
    for match in WORD_RE.finditer(text):
        word = match.group().lower()
        before, previous = previous, word
        if word in finnish.excluded or before in finnish.not_after.get(word, ()):
            continue
        if word in finnish.words or (finnish.prefixes and word.startswith(finnish.prefixes)):
            found.append((match.start(), match.end(), 0.9))
        elif "-" in word and any(part in finnish.words for part in word.split("-")):
            found.append((match.start(), match.end(), 0.8))  # "Marevan-annosta"
        elif len(word) > 6:
            compound_candidates.append((match.start(), match.end(), word))
    if compound_candidates:
        heads = _compound_heads()
        for start, end, word in compound_candidates:
            head = heads.search(word, 3)
            if head is not None and head.end() == len(word):
                found.append((start, end, 0.8))
    other = lexicon.health_sv_en()
    lowered = text.lower()
    if len(lowered) == len(text):
        for match in _phrases().finditer(lowered):
            if match.group() not in other.excluded:
                found.append((match.start(), match.end(), 0.85))
    return _merge(text, found)


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
