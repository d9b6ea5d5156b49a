import pytest
from django.core.management import CommandError, call_command

from palaute.demo import data
from palaute.demo.loader import FEEDBACK_COUNT, load_demo
from palaute.feedback import publication
from palaute.feedback.models import Answer, Event, Feedback, Topic
from palaute.organizations.models import Membership, Organization, User

pytestmark = pytest.mark.django_db


def counts():
    return (
        Organization.objects.count(),
        Topic.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        Feedback.objects.count(),
        Answer.objects.count(),
        Event.objects.count(),
    )


def test_demo_is_loaded_once_however_often_it_runs(settings):
    first = load_demo()
    assert first.feedback_created == FEEDBACK_COUNT
    loaded = counts()
    second = load_demo()
    assert second.feedback_created == 0
    assert counts() == loaded
    assert loaded[1] >= 25


def test_demo_follows_the_publication_rules():
    load_demo()
    published = Feedback.objects.published().select_related("topic", "organization")
    assert published.count() > 20
    for feedback in published:
        assert feedback.publish_consent
        assert publication.topic_allows_publication(feedback.topic)
        assert publication.organization_allows_publication(feedback.organization)
    county = Organization.objects.get(code="pshva")
    assert not published.filter(organization__path__startswith=county.path).exists()
    held = Feedback.objects.filter(publication_state=Feedback.PublicationState.HELD)
    assert held.filter(publication_reason="sensitive").exists()
    assert Feedback.objects.filter(publish_consent=False).exists()


def test_demo_has_every_handling_state_and_staff_for_each_role():
    load_demo()
    statuses = set(Feedback.objects.values_list("status", flat=True))
    assert {"received", "in_processing", "answered", "closed"} <= statuses
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {choice.value for choice in Membership.Role}
    assert User.objects.get(username="admin").is_superuser
    assert Topic.objects.filter(state=Topic.State.ELSEWHERE).count() == 2
    assert len(data.PLACES) >= 25


def test_demo_command_refuses_outside_demo_mode(settings):
    settings.PALAUTE_DEMO = False
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo")
    assert not Feedback.objects.exists()


def _walk(specs, parent=None):
    for spec in specs:
        yield spec, parent
        yield from _walk(spec.get("children", []), spec)


def test_demo_trees_match_the_data_and_feedback_is_routed_by_them():
    load_demo()
    assert Organization.objects.find_problems() == ([], [], [], [], [])
    assert Topic.objects.find_problems() == ([], [], [], [], [])
    for spec, parent in _walk(data.ORGANIZATIONS):
        node = Organization.objects.get(code=spec["code"])
        actual = Organization.objects.get_parent(node) if node.depth > 1 else None
        assert (actual.code if actual else None) == (parent["code"] if parent else None)
    for spec, parent in _walk(data.TOPICS):
        node = Topic.objects.get(service_code=spec["service_code"])
        actual = Topic.objects.get_parent(node) if node.depth > 1 else None
        expected = parent["service_code"] if parent else None
        assert (actual.service_code if actual else None) == expected
    expected_units = {}
    for spec, parent in _walk(data.TOPICS):
        expected_units[spec["service_code"]] = spec.get("organization") or expected_units.get(
            parent["service_code"] if parent else None
        )
    for feedback in Feedback.objects.select_related("topic", "organization"):
        assert feedback.organization.code == expected_units[feedback.topic.service_code]
