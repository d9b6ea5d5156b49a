"""Real processes for the reliability tests: a fresh PostgreSQL database, a private Redis
server, gunicorn and a Celery worker as the production runs them, and a TCP proxy in front
of PostgreSQL that can be cut and restored."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import environ
import psycopg
import pytest
from gunicorn import version_info as gunicorn_version

ROOT = Path(__file__).resolve().parents[2]


def postgres_url() -> str | None:
    """DATABASE_URL when it is PostgreSQL: these tests need it; on SQLite they skip."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def require_services() -> str:
    """The PostgreSQL URL; skipped without one (the SQLite pass), failed when PostgreSQL
    is there but redis-server is not, so the PostgreSQL pass of CI cannot skip."""
    url = postgres_url()
    if url is None:
        pytest.skip("needs PostgreSQL and Redis; runs in the PostgreSQL pass")
    if shutil.which("redis-server") is None:
        pytest.fail("DATABASE_URL is PostgreSQL but redis-server is not installed")
    return url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, *, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if result := condition():
                return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def http(method: str, url: str, data: bytes | None = None, headers=None, timeout=10):
    """(status, headers, body) of one request; HTTP errors are answers too."""
    # Only the local server of the test is asked.
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class FreshDatabase:
    """A new database on the server of DATABASE_URL, migrated, dropped at the end."""

    def __init__(self, server_url: str, name: str):
        self.config = environ.Env.db_url_config(server_url)
        self.name = name
        self.admin = (
            f"host={self.config['HOST']} port={self.config['PORT'] or 5432} "
            f"user={self.config['USER']} dbname={self.config['NAME']}"
            + (f" password={self.config['PASSWORD']}" if self.config.get("PASSWORD") else "")
        )

    def url(self, port: int | None = None) -> str:
        password = f":{self.config['PASSWORD']}" if self.config.get("PASSWORD") else ""
        port = port or self.config["PORT"] or 5432
        return (
            f"postgres://{self.config['USER']}{password}@{self.config['HOST']}:{port}/{self.name}"
        )

    @property
    def port(self) -> int:
        return int(self.config["PORT"] or 5432)

    def create(self) -> None:
        with psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        with psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def query(self, sql: str, params=()) -> list[tuple]:
        with psycopg.connect(self.url(), autocommit=True) as conn:
            return conn.execute(sql, params).fetchall()


class RedisServer:
    """A private redis-server on a free port, without persistence; stop and start it to
    play an outage."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self._answers, timeout=10, what="redis-server")

    def _answers(self) -> bool:
        with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self.process = None


class TcpProxy:
    """Forwards 127.0.0.1:port to a target. cut() closes every connection and refuses new
    ones, as a database host that went away; restore() lets them through again."""

    def __init__(self, target_port: int, target_host: str = "127.0.0.1"):
        self.target = (target_host, target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = True
        self.connections: set[socket.socket] = set()
        self.lock = threading.Lock()
        self.stopped = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.stopped:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self.lock:
                self.connections |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()
            with self.lock:
                self.connections -= {source, sink}

    def cut(self) -> None:
        self.open = False
        with self.lock:
            ends = list(self.connections)
        for end in ends:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def restore(self) -> None:
        self.open = True

    def close(self) -> None:
        self.stopped = True
        self.cut()
        self.listener.close()


class Service:
    """A process of the service (gunicorn or a Celery worker) that can be killed hard
    and started again with the same command; its output goes to a log file."""

    def __init__(self, name: str, command: list[str], env: dict, log_dir: Path):
        self.name = name
        self.command = command
        self.env = env
        self.log_path = log_dir / f"{name}.log"
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> None:
        log = self.log_path.open("ab")
        # Its own process group, so a kill reaches the workers it forked.
        self.process = subprocess.Popen(  # noqa: S603
            self.command,
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.starts += 1

    def kill(self) -> None:
        """SIGKILL to the whole group: no clean shutdown, requests cut mid-way."""
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def service_env(*, database_url: str, redis_url: str, var_dir: Path, **extra: str) -> dict:
    """The environment of a production-like node, with mail written to files."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "PYTEST_XDIST_WORKER", "PYTEST_CURRENT_TEST")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "palaute.settings",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "PALAUTE_VAR_DIR": str(var_dir),
            "SECRET_KEY": "reliability-test-secret-key-0123456789-abcdefghijklmnop",
            "PALAUTE_FIELD_KEYS": "KaasNWbb_N4njOPhabz2jBs6lQGDlQQi_07WnJ1TKQY=",
            "PALAUTE_BLIND_INDEX_KEY": "reliability-blind-index-key-0123456789abcdefghij",
            # Thousands of posts from one address, as from one integration's server.
            "PALAUTE_THROTTLE_LIMITS": '{"open311-post": 1000000, "feedback-post": 1000000}',
            "PALAUTE_MIN_FILL_SECONDS": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Four slashes: django-environ reads three as a path relative to the cwd.
            "EMAIL_URL": f"filemail:///{var_dir / 'mail'}",
            "DEBUG": "false",
            "PALAUTE_STATIC_MANIFEST": "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    env.update(extra)
    return env


def palaute(env: dict, *args: str) -> str:
    """Run a `palaute` management command; its output."""
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "palaute.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode:
        raise AssertionError(f"palaute {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def gunicorn(env: dict, port: int, log_dir: Path, *, workers: int = 2) -> Service:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "palaute.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--threads=4",
        "--timeout=30",
        "--graceful-timeout=5",
    ]
    if gunicorn_version >= (27,):
        # Its own control socket, not the one in the home folder every server shares.
        command.append(f"--control-socket={log_dir / 'gunicorn.ctl'}")
    return Service("gunicorn", command, env, log_dir)


def celery_worker(env: dict, log_dir: Path, *, concurrency: int = 2) -> Service:
    return Service(
        "worker",
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "palaute",
            "worker",
            f"--concurrency={concurrency}",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        env,
        log_dir,
    )


def scratch_dir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))
