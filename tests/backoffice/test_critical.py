"""Critical feedback (C3): who is told through the tree, acknowledgement, escalation timing,
the queue, and the administrator's rules."""

import datetime as dt

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from palaute.feedback import selectors, services
from palaute.feedback.models import CriticalAlert, CriticalRule, Event, Feedback
from palaute.notifications.models import OutgoingMessage
from palaute.organizations.models import Membership

pytestmark = pytest.mark.django_db

Role = Membership.Role
Reason = CriticalAlert.Reason


def url(name, feedback):
    return reverse(f"backoffice:{name}", kwargs={"reference": feedback.reference})


@pytest.fixture
def chain(member):
    """Supervisors at the unit, the area and the root; a director at the area; a handler
    and a staff member at the unit."""
    return {
        "unit_sup": member(Role.SUPERVISOR, "unit"),
        "area_sup": member(Role.SUPERVISOR, "area"),
        "root_sup": member(Role.SUPERVISOR, "root"),
        "director": member(Role.DIRECTOR, "area"),
        "handler": member(Role.HANDLER, "unit"),
        "staff": member(Role.STAFF, "unit"),
    }


def alerts_of(feedback, level=None):
    rows = CriticalAlert.objects.filter(feedback=feedback)
    if level is not None:
        rows = rows.filter(level=level)
    return {(alert.user_id, alert.reason) for alert in rows}


def flag(feedback, actor):
    services.set_critical(
        feedback=feedback, critical=True, actor=actor, reason="Asiakas kertoi kaatuneensa."
    )
    feedback.refresh_from_db()
    return feedback


def test_flag_tells_unit_supervisor_next_supervisor_and_director(chain, feedback_in):
    feedback = flag(feedback_in("child"), chain["handler"])
    assert alerts_of(feedback) == {
        (chain["unit_sup"].pk, Reason.UNIT_SUPERVISOR),
        (chain["area_sup"].pk, Reason.NEXT_SUPERVISOR),
        (chain["director"].pk, Reason.DIRECTOR),
    }
    sent = OutgoingMessage.objects.filter(kind=OutgoingMessage.Kind.CRITICAL)
    assert sorted(sent.values_list("recipient", flat=True)) == sorted(
        [chain["unit_sup"].email, chain["area_sup"].email, chain["director"].email]
    )
    assert feedback.critical_source == Feedback.CriticalSource.STAFF
    assert feedback.critical_level == 0
    assert feedback.events.filter(kind=Event.Kind.CRITICAL_ALERTED).count() == 1


def test_email_names_the_feedback_and_links_to_it(
    chain, feedback_in, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = flag(feedback_in("unit"), chain["handler"])
    to_director = [m for m in mail.outbox if m.to == [chain["director"].email]]
    assert len(to_director) == 1
    assert feedback.reference in to_director[0].subject + to_director[0].body
    assert feedback.get_staff_url() in to_director[0].body


def test_without_a_unit_supervisor_the_nearest_above_counts_as_the_units(member, feedback_in):
    area_sup = member(Role.SUPERVISOR, "area")
    root_sup = member(Role.SUPERVISOR, "root")
    handler = member(Role.HANDLER, "unit")
    feedback = flag(feedback_in("unit"), handler)
    assert alerts_of(feedback) == {
        (area_sup.pk, Reason.UNIT_SUPERVISOR),
        (root_sup.pk, Reason.NEXT_SUPERVISOR),
    }


def test_without_any_supervisor_the_handlers_are_told(member, feedback_in):
    handler = member(Role.HANDLER, "unit")
    feedback = flag(feedback_in("unit"), handler)
    assert alerts_of(feedback) == {(handler.pk, Reason.HANDLER)}


def test_without_supervisors_or_handlers_the_administrators_are_told(member, feedback_in):
    admin = member(Role.ADMIN, "root")
    staff = member(Role.STAFF, "unit")
    feedback = flag(feedback_in("unit"), staff)
    assert alerts_of(feedback) == {(admin.pk, Reason.ADMIN)}


def test_supervisors_of_a_sibling_unit_are_not_told(chain, member, feedback_in):
    sibling_sup = member(Role.SUPERVISOR, "sibling")
    feedback = flag(feedback_in("unit"), chain["handler"])
    assert sibling_sup.pk not in {user for user, _reason in alerts_of(feedback)}


def test_escalation_waits_for_the_set_time_and_goes_one_level_up(chain, feedback_in):
    feedback = flag(feedback_in("child"), chain["handler"])
    sent_at = feedback.critical_notified_at
    services.mark_critical_seen(feedback=feedback, user=chain["unit_sup"])
    with override_settings(PALAUTE_CRITICAL_ESCALATE_MINUTES=60):
        assert services.escalate_critical(now=sent_at + dt.timedelta(minutes=59)) == 0
        assert services.escalate_critical(now=sent_at + dt.timedelta(minutes=60)) == 1
        feedback.refresh_from_db()
        assert feedback.critical_level == 1
        # The one who already saw it is not told again; the root's supervisor now is.
        assert alerts_of(feedback, level=1) == {
            (chain["area_sup"].pk, Reason.NEXT_SUPERVISOR),
            (chain["root_sup"].pk, Reason.NEXT_SUPERVISOR),
            (chain["director"].pk, Reason.DIRECTOR),
        }
        assert feedback.events.filter(kind=Event.Kind.CRITICAL_ESCALATED).count() == 1
        # The clock starts again from the escalation.
        second = feedback.critical_notified_at
        assert services.escalate_critical(now=second + dt.timedelta(minutes=30)) == 0
        assert services.escalate_critical(now=second + dt.timedelta(minutes=61)) == 1


def test_escalation_stops_at_the_set_number_of_times(chain, feedback_in):
    feedback = flag(feedback_in("unit"), chain["handler"])
    moment = feedback.critical_notified_at
    with override_settings(
        PALAUTE_CRITICAL_ESCALATE_MINUTES=10, PALAUTE_CRITICAL_MAX_ESCALATIONS=2
    ):
        for _round in range(4):
            moment += dt.timedelta(minutes=11)
            services.escalate_critical(now=moment)
    feedback.refresh_from_db()
    assert feedback.critical_level == 2


def test_acknowledged_or_closed_critical_feedback_does_not_escalate(chain, feedback_in):
    acknowledged = flag(feedback_in("unit"), chain["handler"])
    services.acknowledge_critical(feedback=acknowledged, actor=chain["unit_sup"], note="Soitin.")
    closed = flag(feedback_in("unit"), chain["handler"])
    services.change_status(feedback=closed, status=Feedback.Status.CLOSED, actor=None)
    later = timezone.now() + dt.timedelta(days=1)
    assert services.escalate_critical(now=later) == 0
    acknowledged.refresh_from_db()
    assert acknowledged.critical_acknowledged_by == chain["unit_sup"]
    assert acknowledged.events.get(kind=Event.Kind.CRITICAL_ACKNOWLEDGED).note == "Soitin."


def test_opening_the_feedback_marks_the_notice_seen(client, chain, feedback_in):
    feedback = flag(feedback_in("unit"), chain["handler"])
    client.force_login(chain["director"])
    before = timezone.now()
    response = client.get(url("feedback", feedback))
    assert response.status_code == 200
    alert = CriticalAlert.objects.get(feedback=feedback, user=chain["director"])
    assert alert.seen_at is not None and alert.seen_at >= before
    assert CriticalAlert.objects.get(feedback=feedback, user=chain["unit_sup"]).seen_at is None
    page = response.content.decode()
    assert "Kuittaa" in page
    assert str(chain["unit_sup"]) in page


def test_supervisor_acknowledges_over_http(client, chain, feedback_in):
    feedback = flag(feedback_in("unit"), chain["handler"])
    client.force_login(chain["unit_sup"])
    response = client.post(url("critical-ack", feedback), {"acknowledge-note": "Otin yhteyttä."})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.critical_acknowledged_by == chain["unit_sup"]
    assert feedback.critical_acknowledged_at is not None
    page = client.get(url("feedback", feedback)).content.decode()
    assert "Kuitannut" in page


def test_staff_member_may_flag_but_not_acknowledge_or_unflag(client, chain, feedback_in):
    feedback = feedback_in("unit")
    client.force_login(chain["staff"])
    response = client.post(url("critical", feedback), {"critical-reason": "Vaaratilanne."})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.is_critical
    assert client.post(url("critical-ack", feedback), {}).status_code == 403
    client.post(url("critical", feedback), {"critical": "0"})
    feedback.refresh_from_db()
    assert feedback.is_critical


def test_supervisor_of_another_unit_cannot_acknowledge(client, chain, member, feedback_in):
    feedback = flag(feedback_in("unit"), chain["handler"])
    client.force_login(member(Role.SUPERVISOR, "sibling"))
    assert client.post(url("critical-ack", feedback), {}).status_code in (403, 404)
    feedback.refresh_from_db()
    assert feedback.critical_acknowledged_at is None


def test_acknowledging_feedback_that_is_not_critical_gives_an_error(client, chain, feedback_in):
    feedback = feedback_in("unit")
    client.force_login(chain["unit_sup"])
    response = client.post(url("critical-ack", feedback), {})
    assert response.status_code == 400
    assert "ei ole kriittinen" in response.content.decode()


def test_queue_shows_waiting_critical_feedback_first(client, chain, feedback_in):
    ordinary = feedback_in("unit")
    critical = flag(feedback_in("unit"), chain["handler"])
    client.force_login(chain["unit_sup"])
    page = client.get(reverse("backoffice:queue")).content.decode()
    assert "Kriittistä palautetta odottaa sinua" in page
    assert page.index(critical.reference) < page.index(ordinary.reference)
    assert [a.feedback_id for a in selectors.open_critical_alerts(user=chain["unit_sup"])] == [
        critical.pk
    ]
    services.acknowledge_critical(feedback=critical, actor=chain["unit_sup"])
    assert selectors.open_critical_alerts(user=chain["unit_sup"]) == []
    # The director has not opened it yet: it still waits for them.
    assert len(selectors.open_critical_alerts(user=chain["director"])) == 1


def test_text_rule_flags_new_feedback_and_says_which_rule_fired(chain, feedback_in):
    feedback = feedback_in("unit", text="Toinen asiakas löi minua odotushuoneessa.")
    assert feedback.is_critical
    assert feedback.critical_source == Feedback.CriticalSource.RULE
    codes = [item["rule_code"] for item in feedback.critical_rules]
    rule = CriticalRule.objects.get(code=codes[0])
    assert rule.category == CriticalRule.Category.VIOLENCE
    assert rule.name_fi in feedback.critical_reason
    assert (chain["director"].pk, Reason.DIRECTOR) in alerts_of(feedback)


def test_ordinary_feedback_is_not_flagged(chain, feedback_in):
    feedback = feedback_in("unit", text="Hoitaja oli ystävällinen ja sain hyvää palvelua.")
    assert not feedback.is_critical
    assert not CriticalAlert.objects.filter(feedback=feedback).exists()


def test_inactive_rule_does_not_fire(chain, feedback_in):
    CriticalRule.objects.filter(category=CriticalRule.Category.VIOLENCE).update(is_active=False)
    feedback = feedback_in("unit", text="Toinen asiakas löi minua odotushuoneessa.")
    assert not feedback.is_critical


def test_admin_adds_a_rule_and_tries_a_text(client, member, feedback_in):
    admin = member(Role.ADMIN, "root")
    client.force_login(admin)
    response = client.post(
        reverse("backoffice:admin-critical-rule-create"),
        {
            "name_fi": "Homeongelma",
            "code": "home",
            "kind": "expression",
            "category": "danger",
            "organization": "",
            "terms": "home\n*",
            "is_active": "on",
        },
    )
    assert response.status_code == 400
    assert 'aria-describedby="id_terms' in response.content.decode()
    response = client.post(
        reverse("backoffice:admin-critical-rule-create"),
        {
            "name_fi": "Homeongelma",
            "code": "home",
            "kind": "expression",
            "category": "danger",
            "organization": "",
            "terms": "home*",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    rule = CriticalRule.objects.get(code="home")
    assert rule.updated_by == admin
    response = client.post(
        reverse("backoffice:admin-critical-rules"), {"text": "Luokassa on homeongelmia."}
    )
    assert "Homeongelma" in response.content.decode()
    assert feedback_in("unit", text="Koulussa haisee homeelta.").is_critical


def test_unit_admin_cannot_edit_rules_that_apply_everywhere(client, member):
    admin = member(Role.ADMIN, "unit")
    rule = CriticalRule.objects.filter(organization__isnull=True).first()
    client.force_login(admin)
    assert client.get(reverse("backoffice:admin-critical-rules")).status_code == 200
    assert client.get(rule.get_absolute_url()).status_code == 403
    assert client.get(reverse("backoffice:admin-critical-rules")).status_code == 200
    client.force_login(member(Role.HANDLER, "unit"))
    assert client.get(reverse("backoffice:admin-critical-rules")).status_code == 403


def test_a_tree_that_may_fall_is_not_a_patient_safety_incident(chain, feedback_in):
    feedback = feedback_in("unit", text="Polun vieressä on koivu, joka voi kaatua polulle.")
    assert not feedback.is_critical
    fallen = feedback_in("unit", text="Isäni kaatui osastolla yöllä, eikä kukaan tullut.")
    assert fallen.is_critical
