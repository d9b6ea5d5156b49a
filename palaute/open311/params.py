"""Reading Open311 parameters: an empty parameter is the same as an absent one, and every
bad value is a 400 with a description."""

from __future__ import annotations

import datetime as dt
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
FALSE = {"false", "0", "no", "off"}


def value(data, name: str) -> str | None:
    raw = data.get(name)
    if raw is None:
        return None
    raw = str(raw).strip()
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
        parsed = parse_datetime(raw.replace(" ", "+"))
        if parsed is None:
            day = parse_date(raw)
            if day is not None:
                clock = dt.time(23, 59, 59) if end_of_day else dt.time(0, 0)
                parsed = dt.datetime.combine(day, clock)
    except ValueError:
        parsed = None
    if parsed is None:
        raise ValidationError(f"{name} must be a W3C datetime such as 2026-01-31T12:00:00Z.")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def number(data, name: str, *, low: float, high: float) -> float | None:
    raw = value(data, name)
    if raw is None:
        return None
    try:
        parsed = Decimal(raw)
    except InvalidOperation as error:
        raise ValidationError(f"{name} must be a number.") from error
    if not parsed.is_finite() or not low <= parsed <= high:
        raise ValidationError(f"{name} must be between {low} and {high}.")
    return float(parsed)


def positive_int(data, name: str, *, default: int, maximum: int) -> int:
    raw = value(data, name)
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ValidationError(f"{name} must be a positive whole number.")
    return min(int(raw), maximum)
