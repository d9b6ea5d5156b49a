"""Staff hear of new feedback at once or in a daily summary, as they choose."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from palaute.feedback.deadlines import HELSINKI
from palaute.notifications.models import OutgoingMessage
from palaute.notifications.services import send_digests

pytestmark = pytest.mark.django_db


def test_new_feedback_emails_the_units_own_handlers_who_want_it_at_once(
    member, feedback_in, django_capture_on_commit_callbacks
):
    member("handler", "unit", notify_new="immediate")
    member("handler", "unit", notify_new="digest", username="digester")
    member("supervisor", "area", notify_new="immediate", username="areachief")
    with django_capture_on_commit_callbacks(execute=True):
        feedback = feedback_in("unit", contact=None)
    staff_mail = [m for m in mail.outbox if feedback.reference in m.subject]
    assert [m.to for m in staff_mail] == [["handler-unit@example.fi"]]
    assert f"/staff/feedback/{feedback.reference}/" in staff_mail[0].body
    assert "Tekstiä palautteessa" not in staff_mail[0].body  # the text stays in the system


def test_forwarded_feedback_tells_the_new_unit(
    member, feedback_in, tree, django_capture_on_commit_callbacks
):
    from palaute.feedback.services import forward_feedback

    handler = member("handler", "unit", notify_new="none")
    member("handler", "sibling", notify_new="immediate")
    feedback = feedback_in("unit", contact=None)
    with django_capture_on_commit_callbacks(execute=True):
        forward_feedback(feedback=feedback, organization=tree["sibling"], actor=handler)
    assert [m.to for m in mail.outbox] == [["handler-sibling@example.fi"]]


def test_daily_summary_lists_new_feedback_of_the_whole_queue_once(
    member, feedback_in, django_capture_on_commit_callbacks
):
    chief = member("supervisor", "area", notify_new="digest")
    with time_machine.travel(dt.datetime(2026, 11, 23, 10, tzinfo=HELSINKI), tick=False):
        first = feedback_in("unit", contact=None)
        second = feedback_in("child", contact=None)
        feedback_in("sibling", contact=None)
    member("handler", "sibling", notify_new="none", username="other")
    with (
        time_machine.travel(dt.datetime(2026, 11, 24, 7, tzinfo=HELSINKI), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert send_digests() == 1
        assert send_digests() == 0  # not twice a day
    digest = OutgoingMessage.objects.get(kind="staff_digest")
    assert digest.user == chief
    body = mail.outbox[-1].body
    assert first.reference in body and second.reference in body
    with time_machine.travel(dt.datetime(2026, 11, 25, 7, tzinfo=HELSINKI), tick=False):
        assert send_digests() == 0  # nothing new: no empty summary
