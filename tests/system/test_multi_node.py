"""Two stateless web nodes and a worker elsewhere, as separate OS processes on one fresh
PostgreSQL database, Redis as cache and broker, attachments on an S3 server: feedback sent
to either node is notified exactly once and both nodes serve the same data.

Runs in the PostgreSQL pass (DATABASE_URL) and fails there when Redis does not answer;
skipped on SQLite runs only."""

from __future__ import annotations

import json
import time
from pathlib import Path

import boto3
import pytest
import requests
from moto.server import ThreadedMotoServer

from tests.media import png

from . import processes
from .client import (
    TIMEOUT,
    csrf_token,
    form_submission,
    mail_messages,
    open311_submission,
    reference_of,
)
from .seed import HANDLER_EMAIL

pytestmark = pytest.mark.system

if processes.postgres_url() is None:
    pytest.skip("system tests run on PostgreSQL (set DATABASE_URL)", allow_module_level=True)

BUCKET = "palaute-system"


@pytest.fixture(scope="module")
def s3():
    """An S3 server (moto's) standing in for the object store every node shares."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    credentials = {"aws_access_key_id": "system", "aws_secret_access_key": "system-secret"}
    boto3.client("s3", endpoint_url=url, region_name="us-east-1", **credentials).create_bucket(
        Bucket=BUCKET
    )
    yield {
        "PALAUTE_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": url,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": credentials["aws_access_key_id"],
        "AWS_SECRET_ACCESS_KEY": credentials["aws_secret_access_key"],
    }
    server.stop()


@pytest.fixture
def cluster(s3, tmp_path_factory):
    """Node A and node B (`palaute serve --web-only`), one `palaute worker` and the one
    `palaute scheduler`. One test uses them all: tests spread over several pytest
    processes would each start a cluster on the same Redis database."""
    redis_url = processes.redis_url()
    try:
        processes.empty_redis(redis_url)
    except Exception as error:  # any failure to reach Redis
        pytest.fail(f"the system test needs Redis at {redis_url}: {error}")
    mail_dir = tmp_path_factory.mktemp("mail")
    with processes.fresh_database() as database_url:
        env = processes.node_env(
            database_url=database_url, redis_url=redis_url, mail_dir=mail_dir, **s3
        )
        processes.migrate(env)
        started = []
        try:
            # The nodes start while the data goes in: neither needs the other.
            started += [
                processes.start_web(processes.free_port(), env, workers=1) for _node in "ab"
            ]
            started.append(processes.start_worker(env))
            started.append(processes.start_scheduler(env))
            seeded = processes.run(
                ["shell", "--no-imports", "-c", "from tests.system.seed import main; main()"],
                env,
            )
            for web in started[:2]:
                processes.wait_ready(web)
            yield {
                "a": started[0].url,
                "b": started[1].url,
                "worker": started[2],
                "scheduler": started[3],
                "env": env,
                "seed": json.loads(seeded.splitlines()[-1]),
                "mail_dir": mail_dir,
            }
        finally:
            codes = processes.stop(*started)
            processes.empty_redis(redis_url)
        assert codes == [0, 0, 0, 0], "\n".join(processes.tail(process) for process in started)


def outbox(env: dict, references: list[str]) -> list[tuple]:
    """(reference, kind, status, attempts) of each message about these feedback."""
    import psycopg

    with psycopg.connect(env["DATABASE_URL"]) as connection:
        rows = connection.execute(
            "SELECT f.reference, m.kind, m.status, m.attempts"
            " FROM notifications_outgoingmessage m"
            " JOIN feedback_feedback f ON f.id = m.feedback_id"
            " WHERE f.reference = ANY(%s)",
            [references],
        ).fetchall()
    return sorted(rows, key=lambda row: (row[1], row[0]))


def recorded_intakes(env: dict) -> tuple[set[str], int]:
    """References of the feedback recorded from accepted submissions, and how many intakes
    still hold a payload."""
    import psycopg

    with psycopg.connect(env["DATABASE_URL"]) as connection:
        references = connection.execute(
            "SELECT f.reference FROM feedback_intake i"
            " JOIN feedback_feedback f ON f.id = i.feedback_id WHERE i.state = 'recorded'"
        ).fetchall()
        holding = connection.execute(
            "SELECT count(*) FROM feedback_intake WHERE payload <> ''"
        ).fetchone()[0]
    return {row[0] for row in references}, holding


def test_two_web_nodes_a_worker_and_a_scheduler(cluster):
    """Every message is sent once; both nodes serve the same data and the same staff
    sessions; the scheduler runs; everything stops cleanly on TERM (in the fixture)."""
    each_message_is_sent_once_and_both_nodes_serve_the_same_data(cluster)
    a_staff_session_made_on_one_node_works_on_the_other(cluster)
    the_scheduler_keeps_its_schedule_in_its_own_var_folder(cluster)


def each_message_is_sent_once_and_both_nodes_serve_the_same_data(cluster):
    a, b = cluster["a"], cluster["b"]
    api_key = cluster["seed"]["api_key"]
    photo = png()
    tracked_a = form_submission(a, email_address="aino@example.fi", title="Kuoppa A", photo=photo)
    tracked_b = form_submission(b, email_address="bertta@example.fi", title="Kuoppa B")
    senders = ["aino@example.fi", "bertta@example.fi", "cecilia@example.fi", "daniel@example.fi"]
    references = [
        reference_of(b, tracked_a),  # node A's private tracking link works on node B
        reference_of(a, tracked_b),
        open311_submission(a, api_key=api_key, email_address=senders[2], title="Kuoppa C"),
        open311_submission(b, api_key=api_key, email_address=senders[3], title="Kuoppa D"),
    ]
    assert len(set(references)) == 4
    # With Redis the nodes accept submissions and the worker records them (deferred
    # intake); once recorded, an intake holds nothing the feedback holds.
    assert recorded_intakes(cluster["env"]) == (set(references), 0)

    # Each feedback: a receipt to its sender and a notice to the unit's handler.
    expected = sorted(
        [(r, kind, "sent", 1) for r in references for kind in ("receipt", "staff_new")],
        key=lambda row: (row[1], row[0]),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and outbox(cluster["env"], references) != expected:
        assert cluster["worker"].poll() is None, processes.tail(cluster["worker"])
        time.sleep(0.3)
    assert outbox(cluster["env"], references) == expected, processes.tail(cluster["worker"])
    time.sleep(1)  # a second delivery would have written its file by now
    sent = mail_messages(cluster["mail_dir"])
    for reference, sender in zip(references, senders, strict=True):
        about = sorted(to for to, subject in sent if reference in subject)
        assert about == sorted([sender, HANDLER_EMAIL]), (reference, sent)

    # Both nodes serve the same data.
    for reference in references:
        on_a = requests.get(f"{a}/open311/v2/requests/{reference}.json", timeout=TIMEOUT)
        on_b = requests.get(f"{b}/open311/v2/requests/{reference}.json", timeout=TIMEOUT)
        assert on_a.status_code == on_b.status_code == 200
        assert on_a.json() == on_b.json()
        assert on_a.json()[0]["service_request_id"] == reference
    listed_a = requests.get(f"{a}/open311/v2/requests.json", timeout=TIMEOUT).json()
    listed_b = requests.get(f"{b}/open311/v2/requests.json", timeout=TIMEOUT).json()
    assert listed_a == listed_b
    assert {item["service_request_id"] for item in listed_a} == set(references)

    # The photo sent to node A, kept in the shared object store, is served by node B.
    media = requests.get(f"{b}/open311/v2/requests/{references[0]}.json", timeout=TIMEOUT)
    path = media.json()[0]["media_url"].removeprefix("http://127.0.0.1")
    assert path.startswith(f"/feedback/{references[0]}/attachments/")
    from_b = requests.get(f"{b}{path}", timeout=TIMEOUT)
    from_a = requests.get(f"{a}{path}", timeout=TIMEOUT)
    assert from_b.status_code == from_a.status_code == 200
    assert from_b.content == from_a.content
    assert from_b.content[:8] == b"\x89PNG\r\n\x1a\n"


def a_staff_session_made_on_one_node_works_on_the_other(cluster):
    """Sessions, signing and the field keys are shared: staff who signed in on node A see
    on node B the contact details that node A encrypted."""
    a, b = cluster["a"], cluster["b"]
    tracked = form_submission(a, email_address="eero@example.fi", title="Kuoppa E")
    reference = reference_of(a, tracked)
    staff = requests.Session()
    login = staff.get(f"{a}/staff/login/", timeout=TIMEOUT)
    token = csrf_token(login.text)
    signed_in = staff.post(
        f"{a}/staff/login/",
        data={
            "csrfmiddlewaretoken": token,
            "username": cluster["seed"]["username"],
            "password": cluster["seed"]["password"],
        },
        timeout=TIMEOUT,
    )
    assert signed_in.status_code == 200
    assert "/staff/login/" not in signed_in.url
    page = staff.get(f"{b}/staff/feedback/{reference}/", timeout=TIMEOUT)
    assert page.status_code == 200
    assert "/staff/login/" not in page.url
    assert "Kuoppa E" in page.text
    token = csrf_token(page.text)
    contact = staff.post(
        f"{b}/staff/feedback/{reference}/contact/",
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": f"{b}/staff/feedback/{reference}/"},
        timeout=TIMEOUT,
    )
    assert contact.status_code == 200
    assert "eero@example.fi" in contact.text


def the_scheduler_keeps_its_schedule_in_its_own_var_folder(cluster):
    scheduler = cluster["scheduler"]
    var_dir = Path(scheduler.log).parent
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(var_dir.glob("celerybeat-schedule*")):
        assert scheduler.poll() is None, processes.tail(scheduler)
        time.sleep(0.3)
    assert list(var_dir.glob("celerybeat-schedule*")), processes.tail(scheduler)
    assert "beat: Starting" in Path(scheduler.log).read_text()
