"""Serve Palaute with gunicorn (settings in palaute/gunicorn_config.py).

By default the background worker runs beside it, with the periodic scheduler, and both
stop together: one machine does everything, as `make run` wants. With --web-only the
command becomes the web server alone, for web nodes whose workers run elsewhere
(`palaute worker`, `palaute scheduler`)."""

import os
import signal
import subprocess

from django.conf import settings
from django.core.management.base import BaseCommand

from palaute import servers


class Command(BaseCommand):
    # Checked on deploy (`palaute migrate`, `palaute check --deploy`), not at each start.
    requires_system_checks = []
    help = (
        "Run the web server, with the background worker and scheduler unless --web-only "
        "is given (`make run` uses the default)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="web worker processes (default WEB_CONCURRENCY, or 2)",
        )
        parser.add_argument(
            "--web-only",
            action="store_true",
            help="only the web server: the workers and one scheduler run elsewhere",
        )

    def handle(self, *args, host: str, port: int, workers: int | None, web_only: bool, **options):
        web = servers.web_command(host=host, port=port, workers=workers)
        if web_only:
            servers.become(web)  # HUP reloads gunicorn's workers too
        self._banner(host, port)
        processes = []
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            background = servers.worker_command(
                loglevel="WARNING", pool="solo", with_scheduler=True
            )
            processes.append(subprocess.Popen(background))  # noqa: S603
        processes.append(subprocess.Popen(web))  # noqa: S603

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
                process.wait(timeout=40)

    def _banner(self, host: str, port: int) -> None:
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
