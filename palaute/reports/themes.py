"""What free text is about: the content words of feedback as lemmas ("themes"), and
representative, public-safe quotes for a theme.

A text is tokenised (letters, hyphenated compounds), lowercased and lemmatised with
simplemma (its low-memory dictionary, as in palaute.feedback.critical). Stopwords,
numbers, words shorter than MIN_THEME_LENGTH letters and proper names (people, places:
simplemma gives their lemma capitalised, and a capitalised word that the dictionary does
not know is taken for a name) are no themes. The analysis of each word is cached, never
a whole text, so millions of texts with a limited vocabulary are fast and no text stays
in the process's memory.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache

import simplemma

from palaute.privacy.checks import check_text

LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"
MIN_THEME_LENGTH = 3  # letters; shorter words and lemmas are no themes
WORD_CACHE_SIZE = 200_000  # analysed words kept per process (about 80 MB when full)

# A word: letters, hyphenated compounds ("sote-keskus"), an apostrophe inside ("don't").
# Tokens with digits or underscores are matched whole, then dropped.
TOKEN = re.compile(r"\w+(?:['’-]\w+)*")
_NOT_A_WORD = re.compile(r"[\d_]")
# A sentence ends at . ! ? … followed by a space, a closing quote or the end, or at a line
# break (the same breaks as the critical-feedback rules).
SENTENCE_END = re.compile(r"[.!?…]+(?=[\s\"'”»)]|$)|[\r\n]+")
_OPENERS = frozenset(" \t\"'“”«»(-–—")  # may stand between a sentence break and a word
_BREAKS = frozenset(".!?…:\r\n")
# A word with, when it begins a sentence, the break before it (for finding names fast).
_WORD_IN_CONTEXT = re.compile(r"([.!?…:\r\n][\s\"'“”«»(\-–—]*)?(\w+(?:['’-]\w+)*)")

# Stopwords, compared with the lowercased word and with its lemma.


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FI_STOPWORDS = _words(
    """
    minä sinä hän me te he mä sä se ne tämä tuo nämä nuo tää toi nää noi
    joka jotka mikä mitkä kuka ketkä ken kumpi itse oma
    joku jokin jokainen kukaan mikään kaikki muu muut toinen sama moni usea harva eräs
    molemmat kumpikin jompikumpi kukin
    ja sekä tai vai eli mutta vaan sillä koska kun jos ellei että jotta vaikka kuin kuten
    mikäli joten siis kunnes eikä
    olla ei voida pitää tulla saada täytyä joutua tehdä mennä käydä antaa haluta aikoa
    taitaa alkaa ruveta
    myös vain jo nyt aina vielä todella erittäin hyvin niin sitten siellä täällä tuolla
    siinä tässä tuossa sinne tänne siitä tästä heti kyllä ehkä tosi ihan aivan melko
    kovin vähän paljon enää juuri jopa edes vasta taas kuitenkin silti lisäksi toki
    varmaan ainakin lähes yhä koskaan joskus usein silloin siksi miksi miten missä mihin
    mistä milloin kuinka noin sen sitä siten näin tosin ainoastaan etenkin erityisesti
    varsin ylipäätään muuten tietysti tietenkin oikeastaan lopulta jälleen
    esim esimerkiksi mm ym jne yms tms ns kyseinen
    kanssa mukaan kautta jälkeen ennen aikana asti saakka vuoksi takia luona luo yli alle
    ali kohti vastaan ohi läpi sisään ulos pois takaisin paitsi ilman ympäri
    yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän kymmenen sata tuhat
    kiitos kiittää hei moi moikka terve terveiset terveisin ystävällisin palaute asia
    kerta kerran juttu päivä tänään eilen huomenna
    niitä niiden noita noiden näitä näiden niistä tuota keitä ettei jottei kunhan
    kuitenkaan edelleen tällöin ensin pian kohta tietty ilmeisesti aiemmin myöhemmin
    jatkuvasti yhtään mitenkään jotenkin joo okei niinku niinkuin sellainen tällainen
    tämmöinen semmoinen täysin ainut lähinnä pelkästään osa puolesta mielestä luulla
    uskoa tarkoittaa todeta tuntua pystyä viime oikein mahdollisin kuluessa koko liian
    """
)

SV_STOPWORDS = _words(
    """
    jag du han hon vi ni de den det detta denna dessa dem mig dig sig oss er min mitt
    mina din ditt dina sin sitt sina vår vårt våra deras hans hennes man
    och att som men eller så när då där här nu också bara redan mycket lite alla allt
    någon något några ingen inget inga vem vad vilken vilket vilka hur varför
    inte icke ej med för på till från av om i ut upp efter innan under över mellan utan
    mot vid hos genom sedan än
    vara är var varit ha har hade haft kunna kan kunde skola ska skulle vilja vill ville
    måste få fick bli blev blivit göra gjorde komma kom
    ganska riktigt verkligen väldigt mer mest alltid aldrig ju dock även igen
    tack hej hälsningar mvh feedback respons sak gång dag idag igår
    """
)

EN_STOPWORDS = _words(
    """
    the and but or nor for yet not also just only very really quite much many more most
    this that these those there here then than when where what which who whom whose why
    how all any some each every both few other such own same
    you your yours she her hers him his they them their theirs its our ours mine myself
    was were been being have has had having does did doing done get got getting
    can could will would shall should may might must let make made
    with from into onto about after before during over under between through without
    again always never ever still even too now today yesterday
    don't didn't doesn't isn't wasn't weren't can't couldn't won't wouldn't i'm i've it's
    thank thanks hello dear regards feedback thing time day
    """
)

# A text is analysed in one language, but feedback in the Finnish form is sometimes written
# in Swedish or English: every language drops the others' stopwords too ("and", "och"),
# but for the few that are words elsewhere (Finnish "vara", a reserve).
_OWN_ONLY = frozenset({"vara"})
STOPWORDS = {
    "fi": FI_STOPWORDS | ((SV_STOPWORDS | EN_STOPWORDS) - _OWN_ONLY),
    "sv": SV_STOPWORDS | ((FI_STOPWORDS | EN_STOPWORDS) - _OWN_ONLY),
    "en": EN_STOPWORDS | ((FI_STOPWORDS | SV_STOPWORDS) - _OWN_ONLY),
}
# Forms that are mostly function words although their lemma is a theme: "aika" alone is
# most often "quite" ("aika pitkä jono"); its inflected forms ("sain ajan") count.
SURFACE_STOPWORDS = {"fi": frozenset({"aika"}), "sv": frozenset(), "en": frozenset()}

# Forms that simplemma lemmatises otherwise than feedback nearly always means them ("sain
# ajan" = I got an appointment, not "I drive"; "soitin" = I called, not an instrument;
# "palvelusta" = about the service, not of military service).
LEMMA_OVERRIDES = {
    "fi": {"ajan": "aika", "soitin": "soittaa", "palvelusta": "palvelu"},
    "sv": {},
    "en": {},
}

# What makes a sentence no public quote beyond the sensitive-data check (which finds
# personal identity codes, email addresses and phone numbers): numbers that look like
# identifiers, full dates, and health information.
IDENTIFIER = re.compile(
    r"\d{5,}"  # customer, case or postal numbers
    r"|\d{2,}(?:[ /-]\d{2,}){2,}"  # digit groups: a phone number or code written apart
    r"|\b\d{1,2}\.\d{1,2}\.(?:19|20)?\d{2}\b"  # a full date (a birth date, a visit)
    r"|\b\d{1,2}/\d{1,2}/(?:19|20)?\d{2}\b"
    r"|(?<!\w)(?=\w*[^\W\d_])(?=(?:\w*?\d){3})\w+"  # letters and 3+ digits: "AB1234"
    r"|\b(?:nro|numero|no|nr|id|tunnus|dnro|asiakasnumero|potilasnumero|henkilötunnus"
    r"|hetu|personnummer)\b\.?\s*:?\s*\d",
    re.IGNORECASE,
)
HEALTH = re.compile(
    r"syöp|syöv|kasvain|etäpesäk|diabet|sokeritau|masennu|masentu|ahdistuneisuu|psykoo"
    r"|skitsofren|kaksisuuntai|bipolaar|mielenterv|syömishäiriö|anoreks|bulimi"
    r"|itsemurh|itsetuho|dementi|muistisairau|alzheimer|parkinson|epilep|hepatiit"
    r"|sukupuolitau|klamydia|raskau|raskaud|raskaana|keskenmen|abort|raskaudenkeskeyt"
    r"|päihde|päihtee|alkoholi|huume|addikt|riippuvuu|diagnoo|diagnos|sairau|sairast"
    r"|\bhiv\b|\baids\b|\bms-tau"
    r"|cancer|tumör|tumor|depressi|psykos|psychos|schizofren|schizophren|bipolär|demens"
    r"|dementia|gravid|pregnan|missfall|miscarriage|missbruk|alkohol|alcohol|narkotika"
    r"|addict|självmord|suicid|sjukdom|disease|illness",
    re.IGNORECASE,
)

_load_lock = threading.Lock()
_loaded: set[str] = set()


def language_code(language: str | None) -> str:
    """fi, sv or en from a language code ("sv-FI" -> "sv"); anything else is Finnish."""
    code = (language or "").strip().lower()[:2]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def _warm_up(lang: str) -> None:
    """Load the language's dictionary once per process (Finnish through the critical-rule
    matcher's loader, so that two threads never load it twice)."""
    if lang in _loaded:
        return
    with _load_lock:
        if lang in _loaded:
            return
        if lang == "fi":
            from palaute.feedback.critical import warm_up

            warm_up()
        simplemma.lemmatize("test", lang=lang, low_memory=True)
        simplemma.is_known("test", lang=lang, low_memory=True)
        _loaded.add(lang)


def _lemmatize(word: str, lang: str) -> str:
    return simplemma.lemmatize(word, lang=lang, low_memory=True)


def _proper(lemma: str) -> bool:
    """A name: the dictionary gives the lemma capitalised ("Virtanen"), not all capitals
    (acronyms such as "HUS" are no names)."""
    return lemma[:1].isupper() and not lemma.isupper()


def _capitalised_name(token: str, lang: str) -> bool:
    """Whether a capitalised word (at the start of a sentence) may be a name: the
    dictionary does not know it, or knows it as a name ("Matin" -> "Matti"). A hyphenated
    compound is judged by its last part ("Covid-rokotuksen", but "Anna-Liisa")."""
    part = token.rsplit("-", 1)[-1]
    if not simplemma.is_known(part.lower(), lang=lang, low_memory=True):
        return True
    return part[:1].isupper() and _proper(_lemmatize(part, lang))


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _theme(token: str, lang: str) -> str | None:
    """The theme of one word as written, or None when it is no theme."""
    if len(token) < MIN_THEME_LENGTH or _NOT_A_WORD.search(token):
        return None
    lower = token.lower().replace("’", "'")
    stopwords = STOPWORDS[lang]
    if lower in stopwords or lower in SURFACE_STOPWORDS[lang]:
        return None
    _warm_up(lang)
    lemma = LEMMA_OVERRIDES[lang].get(lower) or _lemmatize(lower, lang)
    if _proper(lemma):
        return None
    if token[:1].isupper() and not token.isupper() and _capitalised_name(token, lang):
        return None
    lemma = lemma.lower().strip(".'-")  # the dictionary has a few such as "ne."
    if len(lemma) < MIN_THEME_LENGTH or lemma in stopwords or not TOKEN.fullmatch(lemma):
        return None
    return lemma


def _sentence_start(text: str, index: int) -> bool:
    """Whether the word at index begins a sentence (or a quotation, a line, the text)."""
    index -= 1
    while index >= 0 and text[index] in _OPENERS:
        index -= 1
    return index < 0 or text[index] in _BREAKS


def lemmas(text: str, *, language: str = DEFAULT_LANGUAGE) -> set[str]:
    """The themes of a text: its content words as lemmas, each once. A capitalised word
    inside a sentence is taken for a name and is no theme."""
    if not text:
        return set()
    lang = language_code(language)
    # "." first: the text's first word begins a sentence.
    found = {
        _theme(token, lang)
        for start, token in _WORD_IN_CONTEXT.findall("." + text)
        if start or not token[0].isupper() or token.isupper()
    }
    found.discard(None)
    return found  # type: ignore[return-value]


def theme_counts(texts: Iterable[str], *, language: str = DEFAULT_LANGUAGE) -> Counter[str]:
    """How many of the texts each theme occurs in."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(lemmas(text, language=language))
    return counts


# Quotes


def sentences(text: str) -> Iterator[str]:
    """The sentences of a text, whitespace collapsed, with their closing punctuation."""
    position = 0
    for match in SENTENCE_END.finditer(text or ""):
        sentence = " ".join(text[position : match.end()].split())
        position = match.end()
        if sentence:
            yield sentence
    tail = " ".join((text or "")[position:].split())
    if tail:
        yield tail


@lru_cache(maxsize=WORD_CACHE_SIZE // 4)
def _may_be_name(token: str, lang: str) -> bool:
    """Whether a word at the start of a sentence, or written in lower case, may be the
    name of a person or a place."""
    if len(token) < 2 or _NOT_A_WORD.search(token) or token.isupper():
        return False  # digits, acronyms ("HUS"), the English "I"
    _warm_up(lang)
    if _proper(_lemmatize(token.lower(), lang)):
        return True  # "virtaselle" -> "Virtanen"
    return token[0].isupper() and _capitalised_name(token, lang)


def public_safe(sentence: str, *, language: str = DEFAULT_LANGUAGE) -> bool:
    """Whether a sentence may be quoted: the sensitive-data check finds nothing, and it
    has no identifier-like numbers, full dates, health information or names."""
    if check_text(sentence) or IDENTIFIER.search(sentence) or HEALTH.search(sentence):
        return False
    lang = language_code(language)
    for match in TOKEN.finditer(sentence):
        token = match.group()
        capitalised = token[0].isupper() and not token.isupper()
        if capitalised and not _sentence_start(sentence, match.start()):
            return False  # capitalised inside a sentence: a name
        if _may_be_name(token, lang):
            return False
    return True


def _trim(sentence: str, *, start: int, end: int, max_length: int) -> str:
    """The sentence cut at word boundaries to max_length characters with "…", keeping the
    word at start..end in view."""
    if len(sentence) <= max_length:
        return sentence
    begin = 0
    if end > max_length - 1:  # the word is beyond the head: start later, with "…"
        begin = max(0, end - (max_length - 2))
        space = sentence.find(" ", begin)
        begin = space + 1 if 0 <= space < start else start
    prefix = "…" if begin else ""
    body = sentence[begin:]
    if len(prefix) + len(body) <= max_length:
        return prefix + body
    room = max_length - len(prefix) - 1
    head = body[:room]
    if not body[room].isspace():
        space = head.rfind(" ")
        if space > 0 and begin + space >= end:
            head = head[:space]
    return prefix + head.rstrip(" ,;:-–—") + "…"


def quote(
    *, text: str, lemma: str, language: str = DEFAULT_LANGUAGE, max_length: int = 200
) -> str | None:
    """A representative, public-safe quote for a theme: the first sentence of the text
    with a word whose lemma is `lemma`, trimmed to max_length. None when no sentence has
    it or when that sentence is not public-safe (see public_safe)."""
    lang = language_code(language)
    target = lemma.lower()
    for sentence in sentences(text):
        match = next(
            (m for m in TOKEN.finditer(sentence) if _theme(m.group(), lang) == target), None
        )
        if match is None:
            continue
        if not public_safe(sentence, language=lang):
            return None
        return _trim(sentence, start=match.start(), end=match.end(), max_length=max_length)
    return None


def pick_quotes(
    *,
    texts: Iterable[str],
    lemma: str,
    language: str = DEFAULT_LANGUAGE,
    limit: int = 3,
    max_length: int = 200,
) -> list[str]:
    """Up to `limit` different quotes for a theme from the texts, in their order."""
    found: list[str] = []
    seen: set[str] = set()
    for text in texts:
        if len(found) >= limit:
            break
        found_quote = quote(text=text, lemma=lemma, language=language, max_length=max_length)
        if found_quote and found_quote.casefold() not in seen:
            seen.add(found_quote.casefold())
            found.append(found_quote)
    return found
