"""Periodic jobs of the privacy app."""

from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def purge_access_log() -> int:
    return services.purge_access_log()
