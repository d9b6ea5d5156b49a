"""Writes on feedback: intake from every channel, routing, publication, handling,
moderation and deadlines.

Every state change writes an Event row; every message to a person goes through the outbox
(palaute.notifications), after the commit.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import logging
import math
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from palaute.notifications import services as notifications
from palaute.organizations.models import Membership, Organization, User
from palaute.organizations.selectors import holder_levels, nearest_holders, supervisors_above
from palaute.pagecache import public_data_changed
from palaute.privacy import crypto
from palaute.privacy.access_log import log_access, log_bulk_access
from palaute.privacy.checks import check_fields
from palaute.privacy.media import MAX_UPLOAD_BYTES, UploadRejected, sanitize_upload
from palaute.privacy.models import AccessLog
from palaute.privacy.pdf import check_pdf, is_pdf

from . import critical, deadlines, publication
from .deadlines import contact_deadline, processing_deadline
from .events import new_event, record_event
from .models import (
    Answer,
    Attachment,
    Channel,
    Contact,
    CriticalAlert,
    CriticalRule,
    DeadlineNotice,
    Event,
    Feedback,
    Intake,
    ReferenceCounter,
    StagedUpload,
    Topic,
    TopicAttribute,
)

MAX_ATTACHMENTS = 5
MAX_TITLE = 200
MAX_TEXT = 4000
STAGED_UPLOAD_LIFETIME = dt.timedelta(hours=24)

log = logging.getLogger(__name__)


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
    address_id: str = ""

    def is_empty(self) -> bool:
        return self.latitude is None and not self.address and not self.address_id


@dataclass(frozen=True, slots=True)
class Submission:
    feedback: Feedback
    tracking_token: str
    warnings: list = field(default_factory=list)
    # True when the idempotency key had made this feedback already: nothing new was stored.
    replayed: bool = False


@dataclass(frozen=True, slots=True)
class Idempotency:
    """What makes a resent submission find the first one: a key the sender chose for the
    submission, the scope it is unique in (the web form, one API key), and a digest of
    what was sent."""

    scope: str
    key: str
    digest: str

    @property
    def stored_key(self) -> str:
        return hashlib.sha256(f"{self.scope}\n{self.key}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class KeptIdempotency:
    """An idempotency key as an intake keeps it: hashed with its scope already."""

    stored_key: str
    digest: str


class IdempotencyConflict(Exception):
    """The idempotency key was used before for a different submission: one recorded as
    feedback, or one accepted and still being recorded (feedback is then None)."""

    def __init__(self, feedback: Feedback | None = None, *, intake: Intake | None = None):
        self.feedback = feedback or (intake.feedback if intake is not None else None)
        self.intake = intake
        super().__init__(f"The idempotency key was used for {self.reference or 'a submission'}.")

    @property
    def reference(self) -> str:
        """The reference number of the first submission; empty while it is being recorded."""
        return self.feedback.reference if self.feedback is not None else ""


def request_digest(fields: Iterable[tuple[str, object]]) -> str:
    """A digest of a request's fields, the same whatever their order."""
    items = sorted(
        (str(name), json.dumps(value, sort_keys=True, default=str)) for name, value in fields
    )
    return hashlib.sha256(json.dumps(items).encode()).hexdigest()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _derived_token(stored_key: str, secret: str | None = None) -> str:
    """The tracking token of a submission with an idempotency key: derived from the key
    with the secret key, so a resent request gets the same private link back although
    only its hash is stored."""
    digest = salted_hmac(
        "palaute.feedback.tracking-token", stored_key, secret=secret, algorithm="sha256"
    ).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode()


def _replay(*, feedback: Feedback, idempotency: Idempotency) -> Submission:
    """The answer to a resent submission: the feedback it made, with its tracking token."""
    if not constant_time_compare(feedback.request_digest, idempotency.digest):
        raise IdempotencyConflict(feedback)
    token = _kept_token(idempotency.stored_key, feedback.tracking_token_hash)
    return Submission(feedback=feedback, tracking_token=token, replayed=True)


def _kept_token(stored_key: str, token_hash: str) -> str:
    """The tracking token derived from the key, with the secret key or a former one."""
    secrets_in_use = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return next(
        (
            candidate
            for candidate in (_derived_token(stored_key, s) for s in secrets_in_use)
            if hash_token(candidate) == token_hash
        ),
        "",
    )


def next_reference(*, year: int) -> str:
    """The next reference number of the year, e.g. 2026-00042; safe under concurrency: one
    statement creates the year's counter or steps it, holding its row until the commit."""
    table = connection.ops.quote_name(ReferenceCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (year, last) VALUES (%s, 1) "  # noqa: S608
            f"ON CONFLICT (year) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [year],
        )
        number = cursor.fetchone()[0]
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
    if Feedback.PublicationState.PUBLISHED in (previous, decision.state):
        public_data_changed()
    at = feedback.received_at if initial else timezone.now()
    published_now = feedback.published_at is None
    _apply_decision(feedback=feedback, decision=decision, at=at)
    fields = ["publication_state", "publication_reason", "updated_at"]
    if published_now and feedback.published_at is not None:
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


def _apply_decision(
    *, feedback: Feedback, decision: publication.Decision, at: dt.datetime | None = None
) -> publication.Decision:
    """Set the publication fields on the feedback in memory."""
    feedback.publication_state = decision.state
    feedback.publication_reason = decision.reason
    if decision.state == Feedback.PublicationState.PUBLISHED and feedback.published_at is None:
        feedback.published_at = at or feedback.received_at
    return decision


def _publication_event(
    *, feedback: Feedback, actor: User | None, decision: publication.Decision
) -> Event:
    """The first publication decision, recorded with the other events of the intake."""
    return new_event(
        feedback=feedback,
        kind=Event.Kind.PUBLICATION,
        actor=actor,
        to_value=decision.state,
        data={"reason": decision.reason},
        at=feedback.received_at,
    )


def attachment_findings(*, attachment: Attachment) -> list:
    """What the sensitive-data check finds in the text of an attached PDF."""
    if not is_pdf(attachment.content_type):
        return []
    with attachment.file.open("rb") as handle:
        return check_pdf(handle.read(), attachment=attachment.pk)


def stage_upload(*, uploaded: UploadedFile) -> StagedUpload:
    """Check and clean one uploaded file and keep it until the form is sent."""
    if uploaded.size is not None and uploaded.size > MAX_UPLOAD_BYTES:
        raise UploadRejected(_("The file is too large: at most 10 MB."))
    data = b"".join(uploaded.chunks())
    cleaned = sanitize_upload(
        data, name=uploaded.name or "", content_type=uploaded.content_type or ""
    )
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
    """Remove uploads that were not sent. A file whose staged row is gone already belongs
    to an attachment (a racing copy of the same form took it) and stays."""
    for staged in uploads:
        deleted, _rows = StagedUpload.objects.filter(pk=staged.pk).delete()
        if deleted:
            staged.file.delete(save=False)


def purge_stale_uploads(*, now: dt.datetime | None = None) -> int:
    """Remove uploads of forms that were never sent."""
    cutoff = (now or timezone.now()) - STAGED_UPLOAD_LIFETIME
    # Files of a submission accepted but not recorded belong to it, however old.
    waiting = {
        pk
        for uploads in Intake.objects.exclude(state=Intake.State.RECORDED)
        .exclude(uploads=[])
        .values_list("uploads", flat=True)
        for pk in uploads
    }
    stale = list(StagedUpload.objects.filter(created_at__lt=cutoff).exclude(pk__in=waiting))
    discard_staged_uploads(uploads=stale)
    return len(stale)


def _attribute_error(attribute: TopicAttribute, message: str) -> ValidationError:
    return ValidationError({f"attribute[{attribute.code}]": message}, code="attribute")


def _attribute_value(attribute: TopicAttribute, values: list[str], keys: set[str]):
    kind = TopicAttribute.Datatype
    if attribute.datatype == kind.MULTIVALUELIST:
        unknown = [value for value in values if value not in keys]
        if unknown:
            raise _attribute_error(
                attribute, _("Unknown choice: %(value)s") % {"value": ", ".join(unknown)}
            )
        return list(dict.fromkeys(values))
    value = values[-1].strip()
    if attribute.datatype == kind.SINGLEVALUELIST:
        if value not in keys:
            raise _attribute_error(attribute, _("Unknown choice: %(value)s") % {"value": value})
        return value
    if attribute.datatype == kind.NUMBER:
        try:
            number = Decimal(value.replace(",", "."))
        except ArithmeticError as error:
            raise _attribute_error(attribute, _("Give a number.")) from error
        if not number.is_finite() or not math.isfinite(float(number)):
            raise _attribute_error(attribute, _("Give a number."))
        return float(number)
    if attribute.datatype == kind.DATETIME:
        try:
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as error:
            raise _attribute_error(
                attribute, _("Give a date and time, for example 2026-11-22T14:30:00+02:00.")
            ) from error
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment.isoformat()
    limit = 200 if attribute.datatype == kind.STRING else 4000
    if len(value) > limit:
        raise _attribute_error(attribute, _("At most %(count)d characters.") % {"count": limit})
    return value


def validate_attributes(*, topic: Topic, raw: dict[str, list[str]]) -> dict:
    """Answers to the topic's extra questions, checked against their kinds; questions the
    topic does not have are ignored, as Open311 clients may send more than asked."""
    answers = {}
    questions = topic.attributes.filter(variable=True).prefetch_related("values")
    for attribute in questions:
        values = [value for value in raw.get(attribute.code, []) if str(value).strip()]
        if not values:
            if attribute.required:
                raise _attribute_error(attribute, _("This question needs an answer."))
            continue
        keys = {choice.key for choice in attribute.values.all()}
        answers[attribute.code] = _attribute_value(attribute, [str(v) for v in values], keys)
    return answers


def in_service_area(latitude: Decimal, longitude: Decimal) -> bool:
    """Inside the area the service covers (PALAUTE_SERVICE_AREA, Finland by default)."""
    min_lat, max_lat, min_lon, max_lon = settings.PALAUTE_SERVICE_AREA
    return min_lat <= latitude <= max_lat and min_lon <= longitude <= max_lon


def _validate_location(*, topic: Topic, location: LocationInput | None) -> LocationInput | None:
    if topic.location_mode == Topic.LocationMode.NONE:
        return None
    if (
        location is not None
        and location.latitude is not None
        and not in_service_area(location.latitude, location.longitude)
    ):
        raise ValidationError(
            {"address": _("The place is outside the area of the service.")}, code="outside"
        )
    if topic.location_mode == Topic.LocationMode.REQUIRED and (
        location is None or location.is_empty()
    ):
        raise ValidationError(
            {"address": _("This topic needs a location: mark it on the map or write an address.")},
            code="location_required",
        )
    return location


def _check_lengths(*, title: str, text: str) -> None:
    """Every channel's texts fit the same limits as the web form's."""
    errors = {}
    if len(title) > MAX_TITLE:
        errors["title"] = _("The title may be at most %(count)d characters.") % {"count": MAX_TITLE}
    if len(text) > MAX_TEXT:
        errors["text"] = _("The feedback may be at most %(count)d characters.") % {
            "count": MAX_TEXT
        }
    if errors:
        raise ValidationError(errors, code="too_long")


def _validate_submission(
    *,
    topic: Topic,
    title: str,
    text: str,
    uploads: int,
    location: LocationInput | None,
    attributes: dict | None,
    contact: ContactInput | None,
    contact_requested: bool,
) -> tuple[LocationInput | None, dict]:
    """Whether the submission can be taken in as it is: the same checks whether it is
    recorded at once or accepted now and recorded in the background. The checked location
    and answers to the topic's questions."""
    if not topic.takes_feedback:
        raise ValidationError(
            {"topic": _("Feedback on this topic is not taken here.")}, code="topic_closed"
        )
    if uploads > MAX_ATTACHMENTS:
        raise ValidationError(
            {"files": _("At most %(count)d files can be attached.") % {"count": MAX_ATTACHMENTS}},
            code="too_many_files",
        )
    location = _validate_location(topic=topic, location=location)
    attributes = validate_attributes(topic=topic, raw=attributes or {})
    if contact_requested and (contact is None or not (contact.email or contact.phone)):
        raise ValidationError(
            {"contact_requested": _("Give an email address or a phone number to be contacted.")},
            code="contact_needed",
        )
    _check_lengths(title=title.strip(), text=text.strip())
    return location, attributes


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
    contact_requested: bool = False,
    attributes: dict | None = None,
    channel_data: dict | None = None,
    channel_private: dict | None = None,
    organization: Organization | None = None,
    notify: bool = True,
    check_critical: bool = True,
    idempotency: Idempotency | KeptIdempotency | None = None,
    tracking_token: str = "",
) -> Submission:
    """Take in one feedback from any channel: route it, check it, decide its publication,
    set its deadlines, and tell the sender and the unit. Callers with an idempotency key
    use submit_feedback_once; a deferred intake passes the tracking token it gave."""
    location, attributes = _validate_submission(
        topic=topic,
        title=title,
        text=text,
        uploads=len(uploads),
        location=location,
        attributes=attributes,
        contact=contact,
        contact_requested=contact_requested,
    )
    channel_data = dict(channel_data or {})
    if location is not None and location.address_id:
        channel_data["address_id"] = location.address_id
    # A collection point knows its unit; other channels are routed by the topic (S1).
    organization = organization or responsible_organization(topic=topic)
    received_at = received_at or timezone.now()
    title, text = title.strip(), text.strip()
    address = location.address.strip() if location else ""
    findings = check_fields({"title": title, "text": text, "address": address}, places=("address",))
    # Matched before the reference number is taken: the number's row stays locked until
    # the commit, so the slow part runs outside it.
    critical_matches = (
        critical.check_feedback(organization=organization, text=f"{title}\n{text}")
        if check_critical
        else []
    )
    if tracking_token:
        token = tracking_token
    elif idempotency is not None:
        token = _derived_token(idempotency.stored_key)
    else:
        token = secrets.token_urlsafe(24)
    feedback = Feedback(
        idempotency_key=idempotency.stored_key if idempotency else None,
        request_digest=idempotency.digest if idempotency else "",
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
        public_address=address,
        latitude=location.latitude if location else None,
        longitude=location.longitude if location else None,
        publish_consent=publish_consent,
        sensitive_findings=[finding.as_dict() for finding in findings],
        received_at=received_at,
        processing_due=processing_deadline(received_at),
        contact_requested=contact_requested,
        contact_due=contact_deadline(received_at) if contact_requested else None,
        attributes=attributes,
        channel_data=channel_data,
        channel_private=channel_private or {},
        source_ref=source_ref,
    )
    feedback.due_at = deadlines.next_due(feedback)
    if not uploads:
        # Decided before the insert when no attached file can add findings: one write.
        decision = _apply_decision(feedback=feedback, decision=publication.decide(feedback))
    feedback.save(force_insert=True)
    if contact is not None and not contact.is_empty():
        Contact.objects.create(
            feedback=feedback,
            name=contact.name.strip(),
            email=contact.email.strip(),
            phone=contact.phone.strip(),
        )
    in_files = []
    for staged in uploads:
        attachment = Attachment.objects.create(
            feedback=feedback,
            file=staged.file.name,
            original_name=staged.original_name,
            content_type=staged.content_type,
            size=staged.size,
            sha256=staged.sha256,
        )
        in_files += attachment_findings(attachment=attachment)
    if in_files:
        findings += in_files
        feedback.sensitive_findings = [finding.as_dict() for finding in findings]
        feedback.save(update_fields=["sensitive_findings"])
    if uploads:
        StagedUpload.objects.filter(pk__in=[staged.pk for staged in uploads]).delete()
    events = [
        new_event(
            feedback=feedback,
            kind=Event.Kind.CREATED,
            actor=actor,
            to_value=Feedback.Status.RECEIVED,
            data={"channel": channel, "findings": len(findings)},
            at=received_at,
        ),
        new_event(
            feedback=feedback,
            kind=Event.Kind.ROUTED,
            actor=actor,
            to_value=organization.code,
            data={"topic": topic.service_code, "organization_id": organization.pk},
            at=received_at,
        ),
    ]
    if not uploads:
        events.append(_publication_event(feedback=feedback, actor=actor, decision=decision))
    Event.objects.bulk_create(events)
    if uploads:
        refresh_publication(feedback=feedback, actor=actor, initial=True)
    flag_by_rules(feedback=feedback, matches=critical_matches)
    if notify:
        notifications.notify_receipt(feedback=feedback, token=token)
        notify_unit_of_new_feedback(feedback=feedback)
    return Submission(feedback=feedback, tracking_token=token, warnings=findings)


def find_submission(*, idempotency: Idempotency) -> Submission | None:
    """The submission an idempotency key made already, if any; IdempotencyConflict when
    it was made from different content."""
    existing = Feedback.objects.filter(idempotency_key=idempotency.stored_key).first()
    return _replay(feedback=existing, idempotency=idempotency) if existing else None


def submit_feedback_once(*, idempotency: Idempotency, **arguments: Any) -> Submission:
    """submit_feedback (which takes the arguments) for a submission that may come again:
    a resent one, also one racing the first, returns the feedback the first made and
    stores, attaches and sends nothing again; the same key with different content raises
    IdempotencyConflict."""
    if (sent := find_submission(idempotency=idempotency)) is not None:
        return sent
    try:
        # submit_feedback runs in its own savepoint: the loser of a race undoes all it
        # wrote, its outbox rows and their after-commit sends included.
        return submit_feedback(idempotency=idempotency, **arguments)
    except IntegrityError:
        if (sent := find_submission(idempotency=idempotency)) is None:
            raise
    return sent


# Deferred intake (PALAUTE_DEFERRED_INTAKE): a submission is checked, stored as an Intake
# in one insert and acknowledged at once; record_intake makes the feedback in the
# background, and the sweep records any that a killed process left pending.

INTAKE_SWEEP_AGE = dt.timedelta(seconds=30)


@dataclass(frozen=True, slots=True)
class Acceptance:
    """The answer to an accepted submission: the intake (None for a resent submission
    that an earlier, synchronous intake recorded at once), the feedback once recorded,
    and the private tracking token given to the sender."""

    intake: Intake | None
    tracking_token: str
    feedback: Feedback | None = None
    replayed: bool = False


def _payload(
    *,
    title: str,
    text: str,
    kind: str,
    language: str,
    publish_consent: bool,
    contact: ContactInput | None,
    location: LocationInput | None,
    contact_requested: bool,
    attributes: dict | None,
    channel_data: dict | None,
    channel_private: dict | None,
    tracking_token: str,
) -> dict:
    """The arguments of submit_feedback as JSON, kept encrypted in the intake."""
    return {
        "title": title,
        "text": text,
        "kind": kind,
        "language": language,
        "publish_consent": publish_consent,
        "contact": (
            {"name": contact.name, "email": contact.email, "phone": contact.phone}
            if contact is not None and not contact.is_empty()
            else None
        ),
        "location": (
            {
                "latitude": None if location.latitude is None else str(location.latitude),
                "longitude": None if location.longitude is None else str(location.longitude),
                "address": location.address,
                "address_id": location.address_id,
            }
            if location is not None
            else None
        ),
        "contact_requested": contact_requested,
        "attributes": attributes or {},
        "channel_data": channel_data or {},
        "channel_private": channel_private or {},
        "tracking_token": tracking_token,
    }


def _arguments(payload: dict) -> dict:
    """submit_feedback's arguments back from an intake's payload."""
    contact = payload.get("contact")
    location = payload.get("location")
    return {
        "title": payload["title"],
        "text": payload["text"],
        "kind": payload["kind"],
        "language": payload["language"],
        "publish_consent": payload["publish_consent"],
        "contact": ContactInput(**contact) if contact else None,
        "location": (
            LocationInput(
                latitude=None if location["latitude"] is None else Decimal(location["latitude"]),
                longitude=None if location["longitude"] is None else Decimal(location["longitude"]),
                address=location["address"],
                address_id=location["address_id"],
            )
            if location
            else None
        ),
        "contact_requested": payload["contact_requested"],
        "attributes": payload["attributes"],
        "channel_data": payload["channel_data"],
        "channel_private": payload["channel_private"],
        "tracking_token": payload["tracking_token"],
    }


def _key_used_by(stored_key: str) -> tuple[str, int] | None:
    """Which row holds the idempotency key, an intake's before a feedback's (a recorded
    intake's feedback holds it too): one statement on the two unique indexes, as nearly
    every new submission asks and finds nothing."""
    intakes = connection.ops.quote_name(Intake._meta.db_table)
    feedback = connection.ops.quote_name(Feedback._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 'intake', id FROM {intakes} WHERE idempotency_key = %s "  # noqa: S608
            f"UNION ALL SELECT 'feedback', id FROM {feedback} WHERE idempotency_key = %s "
            "ORDER BY 1 DESC LIMIT 1",
            [stored_key, stored_key],
        )
        row = cursor.fetchone()
    return (row[0], row[1]) if row else None


def find_acceptance(*, idempotency: Idempotency) -> Acceptance | None:
    """What an idempotency key was given before: an accepted submission, or feedback
    recorded at once before intake was deferred; IdempotencyConflict for other content."""
    found = _key_used_by(idempotency.stored_key)
    if found is None:
        return None
    if found[0] == "feedback":
        sent = _replay(feedback=Feedback.objects.get(pk=found[1]), idempotency=idempotency)
        return Acceptance(
            intake=None, tracking_token=sent.tracking_token, feedback=sent.feedback, replayed=True
        )
    intake = Intake.objects.select_related("feedback").get(pk=found[1])
    if not constant_time_compare(intake.request_digest, idempotency.digest):
        raise IdempotencyConflict(intake=intake)
    return Acceptance(
        intake=intake,
        tracking_token=_kept_token(idempotency.stored_key, intake.tracking_token_hash),
        feedback=intake.feedback,
        replayed=True,
    )


def accept_submission(
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
    contact_requested: bool = False,
    attributes: dict | None = None,
    channel_data: dict | None = None,
    channel_private: dict | None = None,
    idempotency: Idempotency | None = None,
) -> Acceptance:
    """Accept a submission for recording in the background: check it as submit_feedback
    would, store it in one insert and queue its recording after the commit. Callers look
    a resent submission up first (find_acceptance, as the views do before their throttle);
    one racing the first, or not looked up, is caught by the unique key and gets the first
    one's answer; the same key with other content raises IdempotencyConflict."""
    _validate_submission(
        topic=topic,
        title=title,
        text=text,
        uploads=len(uploads),
        location=location,
        attributes=attributes,
        contact=contact,
        contact_requested=contact_requested,
    )
    token = _derived_token(idempotency.stored_key) if idempotency else secrets.token_urlsafe(24)
    intake = Intake(
        channel=channel,
        topic=topic,
        idempotency_key=idempotency.stored_key if idempotency else None,
        request_digest=idempotency.digest if idempotency else "",
        tracking_token_hash=hash_token(token),
        payload=_payload(
            title=title,
            text=text,
            kind=kind,
            language=language,
            publish_consent=publish_consent,
            contact=contact,
            location=location,
            contact_requested=contact_requested,
            attributes=attributes,
            channel_data=channel_data,
            channel_private=channel_private,
            tracking_token=token,
        ),
        email_digest=crypto.email_digest(contact.email) if contact else "",
        phone_digest=crypto.phone_digest(contact.phone) if contact else "",
        uploads=[staged.pk for staged in uploads],
    )
    try:
        with transaction.atomic():
            intake.save(force_insert=True)
            _queue_recording(intake.pk)
    except IntegrityError:
        if idempotency is None or (sent := find_acceptance(idempotency=idempotency)) is None:
            raise
        return sent
    return Acceptance(intake=intake, tracking_token=token)


def _queue_recording(intake_id: int) -> None:
    from .tasks import record_intake

    # Robust: a broker that is down must not fail the request; the sweep records it.
    transaction.on_commit(lambda: record_intake.delay(intake_id), robust=True)


def record_intake(*, intake_id: int, skip_locked: bool = False) -> Intake | None:
    """Record an accepted submission as feedback, exactly once however often and however
    concurrently it is called: the intake's row is locked, and only a pending one is
    recorded. A submission that can no longer be taken in as it is (its topic was closed
    meanwhile) is marked failed with the reason, its text kept for staff. An unexpected
    error leaves it pending for the sweep, counted and noted."""
    try:
        return _record(intake_id=intake_id, skip_locked=skip_locked)
    except Exception as error:
        Intake.objects.filter(pk=intake_id, state=Intake.State.PENDING).update(
            attempts=models.F("attempts") + 1,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            updated_at=timezone.now(),
        )
        raise


@transaction.atomic
def _record(*, intake_id: int, skip_locked: bool) -> Intake | None:
    intake = (
        Intake.objects.select_for_update(skip_locked=skip_locked)
        .select_related("topic")
        .filter(pk=intake_id)
        .first()
    )
    if intake is None or intake.state != Intake.State.PENDING:
        return intake
    intake.attempts += 1
    arguments = _arguments(intake.payload)
    uploads = {staged.pk: staged for staged in StagedUpload.objects.filter(pk__in=intake.uploads)}
    idempotency = (
        KeptIdempotency(stored_key=intake.idempotency_key, digest=intake.request_digest)
        if intake.idempotency_key
        else None
    )
    try:
        feedback = submit_feedback(
            topic=intake.topic,
            channel=intake.channel,
            received_at=intake.received_at,
            uploads=[uploads[pk] for pk in intake.uploads if pk in uploads],
            idempotency=idempotency,
            **arguments,
        ).feedback
    except ValidationError as error:
        intake.state = Intake.State.FAILED
        intake.last_error = " ".join(error.messages)[:2000]
        intake.save(update_fields=["state", "attempts", "last_error", "updated_at"])
        log.error(
            "intake %s could not be recorded and waits for staff: %s",
            intake.public_id,
            intake.last_error,
        )
        return intake
    except IntegrityError:
        # Its token or key made feedback already (another node took it in at once).
        feedback = Feedback.objects.filter(tracking_token_hash=intake.tracking_token_hash).first()
        if feedback is None:
            raise
    intake.state = Intake.State.RECORDED
    intake.feedback = feedback
    intake.recorded_at = timezone.now()
    intake.payload, intake.email_digest, intake.phone_digest, intake.uploads = {}, "", "", []
    intake.save(
        update_fields=[
            "state",
            "feedback",
            "recorded_at",
            "attempts",
            "payload",
            "email_digest",
            "phone_digest",
            "uploads",
            "updated_at",
        ]
    )
    return intake


def record_pending_intakes(
    *, older_than: dt.timedelta = INTAKE_SWEEP_AGE, now: dt.datetime | None = None
) -> int:
    """The sweep: record every intake still pending after older_than (its process was
    killed after accepting, or the broker was down). Intakes being recorded right now are
    left to their recorder; one that fails stays pending for the next sweep."""
    cutoff = (now or timezone.now()) - older_than
    recorded, tried = 0, set()
    while True:
        batch = list(
            Intake.objects.filter(state=Intake.State.PENDING, received_at__lte=cutoff)
            .exclude(pk__in=tried)
            .order_by("received_at", "pk")
            .values_list("pk", flat=True)[:200]
        )
        if not batch:
            return recorded
        for pk in batch:
            tried.add(pk)
            try:
                intake = record_intake(intake_id=pk, skip_locked=True)
            except Exception:
                log.exception("intake %s: recording failed, tried again later", pk)
                continue
            recorded += intake is not None and intake.state == Intake.State.RECORDED


def notify_unit_of_new_feedback(*, feedback: Feedback) -> None:
    """The unit's own handlers who want it at once get an email; others read the queue or
    their daily summary."""
    users = [
        user
        for user in nearest_holders(
            organization=feedback.organization,
            roles=[Membership.Role.HANDLER, Membership.Role.SUPERVISOR],
        )
        if user.notify_new == User.Notify.IMMEDIATE
    ]
    notifications.notify_staff(
        kind=notifications.OutgoingMessage.Kind.STAFF_NEW,
        template="staff_new",
        users=users,
        feedback=feedback,
    )


def _touch(feedback: Feedback) -> None:
    """Mark the feedback changed when something shown with it changed (an answer removed,
    an attachment hidden), so copies kept by API clients and caches are refreshed."""
    feedback.save(update_fields=["updated_at"])


def same_tree(first: Organization, second: Organization) -> bool:
    """Whether two nodes belong to the same organisation (the same tree root)."""
    return first.path[: Organization.steplen] == second.path[: Organization.steplen]


def _save(feedback: Feedback, *fields: str) -> None:
    """Save the given fields with the next deadline, which follows from them."""
    feedback.due_at = deadlines.next_due(feedback)
    feedback.save(update_fields=[*fields, "due_at", "updated_at"])


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
# Handling is over: retention of personal data counts from the moment of closing.
DONE_STATUSES = frozenset({Status.CLOSED, Status.REMOVED})


def allowed_statuses(*, feedback: Feedback) -> list[str]:
    """The statuses a handler may move the feedback to now, in the order of the process."""
    allowed = TRANSITIONS.get(feedback.status, frozenset())
    return [status for status in Status.values if status in allowed]


@transaction.atomic
def change_status(
    *,
    feedback: Feedback,
    status: str,
    actor: User | None,
    note: str = "",
    at: dt.datetime | None = None,
) -> None:
    """Move a feedback along its handling; a move the process does not allow is refused.
    Leaving "received" the first time takes the feedback into processing (S8)."""
    previous = feedback.status
    if previous == status:
        return
    if status not in TRANSITIONS.get(previous, frozenset()):
        raise ValidationError(
            _("A feedback cannot move from “%(from)s” to “%(to)s”.")
            % {"from": Feedback.Status(previous).label, "to": Feedback.Status(status).label},
            code="illegal_transition",
        )
    at = at or timezone.now()
    feedback.status = status
    # Retention counts from the closing; a reopened feedback is open again.
    feedback.closed_at = at if status in DONE_STATUSES else None
    fields = ["status", "closed_at"]
    if feedback.taken_at is None:
        feedback.taken_at = at
        fields.append("taken_at")
    _save(feedback, *fields)
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
    kind: str = Answer.Kind.ANSWER,
    language: str = "",
    at: dt.datetime | None = None,
    notify: bool = True,
) -> Answer:
    """An answer is published with a public feedback, mailed to a sender who gave an email
    (which also counts as contacting them, C4) and makes the feedback answered. An internal
    note is never public and never sent."""
    if not text.strip():
        raise ValidationError({"text": _("Write the text first.")}, code="empty")
    if feedback.status == Feedback.Status.REMOVED and kind == Answer.Kind.ANSWER:
        raise ValidationError(_("A removed feedback cannot be answered."), code="removed")
    answer = Answer.objects.create(
        feedback=feedback,
        organization=organization or feedback.organization,
        author=author,
        kind=kind,
        text=text.strip(),
        language=language or feedback.language,
        created_at=at or timezone.now(),
    )
    if kind == Answer.Kind.NOTE:
        record_event(
            feedback=feedback,
            kind=Event.Kind.NOTE,
            actor=author,
            data={"answer_id": answer.pk},
            at=answer.created_at,
        )
        return answer
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
    if notify:
        notifications.notify_answer(answer=answer)
    return answer


def _refuse_when_done(feedback: Feedback) -> None:
    if feedback.status in (Feedback.Status.CLOSED, Feedback.Status.REMOVED):
        raise ValidationError(
            _("The feedback is %(status)s; reopen it first.")
            % {"status": feedback.get_status_display().lower()},
            code="done",
        )


@transaction.atomic
def view_contact(*, feedback: Feedback, actor: User, client_address: str = "") -> Contact | None:
    """The sender's contact details; every look at them is an event in the feedback's
    history and a row in the access log."""
    contact = Contact.objects.filter(feedback=feedback).first()
    record_event(feedback=feedback, kind=Event.Kind.CONTACT_VIEWED, actor=actor)
    log_access(
        user=actor,
        kind=AccessLog.Kind.CONTACT,
        feedback=feedback,
        client_address=client_address,
    )
    return contact


@transaction.atomic
def view_contacts(
    *, feedback: Sequence[Feedback], actor: User, note: str = "", client_address: str = ""
) -> dict[int, Contact]:
    """The contact details of many feedback at once (an export), by feedback id; every
    one looked at is an event, as in ``view_contact``, and the access log has them."""
    contacts = {
        contact.feedback_id: contact
        for contact in Contact.objects.filter(feedback__in=[item.pk for item in feedback])
    }
    log_bulk_access(
        user=actor,
        kind=AccessLog.Kind.EXPORT_CONTACTS,
        feedback=[item for item in feedback if item.pk in contacts],
        client_address=client_address,
        purpose=note,
    )
    now = timezone.now()
    Event.objects.bulk_create(
        [
            Event(
                feedback=item,
                kind=Event.Kind.CONTACT_VIEWED,
                actor=actor,
                note=note,
                created_at=now,
            )
            for item in feedback
            if item.pk in contacts
        ]
    )
    return contacts


@transaction.atomic
def mark_contacted(
    *, feedback: Feedback, actor: User | None, note: str = "", at: dt.datetime | None = None
) -> None:
    """The customer was contacted: the contact deadline (C4) is met."""
    feedback.contacted_at = at or timezone.now()
    _save(feedback, "contacted_at")
    record_event(
        feedback=feedback,
        kind=Event.Kind.CONTACTED,
        actor=actor,
        note=note.strip(),
        at=feedback.contacted_at,
    )


def record_contact(
    *, feedback: Feedback, actor: User, note: str = "", at: dt.datetime | None = None
) -> None:
    """A handler contacted the customer by phone, letter or a visit."""
    _refuse_when_done(feedback)
    mark_contacted(feedback=feedback, actor=actor, note=note, at=at)


@transaction.atomic
def give_estimate(
    *,
    feedback: Feedback,
    estimated_done_on: dt.date,
    actor: User,
    note: str = "",
    notify: bool = True,
) -> None:
    """S8: when handling takes longer, the estimate is stored, shown on the tracking page
    and sent to a sender who gave an email address."""
    _refuse_when_done(feedback)
    today = timezone.localdate()
    if estimated_done_on < today:
        raise ValidationError(
            {"estimated_done_on": _("The estimate cannot be in the past.")}, code="past"
        )
    previous = feedback.estimated_done_on
    feedback.estimated_done_on = estimated_done_on
    if feedback.status == Feedback.Status.RECEIVED:
        change_status(feedback=feedback, status=Feedback.Status.IN_PROCESSING, actor=actor)
    _save(feedback, "estimated_done_on")
    record_event(
        feedback=feedback,
        kind=Event.Kind.ESTIMATE,
        actor=actor,
        from_value=previous.isoformat() if previous else "",
        to_value=estimated_done_on.isoformat(),
        note=note.strip(),
    )
    if notify:
        notifications.notify_estimate(feedback=feedback, note=note.strip())


@transaction.atomic
def set_critical(*, feedback: Feedback, critical: bool, actor: User, reason: str = "") -> None:
    """A staff member's flag, with a reason; flagging tells the chain of supervisors at once
    (C3). Taking the flag off stops the escalation; the notices stay in the history."""
    if critical and not reason.strip():
        raise ValidationError({"reason": _("Say why the feedback is critical.")}, code="no_reason")
    if feedback.is_critical == critical:
        return
    feedback.is_critical = critical
    feedback.critical_reason = reason.strip() if critical else ""
    fields = ["is_critical", "critical_reason", "updated_at"]
    if critical:
        feedback.critical_source = Feedback.CriticalSource.STAFF
        feedback.critical_rules = []
        feedback.critical_at = timezone.now()
        feedback.critical_acknowledged_at = None
        feedback.critical_acknowledged_by = None
        fields += [
            "critical_source",
            "critical_rules",
            "critical_at",
            "critical_acknowledged_at",
            "critical_acknowledged_by",
        ]
    feedback.save(update_fields=fields)
    record_event(
        feedback=feedback,
        kind=Event.Kind.CRITICAL,
        actor=actor,
        to_value="critical" if critical else "normal",
        note=reason.strip(),
        data={"source": Feedback.CriticalSource.STAFF},
    )
    if critical:
        alert_critical(feedback=feedback, level=0)


@transaction.atomic
def forward_feedback(
    *, feedback: Feedback, organization: Organization, actor: User, note: str = ""
) -> None:
    """Send the feedback to another unit's queue; the event log keeps the path."""
    if organization.pk == feedback.organization_id:
        raise ValidationError({"organization": _("The feedback is already there.")}, code="same")
    if not same_tree(organization, feedback.organization):
        raise ValidationError(
            {"organization": _("Feedback can only be forwarded within the same organisation.")},
            code="other_tree",
        )
    if not organization.is_active:
        raise ValidationError({"organization": _("That unit is not in use.")}, code="inactive")
    previous = feedback.organization
    feedback.organization = organization
    feedback.save(update_fields=["organization", "updated_at"])
    record_event(
        feedback=feedback,
        kind=Event.Kind.FORWARDED,
        actor=actor,
        from_value=previous.code,
        to_value=organization.code,
        note=note.strip(),
        data={"from_id": previous.pk, "to_id": organization.pk},
    )
    refresh_publication(feedback=feedback, actor=actor)
    notify_unit_of_new_feedback(feedback=feedback)


@transaction.atomic
def change_topic(
    *, feedback: Feedback, topic: Topic, actor: User, note: str = "", reroute: bool = True
) -> None:
    """A better topic; by default the feedback also moves to that topic's unit."""
    if topic.pk == feedback.topic_id:
        raise ValidationError({"topic": _("The feedback already has this topic.")}, code="same")
    if not topic.takes_feedback:
        raise ValidationError({"topic": _("Choose a topic that takes feedback.")}, code="topic")
    target = responsible_organization(topic=topic)
    if not same_tree(target, feedback.organization):
        raise ValidationError(
            {"topic": _("Choose a topic of the same organisation.")}, code="other_tree"
        )
    previous = feedback.topic
    feedback.topic = topic
    feedback.save(update_fields=["topic", "updated_at"])
    record_event(
        feedback=feedback,
        kind=Event.Kind.TOPIC_CHANGED,
        actor=actor,
        from_value=previous.service_code,
        to_value=topic.service_code,
        note=note.strip(),
    )
    if reroute and target.pk != feedback.organization_id:
        forward_feedback(feedback=feedback, organization=target, actor=actor, note=note)
    else:
        refresh_publication(feedback=feedback, actor=actor)


# Moderation (S6)


def redaction_mark(language: str) -> str:
    from django.utils import translation

    with translation.override(language):
        return _("[removed]")


def public_findings(*, feedback: Feedback) -> list:
    """What the sensitive-data check finds in the public texts now."""
    return check_fields(
        {
            "public_title": feedback.public_title,
            "public_text": feedback.public_text,
            "public_address": feedback.public_address,
        },
        places=("public_address",),
    )


@transaction.atomic
def edit_public_text(
    *,
    feedback: Feedback,
    actor: User,
    title: str,
    text: str,
    address: str,
    note: str = "",
) -> None:
    """Edit what is published; the original text stays for staff."""
    values = {
        "public_title": title.strip(),
        "public_text": text.strip(),
        "public_address": address.strip(),
    }
    if not values["public_title"] or not values["public_text"]:
        raise ValidationError(_("The public title and text cannot be empty."), code="empty")
    changed = [name for name, value in values.items() if getattr(feedback, name) != value]
    if not changed:
        return
    for name in changed:
        setattr(feedback, name, values[name])
    feedback.save(update_fields=[*changed, "updated_at"])
    record_event(
        feedback=feedback,
        kind=Event.Kind.MODERATED,
        actor=actor,
        note=note.strip(),
        data={"fields": changed},
    )


@transaction.atomic
def redact(
    *, feedback: Feedback, actor: User, field: str, start: int, end: int, expected: str
) -> None:
    """Replace one finding in a public text by "[removed]" in the feedback's language. The
    span must still hold the text the moderator saw, so a stale page changes nothing."""
    if field not in ("public_title", "public_text", "public_address"):
        raise ValidationError(_("Unknown field."), code="field")
    value = getattr(feedback, field)
    if not (0 <= start < end <= len(value)) or value[start:end] != expected:
        raise ValidationError(
            _("The text has changed since the page was loaded. Check it and try again."),
            code="stale",
        )
    setattr(feedback, field, value[:start] + redaction_mark(feedback.language) + value[end:])
    feedback.save(update_fields=[field, "updated_at"])
    record_event(
        feedback=feedback,
        kind=Event.Kind.MODERATED,
        actor=actor,
        data={"fields": [field], "redacted": 1},
    )


@transaction.atomic
def redact_all_findings(*, feedback: Feedback, actor: User) -> int:
    """One click: every finding of the sensitive-data check in the public texts."""
    findings = public_findings(feedback=feedback)
    mark = redaction_mark(feedback.language)
    for name in ("public_title", "public_text", "public_address"):
        value = getattr(feedback, name)
        for finding in sorted(
            (f for f in findings if f.field == name), key=lambda f: f.start, reverse=True
        ):
            value = value[: finding.start] + mark + value[finding.end :]
        setattr(feedback, name, value)
    if findings:
        feedback.save(update_fields=["public_title", "public_text", "public_address", "updated_at"])
        record_event(
            feedback=feedback,
            kind=Event.Kind.MODERATED,
            actor=actor,
            data={"fields": sorted({f.field for f in findings}), "redacted": len(findings)},
        )
    return len(findings)


@transaction.atomic
def set_attachment_public(*, attachment: Attachment, public: bool, actor: User) -> None:
    if attachment.is_public == public:
        return
    attachment.is_public = public
    attachment.save(update_fields=["is_public"])
    _touch(attachment.feedback)
    record_event(
        feedback=attachment.feedback,
        kind=Event.Kind.ATTACHMENT,
        actor=actor,
        to_value="public" if public else "hidden",
        data={"attachment_id": attachment.pk},
    )


@transaction.atomic
def release_for_publication(
    *, feedback: Feedback, actor: User, note: str = "", despite_findings: bool = False
) -> None:
    """A handler has reviewed the feedback and lets it be published if rules allow. While
    the check still finds personal data in the public text, the handler must say so."""
    if public_findings(feedback=feedback) and not despite_findings:
        raise ValidationError(
            _(
                "The public text still has personal data found by the check. Remove it, or "
                "confirm that it may be published."
            ),
            code="findings",
        )
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
    feedback.closed_at = timezone.now()
    _save(feedback, "status", "removal_reason", "closed_at")
    record_event(
        feedback=feedback,
        kind=Event.Kind.REMOVED,
        actor=actor,
        from_value=previous,
        to_value=Feedback.Status.REMOVED,
        note=reason.strip(),
    )
    refresh_publication(feedback=feedback, actor=actor)


@transaction.atomic
def remove_answer(*, answer: Answer, actor: User, reason: str) -> None:
    """An answer or note taken out of view; it stays for the audit with its reason."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for the removal.")}, code="no_reason")
    if answer.removed_at is not None:
        return
    answer.removed_at = timezone.now()
    answer.removed_by = actor
    answer.removal_reason = reason.strip()
    answer.save(update_fields=["removed_at", "removed_by", "removal_reason"])
    _touch(answer.feedback)
    record_event(
        feedback=answer.feedback,
        kind=Event.Kind.ANSWER_REMOVED,
        actor=actor,
        note=reason.strip(),
        data={"answer_id": answer.pk},
    )


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


# Deadlines (S8, C4)

DEADLINE_LABELS = {
    "processing": DeadlineNotice.Deadline.PROCESSING,
    "contact": DeadlineNotice.Deadline.CONTACT,
    "estimate": DeadlineNotice.Deadline.ESTIMATE,
}


def _notice(
    *, feedback: Feedback, deadline: str, stage: str, due: dt.datetime, now: dt.datetime
) -> bool:
    """Send one reminder or escalation unless it was sent already."""
    _notice, created = DeadlineNotice.objects.get_or_create(
        feedback=feedback,
        deadline=deadline,
        stage=stage,
        due=due,
        organization=feedback.organization,
        defaults={"created_at": now},
    )
    if not created:
        return False
    reminder = stage == DeadlineNotice.Stage.REMINDER
    if reminder:
        users = nearest_holders(
            organization=feedback.organization,
            roles=[Membership.Role.HANDLER, Membership.Role.SUPERVISOR],
        )
    else:
        users = supervisors_above(organization=feedback.organization)
    kind = notifications.OutgoingMessage.Kind
    notifications.notify_staff(
        kind=kind.REMINDER if reminder else kind.ESCALATION,
        template="reminder" if reminder else "escalation",
        users=users,
        feedback=feedback,
        extra={"deadline_label": DEADLINE_LABELS[deadline].label, "due": due},
    )
    record_event(
        feedback=feedback,
        kind=Event.Kind.REMINDED if reminder else Event.Kind.ESCALATED,
        to_value=deadline,
        data={"recipients": [user.pk for user in users]},
        at=now,
    )
    return True


def process_deadlines(*, now: dt.datetime | None = None) -> dict[str, int]:
    """The periodic job: remind the unit before a deadline, tell the supervisor when one
    has passed. Each notice goes once per feedback and deadline."""
    now = now or timezone.now()
    horizon = now + max(deadlines.REMINDER_LEAD.values())
    counts = {"reminders": 0, "escalations": 0}
    candidates = (
        Feedback.objects.filter(due_at__isnull=False, due_at__lte=horizon)
        .exclude(status__in=[Feedback.Status.CLOSED, Feedback.Status.REMOVED])
        .select_related("organization", "topic")
        .order_by("due_at")
    )
    for feedback in candidates.iterator(chunk_size=200):
        for deadline, due in deadlines.open_deadlines(feedback).items():
            with transaction.atomic():
                if due <= now:
                    stage, key = DeadlineNotice.Stage.ESCALATION, "escalations"
                elif due - deadlines.REMINDER_LEAD[deadline] <= now:
                    stage, key = DeadlineNotice.Stage.REMINDER, "reminders"
                else:
                    continue
                if _notice(feedback=feedback, deadline=deadline, stage=stage, due=due, now=now):
                    counts[key] += 1
    return counts


# Topics, edited by administrators


@transaction.atomic
def create_topic(*, parent: Topic | None, values: dict, actor: User) -> Topic:
    from palaute.organizations.services import audit

    if parent is None:
        topic = Topic.objects.add_root(values)
    else:
        topic = Topic.objects.add_child(Topic.objects.get(pk=parent.pk), values)
    audit(actor=actor, action="topic.create", target=topic.service_code)
    return topic


@transaction.atomic
def update_topic(*, topic: Topic, values: dict, actor: User) -> list[str]:
    """Save a topic; a change of its policy or owner re-applies publication below it."""
    from palaute.organizations.services import apply_changes, audit

    changed = apply_changes(instance=topic, values=values)
    if changed:
        audit(
            actor=actor, action="topic.update", target=topic.service_code, data={"fields": changed}
        )
    if {"publication_policy", "organization"} & set(changed):
        refresh_publication_below(topic=topic, actor=actor)
    return changed


@transaction.atomic
def save_topic_question(
    *,
    topic: Topic,
    question: TopicAttribute | None,
    values: dict,
    choices: list[tuple[str, str, str, str]],
    actor: User,
) -> TopicAttribute:
    """Create or update an extra question of a topic with its list of choices."""
    from palaute.organizations.services import audit

    if (
        values["datatype"]
        in (
            TopicAttribute.Datatype.SINGLEVALUELIST,
            TopicAttribute.Datatype.MULTIVALUELIST,
        )
        and not choices
    ):
        raise ValidationError({"choices": _("A list question needs at least one choice.")})
    question = question or TopicAttribute(topic=topic)
    for name, value in values.items():
        setattr(question, name, value)
    question.save()
    kept = []
    for order, (key, name_fi, name_sv, name_en) in enumerate(choices, start=1):
        choice, _created = question.values.update_or_create(
            key=key,
            defaults={"name_fi": name_fi, "name_sv": name_sv, "name_en": name_en, "order": order},
        )
        kept.append(choice.pk)
    question.values.exclude(pk__in=kept).delete()
    Topic.objects.filter(pk=topic.pk).update(updated_at=timezone.now())
    audit(actor=actor, action="topic.question", target=f"{topic.service_code}:{question.code}")
    return question


@transaction.atomic
def delete_topic_question(*, question: TopicAttribute, actor: User) -> None:
    """Answers already given stay in the feedback; only the question goes."""
    from palaute.organizations.services import audit

    audit(
        actor=actor,
        action="topic.question.delete",
        target=f"{question.topic.service_code}:{question.code}",
    )
    Topic.objects.filter(pk=question.topic_id).update(updated_at=timezone.now())
    question.delete()


# Critical feedback (C3)


def critical_recipients(*, organization: Organization, level: int = 0) -> list[tuple[User, str]]:
    """Who is told of critical feedback: the unit's supervisor, the supervisor's own
    supervisor (the next supervisors up the tree) and the service-area director. Each
    escalation reaches one supervisor level further up. Without any supervisor, the unit's
    handlers are told, and without them the administrators, so that someone always is."""
    reason = CriticalAlert.Reason
    supervisors = holder_levels(organization=organization, roles=[Membership.Role.SUPERVISOR])
    chosen: dict[int, tuple[User, str]] = {}
    for index, (_node, users) in enumerate(supervisors[: level + 2]):
        why = reason.UNIT_SUPERVISOR if index == 0 else reason.NEXT_SUPERVISOR
        for user in users:
            chosen.setdefault(user.pk, (user, why))
    for user in nearest_holders(organization=organization, roles=[Membership.Role.DIRECTOR]):
        chosen.setdefault(user.pk, (user, reason.DIRECTOR))
    if not supervisors:
        for user in nearest_holders(organization=organization, roles=[Membership.Role.HANDLER]):
            chosen.setdefault(user.pk, (user, reason.HANDLER))
    if not chosen:
        for user in nearest_holders(organization=organization, roles=[Membership.Role.ADMIN]):
            chosen.setdefault(user.pk, (user, reason.ADMIN))
    return list(chosen.values())


def alert_critical(*, feedback: Feedback, level: int, now: dt.datetime | None = None) -> list:
    """Notices in the back office and by email. An escalation reaches everyone told before
    who has not yet seen the feedback, and the next supervisors up."""
    now = now or timezone.now()
    seen = set(
        CriticalAlert.objects.filter(feedback=feedback, seen_at__isnull=False).values_list(
            "user_id", flat=True
        )
    )
    recipients = [
        (user, why)
        for user, why in critical_recipients(organization=feedback.organization, level=level)
        if user.pk not in seen
    ]
    alerts = []
    for user, why in recipients:
        alert, _created = CriticalAlert.objects.get_or_create(
            feedback=feedback, user=user, level=level, defaults={"reason": why, "created_at": now}
        )
        alerts.append(alert)
    feedback.critical_level = level
    feedback.critical_notified_at = now
    feedback.save(update_fields=["critical_level", "critical_notified_at"])
    record_event(
        feedback=feedback,
        kind=Event.Kind.CRITICAL_ALERTED if level == 0 else Event.Kind.CRITICAL_ESCALATED,
        actor=None,
        to_value=str(level),
        note=", ".join(f"{alert.user} ({alert.get_reason_display()})" for alert in alerts),
        data={"level": level, "users": [alert.user_id for alert in alerts]},
        at=now,
    )
    notifications.notify_staff(
        kind=notifications.OutgoingMessage.Kind.CRITICAL,
        template="staff_critical",
        users=[alert.user for alert in alerts],
        feedback=feedback,
        extra={"level": level, "rules": _critical_rules_fired(feedback)},
    )
    return alerts


def _critical_rules_fired(feedback: Feedback) -> list[CriticalRule]:
    """For email: the rules that fired, named in the reader's language; never the matched
    words, which may carry health or personal data."""
    if feedback.critical_source != Feedback.CriticalSource.RULE:
        return []
    return list(critical.rules_by_code(codes=critical.fired_codes(feedback=feedback)).values())


def apply_critical_rules(
    *, feedback: Feedback, nps: int | None = None, answers: dict | None = None
) -> bool:
    """Run the administrator's rules on a new feedback (its text, and the scores of a
    questionnaire); flag it critical when one fires."""
    matches = critical.check_feedback(
        organization=feedback.organization,
        text=f"{feedback.title}\n{feedback.text}",
        nps=nps,
        answers=answers or {},
    )
    return flag_by_rules(feedback=feedback, matches=matches)


def flag_by_rules(*, feedback: Feedback, matches: Sequence) -> bool:
    """An automatic flag: the rules that fired and what matched are kept, so handlers see
    why. Already critical feedback only gets the new findings added. Returns whether the
    feedback became critical now. Without matches nothing is written (not even a
    savepoint: this runs on every intake)."""
    if not matches:
        return False
    with transaction.atomic():
        return _flag_by_rules(feedback=feedback, matches=matches)


def _flag_by_rules(*, feedback: Feedback, matches: Sequence) -> bool:
    found = [match.as_dict() for match in matches]
    if feedback.is_critical:
        known = {item.get("rule_code") for item in feedback.critical_rules}
        added = [item for item in found if item["rule_code"] not in known]
        if added:
            feedback.critical_rules = [*feedback.critical_rules, *added]
            feedback.save(update_fields=["critical_rules"])
        return False
    rules = critical.rules_by_code(codes=[match.rule_code for match in matches])
    feedback.is_critical = True
    feedback.critical_source = Feedback.CriticalSource.RULE
    feedback.critical_rules = found
    feedback.critical_reason = "; ".join(
        f"{rules[m.rule_code].name_fi if m.rule_code in rules else m.rule_code}: ”{m.matched}”"
        for m in matches
    )
    feedback.critical_at = timezone.now()
    feedback.save(
        update_fields=[
            "is_critical",
            "critical_source",
            "critical_rules",
            "critical_reason",
            "critical_at",
            "updated_at",
        ]
    )
    record_event(
        feedback=feedback,
        kind=Event.Kind.CRITICAL,
        actor=None,
        to_value="critical",
        note=feedback.critical_reason,
        data={"source": Feedback.CriticalSource.RULE, "rules": [m.rule_code for m in matches]},
    )
    alert_critical(feedback=feedback, level=0)
    return True


def mark_critical_seen(*, feedback: Feedback, user: User, now: dt.datetime | None = None) -> int:
    """The person opened the feedback: their notices are seen (who saw it and when)."""
    return CriticalAlert.objects.filter(feedback=feedback, user=user, seen_at__isnull=True).update(
        seen_at=now or timezone.now()
    )


@transaction.atomic
def acknowledge_critical(*, feedback: Feedback, actor: User, note: str = "") -> None:
    """Someone responsible has taken the critical feedback on: escalation stops. Later
    acknowledgements by others are recorded too."""
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if not feedback.is_critical:
        raise ValidationError(_("The feedback is not critical."), code="not_critical")
    now = timezone.now()
    mark_critical_seen(feedback=feedback, user=actor, now=now)
    first = feedback.critical_acknowledged_at is None
    if first:
        feedback.critical_acknowledged_at = now
        feedback.critical_acknowledged_by = actor
        feedback.save(update_fields=["critical_acknowledged_at", "critical_acknowledged_by"])
    record_event(
        feedback=feedback,
        kind=Event.Kind.CRITICAL_ACKNOWLEDGED,
        actor=actor,
        note=note.strip(),
        data={"first": first},
        at=now,
    )


def escalate_critical(*, now: dt.datetime | None = None) -> int:
    """Critical feedback that nobody has acknowledged within the set time is escalated:
    notices again, one supervisor level further up, up to the set number of times."""
    now = now or timezone.now()
    wait = dt.timedelta(minutes=settings.PALAUTE_CRITICAL_ESCALATE_MINUTES)
    due = Feedback.objects.filter(
        is_critical=True,
        critical_acknowledged_at__isnull=True,
        critical_notified_at__lte=now - wait,
        critical_level__lt=settings.PALAUTE_CRITICAL_MAX_ESCALATIONS,
    ).exclude(status__in=[Feedback.Status.CLOSED, Feedback.Status.REMOVED])
    escalated = 0
    for feedback in due.select_related("organization", "topic"):
        with transaction.atomic():
            locked = (
                Feedback.objects.select_for_update()
                .filter(pk=feedback.pk, critical_acknowledged_at__isnull=True)
                .first()
            )
            if locked is None or locked.critical_notified_at > now - wait:
                continue
            alert_critical(feedback=locked, level=locked.critical_level + 1, now=now)
            escalated += 1
    return escalated


@transaction.atomic
def save_critical_rule(*, rule: CriticalRule | None, values: dict, actor: User) -> CriticalRule:
    """Create or change an automatic rule. The flags it already set stay: they name the
    rule that fired then."""
    rule = rule or CriticalRule()
    for name, value in values.items():
        setattr(rule, name, value)
    if rule.kind == CriticalRule.Kind.SCORE:
        rule.terms = ""
    else:
        rule.max_nps = rule.statement_value = None
        rule.statement_code = ""
    rule.updated_by = actor
    rule.full_clean()
    rule.save()
    return rule
