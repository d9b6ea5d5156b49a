"""Encrypt the contact details already stored, move the sender's device and account ids
out of the searchable channel details into the encrypted ones, and fill ``closed_at`` from
the history of feedback that is already closed or removed."""

from django.db import migrations
from django.db.models import Q

from palaute.privacy import crypto
from palaute.privacy.fields import raw_rows, write_raw

CONTACT_FIELDS = ["name", "email", "phone"]
PRIVATE_KEYS = ("device_id", "account_id", "media_url")


def _plain(raw):
    if not raw:
        return ""
    return crypto.decrypt(raw) if crypto.can_decrypt(raw) else raw


def encrypt_contacts(apps, schema_editor):
    Contact = apps.get_model("feedback", "Contact")
    for batch in raw_rows(Contact.objects.all(), CONTACT_FIELDS):
        for pk, values in batch:
            plain = {name: _plain(value) for name, value in values.items()}
            write_raw(
                Contact,
                pk,
                {name: crypto.encrypt(value) if value else "" for name, value in plain.items()},
            )
            Contact.objects.filter(pk=pk).update(
                email_digest=crypto.email_digest(plain["email"]),
                phone_digest=crypto.phone_digest(plain["phone"]),
            )


def decrypt_contacts(apps, schema_editor):
    Contact = apps.get_model("feedback", "Contact")
    for batch in raw_rows(Contact.objects.all(), CONTACT_FIELDS):
        for pk, values in batch:
            write_raw(Contact, pk, {name: _plain(value) for name, value in values.items()})


def move_private_channel_data(apps, schema_editor):
    Feedback = apps.get_model("feedback", "Feedback")
    rows = Feedback.objects.filter(channel_data__has_any_keys=list(PRIVATE_KEYS))
    for feedback in rows.iterator(chunk_size=500):
        private = {key: feedback.channel_data.pop(key) for key in PRIVATE_KEYS if key in feedback.channel_data}
        feedback.channel_private = {**(feedback.channel_private or {}), **private}
        feedback.save(update_fields=["channel_data", "channel_private"])


def restore_private_channel_data(apps, schema_editor):
    Feedback = apps.get_model("feedback", "Feedback")
    for batch in raw_rows(Feedback.objects.all(), ["channel_private"]):
        for pk, values in batch:
            if not values["channel_private"]:
                continue
            feedback = Feedback.objects.get(pk=pk)
            feedback.channel_data = {**feedback.channel_data, **feedback.channel_private}
            feedback.channel_private = {}
            feedback.save(update_fields=["channel_data", "channel_private"])


def fill_closed_at(apps, schema_editor):
    Feedback = apps.get_model("feedback", "Feedback")
    Event = apps.get_model("feedback", "Event")
    done = Feedback.objects.filter(status__in=["closed", "removed"], closed_at__isnull=True)
    for feedback in done.iterator(chunk_size=500):
        last = (
            Event.objects.filter(
                Q(kind="status", to_value=feedback.status) | Q(kind="removed"),
                feedback=feedback,
            )
            .order_by("-created_at", "-id")
            .values_list("created_at", flat=True)
            .first()
        )
        Feedback.objects.filter(pk=feedback.pk).update(closed_at=last or feedback.updated_at)


class Migration(migrations.Migration):
    dependencies = [("feedback", "0011_privacy_fields")]

    operations = [
        migrations.RunPython(encrypt_contacts, decrypt_contacts),
        migrations.RunPython(move_private_channel_data, restore_private_channel_data),
        migrations.RunPython(fill_closed_at, migrations.RunPython.noop),
    ]
