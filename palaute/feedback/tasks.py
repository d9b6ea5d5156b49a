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


@shared_task(ignore_result=True)
def record_intake(intake_id: int) -> None:
    """Record one accepted submission as feedback (deferred intake)."""
    services.record_intake(intake_id=intake_id)


@shared_task(ignore_result=True)
def record_pending_intakes() -> int:
    """The sweep: record accepted submissions still pending after half a minute."""
    return services.record_pending_intakes()
