"""What a back-office page shows of the senders' personal data (contact details, original
titles, texts, places, attachments) is written to the access log (palaute.privacy) before
the page is sent."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest

from palaute.addresses import client_address
from palaute.feedback.models import Feedback
from palaute.privacy import access_log
from palaute.privacy.models import AccessLog

Kind = AccessLog.Kind


def record_look(
    request: HttpRequest, *, kind: AccessLog.Kind, feedback: Feedback, purpose: str = ""
) -> None:
    access_log.log_access(
        user=request.user,
        kind=kind,
        feedback=feedback,
        client_address=client_address(request),
        purpose=purpose,
    )


def record_list(request: HttpRequest, *, feedback: Iterable[Feedback], purpose: str = "") -> None:
    """A page listing original titles or excerpts: one look at all it showed."""
    shown = list(feedback)
    if shown:
        access_log.log_bulk_access(
            user=request.user,
            kind=Kind.LIST,
            feedback=shown,
            client_address=client_address(request),
            purpose=purpose,
        )
