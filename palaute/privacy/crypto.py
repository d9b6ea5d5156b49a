"""Field-level encryption of personal data at rest, and blind indexes to find it.

Values are encrypted with Fernet (AES-128-CBC with an HMAC-SHA256 tag) through a
MultiFernet: the first key of ``PALAUTE_FIELD_KEYS`` encrypts, every key decrypts, so a
new key can be put first and old values re-encrypted (``palaute rotate_field_keys``) before
the old key is dropped. A database dump alone reveals no contact details.

A blind index is a keyed hash (HMAC-SHA256 with ``PALAUTE_BLIND_INDEX_KEY``) of a
normalised email address or phone number: equal values have equal digests, so a person's
data is found by an exact search without the database ever holding the value in plain.
Searches also try the old keys of ``PALAUTE_BLIND_INDEX_KEY_FALLBACKS``, so the key can be
changed and the stored digests rewritten (``palaute rotate_blind_index``) without a moment
in which a person's data cannot be found.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

import phonenumbers
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class UndecryptableValue(ImproperlyConfigured):
    """A stored value that no key of PALAUTE_FIELD_KEYS opens: a key is wrong or missing."""


def _keys() -> tuple[str, ...]:
    keys = settings.PALAUTE_FIELD_KEYS
    if isinstance(keys, str):
        keys = keys.split(",")
    keys = tuple(key.strip() for key in keys if key.strip())
    if not keys:
        raise ImproperlyConfigured("PALAUTE_FIELD_KEYS holds no key.")
    return keys


@lru_cache(maxsize=8)
def _fernets(keys: tuple[str, ...]) -> tuple[MultiFernet, Fernet]:
    try:
        fernets = [Fernet(key) for key in keys]
    except ValueError as error:
        raise ImproperlyConfigured(
            "A key in PALAUTE_FIELD_KEYS is not a Fernet key (32 bytes, url-safe base64); "
            "make one with `palaute rotate_field_keys --new-key`."
        ) from error
    return MultiFernet(fernets), fernets[0]


def _multi() -> MultiFernet:
    return _fernets(_keys())[0]


def new_key() -> str:
    return Fernet.generate_key().decode()


def encrypt(plain: str) -> str:
    """The value encrypted with the first key, as ASCII text."""
    return _multi().encrypt(plain.encode()).decode("ascii")


def decrypt(token: str) -> str:
    """The plain value; a value no key opens fails loudly, never silently."""
    try:
        return _multi().decrypt(token.encode("ascii")).decode()
    except (InvalidToken, UnicodeEncodeError) as error:
        raise UndecryptableValue(
            "An encrypted value cannot be decrypted with any key of PALAUTE_FIELD_KEYS. "
            "Is the key that encrypted it missing or mistyped?"
        ) from error


def can_decrypt(token: str) -> bool:
    try:
        _multi().decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        return False
    return True


def is_current(token: str) -> bool:
    """Whether the value is encrypted with the first (current) key."""
    try:
        _fernets(_keys())[1].decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        return False
    return True


def rotate(token: str) -> str:
    """The value re-encrypted with the first key."""
    try:
        return _multi().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeEncodeError) as error:
        raise UndecryptableValue(
            "An encrypted value cannot be decrypted with any key of PALAUTE_FIELD_KEYS."
        ) from error


# Blind indexes


def normalize_email(value: str) -> str:
    return value.strip().lower()


def normalize_phone(value: str) -> str:
    """E.164 (+358401234567) when the number parses, Finnish numbers without the country
    code too; otherwise the digits and a leading plus, so a typo still matches itself."""
    raw = value.strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, "FI")
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and phonenumbers.is_possible_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    digits = "".join(char for char in raw if char.isdigit())
    return f"+{digits}" if raw.startswith("+") else digits


def _blind_keys() -> tuple[str, ...]:
    """The current blind-index key, then the old ones still searched during a rotation."""
    fallbacks = settings.PALAUTE_BLIND_INDEX_KEY_FALLBACKS
    if isinstance(fallbacks, str):
        fallbacks = fallbacks.split(",")
    old = tuple(key.strip() for key in fallbacks if key.strip())
    return (settings.PALAUTE_BLIND_INDEX_KEY, *old)


def _digest(kind: str, normalized: str, key: str | None = None) -> str:
    if not normalized:
        return ""
    key = (key or settings.PALAUTE_BLIND_INDEX_KEY).encode()
    return hmac.new(key, f"{kind}:{normalized}".encode(), hashlib.sha256).hexdigest()


def _digests(kind: str, normalized: str) -> list[str]:
    if not normalized:
        return []
    return list(dict.fromkeys(_digest(kind, normalized, key) for key in _blind_keys()))


def email_digest(value: str) -> str:
    """The blind index of an email address ("" for none), under the current key."""
    return _digest("email", normalize_email(value))


def phone_digest(value: str) -> str:
    """The blind index of a phone number ("" for none), under the current key."""
    return _digest("phone", normalize_phone(value))


def address_digest(value: str) -> str:
    """The blind index of a message's recipient, an email address or a phone number."""
    return email_digest(value) if "@" in value else phone_digest(value)


def email_digests(value: str) -> list[str]:
    """What to search for an email address: its digest under every key in use."""
    return _digests("email", normalize_email(value))


def phone_digests(value: str) -> list[str]:
    """What to search for a phone number: its digest under every key in use."""
    return _digests("phone", normalize_phone(value))


def address_digests(value: str) -> list[str]:
    return email_digests(value) if "@" in value else phone_digests(value)
