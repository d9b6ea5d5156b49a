import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from palaute.feedback.models import Contact, Event, Feedback, Topic
from palaute.feedback.services import (
    LocationInput,
    change_status,
    hash_token,
    next_reference,
    submit_feedback,
)
from tests.factories import OrganizationFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_feedback_goes_to_the_unit_of_its_topic_and_the_routing_is_an_event(
    make_feedback, city, topics
):
    feedback = make_feedback(topics["maintenance"]).feedback
    assert feedback.organization == city["streets"]
    routed = feedback.events.get(kind=Event.Kind.ROUTED)
    assert routed.to_value == "streets"
    assert routed.data["topic"] == "maintenance"


def test_topic_without_organisation_inherits_the_nearest_ancestors(city):
    group = TopicFactory(service_code="g", organization=city["root"])
    middle = TopicFactory(parent=group, service_code="m", organization=city["health"])
    leaf = TopicFactory(parent=middle, service_code="l")
    feedback = submit_feedback(topic=leaf, title="Otsikko", text="Tekstiä tarpeeksi").feedback
    assert feedback.organization == city["health"]


def test_topic_with_no_responsible_unit_anywhere_is_refused(db):
    orphan = TopicFactory(service_code="orphan")
    with pytest.raises(ValidationError) as error:
        submit_feedback(topic=orphan, title="Otsikko", text="Tekstiä tarpeeksi")
    assert error.value.code == "unrouted"
    assert not Feedback.objects.exists()


def test_intake_records_creation_routing_and_publication_events(make_feedback):
    feedback = make_feedback().feedback
    assert list(feedback.events.values_list("kind", flat=True)) == [
        Event.Kind.CREATED,
        Event.Kind.ROUTED,
        Event.Kind.PUBLICATION,
    ]
    assert feedback.events.get(kind=Event.Kind.CREATED).data["channel"] == "web"


def test_reference_numbers_are_unique_and_sequential_per_year(make_feedback):
    first = make_feedback().feedback.reference
    second = make_feedback().feedback.reference
    year = dt.datetime.now(tz=dt.UTC).year
    assert first.startswith(f"{year}-")
    assert int(second.split("-")[1]) == int(first.split("-")[1]) + 1
    assert next_reference(year=1999) == "1999-00001"


def test_only_a_hash_of_the_tracking_token_is_stored(make_feedback):
    submission = make_feedback()
    assert len(submission.tracking_token) >= 32
    stored = Feedback.objects.get(pk=submission.feedback.pk).tracking_token_hash
    assert stored == hash_token(submission.tracking_token)
    assert submission.tracking_token not in stored


def test_contact_details_are_stored_apart_from_the_feedback(make_feedback, secret_contact):
    feedback = make_feedback(contact=secret_contact).feedback
    contact = Contact.objects.get(feedback=feedback)
    assert contact.email == "sanna.salainen@example.fi"
    row = Feedback.objects.filter(pk=feedback.pk).values().get()
    assert "sanna" not in str(row).lower()


def test_topics_not_taking_feedback_refuse_it(topics):
    topics["maintenance"].state = Topic.State.ELSEWHERE
    topics["maintenance"].save()
    with pytest.raises(ValidationError):
        submit_feedback(topic=topics["maintenance"], title="Otsikko", text="Tekstiä tarpeeksi")


def test_required_location_is_enforced_by_the_service(topics):
    with pytest.raises(ValidationError) as error:
        submit_feedback(topic=topics["lights"], title="Valo", text="Valo ei pala illalla.")
    assert "address" in error.value.message_dict
    feedback = submit_feedback(
        topic=topics["lights"],
        title="Valo",
        text="Valo ei pala illalla.",
        location=LocationInput(address="Kauppakatu 40"),
    ).feedback
    assert feedback.address == "Kauppakatu 40"


def test_location_is_dropped_for_topics_without_location(topics):
    feedback = submit_feedback(
        topic=topics["clinic"],
        title="Kiitos",
        text="Hyvää palvelua sain.",
        location=LocationInput(address="Koti"),
    ).feedback
    assert feedback.address == ""


def test_processing_deadline_is_set_from_the_arrival(make_feedback):
    arrived = dt.datetime(2026, 12, 22, 10, tzinfo=dt.UTC)
    feedback = make_feedback(received_at=arrived).feedback
    assert feedback.processing_due.date() == dt.date(2026, 12, 31)


def test_status_moves_are_events_and_illegal_moves_are_refused(make_feedback):
    feedback = make_feedback().feedback
    change_status(feedback=feedback, status=Feedback.Status.IN_PROCESSING, actor=None)
    change_status(feedback=feedback, status=Feedback.Status.CLOSED, actor=None)
    with pytest.raises(ValidationError) as error:
        change_status(feedback=feedback, status=Feedback.Status.ANSWERED, actor=None)
    assert error.value.code == "illegal_transition"
    assert list(
        feedback.events.filter(kind=Event.Kind.STATUS).values_list("to_value", flat=True)
    ) == [
        "in_processing",
        "closed",
    ]


def test_intake_runs_a_bounded_number_of_queries(make_feedback, topics, secret_contact):
    make_feedback()
    with CaptureQueriesContext(connection) as queries:
        make_feedback(contact=secret_contact)
    # 22, and one upsert that marks the day for the report rollup.
    assert len(queries) <= 23


def test_deep_topic_trees_route_correctly(db):
    root = OrganizationFactory(code="r", kind="root")
    unit = root
    for depth in range(5):
        unit = OrganizationFactory(parent=unit, code=f"u{depth}")
    topic = TopicFactory(service_code="t0", organization=unit)
    for depth in range(1, 5):
        topic = TopicFactory(parent=topic, service_code=f"t{depth}")
    assert (
        submit_feedback(topic=topic, title="Syvä", text="Syvällä puussa").feedback.organization
        == unit
    )


@pytest.mark.django_db(transaction=True)
def test_intake_is_one_transaction_so_a_failure_late_in_it_leaves_nothing(
    topics, secret_contact, monkeypatch
):
    """A process that dies after the insert but before the receipt is queued must not
    leave a feedback without its receipt: everything or nothing is stored."""
    from palaute.notifications import services as notifications

    def fails(**_kwargs):
        raise RuntimeError("the process died here")

    monkeypatch.setattr(notifications, "notify_receipt", fails)
    with pytest.raises(RuntimeError):
        submit_feedback(
            topic=topics["maintenance"], title="Kuoppa", text="Syvä kuoppa.", contact=secret_contact
        )
    assert not Feedback.objects.exists()
    assert not Contact.objects.exists()
    assert not Event.objects.exists()
