"""The questionnaires in the back office: collection points and their prints, typing in
paper forms and oral feedback, text-message invitations and opt-outs, the wording of the
questionnaires and own statements, and the integration API for invitations."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from palaute.feedback.models import Feedback
from palaute.integrations.services import create_api_key
from palaute.notifications.models import OutgoingMessage
from palaute.organizations.models import AuditEvent, Membership
from palaute.surveys import services
from palaute.surveys.models import (
    CollectionPoint,
    Item,
    OwnStatement,
    Questionnaire,
    SmsInvitation,
    SmsOptOut,
    SurveyAnswer,
    SurveyResponse,
)

PHONE = "040 123 4567"


@pytest.fixture
def questionnaires(db):
    return {q.code: q for q in services.load_national_questionnaires()}


@pytest.fixture
def adult(questionnaires):
    return questionnaires["kansallinen-aikuiset"]


@pytest.fixture
def point(tree, tree_topics, adult):
    def make(channel: str, key: str = "unit", questionnaire=None) -> CollectionPoint:
        return CollectionPoint.objects.create(
            organization=tree[key],
            channel=channel,
            questionnaire=questionnaire or adult,
            topic=tree_topics[key],
            name=f"{channel} {key}",
        )

    return make


@pytest.fixture
def staff_client(client, member):
    user = member(Membership.Role.STAFF)
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def root_admin(client, member):
    user = member(Membership.Role.ADMIN, "root")
    client.force_login(user)
    client.user = user
    return client


def entry_url(point: CollectionPoint) -> str:
    return reverse("backoffice:survey-entry", kwargs={"code": point.code})


# Menu and overview


def test_menu_shows_questionnaires_only_where_there_is_something_to_do(client, member, point):
    sibling_handler = member(Membership.Role.HANDLER, "sibling")
    client.force_login(sibling_handler)
    assert reverse("backoffice:surveys") not in client.get(reverse("backoffice:queue")).text
    point("paper", "sibling")
    assert reverse("backoffice:surveys") in client.get(reverse("backoffice:queue")).text


def test_overview_lists_only_points_of_own_units(staff_client, point):
    own = point("paper")
    other = point("paper", "sibling")
    page = staff_client.get(reverse("backoffice:surveys")).text
    assert entry_url(own) in page
    assert entry_url(other) not in page
    # Staff record but do not administer: no creating points, no wording.
    assert reverse("backoffice:survey-point-create") not in page
    assert staff_client.get(reverse("backoffice:survey-point-create")).status_code == 403
    assert staff_client.get(reverse("backoffice:survey-questionnaires")).status_code == 403
    assert staff_client.get(reverse("backoffice:survey-statements")).status_code == 403


def test_director_may_not_record(client, member, point):
    client.force_login(member(Membership.Role.DIRECTOR))
    paper = point("paper")
    assert client.get(reverse("backoffice:surveys")).status_code == 403
    assert client.get(entry_url(paper)).status_code == 403


# Typing in paper forms and oral feedback


def test_paper_form_typed_in_lands_in_the_units_queue(staff_client, point, tree):
    paper = point("paper")
    own = OwnStatement.objects.create(organization=tree["area"], code="puhelin", text_fi="Puhelin")
    day = timezone.localdate() - dt.timedelta(days=3)
    response = staff_client.post(
        entry_url(paper),
        {
            "answered_on": day.isoformat(),
            "language": "sv",
            "nps": "9",
            "s_saatavuus": "5",
            "s_kohtaaminen": "0",
            "s_osallistuminen": "",
            f"o_{own.pk}": "x",
            "open_text": "Bra service.",
            "respondent": "customer",
            "age_group": "65-74",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == entry_url(paper)
    survey = SurveyResponse.objects.get()
    feedback = survey.feedback
    assert feedback.organization == paper.organization
    assert feedback.channel == "paper"
    assert feedback.language == "sv"
    assert feedback.status == Feedback.Status.RECEIVED  # a comment: someone reads it
    assert feedback.text == "Bra service."
    assert timezone.localtime(feedback.received_at).date() == day
    assert survey.recorded_by == staff_client.user
    assert survey.nps == 9
    assert (survey.respondent, survey.age_group) == ("customer", "65-74")
    answers = {
        (a.item.code if a.item else f"own-{a.own_statement_id}"): (a.value, a.no_opinion)
        for a in SurveyAnswer.objects.filter(response=survey)
    }
    assert answers == {
        "saatavuus": (5, False),
        "kohtaaminen": (None, True),
        f"own-{own.pk}": (None, True),
    }
    assert not hasattr(feedback, "contact")
    # The next form starts empty, and the count of typed forms is shown.
    page = staff_client.get(entry_url(paper)).text
    assert feedback.reference in page
    assert 'value="9"' not in page
    # It waits in the unit's queue, found by its channel.
    queue = staff_client.get(reverse("backoffice:queue"), {"channel": "paper"}).text
    assert feedback.reference in queue
    assert "Paperilomake" in queue
    other_channel = staff_client.get(reverse("backoffice:queue"), {"channel": "oral"}).text
    assert feedback.reference not in other_channel


def test_bad_paper_form_keeps_what_was_typed_and_saves_nothing(staff_client, point):
    paper = point("paper")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = staff_client.post(
        entry_url(paper),
        {"answered_on": tomorrow.isoformat(), "language": "fi", "nps": "12", "s_saatavuus": "7"},
    )
    assert response.status_code == 400
    page = response.text
    assert "Päivämäärä ei voi olla tulevaisuudessa." in page or "future" in page
    assert 'aria-invalid="true"' in page
    assert 'value="12"' in page
    assert SurveyResponse.objects.count() == 0


def test_empty_paper_form_is_refused(staff_client, point):
    paper = point("paper")
    response = staff_client.post(
        entry_url(paper), {"answered_on": timezone.localdate().isoformat(), "language": "fi"}
    )
    assert response.status_code == 400
    assert Feedback.objects.count() == 0


def test_contact_request_on_paper_needs_a_way_to_contact(staff_client, point):
    paper = point("paper")
    today = timezone.localdate().isoformat()
    data = {"answered_on": today, "language": "fi", "nps": "3", "contact_requested": "on"}
    assert staff_client.post(entry_url(paper), data).status_code == 400
    data["phone"] = PHONE
    assert staff_client.post(entry_url(paper), data).status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.contact_requested
    assert feedback.contact.phone == "+358401234567"
    assert feedback.contact_due is not None


def test_oral_feedback_needs_the_customers_words(staff_client, point):
    oral = point("oral")
    today = timezone.localdate().isoformat()
    response = staff_client.post(entry_url(oral), {"answered_on": today, "language": "fi"})
    assert response.status_code == 400
    response = staff_client.post(
        entry_url(oral),
        {"answered_on": today, "language": "fi", "open_text": "Asiakas kiitti hoitajaa."},
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.channel == "oral"
    assert feedback.survey.recorded_by == staff_client.user
    assert feedback.survey.nps is None


def test_entry_of_another_unit_is_refused(staff_client, point):
    other = point("paper", "sibling")
    assert staff_client.get(entry_url(other)).status_code == 403
    web = point("web")
    assert staff_client.get(entry_url(web)).status_code == 404


def test_entry_by_the_code_on_the_form(staff_client, point):
    paper = point("paper")
    find = reverse("backoffice:survey-entry-find")
    response = staff_client.get(find, {"code": paper.code})
    assert response.status_code == 302
    assert response["Location"] == entry_url(paper)
    response = staff_client.get(find, {"code": "not-a-code"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text


# Text messages


def test_invitation_is_sent_once_in_thirty_days(staff_client, point):
    sms = point("sms")
    url = reverse("backoffice:survey-invite")
    data = {"point": sms.pk, "phone": PHONE, "kind": "link", "language": "fi"}
    assert staff_client.post(url, data).status_code == 302
    message = OutgoingMessage.objects.get(medium=OutgoingMessage.Medium.SMS)
    assert message.recipient == "+358401234567"
    invitation = SmsInvitation.objects.get()
    assert invitation.get_absolute_url() in message.body
    assert invitation.sent_by == staff_client.user
    assert "4567" not in invitation.phone_hash
    again = staff_client.post(url, data)
    assert again.status_code == 400
    assert "30" in again.text
    assert SmsInvitation.objects.count() == 1


def test_invitation_points_are_the_users_own(staff_client, point):
    other = point("sms", "sibling")
    response = staff_client.post(
        reverse("backoffice:survey-invite"),
        {"point": other.pk, "phone": PHONE, "kind": "link", "language": "fi"},
    )
    assert response.status_code == 400
    assert SmsInvitation.objects.count() == 0


def test_opt_out_list(staff_client, member, point, client):
    url = reverse("backoffice:survey-opt-outs")
    assert staff_client.post(url, {"phone": PHONE, "operation": "add"}).status_code == 302
    assert SmsOptOut.objects.count() == 1
    assert "4567" not in SmsOptOut.objects.get().phone_hash
    checked = staff_client.post(url, {"phone": "+358 40 1234567", "operation": "check"})
    assert checked.context["status"] is True
    response = staff_client.post(
        reverse("backoffice:survey-invite"),
        {"point": point("sms").pk, "phone": PHONE, "kind": "conversation", "language": "fi"},
    )
    assert response.status_code == 400
    assert SmsInvitation.objects.count() == 0
    # Only an administrator takes a number off the list.
    assert staff_client.post(url, {"phone": PHONE, "operation": "remove"}).status_code == 403
    client.force_login(member(Membership.Role.ADMIN, "area"))
    assert client.post(url, {"phone": PHONE, "operation": "remove"}).status_code == 302
    assert SmsOptOut.objects.count() == 0
    bad = client.post(url, {"phone": "12", "operation": "add"})
    assert bad.status_code == 400


# Collection points


def test_administrator_creates_and_edits_a_point(client, member, tree, tree_topics, adult):
    client.force_login(member(Membership.Role.ADMIN, "area"))
    response = client.post(
        reverse("backoffice:survey-point-create"),
        {
            "organization": tree["unit"].pk,
            "channel": "qr",
            "questionnaire": adult.pk,
            "topic": tree_topics["unit"].pk,
            "name": "Juliste aulassa",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    created = CollectionPoint.objects.get()
    assert (created.organization, created.channel) == (tree["unit"], "qr")
    assert len(created.code) >= 12
    edit = reverse("backoffice:survey-point", kwargs={"pk": created.pk})
    response = client.post(
        edit,
        {
            "organization": tree["sibling"].pk,  # ignored: the unit is fixed
            "channel": "paper",
            "questionnaire": adult.pk,
            "topic": tree_topics["unit"].pk,
            "name": "Juliste kahvion vieressä",
        },
    )
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.name == "Juliste kahvion vieressä"
    assert not created.is_active
    assert (created.organization, created.channel) == (tree["unit"], "qr")
    assert AuditEvent.objects.filter(action="collection_point.update").exists()


def test_admin_cannot_create_points_outside_their_tree(client, member, tree, tree_topics, adult):
    client.force_login(member(Membership.Role.ADMIN, "unit"))
    response = client.post(
        reverse("backoffice:survey-point-create"),
        {
            "organization": tree["sibling"].pk,
            "channel": "web",
            "questionnaire": adult.pk,
            "topic": tree_topics["sibling"].pk,
        },
    )
    assert response.status_code == 400
    assert CollectionPoint.objects.count() == 0


def test_new_code_retires_the_old_one(client, member, point):
    web = point("web")
    old = web.get_absolute_url()
    assert client.get(old).status_code == 200
    client.force_login(member(Membership.Role.ADMIN, "unit"))
    client.post(reverse("backoffice:survey-point-code", kwargs={"pk": web.pk}))
    web.refresh_from_db()
    assert web.get_absolute_url() != old
    assert client.get(old).status_code == 404
    assert client.get(web.get_absolute_url()).status_code == 200


def test_prints_of_a_point(staff_client, point):
    web = point("web")
    paper = point("paper")
    svg = staff_client.get(reverse("backoffice:survey-point-qr-svg", kwargs={"pk": web.pk}))
    assert svg["Content-Type"] == "image/svg+xml"
    assert b"<svg" in svg.content
    png = staff_client.get(reverse("backoffice:survey-point-qr-png", kwargs={"pk": web.pk}))
    assert png.content.startswith(b"\x89PNG")
    poster = staff_client.get(reverse("backoffice:survey-point-poster", kwargs={"pk": web.pk}))
    assert poster["Content-Type"] == "application/pdf"
    assert poster.content.startswith(b"%PDF")
    form = staff_client.get(
        reverse("backoffice:survey-point-form", kwargs={"pk": paper.pk}), {"language": "sv"}
    )
    assert form.content.startswith(b"%PDF")
    # A paper point has no page to point a QR code at; a web point has no paper form.
    assert (
        staff_client.get(
            reverse("backoffice:survey-point-qr-svg", kwargs={"pk": paper.pk})
        ).status_code
        == 404
    )
    assert (
        staff_client.get(reverse("backoffice:survey-point-form", kwargs={"pk": web.pk})).status_code
        == 404
    )
    other = point("web", "sibling")
    assert (
        staff_client.get(
            reverse("backoffice:survey-point-qr-png", kwargs={"pk": other.pk})
        ).status_code
        == 403
    )


# Wording


def test_root_administrator_rewords_an_unanswered_version_in_place(root_admin, adult):
    version = adult.current_version()
    item = version.items.get(code="saatavuus")
    form = root_admin.get(reverse("backoffice:survey-questionnaire", kwargs={"pk": adult.pk}))
    data = {name: (field.initial or "") for name, field in form.context["form"].fields.items()}
    data[f"item{item.pk}_text_fi"] = "Sain apua juuri silloin, kun tarvitsin."
    response = root_admin.post(
        reverse("backoffice:survey-questionnaire", kwargs={"pk": adult.pk}), data
    )
    assert response.status_code == 302
    assert adult.versions.count() == 1
    item.refresh_from_db()
    assert item.text_fi == "Sain apua juuri silloin, kun tarvitsin."


def test_rewording_an_answered_version_makes_a_new_one(root_admin, adult, point):
    web = point("web")
    version = adult.current_version()
    old_text = version.items.get(code="saatavuus").text_fi
    services.submit_survey(
        point=web, version=version, answers=services.Answers(statements={"saatavuus": 4})
    )
    page = root_admin.get(reverse("backoffice:survey-questionnaire", kwargs={"pk": adult.pk}))
    data = {name: (f.initial or "") for name, f in page.context["form"].fields.items()}
    item = version.items.get(code="saatavuus")
    data[f"item{item.pk}_text_fi"] = "Uusi sanamuoto."
    response = root_admin.post(
        reverse("backoffice:survey-questionnaire", kwargs={"pk": adult.pk}), data, follow=True
    )
    assert response.status_code == 200
    assert adult.versions.count() == 2
    current = adult.current_version()
    assert current.number == 2
    assert current.items.get(code="saatavuus").text_fi == "Uusi sanamuoto."
    answer = SurveyAnswer.objects.get()
    assert answer.item.text_fi == old_text
    assert answer.item.version == version
    # The detail of the old answer shows the words the customer saw.
    handler_view = answer.response.feedback
    assert old_text in root_admin.get(handler_view.get_staff_url()).text


def test_only_a_root_administrator_edits_questionnaires(client, member, adult):
    client.force_login(member(Membership.Role.ADMIN, "area"))
    url = reverse("backoffice:survey-questionnaire", kwargs={"pk": adult.pk})
    assert client.get(url).status_code == 403


def test_own_statement_is_replaced_when_answered(client, member, tree, point):
    client.force_login(member(Membership.Role.ADMIN, "area"))
    url = reverse("backoffice:survey-statement-create")
    data = {
        "organization": tree["area"].pk,
        "code": "puhelin",
        "order": "1",
        "text_fi": "Sain yhteyden puhelimitse.",
        "text_sv": "",
        "text_en": "",
        "is_active": "on",
    }
    assert client.post(url, data).status_code == 302
    statement = OwnStatement.objects.get()
    # A second statement in use with the same code is refused.
    assert client.post(url, data).status_code == 400
    web = point("web")
    services.submit_survey(
        point=web,
        version=web.questionnaire.current_version(),
        answers=services.Answers(own={statement.pk: 5}),
    )
    edit = reverse("backoffice:survey-statement", kwargs={"pk": statement.pk})
    assert client.post(edit, {**data, "text_fi": "Sain helposti yhteyden."}).status_code == 302
    statement.refresh_from_db()
    assert not statement.is_active
    replacement = OwnStatement.objects.get(is_active=True)
    assert replacement.replaces == statement
    assert replacement.text_fi == "Sain helposti yhteyden."
    assert SurveyAnswer.objects.get().own_statement == statement
    listing = client.get(reverse("backoffice:survey-statements")).text
    assert "Sain helposti yhteyden." in listing


# The handler's view


def test_feedback_detail_shows_the_answers(client, member, point, tree):
    web = point("web")
    version = web.questionnaire.current_version()
    response = services.submit_survey(
        point=web,
        version=version,
        answers=services.Answers(
            nps=4, statements={"saatavuus": 2, "kohtaaminen": None}, open_text="Odotin pitkään."
        ),
    )
    client.force_login(member(Membership.Role.HANDLER))
    page = client.get(response.feedback.get_staff_url()).text
    assert version.items.get(code="saatavuus").text_fi in page
    assert "2 – Jokseenkin eri mieltä" in page
    assert "En osaa sanoa" in page
    assert "<strong>4</strong>" in page


# The integration API


def api_post(client, key: str | None, payload: dict):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    return client.post(
        reverse("api-survey-invitations"),
        json.dumps(payload),
        content_type="application/json",
        **headers,
    )


def test_integration_invites_by_api(client, tree, point):
    sms = point("sms")
    _key, raw = create_api_key(name="Potilasjärjestelmä", organization=tree["area"])
    payload = {"collection_point": sms.code, "phone": PHONE, "kind": "conversation"}
    assert api_post(client, None, payload).status_code in (401, 403)
    response = api_post(client, raw, payload)
    assert response.status_code == 201, response.content
    invitation = SmsInvitation.objects.get()
    assert invitation.kind == "conversation"
    assert invitation.sent_by is None
    assert OutgoingMessage.objects.to("+358401234567").filter(medium="sms").exists()
    again = api_post(client, raw, payload)
    assert again.status_code == 400
    assert again.json()["code"] == "too_soon"
    web = point("web")
    assert api_post(client, raw, {**payload, "collection_point": web.code}).status_code == 404
    _other, other_raw = create_api_key(name="Toinen", organization=tree["sibling"])
    assert api_post(client, other_raw, {**payload, "phone": "0409876543"}).status_code == 403


# Demo data


def test_demo_questionnaires_are_answered_in_every_channel(db):
    from palaute.demo.loader import load_demo

    load_demo()
    channels = set(SurveyResponse.objects.values_list("channel", flat=True))
    assert {"web", "tablet", "qr", "sms", "paper", "oral"} <= channels
    assert Questionnaire.objects.count() == 3
    assert Item.objects.filter(kind=Item.Kind.STATEMENT).count() == 21
    for response in SurveyResponse.objects.select_related("feedback", "collection_point"):
        assert response.feedback.organization_id == response.collection_point.organization_id
        assert response.feedback.publication_state != Feedback.PublicationState.PUBLISHED
    before = SurveyResponse.objects.count()
    load_demo()
    assert SurveyResponse.objects.count() == before


def test_handlers_hear_of_comments_not_of_scores(member, point):
    handler = member(Membership.Role.HANDLER, notify_new="immediate")
    web = point("web")
    version = web.questionnaire.current_version()
    services.submit_survey(point=web, version=version, answers=services.Answers(nps=9))
    assert not OutgoingMessage.objects.to(handler.email).exists()
    services.submit_survey(
        point=web, version=version, answers=services.Answers(nps=2, open_text="Huono kokemus.")
    )
    notice = OutgoingMessage.objects.to(handler.email).get()
    assert notice.kind == OutgoingMessage.Kind.STAFF_NEW
