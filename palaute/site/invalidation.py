"""What makes kept public pages stale (palaute/pagecache.py): a saved or deleted row of a
model that public pages show. Feedback counts while it is published; a feedback leaving
publication is caught where publication is decided (feedback.services.refresh_publication)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from palaute.pagecache import public_data_changed


def _changed(sender, **kwargs) -> None:
    public_data_changed()


def _feedback_changed(sender, instance, **kwargs) -> None:
    if instance.is_published:
        public_data_changed()


def connect() -> None:
    from palaute.feedback.models import (
        Answer,
        Attachment,
        Feedback,
        Topic,
        TopicAttribute,
        TopicAttributeValue,
    )
    from palaute.organizations.models import Organization

    for model in (Answer, Attachment, Topic, TopicAttribute, TopicAttributeValue, Organization):
        post_save.connect(_changed, sender=model, dispatch_uid=f"pages-{model.__name__}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"pages-{model.__name__}-del")
    post_save.connect(_feedback_changed, sender=Feedback, dispatch_uid="pages-feedback-save")
    post_delete.connect(_feedback_changed, sender=Feedback, dispatch_uid="pages-feedback-del")
