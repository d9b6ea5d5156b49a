"""Contact details and messages are encrypted at rest: a database dump shows no plain
contact details, the ORM gives them back in plain, keys rotate, a wrong key fails loudly."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from palaute.feedback.models import Contact, Feedback
from palaute.feedback.services import accept_submission
from palaute.integrations.services import create_api_key
from palaute.notifications import services as notifications
from palaute.notifications.models import OutgoingMessage
from palaute.organizations.models import Membership
from palaute.privacy import crypto
from palaute.privacy.fields import EncryptedLookupError
from palaute.privacy.selectors import Subject, subject_data
from tests.factories import MembershipFactory, UserFactory
from tests.open311.conftest import BASE

pytestmark = pytest.mark.django_db

OLD_KEY = "KaasNWbb_N4njOPhabz2jBs6lQGDlQQi_07WnJ1TKQY="  # the key of tests/settings.py
NEW_KEY = "-KwM0u-CKRFY1sfrMsmsEqgQ-SooeX2ATu9PcqBRBCA="
PLAIN = ("Salainen Sanna", "sanna.salainen@example.fi", "+358401234567", "0401234567")


def dump(table: str) -> str:
    """Every row of a table as the database holds it, read with raw SQL."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return "\n".join(" | ".join(str(value) for value in row) for row in cursor.fetchall())


def raw_contact(pk: int) -> tuple[str, str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT name, email, phone FROM {Contact._meta.db_table} WHERE id = %s",  # noqa: S608
            [pk],
        )
        return cursor.fetchone()


@pytest.fixture
def stored(make_feedback, secret_contact):
    """A feedback with contact details, its receipt in the outbox and a text message."""
    feedback = make_feedback(contact=secret_contact).feedback
    notifications.queue_sms(kind=OutgoingMessage.Kind.SURVEY, recipient=PLAIN[2], body="Hei!")
    return feedback


def test_a_raw_sql_read_shows_no_plain_contact_details(stored):
    contact = Contact.objects.get(feedback=stored)
    tables = dump(Contact._meta.db_table) + dump(OutgoingMessage._meta.db_table)
    for value in PLAIN:
        assert value not in tables
    assert "sanna" not in tables.lower()
    assert all(token.startswith("gAAAA") for token in raw_contact(contact.pk))
    # The receipt's body (with the private tracking link) is encrypted too.
    receipt = OutgoingMessage.objects.get(kind=OutgoingMessage.Kind.RECEIPT)
    assert "/track/" in receipt.body
    assert "/track/" not in dump(OutgoingMessage._meta.db_table)


def test_values_round_trip_through_the_orm(stored):
    contact = Contact.objects.get(feedback=stored)
    assert (contact.name, contact.email, contact.phone) == PLAIN[:3]
    assert list(Contact.objects.values_list("name", "email", "phone")) == [PLAIN[:3]]
    contact.phone = "040 765 4321"
    contact.save(update_fields=["phone"])
    contact.refresh_from_db()
    assert contact.phone == "040 765 4321"
    assert contact.phone_digest == crypto.phone_digest("+358407654321")
    sms = OutgoingMessage.objects.get(medium=OutgoingMessage.Medium.SMS)
    assert (sms.recipient, sms.body) == (PLAIN[2], "Hei!")


def test_lookups_on_encrypted_values_are_refused_except_isnull(stored):
    for lookup in ("email", "email__iexact", "email__icontains", "name__startswith"):
        with pytest.raises(EncryptedLookupError, match="blind index"):
            list(Contact.objects.filter(**{lookup: PLAIN[1]}))
    with pytest.raises(EncryptedLookupError):
        list(OutgoingMessage.objects.filter(recipient=PLAIN[2]))
    assert Contact.objects.filter(email__isnull=False).count() == 1


def test_blind_indexes_find_normalised_values(stored):
    assert (
        Contact.objects.filter(email_digest=crypto.email_digest("  Sanna.Salainen@EXAMPLE.fi "))
        .get()
        .feedback
        == stored
    )
    for written in ("040 123 4567", "+358 40 1234567", "0401234567"):
        assert Contact.objects.filter(phone_digest=crypto.phone_digest(written)).exists()
    assert OutgoingMessage.objects.to("040-123 4567").get().body == "Hei!"
    assert not Contact.objects.filter(email_digest=crypto.email_digest("other@example.fi"))
    # The digest is keyed: without the key it cannot be recomputed from a guess.
    with override_settings(PALAUTE_BLIND_INDEX_KEY="another-key"):
        assert not Contact.objects.filter(email_digest=crypto.email_digest(PLAIN[1])).exists()


def test_open311_device_and_account_ids_are_encrypted(client, city, topics):
    _key, raw_key = create_api_key(name="Sovellus", organization=city["root"])
    response = client.post(
        f"{BASE}/requests.json",
        {
            "api_key": raw_key,
            "service_code": "maintenance",
            "description": "Kuoppa kadulla.",
            "device_id": "laite-123456",
            "account_id": "tili-987654",
            "media_url": "https://kuvat.example.fi/oma-kuva-555.jpg",
            "service_object_id": "roska-17",
            "service_object_type": "bin",
        },
    )
    assert response.status_code == 201
    feedback = Feedback.objects.get()
    assert feedback.channel_private == {
        "account_id": "tili-987654",
        "device_id": "laite-123456",
        "media_url": "https://kuvat.example.fi/oma-kuva-555.jpg",
    }
    assert feedback.channel_data["service_object_id"] == "roska-17"
    table = dump(Feedback._meta.db_table)
    for secret in ("laite-123456", "tili-987654", "oma-kuva-555"):
        assert secret not in table


def test_rotation_re_encrypts_every_value_with_the_new_key(stored):
    contact = Contact.objects.get(feedback=stored)
    before = raw_contact(contact.pk)
    with override_settings(PALAUTE_FIELD_KEYS=[NEW_KEY, OLD_KEY]):
        # Both keys decrypt while the rotation has not run.
        assert Contact.objects.get().email == PLAIN[1]
        out = StringIO()
        call_command("rotate_field_keys", "--batch-size", "1", stdout=out)
        output = out.getvalue()
        assert "feedback.Contact: 3 re-encrypted, 0 already under the first key" in output
        assert "notifications.OutgoingMessage: 4 re-encrypted" in output
        after = raw_contact(contact.pk)
        assert all(new != old for new, old in zip(after, before, strict=True))
        again = StringIO()
        call_command("rotate_field_keys", stdout=again)
        assert "feedback.Contact: 0 re-encrypted, 3 already under the first key" in again.getvalue()
        assert raw_contact(contact.pk) == after
    # The old key can now be dropped.
    with override_settings(PALAUTE_FIELD_KEYS=[NEW_KEY]):
        contact = Contact.objects.get()
        assert (contact.name, contact.email, contact.phone) == PLAIN[:3]
        assert OutgoingMessage.objects.to(PLAIN[2]).get().body == "Hei!"


def test_a_wrong_key_fails_loudly(stored):
    with override_settings(PALAUTE_FIELD_KEYS=[NEW_KEY]):
        with pytest.raises(crypto.UndecryptableValue, match="PALAUTE_FIELD_KEYS"):
            Contact.objects.get()
        with pytest.raises(CommandError, match=r"feedback.Contact \d+ name"):
            call_command("rotate_field_keys", stdout=StringIO())
    with (
        override_settings(PALAUTE_FIELD_KEYS=["not-a-key"]),
        pytest.raises(crypto.ImproperlyConfigured, match="not a Fernet key"),
    ):
        Contact.objects.get()


def test_new_key_prints_a_usable_key():
    out = StringIO()
    call_command("rotate_field_keys", "--new-key", stdout=out)
    key = out.getvalue().strip()
    with override_settings(PALAUTE_FIELD_KEYS=[key]):
        assert crypto.decrypt(crypto.encrypt("arvo")) == "arvo"


OLD_BLIND_KEY = "blind-index-key-before-the-rotation-0123456789abcdef"
NEW_BLIND_KEY = "blind-index-key-after-the-rotation-0123456789abcdefg"


def found(user, **subject) -> tuple[int, int, int]:
    """How many feedback, messages and submissions not yet recorded the administrator's
    search finds for a person."""
    data = subject_data(user=user, subject=Subject(**subject))
    return len(data.feedback), len(data.messages), len(data.intakes)


def test_the_blind_index_key_is_rotated_without_losing_a_search(stored, city, secret_contact):
    admin = UserFactory()
    MembershipFactory(user=admin, organization=city["root"], role=Membership.Role.ADMIN)
    with override_settings(PALAUTE_BLIND_INDEX_KEY=OLD_BLIND_KEY):
        Contact.objects.get().save()  # the digests of the data under the old key
        for message in OutgoingMessage.objects.all():
            message.save()
        # A submission accepted and waiting to be recorded holds the details too.
        accept_submission(
            topic=stored.topic, title="Odottaa", text="Kirjataan pian.", contact=secret_contact
        )
        before = found(admin, email=PLAIN[1]), found(admin, phone=PLAIN[3])
    assert before[0][0] == before[1][0] == 1
    assert before[1][1] >= 2  # the receipt by text message and the survey message
    assert before[0][2] == before[1][2] == 1

    # A new key alone: the stored digests cannot be found.
    with override_settings(PALAUTE_BLIND_INDEX_KEY=NEW_BLIND_KEY):
        assert found(admin, email=PLAIN[1]) == (0, 0, 0)
    # With the old key as a fallback they are found, before and after the rewrite.
    with override_settings(
        PALAUTE_BLIND_INDEX_KEY=NEW_BLIND_KEY, PALAUTE_BLIND_INDEX_KEY_FALLBACKS=[OLD_BLIND_KEY]
    ):
        assert (found(admin, email=PLAIN[1]), found(admin, phone=PLAIN[3])) == before
        out = StringIO()
        call_command("rotate_blind_index", "--batch-size", "1", stdout=out)
        assert "feedback.Contact: 1 rewritten, 0 already under the current key" in out.getvalue()
        assert "feedback.Intake: 1 rewritten" in out.getvalue()
        again = StringIO()
        call_command("rotate_blind_index", stdout=again)
        assert "Done: 0 rows rewritten." in again.getvalue()
    # The old key can now be dropped.
    with override_settings(PALAUTE_BLIND_INDEX_KEY=NEW_BLIND_KEY):
        assert (found(admin, email=PLAIN[1]), found(admin, phone=PLAIN[3])) == before
        assert OutgoingMessage.objects.to(PLAIN[2]).get().body == "Hei!"
        contact = Contact.objects.get()
        assert contact.email_digest == crypto.email_digest(PLAIN[1])
        assert contact.phone_digest == crypto.phone_digest(PLAIN[2])
