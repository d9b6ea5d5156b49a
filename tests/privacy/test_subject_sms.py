"""Text-message surveys keep numbers only as keyed hashes: a search by phone still finds
the invitations, the answers given by text message and the opt-out; erasure unlinks the
number and keeps the opt-out."""

from __future__ import annotations

import json

import pytest

from palaute.feedback.models import Feedback
from palaute.notifications.models import OutgoingMessage
from palaute.organizations.models import Membership
from palaute.privacy import services
from palaute.privacy.selectors import Subject
from palaute.surveys.models import SmsInvitation, SmsOptOut
from palaute.surveys.services import add_opt_out, invite_by_sms, phone_hash, receive_sms
from tests.factories import MembershipFactory, UserFactory
from tests.surveys.conftest import *  # noqa: F403 - the county fixtures

pytestmark = pytest.mark.django_db

NUMBER = "+358401234567"


@pytest.fixture
def officer(county):
    user = UserFactory(username="tietosuoja")
    MembershipFactory(user=user, organization=county["root"], role=Membership.Role.PRIVACY_OFFICER)
    return user


@pytest.fixture
def answered(points, handler):
    """An invitation answered by text message: a score and a comment."""
    invitation = invite_by_sms(
        point=points["sms"], phone="040 123 4567", kind=SmsInvitation.Kind.CONVERSATION
    )
    receive_sms(sender=NUMBER, body="9")
    receive_sms(sender=NUMBER, body="Hoitaja oli ystävällinen.")
    invitation.refresh_from_db()
    assert invitation.response is not None
    return invitation


def test_a_search_by_phone_finds_invitations_answers_and_the_opt_out(client, officer, answered):
    add_opt_out(phone=NUMBER, actor=None, reason="puhelu")
    feedback = answered.response.feedback
    client.force_login(officer)
    html = client.post("/staff/privacy/subject/", {"phone": "0401234567"}).content.decode()
    assert feedback.reference in html
    assert "Hoitaja oli ystävällinen." in html
    assert "Tähän numeroon ei haluta palauteviestejä" in html
    document = json.loads(
        client.post("/staff/privacy/subject/export/", {"phone": "0401234567"}).content
    )
    assert document["sms_invitations"][0]["feedback"] == feedback.reference
    assert document["sms_invitations"][0]["score"] == 9
    assert document["feedback"][0]["survey"]["recommendation"] == 9
    assert document["sms_opt_out"] is not None
    # The replies waiting in the outbox carry the number, encrypted.
    assert any(message["recipient"] == NUMBER for message in document["messages"])


def test_erasure_unlinks_the_number_and_keeps_the_opt_out(officer, answered):
    add_opt_out(phone=NUMBER, actor=None)
    erased = services.erase_subject(
        user=officer, subject=Subject(phone="040 123 4567"), reason="Pyyntö 3"
    )
    assert erased.feedback == 1
    assert erased.invitations == 1
    assert not SmsInvitation.objects.filter(phone_hash=phone_hash(NUMBER)).exists()
    assert SmsOptOut.objects.filter(phone_hash=phone_hash(NUMBER)).exists()
    assert not OutgoingMessage.objects.to(NUMBER).exists()
    feedback = Feedback.objects.get(pk=answered.response.feedback_id)
    assert feedback.text == "[poistettu]"
    assert feedback.survey.nps == 9  # the score stays for the statistics
    assert services.find_subject(user=officer, subject=Subject(phone=NUMBER)).feedback == []
