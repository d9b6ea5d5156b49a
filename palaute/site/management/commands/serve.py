"""Serve Palaute with its background worker: the web server and a Celery worker with the
periodic scheduler, stopped together. No access log: tracking addresses hold private
tokens."""

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the web server and the background worker (used by `make run`)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, host: str, port: int, workers: int, **options):
        base = f"http://{host}:{port}"
        self.stdout.write(
            "\n".join(
                [
                    "",
                    "Palaute is running:",
                    f"  public site   {base}/   (Swedish {base}/sv/, English {base}/en/)",
                    f"  feedback form {base}/feedback/new/",
                    f"  RSS           {base}/feeds/latest/",
                    f"  back office   {base}/staff/   (demo logins above)",
                    f"  admin         {base}/admin/",
                    f"  health        {base}/healthz",
                    "Stop with Ctrl-C.",
                    "",
                ]
            )
        )
        self.stdout.flush()
        processes = []
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            schedule = settings.VAR_DIR / "celerybeat-schedule"
            processes.append(
                subprocess.Popen(  # noqa: S603
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        "palaute",
                        "worker",
                        "--beat",
                        "--pool=solo",
                        "--loglevel=WARNING",
                        f"--schedule={schedule}",
                    ]
                )
            )
        processes.append(
            subprocess.Popen(  # noqa: S603
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "palaute.wsgi",
                    f"--bind={host}:{port}",
                    f"--workers={workers}",
                    "--threads=4",
                ]
            )
        )

        def stop(*_args):
            for process in processes:
                if process.poll() is None:
                    process.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while all(process.poll() is None for process in processes):
                try:
                    processes[-1].wait(timeout=1)
                except subprocess.TimeoutExpired:
                    continue
        finally:
            stop()
            for process in processes:
                process.wait(timeout=15)
