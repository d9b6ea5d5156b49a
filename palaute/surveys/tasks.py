"""Background jobs of the text-message questionnaire."""

from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def finish_waiting_conversations() -> int:
    return services.finish_waiting_conversations()
