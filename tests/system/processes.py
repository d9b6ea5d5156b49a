"""Start Palaute as separate OS processes, the way production runs it, for system tests,
fault-injection tests and HTTP benchmarks.

    with fresh_database() as database_url:
        env = node_env(database_url=database_url, redis_url=redis_url(), mail_dir=...)
        migrate(env)
        web = start_web(free_port(), env)
        worker = start_worker(env)
        try:
            wait_ready(web)
            ...
        finally:
            stop(web, worker)

Each process gets a var folder of its own unless the environment names one (PALAUTE_VAR_DIR,
as the embedded default needs: its database and queue live there). Each process is
`palaute serve --web-only`, `palaute worker` or `palaute scheduler` (the
commands production uses), in its own session (process group), so stop() ends it and every
child it forked. Output goes to a log file beside the process's var folder; `process.log`
is its path and tail(process) its last lines, for failure messages.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import environ

ROOT = Path(__file__).resolve().parents[2]
PALAUTE = str(Path(sys.executable).with_name("palaute"))
# Settings of the started processes: production's, with static files served as collected
# (no manifest, so no slow collectstatic before each test).
SETTINGS = "tests.system.settings"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/1"
# Keys shared by every node, as production sets them.
KEYS = {
    "SECRET_KEY": "system-test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "PALAUTE_FIELD_KEYS": "KaasNWbb_N4njOPhabz2jBs6lQGDlQQi_07WnJ1TKQY=",
    "PALAUTE_BLIND_INDEX_KEY": "system-test-blind-index-key-0123456789abcdefghij",
}
# What a started process keeps of this process's environment; the rest is set explicitly.
PASSED_ON = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "TZ")


def postgres_url() -> str | None:
    """DATABASE_URL when it points to PostgreSQL, else None."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.split("://", 1)[0] in ("postgres", "postgresql", "pgsql") else None


def redis_url() -> str:
    """The Redis database the started processes use (PALAUTE_TEST_REDIS_URL): one that
    nothing else uses, as tests empty it."""
    return os.environ.get("PALAUTE_TEST_REDIS_URL", DEFAULT_REDIS_URL)


def empty_redis(url: str) -> None:
    """Check that Redis answers, and empty the test database of it."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=3)
    try:
        client.flushdb()
    finally:
        client.close()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _admin_connection(base_url: str):
    import psycopg

    config = environ.Env.db_url_config(base_url)
    return psycopg.connect(
        dbname=config["NAME"],
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        autocommit=True,
    )


@contextlib.contextmanager
def fresh_database(base_url: str | None = None) -> Iterator[str]:
    """A new, empty PostgreSQL database on the server of DATABASE_URL, dropped afterwards
    (with whatever is still connected to it)."""
    from psycopg import sql

    base_url = base_url or postgres_url()
    if base_url is None:
        raise RuntimeError("fresh_database needs DATABASE_URL to point to PostgreSQL")
    name = f"palaute_system_{secrets.token_hex(4)}"
    with _admin_connection(base_url) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    parts = urllib.parse.urlsplit(base_url)
    try:
        yield urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with _admin_connection(base_url) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def embedded_env(*, var_dir: Path, mail_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of `make run`: SQLite and the folder queue in the var folder, no
    Redis, no DEBUG; mail into files."""
    env = {name: os.environ[name] for name in PASSED_ON if name in os.environ}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "PYTHONPATH": str(ROOT),
            "PALAUTE_VAR_DIR": str(var_dir),
            "EMAIL_URL": f"filemail:///{mail_dir}",
            "LOG_LEVEL": "WARNING",
            # The test client sends the form at once.
            "PALAUTE_MIN_FILL_SECONDS": "0",
        }
    )
    env.update(extra)
    return env


def node_env(
    *,
    database_url: str,
    redis_url: str,
    mail_dir: Path,
    static_root: Path | None = None,
    **extra: str,
) -> dict[str, str]:
    """The environment of a production node: PostgreSQL, Redis, shared keys, mail into
    files; no DEBUG. Each started process gets its own var folder on top of this."""
    env = {name: os.environ[name] for name in PASSED_ON if name in os.environ}
    env.update(KEYS)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "PYTHONPATH": str(ROOT),
            "DEBUG": "false",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            # django-environ drops the first slash of the path.
            "EMAIL_URL": f"filemail:///{mail_dir}",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PALAUTE_BASE_URL": "http://127.0.0.1",
            "STATIC_ROOT": str(static_root or Path(tempfile.mkdtemp(prefix="palaute-static-"))),
            "LOG_LEVEL": "WARNING",
            "PALAUTE_MIN_FILL_SECONDS": "0",
        }
    )
    env.update(extra)
    return env


def _start(arguments: list[str], env: dict[str, str], name: str) -> subprocess.Popen:
    var_dir = Path(tempfile.mkdtemp(prefix=f"palaute-{name}-"))
    log = var_dir / "process.log"
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603
            [PALAUTE, *arguments],
            cwd=ROOT,
            env={"PALAUTE_VAR_DIR": str(var_dir), **env},
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    process.log = log
    return process


def run(arguments: list[str], env: dict[str, str], *, timeout: float = 300) -> str:
    """A one-off `palaute` command (migrate, create_api_key…); its standard output."""
    done = subprocess.run(  # noqa: S603
        [PALAUTE, *arguments],
        cwd=ROOT,
        env={"PALAUTE_VAR_DIR": tempfile.mkdtemp(prefix="palaute-run-"), **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"palaute {' '.join(arguments)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def migrate(env: dict[str, str]) -> None:
    """The schema and data migrations; the system checks run in the test suite already."""
    run(["migrate", "--noinput", "--verbosity=0", "--skip-checks"], env)


def start_web(port: int, env: dict[str, str], *, workers: int = 2) -> subprocess.Popen:
    """`palaute serve --web-only` on 127.0.0.1:port; `process.url` is its address."""
    process = _start(
        ["serve", "--web-only", "--host=127.0.0.1", f"--port={port}", f"--workers={workers}"],
        env,
        f"web{port}",
    )
    process.url = f"http://127.0.0.1:{port}"
    return process


def start_serve(port: int, env: dict[str, str]) -> subprocess.Popen:
    """`palaute serve` as `make run` starts it: the web server with the worker and the
    scheduler beside it."""
    process = _start(["serve", "--host=127.0.0.1", f"--port={port}"], env, f"serve{port}")
    process.url = f"http://127.0.0.1:{port}"
    return process


def start_worker(env: dict[str, str], *, concurrency: int = 2) -> subprocess.Popen:
    return _start(["worker", f"--concurrency={concurrency}", "--loglevel=WARNING"], env, "worker")


def start_scheduler(env: dict[str, str]) -> subprocess.Popen:
    return _start(["scheduler", "--loglevel=INFO"], env, "scheduler")


def tail(process: subprocess.Popen, lines: int = 40) -> str:
    try:
        text = Path(process.log).read_text(errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def wait_ready(process: subprocess.Popen, *, timeout: float = 90) -> None:
    """Wait until the web process answers 200 at /healthz; fail at once if it exits."""
    deadline = time.monotonic() + timeout
    url = f"{process.url}/healthz"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with {process.returncode}:\n{tail(process)}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} not ready in {timeout} s:\n{tail(process)}")


def stop(*started: subprocess.Popen, timeout: float = 30) -> list[int | None]:
    """Stop started processes gracefully (TERM), all at once, then by force (KILL) with
    every process of their groups; their exit codes."""
    for process in started:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for process in started:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=max(deadline - time.monotonic(), 0.1))
    # Children (gunicorn's and Celery's workers) go with the group, even after a crash.
    for process in started:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)
    return [process.returncode for process in started]
