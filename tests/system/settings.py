"""Settings of the processes that system tests start: production's as they are, except that
static files need no manifest, so the tests skip a slow collectstatic."""

from palaute.settings import *  # noqa: F403

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
