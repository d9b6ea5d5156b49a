"""The sensitive-data check: finds what must not be published in free text.

It is a warning to the sender, a hold on publication and a highlight for the moderator
(DESIGN.md §5). This first version finds Finnish personal identity codes, email
addresses and phone numbers.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from enum import StrEnum

import phonenumbers
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError
from stdnum.fi import hetu, ytunnus


class FindingKind(StrEnum):
    HETU = "hetu"
    EMAIL = "email"
    PHONE = "phone"

    @property
    def label(self) -> str:
        return str(FINDING_LABELS[self])


FINDING_LABELS = {
    FindingKind.HETU: _("Personal identity code"),
    FindingKind.EMAIL: _("Email address"),
    FindingKind.PHONE: _("Phone number"),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One match: its kind, where it is in the checked text, and how sure the check is."""

    kind: FindingKind
    start: int
    end: int
    confidence: float
    field: str = "text"

    def as_dict(self) -> dict:
        return {**asdict(self), "kind": str(self.kind)}

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


# Day, month, year, century sign (- + A, and the 2023 signs B–F and U–Y), individual
# number and the check character. Validated with python-stdnum, so dates that merely
# look like codes are not reported.
HETU_RE = re.compile(
    r"(?<![\w-])(\d{6})\s?([-+ABCDEFUVWXYabcdefuvwxy])\s?(\d{3}[0-9A-Ya-y])(?![\w])"
)
EMAIL_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24}(?![\w])"
)
# Spaces written inside an address, like "matti . meikalainen (at) example . fi", are
# out of scope; the common "[at]" spelling is caught.
EMAIL_AT_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}\s?[\[(]at[\])]\s?(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24}(?![\w])",
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
    return [
        Finding(FindingKind.EMAIL, match.start(), match.end(), 1.0, field)
        for pattern in (EMAIL_RE, EMAIL_AT_RE)
        for match in pattern.finditer(text)
    ]


def _phone_findings(text: str, field: str, taken: list[Finding]) -> list[Finding]:
    findings = []
    matcher = phonenumbers.PhoneNumberMatcher(text, "FI", leniency=phonenumbers.Leniency.VALID)
    for match in matcher:
        if any(f.overlaps(match.start, match.end) for f in taken):
            continue
        if ytunnus.is_valid(match.raw_string):
            continue
        findings.append(Finding(FindingKind.PHONE, match.start, match.end, 0.95, field))
    return findings


def check_text(text: str, *, field: str = "text") -> list[Finding]:
    """Every finding in one text, in order of position."""
    if not text:
        return []
    findings = _hetu_findings(text, field) + _email_findings(text, field)
    findings += _phone_findings(text, field, findings)
    return sorted(findings, key=lambda f: (f.start, f.end))


def check_fields(fields: dict[str, str]) -> list[Finding]:
    """Findings of several named texts, such as a title and a body."""
    return [finding for name, text in fields.items() for finding in check_text(text, field=name)]
