"""Checks of the services the site depends on, for /healthz."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db import connection

log = logging.getLogger(__name__)
CHECK_TIMEOUT_SECONDS = 2


def database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def cache_store() -> None:
    """The cache (Redis in production) takes a value and gives it back."""
    cache.set("palaute:healthz", "ok", 10)
    if cache.get("palaute:healthz") != "ok":
        raise RuntimeError("the cache lost a value")


def broker() -> None:
    """The Celery broker (Redis in production, a folder otherwise) accepts a connection."""
    from palaute.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=CHECK_TIMEOUT_SECONDS)


CHECKS = {"database": database, "cache": cache_store, "broker": broker}


def report() -> dict[str, str]:
    """ "ok" or "error" for each dependency."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # any failure of a dependency means unhealthy
            log.warning("healthz: %s is down: %r", name, error)
            results[name] = "error"
        else:
            results[name] = "ok"
    return results
