"""Background jobs that send messages."""

from celery import shared_task

from palaute.feedback.models import Feedback

from . import services


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=8)
def send_receipt(feedback_id: int, token: str) -> bool:
    feedback = Feedback.objects.select_related("contact").filter(pk=feedback_id).first()
    if feedback is None:
        return False
    return services.send_receipt(feedback=feedback, token=token)
