import pytest
from django.contrib.auth.models import AnonymousUser

from palaute.organizations.models import Membership, Organization
from palaute.organizations.policy import can_view_contact, covers
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_role_covers_its_node_and_everything_below_it(city):
    membership = MembershipFactory(organization=city["health"], role=Membership.Role.HANDLER)
    user = membership.user
    assert covers(user=user, organization=city["health"])
    assert covers(user=user, organization=city["clinic"])
    assert not covers(user=user, organization=city["streets"])
    assert not covers(user=user, organization=city["root"])


def test_contact_details_only_for_handling_roles_in_the_subtree(city):
    handler = MembershipFactory(organization=city["streets"], role=Membership.Role.HANDLER).user
    staff = MembershipFactory(organization=city["streets"], role=Membership.Role.STAFF).user
    assert can_view_contact(user=handler, organization=city["streets"])
    assert not can_view_contact(user=handler, organization=city["clinic"])
    assert not can_view_contact(user=staff, organization=city["streets"])
    assert not can_view_contact(user=AnonymousUser(), organization=city["streets"])


def test_similar_codes_do_not_leak_across_siblings(db):
    root = OrganizationFactory(code="r", kind="root")
    for n in range(12):
        OrganizationFactory(parent=root, code=f"s{n}")
    # Sorted insertion renumbers paths: read the siblings back from the database.
    siblings = [Organization.objects.get(code=f"s{n}") for n in range(12)]
    user = MembershipFactory(organization=siblings[0]).user
    assert [covers(user=user, organization=s) for s in siblings] == [True] + [False] * 11


def test_inactive_users_are_covered_nowhere(city):
    user = MembershipFactory(organization=city["root"], role=Membership.Role.ADMIN).user
    user.is_active = False
    user.save()
    assert not covers(user=user, organization=city["streets"])
    assert covers(user=UserFactory(is_superuser=True), organization=city["clinic"])
