import pytest

from palaute.organizations.models import Membership


@pytest.fixture
def handler(member):
    return member(Membership.Role.HANDLER)


@pytest.fixture
def supervisor(member):
    return member(Membership.Role.SUPERVISOR)
