"""What Open311 shows of topics and public feedback. Only public data is read here: the
public title, text and place, public answers and public attachments; never contact
details, original texts or internal notes."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from palaute.feedback.deadlines import end_of_day, processing_deadline
from palaute.feedback.models import Event, Feedback, Intake, Topic, TopicAttribute

OPEN_STATUSES = {
    Feedback.Status.RECEIVED,
    Feedback.Status.IN_PROCESSING,
    Feedback.Status.WAITING,
}
# The 6Aika request_history statuses.
HISTORY_STATUS = {
    Feedback.Status.RECEIVED: "received",
    Feedback.Status.IN_PROCESSING: "handling",
    Feedback.Status.WAITING: "handling",
    Feedback.Status.ANSWERED: "done",
    Feedback.Status.CLOSED: "done",
}
# The statuses FixMyStreet reads from servicerequestupdates.
UPDATE_STATUS = {
    Feedback.Status.RECEIVED: "OPEN",
    Feedback.Status.IN_PROCESSING: "IN_PROGRESS",
    Feedback.Status.WAITING: "ACTION_SCHEDULED",
    Feedback.Status.ANSWERED: "CLOSED",
    Feedback.Status.CLOSED: "CLOSED",
}


def w3c(moment: dt.datetime | None) -> str | None:
    """W3C datetime with the zone, in Helsinki time."""
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def absolute(path: str) -> str:
    return f"{settings.PALAUTE_BASE_URL}{path}"


def service(topic: Topic, *, group: str, has_attributes: bool) -> dict:
    return {
        "service_code": topic.service_code,
        "service_name": topic.name,
        "description": topic.description,
        "metadata": has_attributes,
        "type": "realtime",
        "keywords": topic.keywords,
        "group": group,
    }


def attribute(item: TopicAttribute) -> dict:
    data = {
        "variable": item.variable,
        "code": item.code,
        "datatype": item.datatype,
        "required": item.required,
        "datatype_description": item.datatype_description,
        "order": item.order,
        "description": item.description,
    }
    if item.is_list:
        data["values"] = [{"key": value.key, "name": value.name} for value in item.values.all()]
    return data


def service_definition(topic: Topic) -> dict:
    return {
        "service_code": topic.service_code,
        "attributes": [attribute(item) for item in topic.attributes.all()],
    }


def status(feedback: Feedback) -> str:
    return "open" if feedback.status in OPEN_STATUSES else "closed"


def intake_notice(intake: Intake) -> str:
    """What to expect of a request accepted and being recorded, in the asked language."""
    return _("Received and being recorded. Taken into processing by %(date)s.") % {
        "date": date_format(timezone.localtime(processing_deadline(intake.received_at)), "j.n.Y")
    }


def service_notice(feedback: Feedback) -> str:
    """What to expect next, in the asked language."""
    if feedback.estimated_done_on and feedback.status in (
        Feedback.Status.IN_PROCESSING,
        Feedback.Status.WAITING,
    ):
        return _("Estimated to be handled by %(date)s.") % {
            "date": date_format(feedback.estimated_done_on, "j.n.Y")
        }
    if feedback.status == Feedback.Status.RECEIVED:
        return _("Taken into processing by %(date)s.") % {
            "date": date_format(timezone.localtime(feedback.processing_due), "j.n.Y")
        }
    return ""


def _media_urls(feedback: Feedback) -> list[str]:
    return [absolute(attachment.get_absolute_url()) for attachment in feedback.public_attachments]


def _history(feedback: Feedback) -> list[dict]:
    answers = {answer.pk: answer for answer in feedback.public_answers}
    history = []
    for event in feedback.open311_events:
        if event.kind == Event.Kind.CREATED:
            history.append({"time": w3c(event.created_at), "status": "received", "note": ""})
        elif event.kind == Event.Kind.STATUS and event.to_value in HISTORY_STATUS:
            state = HISTORY_STATUS[event.to_value]
            history.append({"time": w3c(event.created_at), "status": state, "note": ""})
        elif event.kind == Event.Kind.ANSWERED:
            answer = answers.get(event.data.get("answer_id"))
            if answer is not None:
                history.append(
                    {"time": w3c(event.created_at), "status": "done", "note": answer.text}
                )
    return history


def request(feedback: Feedback, *, extensions: bool) -> dict:
    answers = feedback.public_answers
    media = _media_urls(feedback)
    expected = (
        end_of_day(feedback.estimated_done_on)
        if feedback.estimated_done_on and feedback.status != Feedback.Status.CLOSED
        else None
    )
    data = {
        "service_request_id": feedback.reference,
        "status": status(feedback),
        "status_notes": answers[-1].text if answers else "",
        "service_name": feedback.topic.name,
        "service_code": feedback.topic.service_code,
        "description": feedback.public_text,
        "agency_responsible": feedback.organization.name,
        "service_notice": service_notice(feedback),
        "requested_datetime": w3c(feedback.received_at),
        "updated_datetime": w3c(feedback.updated_at),
        "expected_datetime": w3c(expected),
        "address": feedback.public_address,
        "address_id": "",
        "zipcode": "",
        "lat": float(feedback.latitude) if feedback.latitude is not None else None,
        "long": float(feedback.longitude) if feedback.longitude is not None else None,
        "media_url": media[0] if media else "",
    }
    if extensions:
        data["extended_attributes"] = {
            "title": feedback.public_title,
            "media_urls": media,
            "detailed_status": feedback.status.upper(),
            "service_object_id": feedback.channel_data.get("service_object_id", ""),
            "service_object_type": feedback.channel_data.get("service_object_type", ""),
            "request_history": _history(feedback),
        }
    return data


def request_update(event: Event) -> dict:
    """One entry of servicerequestupdates: a status change or a public answer."""
    feedback = event.feedback
    if event.kind == Event.Kind.ANSWERED:
        answer = next(
            (a for a in feedback.public_answers if a.pk == event.data.get("answer_id")), None
        )
        description = answer.text if answer else ""
        state = UPDATE_STATUS[Feedback.Status.ANSWERED]
    else:
        description = ""
        state = UPDATE_STATUS.get(event.to_value, "OPEN")
    return {
        "update_id": str(event.pk),
        "service_request_id": feedback.reference,
        "status": state,
        "updated_datetime": w3c(event.created_at),
        "description": description,
        "media_url": "",
    }


def discovery(*, base_url: str) -> dict:
    return {
        "changeset": settings.PALAUTE_OPEN311_CHANGESET,
        "contact": settings.PALAUTE_OPEN311_CONTACT,
        "key_service": settings.PALAUTE_OPEN311_KEY_SERVICE,
        "locales": ["fi_FI", "sv_FI", "en_GB"],
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base_url,
                "changeset": settings.PALAUTE_OPEN311_CHANGESET,
                "type": settings.PALAUTE_OPEN311_TYPE,
                "formats": ["text/xml", "application/json"],
            }
        ],
    }


def base_url() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return absolute(reverse("open311:discovery", kwargs={"format": "json"})).rsplit("/", 1)[0]
