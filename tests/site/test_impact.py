"""The public page "Näin palautteesi vaikutti" ("How your feedback was used", C6): done,
public development actions per organisation, in Finnish, Swedish and English, and nothing
that tells who gave the feedback or who worked on the action."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from palaute.feedback.services import ContactInput, submit_feedback
from palaute.improvements import services
from palaute.organizations.models import Membership
from tests.factories import MembershipFactory, OrganizationFactory, TopicFactory, UserFactory


@pytest.fixture
def county(db):
    root = OrganizationFactory(
        code="hyvinvointialue",
        kind="root",
        name_fi="Hyvinvointialue",
        name_sv="Välfärdsområdet",
        name_en="Wellbeing services county",
    )
    area = OrganizationFactory(
        parent=root,
        code="perhepalvelut",
        name_fi="Perhepalvelut",
        name_sv="Familjetjänster",
        name_en="Family services",
    )
    clinic = OrganizationFactory(
        parent=area,
        code="neuvola",
        kind="service_unit",
        name_fi="Keskustan neuvola",
        name_sv="Rådgivningen i centrum",
        name_en="Central child health clinic",
    )
    other = OrganizationFactory(
        parent=root,
        code="ikaihmiset",
        name_fi="Ikäihmisten palvelut",
        name_sv="Äldreomsorgen",
        name_en="Services for older people",
    )
    nodes = {"root": root, "area": area, "clinic": clinic, "other": other}
    return {key: type(node).objects.get(pk=node.pk) for key, node in nodes.items()}


@pytest.fixture
def supervisor(county):
    user = UserFactory(
        username="esihenkilo", first_name="Essi", last_name="Salainen", email="essi@example.fi"
    )
    MembershipFactory(user=user, organization=county["area"], role=Membership.Role.SUPERVISOR)
    return user


@pytest.fixture
def feedback(county):
    topic = TopicFactory(service_code="neuvola", name_fi="Neuvola", organization=county["clinic"])
    return [
        submit_feedback(
            topic=topic,
            title=f"Jonotus {number}",
            text=f"Odotin puhelinjonossa pitkään, kerta {number}.",
            contact=ContactInput(name="Asiakas Anna", email=f"anna{number}@example.fi"),
        ).feedback
        for number in (1, 2)
    ]


def action(county, supervisor, *, unit="clinic", feedback=(), public=True, done=True, **kwargs):
    values = {
        "organization": county[unit],
        "title": "Takaisinsoitto neuvolaan",
        "description": "Sisäinen kuvaus: puhelinjärjestelmän asetukset.",
        "owner": supervisor,
        "actor": supervisor,
        "feedback": list(feedback),
        "is_public": public,
        "public_description": "Neuvolaan tuli takaisinsoittopalvelu: jonossa ei tarvitse odottaa."
        if public
        else "",
    }
    values.update(kwargs)
    created = services.create_action(**values)
    if done:
        created = services.set_action_status(action=created, status="done", actor=supervisor)
    return created


def test_lists_done_public_actions_with_a_bare_feedback_count(client, county, supervisor, feedback):
    done = action(county, supervisor, feedback=feedback)
    action(county, supervisor, title="Keskeneräinen muutos", done=False)
    action(county, supervisor, title="Sisäinen muutos", public=False)
    url = reverse("site:impact-organization", kwargs={"code": county["area"].code})
    page = client.get(url).content.decode()
    assert "Takaisinsoitto neuvolaan" in page
    assert "Neuvolaan tuli takaisinsoittopalvelu" in page
    assert "Keskustan neuvola" in page
    assert "Keskeneräinen muutos" not in page
    assert "Sisäinen muutos" not in page
    assert done.completed_on.strftime("%Y") in page
    with translation.override("en"):
        page_en = client.get(f"/en{url}").content.decode()
    assert "Based on 2 feedback" in page_en
    for secret in (
        "Sisäinen kuvaus",
        "Asiakas Anna",
        "anna1@example.fi",
        "Odotin puhelinjonossa",
        "Jonotus 1",
        feedback[0].reference,
        feedback[1].reference,
        "Essi",
        "Salainen",
        "esihenkilo",
        "essi@example.fi",
        f"/staff/actions/{done.pk}/",
    ):
        assert secret not in page, secret
        assert secret not in page_en, secret


def test_index_lists_organisations_and_the_newest_actions(client, county, supervisor, feedback):
    action(county, supervisor, feedback=feedback)
    page = client.get(reverse("site:impact")).content.decode()
    assert reverse("site:impact-organization", kwargs={"code": "hyvinvointialue"}) in page
    assert reverse("site:impact-organization", kwargs={"code": "perhepalvelut"}) in page
    assert reverse("site:impact-organization", kwargs={"code": "ikaihmiset"}) not in page
    assert "Takaisinsoitto neuvolaan" in page
    assert "Asiakas Anna" not in page
    assert feedback[0].reference not in page


def test_organisation_page_shows_only_its_subtree(client, county, supervisor):
    director = UserFactory(username="johtaja")
    MembershipFactory(user=director, organization=county["other"], role=Membership.Role.DIRECTOR)
    action(county, supervisor)
    action(county, director, unit="other", title="Kotihoidon aikataulut")
    page = client.get(
        reverse("site:impact-organization", kwargs={"code": county["other"].code})
    ).content.decode()
    assert "Kotihoidon aikataulut" in page
    assert "Takaisinsoitto neuvolaan" not in page
    page = client.get(
        reverse("site:impact-organization", kwargs={"code": county["root"].code})
    ).content.decode()
    assert "Kotihoidon aikataulut" in page and "Takaisinsoitto neuvolaan" in page


@pytest.mark.parametrize(
    ("language", "prefix", "name"),
    [
        ("fi", "", "Keskustan neuvola"),
        ("sv", "/sv", "Rådgivningen i centrum"),
        ("en", "/en", "Central child health clinic"),
    ],
)
def test_page_in_each_language(client, county, supervisor, language, prefix, name):
    action(county, supervisor)
    with translation.override(language):
        index = reverse("site:impact")
        detail = reverse("site:impact-organization", kwargs={"code": county["area"].code})
    assert index == f"{prefix}/impact/"
    for url in (index, detail):
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert f'<html lang="{language}">' in page
        assert name in page
        assert "Takaisinsoitto neuvolaan" in page
    if language == "en":
        assert "How your feedback was used" in page


def test_unknown_or_inactive_organisation_is_not_found(client, county):
    assert (
        client.get(reverse("site:impact-organization", kwargs={"code": "ei-ole"})).status_code
        == 404
    )
    county["other"].is_active = False
    county["other"].save()
    url = reverse("site:impact-organization", kwargs={"code": county["other"].code})
    assert client.get(url).status_code == 404


def test_empty_page_says_nothing_is_published(client, county):
    response = client.get("/en" + reverse("site:impact"))
    assert response.status_code == 200
    assert "No changes have been published yet." in response.content.decode()
