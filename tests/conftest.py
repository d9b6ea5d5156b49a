from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from palaute.feedback.services import ContactInput, submit_feedback

from .factories import MembershipFactory, OrganizationFactory, TopicFactory, UserFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Throttles and caches start empty in every test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Finnish; requests in other languages do not leak into the next."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def city(db):
    """A city with a street unit (public) and a social and health area (never public)."""
    root = OrganizationFactory(
        code="city", kind="root", name_fi="Kaupunki", publication_policy="allowed"
    )
    streets = OrganizationFactory(parent=root, code="streets", name_fi="Kadut")
    health = OrganizationFactory(
        parent=root,
        code="health",
        name_fi="Sosiaali- ja terveyspalvelut",
        publication_policy="never",
    )
    clinic = OrganizationFactory(
        parent=health, code="clinic", kind="service_unit", name_fi="Terveysasema"
    )
    return {"root": root, "streets": streets, "health": health, "clinic": clinic}


@pytest.fixture
def topics(city):
    """A street group with two leaf topics, and a health topic routed to the clinic."""
    streets = TopicFactory(
        service_code="streets", name_fi="Kadut ja liikenne", organization=city["streets"]
    )
    lights = TopicFactory(
        parent=streets, service_code="street-lights", name_fi="Katuvalot", location_mode="required"
    )
    maintenance = TopicFactory(parent=streets, service_code="maintenance", name_fi="Kunnossapito")
    health = TopicFactory(
        service_code="health",
        name_fi="Terveyspalvelut",
        organization=city["clinic"],
        location_mode="none",
    )
    clinic = TopicFactory(
        parent=health, service_code="clinics", name_fi="Terveysasemat", location_mode="none"
    )
    return {
        "streets": streets,
        "lights": lights,
        "maintenance": maintenance,
        "health": health,
        "clinic": clinic,
    }


@pytest.fixture
def make_feedback(topics):
    """Submit feedback through the real intake service."""

    def make(
        topic=None,
        *,
        title="Rikkinäinen katuvalo",
        text="Katuvalo ei pala Kauppakadulla.",
        contact=None,
        **kwargs,
    ):
        return submit_feedback(
            topic=topic or topics["maintenance"],
            title=title,
            text=text,
            contact=contact,
            **kwargs,
        )

    return make


@pytest.fixture
def secret_contact():
    return ContactInput(
        name="Salainen Sanna", email="sanna.salainen@example.fi", phone="+358401234567"
    )


# A small tree shared by the back-office and improvements tests.


@pytest.fixture
def tree(db):
    """root › area › unit › child, and a sibling of the unit under the same area."""
    root = OrganizationFactory(code="root", kind="root", name_fi="Kaupunki")
    area = OrganizationFactory(parent=root, code="area", name_fi="Alue")
    unit = OrganizationFactory(
        parent=area, code="unit", name_fi="Yksikkö", kind="responsibility_unit"
    )
    child = OrganizationFactory(
        parent=unit, code="child", name_fi="Alayksikkö", kind="service_unit"
    )
    sibling = OrganizationFactory(
        parent=area, code="sibling", name_fi="Sisaryksikkö", kind="responsibility_unit"
    )
    nodes = {"root": root, "area": area, "unit": unit, "child": child, "sibling": sibling}
    return {key: type(node).objects.get(pk=node.pk) for key, node in nodes.items()}


@pytest.fixture
def tree_topics(tree):
    return {
        key: TopicFactory(service_code=f"t-{key}", name_fi=f"Aihe {key}", organization=tree[key])
        for key in ("area", "unit", "child", "sibling")
    }


@pytest.fixture
def feedback_in(tree_topics):
    """A feedback with contact details routed to the given node of the tree."""

    def make(key: str, **kwargs):
        """Keyword arguments go to submit_feedback."""
        kwargs.setdefault(
            "contact",
            ContactInput(name="Asiakas Anna", email="anna@example.fi", phone="+358401112222"),
        )
        kwargs.setdefault("title", f"Palaute {key}")
        kwargs.setdefault("text", "Tekstiä palautteessa.")
        return submit_feedback(topic=tree_topics[key], **kwargs).feedback

    return make


@pytest.fixture
def member(tree):
    def make(role: str, key: str = "unit", **user_fields):
        user_fields.setdefault("email", f"{role}-{key}@example.fi")
        user = UserFactory(**user_fields)
        MembershipFactory(user=user, organization=tree[key], role=role)
        return user

    return make
