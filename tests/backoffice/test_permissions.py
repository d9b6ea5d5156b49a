"""The permission matrix: each role × each action × the feedback's place relative to the
role's node (own, child, parent, sibling), both in the policy and over HTTP."""

import itertools

import pytest
from django.urls import reverse

from palaute.feedback.models import Answer, Event, Feedback
from palaute.organizations import policy
from palaute.organizations.models import Organization
from palaute.organizations.policy import Action

pytestmark = pytest.mark.django_db

# What each role may do under its own node, written out by hand from DESIGN.md §1.
ALLOWED = {
    "staff": {"view", "note", "record"},
    "handler": {
        "view",
        "note",
        "view_contact",
        "handle",
        "moderate",
        "forward",
        "record",
        "acknowledge",
    },
    "supervisor": {
        "view",
        "note",
        "view_contact",
        "handle",
        "moderate",
        "forward",
        "manage_templates",
        "record",
        "acknowledge",
        "lead",
    },
    "director": {"view", "note", "acknowledge", "lead"},
    "admin": {a.value for a in Action},
}
RELATIONS = {"own": "unit", "child": "child", "parent": "area", "sibling": "sibling"}
COVERED = {"own", "child"}


@pytest.mark.parametrize(
    ("role", "action", "relation"),
    list(itertools.product(ALLOWED, [a.value for a in Action], RELATIONS)),
)
def test_policy_matrix(tree, member, role, action, relation):
    user = member(role)
    expected = relation in COVERED and action in ALLOWED[role]
    assert (
        policy.can(user=user, action=Action(action), organization=tree[RELATIONS[relation]])
        is expected
    )


def post(client, name, feedback, data):
    return client.post(
        reverse(f"backoffice:{name}", kwargs={"reference": feedback.reference}), data
    )


HTTP_ACTIONS = {
    "view": lambda c, f: c.get(f.get_staff_url()),
    "view_contact": lambda c, f: post(c, "contact", f, {}),
    "handle": lambda c, f: post(c, "status", f, {"status-status": "in_processing"}),
    "note": lambda c, f: post(
        c, "answer", f, {"answer-kind": "note", "answer-text": "Sisäinen huomio"}
    ),
    "moderate": lambda c, f: post(
        c,
        "moderate",
        f,
        {
            "moderation-public_title": "Muokattu",
            "moderation-public_text": "Muokattu teksti",
            "public_address": "",
        },
    ),
    "forward": lambda c, f: post(
        c, "forward", f, {"forward-organization": Organization.objects.get(code="root").pk}
    ),
}


def state(feedback):
    feedback.refresh_from_db()
    return (
        feedback.status,
        feedback.public_title,
        feedback.organization_id,
        Answer.objects.filter(feedback=feedback).count(),
        Event.objects.filter(feedback=feedback, kind=Event.Kind.CONTACT_VIEWED).count(),
    )


@pytest.mark.parametrize(
    ("role", "action", "relation"),
    list(itertools.product(ALLOWED, HTTP_ACTIONS, RELATIONS)),
)
def test_http_matrix(client, tree, member, feedback_in, role, action, relation):
    user = member(role)
    feedback = feedback_in(RELATIONS[relation])
    client.force_login(user)
    before = state(feedback)
    response = HTTP_ACTIONS[action](client, feedback)
    allowed = relation in COVERED and action in ALLOWED[role]
    if allowed:
        assert response.status_code in (200, 302), response.content[:500]
        if action != "view":
            assert state(feedback) != before
    else:
        # Outside the subtree the feedback does not exist for the user; inside, refused.
        assert response.status_code == (403 if relation in COVERED else 404)
        assert state(feedback) == before


def test_contact_details_are_only_in_the_page_of_a_permitted_user(client, member, feedback_in):
    feedback = feedback_in("unit")
    for role, shown in (("handler", True), ("staff", False), ("director", False)):
        client.force_login(member(role))
        page = post(client, "contact", feedback, {})
        assert ("anna@example.fi" in page.content.decode()) is shown
        assert "anna@example.fi" not in client.get(feedback.get_staff_url()).content.decode()


def test_a_handler_never_sees_another_subtrees_feedback_in_lists(client, handler, feedback_in):
    own = feedback_in("child")
    other = feedback_in("sibling", publish_consent=False)
    client.force_login(handler)
    html = client.get(reverse("backoffice:queue"), {"status": "all"}).content.decode()
    assert own.reference in html
    assert other.reference not in html
    assert client.get(other.get_staff_url()).status_code == 404
    attachment_url = reverse(
        "backoffice:attachment", kwargs={"reference": other.reference, "pk": 1}
    )
    assert client.get(attachment_url).status_code == 404


def test_removed_feedback_is_still_visible_to_staff_with_its_reason(client, handler, feedback_in):
    feedback = feedback_in("unit")
    client.force_login(handler)
    post(client, "remove", feedback, {"remove-reason": "Asiaton"})
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.REMOVED
    page = client.get(feedback.get_staff_url()).content.decode()
    assert "Asiaton" in page
