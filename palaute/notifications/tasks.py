"""Background jobs that send messages. The outbox row is the truth; these only deliver it."""

from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def deliver(message_id: int) -> bool:
    return services.deliver(message_id=message_id)


@shared_task(ignore_result=True)
def deliver_due() -> int:
    return services.deliver_due()


@shared_task(ignore_result=True)
def send_digests() -> int:
    return services.send_digests()
