"""Cases found in review: each would have been a leak, a lost message or lost text."""

import datetime as dt
import re
import time
from collections import Counter

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from palaute.backoffice.middleware import SESSION_KEY
from palaute.feedback.deadlines import HELSINKI
from palaute.feedback.models import DeadlineNotice
from palaute.feedback.services import (
    change_status,
    change_topic,
    forward_feedback,
    give_estimate,
    process_deadlines,
    release_for_publication,
    remove_feedback,
    submit_feedback,
)
from palaute.notifications import services as notifications
from palaute.notifications.models import OutgoingMessage
from palaute.notifications.services import send_digests
from palaute.organizations.models import Membership
from tests.backends import FlakyBackend
from tests.factories import OrganizationFactory, TopicFactory

pytestmark = pytest.mark.django_db


def url(name, feedback, **kwargs):
    return reverse(f"backoffice:{name}", kwargs={"reference": feedback.reference, **kwargs})


def test_subtree_admin_cannot_take_over_an_account_with_roles_elsewhere(client, member, tree):
    admin = member("admin", "area", username="area-admin")
    other = member("handler", "unit", username="two-hats")
    Membership.objects.create(user=other, organization=tree["root"], role="admin")
    client.force_login(admin)
    page = client.get(reverse("backoffice:admin-user", kwargs={"pk": other.pk}))
    assert page.status_code == 200
    response = client.post(
        reverse("backoffice:admin-user", kwargs={"pk": other.pk}),
        {"user-username": "two-hats", "user-email": "attacker@evil.example", "user-language": "fi"},
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.email != "attacker@evil.example"
    assert (
        client.post(reverse("backoffice:admin-user-password", kwargs={"pk": other.pk})).status_code
        == 403
    )


def test_topic_change_cannot_move_feedback_to_another_organisation(handler, feedback_in):
    feedback = feedback_in("unit")
    county = OrganizationFactory(code="county", kind="root", publication_policy="allowed")
    foreign = TopicFactory(service_code="county-topic", organization=county)
    with pytest.raises(ValidationError):
        change_topic(feedback=feedback, topic=foreign, actor=handler)
    with pytest.raises(ValidationError):
        forward_feedback(feedback=feedback, organization=county, actor=handler)
    feedback.refresh_from_db()
    assert feedback.organization.code == "unit"


def test_topic_change_offers_only_topics_of_the_same_organisation(client, handler, feedback_in):
    county = OrganizationFactory(code="county", kind="root")
    TopicFactory(service_code="county-topic", name_fi="Maakunnan aihe", organization=county)
    client.force_login(handler)
    page = client.get(feedback_in("unit").get_staff_url()).content.decode()
    assert "Maakunnan aihe" not in page
    assert "Aihe child" in page


def test_a_broker_that_is_down_does_not_fail_the_request(
    client, handler, feedback_in, monkeypatch, django_capture_on_commit_callbacks
):
    from palaute.notifications import tasks

    def broken(*args, **kwargs):
        raise ConnectionError("broker down")

    feedback = feedback_in("unit", notify=False)
    monkeypatch.setattr(tasks.deliver, "delay", broken)
    client.force_login(handler)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("answer", feedback), {"answer-kind": "answer", "answer-text": "Vastaus"}
        )
    assert response.status_code == 302
    message = OutgoingMessage.objects.get(kind="answer")
    assert message.status == OutgoingMessage.Status.PENDING
    assert notifications.deliver_due() == 1


def test_retries_go_on_for_a_week_then_the_message_is_given_up_and_cleared(
    feedback_in, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.backends.FlakyBackend"
    FlakyBackend.failures_left = 10_000
    try:
        with django_capture_on_commit_callbacks(execute=False):
            feedback_in("unit")
        message = OutgoingMessage.objects.get(kind="receipt")
        now = message.created_at
        while message.status == OutgoingMessage.Status.PENDING:
            now = message.next_attempt_at + dt.timedelta(seconds=1)
            notifications.deliver(message_id=message.pk, now=now)
            message.refresh_from_db()
        assert now - message.created_at >= dt.timedelta(days=7)
        assert message.status == OutgoingMessage.Status.FAILED
        assert message.body == ""
        assert notifications.undelivered_count(now=now) == 1
    finally:
        FlakyBackend.failures_left = 0


def test_contact_deadline_is_met_when_the_answer_is_delivered_not_queued(
    handler, feedback_in, settings, django_capture_on_commit_callbacks
):
    from palaute.feedback.services import add_answer

    settings.EMAIL_BACKEND = "tests.backends.FlakyBackend"
    FlakyBackend.failures_left = 1
    try:
        feedback = feedback_in("unit", contact_requested=True, notify=False)
        with django_capture_on_commit_callbacks(execute=True):
            add_answer(feedback=feedback, text="Vastaus", author=handler)
        feedback.refresh_from_db()
        assert feedback.contacted_at is None
        notifications.deliver_due(now=timezone.now() + dt.timedelta(minutes=5))
        feedback.refresh_from_db()
        assert feedback.contacted_at is not None
    finally:
        FlakyBackend.failures_left = 0


def test_a_new_estimate_and_a_forward_get_their_own_notices(member, tree, feedback_in):
    handler = member("handler", "unit", notify_new="none")
    member("handler", "sibling", notify_new="none", username="sib")
    member("supervisor", "area", notify_new="none", username="boss")
    with time_machine.travel(dt.datetime(2026, 11, 23, 9, tzinfo=HELSINKI), tick=False):
        feedback = feedback_in("unit")
        give_estimate(feedback=feedback, estimated_done_on=dt.date(2026, 11, 25), actor=handler)
    with time_machine.travel(dt.datetime(2026, 11, 26, 9, tzinfo=HELSINKI), tick=False):
        assert process_deadlines()["escalations"] == 1
        give_estimate(feedback=feedback, estimated_done_on=dt.date(2026, 11, 27), actor=handler)
    with time_machine.travel(dt.datetime(2026, 11, 28, 9, tzinfo=HELSINKI), tick=False):
        assert process_deadlines()["escalations"] == 1
    with time_machine.travel(dt.datetime(2026, 11, 28, 10, tzinfo=HELSINKI), tick=False):
        forward_feedback(feedback=feedback, organization=tree["sibling"], actor=handler)
        assert process_deadlines()["escalations"] == 1
    assert DeadlineNotice.objects.filter(stage="escalation").count() == 3


def test_summary_includes_feedback_forwarded_to_the_unit(
    member, tree, feedback_in, django_capture_on_commit_callbacks
):
    mover = member("handler", "sibling", notify_new="none", username="mover")
    reader = member("handler", "unit", notify_new="digest", username="reader")
    with time_machine.travel(dt.datetime(2026, 10, 1, 9, tzinfo=HELSINKI), tick=False):
        feedback = feedback_in("sibling", contact=None)
    reader.last_digest_at = dt.datetime(2026, 11, 22, 7, tzinfo=HELSINKI)
    reader.save()
    with time_machine.travel(dt.datetime(2026, 11, 22, 12, tzinfo=HELSINKI), tick=False):
        forward_feedback(feedback=feedback, organization=tree["unit"], actor=mover)
    with (
        time_machine.travel(dt.datetime(2026, 11, 23, 7, tzinfo=HELSINKI), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert send_digests() == 1
    assert feedback.reference in mail.outbox[-1].body


def test_findings_are_highlighted_in_their_own_field(client, handler, tree_topics):
    feedback = submit_feedback(
        topic=tree_topics["unit"],
        title="Lapseni 131052-308T hoito",
        text="Tässä on pitkä teksti ilman tunnuksia mutta puhelin 040 123 4567 lopussa.",
    ).feedback
    client.force_login(handler)
    page = client.get(feedback.get_staff_url()).content.decode()
    marked = re.findall(
        r'<mark class="finding"[^>]*>(?:<span[^>]*>[^<]*</span>)?([^<]*)</mark>', page
    )
    assert "131052-308T" in marked
    assert "040 123 4567" in marked
    assert all(value in ("131052-308T", "040 123 4567") for value in marked)


def test_release_with_personal_data_left_needs_confirmation(handler, tree_topics):
    feedback = submit_feedback(
        topic=tree_topics["unit"], title="Otsikko", text="Soita 040 123 4567"
    ).feedback
    with pytest.raises(ValidationError):
        release_for_publication(feedback=feedback, actor=handler)
    feedback.refresh_from_db()
    assert not feedback.is_published
    release_for_publication(feedback=feedback, actor=handler, despite_findings=True)
    feedback.refresh_from_db()
    assert feedback.is_published


def test_estimates_and_contacts_are_refused_on_closed_or_removed_feedback(handler, feedback_in):
    from palaute.feedback.services import record_contact

    feedback = feedback_in("unit", contact_requested=True, notify=False)
    remove_feedback(feedback=feedback, actor=handler, reason="Asiaton")
    with pytest.raises(ValidationError):
        give_estimate(feedback=feedback, estimated_done_on=timezone.localdate(), actor=handler)
    with pytest.raises(ValidationError):
        record_contact(feedback=feedback, actor=handler)
    closed = feedback_in("unit", notify=False)
    change_status(feedback=closed, status="closed", actor=handler)
    with pytest.raises(ValidationError):
        give_estimate(feedback=closed, estimated_done_on=timezone.localdate(), actor=handler)
    assert not OutgoingMessage.objects.filter(kind="estimate").exists()


def test_every_id_on_the_handling_page_is_unique(client, handler, feedback_in):
    feedback = feedback_in("unit", contact_requested=True)
    client.force_login(handler)
    page = client.get(feedback.get_staff_url()).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [name for name, count in ids.items() if count > 1] == []


def test_failed_action_shows_an_error_summary_linked_to_the_field(client, handler, feedback_in):
    feedback = feedback_in("unit")
    client.force_login(handler)
    page = client.post(url("critical", feedback), {"critical-reason": ""}).content.decode()
    assert 'id="error-summary"' in page
    assert 'href="#id_critical-reason"' in page


def test_text_sent_after_the_session_ended_is_kept_for_the_same_user(
    client, handler, feedback_in, settings
):
    settings.PALAUTE_STAFF_IDLE_MINUTES = 30
    feedback = feedback_in("unit")
    client.force_login(handler)
    client.get(feedback.get_staff_url())
    session = client.session
    session[SESSION_KEY] = time.time() - 31 * 60
    session.save()
    response = client.post(
        url("answer", feedback),
        {"answer-kind": "answer", "answer-text": "Pitkä huolella kirjoitettu vastaus"},
        HTTP_REFERER=f"http://testserver{feedback.get_staff_url()}",
    )
    assert response.status_code == 302
    assert feedback.get_staff_url() in response.url
    assert not feedback.answers.exists()
    client.force_login(handler)
    page = client.get(feedback.get_staff_url()).content.decode()
    assert "Pitkä huolella kirjoitettu vastaus</textarea>" in page
    again = client.get(feedback.get_staff_url()).content.decode()
    assert "Pitkä huolella kirjoitettu vastaus" not in again  # offered once


def test_kept_text_is_not_shown_to_another_user(client, handler, member, feedback_in, settings):
    settings.PALAUTE_STAFF_IDLE_MINUTES = 30
    feedback = feedback_in("unit")
    client.force_login(handler)
    session = client.session
    session[SESSION_KEY] = time.time() - 31 * 60
    session.save()
    client.post(
        url("answer", feedback), {"answer-kind": "note", "answer-text": "Yksityinen luonnos"}
    )
    client.force_login(member("handler", "unit", username="colleague"))
    assert "Yksityinen luonnos" not in client.get(feedback.get_staff_url()).content.decode()
