"""Writes on questionnaires and answers. Every answer, from any channel, becomes one
Feedback through the same intake as the city's feedback, routed to the collection
point's unit; it is never public (county policy) and anonymous unless contact is asked."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass, field

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from palaute.feedback.models import Feedback
from palaute.feedback.services import (
    ContactInput,
    apply_critical_rules,
    change_status,
    submit_feedback,
)
from palaute.notifications import services as notifications
from palaute.notifications.models import OutgoingMessage
from palaute.organizations.models import Organization, User
from palaute.organizations.selectors import lineage_paths
from palaute.organizations.services import apply_changes, audit

from . import national
from .models import (
    CollectionPoint,
    Item,
    OwnStatement,
    Questionnaire,
    QuestionnaireVersion,
    SmsInvitation,
    SmsOptOut,
    SurveyAnswer,
    SurveyResponse,
    new_code,
)

INVITATION_INTERVAL = dt.timedelta(days=30)
CONVERSATION_LIFETIME = dt.timedelta(days=7)
COMMENT_WAIT = dt.timedelta(hours=24)
AGE_CODES = {code for code, *_labels in national.AGE_GROUPS}


@dataclass
class Answers:
    """What a customer answered; every part is optional, at least one must be given."""

    nps: int | None = None
    statements: dict[str, int | None] = field(default_factory=dict)  # None = don't know
    own: dict[int, int | None] = field(default_factory=dict)
    open_text: str = ""
    respondent: str = ""
    age_group: str = ""
    contact_requested: bool = False
    contact: ContactInput | None = None

    def is_empty(self) -> bool:
        return (
            self.nps is None
            and not self.statements
            and not self.own
            and not self.open_text.strip()
            and not self.contact_requested
        )


# Questionnaires


@transaction.atomic
def load_national_questionnaires() -> list[Questionnaire]:
    """The national questionnaires from palaute.surveys.national; a questionnaire that
    exists keeps its versions (the administrator may have edited them)."""
    loaded = []
    for spec in national.QUESTIONNAIRES:
        questionnaire, created = Questionnaire.objects.get_or_create(
            code=spec["code"],
            defaults={
                "audience": spec["audience"],
                "name_fi": spec["name"][0],
                "name_sv": spec["name"][1],
                "name_en": spec["name"][2],
                "is_national": True,
            },
        )
        if created or not questionnaire.versions.exists():
            version = QuestionnaireVersion.objects.create(
                questionnaire=questionnaire,
                number=1,
                intro_fi=spec["intro"][0],
                intro_sv=spec["intro"][1],
                intro_en=spec["intro"][2],
            )
            for order, item in enumerate(spec["items"], start=1):
                Item.objects.create(
                    version=version,
                    code=item["code"],
                    kind=item["kind"],
                    order=order,
                    text_fi=item["text"][0],
                    text_sv=item["text"][1],
                    text_en=item["text"][2],
                    help_fi=item["help"][0],
                    help_sv=item["help"][1],
                    help_en=item["help"][2],
                )
        loaded.append(questionnaire)
    return loaded


TEXT_FIELDS = ("text_fi", "text_sv", "text_en", "help_fi", "help_sv", "help_en")
INTRO_FIELDS = ("intro_fi", "intro_sv", "intro_en")


@transaction.atomic
def edit_version(
    *, version: QuestionnaireVersion, intro: dict, items: dict[int, dict], actor: User
) -> QuestionnaireVersion:
    """Change the wording. An answered version is never changed: the edit becomes a new
    version, which is then the one in use."""
    version = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_answered:
        previous = version
        last = previous.questionnaire.versions.order_by("-number").first()
        previous.questionnaire.versions.update(is_current=False)
        version = QuestionnaireVersion.objects.create(
            questionnaire=previous.questionnaire,
            number=last.number + 1,
            created_by=actor,
            **{name: getattr(previous, name) for name in INTRO_FIELDS},
        )
        for item in previous.items.all():
            Item.objects.create(
                version=version,
                code=item.code,
                kind=item.kind,
                order=item.order,
                **{name: getattr(item, name) for name in TEXT_FIELDS},
            )
        old_to_new = {
            old.pk: new.pk
            for old, new in zip(
                previous.items.order_by("order", "id"),
                version.items.order_by("order", "id"),
                strict=True,
            )
        }
        items = {old_to_new[pk]: values for pk, values in items.items() if pk in old_to_new}
    for name in INTRO_FIELDS:
        if name in intro:
            setattr(version, name, intro[name])
    version.save()
    for item in version.items.filter(pk__in=list(items)):
        for name in TEXT_FIELDS:
            if name in items[item.pk]:
                setattr(item, name, items[item.pk][name])
        item.save()
    audit(actor=actor, action="questionnaire.edit", target=str(version))
    return version


@transaction.atomic
def save_own_statement(
    *,
    organization: Organization,
    statement: OwnStatement | None,
    code: str,
    texts: dict,
    order: int,
    is_active: bool,
    actor: User,
) -> OwnStatement:
    """An organisation's own statement; rewording an answered one makes a new statement
    in its place, so old answers keep their words."""
    if (
        statement is not None
        and statement.answers.exists()
        and any(
            getattr(statement, name) != texts[name] for name in ("text_fi", "text_sv", "text_en")
        )
    ):
        statement.is_active = False
        statement.save(update_fields=["is_active"])
        statement = OwnStatement(organization=organization, replaces=statement)
    statement = statement or OwnStatement(organization=organization)
    statement.code = code
    statement.order = order
    statement.is_active = is_active
    for name, value in texts.items():
        setattr(statement, name, value)
    statement.save()
    audit(actor=actor, action="own_statement.save", target=f"{organization.code}:{code}")
    return statement


def own_statements_for(*, organization: Organization) -> list[OwnStatement]:
    """The statements of the unit and of every organisation above it, in use."""
    return list(
        OwnStatement.objects.filter(
            organization__path__in=lineage_paths(organization), is_active=True
        ).order_by("organization__depth", "order", "id")
    )


# Answers


def _validate(*, version: QuestionnaireVersion, point: CollectionPoint, answers: Answers) -> None:
    if version.questionnaire_id != point.questionnaire_id:
        raise ValidationError(_("The questionnaire does not belong to this collection point."))
    if answers.is_empty():
        raise ValidationError(_("Answer at least one question."), code="empty")
    if answers.nps is not None and not 0 <= answers.nps <= 10:
        raise ValidationError({"nps": _("The recommendation is a number from 0 to 10.")})
    statements = set(version.items.filter(kind=Item.Kind.STATEMENT).values_list("code", flat=True))
    for code, value in answers.statements.items():
        if code not in statements:
            raise ValidationError(_("Unknown statement: %(code)s") % {"code": code})
        if value is not None and not 1 <= value <= 5:
            raise ValidationError({code: _("Statements are answered from 1 to 5.")})
    allowed_own = set(
        OwnStatement.objects.filter(
            organization__path__in=lineage_paths(point.organization)
        ).values_list("pk", flat=True)
    )
    for pk, value in answers.own.items():
        if pk not in allowed_own:
            raise ValidationError(_("Unknown statement of the organisation."))
        if value is not None and not 1 <= value <= 5:
            raise ValidationError(_("Statements are answered from 1 to 5."))
    if answers.respondent and answers.respondent not in SurveyResponse.Respondent.values:
        raise ValidationError({"respondent": _("Unknown respondent.")})
    if answers.age_group and answers.age_group not in AGE_CODES:
        raise ValidationError({"age_group": _("Unknown age group.")})
    if len(answers.open_text) > 4000:
        raise ValidationError({"open_text": _("At most 4,000 characters.")})


def _title(version: QuestionnaireVersion, answers: Answers) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        name = version.questionnaire.name_fi
        if answers.nps is not None:
            return _("%(name)s: recommendation %(score)d/10") % {"name": name, "score": answers.nps}
        return name


@transaction.atomic
def submit_survey(
    *,
    point: CollectionPoint,
    version: QuestionnaireVersion,
    answers: Answers,
    language: str = "fi",
    idempotency_key: str | None = None,
    recorded_by: User | None = None,
    received_at: dt.datetime | None = None,
    channel: str | None = None,
    notify: bool = True,
) -> SurveyResponse:
    """One filled questionnaire from any channel. A repeated idempotency key returns the
    response already made (the kiosk resends after a lost connection)."""
    if idempotency_key:
        existing = SurveyResponse.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    if not point.is_active:
        raise ValidationError(_("This collection point is no longer in use."), code="inactive")
    _validate(version=version, point=point, answers=answers)
    # Anonymous unless the customer asks to be contacted.
    contact = answers.contact if answers.contact_requested else None
    try:
        # The feedback, the response and the answers in one savepoint: a lost race undoes
        # them all, and the rollup never counts a response without its answers.
        with transaction.atomic():
            submission = submit_feedback(
                topic=point.topic,
                organization=point.organization,
                title=_title(version, answers),
                text=answers.open_text.strip(),
                channel=channel or point.feedback_channel,
                language=language,
                publish_consent=False,
                contact=contact,
                contact_requested=answers.contact_requested,
                actor=recorded_by,
                received_at=received_at,
                source_ref=f"survey:{point.code}",
                # Scores alone are closed on arrival; a comment or a contact request is news.
                notify=notify and bool(answers.open_text.strip() or answers.contact_requested),
                check_critical=False,
            )
            response = SurveyResponse.objects.create(
                feedback=submission.feedback,
                version=version,
                collection_point=point,
                channel=channel or point.feedback_channel,
                nps=answers.nps,
                respondent=answers.respondent,
                age_group=answers.age_group,
                idempotency_key=idempotency_key or None,
                recorded_by=recorded_by,
                created_at=submission.feedback.received_at,
            )
            items = {item.code: item for item in version.items.filter(kind=Item.Kind.STATEMENT)}
            SurveyAnswer.objects.bulk_create(
                [
                    SurveyAnswer(
                        response=response, item=items[code], value=value, no_opinion=value is None
                    )
                    for code, value in answers.statements.items()
                ]
                + [
                    SurveyAnswer(
                        response=response,
                        own_statement_id=pk,
                        value=value,
                        no_opinion=value is None,
                    )
                    for pk, value in answers.own.items()
                ]
            )
    except IntegrityError:
        # Two copies of the same kiosk answer raced; the first one stands.
        existing = (
            SurveyResponse.objects.filter(idempotency_key=idempotency_key).first()
            if idempotency_key
            else None
        )
        if existing is None:
            raise
        return existing
    critical = apply_critical_rules(
        feedback=submission.feedback, nps=answers.nps, answers=dict(answers.statements)
    )
    if not critical and not answers.open_text.strip() and not answers.contact_requested:
        # Scores alone need no handling; they still count in the reports.
        change_status(
            feedback=submission.feedback,
            status=Feedback.Status.CLOSED,
            actor=None,
            note=_("Closed on arrival: answers on the scales only, nothing to handle."),
            at=submission.feedback.received_at,
        )
    return response


# Text messages


def normalize_phone(raw: str) -> str:
    """E.164, e.g. +358401234567; Finnish numbers may be written without the country code."""
    try:
        number = phonenumbers.parse(raw, "FI")
    except phonenumbers.NumberParseException as error:
        raise ValidationError({"phone": _("Enter a valid phone number.")}) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError({"phone": _("Enter a valid phone number.")})
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_hash(e164: str) -> str:
    """A keyed hash: the number itself is never stored with invitations or answers."""
    key = settings.PALAUTE_PHONE_HASH_KEY.encode()
    return hmac.new(key, e164.encode(), hashlib.sha256).hexdigest()


def _sms_text(name: str, language: str, **values) -> str:
    texts = national.SMS_TEXTS[name]
    index = {"fi": 0, "sv": 1, "en": 2}.get(language, 0)
    return (texts[index] or texts[0]).format(**values)


@transaction.atomic
def invite_by_sms(
    *,
    point: CollectionPoint,
    phone: str,
    kind: str,
    language: str = "fi",
    actor: User | None = None,
    now: dt.datetime | None = None,
) -> SmsInvitation:
    """After a visit: a personal link, or the recommendation question to answer by text
    message. At most one invitation per number in 30 days; none to numbers that asked not
    to get them."""
    now = now or timezone.now()
    if not point.is_active:
        raise ValidationError(_("This collection point is no longer in use."), code="inactive")
    number = normalize_phone(phone)
    hashed = phone_hash(number)
    if SmsOptOut.objects.filter(phone_hash=hashed).exists():
        raise ValidationError(
            {
                "phone": ValidationError(
                    _("This number has asked not to get feedback messages."), code="opted_out"
                )
            }
        )
    if SmsInvitation.objects.filter(
        phone_hash=hashed, sent_at__gt=now - INVITATION_INTERVAL
    ).exists():
        raise ValidationError(
            {
                "phone": ValidationError(
                    _("This number got a feedback invitation less than 30 days ago."),
                    code="too_soon",
                )
            }
        )
    invitation = SmsInvitation.objects.create(
        kind=kind,
        collection_point=point,
        phone_hash=hashed,
        language=language,
        sent_by=actor,
        sent_at=now,
    )
    with translation.override(language):
        unit = point.organization.name
        if kind == SmsInvitation.Kind.LINK:
            url = notifications.absolute_url(invitation.get_absolute_url())
            body = _sms_text("invitation", language, unit=unit, url=url)
        else:
            body = _sms_text("question", language, unit=unit)
    notifications.queue_sms(kind=OutgoingMessage.Kind.SURVEY, recipient=number, body=body)
    return invitation


NUMBER_WORDS = {
    "nolla": 0, "yksi": 1, "kaksi": 2, "kolme": 3, "neljä": 4, "viisi": 5, "kuusi": 6,
    "seitsemän": 7, "kahdeksan": 8, "yhdeksän": 9, "kymmenen": 10,
    "noll": 0, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
    "nio": 9, "tio": 10,
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
SCORE = re.compile(r"^\s*(\d{1,2})(?:\s*/\s*10)?(?:[\s.,!:;)-]+(?P<rest>.*))?$", re.S)
STOP_WORDS = {"stop", "ei", "lopeta", "sluta"}
NO_COMMENT_WORDS = {"ei", "no", "nej", "ei kiitos", "nej tack", "no thanks"}


def parse_score(text: str) -> tuple[int, str] | None:
    """A score 0–10 from a reply, leniently ("9", "9/10", " yhdeksän ", "9 hyvä palvelu"),
    and whatever text followed it."""
    cleaned = text.strip()
    match = SCORE.match(cleaned)
    if match:
        score = int(match.group(1))
        return (score, (match.group("rest") or "").strip()) if 0 <= score <= 10 else None
    if not cleaned:
        return None
    # Split at any white space (a reply may continue on a new line); only the number word
    # is lowercased, the comment keeps the customer's own writing.
    first, *rest = cleaned.split(maxsplit=1)
    first = first.lower().strip(".,!?")
    if first in NUMBER_WORDS:
        return NUMBER_WORDS[first], rest[0].strip() if rest else ""
    return None


def _reply(number: str, name: str, language: str) -> None:
    notifications.queue_sms(
        kind=OutgoingMessage.Kind.SURVEY, recipient=number, body=_sms_text(name, language)
    )


def _finish_conversation(invitation: SmsInvitation, comment: str, now: dt.datetime) -> None:
    point = invitation.collection_point
    response = submit_survey(
        point=point,
        version=point.questionnaire.current_version(),
        answers=Answers(nps=invitation.score, open_text=comment),
        language=invitation.language,
        idempotency_key=f"sms-{invitation.pk}",
        channel=CollectionPoint.Channel.SMS,
        received_at=now,
    )
    invitation.response = response
    invitation.state = SmsInvitation.State.DONE
    invitation.save(update_fields=["score", "response", "state", "updated_at"])


@transaction.atomic
def receive_sms(*, sender: str, body: str, now: dt.datetime | None = None) -> str:
    """An inbound text message: an opt-out, a score, or a comment. Returns what was done."""
    now = now or timezone.now()
    try:
        number = normalize_phone(sender)
    except ValidationError:
        return "unknown-sender"
    hashed = phone_hash(number)
    word = body.strip().lower().strip(".!")
    waiting = (
        SmsInvitation.objects.select_for_update()
        .filter(
            phone_hash=hashed,
            kind=SmsInvitation.Kind.CONVERSATION,
            state=SmsInvitation.State.AWAITING_TEXT,
            sent_at__gt=now - CONVERSATION_LIFETIME,
            collection_point__is_active=True,
        )
        .order_by("-sent_at")
        .first()
    )
    if waiting is not None and word in NO_COMMENT_WORDS:
        # "Ei" after the score answers "anything else?": no comment, not a stop.
        _finish_conversation(waiting, "", now)
        _reply(number, "thanks_score_only", waiting.language)
        return "answered"
    if word in STOP_WORDS:
        # Confirmed in the language of the latest invitation to the number, if any.
        latest = (
            SmsInvitation.objects.filter(phone_hash=hashed)
            .order_by("-sent_at")
            .values_list("language", flat=True)
            .first()
        )
        SmsOptOut.objects.get_or_create(phone_hash=hashed, defaults={"reason": "reply"})
        SmsInvitation.objects.filter(
            phone_hash=hashed,
            state__in=[SmsInvitation.State.SENT, SmsInvitation.State.AWAITING_TEXT],
        ).update(state=SmsInvitation.State.EXPIRED)
        _reply(number, "stopped", latest or "fi")
        return "opted-out"
    invitation = (
        SmsInvitation.objects.select_for_update()
        .filter(
            phone_hash=hashed,
            kind=SmsInvitation.Kind.CONVERSATION,
            state__in=[SmsInvitation.State.SENT, SmsInvitation.State.AWAITING_TEXT],
            sent_at__gt=now - CONVERSATION_LIFETIME,
            collection_point__is_active=True,
        )
        .order_by("-sent_at")
        .first()
    )
    if invitation is None:
        return "no-conversation"
    language = invitation.language
    if invitation.state == SmsInvitation.State.SENT:
        parsed = parse_score(body)
        if parsed is None:
            _reply(number, "bad_score", language)
            return "bad-score"
        invitation.score, comment = parsed
        if comment:
            _finish_conversation(invitation, comment, now)
            _reply(number, "thanks", language)
            return "answered"
        invitation.state = SmsInvitation.State.AWAITING_TEXT
        invitation.save(update_fields=["score", "state", "updated_at"])
        _reply(number, "ask_text", language)
        return "score"
    _finish_conversation(invitation, body.strip()[:4000], now)
    _reply(number, "thanks", language)
    return "answered"


def finish_waiting_conversations(*, now: dt.datetime | None = None) -> int:
    """A score whose comment never came is saved as it is after a day; invitations
    never answered expire after a week."""
    now = now or timezone.now()
    done = 0
    waiting = SmsInvitation.objects.filter(
        state=SmsInvitation.State.AWAITING_TEXT, updated_at__lt=now - COMMENT_WAIT
    )
    # A point taken out of use takes no answers: its waiting scores are dropped.
    waiting.filter(collection_point__is_active=False).update(state=SmsInvitation.State.EXPIRED)
    for invitation in waiting.filter(collection_point__is_active=True):
        with transaction.atomic():
            _finish_conversation(invitation, "", now)
            done += 1
    # Only the questions expire after a week; a link stays personal for 30 days.
    SmsInvitation.objects.filter(
        kind=SmsInvitation.Kind.CONVERSATION,
        state=SmsInvitation.State.SENT,
        sent_at__lt=now - CONVERSATION_LIFETIME,
    ).update(state=SmsInvitation.State.EXPIRED)
    return done


def invitation_answered(*, invitation: SmsInvitation, response: SurveyResponse) -> None:
    invitation.response = response
    invitation.state = SmsInvitation.State.DONE
    invitation.save(update_fields=["response", "state", "updated_at"])


def survey_url(point: CollectionPoint) -> str:
    return notifications.absolute_url(reverse("surveys:survey", kwargs={"code": point.code}))


# Collection points and opt-outs


POINT_FIELDS = ("name", "questionnaire", "topic", "is_active")


@transaction.atomic
def create_collection_point(
    *,
    organization: Organization,
    channel: str,
    questionnaire: Questionnaire,
    topic,
    name: str = "",
    actor: User,
) -> CollectionPoint:
    """A new collection point with a fresh unguessable code."""
    point = CollectionPoint.objects.create(
        organization=organization,
        channel=channel,
        questionnaire=questionnaire,
        topic=topic,
        name=name,
    )
    audit(
        actor=actor,
        action="collection_point.create",
        target=f"{organization.code}:{point.channel}",
        data={"point": point.pk},
    )
    return point


@transaction.atomic
def update_collection_point(*, point: CollectionPoint, values: dict, actor: User) -> list[str]:
    """Rename, change the questionnaire or topic, or take out of use. The code stays: the
    printed posters and forms keep working."""
    changed = apply_changes(
        instance=point, values={k: v for k, v in values.items() if k in POINT_FIELDS}
    )
    if changed:
        audit(
            actor=actor,
            action="collection_point.update",
            target=f"{point.organization.code}:{point.channel}",
            data={"point": point.pk, "fields": changed},
        )
    return changed


@transaction.atomic
def new_point_code(*, point: CollectionPoint, actor: User) -> CollectionPoint:
    """A new code, when the old one has leaked: old links, posters and forms stop working."""
    point.code = new_code()
    point.save(update_fields=["code"])
    audit(actor=actor, action="collection_point.new_code", target=point.pk)
    return point


def add_opt_out(*, phone: str, actor: User | None, reason: str = "") -> SmsOptOut:
    """Mark a number as one that gets no feedback messages (asked at the desk, say)."""
    hashed = phone_hash(normalize_phone(phone))
    opt_out, created = SmsOptOut.objects.get_or_create(
        phone_hash=hashed, defaults={"reason": reason[:200]}
    )
    if created and actor is not None:
        audit(actor=actor, action="sms_opt_out.add", target=hashed[:12])
    return opt_out


def remove_opt_out(*, phone: str, actor: User) -> bool:
    """Allow messages again, when the customer says so. Returns whether the number was
    marked."""
    hashed = phone_hash(normalize_phone(phone))
    deleted, _rows = SmsOptOut.objects.filter(phone_hash=hashed).delete()
    if deleted:
        audit(actor=actor, action="sms_opt_out.remove", target=hashed[:12])
    return bool(deleted)


def is_opted_out(*, phone: str) -> bool:
    return SmsOptOut.objects.filter(phone_hash=phone_hash(normalize_phone(phone))).exists()
