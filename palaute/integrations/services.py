"""Making, checking and revoking API keys; recording their use."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.utils import timezone

from palaute.organizations.models import Organization, User
from palaute.organizations.services import audit

from .models import ApiKey, ApiKeyRequest

KEY_BYTES = 30


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_api_key(
    *,
    name: str,
    organization: Organization | None = None,
    rate_limit: int = 600,
    actor: User | None = None,
    raw: str | None = None,
) -> tuple[ApiKey, str]:
    """A new key; the plain key is returned once and never stored."""
    raw = raw or secrets.token_urlsafe(KEY_BYTES)
    key = ApiKey.objects.create(
        name=name.strip(),
        prefix=raw[:8],
        key_hash=hash_key(raw),
        organization=organization,
        rate_limit=rate_limit,
        created_by=actor,
    )
    if actor is not None:
        audit(actor=actor, action="api_key.create", target=key.name, data={"key_id": key.pk})
    return key, raw


def find_key(*, raw: str) -> ApiKey | None:
    """The active key with this value, if any."""
    if not raw or len(raw) > 200:
        return None
    return ApiKey.objects.filter(key_hash=hash_key(raw), is_active=True).first()


def revoke_api_key(*, key: ApiKey, actor: User) -> None:
    if not key.is_active:
        return
    key.is_active = False
    key.revoked_at = timezone.now()
    key.revoked_by = actor
    key.save(update_fields=["is_active", "revoked_at", "revoked_by"])
    audit(actor=actor, action="api_key.revoke", target=key.name, data={"key_id": key.pk})


RATE_WINDOW = dt.timedelta(hours=1)


def rate_limit_wait(*, key: ApiKey, now: dt.datetime | None = None) -> int:
    """Seconds until the key may be used again: 0 while under its hourly limit. Counted in
    the database, so every web process and node sees the same count; refused requests
    do not count."""
    now = now or timezone.now()
    recent = ApiKeyRequest.objects.filter(key=key, created_at__gt=now - RATE_WINDOW).exclude(
        status_code=429
    )
    if recent.count() < key.rate_limit:
        return 0
    oldest = recent.order_by("-created_at").values_list("created_at", flat=True)[key.rate_limit - 1]
    return max(int((oldest + RATE_WINDOW - now).total_seconds()) + 1, 1)


LAST_USED_PRECISION = dt.timedelta(minutes=1)


def record_request(*, key: ApiKey, method: str, path: str, status_code: int) -> None:
    """One row per request; the key's time of last use is kept to the minute, so a busy
    client does not write the key's row on every request."""
    ApiKeyRequest.objects.create(
        key=key, method=method[:8], path=path[:200], status_code=status_code
    )
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_PRECISION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
