"""Celery application: Redis in production, a local folder queue in the embedded default."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palaute.settings")

app = Celery("palaute")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
