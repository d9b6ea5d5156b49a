"""Run a Celery worker: it sends the messages of the outbox and does the periodic and
background work. Run as many as the load needs, on any machine that reaches the database
and the broker (REDIS_URL); exactly one `palaute scheduler` runs beside them."""

import os

from django.core.management.base import BaseCommand

from palaute import servers


class Command(BaseCommand):
    # Checked on deploy (`palaute migrate`, `palaute check --deploy`), not at each start.
    requires_system_checks = []
    help = "Run a background worker (Celery) that takes tasks from the broker."

    def add_arguments(self, parser):
        parser.add_argument(
            "--concurrency",
            type=int,
            default=int(os.environ.get("WORKER_CONCURRENCY", "") or 0) or None,
            help="task processes or threads (default WORKER_CONCURRENCY, or one per core)",
        )
        parser.add_argument(
            "--pool",
            choices=["prefork", "threads", "solo"],
            default="prefork",
            help="how tasks run side by side (default prefork: one process each)",
        )
        servers.add_loglevel_argument(parser)
        parser.add_argument(
            "--with-scheduler",
            action="store_true",
            help="run the scheduler in this worker too (a single machine only)",
        )

    def handle(self, *args, concurrency, pool, loglevel, with_scheduler, **options):
        command = servers.worker_command(
            loglevel=loglevel, concurrency=concurrency, pool=pool, with_scheduler=with_scheduler
        )
        servers.become(command)
