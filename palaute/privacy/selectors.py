"""Reads for privacy: everything held about one person, the retention periods, and the
access log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet

from palaute.feedback.models import Answer, Feedback, Intake
from palaute.notifications.models import OutgoingMessage
from palaute.organizations import policy
from palaute.organizations.models import Organization, User
from palaute.organizations.policy import Action
from palaute.querysets import keyset_chunks
from palaute.surveys import services as survey_services
from palaute.surveys.figures import local_bounds
from palaute.surveys.models import SmsInvitation, SmsOptOut

from . import crypto
from .models import AccessLog

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


@dataclass(frozen=True, slots=True)
class Subject:
    """Whom to look for: an email address, a phone number, or both (exact matches)."""

    email: str = ""
    phone: str = ""

    @property
    def email_digest(self) -> str:
        return crypto.email_digest(self.email)

    @property
    def phone_digest(self) -> str:
        return crypto.phone_digest(self.phone)

    @property
    def email_digests(self) -> list[str]:
        """What to search: the digest under every blind-index key in use."""
        return crypto.email_digests(self.email)

    @property
    def phone_digests(self) -> list[str]:
        return crypto.phone_digests(self.phone)

    @property
    def phone_hash(self) -> str:
        """The keyed hash the text-message surveys keep instead of the number."""
        normalized = crypto.normalize_phone(self.phone)
        return survey_services.phone_hash(normalized) if normalized else ""

    def digests(self) -> dict[str, str]:
        """For the audit log: the blind indexes, never the values themselves."""
        return {
            name: value
            for name, value in (("email", self.email_digest), ("phone", self.phone_digest))
            if value
        }


@dataclass
class SubjectData:
    """What is held about one person within the searcher's subtree."""

    subject: Subject
    feedback: list[Feedback] = field(default_factory=list)
    messages: list[OutgoingMessage] = field(default_factory=list)
    invitations: list[SmsInvitation] = field(default_factory=list)
    opt_out: SmsOptOut | None = None
    # Submissions accepted but not recorded as feedback (being recorded, or failed).
    intakes: list[Intake] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.feedback or self.messages or self.invitations or self.opt_out or self.intakes
        )


def _invitations(*, user: User, subject: Subject) -> QuerySet[SmsInvitation]:
    if not subject.phone_hash:
        return SmsInvitation.objects.none()
    return policy.scope(
        user=user,
        action=Action.SUBJECT_RIGHTS,
        queryset=SmsInvitation.objects.filter(phone_hash=subject.phone_hash),
        field="collection_point__organization__path",
    )


def subject_feedback(*, user: User, subject: Subject) -> QuerySet[Feedback]:
    """The person's feedback: given with their email or phone, or answered through a text
    message invitation to their number; within the user's subtree."""
    match = Q(pk__in=[])
    if subject.email_digests:
        match |= Q(contact__email_digest__in=subject.email_digests)
    if subject.phone_digests:
        match |= Q(contact__phone_digest__in=subject.phone_digests)
    invited = _invitations(user=user, subject=subject).filter(response__isnull=False)
    match |= Q(pk__in=invited.values("response__feedback_id"))
    return policy.scope(
        user=user,
        action=Action.SUBJECT_RIGHTS,
        queryset=Feedback.objects.filter(match),
    ).distinct()


def subject_intakes(*, user: User, subject: Subject) -> QuerySet[Intake]:
    """Submissions accepted and not recorded that hold the person's contact details. Not
    routed yet, they belong to no unit: only those who act at the top of a tree find them
    (a recorded one is found as feedback; its intake holds nothing any more)."""
    if not policy.can_at_top(user=user, action=Action.SUBJECT_RIGHTS):
        return Intake.objects.none()
    match = Q(pk__in=[])
    if subject.email_digests:
        match |= Q(email_digest__in=subject.email_digests)
    if subject.phone_digests:
        match |= Q(phone_digest__in=subject.phone_digests)
    return (
        Intake.objects.filter(match)
        .exclude(state=Intake.State.RECORDED)
        .select_related("topic")
        .order_by("received_at", "id")
    )


def subject_messages(
    *, user: User, subject: Subject, feedback_ids: list[int]
) -> QuerySet[OutgoingMessage]:
    """Messages to the person: those about their feedback, and those to their address;
    messages tied to no feedback only for those who act at the top of a tree."""
    digests = [*subject.email_digests, *subject.phone_digests]
    to_them = Q(recipient_digest__in=digests) if digests else Q(pk__in=[])
    customer = OutgoingMessage.objects.filter(user__isnull=True)
    about = customer.filter(Q(feedback_id__in=feedback_ids) | (to_them & Q(feedback__isnull=False)))
    about = policy.scope(
        user=user,
        action=Action.SUBJECT_RIGHTS,
        queryset=about,
        field="feedback__organization__path",
    )
    found = Q(pk__in=about.values("pk"))
    if policy.can_at_top(user=user, action=Action.SUBJECT_RIGHTS):
        found |= to_them & Q(feedback__isnull=True)
    return customer.filter(found).select_related("feedback").order_by("created_at", "id")


def subject_data(*, user: User, subject: Subject) -> SubjectData:
    feedback = list(
        subject_feedback(user=user, subject=subject)
        .select_related("topic", "organization", "contact", "survey__version__questionnaire")
        .prefetch_related(
            "attachments",
            Prefetch("answers", queryset=Answer.objects.public(), to_attr="sent_answers"),
            "survey__answers__item",
            "survey__answers__own_statement",
        )
        .order_by("received_at", "id")
    )
    opt_out = (
        SmsOptOut.objects.filter(phone_hash=subject.phone_hash).first()
        if subject.phone_hash
        else None
    )
    return SubjectData(
        subject=subject,
        feedback=feedback,
        messages=list(
            subject_messages(user=user, subject=subject, feedback_ids=[f.pk for f in feedback])
        ),
        invitations=list(
            _invitations(user=user, subject=subject)
            .select_related("collection_point__organization", "response__feedback")
            .order_by("sent_at", "id")
        ),
        opt_out=opt_out,
        intakes=list(subject_intakes(user=user, subject=subject)),
    )


# Retention


def retention_months() -> dict[int, int]:
    """The retention period of every organisation in months: its own, else the nearest
    setting above it, else PALAUTE_RETENTION_MONTHS at the top."""
    step = Organization.steplen
    by_path: dict[str, int] = {}
    periods: dict[int, int] = {}
    for pk, path, months in Organization.objects.order_by("path").values_list(
        "pk", "path", "retention_months"
    ):
        inherited = by_path.get(path[:-step], settings.PALAUTE_RETENTION_MONTHS)
        by_path[path] = periods[pk] = months if months is not None else inherited
    return periods


def effective_retention_months(*, organization: Organization) -> int:
    """The period that applies to the organisation's feedback now."""
    return retention_months().get(organization.pk, settings.PALAUTE_RETENTION_MONTHS)


def inherited_retention_months(*, organization: Organization) -> int:
    """The period the organisation would have without a setting of its own."""
    parent = Organization.objects.get_parent(organization)
    if parent is None:
        return settings.PALAUTE_RETENTION_MONTHS
    return effective_retention_months(organization=parent)


# The access log


def _mentions(reference: str) -> Q:
    """Rows about the feedback: its single looks, and lists and exports that showed it."""
    return (
        Q(reference=reference)
        | Q(references=reference)
        | Q(references__startswith=f"{reference} ")
        | Q(references__endswith=f" {reference}")
        | Q(references__contains=f" {reference} ")
    )


def access_log(
    *,
    user: User | AnonymousUser,
    person: str = "",
    reference: str = "",
    kind: str = "",
    organization: Organization | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet[AccessLog]:
    """The rows the user may audit (the access log of their subtree), newest first,
    filtered by who looked (user name or name, in part), the feedback's reference, the
    kind of look, an organisation with everything below it, and local dates start..end."""
    rows = policy.scope(
        user=user, action=policy.Action.AUDIT_ACCESS, queryset=AccessLog.objects.all()
    ).select_related("organization")
    for term in person.split()[:4]:
        rows = rows.filter(Q(username__icontains=term) | Q(full_name__icontains=term))
    if reference:
        rows = rows.filter(_mentions(reference))
    if kind:
        rows = rows.filter(kind=kind)
    if organization is not None:
        rows = rows.filter(organization__path__startswith=organization.path)
    if start is not None:
        rows = rows.filter(created_at__gte=local_bounds(start=start, end=start)[0])
    if end is not None:
        rows = rows.filter(created_at__lt=local_bounds(start=end, end=end)[1])
    return rows.order_by("-created_at", "-id")


def access_log_chunks(rows: QuerySet[AccessLog], *, size: int = 1000) -> Iterator[list[AccessLog]]:
    """The rows newest first, read a chunk at a time, so an export of a big log streams
    without holding the result or a cursor open."""
    return keyset_chunks(rows, field="created_at", descending=True, size=size)
