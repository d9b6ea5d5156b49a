"""Fault test: submissions acknowledged to the sender are stored exactly once and their
receipts are all sent, while the web server and the worker are killed at random.

gunicorn and a Celery worker run as separate processes, as in production, on a fresh
PostgreSQL database and a private Redis, with email written to files. Client threads send
Open311 POST requests with an Idempotency-Key and retry a request, with the same key, until
it is acknowledged; a chaos thread SIGKILLs gunicorn or the worker at random (seeded)
moments and starts it again. With Redis the web process only accepts a submission (deferred
intake: one insert, answered with a token) and the worker records it; a submission whose
process was killed before it was recorded is recorded by the sweep. At the end the pending
submissions are swept and the outbox is drained, and every acknowledged submission must be
in the database once, with its receipt sent. Delivery of email is at
least once: a worker killed between handing a message to the mail backend and marking it
sent sends it again under the same Message-ID; those copies are counted and reported.

At most PALAUTE_FAULT_SUBMISSIONS (default 3000) are started, for at most
PALAUTE_FAULT_SECONDS (default 100), so a slow machine sends fewer rather than taking
longer; PALAUTE_FAULT_SEED picks the moments of the kills. Run with -s to see the figures.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import queue
import random
import re
import threading
import time
from collections import Counter
from pathlib import Path

from . import processes as p

SUBMISSIONS = int(os.environ.get("PALAUTE_FAULT_SUBMISSIONS", "3000"))
# New submissions are started for at most this long; those started are seen through.
SENDING_SECONDS = float(os.environ.get("PALAUTE_FAULT_SECONDS", "100"))
SEED = int(os.environ.get("PALAUTE_FAULT_SEED", "311"))
CLIENTS = 8
API_KEY = "fault-test-api-key-0123456789abcdefghijklmnopqrst"
DEADLINE_SECONDS = 600

SETUP = f"""
from palaute.feedback.models import Topic
from palaute.integrations.services import create_api_key
from palaute.organizations.models import Organization
root = Organization.add_root(
    code="faults", kind="root", name_fi="Kaupunki", name_sv="Stad", name_en="City",
    publication_policy="allowed",
)
Topic.add_root(
    service_code="faults", name_fi="Kadut", name_sv="Gator", name_en="Streets",
    organization=root, location_mode="optional",
)
key, _raw = create_api_key(name="Vikatesti", rate_limit=1_000_000, raw="{API_KEY}")
print("API_KEY_ID", key.pk)
"""


class Clients:
    """Threads that send every submission until it is acknowledged, retrying with the
    same Idempotency-Key after a refused or cut connection or a 5xx answer."""

    def __init__(self, base: str, count: int):
        self.base = base
        self.todo: queue.Queue[int] = queue.Queue()
        for number in range(count):
            self.todo.put(number)
        self.acknowledged: dict[str, str] = {}
        self.started = 0
        self.replayed = 0
        self.retries = 0
        self.failures: list[str] = []
        # The last 5xx answer of each submission still being retried, for the report.
        self.last_error: dict[str, str] = {}
        self.lock = threading.Lock()

    def body(self, number: int) -> bytes:
        from urllib.parse import urlencode

        return urlencode(
            {
                "api_key": API_KEY,
                "service_code": "faults",
                "description": f"Katuvalo numero {number} ei pala Kauppakadulla.",
                "email": f"lahettaja{number}@example.fi",
                "address_string": f"Kauppakatu {number}",
            }
        ).encode()

    def send(self, number: int, stop: threading.Event) -> None:
        key = f"fault-{SEED}-{number}"
        body = self.body(number)
        while not stop.is_set():
            try:
                status, headers, content = p.http(
                    "POST",
                    f"{self.base}/open311/v2/requests.json",
                    data=body,
                    headers={
                        "Idempotency-Key": key,
                        "Content-Type": "application/x-www-form-urlencoded",
                    },
                    timeout=20,
                )
            # Refused, reset, timed out, or cut between the headers and the body: the
            # server was killed.
            except (OSError, http.client.HTTPException):
                status, headers, content = None, {}, b""
            if status == 201:
                item = json.loads(content)[0]
                # A token while being recorded (deferred intake), else the id itself.
                answer = item.get("service_request_id") or f"token:{item['token']}"
                with self.lock:
                    self.acknowledged[key] = answer
                    self.replayed += headers.get("Idempotent-Replayed") == "true"
                return
            if status is not None and status < 500:
                with self.lock:
                    self.failures.append(f"{key}: {status} {content[:300]!r}")
                return
            with self.lock:
                self.retries += 1
                if status is not None:
                    self.last_error[key] = f"{status} {content[:300]!r}"
            time.sleep(0.2)

    def run(self, stop: threading.Event, no_new: threading.Event) -> None:
        while not stop.is_set() and not no_new.is_set():
            try:
                number = self.todo.get_nowait()
            except queue.Empty:
                return
            with self.lock:
                self.started += 1
            self.send(number, stop)


class Chaos:
    """Kills gunicorn or the worker with SIGKILL at random moments and starts it again.
    After each restart it waits until a few more submissions were acknowledged, so the
    service does work between kills instead of only starting up."""

    def __init__(self, web: p.Service, worker: p.Service, clients: Clients, seed: int):
        self.web, self.worker, self.clients = web, worker, clients
        self.random = random.Random(seed)
        self.kills = Counter()

    def run(self, stop: threading.Event) -> None:
        while not stop.wait(self.random.uniform(1.0, 4.0)):
            # Each at least once, then at random.
            first = [self.web, self.worker][sum(self.kills.values()) : 2]
            target = first[0] if first else self.web if self.random.random() < 0.6 else self.worker
            target.kill()
            self.kills[target.name] += 1
            stop.wait(self.random.uniform(0.0, 0.5))
            target.start()
            mark = len(self.clients.acknowledged) + 5
            deadline = time.monotonic() + 60
            while len(self.clients.acknowledged) < mark and time.monotonic() < deadline:
                if stop.wait(0.2):
                    return


def sent_messages(mail_dir: Path) -> tuple[Counter, int]:
    """Message-IDs of the messages the file backend wrote, and how many were cut short."""
    ids: Counter = Counter()
    partial = 0
    separator = b"\n" + b"-" * 79 + b"\n"
    for path in mail_dir.glob("*.log"):
        for chunk in path.read_bytes().split(separator):
            if not chunk.strip():
                continue
            found = re.search(rb"^Message-ID: (\S+)", chunk, re.MULTILINE)
            if found:
                ids[found.group(1).decode()] += 1
            else:
                partial += 1
    return ids, partial


def test_acknowledged_submissions_survive_killed_processes_exactly_once(tmp_path):
    url = p.require_services()
    database = p.FreshDatabase(url, f"{p.environ.Env.db_url_config(url)['NAME']}_faults")
    database.create()
    redis = p.RedisServer()
    redis.start()
    var = p.scratch_dir("palaute-faults-")
    mail_dir = var / "mail"
    env = p.service_env(
        database_url=database.url(),
        redis_url=redis.url,
        var_dir=var,
        # A killed worker's claimed messages are sent by another attempt this soon.
        PALAUTE_OUTBOX_CLAIM_SECONDS="5",
        EMAIL_TIMEOUT="2",
    )
    web = worker = None
    try:
        p.palaute(env, "migrate", "--noinput")
        api_key_id = int(p.palaute(env, "shell", "-c", SETUP).split("API_KEY_ID")[-1])
        port = p.free_port()
        base = f"http://127.0.0.1:{port}"
        web = p.gunicorn(env, port, var, workers=2)
        worker = p.celery_worker(env, var, concurrency=2)
        web.start()
        worker.start()
        p.wait_for(lambda: p.http("GET", f"{base}/healthz")[0] == 200, timeout=90, what="web")

        clients = Clients(base, SUBMISSIONS)
        chaos = Chaos(web, worker, clients, SEED)
        stop_clients, stop_chaos, no_new = threading.Event(), threading.Event(), threading.Event()
        started = time.monotonic()
        threads = [
            threading.Thread(target=clients.run, args=(stop_clients, no_new))
            for _ in range(CLIENTS)
        ]
        chaos_thread = threading.Thread(target=chaos.run, args=(stop_chaos,))
        chaos_thread.start()
        for thread in threads:
            thread.start()
        threads[0].join(SENDING_SECONDS)
        no_new.set()
        for thread in threads:
            thread.join(max(DEADLINE_SECONDS - (time.monotonic() - started), 1))
        sending_seconds = time.monotonic() - started
        stop_clients.set()
        stop_chaos.set()
        chaos_thread.join(30)
        for thread in threads:
            thread.join(30)
        assert not clients.failures, clients.failures[:5]
        sent = clients.started
        unacknowledged = {
            key: clients.last_error.get(key, "no answer")
            for key in (f"fault-{SEED}-{number}" for number in range(sent))
            if key not in clients.acknowledged
        }
        assert not unacknowledged, (
            f"only {len(clients.acknowledged)} of {sent} acknowledged in "
            f"{DEADLINE_SECONDS} s: {list(unacknowledged.items())[:5]}\n{web.log_tail()}"
        )
        assert sent >= 20, f"only {sent} submissions in {SENDING_SECONDS} s"
        assert chaos.kills["gunicorn"] >= 1 and chaos.kills["worker"] >= 1

        # Both running again: drain the outbox as the periodic sweeper would.
        for service in (web, worker):
            if service.process is None or service.process.poll() is not None:
                service.start()
        p.wait_for(lambda: p.http("GET", f"{base}/healthz")[0] == 200, timeout=60, what="web")

        def recorded() -> bool:
            waiting = database.query(
                "SELECT count(*) FROM feedback_intake WHERE state = 'pending'"
            )[0][0]
            if waiting:
                p.palaute(env, "shell", "-c", RECORD_PENDING)
            return waiting == 0

        def drained() -> bool:
            pending = database.query(
                "SELECT count(*) FROM notifications_outgoingmessage WHERE status = 'pending'"
            )[0][0]
            if pending:
                p.palaute(env, "shell", "-c", SWEEP)
            return pending == 0

        p.wait_for(recorded, timeout=120, interval=3, what="the accepted submissions recorded")
        p.wait_for(drained, timeout=120, interval=3, what="the outbox to drain")
        drain_seconds = time.monotonic() - started - sending_seconds

        # Every acknowledged submission once, by its key; nothing else.
        rows = database.query(
            "SELECT idempotency_key, reference FROM feedback_feedback WHERE channel = 'open311'"
        )
        stored = Counter(key for key, _reference in rows)
        references = dict(rows)
        # Each acknowledged submission made one intake, recorded as one feedback.
        intakes = database.query(
            "SELECT i.public_id, i.state, f.reference FROM feedback_intake i"
            " LEFT JOIN feedback_feedback f ON f.id = i.feedback_id"
        )
        assert {state for _token, state, _reference in intakes} <= {"recorded"}
        by_token = {token: reference for token, _state, reference in intakes}
        expected = {
            hashlib.sha256(f"open311:{api_key_id}\n{key}".encode()).hexdigest(): (
                by_token.get(answer.removeprefix("token:"))
                if answer.startswith("token:")
                else answer
            )
            for key, answer in clients.acknowledged.items()
        }
        tokens = sum(answer.startswith("token:") for answer in clients.acknowledged.values())
        assert len(intakes) == tokens
        assert len(rows) == len(expected) == sent
        assert max(stored.values()) == 1
        assert {key: references.get(key) for key in expected} == expected
        assert database.query("SELECT count(*) FROM feedback_feedback")[0][0] == sent

        outbox = database.query(
            "SELECT id, created_at, status FROM notifications_outgoingmessage "
            "WHERE kind = 'receipt'"
        )
        ids, partial = sent_messages(mail_dir)
        duplicates = sum(ids.values()) - len(ids)
        summary = {
            "submissions": sent,
            "acknowledged": len(clients.acknowledged),
            "stored": len(rows),
            "lost": len(expected) - sum(key in references for key in expected),
            "unacknowledged": len(unacknowledged),
            "stored_twice": sum(count - 1 for count in stored.values()),
            "client_retries": clients.retries,
            "answers_replayed": clients.replayed,
            "answered_with_token": tokens,
            "kills": dict(chaos.kills),
            "emails_sent": sum(ids.values()),
            "email_duplicates_same_message_id": duplicates,
            "emails_cut_short": partial,
            "sending_seconds": round(sending_seconds, 1),
            "drain_seconds": round(drain_seconds, 1),
            "seed": SEED,
        }
        print("FAULT TEST", json.dumps(summary))
        (tmp_path / "summary.json").write_text(json.dumps(summary))

        # Every receipt sent; copies only under the same Message-ID, and no more than
        # the worker kills could have cut in the middle of a delivery.
        assert len(outbox) == sent
        assert {status for _id, _created, status in outbox} == {"sent"}
        host = "127.0.0.1"
        wanted = {
            f"<outbox-{pk}.{created.astimezone(_utc()).strftime('%Y%m%d%H%M%S')}@{host}>"
            for pk, created, _status in outbox
        }
        assert set(ids) == wanted
        assert duplicates + partial <= 2 * chaos.kills["worker"]
    finally:
        for service in (web, worker):
            if service is not None:
                service.kill()
        redis.stop()
        database.drop()


SWEEP = """
from palaute.notifications.tasks import deliver_due
deliver_due.delay()
"""
# The sweep of accepted submissions, at once rather than after its half a minute.
RECORD_PENDING = """
import datetime as dt
from palaute.feedback.services import record_pending_intakes
record_pending_intakes(older_than=dt.timedelta(0))
"""


def _utc():
    import datetime as dt

    return dt.UTC
