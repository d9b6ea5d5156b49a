"""Periodic jobs of the feedback app."""

from celery import shared_task

from . import services


@shared_task
def purge_stale_uploads() -> int:
    return services.purge_stale_uploads()
