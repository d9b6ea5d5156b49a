"""The periodic job reminds the unit before a deadline and tells the supervisor after it,
once each; the queue shows what is due. Time is frozen with time-machine."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from palaute.feedback.deadlines import HELSINKI
from palaute.feedback.models import DeadlineNotice, Event
from palaute.feedback.services import change_status, process_deadlines, record_contact
from palaute.notifications.services import deliver_due

pytestmark = pytest.mark.django_db
MONDAY_MORNING = dt.datetime(2026, 11, 23, 9, 0, tzinfo=HELSINKI)


@pytest.fixture
def staff(member):
    return {
        "handler": member("handler", "unit", notify_new="none"),
        "supervisor": member("supervisor", "area", notify_new="none"),
        "area_handler": member("handler", "area", notify_new="none"),
    }


def sent_to(kind_word):
    deliver_due(now=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    return sorted(
        address for m in mail.outbox if kind_word in m.subject.lower() for address in m.to
    )


def test_reminder_before_and_escalation_after_the_processing_deadline(staff, feedback_in):
    with time_machine.travel(MONDAY_MORNING, tick=False):
        feedback = feedback_in("unit")
    assert feedback.processing_due == dt.datetime(2026, 11, 30, 23, 59, 59, tzinfo=HELSINKI)
    with time_machine.travel(dt.datetime(2026, 11, 29, 12, tzinfo=HELSINKI), tick=False):
        assert process_deadlines() == {"reminders": 0, "escalations": 0}
    with time_machine.travel(dt.datetime(2026, 11, 30, 8, tzinfo=HELSINKI), tick=False):
        assert process_deadlines() == {"reminders": 1, "escalations": 0}
        assert process_deadlines() == {"reminders": 0, "escalations": 0}  # once only
    # The unit's own handler is reminded, not the handler of the area above.
    assert sent_to("muistutus") == ["handler-unit@example.fi"]
    mail.outbox.clear()
    with time_machine.travel(dt.datetime(2026, 12, 1, 7, tzinfo=HELSINKI), tick=False):
        assert process_deadlines() == {"reminders": 0, "escalations": 1}
        assert process_deadlines() == {"reminders": 0, "escalations": 0}
    assert sent_to("määräaika") == ["supervisor-area@example.fi"]
    assert feedback.events.filter(kind=Event.Kind.REMINDED).count() == 1
    assert feedback.events.filter(kind=Event.Kind.ESCALATED).count() == 1


def test_no_notice_once_the_deadline_is_met(staff, feedback_in):
    with time_machine.travel(MONDAY_MORNING, tick=False):
        feedback = feedback_in("unit")
        change_status(feedback=feedback, status="in_processing", actor=staff["handler"])
    feedback.refresh_from_db()
    assert feedback.due_at is None
    with time_machine.travel(dt.datetime(2026, 12, 10, tzinfo=HELSINKI), tick=False):
        assert process_deadlines() == {"reminders": 0, "escalations": 0}
    assert not DeadlineNotice.objects.exists()


def test_contact_deadline_of_fourteen_days(staff, feedback_in):
    with time_machine.travel(MONDAY_MORNING, tick=False):
        feedback = feedback_in("unit", contact_requested=True)
        change_status(feedback=feedback, status="in_processing", actor=staff["handler"])
    feedback.refresh_from_db()
    assert feedback.due_at == dt.datetime(2026, 12, 7, 9, 0, tzinfo=HELSINKI)
    with time_machine.travel(dt.datetime(2026, 12, 5, 10, tzinfo=HELSINKI), tick=False):
        assert process_deadlines() == {"reminders": 1, "escalations": 0}
    notice = DeadlineNotice.objects.get()
    assert (notice.deadline, notice.stage) == ("contact", "reminder")
    with time_machine.travel(dt.datetime(2026, 12, 6, 10, tzinfo=HELSINKI), tick=False):
        record_contact(feedback=feedback, actor=staff["handler"], note="Soitettu")
    with time_machine.travel(dt.datetime(2026, 12, 8, 10, tzinfo=HELSINKI), tick=False):
        assert process_deadlines() == {"reminders": 0, "escalations": 0}


def test_queue_shows_overdue_first_and_due_states(client, staff, feedback_in):
    with time_machine.travel(MONDAY_MORNING - dt.timedelta(days=14), tick=False):
        overdue = feedback_in("unit")
    with time_machine.travel(MONDAY_MORNING - dt.timedelta(days=7), tick=False):
        due_today = feedback_in("unit")
    with time_machine.travel(MONDAY_MORNING, tick=False):
        fresh = feedback_in("unit")
        client.force_login(staff["handler"])
        html = client.get(reverse("backoffice:queue")).content.decode()
        assert (
            html.index(overdue.reference)
            < html.index(due_today.reference)
            < html.index(fresh.reference)
        )
        assert "due--overdue" in html
        assert "due--today" in html
        only_overdue = client.get(
            reverse("backoffice:queue"), {"deadline": "overdue"}
        ).content.decode()
        assert overdue.reference in only_overdue
        assert fresh.reference not in only_overdue
