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
    found += _constructions(lowered)
    found += [(m.start(), m.end(), 0.85) for m in ACRONYMS.finditer(text)]
    if {t[:3] for t in tokens} & _phrase_starts():
        excluded = lexicon.health_phrases().excluded
        for match in _phrases().finditer(lowered):
            if match.group() not in excluded:
                found.append((match.start(), match.end(), 0.85))
    return _merge(text, found)


def _alternatives(words: str) -> str:
    return "(?:" + "|".join(sorted(words.split(), key=len, reverse=True)) + ")"


# What a person can or cannot do: a negation, a verb of ability and an activity of daily
# living ("ei pysty enää pukeutumaan", "en jaksa kävellä", "kan inte längre gå", "can
# barely read"). The activities are the ones a disability or an illness takes away, so
# "en pysty ymmärtämään päätöstä" is no finding. Up to two words may stand between the
# parts ("ei hän pysty enää kunnolla kävelemään").
_FI_NEGATION = _alternatives("ei en et emme ette eivät eikä enkä etkä eivätkä ettei etten")
_FI_ABILITY = _alternatives(
    "pysty pystynyt pystyneet kykene kyennyt kyenneet jaksa jaksanut jaksaneet osaa osannut"
)
_FI_ACTIVITY = _alternatives(
    "kävelemään kävellä liikkumaan liikkua syömään syödä juomaan juoda "
    "pukeutumaan pukeutua pukemaan peseytymään peseytyä pesemään seisomaan seistä istumaan "
    "istua nousemaan nousta nostamaan nostaa lukemaan lukea kirjoittamaan kirjoittaa "
    "puhumaan puhua kuulemaan kuulla näkemään nähdä muistamaan muistaa hengittämään "
    "hengittää nielemään niellä kumartumaan kääntymään kiipeämään kulkemaan kulkea "
    "ulkoilemaan ulkoilla työskentelemään työskennellä laittamaan kantamaan kantaa"
)
# A verb of daily living, negated or said to come back: "ei enää puhu", "ei kuule
# mitään", "kuulee taas", "kävelee jo".
_FI_SENSES = _alternatives("puhu kuule näe kävele muista tunnista syö pidätä liiku nouse")
_FI_SENSES_AGAIN = _alternatives(
    "kuulee kuulen näkee näen puhuu puhun kävelee kävelen syö syön liikkuu liikun"
)
_SV_ACTIVITY = _alternatives(
    "gå äta tala prata höra läsa skriva resa lyfta klä tvätta duscha andas svälja"
)
_EN_ACTIVITY = _alternatives(
    "walk eat read hear speak talk dress wash shower stand breathe swallow climb lift remember"
)
_WORDS = r"(?:[^\W\d_]+\s+){0,2}?"
CONSTRUCTIONS = re.compile(
    rf"(?<![^\W\d_])(?:"
    rf"{_FI_NEGATION}\s+{_WORDS}{_FI_ABILITY}\s+{_WORDS}{_FI_ACTIVITY}"
    rf"|{_FI_NEGATION}\s+(?:enää\s+|vielä\s+|kunnolla\s+|juuri\s+)?{_FI_SENSES}"
    rf"(?=\s+(?:enää|vielä|kunnolla|mitään|juuri|kuin|ilman|yksin|itse|öisin)\b)"
    rf"|{_FI_SENSES_AGAIN}\s+(?:taas|jo|uudelleen|jälleen|nyt\s+taas)\s+"
    rf"(?:{_FI_ACTIVITY}|ilman|päivittäin|kunnolla|radiota|itse)"
    rf"|(?<!man\s)kan\s+(?:[^\W\d_]+\s+)?(?:inte|knappt|knappast|ej)\s+"
    rf"(?:längre\s+|alls\s+|själv\s+|heller\s+)?{_SV_ACTIVITY}"
    rf"|orkar\s+(?:inte|knappt)\s+(?:längre\s+)?{_SV_ACTIVITY}"
    rf"|(?<!you\s)(?:can't|cannot|can\s+not|can\s+no\s+longer|can\s+barely|can\s+hardly"
    rf"|could\s+barely|could\s+hardly|unable\s+to|no\s+longer\s+able\s+to"
    rf"|struggles?\s+to|barely)\s+(?:{_EN_ACTIVITY}|get\s+up|get\s+out\s+of\s+bed)"
    rf"|(?:barely|hardly)\s+(?:see|sleep|move)"
    rf")(?![^\W\d_])"
)


# Diagnoses written as capitals only, where the lower-case word is another ("Ms", "als",
# "tia"): matched as written.
ACRONYMS = re.compile(r"(?<![\w-])(?:MS|ALS|HPV|MPR|COPD|TIA|SLE|ME/CFS)(?![\w])")


def _constructions(lowered: str) -> list[tuple[int, int, float]]:
    return [(m.start(), m.end(), 0.8) for m in CONSTRUCTIONS.finditer(lowered)]


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
    stems = (word, word[:-2]) if word[-2:] in POSSESSIVE_LONG_VOWEL else (word,)
    for stem in stems:
        if stem is not word and stem in finnish.words:
            return word if stem not in finnish.excluded else ""
        for length in finnish.head_lengths.get(stem[-4:], ()):
            if length <= len(stem) - 3 and stem[-length:] in finnish.heads:
                return word if stem not in finnish.excluded else ""
    if len(word) >= 10 and word not in finnish.excluded:
        lemmas = _lemmas()
        for cut in range(len(word) - 4, 5, -1):
            if word[:cut] in lemmas:
                return "" if word[cut:].startswith(SERVICE_PARTS) else word
    return ""


# The third-person possessive after a case ending: "verenpainettaan", "allergiastaan".
POSSESSIVE_LONG_VOWEL = frozenset({"an", "än", "en", "in", "on", "un", "yn", "ön"})
# Last parts that make a compound of a health term a service, a place or a campaign
# ("diabeteshoitaja", "synnytyssairaala", "influenssarokotus"), not a person's health.
SERVICE_PARTS = (
    "hoitaja",
    "skötare",
    "sköterska",
    "mottagning",
    "piste",
    "rokot",
    "kertomu",
    "potila",
    "sairaala",
    "ohjaaja",
    "ohje",
    "luiska",
    "suunnitelm",
    "osasto",
    "poliklinik",
    "klinik",
    "vastaanot",
    "palvelu",
    "yksikkö",
    "lääkäri",
    "neuvol",
    "ryhmä",
    "yhdistys",
    "liitto",
    "viikko",
    "päivä",
    "kampanja",
    "tiedote",
    "esite",
)


@cache
def _lemmas() -> frozenset[str]:
    """The health terms in their basic form: a compound may start with one
    ("anafylaksiariski", "sekavuusoireita")."""
    finnish = lexicon.health_fi()
    return (
        frozenset(lemma for lemma in finnish.words.values() if len(lemma) >= 6) - finnish.excluded
    )


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
