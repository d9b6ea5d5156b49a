"""`palaute serve` as `make run` starts it on the embedded default: SQLite and the folder
queue in the var folder, no Redis; the worker beside the web server sends the receipt, and
the whole stops cleanly on TERM. Needs neither PostgreSQL nor Redis, so it runs everywhere."""

from __future__ import annotations

import sqlite3
import time

import pytest

from . import processes
from .client import form_submission, mail_messages, reference_of

pytestmark = pytest.mark.system


def test_serve_runs_the_background_work_beside_the_web_server(tmp_path):
    var_dir, mail_dir = tmp_path / "var", tmp_path / "mail"
    mail_dir.mkdir()
    env = processes.embedded_env(var_dir=var_dir, mail_dir=mail_dir)
    processes.migrate(env)
    processes.run(
        ["shell", "--no-imports", "-c", "from tests.system.seed import main; main()"], env
    )
    serve = processes.start_serve(processes.free_port(), env)
    try:
        processes.wait_ready(serve)
        tracked = form_submission(serve.url, email_address="aino@example.fi", title="Kuoppa")
        reference = reference_of(serve.url, tracked)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            about = sorted(to for to, subject in mail_messages(mail_dir) if reference in subject)
            if len(about) == 2:
                break
            assert serve.poll() is None, processes.tail(serve)
            time.sleep(0.3)
        assert about == ["aino@example.fi", "kasittelija@example.fi"], processes.tail(serve)
    finally:
        codes = processes.stop(serve)
    assert codes == [0], processes.tail(serve)
    with sqlite3.connect(var_dir / "palaute.sqlite3") as database:
        statuses = database.execute("SELECT status FROM notifications_outgoingmessage").fetchall()
    assert statuses == [("sent",), ("sent",)]
