"""Writes on feedback: intake from every channel, routing, publication, answers, removal.

Every state change writes an Event row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from palaute.organizations.models import Organization, User
from palaute.privacy.checks import check_fields
from palaute.privacy.media import MAX_UPLOAD_BYTES, UploadRejected, sanitize_upload

from . import publication
from .deadlines import processing_deadline
from .models import (
    Answer,
    Attachment,
    Channel,
    Contact,
    Event,
    Feedback,
    ReferenceCounter,
    StagedUpload,
    Topic,
)

MAX_ATTACHMENTS = 5
STAGED_UPLOAD_LIFETIME = dt.timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class ContactInput:
    name: str = ""
    email: str = ""
    phone: str = ""

    def is_empty(self) -> bool:
        return not (self.name or self.email or self.phone)


@dataclass(frozen=True, slots=True)
class LocationInput:
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    address: str = ""

    def is_empty(self) -> bool:
        return self.latitude is None and not self.address


@dataclass(frozen=True, slots=True)
class Submission:
    feedback: Feedback
    tracking_token: str
    warnings: list = field(default_factory=list)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def record_event(
    *,
    feedback: Feedback,
    kind: str,
    actor: User | None = None,
    from_value: str = "",
    to_value: str = "",
    note: str = "",
    data: dict | None = None,
    at: dt.datetime | None = None,
) -> Event:
    return Event.objects.create(
        feedback=feedback,
        kind=kind,
        actor=actor if actor is not None and actor.is_authenticated else None,
        from_value=from_value,
        to_value=to_value,
        note=note,
        data=data or {},
        created_at=at or timezone.now(),
    )


def next_reference(*, year: int) -> str:
    """The next reference number of the year, e.g. 2026-00042; safe under concurrency."""
    with transaction.atomic():
        ReferenceCounter.objects.get_or_create(year=year)
        ReferenceCounter.objects.filter(year=year).update(last=F("last") + 1)
        number = ReferenceCounter.objects.get(year=year).last
    return f"{year}-{number:05d}"


def responsible_organization(*, topic: Topic) -> Organization:
    """The topic's own responsible organisation, or the nearest ancestor topic's (S1)."""
    if topic.organization_id:
        return topic.organization
    for ancestor in reversed(Topic.objects.get_ancestors(topic).select_related("organization")):
        if ancestor.organization_id:
            return ancestor.organization
    raise ValidationError(
        _("No unit is responsible for this topic yet. Please choose another topic."),
        code="unrouted",
    )


def refresh_publication(
    *,
    feedback: Feedback,
    actor: User | None = None,
    note: str = "",
    initial: bool = False,
    policies: publication.Policies | None = None,
) -> publication.Decision:
    """Apply the publication rules and record the change; the first decision always."""
    decision = publication.decide(feedback, policies=policies)
    unchanged = (decision.state, decision.reason) == (
        feedback.publication_state,
        feedback.publication_reason,
    )
    if unchanged and not initial:
        return decision
    previous = "" if initial else feedback.publication_state
    feedback.publication_state = decision.state
    feedback.publication_reason = decision.reason
    fields = ["publication_state", "publication_reason", "updated_at"]
    at = feedback.received_at if initial else timezone.now()
    if decision.state == Feedback.PublicationState.PUBLISHED and feedback.published_at is None:
        feedback.published_at = at
        fields.append("published_at")
    feedback.save(update_fields=fields)
    record_event(
        feedback=feedback,
        kind=Event.Kind.PUBLICATION,
        actor=actor,
        from_value=previous,
        to_value=decision.state,
        note=note,
        data={"reason": decision.reason},
        at=at,
    )
    return decision


def stage_upload(*, uploaded: UploadedFile) -> StagedUpload:
    """Check and clean one uploaded file and keep it until the form is sent."""
    if uploaded.size is not None and uploaded.size > MAX_UPLOAD_BYTES:
        raise UploadRejected(_("The file is too large: at most 10 MB."))
    data = b"".join(uploaded.chunks())
    cleaned = sanitize_upload(data)
    staged = StagedUpload(
        original_name=(uploaded.name or "file")[:255],
        content_type=cleaned.content_type,
        size=cleaned.size,
        sha256=cleaned.sha256,
    )
    staged.file.save(f"upload{cleaned.extension}", ContentFile(cleaned.content), save=False)
    staged.save()
    return staged


def discard_staged_uploads(*, uploads: Iterable[StagedUpload]) -> None:
    for staged in uploads:
        staged.file.delete(save=False)
        staged.delete()


def purge_stale_uploads(*, now: dt.datetime | None = None) -> int:
    """Remove uploads of forms that were never sent."""
    cutoff = (now or timezone.now()) - STAGED_UPLOAD_LIFETIME
    stale = list(StagedUpload.objects.filter(created_at__lt=cutoff))
    discard_staged_uploads(uploads=stale)
    return len(stale)


def _validate_location(*, topic: Topic, location: LocationInput | None) -> LocationInput | None:
    if topic.location_mode == Topic.LocationMode.NONE:
        return None
    if topic.location_mode == Topic.LocationMode.REQUIRED and (
        location is None or location.is_empty()
    ):
        raise ValidationError(
            {"address": _("This topic needs a location: mark it on the map or write an address.")},
            code="location_required",
        )
    return location


@transaction.atomic
def submit_feedback(
    *,
    topic: Topic,
    title: str,
    text: str,
    channel: str = Channel.WEB,
    kind: str = Feedback.Kind.FEEDBACK,
    language: str = "fi",
    publish_consent: bool = True,
    contact: ContactInput | None = None,
    location: LocationInput | None = None,
    uploads: Sequence[StagedUpload] = (),
    actor: User | None = None,
    received_at: dt.datetime | None = None,
    source_ref: str = "",
    notify: bool = True,
) -> Submission:
    """Take in one feedback from any channel: route it, check it, decide its publication."""
    if not topic.takes_feedback:
        raise ValidationError(
            {"topic": _("Feedback on this topic is not taken here.")}, code="topic_closed"
        )
    if len(uploads) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"files": _("At most %(count)d files can be attached.") % {"count": MAX_ATTACHMENTS}},
            code="too_many_files",
        )
    location = _validate_location(topic=topic, location=location)
    organization = responsible_organization(topic=topic)
    received_at = received_at or timezone.now()
    title, text = title.strip(), text.strip()
    address = location.address.strip() if location else ""
    findings = check_fields({"title": title, "text": text, "address": address})
    token = secrets.token_urlsafe(24)
    feedback = Feedback.objects.create(
        reference=next_reference(year=received_at.astimezone(timezone.get_default_timezone()).year),
        tracking_token_hash=hash_token(token),
        topic=topic,
        organization=organization,
        channel=channel,
        kind=kind,
        title=title,
        text=text,
        public_title=title,
        public_text=text,
        language=language,
        address=address,
        latitude=location.latitude if location else None,
        longitude=location.longitude if location else None,
        publish_consent=publish_consent,
        sensitive_findings=[finding.as_dict() for finding in findings],
        received_at=received_at,
        processing_due=processing_deadline(received_at),
        source_ref=source_ref,
    )
    if contact is not None and not contact.is_empty():
        Contact.objects.create(
            feedback=feedback,
            name=contact.name.strip(),
            email=contact.email.strip(),
            phone=contact.phone.strip(),
        )
    for staged in uploads:
        Attachment.objects.create(
            feedback=feedback,
            file=staged.file.name,
            original_name=staged.original_name,
            content_type=staged.content_type,
            size=staged.size,
            sha256=staged.sha256,
        )
    StagedUpload.objects.filter(pk__in=[staged.pk for staged in uploads]).delete()
    record_event(
        feedback=feedback,
        kind=Event.Kind.CREATED,
        actor=actor,
        to_value=Feedback.Status.RECEIVED,
        data={"channel": channel, "findings": len(findings)},
        at=received_at,
    )
    record_event(
        feedback=feedback,
        kind=Event.Kind.ROUTED,
        actor=actor,
        to_value=organization.code,
        data={"topic": topic.service_code, "organization_id": organization.pk},
        at=received_at,
    )
    refresh_publication(feedback=feedback, actor=actor, initial=True)
    if notify and contact is not None and contact.email:
        from palaute.notifications.tasks import send_receipt

        transaction.on_commit(lambda: send_receipt.delay(feedback.pk, token))
    return Submission(feedback=feedback, tracking_token=token, warnings=findings)


Status = Feedback.Status
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset(
        {Status.IN_PROCESSING, Status.WAITING, Status.ANSWERED, Status.CLOSED}
    ),
    Status.IN_PROCESSING: frozenset({Status.WAITING, Status.ANSWERED, Status.CLOSED}),
    Status.WAITING: frozenset({Status.IN_PROCESSING, Status.ANSWERED, Status.CLOSED}),
    Status.ANSWERED: frozenset({Status.IN_PROCESSING, Status.WAITING, Status.CLOSED}),
    Status.CLOSED: frozenset({Status.IN_PROCESSING}),
    Status.REMOVED: frozenset(),
}


@transaction.atomic
def change_status(
    *,
    feedback: Feedback,
    status: str,
    actor: User | None,
    note: str = "",
    at: dt.datetime | None = None,
) -> None:
    """Move a feedback along its handling; a move the process does not allow is refused."""
    previous = feedback.status
    if previous == status:
        return
    if status not in TRANSITIONS.get(previous, frozenset()):
        raise ValidationError(
            _("A feedback cannot move from “%(from)s” to “%(to)s”.")
            % {"from": Feedback.Status(previous).label, "to": Feedback.Status(status).label},
            code="illegal_transition",
        )
    feedback.status = status
    feedback.save(update_fields=["status", "updated_at"])
    record_event(
        feedback=feedback,
        kind=Event.Kind.STATUS,
        actor=actor,
        from_value=previous,
        to_value=status,
        note=note,
        at=at,
    )


@transaction.atomic
def add_answer(
    *,
    feedback: Feedback,
    text: str,
    author: User | None = None,
    organization: Organization | None = None,
    language: str = "",
    at: dt.datetime | None = None,
) -> Answer:
    """Answer a feedback on behalf of its responsible organisation; it becomes answered."""
    if feedback.status == Feedback.Status.REMOVED:
        raise ValidationError(_("A removed feedback cannot be answered."), code="removed")
    answer = Answer.objects.create(
        feedback=feedback,
        organization=organization or feedback.organization,
        author=author,
        text=text.strip(),
        language=language or feedback.language,
        created_at=at or timezone.now(),
    )
    record_event(
        feedback=feedback,
        kind=Event.Kind.ANSWERED,
        actor=author,
        data={"answer_id": answer.pk},
        at=answer.created_at,
    )
    if feedback.status != Feedback.Status.CLOSED:
        change_status(
            feedback=feedback, status=Feedback.Status.ANSWERED, actor=author, at=answer.created_at
        )
    return answer


@transaction.atomic
def release_for_publication(*, feedback: Feedback, actor: User, note: str = "") -> None:
    """A handler has reviewed the feedback and lets it be published if rules allow."""
    feedback.released_at = timezone.now()
    feedback.released_by = actor
    feedback.save(update_fields=["released_at", "released_by", "updated_at"])
    record_event(feedback=feedback, kind=Event.Kind.RELEASED, actor=actor, note=note)
    refresh_publication(feedback=feedback, actor=actor)


@transaction.atomic
def remove_feedback(*, feedback: Feedback, actor: User, reason: str) -> None:
    """Moderation (S6): the record stays for the audit with its reason, never public."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for the removal.")}, code="no_reason")
    previous = feedback.status
    feedback.status = Feedback.Status.REMOVED
    feedback.removal_reason = reason.strip()
    feedback.save(update_fields=["status", "removal_reason", "updated_at"])
    record_event(
        feedback=feedback,
        kind=Event.Kind.REMOVED,
        actor=actor,
        from_value=previous,
        to_value=Feedback.Status.REMOVED,
        note=reason.strip(),
    )
    refresh_publication(feedback=feedback, actor=actor)


def refresh_publication_below(
    *,
    organization: Organization | None = None,
    topic: Topic | None = None,
    actor: User | None = None,
) -> int:
    """Re-apply the rules to all feedback under a node whose policy or place in the tree
    changed (S4). The node is read again: a move renumbers paths."""
    feedback = Feedback.objects.select_related("topic", "organization")
    if organization is not None:
        organization = Organization.objects.get(pk=organization.pk)
        feedback = feedback.filter(organization__path__startswith=organization.path)
    if topic is not None:
        topic = Topic.objects.get(pk=topic.pk)
        feedback = feedback.filter(topic__path__startswith=topic.path)
    changed = 0
    policies = publication.Policies()
    for item in feedback.iterator(chunk_size=500):
        before = item.publication_state
        if refresh_publication(feedback=item, actor=actor, policies=policies).state != before:
            changed += 1
    return changed
