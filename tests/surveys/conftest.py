"""A wellbeing county with a health centre, the national questionnaires and a collection
point in every channel, built through the real services."""

from __future__ import annotations

import pytest

from palaute.organizations.models import Membership
from palaute.surveys.models import CollectionPoint, Questionnaire
from palaute.surveys.services import create_collection_point, load_national_questionnaires
from tests.factories import MembershipFactory, OrganizationFactory, TopicFactory, UserFactory


@pytest.fixture
def county(db):
    """county › health services › health centre (the unit), and a dental clinic beside it.
    Publication is explicitly allowed in the tree: answers must stay private on their own."""
    root = OrganizationFactory(
        code="county", kind="root", name_fi="Hyvinvointialue", publication_policy="allowed"
    )
    health = OrganizationFactory(
        parent=root, code="health", kind="service_area", name_fi="Terveyspalvelut"
    )
    unit = OrganizationFactory(
        parent=health,
        code="centre",
        kind="service_unit",
        name_fi="Keskustan terveysasema",
        name_sv="Centrums hälsostation",
        name_en="Central health centre",
    )
    dental = OrganizationFactory(
        parent=health, code="dental", kind="service_unit", name_fi="Hammashoitola"
    )
    nodes = {"root": root, "health": health, "unit": unit, "dental": dental}
    return {key: type(node).objects.get(pk=node.pk) for key, node in nodes.items()}


@pytest.fixture
def topic(county):
    """Routed to the county, not to the unit: a collection point routes to its own unit."""
    return TopicFactory(
        service_code="terveyspalvelut",
        name_fi="Terveyspalvelut",
        organization=county["root"],
        location_mode="none",
    )


@pytest.fixture
def unit_topic(county):
    """A topic routed to the health centre itself."""
    return TopicFactory(
        service_code="terveysasema",
        name_fi="Terveysasema",
        organization=county["unit"],
        location_mode="none",
    )


@pytest.fixture
def questionnaires(db):
    return {q.code: q for q in load_national_questionnaires()}


@pytest.fixture
def adult(questionnaires) -> Questionnaire:
    return questionnaires["kansallinen-aikuiset"]


@pytest.fixture
def admin(county):
    user = UserFactory(username="admin", email="admin@example.fi")
    MembershipFactory(user=user, organization=county["root"], role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def handler(county):
    user = UserFactory(username="handler", email="handler@example.fi")
    MembershipFactory(user=user, organization=county["unit"], role=Membership.Role.HANDLER)
    return user


@pytest.fixture
def points(county, topic, adult, admin) -> dict[str, CollectionPoint]:
    """One collection point of the adults' questionnaire per channel, in the unit; the
    topic itself routes to the county, so the unit comes from the point."""
    return {
        channel: create_collection_point(
            organization=county["unit"],
            channel=channel,
            questionnaire=adult,
            topic=topic,
            name=f"Piste {channel}",
            actor=admin,
        )
        for channel in CollectionPoint.Channel.values
    }
