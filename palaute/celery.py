"""Celery application: Redis in production, a local folder queue in the embedded default."""

import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palaute.settings")

app = Celery("palaute")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def _warm_up(**_kwargs) -> None:
    """Load the Finnish dictionary of the critical-feedback rules and the word lists of
    the sensitive-data check before the first task."""
    from palaute.feedback.critical import warm_up
    from palaute.privacy import lexicon

    warm_up(background=True)
    lexicon.warm_up()
