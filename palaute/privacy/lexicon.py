"""The word lists of the sensitive-data check, read once per process from ``data/``.

The files are plain text (see ``data/LICENSE-names.md`` and ``data/build_lexicon.py``).
Loading takes some tenths of a second and about 20 MB; ``warm_up`` does it in the
background when a process starts, so the first feedback does not wait.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@dataclass(frozen=True, slots=True)
class NameInfo:
    first: bool
    last: bool
    share: int  # people per 100,000 with the name
    common: bool  # also a common word ("Toivo", "Aho")


@cache
def names() -> dict[str, NameInfo]:
    """Lower-cased first names and surnames of Finland and Sweden."""
    common = set(_lines("names-common.txt"))
    table: dict[str, list] = {}
    for file, first in (
        ("names-fi-first.tsv", True),
        ("names-sv-first.tsv", True),
        ("names-fi-last.tsv", False),
        ("names-sv-last.tsv", False),
    ):
        for line in _lines(file):
            name, share = line.split("\t")
            key = name.lower()
            entry = table.setdefault(key, [False, False, 0])
            entry[0 if first else 1] = True
            entry[2] = max(entry[2], int(share))
    return {
        key: NameInfo(first, last, share, key in common)
        for key, (first, last, share) in table.items()
    }


@cache
def place_forms() -> frozenset[str]:
    """Lower-cased inflected forms of Finnish places, districts and foreign places."""
    return frozenset(_lines("place-forms.txt"))


@dataclass(frozen=True, slots=True)
class HealthForms:
    words: dict[str, str]  # form -> lemma: the whole word is a health term
    heads: dict[str, str]  # form -> lemma: also the last part of a compound
    excluded: frozenset[str]  # forms that are never findings
    not_after: dict[str, frozenset[str]]  # form -> words before it that make it no term
    head_lengths: dict[str, tuple[int, ...]]  # last four letters -> lengths of head forms
    verbs: frozenset[str]  # forms of verbs of injury and treatment, in any language
    body_parts: frozenset[str]  # forms of body parts, in any language
    general: frozenset[str]  # forms that count only with a person near


def _health_forms_file() -> Path:
    """The inflected forms of health-fi.txt: built from it with simplemma's dictionaries
    (about five seconds) into var/ the first time they are needed after it changed, and
    kept there, named by the list's digest; a build output, not kept in git."""
    import hashlib
    import importlib.util

    from django.conf import settings

    digest = hashlib.sha256((DATA / "health-fi.txt").read_bytes()).hexdigest()[:16]
    target = Path(settings.VAR_DIR) / "lexicon" / f"health-forms-fi-{digest}.tsv"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        spec = importlib.util.spec_from_file_location("build_lexicon", DATA / "build_lexicon.py")
        builder = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(builder)
        builder.build_health(target)
    return target


@cache
def health_fi() -> HealthForms:
    words, heads, excluded, not_after, general = {}, {}, set(), {}, set()
    verbs, body_parts = set(health_phrases().verbs), set(health_phrases().body_parts)
    text = _health_forms_file().read_text(encoding="utf-8")
    for line in (line for line in text.splitlines() if line and not line.startswith("#")):
        form, lemma, kind = line.split("\t")
        if kind == "x":
            excluded.add(form)
        elif kind == "b":
            not_after.setdefault(form, set()).add(lemma)
        elif kind == "v":
            verbs.add(form)
        elif kind == "p":
            body_parts.add(form)
        elif kind == "g":
            general.add(form)
        else:
            words[form] = lemma
            if kind == "h":
                heads[form] = lemma
    by_tail: dict[str, set[int]] = {}
    for form in heads:
        by_tail.setdefault(form[-4:], set()).add(len(form))
    lengths = {tail: tuple(sorted(found, reverse=True)) for tail, found in by_tail.items()}
    return HealthForms(
        words,
        heads,
        frozenset(excluded),
        {form: frozenset(before) for form, before in not_after.items()},
        lengths,
        frozenset(verbs - set(words)),
        frozenset(body_parts),
        frozenset(general),
    )


@dataclass(frozen=True, slots=True)
class HealthPhrases:
    prefixes: tuple[str, ...]  # a word starting with one of these
    whole: frozenset[str]  # exactly one of these words
    excluded: frozenset[str]
    verbs: frozenset[str]  # verbs of injury and treatment, only beside a body part
    body_parts: frozenset[str]
    general: tuple[str, ...]  # starts of terms that count only with a person near
    suffixes: dict[str, int]  # last parts of compounds ("-värk" finds "ryggvärken"), and
    # how many letters may follow them


@cache
def health_phrases() -> HealthPhrases:
    prefixes, whole, excluded, verbs, body_parts = [], set(), set(), set(), set()
    general: set[str] = set()
    suffixes: dict[str, int] = {}
    sets = {
        "=": whole,
        "!": excluded,
        "+": verbs,
        "%": body_parts,
        "~": general,
    }
    for line in _lines("health-phrases.txt"):
        entry = line.strip().lower()
        if entry[:1] == "-":
            ending, _, after = entry[1:].partition(" ")
            suffixes[ending] = int(after or 4)
        elif entry[:1] in sets:
            sets[entry[0]].add(entry[1:])
        else:
            prefixes.append(entry)
    return HealthPhrases(
        tuple(prefixes),
        frozenset(whole),
        frozenset(excluded),
        frozenset(verbs),
        frozenset(body_parts),
        tuple(sorted(general)),
        suffixes,
    )


def trie_pattern(words: list[str]) -> str:
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


def load() -> None:
    names()
    place_forms()
    health_fi()
    health_phrases()


_started = threading.Event()


def warm_up() -> None:
    """Read the lists in a background thread, once per process."""
    if _started.is_set():
        return
    _started.set()
    threading.Thread(target=load, name="palaute-privacy-lexicon", daemon=True).start()
