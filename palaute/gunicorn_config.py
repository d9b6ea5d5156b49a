"""gunicorn's settings for `palaute serve`, read from the environment.

WEB_CONCURRENCY         worker processes (default 2; about two per core in production)
WEB_THREADS             threads per worker process (default 4)
WEB_TIMEOUT             seconds a request may run before its worker is restarted (30)
WEB_GRACEFUL_TIMEOUT    seconds running requests get to finish on a stop or restart (30)
WEB_KEEPALIVE           seconds an idle connection stays open; behind a load balancer longer
                        than the balancer's own idle timeout (5)
WEB_MAX_REQUESTS        requests after which a worker is replaced, 0 for never (1000)
FORWARDED_ALLOW_IPS     gunicorn's own: the proxies whose X-Forwarded-Proto is believed
                        (default 127.0.0.1,::1; "*" when only the balancer reaches the node)

There is no access log: tracking pages and links in messages carry private tokens in their
addresses. The proxy in front should not log them either (or log without the path).
"""

import os
from pathlib import Path


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, "") or default)


wsgi_app = "palaute.wsgi:application"
worker_class = "gthread"
workers = _int("WEB_CONCURRENCY", 2)
threads = _int("WEB_THREADS", 4)
timeout = _int("WEB_TIMEOUT", 30)
graceful_timeout = _int("WEB_GRACEFUL_TIMEOUT", 30)
keepalive = _int("WEB_KEEPALIVE", 5)
max_requests = _int("WEB_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Heartbeat files in memory, not on a disk that may be slow or read-only in a container.
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108
# Recent gunicorn opens a control socket in the home folder by default; several servers on one
# machine (web nodes, tests) would share it.
control_socket_disable = True
