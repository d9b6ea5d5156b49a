"""Requests per second of the production server on PostgreSQL, each against a floor
measured in the same run (issue "Production grade", Speed).

    python -m bench.http [--duration 10] [--turn 2] [--connections 8] [--feedback 2000]
    python -m bench.http --keep              # keep the database, then
    python -m bench.http --database NAME     # measure again on it, without loading

Makes a throw-away PostgreSQL database (the server of DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/), migrates it, loads the demo and two thousand
generated feedback with answers, starts gunicorn as `palaute serve` does (the same
workers and threads) with the Redis cache (BENCH_REDIS_URL, default db 4, flushed at the
end)
and drives it with wrk (Debian package `wrk`; a threaded Python client when wrk is
missing, which on a small machine is itself the bottleneck). The floors are views mounted
only here (bench/http_urls.py): one insert, for the two ways of submitting, and a constant
answer, for the reads. Each figure and its floor are measured in turns of a few seconds,
so that what else the machine does weighs on both alike. Writes the table to
var/bench/http.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from http.client import HTTPConnection
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS = "redis://127.0.0.1:6379/4"
WORKERS, THREADS = 2, 4  # as `palaute serve`
SUBMISSION_TARGET, READ_TARGET = 0.5, 0.8
FEEDBACK_TEXTS = [
    "Kauppakadun katuvalo on ollut pimeänä kaksi viikkoa, ja suojatien kohdalla on illalla "
    "todella hämärää. Koululaiset kulkevat tästä aamuisin.",
    "Puistonpenkit Väinölänniemessä ovat rikki, ja roska-astiat täyttyvät viikonloppuisin. "
    "Voisiko tyhjennyksiä lisätä kesällä?",
    "Bussi 4 oli tänään myöhässä puoli tuntia, eikä näytöllä kerrottu syytä. "
    "Toivon parempaa tiedotusta poikkeuksista.",
    "Uimahallin aukioloajat ovat hyvät, ja henkilökunta on ystävällistä. "
    "Kiitos siisteistä pukuhuoneista!",
    "Jalkakäytävä on auraamatta Puijonkadulla, ja rollaattorilla on vaikea kulkea. "
    "Lunta on kertynyt myös pysäkille.",
]
SUBMITTED_TEXT = (
    "Kävelytien valaistus on rikki Snellmaninpuiston kohdalla, ja iltaisin reitti on pimeä. "
    "Moni kulkee tästä kouluun ja töihin, joten korjaus olisi tärkeä ennen pimeää vuodenaikaa."
)


@dataclass
class Result:
    name: str
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int


@dataclass
class Row:
    name: str
    result: Result
    floor: Result
    target: float

    @property
    def ratio(self) -> float:
        return self.result.rps / self.floor.rps if self.floor.rps else 0.0


# The database and the data


def database_urls(name: str) -> tuple[str, str]:
    """The maintenance URL of the server and the URL of the throw-away database."""
    server = os.environ.get("DATABASE_URL") or DEFAULT_SERVER
    parts = urllib.parse.urlsplit(server)
    if not parts.scheme.startswith("postgres"):
        sys.exit("bench.http needs PostgreSQL: set DATABASE_URL to a postgres:// address.")
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    return maintenance, urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def libpq(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def run_manage(env: dict, *args: str) -> None:
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "palaute.cli", *args], env=env, check=True, cwd=ROOT
    )


def generate(count: int) -> None:
    """Runs inside the bench settings (a subprocess): demo data, generated feedback,
    the floor's table and the API key."""
    import datetime as dt

    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from palaute.demo.loader import load_demo
    from palaute.feedback import selectors
    from palaute.feedback.models import Feedback, Topic
    from palaute.feedback.services import (
        ContactInput,
        LocationInput,
        add_answer,
        change_status,
        submit_feedback,
    )
    from palaute.integrations.services import create_api_key

    load_demo()
    topics = [
        topic
        for topic in selectors.selectable_topics()
        if not topic.attributes.filter(required=True).exists()
        and topic.location_mode != Topic.LocationMode.REQUIRED
    ]
    rng = random.Random(2026)
    now = timezone.now()
    for number in range(count):
        topic = topics[number % len(topics)]
        text = rng.choice(FEEDBACK_TEXTS)
        submission = submit_feedback(
            topic=topic,
            title=text.split(",")[0][:80],
            text=f"{text} ({number})",
            contact=ContactInput(email=f"asukas{number}@example.fi"),
            location=LocationInput(address=f"Kauppakatu {number % 60 + 1}"),
            received_at=now - dt.timedelta(minutes=number * 90),
            notify=False,
            check_critical=False,
        )
        if number % 2 == 0:
            add_answer(
                feedback=submission.feedback,
                text="Kiitos palautteesta. Asia on välitetty korjattavaksi, ja korjaus tehdään "
                "tällä viikolla.",
                notify=False,
            )
        if number % 6 == 0:
            change_status(feedback=submission.feedback, status=Feedback.Status.CLOSED, actor=None)
    _key, raw = create_api_key(name="bench", rate_limit=10_000_000)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_floor (id bigserial PRIMARY KEY, body text NOT NULL, "
            "created_at timestamptz NOT NULL)"
        )
    published = Feedback.objects.published()
    info = {
        "api_key": raw,
        "service_code": topics[0].service_code,
        "feedback": Feedback.objects.count(),
        "published": published.count(),
        "answered": published.filter(answers__isnull=False).distinct().count(),
        "topics": len(topics),
        "reference": published.filter(answers__isnull=False).first().reference,
    }
    print("BENCH-DATA " + json.dumps(info))


# The server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def server(env: dict, port: int):
    """gunicorn with the arguments of `palaute serve`."""
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "palaute.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={WORKERS}",
            f"--threads={THREADS}",
            "--log-level=warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _headers, _body = fetch(port, "GET", "/healthz")
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the server did not start")
            time.sleep(0.3)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def fetch(port: int, method: str, path: str, body: bytes | None = None, headers=None):
    connection = HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


class FormFields(HTMLParser):
    """The hidden inputs of the feedback form (the CSRF token and whatever else the form
    carries), so the client sends what a browser would."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") == "hidden" and attributes.get("name"):
            self.hidden[attributes["name"]] = attributes.get("value") or ""


def form_submission(port: int, service_code: str) -> tuple[bytes, dict]:
    """Fetch the form once as a browser would; the body and headers of every POST."""
    status, headers, body = fetch(port, "GET", "/feedback/new/")
    assert status == 200, status
    parser = FormFields()
    parser.feed(body.decode())
    cookies = [value.split(";", 1)[0] for name, value in headers if name.lower() == "set-cookie"]
    fields = {
        **parser.hidden,
        "topic": service_code,
        "kind": "feedback",
        "title": "Kävelytien valaistus",
        "text": SUBMITTED_TEXT,
        "address": "Snellmaninpuisto",
        "publish_consent": "on",
        "website": "",
        # Each POST gets a key of its own (see UNIQUE_KEY): a new submission every time,
        # not a resend of the first, which the form would answer as a replay.
        "submission_key": UNIQUE_KEY,
    }
    return urllib.parse.urlencode(fields).encode(), {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(cookies),
    }


def open311_submission(api_key: str, service_code: str) -> tuple[bytes, dict]:
    fields = {
        "api_key": api_key,
        "service_code": service_code,
        "description": SUBMITTED_TEXT,
        "lat": "62.892400",
        "long": "27.677000",
        "address_string": "Snellmaninpuisto",
        "email": "asukas@example.fi",
    }
    return urllib.parse.urlencode(fields).encode(), {
        "Content-Type": "application/x-www-form-urlencoded"
    }


# Load generation

# Replaced in each request's body by a key used once: the run's prefix, the client
# thread and a counter (22 characters, as the form's keys may be).
UNIQUE_KEY = "BENCHUNIQUESUBMISSIONKEY"

WRK_SCRIPT = """
wrk.method = [==[{method}]==]
wrk.body = [==[{body}]==]
{headers}
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("number", threads)
end
local sent = 0
request = function()
  if not string.find(wrk.body, "{unique}", 1, true) then
    return wrk.format()
  end
  sent = sent + 1
  local key = string.format("{prefix}%02d%012d", number, sent)
  return wrk.format(nil, nil, nil, (string.gsub(wrk.body, "{unique}", key)))
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("WRK-RESULT %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), errors))
end
"""


def run_wrk(
    name: str, port: int, path: str, *, method="GET", body=b"", headers=None, args
) -> Result:
    header_lines = "\n".join(
        f"wrk.headers[ [==[{key}]==] ] = [==[{value}]==]" for key, value in (headers or {}).items()
    )
    script = WRK_SCRIPT.format(
        method=method,
        body=body.decode(),
        headers=header_lines,
        unique=UNIQUE_KEY,
        prefix=secrets.token_hex(4),
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    try:
        command = [
            "wrk",
            f"--threads={args.wrk_threads}",
            f"--connections={args.connections}",
            f"--duration={args.duration}s",
            "--timeout=10s",
            f"--script={file.name}",
            f"http://127.0.0.1:{port}{path}",
        ]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    finally:
        os.unlink(file.name)
    match = re.search(r"WRK-RESULT (\d+) (\d+) (\d+) (\d+) (\d+)", output)
    if match is None:
        raise RuntimeError(f"wrk gave no result for {name}:\n{output}")
    requests, duration_us, p50, p99, errors = map(int, match.groups())
    return Result(name, requests / (duration_us / 1e6), p50 / 1000, p99 / 1000, requests, errors)


def run_python(
    name: str, port: int, path: str, *, method="GET", body=b"", headers=None, args
) -> Result:
    """Threads with keep-alive connections: the fallback when wrk is missing."""
    stop = time.monotonic() + args.duration
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def client():
        connection = HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        while time.monotonic() < stop:
            started = time.perf_counter()
            sent = body.replace(UNIQUE_KEY.encode(), secrets.token_hex(11).encode())
            connection.request(method, path, body=sent or None, headers=headers or {})
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status >= 400:
                errors[0] += 1
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(args.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()

    def percentile(share: float) -> float:
        return latencies[min(int(len(latencies) * share), len(latencies) - 1)] * 1000

    return Result(
        name, len(latencies) / elapsed, percentile(0.5), percentile(0.99), len(latencies), errors[0]
    )


def warm_up_seconds(args) -> int:
    return max(3, args.duration // 3)


def prime(port: int, path: str, *, method="GET", body=b"", headers=None) -> float:
    """One request alone before the load: for a page, the render that fills the cache."""
    started = time.perf_counter()
    status, _headers, _body = fetch(port, method, path, body or None, headers)
    if status >= 400:
        raise RuntimeError(f"{method} {path} answered {status}")
    return (time.perf_counter() - started) * 1000


def settle(port: int, path: str, *, limit: float = 60.0, **request) -> None:
    """Wait until every worker has loaded its dictionaries: a few requests in a row each
    answered within a second (or give up after a minute and say so)."""
    deadline = time.monotonic() + limit
    fast = 0
    while fast < 2 * WORKERS * THREADS and time.monotonic() < deadline:
        fast = fast + 1 if prime(port, path, **request) < 1000 else 0
    if fast < 2 * WORKERS * THREADS:
        print(f"  (the server was still slow to answer {path} after {limit:.0f} s)")


# The machine


def machine(maintenance_url: str, redis_url: str, args) -> dict:
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    with psycopg.connect(libpq(maintenance_url)) as conn:
        postgres = conn.execute("SHOW server_version").fetchone()[0]
    redis_version = ""
    with contextlib.suppress(Exception):
        import redis

        redis_version = redis.Redis.from_url(redis_url).info()["redis_version"]
    wrk = ""
    if args.client == "wrk":
        wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout  # noqa: S607
        wrk = wrk.split(" Copyright")[0].strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "system": platform.platform(),
        "python": platform.python_version(),
        "postgresql": postgres,
        "redis": redis_version,
        "server": f"gunicorn, {WORKERS} workers x {THREADS} threads",
        "client": f"{wrk or 'Python threads'}, {args.connections} connections"
        + (f", {args.wrk_threads} threads" if args.client == "wrk" else ""),
        "duration": (
            f"{args.duration} s each, in turns of {args.turn} s with its floor, "
            f"after {warm_up_seconds(args)} s warm-up"
        ),
    }


def print_table(rows: list[Row], info: dict, data: dict) -> None:
    print()
    print("Machine: " + ", ".join(f"{key} {value}" for key, value in info.items()))
    print(
        f"Data: {data['feedback']} feedback, {data['published']} public, "
        f"{data['answered']} of them answered"
    )
    print()
    header = (
        f"| {'measured':<38} | {'req/s':>7} | {'p50 ms':>6} | {'p99 ms':>6} | "
        f"{'floor req/s':>11} | {'ratio':>5} | {'target':>6} | met |"
    )
    print(header)
    print("|" + "|".join("-" * (len(part)) for part in header.split("|")[1:-1]) + "|")
    for row in rows:
        print(
            f"| {row.name:<38} | {row.result.rps:7.0f} | {row.result.p50_ms:6.1f} | "
            f"{row.result.p99_ms:6.1f} | {row.floor.rps:11.0f} | {row.ratio:5.2f} | "
            f"{row.target:6.1f} | {'yes' if row.ratio >= row.target else 'NO':<3} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--turn", type=int, default=2, help="seconds of one turn")
    parser.add_argument("--connections", type=int, default=WORKERS * THREADS)
    parser.add_argument("--wrk-threads", type=int, default=1)
    parser.add_argument("--feedback", type=int, default=2000, help="generated feedback")
    parser.add_argument("--client", choices=["wrk", "python"], default=None)
    parser.add_argument("--load-only", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument("--database", help="reuse a database kept by an earlier --keep run")
    args = parser.parse_args()
    if args.load_only is not None:
        generate(args.load_only)
        return
    args.client = args.client or ("wrk" if shutil.which("wrk") else "python")
    if args.client == "python":
        print("wrk is missing (apt-get install wrk): a Python client, itself a bottleneck.")

    name = args.database or f"palaute_bench_http_{os.getpid()}"
    maintenance, database = database_urls(name)
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    kept = out / f"http-data-{name}.json"
    reuse = args.database is not None
    args.keep = args.keep or reuse
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)
    var = Path(tempfile.mkdtemp(prefix="palaute-bench-http-"))
    env = {
        **bench_keys(out / "http-keys.json"),
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.http_settings",
        "DATABASE_URL": database,
        "REDIS_URL": redis_url,
        "PALAUTE_VAR_DIR": str(var),
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    if not reuse:
        with psycopg.connect(libpq(maintenance), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        started = time.monotonic()
        run_manage(env, "collectstatic", "--noinput", "--verbosity=0")
        if reuse:
            data = json.loads(kept.read_text())
        else:
            run_manage(env, "migrate", "--noinput", "--verbosity=0")
            output = subprocess.run(  # noqa: S603
                [sys.executable, "-m", "bench.http", "--load-only", str(args.feedback)],
                env=env,
                check=True,
                cwd=ROOT,
                capture_output=True,
                text=True,
            ).stdout
            data = json.loads(output.split("BENCH-DATA ", 1)[1].splitlines()[0])
            if args.keep:
                kept.write_text(json.dumps(data))
        print(f"database {name} ready in {time.monotonic() - started:.0f} s: {data}", flush=True)
        rows = run_all(env, data, args)
        info = machine(maintenance, redis_url, args)
        print_table(rows, info, data)
        (out / "http.json").write_text(
            json.dumps(
                {
                    "machine": info,
                    "data": data,
                    "rows": [
                        {**asdict(row), "ratio": row.ratio, "met": row.ratio >= row.target}
                        for row in rows
                    ],
                },
                indent=2,
            )
        )
    finally:
        with contextlib.suppress(Exception):
            import redis

            redis.Redis.from_url(redis_url).flushdb()
        if not args.keep:
            with psycopg.connect(libpq(maintenance), autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(var, ignore_errors=True)


# What browsers, feed readers and HTTP libraries send with every request.
READ_HEADERS = {"Accept-Encoding": "gzip, deflate"}


def bench_keys(path: Path) -> dict[str, str]:
    """The keys production takes from the environment (it refuses to make its own on
    PostgreSQL), made once for the benchmark and kept beside its data, so that a database
    kept with --keep is read with the keys it was written with."""
    if not path.exists():
        from cryptography.fernet import Fernet

        keys = {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "PALAUTE_FIELD_KEYS": Fernet.generate_key().decode(),
            "PALAUTE_BLIND_INDEX_KEY": secrets.token_urlsafe(48),
        }
        path.write_text(json.dumps(keys))
        path.chmod(0o600)
    return json.loads(path.read_text())


def run_all(env: dict, data: dict, args) -> list[Row]:
    import redis

    redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    port = free_port()
    rows = []
    with server(env, port):
        form = form_submission(port, data["service_code"])
        api = open311_submission(data["api_key"], data["service_code"])
        insert_floor = {
            "path": "/bench/floor/insert/",
            "method": "POST",
            "body": urllib.parse.urlencode({"text": SUBMITTED_TEXT}).encode(),
            "headers": {"Content-Type": "application/x-www-form-urlencoded"},
        }
        constant_floor = {"path": "/bench/floor/constant/"}
        print("submissions", flush=True)
        settle(port, "/feedback/new/", method="POST", body=form[0], headers=form[1])
        submissions = [
            ("public form POST /feedback/new/", "/feedback/new/", form),
            ("Open311 POST requests.json", "/open311/v2/requests.json", api),
        ]
        for label, path, (body, headers) in submissions:
            target = {"path": path, "method": "POST", "body": body, "headers": headers}
            result, floor = paired(label, port, target, insert_floor, args=args)
            rows.append(Row(label, result, floor, SUBMISSION_TARGET))
        print("reads", flush=True)
        reads = [
            ("public list /feedback/", "/feedback/"),
            ("public list, page 3 /feedback/?page=3", "/feedback/?page=3"),
            (f"feedback page /feedback/{data['reference']}/", f"/feedback/{data['reference']}/"),
            ("RSS /feeds/latest/", "/feeds/latest/"),
            ("Open311 GET requests.json", "/open311/v2/requests.json"),
        ]
        for label, path in reads:
            first = prime(port, path, headers=READ_HEADERS)
            print(f"  {label}: the first request (rendered, kept) took {first:.0f} ms")
            target = {"path": path, "headers": READ_HEADERS}
            result, floor = paired(
                label, port, target, {**constant_floor, "headers": READ_HEADERS}, args=args
            )
            rows.append(Row(label, result, floor, READ_TARGET))
    return rows


def paired(label: str, port: int, target: dict, floor: dict, *, args) -> tuple[Result, Result]:
    """The target and its floor in turns of a few seconds each, so that what else the
    machine does in the meantime weighs on both alike."""
    runner = run_wrk if args.client == "wrk" else run_python
    warm = argparse.Namespace(**{**vars(args), "duration": warm_up_seconds(args)})
    turn = argparse.Namespace(**{**vars(args), "duration": args.turn})
    for request, args_ in ((floor, turn), (target, warm)):
        request = dict(request)
        runner(label, port, request.pop("path"), args=args_, **request)
    turns: dict[str, list[Result]] = {"floor": [], "target": []}
    for _round in range(max(1, args.duration // args.turn)):
        for name, request in (("floor", floor), ("target", target)):
            request = dict(request)
            turns[name].append(runner(label, port, request.pop("path"), args=turn, **request))
    result, base = combine(label, turns["target"]), combine("floor", turns["floor"])
    print(
        f"  {label:<40} {result.rps:8.1f}/s  p50 {result.p50_ms:6.1f} ms  "
        f"p99 {result.p99_ms:6.1f} ms  floor {base.rps:8.1f}/s  "
        f"({result.requests} requests, {result.errors} errors)",
        flush=True,
    )
    return result, base


def combine(name: str, turns: list[Result]) -> Result:
    """Requests per second over all turns; the median turn's p50 and the worst p99."""
    seconds = sum(turn.requests / turn.rps for turn in turns if turn.rps)
    requests = sum(turn.requests for turn in turns)
    p50 = sorted(turn.p50_ms for turn in turns)[len(turns) // 2]
    return Result(
        name,
        requests / seconds if seconds else 0.0,
        p50,
        max(turn.p99_ms for turn in turns),
        requests,
        sum(turn.errors for turn in turns),
    )


if __name__ == "__main__":
    main()
