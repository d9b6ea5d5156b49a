"""The data subject's export: everything held about one person as a JSON document."""

from __future__ import annotations

from django.utils import timezone

from palaute.feedback.models import Feedback, Intake
from palaute.notifications.models import OutgoingMessage
from palaute.surveys.models import SmsInvitation, SurveyResponse

from .selectors import SubjectData

FORMAT_VERSION = 1


def _time(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _contact(feedback: Feedback) -> dict | None:
    contact = getattr(feedback, "contact", None)
    if contact is None:
        return None
    return {"name": contact.name, "email": contact.email, "phone": contact.phone}


def _survey(response: SurveyResponse) -> dict:
    return {
        "questionnaire": str(response.version.questionnaire),
        "version": response.version.number,
        "channel": response.channel,
        "recommendation": response.nps,
        "respondent": response.respondent,
        "age_group": response.age_group,
        "statements": [
            {
                "code": answer.item.code if answer.item else answer.own_statement.code,
                "statement": (answer.item or answer.own_statement).text,
                "answer": answer.value,
                "dont_know": answer.no_opinion,
            }
            for answer in response.answers.all()
        ],
    }


def _feedback(feedback: Feedback) -> dict:
    survey = getattr(feedback, "survey", None)
    return {
        "reference": feedback.reference,
        "kind": feedback.kind,
        "channel": feedback.channel,
        "language": feedback.language,
        "topic": {"code": feedback.topic.service_code, "name": feedback.topic.name},
        "unit": {"code": feedback.organization.code, "name": feedback.organization.name},
        "status": feedback.status,
        "received_at": _time(feedback.received_at),
        "taken_at": _time(feedback.taken_at),
        "closed_at": _time(feedback.closed_at),
        "published_at": _time(feedback.published_at),
        "publication": feedback.publication_state,
        "publish_consent": feedback.publish_consent,
        "original": {
            "title": feedback.title,
            "text": feedback.text,
            "address": feedback.address,
        },
        "public": {
            "title": feedback.public_title,
            "text": feedback.public_text,
            "address": feedback.public_address,
        },
        "place": {
            "latitude": str(feedback.latitude) if feedback.latitude is not None else None,
            "longitude": str(feedback.longitude) if feedback.longitude is not None else None,
        },
        "contact": _contact(feedback),
        "contact_requested": feedback.contact_requested,
        "contacted_at": _time(feedback.contacted_at),
        "extra_questions": feedback.attributes,
        "channel_details": feedback.channel_private,
        "answers": [
            {
                "created_at": _time(answer.created_at),
                "unit": answer.organization.name,
                "text": answer.text,
            }
            for answer in feedback.sent_answers
        ],
        "attachments": [
            {
                "name": attachment.original_name,
                "content_type": attachment.content_type,
                "size": attachment.size,
                "received_at": _time(attachment.created_at),
            }
            for attachment in feedback.attachments.all()
        ],
        "survey": _survey(survey) if survey is not None else None,
        "personal_data_erased_at": _time(feedback.personal_data_erased_at),
    }


def _message(message: OutgoingMessage) -> dict:
    return {
        "kind": message.kind,
        "medium": message.medium,
        "recipient": message.recipient,
        "subject": message.subject,
        "body": message.body,
        "status": message.status,
        "created_at": _time(message.created_at),
        "sent_at": _time(message.sent_at),
        "feedback": message.feedback.reference if message.feedback_id else None,
    }


def _invitation(invitation: SmsInvitation) -> dict:
    response = invitation.response
    return {
        "kind": invitation.kind,
        "state": invitation.state,
        "unit": invitation.collection_point.organization.name,
        "language": invitation.language,
        "sent_at": _time(invitation.sent_at),
        "score": invitation.score,
        "feedback": response.feedback.reference if response is not None else None,
    }


def _intake(intake: Intake) -> dict:
    """A submission accepted and not recorded as feedback: what was sent, as it is kept."""
    payload = intake.payload or {}
    return {
        "state": intake.state,
        "channel": intake.channel,
        "topic": {"code": intake.topic.service_code, "name": intake.topic.name},
        "received_at": _time(intake.received_at),
        "title": payload.get("title", ""),
        "text": payload.get("text", ""),
        "place": payload.get("location"),
        "contact": payload.get("contact"),
        "contact_requested": payload.get("contact_requested", False),
        "publish_consent": payload.get("publish_consent"),
        "extra_questions": payload.get("attributes", {}),
        "channel_details": payload.get("channel_private", {}),
        "attachments": len(intake.uploads),
    }


def subject_document(data: SubjectData) -> dict:
    """The export: feedback with texts, place, dates, topic, unit, status, answers,
    attachments (names and sizes), contact details, messages and text-message invitations.
    Email addresses and numbers are given as searched; the number itself is never stored
    with invitations, only its keyed hash."""
    return {
        "format": "palaute-subject-export",
        "version": FORMAT_VERSION,
        "generated_at": _time(timezone.now()),
        "searched": {"email": data.subject.email, "phone": data.subject.phone},
        "feedback": [_feedback(item) for item in data.feedback],
        "submissions_being_recorded": [_intake(intake) for intake in data.intakes],
        "messages": [_message(message) for message in data.messages],
        "sms_invitations": [_invitation(invitation) for invitation in data.invitations],
        "sms_opt_out": {"since": _time(data.opt_out.created_at)} if data.opt_out else None,
    }
