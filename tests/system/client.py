"""What system tests do over HTTP and read back: the feedback form as a browser sends it, an
Open311 POST, the reference on a tracking page, the mail that Django's file backend wrote.

With Redis the nodes take submissions in the background (deferred intake): the tracking
page says the feedback is being recorded and Open311 answers with a token, so the helpers
wait, as a sender or FixMyStreet would, until the feedback has its reference."""

from __future__ import annotations

import email
import re
import time
from email.header import decode_header, make_header
from pathlib import Path

import requests

# Generous: the first feedback of a fresh process loads the word lists of the checks.
TIMEOUT = 60
# How long a submission may take to be recorded, the sweep's half a minute included.
RECORDING_TIMEOUT = 90


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def form_submission(base: str, *, email_address: str, title: str, photo: bytes | None = None):
    """The feedback form as a browser sends it; the tracking address it leads to."""
    session = requests.Session()
    form = session.get(f"{base}/feedback/new/", timeout=TIMEOUT)
    assert form.status_code == 200
    token = csrf_token(form.text)
    data = {
        "csrfmiddlewaretoken": token,
        "topic": "maintenance",
        "kind": "feedback",
        "title": title,
        "text": "Kauppakadun ja Puijonkadun risteyksessä on syvä kuoppa.",
        "email": email_address,
        "publish_consent": "on",
        "website": "",
    }
    files = None
    if photo is not None:
        data["rights_confirmed"] = "on"
        files = {"files": ("kuva.png", photo, "image/png")}
    sent = session.post(f"{base}/feedback/new/", data=data, files=files, timeout=TIMEOUT)
    assert sent.status_code == 200, sent.text[:3000]
    assert "/track/" in sent.url, sent.text[:3000]
    return sent.url.removeprefix(base)


def open311_submission(base: str, *, api_key: str, email_address: str, title: str) -> str:
    response = requests.post(
        f"{base}/open311/v2/requests.json",
        data={
            "api_key": api_key,
            "service_code": "maintenance",
            "title": title,
            "description": f"{title}: Kadulla on syvä kuoppa.",
            "email": email_address,
        },
        timeout=TIMEOUT,
    )
    assert response.status_code == 201, response.text
    answer = response.json()[0]
    if "service_request_id" in answer:
        return answer["service_request_id"]
    return recorded_id(base, answer["token"])


def recorded_id(base: str, token: str) -> str:
    """The service_request_id that tokens/{token} gives once the request is recorded."""
    deadline = time.monotonic() + RECORDING_TIMEOUT
    while True:
        answer = requests.get(f"{base}/open311/v2/tokens/{token}.json", timeout=TIMEOUT)
        assert answer.status_code == 200, answer.text
        if "service_request_id" in answer.json()[0]:
            return answer.json()[0]["service_request_id"]
        assert time.monotonic() < deadline, f"token {token} was not recorded"
        time.sleep(0.5)


def reference_of(base: str, tracking_path: str) -> str:
    """The reference on the tracking page, once the feedback is recorded."""
    deadline = time.monotonic() + RECORDING_TIMEOUT
    while True:
        page = requests.get(f"{base}{tracking_path}", timeout=TIMEOUT)
        assert page.status_code == 200
        if 'id="intake-pending"' not in page.text:
            return re.search(r"\b\d{4}-\d+\b", page.text).group(0)
        assert time.monotonic() < deadline, f"{tracking_path} was not recorded"
        time.sleep(0.5)


def mail_messages(mail_dir: Path) -> list[tuple[str, str]]:
    """(To, Subject) of each message Django's file backend wrote, each followed by a line
    of 79 dashes."""
    messages = []
    for path in sorted(mail_dir.iterdir()):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                message = email.message_from_bytes(chunk.lstrip(b"\n"))
                subject = str(make_header(decode_header(message["Subject"])))
                messages.append((message["To"], subject))
    return messages
