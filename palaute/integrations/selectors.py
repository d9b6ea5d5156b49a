"""Reads on API keys."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from palaute.organizations import policy

from .models import ApiKey


def manageable_keys(*, user) -> QuerySet[ApiKey]:
    """Keys of the organisations the user administers, with their use in the last 30 days."""
    since = timezone.now() - dt.timedelta(days=30)
    keys = ApiKey.objects.select_related("organization").annotate(
        recent_requests=Count("requests", filter=Q(requests__created_at__gte=since))
    )
    if user.is_superuser:
        return keys
    return policy.scope(user=user, action=policy.Action.ADMINISTER, queryset=keys)
