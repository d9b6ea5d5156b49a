import pytest
from django.core.exceptions import ValidationError

from palaute.feedback.models import Event, Feedback
from palaute.feedback.services import (
    add_answer,
    refresh_publication_below,
    release_for_publication,
    remove_feedback,
)
from tests.factories import OrganizationFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db
State, Reason = Feedback.PublicationState, Feedback.PublicationReason


def published_references():
    return set(Feedback.objects.published().values_list("reference", flat=True))


def test_clean_consented_feedback_is_published_at_once(make_feedback):
    feedback = make_feedback().feedback
    assert (feedback.publication_state, feedback.publication_reason) == (
        State.PUBLISHED,
        Reason.PUBLIC,
    )
    assert feedback.published_at is not None
    assert feedback.reference in published_references()


def test_without_consent_feedback_is_never_public(make_feedback):
    feedback = make_feedback(publish_consent=False).feedback
    assert (feedback.publication_state, feedback.publication_reason) == (
        State.PRIVATE,
        Reason.NO_CONSENT,
    )
    release_for_publication(feedback=feedback, actor=UserFactory())
    feedback.refresh_from_db()
    assert feedback.publication_state == State.PRIVATE


def test_social_and_health_feedback_is_never_public_whatever_the_consent(make_feedback, topics):
    feedback = make_feedback(topics["clinic"], publish_consent=True).feedback
    assert (feedback.publication_state, feedback.publication_reason) == (
        State.PRIVATE,
        Reason.POLICY,
    )
    release_for_publication(feedback=feedback, actor=UserFactory())
    feedback.refresh_from_db()
    assert feedback.publication_state == State.PRIVATE


def test_never_policy_is_inherited_down_the_organisation_tree(city):
    deep = OrganizationFactory(parent=city["clinic"], code="ward", kind="service_unit")
    topic = TopicFactory(service_code="ward-topic", organization=deep)
    from palaute.feedback.services import submit_feedback

    feedback = submit_feedback(
        topic=topic, title="Osasto", text="Hoitajat olivat ystävällisiä"
    ).feedback
    assert feedback.publication_reason == Reason.POLICY


def test_never_policy_on_a_topic_group_covers_its_subtopics(city):
    group = TopicFactory(
        service_code="grp", organization=city["streets"], publication_policy="never"
    )
    leaf = TopicFactory(parent=group, service_code="leaf")
    from palaute.feedback.services import submit_feedback

    feedback = submit_feedback(topic=leaf, title="Aihe", text="Tekstiä tarpeeksi").feedback
    assert feedback.publication_reason == Reason.POLICY


def test_flagged_feedback_is_held_until_a_handler_releases_it(make_feedback):
    feedback = make_feedback(text="Soittakaa minulle 040 123 4567, kiitos.").feedback
    assert (feedback.publication_state, feedback.publication_reason) == (
        State.HELD,
        Reason.SENSITIVE,
    )
    assert feedback.sensitive_findings[0]["kind"] == "phone"
    assert feedback.reference not in published_references()
    handler = UserFactory()
    release_for_publication(feedback=feedback, actor=handler, despite_findings=True)
    feedback.refresh_from_db()
    assert feedback.publication_state == State.PUBLISHED
    assert feedback.events.filter(kind=Event.Kind.RELEASED, actor=handler).exists()


def test_premoderation_holds_everything_until_release(city, topics, make_feedback):
    city["streets"].moderation_mode = "pre"
    city["streets"].save()
    feedback = make_feedback().feedback
    assert (feedback.publication_state, feedback.publication_reason) == (
        State.HELD,
        Reason.PREMODERATION,
    )
    release_for_publication(feedback=feedback, actor=UserFactory())
    feedback.refresh_from_db()
    assert feedback.publication_state == State.PUBLISHED


def test_premoderation_is_inherited_from_an_ancestor(city, make_feedback):
    city["root"].moderation_mode = "pre"
    city["root"].save()
    assert make_feedback().feedback.publication_reason == Reason.PREMODERATION


def test_removed_feedback_leaves_public_view_but_stays_with_its_reason(make_feedback):
    feedback = make_feedback().feedback
    handler = UserFactory()
    with pytest.raises(ValidationError):
        remove_feedback(feedback=feedback, actor=handler, reason="  ")
    remove_feedback(feedback=feedback, actor=handler, reason="Asiaton viesti")
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.REMOVED
    assert (feedback.publication_state, feedback.publication_reason) == (
        State.PRIVATE,
        Reason.REMOVED,
    )
    assert feedback.removal_reason == "Asiaton viesti"
    assert Feedback.objects.filter(pk=feedback.pk).exists()
    assert feedback.events.filter(kind=Event.Kind.REMOVED, note="Asiaton viesti").exists()


def test_every_publication_change_is_an_event(make_feedback):
    feedback = make_feedback(text="Sähköposti a.b@example.fi").feedback
    release_for_publication(feedback=feedback, actor=UserFactory(), despite_findings=True)
    changes = list(
        feedback.events.filter(kind=Event.Kind.PUBLICATION).values_list("from_value", "to_value")
    )
    assert changes == [("", State.HELD), (State.HELD, State.PUBLISHED)]


def test_changing_a_policy_later_withdraws_published_feedback(city, make_feedback):
    feedback = make_feedback().feedback
    assert feedback.is_published
    city["streets"].publication_policy = "never"
    city["streets"].save()
    assert refresh_publication_below(organization=city["streets"]) == 1
    feedback.refresh_from_db()
    assert feedback.publication_state == State.PRIVATE


def test_answers_mark_the_feedback_answered(make_feedback):
    feedback = make_feedback().feedback
    answer = add_answer(feedback=feedback, text="Kiitos, korjaamme.")
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.ANSWERED
    assert answer.organization == feedback.organization
    assert feedback.events.filter(kind=Event.Kind.ANSWERED).exists()
