"""Content translated into Finnish, Swedish and English, kept in `<field>_<lang>` columns."""

from django.conf import settings
from django.utils.translation import get_language

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def current_language() -> str:
    """The active language among ours, Finnish when none or another is active."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def in_current_language(value) -> str:
    """A text given once for all languages, or as {"fi": …, "sv": …, "en": …}, in the
    active language, falling back to Finnish."""
    if isinstance(value, dict):
        return value.get(current_language()) or value.get(settings.LANGUAGE_CODE) or ""
    return str(value or "")


class Localized:
    """A read-only attribute giving `<field>_<active language>`, falling back to Finnish."""

    def __init__(self, field: str) -> None:
        self.field = field

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = getattr(instance, f"{self.field}_{current_language()}", "")
        return value or getattr(instance, f"{self.field}_{settings.LANGUAGE_CODE}", "")
