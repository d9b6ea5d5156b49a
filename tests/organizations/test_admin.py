"""The administrator edits the trees in the Django admin; publication follows the tree."""

import pytest

from palaute.feedback.models import Feedback
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def organization_form(organization, **changes):
    data = {
        "code": organization.code,
        "kind": organization.kind,
        "name_fi": organization.name_fi,
        "name_sv": organization.name_sv,
        "name_en": organization.name_en,
        "publication_policy": organization.publication_policy,
        "moderation_mode": organization.moderation_mode,
        "email": organization.email,
        "is_active": "on",
        "treebeard_position": "sorted-child",
        "treebeard_ref_node": "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_moving_a_unit_under_a_never_public_area_withdraws_its_feedback(
    admin_client, city, make_feedback
):
    feedback = make_feedback().feedback
    assert feedback.is_published
    streets = city["streets"]
    url = f"/admin/organizations/organization/{streets.pk}/change/"
    data = organization_form(streets, treebeard_ref_node=str(city["health"].pk))
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    feedback.refresh_from_db()
    assert feedback.publication_state == Feedback.PublicationState.PRIVATE
    assert feedback.publication_reason == Feedback.PublicationReason.POLICY


def test_changing_the_policy_in_the_admin_withdraws_feedback(admin_client, city, make_feedback):
    feedback = make_feedback().feedback
    root = city["root"]
    url = f"/admin/organizations/organization/{root.pk}/change/"
    response = admin_client.post(url, organization_form(root, publication_policy="never"))
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert not feedback.is_published


def test_feedback_cannot_be_deleted_or_edited_in_the_admin(admin_client, make_feedback):
    feedback = make_feedback().feedback
    base = f"/admin/feedback/feedback/{feedback.pk}"
    assert admin_client.get(f"{base}/delete/").status_code == 403
    assert admin_client.get(f"{base}/change/").status_code == 200
    admin_client.post(f"{base}/change/", {"title": "Muokattu"})
    feedback.refresh_from_db()
    assert feedback.title != "Muokattu"
