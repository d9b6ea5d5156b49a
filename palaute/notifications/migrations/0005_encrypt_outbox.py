"""Encrypt the recipients and bodies already in the outbox and index the recipients."""

from django.db import migrations

from palaute.privacy import crypto
from palaute.privacy.fields import raw_rows, write_raw

FIELDS = ["recipient", "body"]


def _plain(raw):
    if not raw:
        return ""
    return crypto.decrypt(raw) if crypto.can_decrypt(raw) else raw


def encrypt(apps, schema_editor):
    OutgoingMessage = apps.get_model("notifications", "OutgoingMessage")
    for batch in raw_rows(OutgoingMessage.objects.all(), FIELDS):
        for pk, values in batch:
            plain = {name: _plain(value) for name, value in values.items()}
            write_raw(
                OutgoingMessage,
                pk,
                {name: crypto.encrypt(value) if value else "" for name, value in plain.items()},
            )
            OutgoingMessage.objects.filter(pk=pk).update(
                recipient_digest=crypto.address_digest(plain["recipient"])
            )


def decrypt(apps, schema_editor):
    OutgoingMessage = apps.get_model("notifications", "OutgoingMessage")
    for batch in raw_rows(OutgoingMessage.objects.all(), FIELDS):
        for pk, values in batch:
            write_raw(OutgoingMessage, pk, {name: _plain(value) for name, value in values.items()})


class Migration(migrations.Migration):
    dependencies = [("notifications", "0004_encrypted_outbox")]

    operations = [migrations.RunPython(encrypt, decrypt)]
