"""factory_boy factories for the tree models (built through treebeard) and the rest."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from palaute.feedback.models import Topic
from palaute.organizations.models import Membership, Organization, User


class TreeFactory(DjangoModelFactory):
    """Creates nodes with treebeard: pass `parent` to make a child."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is None:
            return model_class.objects.add_root(kwargs)
        return model_class.objects.add_child(parent, kwargs)


class OrganizationFactory(TreeFactory):
    class Meta:
        model = Organization

    code = factory.Sequence(lambda n: f"org-{n}")
    kind = Organization.Kind.SERVICE_AREA
    name_fi = factory.Sequence(lambda n: f"Yksikkö {n}")
    name_sv = factory.Sequence(lambda n: f"Enhet {n}")
    name_en = factory.Sequence(lambda n: f"Unit {n}")


class TopicFactory(TreeFactory):
    class Meta:
        model = Topic

    service_code = factory.Sequence(lambda n: f"topic-{n}")
    name_fi = factory.Sequence(lambda n: f"Aihe {n}")
    name_sv = factory.Sequence(lambda n: f"Ämne {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    location_mode = Topic.LocationMode.OPTIONAL


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("secret-password-123")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Membership.Role.HANDLER
