"""Writes for privacy: the access log of looks at personal data; erasing the personal
data of feedback (at the data subject's request and at the end of retention); the data
subject's search and export; key rotation.

Erasure keeps the feedback row, its status, dates, topic, unit, scores and deadlines, so
every report figure stays as it was; it deletes the contact details, attachments (files
too), the original texts and the recipients and bodies of messages to the person.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass
from operator import attrgetter

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from palaute.feedback.events import record_event
from palaute.feedback.models import (
    Attachment,
    Contact,
    Event,
    Feedback,
    Intake,
    StagedUpload,
    TopicAttribute,
)
from palaute.feedback.services import DONE_STATUSES, redaction_mark, refresh_publication
from palaute.notifications.models import OutgoingMessage
from palaute.organizations.models import User
from palaute.organizations.services import audit
from palaute.querysets import keyset_chunks
from palaute.surveys.models import SmsInvitation

from . import crypto, selectors
from .access_log import log_bulk_access, months_before
from .fields import encrypted_fields, raw_rows, write_raw
from .models import AccessLog
from .selectors import Subject, SubjectData

log = logging.getLogger(__name__)


@dataclass
class Erased:
    """What one erasure deleted, for the event, the audit and the log line."""

    feedback: int = 0
    contacts: int = 0
    attachments: int = 0
    attachment_bytes: int = 0
    messages: int = 0
    invitations: int = 0
    intakes: int = 0

    def add(self, other: Erased) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def _clear_messages(messages) -> int:
    """Recipients and bodies emptied; what was still waiting is never sent."""
    messages.filter(status=OutgoingMessage.Status.PENDING).update(
        status=OutgoingMessage.Status.CANCELLED
    )
    return messages.update(recipient="", body="", recipient_digest="")


_FREE_TEXT = {TopicAttribute.Datatype.STRING, TopicAttribute.Datatype.TEXT}


def _erase_free_answers(*, feedback: Feedback, mark: str) -> dict:
    """Answers to the topic's extra questions with free text in them become the mark;
    numbers, dates and choices stay for the statistics. An answer to a question the topic
    no longer has is treated as free text."""
    kinds = dict(
        TopicAttribute.objects.filter(topic_id=feedback.topic_id).values_list("code", "datatype")
    )
    return {
        code: mark if kinds.get(code, TopicAttribute.Datatype.TEXT) in _FREE_TEXT else value
        for code, value in feedback.attributes.items()
    }


def _erase_critical_words(*, feedback: Feedback, mark: str) -> None:
    """The words of the text that made the automatic rules fire go; which rules fired
    stays. The same words in the reason and in the flag's event go too."""
    matched = {item.get("matched", "") for item in feedback.critical_rules} - {""}
    if not matched:
        return
    feedback.critical_rules = [
        {**item, "matched": mark} if item.get("matched") else item
        for item in feedback.critical_rules
    ]

    def scrub(text: str) -> str:
        for words in sorted(matched, key=len, reverse=True):
            text = text.replace(words, mark)
        return text

    if feedback.critical_source == Feedback.CriticalSource.RULE:
        feedback.critical_reason = scrub(feedback.critical_reason)
    for event in Event.objects.filter(feedback=feedback, kind=Event.Kind.CRITICAL):
        if (scrubbed := scrub(event.note)) != event.note:
            event.note = scrubbed
            event.save(update_fields=["note"])


def _delete_files(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        try:
            default_storage.delete(name)
        except Exception:  # a file system's OSError or an object store's client error
            log.exception("could not delete the erased attachment file %s", name)


def erase_intake(*, intake_id: int, note: str, now: dt.datetime | None = None) -> bool:
    """Erase what a submission accepted and not recorded holds: its payload, search keys
    and files. One not recorded yet never will be (it is marked failed with the note); one
    recorded meanwhile is left, as its feedback holds the data now and is found by the next
    search. Whether anything was erased."""
    with transaction.atomic():
        intake = (
            Intake.objects.select_for_update()
            .filter(pk=intake_id, personal_data_erased_at__isnull=True)
            .exclude(state=Intake.State.RECORDED)
            .first()
        )
        if intake is None:
            return False
        staged = StagedUpload.objects.filter(pk__in=intake.uploads)
        names = [upload.file.name for upload in staged]
        staged.delete()
        transaction.on_commit(lambda: _delete_files(names))
        intake.payload, intake.email_digest, intake.phone_digest, intake.uploads = {}, "", "", []
        intake.state = Intake.State.FAILED
        intake.last_error = note
        intake.personal_data_erased_at = now or timezone.now()
        intake.save(
            update_fields=[
                "payload",
                "email_digest",
                "phone_digest",
                "uploads",
                "state",
                "last_error",
                "personal_data_erased_at",
                "updated_at",
            ]
        )
    return True


@transaction.atomic
def erase_feedback(
    *,
    feedback: Feedback,
    erasure: str,
    reason: str = "",
    actor: User | None = None,
    now: dt.datetime | None = None,
) -> Erased:
    """Erase the personal data of one feedback; the row and its statistics stay.

    Deleted: contact details, attachments and their files, the original title, text and
    address, free-text answers to the topic's extra questions, the words that made the
    critical rules fire, the sender's channel details, and the recipients and bodies of
    messages to the sender. A feedback that is public at the end of retention keeps its
    public texts, which become its original too; otherwise the public texts go as well and
    the feedback is never public again. At the data subject's request the feedback is
    withdrawn from publication.
    """
    now = now or timezone.now()
    feedback = (
        Feedback.objects.select_for_update(of=("self",))
        .select_related("topic", "organization")
        .get(pk=feedback.pk)
    )
    erased = Erased(feedback=1)
    mark = redaction_mark(feedback.language)
    keep_public = erasure == Feedback.Erasure.RETENTION and feedback.is_published

    erased.contacts, _rows = Contact.objects.filter(feedback=feedback).delete()
    attachments = list(Attachment.objects.filter(feedback=feedback))
    erased.attachments = len(attachments)
    erased.attachment_bytes = sum(attachment.size for attachment in attachments)
    names = [attachment.file.name for attachment in attachments if attachment.file.name]
    Attachment.objects.filter(pk__in=[attachment.pk for attachment in attachments]).delete()
    transaction.on_commit(lambda: _delete_files(names))
    erased.messages = _clear_messages(
        OutgoingMessage.objects.filter(feedback=feedback, user__isnull=True)
    )
    erased.invitations = (
        SmsInvitation.objects.filter(response__feedback=feedback)
        .exclude(phone_hash="")
        .update(phone_hash="")
    )

    if keep_public:
        feedback.title = feedback.public_title
        feedback.text = feedback.public_text
        feedback.address = feedback.public_address
    else:
        feedback.title = mark
        feedback.text = mark if feedback.text else ""
        feedback.address = ""
    if not feedback.is_published:
        feedback.public_title = mark
        feedback.public_text = mark if feedback.public_text else ""
        feedback.public_address = ""
        feedback.latitude = feedback.longitude = None
    feedback.sensitive_findings = []
    feedback.channel_private = {}
    feedback.attributes = _erase_free_answers(feedback=feedback, mark=mark)
    _erase_critical_words(feedback=feedback, mark=mark)
    feedback.personal_data_erased_at = now
    feedback.erasure = erasure
    feedback.erasure_reason = reason.strip()
    feedback.publication_withdrawn = feedback.publication_withdrawn or not keep_public
    feedback.save(
        update_fields=[
            "title",
            "text",
            "address",
            "public_title",
            "public_text",
            "public_address",
            "latitude",
            "longitude",
            "sensitive_findings",
            "channel_private",
            "attributes",
            "critical_rules",
            "critical_reason",
            "personal_data_erased_at",
            "erasure",
            "erasure_reason",
            "publication_withdrawn",
            "updated_at",
        ]
    )
    record_event(
        feedback=feedback,
        kind=Event.Kind.ERASED,
        actor=actor,
        to_value=erasure,
        note=reason.strip(),
        data={**erased.as_dict(), "public_text_kept": keep_public},
        at=now,
    )
    refresh_publication(feedback=feedback, actor=actor, note=reason.strip())
    return erased


# Retention


def erase_expired(*, now: dt.datetime | None = None, batch_size: int = 200) -> Erased:
    """The daily job: erase the personal data of feedback closed (or removed) longer ago than
    its organisation's retention period. Each feedback is erased in its own transaction and
    only while it is still closed, so a feedback reopened meanwhile is kept; erased feedback
    is not touched again unless it was reopened and closed after the erasure."""
    now = now or timezone.now()
    total = Erased()
    groups: dict[int, list[int]] = defaultdict(list)
    for organization, months in selectors.retention_months().items():
        groups[months].append(organization)
    for months, organizations in sorted(groups.items()):
        cutoff = months_before(now, months)
        due = Feedback.objects.filter(
            Q(personal_data_erased_at__isnull=True) | Q(personal_data_erased_at__lt=F("closed_at")),
            organization_id__in=organizations,
            status__in=DONE_STATUSES,
            closed_at__lte=cutoff,
        ).order_by("closed_at", "pk")
        seen: set[int] = set()
        while batch := [
            pk for pk in due.values_list("pk", flat=True)[:batch_size] if pk not in seen
        ]:
            for pk in batch:
                seen.add(pk)
                with transaction.atomic():
                    feedback = due.select_for_update().filter(pk=pk).first()
                    if feedback is None:
                        continue
                    total.add(
                        erase_feedback(
                            feedback=feedback,
                            erasure=Feedback.Erasure.RETENTION,
                            now=now,
                        )
                    )
    # Submissions that could not be recorded wait for staff as long as closed feedback.
    cutoff = months_before(now, settings.PALAUTE_RETENTION_MONTHS)
    for pk in Intake.objects.filter(
        state=Intake.State.FAILED, received_at__lte=cutoff, personal_data_erased_at__isnull=True
    ).values_list("pk", flat=True):
        total.intakes += erase_intake(intake_id=pk, note=_("The retention period ended."), now=now)
    log.info(
        "retention: personal data erased from %d feedback (%d contact details, %d attachments "
        "of %d bytes, %d messages, %d invitations) and %d submissions not recorded",
        total.feedback,
        total.contacts,
        total.attachments,
        total.attachment_bytes,
        total.messages,
        total.invitations,
        total.intakes,
    )
    return total


# The data subject's rights


def _subject_events(*, data: SubjectData, kind: str, actor: User, note: str = "") -> None:
    now = timezone.now()
    Event.objects.bulk_create(
        [
            Event(feedback=item, kind=kind, actor=actor, note=note, created_at=now)
            for item in data.feedback
        ]
    )


def _validate_subject(subject: Subject) -> None:
    if not (subject.email.strip() or subject.phone.strip()):
        raise ValidationError(_("Give an email address or a phone number."), code="empty")


def _look_up_subject(
    *, user: User, subject: Subject, client_address: str, action: str
) -> SubjectData:
    """Everything held about the person within the user's subtree, and the look at it
    logged: in the audit log, on every feedback found, and in the access log (contact
    details and original texts are shown or exported)."""
    _validate_subject(subject)
    exported = action == "subject.export"
    with transaction.atomic():
        data = selectors.subject_data(user=user, subject=subject)
        log_bulk_access(
            user=user,
            kind=AccessLog.Kind.EXPORT_CONTACTS if exported else AccessLog.Kind.CONTACT,
            feedback=data.feedback,
            client_address=client_address,
            purpose=_("The data subject's request"),
        )
        audit(
            actor=user,
            action=action,
            target="subject",
            data={"digests": subject.digests(), "references": [f.reference for f in data.feedback]},
        )
        kind = Event.Kind.SUBJECT_EXPORTED if exported else Event.Kind.SUBJECT_FOUND
        _subject_events(data=data, kind=kind, actor=user)
    return data


def find_subject(*, user: User, subject: Subject, client_address: str = "") -> SubjectData:
    """Everything held about the person within the user's subtree, for the page."""
    return _look_up_subject(
        user=user, subject=subject, client_address=client_address, action="subject.search"
    )


def export_subject(*, user: User, subject: Subject, client_address: str = "") -> dict:
    """Everything held about the person as one JSON document; logged like a search."""
    from .export import subject_document

    data = _look_up_subject(
        user=user, subject=subject, client_address=client_address, action="subject.export"
    )
    return subject_document(data)


@transaction.atomic
def erase_subject(*, user: User, subject: Subject, reason: str) -> Erased:
    """Erase everything held about the person within the user's subtree: the personal
    data of each of their feedback, messages to their address, and the link of their number
    to text-message invitations. Opt-outs stay, so they get no messages again."""
    _validate_subject(subject)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason, such as the request's reference.")})
    data = selectors.subject_data(user=user, subject=subject)
    total = Erased()
    for item in data.feedback:
        total.add(
            erase_feedback(
                feedback=item, erasure=Feedback.Erasure.REQUEST, reason=reason, actor=user
            )
        )
    erased_ids = {item.pk for item in data.feedback}
    total.messages += _clear_messages(
        OutgoingMessage.objects.filter(
            pk__in=[m.pk for m in data.messages if m.feedback_id not in erased_ids]
        )
    )
    total.invitations += (
        SmsInvitation.objects.filter(pk__in=[invitation.pk for invitation in data.invitations])
        .exclude(phone_hash="")
        .update(phone_hash="")
    )
    for intake in data.intakes:
        total.intakes += erase_intake(
            intake_id=intake.pk, note=_("Erased at the data subject's request.")
        )
    audit(
        actor=user,
        action="subject.erase",
        target="subject",
        data={
            "digests": subject.digests(),
            "references": [f.reference for f in data.feedback],
            "reason": reason.strip(),
            **total.as_dict(),
        },
    )
    log.info(
        "subject erasure by %s: %d feedback, %d messages, %d invitations",
        user.username,
        total.feedback,
        total.messages,
        total.invitations,
    )
    return total


# Key rotation


@dataclass(frozen=True, slots=True)
class Rotation:
    model: str
    rotated: int
    current: int


def rotate_field_keys(*, batch_size: int = 500) -> list[Rotation]:
    """Re-encrypt with the first key of PALAUTE_FIELD_KEYS every value encrypted with
    another; values already under it are left alone, so running it again changes nothing.
    A row changed while its batch was read is left for the next run."""
    results = []
    for model in apps.get_models():
        names = encrypted_fields(model)
        if not names:
            continue
        rotated = current = 0
        for batch in raw_rows(model._base_manager.all(), names, batch=batch_size):
            with transaction.atomic():
                for pk, values in batch:
                    changed = {}
                    for name, raw in values.items():
                        if not raw:
                            continue
                        if crypto.is_current(raw):
                            current += 1
                            continue
                        try:
                            changed[name] = crypto.rotate(raw)
                        except crypto.UndecryptableValue as error:
                            raise crypto.UndecryptableValue(
                                f"{model._meta.label} {pk} {name}: {error}"
                            ) from error
                    expected = {name: values[name] for name in changed}
                    if changed and write_raw(model, pk, changed, expected=expected):
                        rotated += len(changed)
        results.append(Rotation(model=model._meta.label, rotated=rotated, current=current))
    return results


def _intake_contact(name: str):
    def read(intake: Intake) -> str:
        return ((intake.payload or {}).get("contact") or {}).get(name, "")

    return read


# The blind indexes per table: the digest's field, the field its value is read from, how
# the value is read from the row, and how the digest is made.
BLIND_INDEXES = (
    (
        Contact,
        (
            ("email_digest", "email", attrgetter("email"), crypto.email_digest),
            ("phone_digest", "phone", attrgetter("phone"), crypto.phone_digest),
        ),
    ),
    (
        OutgoingMessage,
        (("recipient_digest", "recipient", attrgetter("recipient"), crypto.address_digest),),
    ),
    (
        Intake,
        (
            ("email_digest", "payload", _intake_contact("email"), crypto.email_digest),
            ("phone_digest", "payload", _intake_contact("phone"), crypto.phone_digest),
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class Reindexing:
    model: str
    rewritten: int
    current: int


def rotate_blind_index(*, batch_size: int = 500) -> list[Reindexing]:
    """Rewrite every blind index under the current PALAUTE_BLIND_INDEX_KEY from the
    decrypted values; digests already under it are left, so running it again changes
    nothing. While it runs, searches also try the old keys of
    PALAUTE_BLIND_INDEX_KEY_FALLBACKS."""
    results = []
    for model, indexes in BLIND_INDEXES:
        rewritten = current = 0
        fields = {name for index in indexes for name in index[:2]}
        queryset = model._base_manager.only("pk", *fields)
        for rows in keyset_chunks(queryset, field="pk", size=batch_size):
            for row in rows:
                wanted = {digest: compute(read(row)) for digest, _field, read, compute in indexes}
                changed = {
                    name: value for name, value in wanted.items() if getattr(row, name) != value
                }
                if changed:
                    # Only while the row still holds what was read: a newer write wins.
                    unchanged = {digest: getattr(row, digest) for digest in changed}
                    rewritten += model._base_manager.filter(pk=row.pk, **unchanged).update(
                        **changed
                    )
                else:
                    current += 1
        results.append(Reindexing(model=model._meta.label, rewritten=rewritten, current=current))
    return results
