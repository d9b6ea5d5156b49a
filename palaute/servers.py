"""The command lines of Palaute's long-running processes: the web server (gunicorn, set up by
palaute/gunicorn_config.py), the Celery worker and the Celery scheduler (beat). `palaute
serve`, `palaute worker` and `palaute scheduler` run them; tests start them the same way."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from django.conf import settings

LOG_LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


def add_loglevel_argument(parser) -> None:
    """--loglevel of the worker and the scheduler, LOG_LEVEL by default."""
    parser.add_argument(
        "--loglevel", choices=LOG_LEVELS, default=os.environ.get("LOG_LEVEL", "INFO").upper()
    )


def become(command: list[str]) -> None:
    """Replace this process with the server, so that signals reach it directly: TERM stops
    it gracefully (running requests and tasks finish)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(command[0], command)  # noqa: S606


def web_command(*, host: str, port: int, workers: int | None = None) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--config=python:palaute.gunicorn_config",
        f"--bind={host}:{port}",
    ]
    if workers is not None:
        command.append(f"--workers={workers}")
    return command


def schedule_file() -> Path:
    """Where beat keeps the last run of each periodic task: in the var folder."""
    return Path(settings.VAR_DIR) / "celerybeat-schedule"


def worker_command(
    *,
    loglevel: str = "INFO",
    concurrency: int | None = None,
    pool: str = "prefork",
    with_scheduler: bool = False,
) -> list[str]:
    """A Celery worker. Without mingle and gossip, which only chatter on the broker; a
    stopped worker finishes its running tasks first (warm shutdown), and one that dies
    leaves them to another, as tasks are acknowledged late."""
    command = [
        sys.executable,
        "-m",
        "celery",
        "--app=palaute",
        "worker",
        f"--loglevel={loglevel}",
        f"--pool={pool}",
        "--without-mingle",
        "--without-gossip",
    ]
    if concurrency is not None:
        command.append(f"--concurrency={concurrency}")
    if with_scheduler:
        command += ["--beat", f"--schedule={schedule_file()}"]
    return command


def scheduler_command(*, loglevel: str = "INFO", schedule: Path | None = None) -> list[str]:
    """Celery beat, which puts the periodic tasks of CELERY_BEAT_SCHEDULE on the queue.
    Exactly one runs for a whole installation."""
    return [
        sys.executable,
        "-m",
        "celery",
        "--app=palaute",
        "beat",
        f"--loglevel={loglevel}",
        f"--schedule={schedule or schedule_file()}",
    ]
