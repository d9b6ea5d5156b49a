"""The administrator manages the tree, topics, users and roles in the back office, within
the part of the tree the administrator role covers."""

import pytest
from django.core import mail
from django.urls import reverse

from palaute.feedback.models import Topic
from palaute.organizations.models import AuditEvent, Membership, Organization, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, member):
    admin = member("admin", "area", username="manager")
    client.force_login(admin)
    return client


def test_administrator_adds_a_unit_below_their_node(admin_client, tree):
    response = admin_client.post(
        reverse("backoffice:admin-organization-create", kwargs={"parent": tree["unit"].pk}),
        {
            "code": "new-unit",
            "kind": "service_unit",
            "name_fi": "Uusi yksikkö",
            "name_sv": "Ny enhet",
            "name_en": "New unit",
            "publication_policy": "inherit",
            "moderation_mode": "inherit",
            "email": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    node = Organization.objects.get(code="new-unit")
    assert Organization.objects.get_parent(node) == tree["unit"]
    assert AuditEvent.objects.filter(action="organization.create", target="new-unit").exists()


def test_administrator_cannot_touch_nodes_outside_their_subtree(admin_client, tree):
    assert (
        admin_client.get(
            reverse("backoffice:admin-organization", kwargs={"pk": tree["root"].pk})
        ).status_code
        == 403
    )
    assert (
        admin_client.get(
            reverse("backoffice:admin-organization-create", kwargs={"parent": tree["root"].pk})
        ).status_code
        == 403
    )
    html = admin_client.get(reverse("backoffice:admin-organizations")).content.decode()
    assert "Kaupunki" not in html
    assert "Sisaryksikkö" in html


def test_setting_a_unit_never_public_withdraws_its_feedback(admin_client, tree, feedback_in):
    feedback = feedback_in("unit")
    assert feedback.is_published
    unit = tree["unit"]
    admin_client.post(
        reverse("backoffice:admin-organization", kwargs={"pk": unit.pk}),
        {
            "code": unit.code,
            "kind": unit.kind,
            "name_fi": unit.name_fi,
            "name_sv": "",
            "name_en": "",
            "publication_policy": "never",
            "moderation_mode": "inherit",
            "email": "",
            "is_active": "on",
        },
    )
    feedback.refresh_from_db()
    assert not feedback.is_published


def test_administrator_creates_a_topic_and_edits_it(admin_client, tree, tree_topics):
    data = {
        "parent": tree_topics["unit"].pk,
        "service_code": "uusi-aihe",
        "name_fi": "Uusi aihe",
        "name_sv": "Nytt ämne",
        "name_en": "New topic",
        "organization": "",
        "publication_policy": "inherit",
        "location_mode": "optional",
        "state": "active",
    }
    response = admin_client.post(
        reverse("backoffice:admin-topic-create") + f"?parent={tree_topics['unit'].pk}", data
    )
    assert response.status_code == 302
    topic = Topic.objects.get(service_code="uusi-aihe")
    assert Topic.objects.get_parent(topic) == tree_topics["unit"]
    response = admin_client.post(
        reverse("backoffice:admin-topic", kwargs={"pk": topic.pk}),
        {**data, "name_fi": "Muutettu aihe", "state": "inactive"},
    )
    topic.refresh_from_db()
    assert (topic.name_fi, topic.state) == ("Muutettu aihe", "inactive")


def test_topic_of_another_subtree_is_read_only(admin_client, tree):
    from tests.factories import TopicFactory

    foreign = TopicFactory(service_code="foreign", organization=tree["root"])
    assert (
        admin_client.get(reverse("backoffice:admin-topic", kwargs={"pk": foreign.pk})).status_code
        == 403
    )


def test_administrator_creates_a_user_with_a_role_and_a_password_link(
    admin_client, tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("backoffice:admin-user-create"),
            {
                "username": "uusi",
                "first_name": "Uusi",
                "last_name": "Käsittelijä",
                "email": "uusi@example.fi",
                "language": "fi",
                "is_active": "on",
                "role-organization": tree["child"].pk,
                "role-role": "handler",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(username="uusi")
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, organization=tree["child"], role="handler").exists()
    assert mail.outbox[-1].to == ["uusi@example.fi"]
    assert "/staff/password-reset/" in mail.outbox[-1].body


def test_administrator_cannot_give_roles_outside_their_subtree(admin_client, tree, member):
    colleague = member("handler", "unit", username="colleague")
    admin_client.post(
        reverse("backoffice:admin-user-role", kwargs={"pk": colleague.pk}),
        {"role-organization": tree["root"].pk, "role-role": "admin"},
    )
    assert not Membership.objects.filter(user=colleague, organization=tree["root"]).exists()


def test_users_outside_the_subtree_are_not_listed(admin_client, member):
    member("handler", "unit", username="inside")
    outsider = User.objects.create_user("outsider")
    Membership.objects.create(
        user=outsider, organization=Organization.objects.get(code="root"), role="handler"
    )
    html = admin_client.get(reverse("backoffice:admin-users")).content.decode()
    assert "inside" in html
    assert "outsider" not in html
    assert (
        admin_client.get(reverse("backoffice:admin-user", kwargs={"pk": outsider.pk})).status_code
        == 404
    )


def test_supervisor_manages_templates_of_their_unit_only(client, supervisor, tree):
    client.force_login(supervisor)
    response = client.post(
        reverse("backoffice:template-create"),
        {
            "organization": tree["unit"].pk,
            "name": "Kiitos",
            "text_fi": "Kiitos palautteesta.",
            "text_sv": "Tack.",
            "text_en": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("backoffice:template-create"),
        {
            "organization": tree["sibling"].pk,
            "name": "Vieras",
            "text_fi": "Ei saa",
            "is_active": "on",
        },
    )
    assert response.status_code == 400


def test_handler_cannot_manage_templates(client, handler):
    client.force_login(handler)
    assert client.get(reverse("backoffice:templates")).status_code == 403
    assert client.get(reverse("backoffice:template-create")).status_code == 403


def test_user_chooses_language_and_notifications(client, handler):
    client.force_login(handler)
    response = client.post(
        reverse("backoffice:account"),
        {
            "first_name": "Hanna",
            "last_name": "H",
            "email": "h@example.fi",
            "language": "en",
            "notify_new": "digest",
        },
    )
    assert response.status_code == 302
    handler.refresh_from_db()
    assert (handler.language, handler.notify_new) == ("en", "digest")
    assert response.url.startswith("/en/")


def test_administrator_adds_an_extra_question_with_choices(admin_client, tree_topics, client):
    topic = tree_topics["unit"]
    url = reverse("backoffice:admin-question-create", kwargs={"pk": topic.pk})
    data = {
        "code": "vika",
        "datatype": "singlevaluelist",
        "required": "on",
        "variable": "on",
        "order": 1,
        "description_fi": "Mikä on vialla?",
        "choices": "pimea | Valo ei pala | Lampan släckt | Light out\nvilkkuu | Valo vilkkuu",
    }
    assert admin_client.post(url, {**data, "choices": ""}).status_code == 400
    assert admin_client.post(url, {**data, "choices": "ilman nimeä"}).status_code == 400
    assert admin_client.post(url, data).status_code == 302
    question = topic.attributes.get()
    assert [(v.key, v.name_fi, v.name_en) for v in question.values.all()] == [
        ("pimea", "Valo ei pala", "Light out"),
        ("vilkkuu", "Valo vilkkuu", ""),
    ]
    definition = client.get(f"/open311/v2/services/{topic.service_code}.json").json()
    assert definition["attributes"][0]["values"][0] == {"key": "pimea", "name": "Valo ei pala"}
    edit = reverse("backoffice:admin-question", kwargs={"pk": topic.pk, "question": question.pk})
    admin_client.post(edit, {**data, "choices": "vilkkuu | Valo vilkkuu"})
    assert [v.key for v in question.values.all()] == ["vilkkuu"]
    admin_client.post(
        reverse(
            "backoffice:admin-question-delete", kwargs={"pk": topic.pk, "question": question.pk}
        )
    )
    assert not topic.attributes.exists()


def test_question_positions_are_unique_within_a_topic(admin_client, tree_topics):
    topic = tree_topics["unit"]
    url = reverse("backoffice:admin-question-create", kwargs={"pk": topic.pk})
    base = {"datatype": "string", "variable": "on", "description_fi": "Kysymys"}
    assert admin_client.post(url, {**base, "code": "eka", "order": 1}).status_code == 302
    assert admin_client.post(url, {**base, "code": "toka", "order": 1}).status_code == 400
    page = admin_client.get(url).content.decode()
    assert 'name="order" value="2"' in page
