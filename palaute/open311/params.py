"""Reading Open311 parameters: an empty parameter is the same as an absent one, and every
bad value is a 400 with a description."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework.exceptions import ValidationError

LOCALES = {
    "fi": "fi",
    "fi_fi": "fi",
    "sv": "sv",
    "sv_fi": "sv",
    "en": "en",
    "en_gb": "en",
    "en_us": "en",
}
TRUE = {"true", "1", "yes", "on"}
# NUL and other control characters (tab and line breaks excepted) and lone surrogates
# cannot be stored or put in XML.
UNFIT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
EARLIEST = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
FALSE = {"false", "0", "no", "off"}


def text(raw: str, name: str) -> str:
    """Refuse characters no text of ours may hold."""
    if UNFIT.search(raw):
        raise ValidationError(f"{name} contains characters that are not allowed.")
    return raw


def value(data, name: str) -> str | None:
    raw = data.get(name)
    if raw is None or isinstance(raw, dict | list):
        return None if raw is None else text(str(raw), name)
    raw = text(str(raw), name).strip()
    return raw or None


def csv(data, name: str) -> list[str] | None:
    raw = value(data, name)
    if raw is None:
        return None
    return [part.strip() for part in raw.split(",") if part.strip()]


def boolean(data, name: str, *, default: bool) -> bool:
    raw = value(data, name)
    if raw is None:
        return default
    if raw.lower() in TRUE:
        return True
    if raw.lower() in FALSE:
        return False
    raise ValidationError(f"{name} must be true or false.")


def language(data) -> str:
    raw = (value(data, "locale") or "fi").replace("-", "_").lower()
    return LOCALES.get(raw, LOCALES.get(raw.split("_")[0], "fi"))


def moment(data, name: str, *, end_of_day: bool = False) -> dt.datetime | None:
    """A W3C datetime (with its zone) or a date; a date means its start, or its end."""
    raw = value(data, name)
    if raw is None:
        return None
    parsed = None
    try:
        day = parse_date(raw) if len(raw) == 10 else None
        if day is not None:
            clock = dt.time(23, 59, 59) if end_of_day else dt.time(0, 0)
            parsed = dt.datetime.combine(day, clock)
        else:
            parsed = parse_datetime(raw.replace(" ", "+"))
    except ValueError:
        parsed = None
    if parsed is None:
        raise ValidationError(f"{name} must be a W3C datetime such as 2026-01-31T12:00:00Z.")
    if not 1970 <= parsed.year < 2100:
        raise ValidationError(f"{name} must be between 1970 and 2100.")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    if not EARLIEST <= parsed <= LATEST:
        raise ValidationError(f"{name} must be between 1970 and 2100.")
    return parsed


def parse_number(raw: str, name: str, *, low: float, high: float) -> float:
    try:
        parsed = Decimal(raw)
    except InvalidOperation as error:
        raise ValidationError(f"{name} must be a number.") from error
    if not parsed.is_finite() or not low <= parsed <= high:
        raise ValidationError(f"{name} must be between {low} and {high}.")
    return float(parsed)


def number(data, name: str, *, low: float, high: float) -> float | None:
    raw = value(data, name)
    return None if raw is None else parse_number(raw, name, low=low, high=high)


def positive_int(data, name: str, *, default: int, maximum: int) -> int:
    raw = value(data, name)
    if raw is None:
        return default
    if not raw.isdecimal() or not raw.isascii() or len(raw) > 9 or int(raw) < 1:
        raise ValidationError(f"{name} must be a positive whole number.")
    return min(int(raw), maximum)
