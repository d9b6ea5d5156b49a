"""A tree (root › area › unit › child, and a sibling of the unit), people with roles in it,
feedback routed to each node, and survey collection points, all through the real services.
The tree fixtures are those of the back-office tests (tests/backoffice/conftest.py)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from palaute.feedback.services import ContactInput, submit_feedback
from palaute.organizations.models import Membership
from palaute.surveys.models import CollectionPoint
from palaute.surveys.services import (
    Answers,
    create_collection_point,
    load_national_questionnaires,
    submit_survey,
)
from tests.factories import MembershipFactory, OrganizationFactory, TopicFactory, UserFactory

HELSINKI = ZoneInfo("Europe/Helsinki")


def local(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    """An aware datetime at a Helsinki wall-clock time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


@pytest.fixture
def travel():
    """Freeze the clock at a Helsinki wall-clock time: travel(2026, 3, 1)."""
    travellers = []

    def go(year: int, month: int, day: int, hour: int = 12):
        while travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(local(year, month, day, hour), tick=False)
        traveller.start()
        travellers.append(traveller)

    yield go
    while travellers:
        travellers.pop().stop()


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


@pytest.fixture
def supervisor(member):
    return member(Membership.Role.SUPERVISOR, "unit", username="esihenkilo")


@pytest.fixture
def director(member):
    return member(Membership.Role.DIRECTOR, "area", username="johtaja")


@pytest.fixture
def sibling_supervisor(member):
    return member(Membership.Role.SUPERVISOR, "sibling", username="sisar-esihenkilo")


@pytest.fixture
def staff(member):
    return member(Membership.Role.STAFF, "unit", username="hoitaja")


@pytest.fixture
def adult(db):
    return {q.code: q for q in load_national_questionnaires()}["kansallinen-aikuiset"]


@pytest.fixture
def survey_points(tree, tree_topics, adult) -> dict[str, CollectionPoint]:
    """A web collection point of the adults' questionnaire in the unit, its child unit and
    the sibling unit."""
    admin = UserFactory(username="paakayttaja", email="admin@example.fi")
    MembershipFactory(user=admin, organization=tree["root"], role=Membership.Role.ADMIN)
    return {
        key: create_collection_point(
            organization=tree[key],
            channel=CollectionPoint.Channel.WEB,
            questionnaire=adult,
            topic=tree_topics[key],
            name=f"Kysely {key}",
            actor=admin,
        )
        for key in ("unit", "child", "sibling")
    }


@pytest.fixture
def answer(survey_points):
    """One questionnaire answered at a collection point at a given time."""

    def make(key: str, at: dt.datetime, *, nps=None, statements=None, own=None, text=""):
        point = survey_points[key]
        return submit_survey(
            point=point,
            version=point.questionnaire.current_version(),
            answers=Answers(nps=nps, statements=statements or {}, own=own or {}, open_text=text),
            received_at=at,
        )

    return make
