"""Automatic critical-feedback rules (C3): Finnish expressions found in the text, matched
on lemmas, surface forms and a conservative stem fallback, and very low scores.

A term is written in basic form ("lyödä", "väkivalta"). It matches a word of the text when
the word's lemma (simplemma) or surface form equals the term, its lemma or a few forms
derived from it (participles such as "lyönyt", verbal nouns such as "kaatuminen", the
oblique forms of -nen words). For words simplemma does not know (new compounds, typing
variants) a stem of the term followed by a Finnish inflectional ending also matches.
`word*` matches words that start so, `*word` words that end so (compounds: "*väkivalta"
finds "perheväkivallan"), `*word*` words that contain it. Several words on one line must
all appear in the same sentence.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import simplemma
from django.db.models import F, Q, Subquery
from django.utils.translation import gettext as _

from .models import CriticalRule

LANG = "fi"
MIN_LETTERS = 3  # a term (or the fixed part of a wildcard) needs at least this many letters
MIN_STEM = 4  # the stem fallback never uses a shorter stem
MAX_WORDS_PER_LINE = 6
VOWELS = "aeiouyäö"
WORD = re.compile(r"[^\W\d_]+")
SENTENCE_BREAK = re.compile(r"[.!?…]+(?=[\s\"'”»)]|$)|[\r\n]+")
TERM_WORD = re.compile(r"\*?[^\W\d_]+(?:-[^\W\d_]+)*\*?")

# Inflectional endings accepted after a stem for words simplemma does not know: cases,
# plurals, verb persons and tenses, participles, then possessive suffixes and clitics.
_BASE_ENDINGS = (
    "",
    "n",
    "t",
    "a",
    "ä",
    "ta",
    "tä",
    "na",
    "nä",
    "ssa",
    "ssä",
    "sta",
    "stä",
    "lla",
    "llä",
    "lta",
    "ltä",
    "lle",
    "ksi",
    "tta",
    "ttä",
    "ne",
    "an",
    "en",
    "in",
    "on",
    "un",
    "yn",
    "än",
    "ön",
    "han",
    "hen",
    "hin",
    "hon",
    "hun",
    "hyn",
    "hän",
    "hön",
    "seen",
    "siin",
    "i",
    "ja",
    "jä",
    "ia",
    "iä",
    "ita",
    "itä",
    "iden",
    "itten",
    "jen",
    "ten",
    "ien",
    "issa",
    "issä",
    "ista",
    "istä",
    "ihin",
    "iin",
    "illa",
    "illä",
    "ilta",
    "iltä",
    "ille",
    "ina",
    "inä",
    "ine",
    "iksi",
    "it",
    "mme",
    "tte",
    "vat",
    "vät",
    "imme",
    "itte",
    "ivat",
    "ivät",
    "isi",
    "isin",
    "isit",
    "isivat",
    "isivät",
    "nut",
    "nyt",
    "neet",
    "neen",
    "neelle",
    "tiin",
    "ttiin",
    "taan",
    "tään",
    "ttaan",
    "ttään",
    "tu",
    "ty",
    "ttu",
    "tty",
    "tun",
    "tyn",
    "ttun",
    "ttyn",
    "tuja",
    "tyjä",
    "ma",
    "mä",
    "massa",
    "mässä",
    "masta",
    "mästä",
    "maan",
    "mään",
    "malla",
    "mällä",
    "matta",
    "mättä",
    "minen",
    "misen",
    "mista",
    "mistä",
    "miseen",
    "misesta",
    "misestä",
    "va",
    "vä",
    "van",
    "vän",
)
_POSSESSIVES = ("", "ni", "si", "nsa", "nsä", "mme", "nne")
_CLITICS = ("", "kin", "kaan", "kään", "han", "hän", "pa", "pä", "ko", "kö")
ENDINGS = frozenset(
    base + possessive + clitic
    for base, possessive, clitic in itertools.product(_BASE_ENDINGS, _POSSESSIVES, _CLITICS)
)
# Consonant gradation in the last syllable: strong grade -> weak grade ("väkivalta" ->
# "väkivallan", "tappaa" -> "tapan", "hätä" -> "hädässä").
_GRADATION = (
    ("kk", "k"),
    ("pp", "p"),
    ("tt", "t"),
    ("lt", "ll"),
    ("nt", "nn"),
    ("rt", "rr"),
    ("mp", "mm"),
    ("nk", "ng"),
    ("ht", "hd"),
)
# The -nen paradigm ("seksuaalinen" -> "seksuaalista", "seksuaalisen", "seksuaaliset").
_NEN_ENDINGS = (
    "ta",
    "tä",
    "en",
    "et",
    "ia",
    "iä",
    "ten",
    "ien",
    "essa",
    "essä",
    "esta",
    "estä",
    "eksi",
    "ella",
    "ellä",
    "elta",
    "eltä",
    "elle",
    "ena",
    "enä",
    "eseen",
    "iin",
    "issa",
    "issä",
    "ista",
    "istä",
    "ille",
    "illa",
    "illä",
    "iksi",
    "esti",
)


# Lemmatisation


_start_lock = threading.Lock()  # guards _thread_started
_load_lock = threading.Lock()  # held while the dictionary loads
_loaded = threading.Event()
_thread_started = False


def warm_up(*, background: bool = False) -> None:
    """Load the Finnish dictionary (some seconds, once per process), so that the first
    feedback or live check does not wait for it. With background=True a daemon thread
    loads it and this returns at once: pages with a live check call it when shown."""
    global _thread_started
    if _loaded.is_set():
        return
    if background:
        with _start_lock:
            if _thread_started:
                return
            _thread_started = True
        threading.Thread(target=warm_up, name="palaute-lemmatiser", daemon=True).start()
        return
    # One thread loads; the others wait for it instead of loading a copy of their own.
    with _load_lock:
        if not _loaded.is_set():
            simplemma.lemmatize("palaute", lang=LANG, low_memory=True)
            simplemma.lemmatize("palaute", lang=LANG, greedy=True, low_memory=True)
            simplemma.is_known("palaute", lang=LANG, low_memory=True)
            _loaded.set()


def _known(word: str) -> bool:
    """Whether simplemma's dictionary has the form."""
    warm_up()
    return simplemma.is_known(word, lang=LANG, low_memory=True)


def _lemmas(word: str) -> frozenset[str]:
    """The lemmas simplemma gives (its plain and greedy strategies may differ). Uses the
    low-memory dictionary: some 60 MB instead of 400 MB for Finnish."""
    warm_up()
    return frozenset(
        {
            simplemma.lemmatize(word, lang=LANG, low_memory=True).lower(),
            simplemma.lemmatize(word, lang=LANG, greedy=True, low_memory=True).lower(),
        }
    )


@dataclass(frozen=True)
class _Word:
    text: str  # as written in the text
    lower: str
    keys: frozenset[str]  # the surface form and its lemmas
    known: bool  # simplemma's dictionary has the form


@lru_cache(maxsize=50_000)
def _analyse_word(lower: str) -> tuple[frozenset[str], bool]:
    lemmas = _lemmas(lower)
    return frozenset({lower}) | lemmas, _known(lower)


def _word(text: str) -> _Word:
    lower = text.lower()
    keys, known = _analyse_word(lower)
    return _Word(text=text, lower=lower, keys=keys, known=known)


def _sentences(text: str) -> tuple[tuple[_Word, ...], ...]:
    """The text as sentences of analysed words. Texts are not cached (only the analyses
    of single words are), so no feedback stays in the process's memory."""
    found = []
    for part in SENTENCE_BREAK.split(text):
        words = tuple(_word(match.group()) for match in WORD.finditer(part))
        if words:
            found.append(words)
    return tuple(found)


# Terms


def _harmony(word: str) -> tuple[str, str]:
    """The vowels a and u, or ä and y, by Finnish vowel harmony."""
    back = any(letter in "aou" for letter in word)
    return ("a", "u") if back else ("ä", "y")


def _weak(stem: str) -> str | None:
    """The weak grade of a stem ending in a vowel, or None when there is no gradation."""
    if len(stem) < 3 or stem[-1] not in VOWELS:
        return None
    body, vowel = stem[:-1], stem[-1]
    for strong, weak in _GRADATION:
        if body.endswith(strong):
            return body[: -len(strong)] + weak + vowel
    if body.endswith("t") and body[-2] in VOWELS:
        return body[:-1] + "d" + vowel
    if body.endswith("p") and body[-2] in VOWELS:
        return body[:-1] + "v" + vowel
    return None


def _derived(core: str) -> set[str]:
    """Forms a dictionary lemmatiser often keeps as lemmas of their own, derived from a term
    in basic form: the past participles and verbal noun of a verb, the oblique forms of a
    -nen word."""
    a, u = _harmony(core)
    forms: set[str] = set()
    if core.endswith("nen") and len(core) > 5:
        forms.update(core[:-3] + "s" + ending for ending in _NEN_ENDINGS)
        return forms
    if len(core) < 4 or core[-1] not in "aä":
        return forms
    if core[-2] == "d":  # lyödä, laiminlyödä, saada
        stem = core[:-2]
        forms.update({stem + "n" + u + "t", stem + "neet", stem + "minen"})
    elif core[-3:-1] in ("ll", "nn", "rr"):  # uhkailla, ahdistella, pahoinpidellä
        forms.update({core[:-1] + u + "t", core[:-1] + "eet", core[:-2] + "eminen"})
    elif core[-3:-1] == "st":  # potkaista, tönäistä
        forms.update({core[:-2] + "s" + u + "t", core[:-2] + "seet", core[:-2] + "eminen"})
    elif core[-2] == "t" and core[-3] in VOWELS:  # haluta, kiusata, häiritä
        stem = core[:-2]
        forms.update({stem + "nn" + u + "t", stem + "nneet", stem + "si", stem + "sivat"})
        forms.add(stem + a + "minen" if stem[-1] != "i" else stem + "tseminen")
        if stem.endswith("i"):
            forms.update({core[:-1] + "si", core[:-1] + "sivat"})
    elif core[-2] in VOWELS:  # kaatua, tappaa, elää
        stem = core[:-1]
        forms.update({stem + "n" + u + "t", stem + "neet", stem + "minen"})
    return forms


def _stems(core: str) -> tuple[str, ...]:
    """Stems for the fallback: the basic form itself, its vowel and weak-grade stems, and
    a verb's stems. None shorter than MIN_STEM letters."""
    stems = {core}
    if core.endswith("e"):  # hoitovirhe -> hoitovirheen, hoitovirheestä
        stems.add(core + "e")
    if core.endswith("nen"):  # itsetuhoinen -> itsetuhoisen, itsetuhoista
        stems.update({core[:-3] + "se", core[:-3] + "s"})
    if core.endswith(("uus", "yys")):  # turvallisuus -> turvallisuuden, turvallisuutta
        stems.update({core[:-1], core[:-1] + "de", core[:-1] + "te"})
    elif core.endswith(("us", "ys", "os", "ös")):  # muistutus -> muistutuksen, muistutuksia
        stems.update({core[:-1] + "kse", core[:-1] + "ks"})
    if core[-1:] in ("a", "ä") and len(core) > 3:
        if core[-2] == "d" or core[-3:-1] in ("ll", "nn", "rr", "st"):
            stems.update({core[:-2], core[:-2] + "e"})
        elif core[-2] == "t" and core[-3] in VOWELS:
            stems.add(core[:-2] + _harmony(core)[0])
        elif core[-2] in VOWELS:
            stems.add(core[:-1])
    for stem in list(stems):
        weak = _weak(stem)
        if weak:
            stems.add(weak)
    return tuple(sorted(stem for stem in stems if len(stem) >= MIN_STEM))


@dataclass(frozen=True)
class _Pattern:
    """One word of a term line, compiled."""

    core: str
    mode: str  # "word", "prefix", "suffix" or "contains"
    keys: frozenset[str]
    stems: tuple[str, ...]


@dataclass(frozen=True)
class _Term:
    line: str
    patterns: tuple[_Pattern, ...]


def _compile_word(raw: str, *, single: bool) -> _Pattern | None:
    """A word of a term line, or None when it is not usable (see validate_terms)."""
    if not TERM_WORD.fullmatch(raw):
        return None
    prefix, suffix = raw.endswith("*"), raw.startswith("*")
    core = raw.strip("*").lower()
    letters = sum(1 for letter in core if letter.isalpha())
    if (prefix or suffix or single) and letters < MIN_LETTERS:
        return None
    if letters < 2:
        return None
    if prefix and suffix:
        return _Pattern(core=core, mode="contains", keys=frozenset({core}), stems=())
    if prefix:
        return _Pattern(core=core, mode="prefix", keys=frozenset({core}), stems=())
    # The lemma of a term only when the dictionary knows it: simplemma guesses unknown
    # compounds by cutting them ("lääkevirhe" -> "lääke"), which would match too much.
    known = _known(core)
    keys = frozenset({core} | (_lemmas(core) if known else set()) | _derived(core))
    stems = _stems(core) if letters >= MIN_STEM + 1 else ()
    return _Pattern(core=core, mode="suffix" if suffix else "word", keys=keys, stems=stems)


@lru_cache(maxsize=4096)
def _compile_line(line: str) -> _Term | None:
    words = line.split()
    if not words or len(words) > MAX_WORDS_PER_LINE:
        return None
    patterns = tuple(_compile_word(word, single=len(words) == 1) for word in words)
    if any(pattern is None for pattern in patterns):
        return None
    if max(len(pattern.core) for pattern in patterns) < MIN_LETTERS:
        return None
    return _Term(line=" ".join(words), patterns=patterns)


def _compile(terms: Iterable[str]) -> list[_Term]:
    compiled = (_compile_line(line.strip()) for line in terms if line.strip())
    return [term for term in compiled if term is not None]


def _plain_match(pattern: _Pattern, word: _Word) -> bool:
    if pattern.keys & word.keys:
        return True
    if word.known:
        # The dictionary knows the word and says it is something else ("vaari" is not
        # "vaara"): no guessing from stems.
        return False
    return any(
        word.lower.startswith(stem) and word.lower[len(stem) :] in ENDINGS for stem in pattern.stems
    )


def _word_matches(pattern: _Pattern, word: _Word) -> bool:
    if pattern.mode == "contains":
        return any(pattern.core in key for key in word.keys)
    if pattern.mode == "prefix":
        return any(key.startswith(pattern.core) for key in word.keys)
    if _plain_match(pattern, word):
        return True
    if pattern.mode != "suffix":
        return False
    if any(key.endswith(form) for key in word.keys for form in pattern.keys):
        return True
    # A compound: some ending part of the word is the term, inflected.
    head = pattern.core[:2]
    return any(
        word.lower[start:].startswith(head) and _plain_match(pattern, _word(word.lower[start:]))
        for start in range(2, len(word.lower) - MIN_LETTERS + 1)
    )


def _find(term: _Term, sentences: Sequence[Sequence[_Word]]) -> str | None:
    """The words of the text that the term matched, or None."""
    for sentence in sentences:
        found: list[int] = []
        for pattern in term.patterns:
            index = next(
                (
                    position
                    for position, word in enumerate(sentence)
                    if position not in found and _word_matches(pattern, word)
                ),
                None,
            )
            if index is None:
                break
            found.append(index)
        else:
            return " ".join(sentence[position].text for position in sorted(found))
    return None


@dataclass(frozen=True)
class TermHit:
    """A term line that matched, and the words of the text it matched."""

    term: str
    matched: str


def find_terms(*, text: str, terms: Sequence[str]) -> TermHit | None:
    """The first of the term lines that the text matches (the lemmatising matcher, also
    used for route advice)."""
    sentences = _sentences(text or "")
    if not sentences:
        return None
    for term in _compile(terms):
        matched = _find(term, sentences)
        if matched is not None:
            return TermHit(term=term.line, matched=matched)
    return None


def _word_problem(word: str, *, single: bool) -> str | None:
    """Why one word of a term line cannot be used, or None."""
    core = word.strip("*")
    if not core:
        return _("a lone * would match every word.")
    if "*" in core:
        return _("* may stand only at the beginning or the end of a word.")
    if word.startswith("**") or word.endswith("**"):
        return _("use one * at each end at most.")
    if not TERM_WORD.fullmatch(word):
        return _("use letters only (a hyphen may join two parts).")
    if "*" in word and len(core) < MIN_LETTERS:
        return _("a word with * needs at least %(count)d letters.") % {"count": MIN_LETTERS}
    if single and len(core) < MIN_LETTERS:
        return _("at least %(count)d letters.") % {"count": MIN_LETTERS}
    if len(core) < 2:
        return _("a single letter matches too much.")
    return None


def validate_terms(terms: str) -> list[str]:
    """What is wrong with the lines of a rule's expressions, as messages for the form."""
    errors: list[str] = []
    for number, raw in enumerate(terms.splitlines(), start=1):
        words = raw.split()
        if not words:
            continue
        problems: list[tuple[str, str]] = []
        if len(words) > MAX_WORDS_PER_LINE:
            problems.append(
                ("", _("at most %(count)d words on one line.") % {"count": MAX_WORDS_PER_LINE})
            )
        else:
            for word in words:
                problem = _word_problem(word, single=len(words) == 1)
                if problem:
                    problems.append((word, problem))
            if not problems and max(len(word.strip("*")) for word in words) < MIN_LETTERS:
                problems.append(
                    (
                        "",
                        _("one of the words needs at least %(count)d letters.")
                        % {"count": MIN_LETTERS},
                    )
                )
        errors.extend(
            _("Line %(number)d (“%(term)s”): %(message)s")
            % {"number": number, "term": word or " ".join(words), "message": message}
            for word, message in problems
        )
    return errors


# Rules


@dataclass(frozen=True)
class Match:
    """A rule that fired: which rule, in which category, what in the feedback matched it,
    and the term (or the score condition) that did."""

    rule_code: str
    category: str
    matched: str
    term: str
    kind: str = CriticalRule.Kind.EXPRESSION

    def as_dict(self) -> dict[str, Any]:
        """For Feedback.critical_rules (JSON) and the audit event."""
        return {
            "rule_code": self.rule_code,
            "category": str(self.category),
            "kind": str(self.kind),
            "matched": self.matched,
            "term": self.term,
        }


def rules_by_code(*, codes: Iterable[str]) -> dict[str, CriticalRule]:
    """The rules named by a flag (its stored codes), for showing their names."""
    return {rule.code: rule for rule in CriticalRule.objects.filter(code__in=list(codes))}


def fired_codes(*, feedback) -> list[str]:
    """The codes of the rules that flagged the feedback, in the order they fired."""
    return [item.get("rule_code", "") for item in feedback.critical_rules]


def rules_for(*, organization) -> list[CriticalRule]:
    """The active rules that apply to an organisation's feedback: those for everywhere and
    those of the organisation or any organisation above it (a treebeard path that is a
    prefix of the organisation's path). One query; the organisation's path is read from
    the database, since inserting a sibling in name order can move the paths of nodes an
    instance in memory still has the old path of."""
    rules = CriticalRule.objects.filter(is_active=True)
    if organization is None:
        rules = rules.filter(organization__isnull=True)
    else:
        path = type(organization).objects.filter(pk=organization.pk).values("path")[:1]
        rules = rules.annotate(target_path=Subquery(path)).filter(
            Q(organization__isnull=True) | Q(target_path__startswith=F("organization__path"))
        )
    return list(rules.order_by("kind", "category", "code"))


def match_text(*, text: str, rules: Iterable[CriticalRule]) -> list[Match]:
    """The expression rules that the text matches, one Match per rule at most."""
    sentences = _sentences(text or "")
    if not sentences:
        return []
    matches = []
    for rule in rules:
        if rule.kind != CriticalRule.Kind.EXPRESSION or not rule.is_active:
            continue
        for term in _compile(rule.term_list()):
            matched = _find(term, sentences)
            if matched is not None:
                matches.append(
                    Match(
                        rule_code=rule.code,
                        category=rule.category,
                        matched=matched,
                        term=term.line,
                        kind=CriticalRule.Kind.EXPRESSION,
                    )
                )
                break
    return matches


def match_scores(
    *, nps: int | None, answers: dict[str, int | None], rules: Iterable[CriticalRule]
) -> list[Match]:
    """The score rules that fire: every condition a rule sets must hold (recommendation at
    most max_nps; the answer to statement_code at most statement_value, 1 = "täysin eri
    mieltä"). A missing answer never fires a rule."""
    answers = answers or {}
    matches = []
    for rule in rules:
        if rule.kind != CriticalRule.Kind.SCORE or not rule.is_active:
            continue
        has_nps = rule.max_nps is not None
        has_statement = bool(rule.statement_code) and rule.statement_value is not None
        if not (has_nps or has_statement):
            continue
        found, term = [], []
        if has_nps:
            if nps is None or nps > rule.max_nps:
                continue
            found.append(f"NPS {nps}")
            term.append(f"NPS ≤ {rule.max_nps}")
        if has_statement:
            value = answers.get(rule.statement_code)
            if value is None or value > rule.statement_value:
                continue
            found.append(f"{rule.statement_code} {value}")
            term.append(f"{rule.statement_code} ≤ {rule.statement_value}")
        matches.append(
            Match(
                rule_code=rule.code,
                category=rule.category,
                matched=", ".join(found),
                term=", ".join(term),
                kind=CriticalRule.Kind.SCORE,
            )
        )
    return matches


def check_feedback(
    *,
    organization,
    text: str,
    nps: int | None = None,
    answers: dict[str, int | None] | None = None,
) -> list[Match]:
    """Every rule of the organisation that the feedback fires, expressions first."""
    rules = rules_for(organization=organization)
    return match_text(text=text, rules=rules) + match_scores(
        nps=nps, answers=answers or {}, rules=rules
    )


# The default rule set, also created by migration 0008 (which keeps its own frozen copy).

DEFAULT_RULES: list[dict[str, Any]] = [
    {
        "code": "danger-fi",
        "kind": "expression",
        "category": "danger",
        "name_fi": "Vaara tai hengenvaara",
        "name_sv": "Fara eller livsfara",
        "name_en": "Danger or threat to life",
        "terms": "\n".join(
            [
                "vaara",
                "*vaara",
                "hengenvaarallinen",
                "hätätilanne",
                "tulipalo",
                "hukkua",
                "hukkuminen",
                "räjähdys",
                "räjähtää",
                "kaasuvuoto",
                "sähköisku",
                "sortua",
                "pommi",
                "pommiuhka",
                "ase uhata",
                "puukko",
            ]
        ),
    },
    {
        "code": "violence-fi",
        "kind": "expression",
        "category": "violence",
        "name_fi": "Väkivalta tai uhkailu",
        "name_sv": "Våld eller hot",
        "name_en": "Violence or threats",
        "terms": "\n".join(
            [
                "väkivalta",
                "*väkivalta",
                "väkivaltai*",
                "lyödä",
                "lyönti",
                "potkaista",
                "potkia",
                "uhkailla",
                "uhkailu",
                "uhata",
                "uhkaus",
                "*uhkaus",
                "pahoinpidellä",
                "pahoinpitely",
                "tönäistä",
                "töniä",
                "tuuppia",
                "kuristaa",
                "läimäyttää",
                "läpsiä",
                "retuuttaa",
                "riuhtoa",
                "kovakourainen",
                "kovakouraisesti",
                "puukottaa",
                "raiskata",
                "raiskaus",
                "sitoa sänky",
            ]
        ),
    },
    {
        "code": "neglect-fi",
        "kind": "expression",
        "category": "neglect",
        "name_fi": "Laiminlyönti tai heitteillejättö",
        "name_sv": "Försummelse",
        "name_en": "Neglect",
        "terms": "\n".join(
            [
                "laiminlyödä",
                "laiminlyö*",
                "laiminlyönti",
                "heitteillä",
                "heitteille",
                "heitteillejättö",
                "jättää yksin",
                "jättää hoitamatta",
                "ei saada ruoka",
                "ei saada juoma",
                "ei saada juotava",
                "ilman ruoka",
                "ilman juoma",
                "ilman juotava",
                "nestehukka",
                "vaippa ei vaihtaa",
                "märkä vaippa",
                "likainen vaippa",
                "makuuhaava",
                "painehaava",
                "kukaan ei auttaa",
                "kukaan ei välittää",
            ]
        ),
    },
    {
        "code": "abuse-fi",
        "kind": "expression",
        "category": "abuse",
        "name_fi": "Häirintä, ahdistelu tai nöyryyttäminen",
        "name_sv": "Trakasserier, ofredande eller förnedring",
        "name_en": "Harassment, abuse or humiliation",
        "terms": "\n".join(
            [
                "ahdistella",
                "ahdistelu",
                "häirintä",
                "*häirintä",
                "seksuaalinen",
                "seksuaalisesti",
                "koskettelu",
                "kosketella",
                "lähennellä",
                "lähentely",
                "nöyryyttää",
                "nöyryyttävä",
                "nöyryytys",
                "kiusata",
                "kiusaaminen",
                "simputtaa",
                "alistaa",
                "huutaa minulle",
                "rasistinen",
                "rasismi",
                "syrjiä",
                "syrjintä",
                "hyväksikäyttö",
            ]
        ),
    },
    {
        "code": "self-harm-fi",
        "kind": "expression",
        "category": "self_harm",
        "name_fi": "Itsetuhoisuus",
        "name_sv": "Självskada eller självmordstankar",
        "name_en": "Self-harm or suicidal thoughts",
        "terms": "\n".join(
            [
                "itsemurha",
                "*itsemurha",
                "itsetuho*",
                "tappaa itse",
                "vahingoittaa itse",
                "satuttaa itse",
                "viiltää",
                "viillellä",
                "viiltely",
                "en halua elää",
                "ei haluta elää",
                "ei jaksaa elää",
                "haluta kuolla",
                "lopettaa elämä",
                "päättää päivä",
                "riistää henki",
                "hirttää",
            ]
        ),
    },
    {
        "code": "patient-safety-fi",
        "kind": "expression",
        "category": "patient_safety",
        "name_fi": "Potilas- tai asiakasturvallisuuden vaaratapahtuma",
        "name_sv": "Patient- eller klientsäkerhetsincident",
        "name_en": "Patient or client safety incident",
        "terms": "\n".join(
            [
                "hoitovirhe",
                "*hoitovirhe",
                "lääkevirhe",
                "lääkitysvirhe",
                "*lääkitysvirhe",
                "väärä lääke",
                "väärä lääkitys",
                "väärä annos",
                "väärä annostus",
                "väärä potilas",
                "yliannostus",
                "kaatua äiti",
                "kaatua isä",
                "kaatua potilas",
                "kaatua asiakas",
                "kaatua osasto",
                "kaatua vuode",
                "kaatua sänky",
                "kaatua suihku",
                "kaatua hoitaja",
                "kaatua vanhus",
                "kaatua mummo",
                "kaatua ukki",
                "kaatua isoäiti",
                "kaatua isoisä",
                "kaatua puoliso",
                "kaatua hoitokoti",
                "kaatua kotihoito",
                "kaatuminen",
                "pudota sänky",
                "vaaratilanne",
                "vaaratapahtuma",
                "haittatapahtuma",
                "potilasturvallisuus",
                "asiakasturvallisuus",
                "läheltä piti",
                "potilasvahinko",
                "sairaalainfektio",
                "lääke unohtaa",
            ]
        ),
    },
    {
        "code": "low-nps-unsafe",
        "kind": "score",
        "category": "low_score",
        "name_fi": "Erittäin heikko suositus ja turvattomuuden kokemus",
        "name_sv": "Mycket låg rekommendation och känsla av otrygghet",
        "name_en": "Very low recommendation and feeling unsafe",
        "terms": "",
        "max_nps": 2,
        "statement_code": "turvallisuus",
        "statement_value": 1,
    },
]
