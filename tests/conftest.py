from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from palaute.feedback.services import ContactInput, submit_feedback

from .factories import OrganizationFactory, TopicFactory


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
