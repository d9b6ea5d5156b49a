"""The data of a system test's fresh database: a city with one public topic, a handler who
is emailed each new feedback at once, and an Open311 API key. Run in a started process's
environment: `palaute shell -c "from tests.system.seed import main; main()"` prints JSON."""

import json

from palaute.integrations.services import create_api_key
from palaute.organizations.models import Membership, User
from tests.factories import MembershipFactory, OrganizationFactory, TopicFactory

HANDLER_EMAIL = "kasittelija@example.fi"
PASSWORD = "system-test-password-123"


def main() -> None:
    root = OrganizationFactory(
        code="city", kind="root", name_fi="Kaupunki", publication_policy="allowed"
    )
    streets = OrganizationFactory(parent=root, code="streets", name_fi="Kadut")
    TopicFactory(service_code="maintenance", name_fi="Kunnossapito", organization=streets)
    handler = User.objects.create_user(
        username="kasittelija",
        email=HANDLER_EMAIL,
        password=PASSWORD,
        notify_new=User.Notify.IMMEDIATE,
    )
    MembershipFactory(user=handler, organization=streets, role=Membership.Role.HANDLER)
    _key, raw = create_api_key(name="system test", organization=None, rate_limit=600)
    print(json.dumps({"api_key": raw, "username": handler.username, "password": PASSWORD}))
