"""Two copies of one request racing on PostgreSQL: the first holds its transaction open
until the second has passed its look-up and waits behind the first one's locks."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection, connections, transaction


def race_two_copies(first: Callable[[], object], second: Callable[[], object]) -> tuple:
    """Run `first` in a transaction and `second` beside it, so that `second` blocks on the
    first's uncommitted rows before the first commits. Returns their results, or the
    exception each raised."""
    first_saved, second_connected, release = threading.Event(), threading.Event(), threading.Event()
    results: dict[str, object] = {}

    def first_copy():
        try:
            with transaction.atomic():
                results["first"] = first()
                first_saved.set()
                release.wait(10)
        except Exception as error:  # returned to the test, which asserts on it
            results["first"] = error
            first_saved.set()
        finally:
            connections.close_all()

    def second_copy():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                results["pid"] = cursor.fetchone()[0]
            second_connected.set()
            results["second"] = second()
        except Exception as error:  # returned to the test, which asserts on it
            results["second"] = error
        finally:
            connections.close_all()

    one = threading.Thread(target=first_copy)
    one.start()
    assert first_saved.wait(10)
    two = threading.Thread(target=second_copy)
    two.start()
    assert second_connected.wait(10)
    deadline = time.monotonic() + 10
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_locks WHERE pid = %s AND NOT granted", [results["pid"]]
            )
            if cursor.fetchone()[0]:
                break
            time.sleep(0.02)
        else:
            pytest.fail("the second copy never waited for the first")
    release.set()
    one.join(10)
    two.join(10)
    return results["first"], results["second"]
