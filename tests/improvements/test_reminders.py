"""Reminders to the owners of development actions: before the due date and at the check
date of the follow-up, each once."""

from __future__ import annotations

import datetime as dt

import pytest

from palaute.improvements import services, tasks
from palaute.improvements.models import ActionEvent, DevelopmentAction
from palaute.notifications.models import OutgoingMessage

from .conftest import local

pytestmark = pytest.mark.django_db

D = dt.date
Status = DevelopmentAction.Status


def reminders() -> list[OutgoingMessage]:
    return list(
        OutgoingMessage.objects.filter(kind=OutgoingMessage.Kind.ACTION_REMINDER).order_by("pk")
    )


@pytest.fixture
def make_action(tree, supervisor, travel):
    travel(2026, 3, 1)

    def make(title: str, **kwargs):
        kwargs.setdefault("owner", supervisor)
        return services.create_action(
            organization=tree["unit"],
            title=title,
            description="Kuvaus.",
            actor=supervisor,
            **kwargs,
        )

    return make


def test_the_owner_is_reminded_once_a_week_before_the_due_date(make_action, supervisor):
    due = make_action("Erääntyy", due_on=D(2026, 3, 20))
    make_action("Myöhemmin", due_on=D(2026, 3, 21))
    make_action("Ei eräpäivää")
    done = make_action("Valmis", due_on=D(2026, 3, 15))
    cancelled = make_action("Peruttu", due_on=D(2026, 3, 15))
    services.set_action_status(action=done, status=Status.DONE, actor=supervisor)
    services.set_action_status(action=cancelled, status=Status.CANCELLED, actor=supervisor)

    assert services.send_action_reminders(today=D(2026, 3, 12)) == {"due": 0, "follow_up": 0}
    assert services.send_action_reminders(today=D(2026, 3, 13)) == {"due": 1, "follow_up": 0}
    [message] = reminders()
    assert message.recipient == supervisor.email
    assert message.user == supervisor
    assert message.feedback is None
    assert "Erääntyy" in message.subject
    assert "20.3.2026" in message.body
    assert "http://testserver/" in message.body
    due.refresh_from_db()
    assert due.due_reminded_on == D(2026, 3, 13)
    [event] = due.events.filter(kind=ActionEvent.Kind.REMINDED)
    assert event.data == {"reminder": "due", "emailed": True}

    # Once: the next days add nothing for it.
    assert services.send_action_reminders(today=D(2026, 3, 14)) == {"due": 1, "follow_up": 0}
    assert [m.subject for m in reminders()].count(message.subject) == 1
    assert services.send_action_reminders(today=D(2026, 3, 15)) == {"due": 0, "follow_up": 0}
    assert len(reminders()) == 2

    # A new due date gets a reminder of its own.
    services.update_action(action=due, actor=supervisor, changes={"due_on": D(2026, 4, 20)})
    assert services.send_action_reminders(today=D(2026, 4, 13))["due"] == 1


def test_an_owner_without_email_is_not_mailed_but_not_asked_again(make_action, member):
    owner = member("supervisor", "unit", username="ilman-postia", email="")
    action = make_action("Ilman postia", owner=owner, due_on=D(2026, 3, 5))
    assert services.send_action_reminders(today=D(2026, 3, 1))["due"] == 1
    assert reminders() == []
    action.refresh_from_db()
    assert action.due_reminded_on == D(2026, 3, 1)
    assert action.events.get(kind=ActionEvent.Kind.REMINDED).data["emailed"] is False
    assert services.send_action_reminders(today=D(2026, 3, 2))["due"] == 0


def test_at_the_check_date_the_action_is_measured_and_its_owner_reminded(
    make_action, supervisor, answer, travel
):
    followed = make_action("Seurataan", measure="nps", follow_up_on=D(2026, 5, 1))
    unmeasured = make_action("Ei mittaria", follow_up_on=D(2026, 5, 1))
    cancelled = make_action("Peruttu", measure="nps", follow_up_on=D(2026, 5, 1))
    assessed = make_action("Arvioitu", measure="nps", follow_up_on=D(2026, 5, 1))
    services.set_action_status(action=cancelled, status=Status.CANCELLED, actor=supervisor)
    travel(2026, 4, 1)
    services.set_action_status(action=followed, status=Status.DONE, actor=supervisor)
    services.assess_impact(action=assessed, actor=supervisor, comment="Arvioitu etukäteen.")
    travel(2026, 5, 2)
    for day in range(1, 8):
        answer("unit", local(2026, 4, day * 3), nps=10 if day % 2 else 4)  # 4 of 7 promote

    assert services.send_action_reminders(today=D(2026, 4, 30))["follow_up"] == 0
    counts = services.send_action_reminders()  # today, 2.5.2026
    assert counts == {"due": 0, "follow_up": 1}
    followed.refresh_from_db()
    assert followed.follow_up_reminded_on == D(2026, 5, 2)
    assert followed.measured_at is not None
    assert (followed.measure_after, followed.measure_after_count) == (14.3, 7)
    assert followed.measure_before_count == 0
    [message] = reminders()
    assert "Seurataan" in message.subject
    assert "14,3 (7" in message.body  # in the owner's language, Finnish
    assert [e.kind for e in followed.events.filter(kind__in=["measured", "reminded"])] == [
        "measured",
        "reminded",
    ]
    for other in (unmeasured, cancelled, assessed):
        other.refresh_from_db()
        assert other.follow_up_reminded_on is None
    # Once.
    assert services.send_action_reminders(today=D(2026, 5, 3)) == {"due": 0, "follow_up": 0}


def test_the_periodic_task_sends_the_reminders(make_action):
    make_action("Tehtävä", due_on=D(2026, 3, 2))
    assert tasks.send_action_reminders.apply().get() == {"due": 1, "follow_up": 0}
    assert len(reminders()) == 1
