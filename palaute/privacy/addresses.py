"""Street addresses in feedback: a street name and a house number, with or without a
staircase and a flat ("Kauppakatu 12 B 7", "Kauppakadulla 12 as. 3", "Storgatan 4 B 12",
"12 Elm Street").

A street alone ("Kauppakadulla on kuoppa") is the place of a problem, not a home, and is
not reported; neither are road numbers ("valtatie 5") or numbers that are quantities
("Puijonkadulla 50 km/h"). In the place field of a feedback, which is where the problem
is, only an address with a flat is reported (``homes_only``).
"""

from __future__ import annotations

import re

# The last part of a Finnish or Swedish street name, in any case: "katu" (kadulla,
# kadun), "tie" (tiellä), "kuja", "polku" (polulla), "väylä", "gatan", "vägen"…
STREET_SUFFIX = (
    r"(?:katu|kadu[a-zåäö]*|katua|tie|tie[a-zåäö]+|kuja[a-zåäö]*|polku[a-zåäö]*|polu[a-zåäö]+"
    r"|väylä[a-zåäö]*|raitti[a-zåäö]*|raiti[a-zåäö]+|kaari|kaare[a-zåäö]*|rinne|rintee[a-zåäö]*"
    r"|ranta|ranna[a-zåäö]*|rantaa|aukio[a-zåäö]*|tori|tori[a-zåäö]+|puistikko[a-zåäö]*"
    r"|puistiko[a-zåäö]+|bulevardi[a-zåäö]*|esplanadi[a-zåäö]*|piha[a-zåäö]*|kulma[a-zåäö]*"
    r"|mäki|mäe[a-zåäö]+|mäke[a-zåäö]+|laakso[a-zåäö]*|portti|porti[a-zåäö]+"
    r"|rinteen|penger|pentere[a-zåäö]*|ahde|ahtee[a-zåäö]*|niitty[a-zåäö]*|niity[a-zåäö]+"
    r"|kenttä[a-zåäö]*|kentä[a-zåäö]+|porras|portaa[a-zåäö]*|kallio[a-zåäö]*|harju[a-zåäö]*"
    r"|gata|gatan|väg|vägen|gränd|gränden|stig|stigen|allé|allén|torg|torget|backe|backen"
    r"|gången|kajen|plan|planen|strand|stranden|esplanad|esplanaden)"
)
# Capitalised words before the last part ("Minna Canthin katu", "Pohjoinen Puistokatu").
STREET = (
    r"(?:(?:(?:Vanha|Uusi|Pohjoinen|Eteläinen|Itäinen|Läntinen|Pieni|Iso|Norra|Södra|Östra|"
    r"Västra|Stora|Lilla|Gamla|Nya)\s)?[A-ZÅÄÖ][\w-]*" + STREET_SUFFIX + r"|"
    r"(?:[A-ZÅÄÖ][\w.-]*\s){1,3}" + STREET_SUFFIX + r")"
)
# A house number (12, 12a, 12–14), then perhaps a staircase and a flat: "B 7", "B7",
# "as. 7", "as 7", "asunto 7", "lgh 12", "bst 3", "apt 7", or only a staircase "B".
HOUSE = r"[1-9]\d{0,2}(?:\s?[a-h](?![\w]))?(?:\s?[-–]\s?[1-9]\d{0,2})?"
FLAT = (
    r"(?:\s?(?:[A-H]\s?[1-9]\d{0,2}|(?:as|asunto|huoneisto|lgh|lägenhet|bst|bostad|apt|"
    r"flat|apartment)\.?\s?[1-9]\d{0,2})(?![\w]))"
)
STAIRCASE = r"(?:\s[A-H](?![\w]))"
# A quantity after the number: not a house number.
UNIT = (
    r"(?!\s?(?:km|m\b|metr|kpl|kappal|autoa|auto|€|e\b|eur|%|prosent|min|minuut|tunti|tunni|h\b"
    r"|vuot|vuod|astet|cm|mm|kg|kertaa|päivä|viikko|viiko|kuukau|henk|lasta|ihmistä|ajoneuv"
    r"|bussi|linja|metriä|km/h|mph|times|people|cars|år|dagar|bilar|personer|minuter|meter"
    r"|:\d|\.\d|,\d))"
)
ADDRESS_RE = re.compile(
    r"(?<![\w-])(?P<street>"
    + STREET
    + r")\s(?P<number>"
    + HOUSE
    + r")"
    + UNIT
    + r"(?P<flat>"
    + FLAT
    + r"|"
    + STAIRCASE
    + r")?(?:\s?:\s?[a-zåäö]{1,4})?(?![\w])"
)
ENGLISH_RE = re.compile(
    r"(?<![\w-])[1-9]\d{0,3}[a-z]?\s(?:[A-Z][a-z]+\s){1,2}"
    r"(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Drive|Way|Court|Close|Place|Crescent|"
    r"Square|Terrace|Gardens|Boulevard)(?![\w])"
)
# Roads with numbers: "valtatie 5", "Kantatie 77", "riksväg 8".
ROAD_NUMBERS = re.compile(
    r"^(?:valta|kanta|seutu|maan|yhdys|moottori|kehä|riks|stam|lands|national|high)",
    re.IGNORECASE,
)
# Context that makes any capitalised word and a number an address: "asun Harjula 5".
HOME_CONTEXT_RE = re.compile(
    r"(?i:osoite|osoitteeni|osoitteessa|osoitteeseen|asun|asumme|kotiosoite|kotona|"
    r"adress|adressen|bor på|bor i|live at|lives at|address)(?:\s(?:on|är|is))?[\s:]+"
    r"(?P<address>[A-ZÅÄÖ][\w-]+(?:\s[A-ZÅÄÖ][\w-]+)?\s" + HOUSE + r"(?:" + FLAT + r")?)"
    r"(?![\w])"
)


# A house number in the text: addresses are looked for only around these.
NUMBER_RE = re.compile(r"(?<![\d,.])[1-9]\d{0,2}(?![\d,.]\d)")
WINDOW = 80


def find(text: str, *, homes_only: bool = False) -> list[tuple[int, int, float]]:
    """(start, end, confidence) of the street addresses with house numbers."""
    found: list[tuple[int, int, float]] = []
    for number in NUMBER_RE.finditer(text):
        if any(s <= number.start() < e for s, e, _ in found):
            continue
        if not _beside_a_name(text, number.start(), number.end()):
            continue
        start = max(0, number.start() - WINDOW)
        end = min(len(text), number.end() + 40)
        for match in _matches(text, start, end, homes_only=homes_only):
            cut = match[1] == end < len(text)
            if match[0] <= number.start() < match[1] and not cut:
                found.append(match)
                break
    return sorted(found)


BEFORE_RE = re.compile(r"([^\W\d_][\w.-]*)[ \t]+$")
AFTER_RE = re.compile(r"[a-zA-Z]?[ \t]+[A-ZÅÄÖ]")
STREET_END_RE = re.compile(STREET_SUFFIX + r"$")


def _beside_a_name(text: str, start: int, end: int) -> bool:
    """Whether a number can be a house number: after a capitalised word or a street
    ("Kauppakatu 12", "Minna Canthin katu 22"), or before one ("12 Elm Street"). Most
    numbers in feedback (dates, times, prices) are not, and are passed at once."""
    before = BEFORE_RE.search(text, max(0, start - 40), start)
    if before is not None:
        word = before.group(1)
        if word[0].isupper() or STREET_END_RE.search(word):
            return True
    return AFTER_RE.match(text, end) is not None


def _matches(text: str, start: int, end: int, *, homes_only: bool):
    for match in ADDRESS_RE.finditer(text, start, end):
        street = match.group("street")
        if ROAD_NUMBERS.match(street.split()[-1]) or ROAD_NUMBERS.match(street):
            continue
        flat = match.group("flat")
        with_flat = bool(flat) and any(c.isdigit() for c in flat)
        if homes_only and not with_flat:
            continue
        yield match.start(), match.end(), 0.95 if flat else 0.85
    if homes_only:
        return
    for match in ENGLISH_RE.finditer(text, start, end):
        yield match.start(), match.end(), 0.85
    for match in HOME_CONTEXT_RE.finditer(text, start, end):
        yield match.start("address"), match.end("address"), 0.9
