import pytest

from palaute.feedback.services import ContactInput, submit_feedback
from palaute.organizations.models import Membership
from tests.factories import MembershipFactory, OrganizationFactory, TopicFactory, UserFactory


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
        user = UserFactory(email=f"{role}-{key}@example.fi", **user_fields)
        MembershipFactory(user=user, organization=tree[key], role=role)
        return user

    return make


@pytest.fixture
def handler(member):
    return member(Membership.Role.HANDLER)


@pytest.fixture
def supervisor(member):
    return member(Membership.Role.SUPERVISOR)
