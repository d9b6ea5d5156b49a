"""Periodic jobs of unit meetings and development actions."""

from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def send_action_reminders() -> dict[str, int]:
    """Once a day: due-date and follow-up reminders to the owners of development actions."""
    return services.send_action_reminders()
