"""Periodic jobs of the feedback app."""

from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def purge_stale_uploads() -> int:
    return services.purge_stale_uploads()


@shared_task(ignore_result=True)
def process_deadlines() -> dict[str, int]:
    return services.process_deadlines()


@shared_task(ignore_result=True)
def escalate_critical() -> int:
    return services.escalate_critical()
