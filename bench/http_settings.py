"""Settings of the HTTP benchmark (bench/http.py): the production settings, with the
floor views mounted (bench/http_urls.py) and the per-address limit of the feedback form
raised, since every request of the load generator comes from one address."""

from palaute.settings import *  # noqa: F403

ROOT_URLCONF = "bench.http_urls"
PALAUTE_SUBMISSIONS_PER_HOUR = 10_000_000
PALAUTE_THROTTLE_LIMITS = {"feedback-post": 10_000_000, "open311-post": 10_000_000}
PALAUTE_MIN_FILL_SECONDS = 0
