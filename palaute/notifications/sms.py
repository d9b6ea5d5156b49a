"""Text messages through a gateway backend: the console or a file by default, Twilio's
REST API in production. Inbound messages are checked by the gateway's signature (Twilio)
or a shared secret (the others)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import constant_time_compare

log = logging.getLogger(__name__)


class SmsError(Exception):
    """The gateway did not take the message; the outbox tries again later."""


class ConsoleSmsBackend:
    def send(self, *, to: str, body: str) -> str:
        sys.stdout.write(f"SMS to {to}:\n{body}\n\n")
        sys.stdout.flush()
        return ""


class FileSmsBackend:
    """Each message as a file in PALAUTE_SMS_FILE_PATH, for development and tests."""

    def send(self, *, to: str, body: str) -> str:
        folder = Path(settings.PALAUTE_SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{timezone.now():%Y%m%d-%H%M%S-%f}.json"
        (folder / name).write_text(json.dumps({"to": to, "body": body}, ensure_ascii=False))
        return name


class TwilioSmsBackend:
    """Twilio's Messages API: POST /2010-04-01/Accounts/{sid}/Messages.json with basic
    authentication; TWILIO_API_URL may point elsewhere (a test server, a proxy)."""

    def send(self, *, to: str, body: str) -> str:
        sid = settings.TWILIO_ACCOUNT_SID
        url = f"{settings.TWILIO_API_URL.rstrip('/')}/2010-04-01/Accounts/{sid}/Messages.json"
        data = urllib.parse.urlencode(
            {"To": to, "From": settings.TWILIO_FROM, "Body": body}
        ).encode()
        credentials = base64.b64encode(f"{sid}:{settings.TWILIO_AUTH_TOKEN}".encode()).decode()
        request = urllib.request.Request(  # noqa: S310 - the URL comes from settings
            url,
            data=data,
            method="POST",
            headers={
                "Authorization": f"Basic {credentials}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.EMAIL_TIMEOUT) as response:  # noqa: S310
                answer = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            # Twilio's error texts can quote the number ("The 'To' number +358… is not
            # valid"); the error is kept in the outbox, the number must not be.
            detail = error.read()[:200].decode("utf-8", "replace").replace(to, "[number]")
            raise SmsError(f"gateway answered {error.code}: {detail}") from error
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            raise SmsError(f"gateway not reached: {error}") from error
        return str(answer.get("sid", ""))


BACKENDS = {"console": ConsoleSmsBackend, "file": FileSmsBackend, "twilio": TwilioSmsBackend}


def backend():
    return BACKENDS[settings.PALAUTE_SMS_BACKEND]()


def send(*, to: str, body: str) -> str:
    return backend().send(to=to, body=body)


def twilio_signature(*, url: str, params: dict[str, str], token: str) -> str:
    """Twilio's X-Twilio-Signature: HMAC-SHA1 over the URL and the sorted parameters."""
    payload = url + "".join(f"{key}{params[key]}" for key in sorted(params))
    digest = hmac.new(token.encode(), payload.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def inbound_is_genuine(request) -> bool:
    """Whether an inbound message really comes from the gateway."""
    if settings.PALAUTE_SMS_BACKEND == "twilio":
        if not settings.TWILIO_AUTH_TOKEN:
            return False  # with an empty key anyone could sign
        expected = twilio_signature(
            url=request.build_absolute_uri(),
            params={key: request.POST[key] for key in request.POST},
            token=settings.TWILIO_AUTH_TOKEN,
        )
        return constant_time_compare(request.headers.get("X-Twilio-Signature", ""), expected)
    secret = settings.PALAUTE_SMS_INBOUND_SECRET
    given = request.headers.get("X-Palaute-Secret", "")
    return bool(secret) and constant_time_compare(given, secret)
