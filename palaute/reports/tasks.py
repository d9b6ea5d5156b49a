"""Periodic jobs of the reports: the rollup every minute and the twice-yearly summaries."""

from celery import shared_task

from . import rollup, services


@shared_task(ignore_result=True)
def produce_summaries() -> int:
    """Every morning: the summary of the last complete half-year for every unit with
    feedback or answers in it that has none yet (idempotent, so a missed run is caught up
    by the next)."""
    return services.produce_summaries()


@shared_task(ignore_result=True)
def roll_up() -> int:
    """Every minute: count the figures of the days whose feedback changed."""
    return rollup.refresh()
