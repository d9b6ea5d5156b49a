"""Every saved or deleted feedback marks its day (and the day it had, when it moved) for
the rollup."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver

from palaute.feedback.models import Feedback

from . import rollup

# The fields the figures are counted from; a save of other fields (publication, the next
# deadline, notices) changes no figure.
COUNTED = frozenset(
    {
        "organization",
        "received_at",
        "status",
        "topic",
        "channel",
        "kind",
        "text",
        "language",
        "is_critical",
        "critical_at",
        "critical_acknowledged_at",
        "taken_at",
        "processing_due",
        "contact_requested",
        "contact_due",
        "contacted_at",
        "sensitive_findings",
        "released_at",
        "publication_withdrawn",
    }
)


@receiver(post_init, sender=Feedback)
def remember_place(sender, instance: Feedback, **kwargs) -> None:
    instance._rollup_place = (instance.organization_id, instance.received_at)


@receiver(post_save, sender=Feedback)
def mark_changed(
    sender, instance: Feedback, raw: bool = False, update_fields=None, **kwargs
) -> None:
    if raw or (update_fields is not None and not COUNTED.intersection(update_fields)):
        return
    places = {(instance.organization_id, instance.received_at)}
    previous = getattr(instance, "_rollup_place", None)
    if previous and previous[0] is not None and previous[1] is not None:
        places.add(previous)
    rollup.mark(places=places)
    instance._rollup_place = (instance.organization_id, instance.received_at)


@receiver(post_delete, sender=Feedback)
def mark_deleted(sender, instance: Feedback, **kwargs) -> None:
    """Feedback is never deleted by hand, but retention may erase old records."""
    previous = getattr(instance, "_rollup_place", None) or (
        instance.organization_id,
        instance.received_at,
    )
    rollup.mark(places={previous})
