"""People with roles in the tree of tests/conftest.py, and survey collection points, all
through the real services."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from palaute.organizations.models import Membership
from palaute.surveys.models import CollectionPoint
from palaute.surveys.services import (
    Answers,
    create_collection_point,
    load_national_questionnaires,
    submit_survey,
)
from tests.factories import MembershipFactory, UserFactory

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
