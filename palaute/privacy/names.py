"""People's names in feedback: open name lists, Finnish inflection and the context.

A capitalised word is a name when it (or its basic form: "Virtasen" is Virtanen, "Mattia"
is Matti, "Lindqvists" is Lindqvist) is in the name lists and the context does not make it
something else: a place ("Lahdessa", "Kallion terveysasema"), a street ("Minna Canthin
katu"), an organisation ("Savon Voima") or a common word at the start of a sentence
("Toivo on, että…"). A title ("hoitaja", "naapuri", "doktor", "Mr"), a first name beside
a surname, or a signature after a greeting make a capitalised word a name even when it is
not in the lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon

# A capitalised word: letters, and a second part after a hyphen ("Anna-Liisa").
CAPITALISED_RE = re.compile(r"(?<![\w@/.'’-])[A-ZÅÄÖÜÉ][^\W\d_]*(?:-[A-ZÅÄÖ][^\W\d_]*)?")
NEXT_WORD_RE = re.compile(r"[ \t]+([^\W\d_]+)")
SENTENCE_END = '.!?:;\n•*–-"”»('

# Case endings of names, longest first; "" is the word as it is. After a consonant-final
# name, Finnish adds an "i" ("Danielille", "Nguyenin"); English and Swedish add "s".
# fmt: off
ENDINGS = tuple(sorted({
    "", "n", "a", "ä", "ta", "tä", "na", "nä", "ksi", "lle", "lla", "llä", "lta", "ltä",
    "ssa", "ssä", "sta", "stä", "t", "an", "än", "en", "in", "on", "un", "yn", "ön", "ia",
    "iä", "ille", "illa", "illä", "ilta", "iltä", "issa", "issä", "ista", "istä", "ina",
    "inä", "iksi", "iin", "ineen", "s", "'s", "’s", ":n", ":lle", ":lla", ":llä", ":lta",
    ":ltä", ":ssa", ":sta", ":a", ":ä", ":ia", "kin", "nkin", "llekin", "han", "hän",
}, key=len, reverse=True))
# Inessive: people are not "in" somewhere; "Koskelassa", "Rauhalassa" are places.
PLACE_ENDINGS = ("ssa", "ssä")
# fmt: on
VOWELS = "aeiouyäö"
# The endings by their last character, so a word is tried only with endings it has.
ENDINGS_BY_LAST = {
    last: tuple(e for e in ENDINGS if e and e[-1] == last) for last in {e[-1] for e in ENDINGS if e}
}

# The word before a name that says a person is meant: titles, roles and relatives. Stems
# match the start of the word, so inflected and possessive forms count ("hoitajalle",
# "poikani", "sjuksköterskan"); short titles must match the whole word.
# fmt: off
TITLE_STEMS = (
    "hoitaj", "lääkär", "tohtor", "opettaj", "rehtor", "naapur", "kuljettaj", "työntekij",
    "virkailij", "sihteer", "terapeut", "psykolog", "kätilö", "ohjaaj", "avustaj", "valvoj",
    "vartij", "siivooj", "talonmie", "isännöitsij", "asiakaspalvelij", "myyjä", "esimie",
    "esihenkilö", "johtaj", "päällik", "ystävä", "tuttava", "kaveri", "äitini", "äitin",
    "äidin", "äidill", "äidilt", "äidist", "isäni", "isälle", "isältä", "poika", "poikan",
    "pojan", "pojal", "tytär", "tyttär", "vaimo", "mieheni", "miehen", "puoliso", "sisko",
    "sisar", "veljen", "veljeni", "mummo", "mummu", "vaari", "ukki", "isoäiti", "isoisä",
    "lapsen", "lapseni", "lapsi", "serkku", "sedä", "anoppi", "herra", "rouva", "neiti",
    "kuraattor", "kasvattaj", "fysioterapeut", "sosiaalityöntekij", "sosiaaliohjaaj",
    "ensihoitaj", "palomie", "poliisi", "konstaapel", "pastori", "kirkkoherr", "valmentaj",
    "asukas", "asukkaa", "vuokralai", "potilas", "potilaa", "asiakas", "asiakkaa", "omainen",
    "omaise", "työkaveri", "kollega", "nimeltä", "sukunimi", "etunimi", "allekirjoittan",
    "yhteyshenkilö", "vastaanottaj", "omahoitaj", "hammaslääkär",
    "sjuksköters", "läkare", "doktor", "lärare", "rektor", "granne", "chaufför", "dotter",
    "mamma", "pappa", "mormor", "farmor", "morfar", "farfar", "hustru", "syster", "kollegan",
    "handläggare", "socialarbetare", "kurator", "skötare", "vårdare", "patient", "sonen",
    "nurse", "doctor", "teacher", "neighbour", "neighbor", "driver", "principal",
    "daughter", "husband", "mother", "father", "sister", "brother", "grandmother",
    "grandfather", "grandma", "grandpa", "officer", "worker", "therapist", "psychologist",
    "midwife", "caretaker", "janitor", "colleague", "friend", "partner", "professor",
    "cousin", "physician", "surgeon", "dentist", "counsel",
)
TITLE_WORDS = frozenset({
    "isä", "isän", "äiti", "setä", "täti", "eno", "appi", "hra", "rva", "tri", "mor", "far",
    "fru", "herr", "fröken", "bror", "maken", "make", "sambo", "son", "heter", "dr", "mr",
    "mrs", "ms", "miss", "wife", "mom", "mum", "dad", "named", "called", "prof", "aunt",
    "uncle", "nimeltään", "nimeltä",
})
# The word after a capitalised word that makes it a place or an organisation, also as
# the start of a word ("Kallion terveysasemalla", "Minna Canthin kadulla").
PLACE_HEADS = (
    "terveysasem", "terveyskesk", "sairaal", "koulu", "lukio", "kirjasto", "päiväkod",
    "päiväkoti", "uimahall", "neuvol", "kirkko", "kirkon", "asema", "asemal", "torill",
    "puisto", "kenttä", "kentä", "halli", "keskus", "keskuks", "rannal", "rannan", "satam",
    "silta", "sillal", "sillan", "seurakun", "kaupun", "kunna", "hyvinvointialue", "yliopist",
    "ammattikorkeakoul", "opisto", "museo", "teatteri", "kylpylä", "hotelli", "ravintol",
    "apteek", "palvelutalo", "palvelukot", "palvelukod", "hoivakod", "hoivakot",
    "vanhainkod", "vanhainkot", "toimipiste", "virasto", "palvelupiste", "hammashoitol",
    "kadul", "polku", "aukio", "raitti", "raiti", "bulevard", "puistikko", "väylä", "patsa",
    "muistomerk", "areen", "kartano", "osasto", "yksikkö", "yksikö", "gatan", "vägen",
    "gränd", "stigen", "allén", "torget", "parken", "skola", "skolan", "sjukhus", "bibliotek",
    "hälsocentral", "kyrka", "kyrkan", "kommun", "street", "avenue", "school", "library",
    "hospital", "health", "centre", "center", "station", "church", "square", "bridge",
)
# Short heads must be the whole next word: "katu" but not "kaduttaa", "tie" but not
# "tietysti". A person's home or house ("Virtasen koti", "talo") is no place name.
PLACE_HEAD_WORDS = frozenset({
    "katu", "kadun", "katua", "kadulle", "kadulta", "tie", "tien", "tiellä", "tietä",
    "tielle", "tieltä", "kuja", "kujan", "kujalla", "kujalle", "polun", "polulla", "tori",
    "torin", "toria", "ranta", "rantaa", "kauppa", "kaupan", "kaupassa", "kunta", "kunnan",
    "linna", "linnan", "linnassa", "vuori", "vuoren", "vuorella", "mäki", "mäen", "mäellä",
    "järvi", "järven", "järvellä", "joki", "joen", "joella", "niemi", "niemen", "niemessä",
    "saari", "saaren", "saaressa", "lahti", "lahden", "lahdella", "metsä", "metsän",
    "metsässä", "kylä", "kylän", "kylässä", "stad", "road", "lane", "park", "oy", "ab", "oyj",
    "ry",
})
# A capitalised word after which the next capitalised word is a name of a place or an
# organisation, not a person ("Kuopion Vesi", "Savon Voima").
ORGANISATION_HEADS = frozenset({
    "vesi", "energia", "voima", "sähkö", "lämpö", "liikenne", "jätehuolto", "tilapalvelu",
    "seudun", "kaupunki", "kunta", "oy", "ab", "oyj", "ry", "areena", "arena", "keskus",
    "halli", "klubi", "seura", "pankki", "osuuspankki", "sanomat", "lehti", "radio",
    "teatteri", "orkesteri", "kuoro", "yliopisto", "sairaala", "hospital", "center",
    "centre", "academy", "group", "city", "park", "street", "road", "hall", "school",
})
# Capitalised words that are never people here, though some are names too.
NOT_NAMES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "christmas", "easter", "god", "jesus", "internet",
    "facebook", "google", "instagram", "whatsapp", "teams", "wilma", "omakanta", "kanta",
    "kela", "hus", "kys", "tays", "oys", "tyks", "covid", "corona", "korona", "english",
    "finnish", "swedish", "suomi", "sverige", "hei", "moi", "terve", "kiitos", "tack", "hej",
    "hello", "thanks", "dear", "hyvä", "arvoisa", "bästa", "vänliga", "palaute", "feedback",
    "respons", "mr", "mrs", "ms", "dr", "miss", "herr", "fru", "hra", "rva", "tri", "prof",
    "firefox", "chrome", "windows", "android", "iphone", "excel", "word",
})
# fmt: on
# The last word of a greeting before a signature ("Terveisin\nMatti Virtanen").
GREETINGS = frozenset(
    {
        "terveisin",
        "terkuin",
        "tervehtien",
        "kiittäen",
        "ystävällisesti",
        "mvh",
        "hälsningar",
        "hälsning",
        "vänligen",
        "regards",
        "sincerely",
        "thanks",
        "cheers",
        "br",
        "yours",
        "best",
        "kiitos",
        "tack",
    }
)


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    info: lexicon.NameInfo | None
    exact: bool  # the word itself is in the lists, not only a basic form of it
    place: bool
    surname_shape: bool  # an unknown word inflected like a Finnish -nen surname

    @property
    def name(self) -> bool:
        return self.info is not None or self.surname_shape

    @property
    def strong(self) -> bool:
        """A name that is not also a common word or a place."""
        return not self.place and (
            self.surname_shape or (self.info is not None and not self.info.common)
        )

    def strong_at_start(self) -> bool:
        """Strong enough at the start of a sentence, where most capitalised words are
        ordinary words, some of them inflected like names ("Toinen", "Hennes"): in the lists
        as it is written."""
        return self.info is not None and self.strong and self.exact


def _stems(stem: str) -> list[str]:
    """Basic forms a name's stem may come from: consonant gradation ("Mati" is Matti,
    "Juka" Jukka), -nen ("Virtase" is Virtanen), -s ("Tuomakse" is Tuomas) and the e-stems
    of old words ("Koske" is Koski)."""
    if len(stem) < 2:
        return []
    found = [stem]
    last, before = stem[-1], stem[-2]
    if last in VOWELS and before in "ktp" and len(stem) > 2 and stem[-3] != before:
        found.append(stem[:-1] + before + last)  # Mati -> Matti, Juka -> Jukka
    if stem.endswith("se"):
        found.append(stem[:-2] + "nen")  # Virtase(n) -> Virtanen
    if stem.endswith("s") and len(stem) > 3:
        found.append(stem[:-1] + "nen")  # Virtas(ta) -> Virtanen
    if stem.endswith("kse"):
        found.append(stem[:-3] + "s")  # Tuomakse(n) -> Tuomas
    if last == "e":
        found.append(stem[:-1] + "i")  # Koske(n) -> Koski
        if before == "d":
            found.append(stem[:-2] + "ti")  # Lahde(ssa) -> Lahti
    if stem.endswith(("aa", "ää")) and len(stem) > 4:
        core = stem[:-2]
        if core[-1] == core[-2]:
            core = core[:-1]  # Ahokkaa(n) -> Ahokas
        found.append(core + stem[-1] + "s")
    return found


SURNAME_ENDINGS = ("nen", "sen", "selle", "sella", "sellä", "selta", "seltä", "sesta", "sestä")


@lru_cache(maxsize=65536)
def analyse(token: str) -> Word | None:
    """What the name lists say of one capitalised word, or None when nothing."""
    names = lexicon.names()
    low = token.lower()
    if low in NOT_NAMES or len(low) < 2:
        return None
    place = low in lexicon.place_forms() or (low.endswith(PLACE_ENDINGS) and len(low) > 5)
    info = names.get(low)
    exact = info is not None
    if info is None:
        for ending in ENDINGS_BY_LAST.get(low[-1], ()):
            if low.endswith(ending) and len(low) - len(ending) >= 2:
                stem = low[: len(low) - len(ending)]
                if ending in ("s", "'s", "’s") and len(stem) < 4:
                    continue  # "This" is no genitive of "Thi"
                for candidate in _stems(stem):
                    info = None if candidate in NOT_NAMES else names.get(candidate)
                    if info is not None:
                        break
                if info is not None:
                    break
    surname_shape = (
        info is None
        and len(low) > 5
        and low.endswith(SURNAME_ENDINGS)
        and not low.endswith(("ksen", "isen", "ksesta", "ksestä", "kselle"))
    )
    if info is None and not place and not surname_shape:
        return None
    return Word(token, info, exact, place, surname_shape)


def _sentence_initial(text: str, start: int) -> bool:
    position = start - 1
    while position >= 0 and text[position] in " \t\"'“”«»(":
        position -= 1
    return position < 0 or text[position] in SENTENCE_END


def _next_word(text: str, end: int) -> str:
    match = NEXT_WORD_RE.match(text, end)
    return match.group(1).lower() if match else ""


def _word_before(text: str, start: int, *, across_lines: bool) -> str:
    """The word before ``start``, lower-cased: over spaces (and line breaks and
    punctuation after a greeting, when ``across_lines``), or after an abbreviation's dot."""
    position = start - 1
    skip = " \t\n\r,.:;!–-" if across_lines else " \t"
    while position >= 0 and start - position < 8 and text[position] in skip:
        position -= 1
    if not across_lines and position >= 0 and text[position] == ".":
        position -= 1  # "Dr. Smith", "hra. Virtanen"
    end = position + 1
    while position >= 0 and end - position <= 30 and text[position].isalpha():
        position -= 1
    return text[position + 1 : end].lower()


def _titled(previous: str) -> bool:
    return bool(previous) and (previous in TITLE_WORDS or previous.startswith(TITLE_STEMS))


def _signed(text: str, start: int) -> bool:
    """Whether the word at ``start`` follows a greeting: a signature ("Terveisin Matti",
    "T. Anna" at the start of a line)."""
    previous = _word_before(text, start, across_lines=True)
    if previous == "t":
        before = start - 1
        while before >= 0 and text[before] in " \t.:":
            before -= 1
        return before <= 0 or text[before - 1] in "\n"
    return previous in GREETINGS


def _adjacent(text: str, first_end: int, second_start: int) -> bool:
    between = text[first_end:second_start]
    return 0 < len(between) <= 2 and between.isspace() and "\n" not in between


def find(text: str) -> list[tuple[int, int, float]]:
    """(start, end, confidence) of the names in the text; a first name and a surname
    side by side are one finding."""
    tokens = [(m.start(), m.end(), m.group()) for m in CAPITALISED_RE.finditer(text)]
    if not tokens:
        return []
    words: list[Word | None] = []
    for _start, end, token in tokens:
        compound = text[end : end + 1] == "-" and text[end + 1 : end + 2].islower()
        words.append(None if compound else analyse(token))  # "Sibelius-talo"
    context = Context(text, tokens, words)
    found: list[tuple[int, int, float]] = []
    index = 0
    while index < len(tokens):
        group = [index]
        # Capitalised words side by side: "Anna-Liisa Korhonen".
        while (
            group[-1] + 1 < len(tokens)
            and len(group) < 4
            and _adjacent(text, tokens[group[-1]][1], tokens[group[-1] + 1][0])
        ):
            group.append(group[-1] + 1)
        verdict = _judge(context, group)
        if verdict is None:
            index += 1
            continue
        confidence, first, last = verdict
        found.append((tokens[first][0], tokens[last][1], confidence))
        index = last + 1
    return found


def _full_name(tokens, words, group, titled) -> int | None:
    """The index of the last word of a full name starting the group ("Anna-Liisa
    Korhoselle", "Mohammed Al-Rashid"), or None. Only the last word of a full name is
    inflected, so the others must be in the lists as they are written."""
    first = words[group[0]]
    if len(group) < 2 or first is None or not first.exact or first.place:
        return None
    last = None
    for index in group[1:]:
        word = words[index]
        token = tokens[index][2]
        surname = word is not None and word.info is not None and word.info.last
        inside = word is not None and word.text.lower().endswith(PLACE_ENDINGS)
        if word is not None and word.place and not titled and (not surname or inside):
            break  # "Matti Kuopiossa"; but "Ilona Salo", "Sirpa Niemelle" are people
        if word is not None and word.name:
            last = index
        elif (
            word is None
            and first.info.first
            and first.strong
            and token.lower() not in NOT_NAMES
            and token.lower() not in ORGANISATION_HEADS
        ):
            last = index  # a first name and a surname not in the lists
        else:
            break
        if word is None or not word.exact:
            break  # an inflected word ends the name
    if last is None:
        return None
    span = [words[i] for i in group[: group.index(last) + 1]]
    surname = words[last]
    known_pair = (
        first.info.first and surname is not None and surname.info is not None and surname.info.last
    )
    if not (titled or known_pair or any(w is not None and w.strong for w in span)):
        return None
    return last


@dataclass(frozen=True, slots=True)
class Context:
    """One text's capitalised words and what the lists say of them."""

    text: str
    tokens: list[tuple[int, int, str]]
    words: list[Word | None]


def _followed_by_place(context: Context, index: int) -> bool:
    """ "Kallion terveysasema", "Minna Canthin katu", "Kuopion Vesi"."""
    after = _next_word(context.text, context.tokens[index][1])
    return after.startswith(PLACE_HEADS) or after in ORGANISATION_HEADS


def _judge(context: Context, group: list[int]) -> tuple[float, int, int] | None:
    """The confidence that the first word of the group starts a name, and the span of the
    name within the group (first and last index); None when it is not a name, or when the
    word after the name makes it a place ("Kallion terveysasema", "Minna Canthin katu")."""
    verdict = _name_at(context, group)
    if verdict is None or _followed_by_place(context, verdict[2]):
        return None
    return verdict


def _name_at(context: Context, group: list[int]) -> tuple[float, int, int] | None:
    text, tokens, words = context.text, context.tokens, context.words
    first = group[0]
    start, end, token = tokens[first]
    if end - start < 2:
        return None
    word = words[first]
    initial = _sentence_initial(text, start)
    titled = not initial and _titled(_word_before(text, start, across_lines=False))
    signed = _signed(text, start)
    if word is None and not titled and not signed:
        return None
    last = _full_name(tokens, words, group, titled)
    if last is not None:
        return 0.95, first, last
    if signed and token.lower() not in NOT_NAMES:
        last = group[-1] if len(group) <= 3 else group[2]
        line_ends = text[tokens[last][1] :].lstrip(" \t.,")[:1] in ("", "\n", "(", "<")
        if (word is not None and word.name and not word.place) or line_ends:
            return 0.9, first, last
    if len(group) >= 2 and word is not None and word.place and not titled:
        return None  # "Kuopion Energia", "Puijon Maja"
    if titled and (word is None or not word.place or _base_form(token)):
        if token.lower() in NOT_NAMES:
            return None
        return 0.95, first, first
    if word is None or not word.name or word.place:
        return None
    if len(group) >= 2 and not word.strong:
        return None  # a common word in a run of capitalised words: "Market Square"
    if _preceded_by_capitalised(text, tokens, first) and not word.strong:
        return None
    if initial:
        return (0.75, first, first) if word.strong_at_start() else None
    return (0.85 if word.strong else 0.6), first, first


def _base_form(token: str) -> bool:
    """Nominative or genitive: a place name in these after a title is a person
    ("hoitaja Kallio"), in other cases a place ("lääkäri Kalliossa")."""
    low = token.lower()
    return low in lexicon.names() or (low.endswith("n") and low[:-1] in lexicon.names())


def _preceded_by_capitalised(text: str, tokens, index: int) -> bool:
    if index == 0:
        return False
    return _adjacent(text, tokens[index - 1][1], tokens[index][0])
