"""The sensitive-data check: finds what must not be published in free text.

It is a warning to the sender, a hold on publication and a highlight for the moderator
(DESIGN.md §5). It finds, in Finnish, Swedish and English text: Finnish personal identity
codes, email addresses, phone numbers, bank account numbers (IBAN), Finnish vehicle
registration plates, home addresses (``addresses``), people's names (``names``) and
health information (``health``). ``python -m bench.privacy`` measures its precision,
recall and cost on labelled texts.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from enum import StrEnum

import phonenumbers
from django.utils.translation import gettext_lazy as _
from stdnum import iban
from stdnum.exceptions import ValidationError
from stdnum.fi import hetu, ytunnus

from . import addresses, health, names


class FindingKind(StrEnum):
    HETU = "hetu"
    EMAIL = "email"
    PHONE = "phone"
    IBAN = "iban"
    PLATE = "plate"
    ADDRESS = "address"
    NAME = "name"
    HEALTH = "health"

    @property
    def label(self) -> str:
        return str(FINDING_LABELS[self])


FINDING_LABELS = {
    FindingKind.HETU: _("Personal identity code"),
    FindingKind.EMAIL: _("Email address"),
    FindingKind.PHONE: _("Phone number"),
    FindingKind.IBAN: _("Bank account number"),
    FindingKind.PLATE: _("Vehicle registration plate"),
    FindingKind.ADDRESS: _("Home address"),
    FindingKind.NAME: _("Person's name"),
    FindingKind.HEALTH: _("Health information"),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One match: its kind, where it is in the checked text, and how sure the check is."""

    kind: FindingKind
    start: int
    end: int
    confidence: float
    field: str = "text"
    # In an attached PDF: the attachment and the page (from 1) the text was read from.
    attachment: int | None = None
    page: int | None = None

    def as_dict(self) -> dict:
        found = {**asdict(self), "kind": str(self.kind)}
        if self.attachment is None:
            del found["attachment"], found["page"]
        return found

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


# Day, month, year, century sign (- + A, and the 2023 signs B–F and U–Y), individual
# number and the check character. Validated with python-stdnum, so dates that merely
# look like codes are not reported.
HETU_RE = re.compile(
    r"(?<![\w-])(\d{6})\s?([-+ABCDEFUVWXYabcdefuvwxy])\s?(\d{3}[0-9A-Ya-y])(?![\w])"
)
# A hyphen may come before an address when it starts a signature ("-kalle@example.fi"),
# not when it joins it to a word.
EMAIL_RE = re.compile(
    r"(?<![\w.+])(?<!\w-)[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24}(?![\w])"
)
# Spaces written inside an address, like "matti . meikalainen (at) example . fi", are
# out of scope; the common "[at]" spelling is caught.
EMAIL_AT_RE = re.compile(
    r"(?<![\w.+])(?<!\w-)[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}\s?[\[(]at[\])]\s?(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24}(?![\w])",
    re.IGNORECASE,
)


def _valid_hetu(code: str) -> bool:
    """Checked with python-stdnum; temporary codes (individual number 900–999) count too."""
    try:
        hetu.validate(code, allow_temporary=True)
    except ValidationError:
        return False
    return True


def _hetu_findings(text: str, field: str) -> list[Finding]:
    findings = []
    for match in HETU_RE.finditer(text):
        code = "".join(match.groups()).upper()
        if _valid_hetu(code):
            findings.append(Finding(FindingKind.HETU, match.start(), match.end(), 1.0, field))
    return findings


def _email_findings(text: str, field: str) -> list[Finding]:
    patterns = [EMAIL_RE] if "@" in text else []
    if "at]" in text or "at)" in text or "AT]" in text or "AT)" in text:
        patterns.append(EMAIL_AT_RE)
    return [
        Finding(FindingKind.EMAIL, match.start(), match.end(), 1.0, field)
        for pattern in patterns
        for match in pattern.finditer(text)
    ]


# A country code, check digits and 11–30 letters or digits, written in groups of four or
# not; validated with python-stdnum (mod 97), so other codes are not reported.
IBAN_RE = re.compile(
    r"(?<![\w])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?(?![\w])"
)
# Finnish plates: two or three letters, a hyphen and one to three digits (ABC-123).
PLATE_RE = re.compile(r"(?<![\w-])[A-ZÅÄÖ]{2,3}-[1-9]\d{0,2}(?![\w-])")
# Words that make a plate-like code a vehicle: it is then surely a plate.
VEHICLE_RE = re.compile(
    r"\b(?:auto|ajoneuvo|rekister|rekkari|kilpi|kilve|pysäk|parkk|bil|fordon|register|car\b|"
    r"vehicle|plate|parked|licen[cs]e)",
    re.IGNORECASE,
)


def _iban_findings(text: str, field: str) -> list[Finding]:
    return [
        Finding(FindingKind.IBAN, match.start(), match.end(), 0.99, field)
        for match in IBAN_RE.finditer(text)
        if iban.is_valid(match.group())
    ]


def _plate_findings(text: str, field: str) -> list[Finding]:
    findings = []
    for match in PLATE_RE.finditer(text):
        sentence_start = max(text.rfind(".", 0, match.start()), text.rfind("\n", 0, match.start()))
        sentence_end = min(
            (i for i in (text.find(".", match.end()), text.find("\n", match.end())) if i >= 0),
            default=len(text),
        )
        sure = VEHICLE_RE.search(text, sentence_start + 1, sentence_end)
        findings.append(
            Finding(FindingKind.PLATE, match.start(), match.end(), 0.95 if sure else 0.7, field)
        )
    return findings


# Dates and times that the phone matcher may take for numbers: "01.02.2024", "14.30".
# A run of at least six digits with at most two separators between them: no phone number
# is shorter. The phone matcher reads only around these, which keeps it fast.
DIGITS_RE = re.compile(r"[+(]?\d(?:[ ().\-/]{0,2}\d){5,}")
DATE_LIKE_RE = re.compile(r"^\d{1,2}[.:]\d{1,2}(?:[.:]\d{2,4})?$")
# A personal identity code with a wrong check character is still no phone number.
HETU_LIKE_RE = re.compile(r"^\d{6}[-+A-Ya-y]\d{3}")
# The EU's harmonised numbers of social value (116 117 the medical helpline, 116 111 the
# child helpline, 116 123 emotional support), which the national plan does not list.
HARMONISED_RE = re.compile(r"(?<![\d+])116 ?\d{3}(?![\d])")


def _phone_findings(text: str, field: str, taken: list[Finding]) -> list[Finding]:
    """Valid numbers in Finland's and other countries' plans; a number written with a
    country code ("+44 …") counts even in a range the plan keeps for fiction or tests."""
    findings: list[Finding] = []
    for run in DIGITS_RE.finditer(text):
        start, end = max(0, run.start() - 3), min(len(text), run.end() + 3)
        window = text[start:end]
        international = "+" in window or "00" in window
        for leniency in (phonenumbers.Leniency.VALID, phonenumbers.Leniency.POSSIBLE):
            strict = leniency == phonenumbers.Leniency.VALID
            if not strict and not international:
                break
            for match in phonenumbers.PhoneNumberMatcher(window, "FI", leniency=leniency):
                raw = match.raw_string
                if not strict and not raw.startswith(("+", "00")):
                    continue
                found = (start + match.start, start + match.end)
                if any(f.overlaps(*found) for f in taken + findings):
                    continue
                plain = raw.strip()
                if ytunnus.is_valid(raw) or DATE_LIKE_RE.match(plain) or HETU_LIKE_RE.match(plain):
                    continue
                findings.append(Finding(FindingKind.PHONE, *found, 0.95, field))
    for match in HARMONISED_RE.finditer(text):
        if not any(f.overlaps(match.start(), match.end()) for f in taken + findings):
            findings.append(Finding(FindingKind.PHONE, match.start(), match.end(), 0.9, field))
    return findings


def check_text(text: str, *, field: str = "text", place: bool = False) -> list[Finding]:
    """Every finding in one text, in order of position. ``place`` is for the place field
    of a feedback, which names where a problem is: there only an address with a flat
    counts, and no names or health words are looked for."""
    if not text:
        return []
    findings = (
        _hetu_findings(text, field)
        + _email_findings(text, field)
        + _iban_findings(text, field)
        + _plate_findings(text, field)
    )
    findings += _phone_findings(text, field, findings)
    findings += _free_text_findings(text, field, findings, place=place)
    return sorted(findings, key=lambda f: (f.start, f.end))


def _free_text_findings(
    text: str, field: str, taken: list[Finding], *, place: bool
) -> list[Finding]:
    """Addresses, names and health information, leaving out what overlaps a finding
    already made (an email address holds a name, a phone number digits)."""
    found: list[Finding] = []
    searches = [(FindingKind.ADDRESS, addresses.find(text, homes_only=place))]
    if not place:
        searches += [(FindingKind.HEALTH, health.find(text)), (FindingKind.NAME, names.find(text))]
    for kind, spans in searches:
        for start, end, confidence in spans:
            if any(f.overlaps(start, end) for f in taken + found):
                continue
            found.append(Finding(kind, start, end, confidence, field))
    return found


def check_fields(fields: dict[str, str], *, places: tuple[str, ...] = ()) -> list[Finding]:
    """Findings of several named texts, such as a title and a body; the fields named in
    ``places`` are checked as places."""
    return [
        finding
        for name, text in fields.items()
        for finding in check_text(text, field=name, place=name in places)
    ]
