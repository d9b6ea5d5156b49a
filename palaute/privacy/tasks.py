"""Periodic jobs of the privacy app."""

from celery import shared_task

from . import access_log, services


@shared_task(ignore_result=True)
def erase_expired() -> dict[str, int]:
    """Daily: the personal data of feedback closed longer than the retention period."""
    return services.erase_expired().as_dict()


@shared_task(ignore_result=True)
def purge_access_log() -> int:
    return access_log.purge_access_log()
