"""The data migrations encrypt the contact details and messages stored before encryption,
move device and account ids out of the searchable channel details, and fill closed_at
from the history."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from palaute.feedback.models import Contact, Feedback
from palaute.notifications.models import OutgoingMessage
from palaute.privacy import crypto

BEFORE = [("feedback", "0010_report_indexes"), ("notifications", "0003_more_message_kinds")]
AFTER = [
    ("feedback", "0012_encrypt_contacts_and_fill_closed"),
    ("notifications", "0005_encrypt_outbox"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_rows_are_encrypted_and_filled():
    old = migrate(BEFORE)
    Organization = old.get_model("organizations", "Organization")
    Topic = old.get_model("feedback", "Topic")
    feedback_model = old.get_model("feedback", "Feedback")
    unit = Organization.objects.create(
        path="0001", depth=1, numchild=0, code="unit", kind="root", name_fi="Yksikkö"
    )
    topic = Topic.objects.create(
        path="0001", depth=1, numchild=0, service_code="aihe", name_fi="Aihe", organization=unit
    )
    received = timezone.now() - dt.timedelta(days=40)
    closed = received + dt.timedelta(days=3)

    def feedback(reference, status, **extra):
        return feedback_model.objects.create(
            reference=reference,
            tracking_token_hash=reference,
            topic=topic,
            organization=unit,
            channel="open311",
            title="Otsikko",
            text="Teksti",
            public_title="Otsikko",
            public_text="Teksti",
            status=status,
            received_at=received,
            processing_due=received,
            **extra,
        )

    done = feedback(
        "2026-00001",
        "closed",
        channel_data={"api_key": 1, "device_id": "laite-1", "service_object_id": "o-1"},
    )
    old.get_model("feedback", "Event").objects.create(
        feedback=done, kind="status", to_value="closed", created_at=closed
    )
    open_ = feedback("2026-00002", "in_processing")
    old.get_model("feedback", "Contact").objects.create(
        feedback=done, name="Vanha Asiakas", email="Vanha@Example.fi", phone="040 111 2222"
    )
    old.get_model("notifications", "OutgoingMessage").objects.create(
        kind="receipt",
        recipient="vanha@example.fi",
        subject="Kuittaus",
        body="Linkki",
        feedback=done,
    )

    migrate(AFTER)

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name, email, phone FROM {Contact._meta.db_table}")  # noqa: S608
        raw = cursor.fetchone()
        cursor.execute(
            f"SELECT recipient, body FROM {OutgoingMessage._meta.db_table}"  # noqa: S608
        )
        raw_message = cursor.fetchone()
    assert all(value.startswith("gAAAA") for value in (*raw, *raw_message))
    # The models below are today's: read through them on today's schema.
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    contact = Contact.objects.get()
    assert (contact.name, contact.email, contact.phone) == (
        "Vanha Asiakas",
        "Vanha@Example.fi",
        "040 111 2222",
    )
    assert contact.email_digest == crypto.email_digest("vanha@example.fi")
    assert contact.phone_digest == crypto.phone_digest("+358401112222")
    message = OutgoingMessage.objects.to("vanha@example.fi").get()
    assert (message.recipient, message.body) == ("vanha@example.fi", "Linkki")
    done = Feedback.objects.get(reference="2026-00001")
    assert done.channel_private == {"device_id": "laite-1"}
    assert done.channel_data == {"api_key": 1, "service_object_id": "o-1"}
    assert done.closed_at == closed
    assert Feedback.objects.get(pk=open_.pk).closed_at is None
