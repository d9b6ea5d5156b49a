"""The public customer questionnaire, the tablet kiosk's answer endpoint and the personal
text-message links, through Django's test client."""

from __future__ import annotations

import datetime as dt
import json
import re
from types import SimpleNamespace

import pytest
from django.utils import timezone

from palaute.feedback.models import Feedback
from palaute.surveys import services
from palaute.surveys.models import (
    CollectionPoint,
    OwnStatement,
    SmsInvitation,
    SurveyAnswer,
    SurveyResponse,
)
from tests.factories import OrganizationFactory, TopicFactory

pytestmark = pytest.mark.django_db


def make_county() -> SimpleNamespace:
    """A county with a health area, an adult unit and a children's unit, the national
    questionnaires, an own statement of the area, and a point in every channel."""
    questionnaires = {q.audience: q for q in services.load_national_questionnaires()}
    root = OrganizationFactory(
        code="county",
        kind="root",
        name_fi="Järvi-Savon hyvinvointialue",
        name_sv="Järvi-Savolax välfärdsområde",
        name_en="Järvi-Savo wellbeing county",
        publication_policy="never",
    )
    area = OrganizationFactory(
        parent=root,
        code="health",
        name_fi="Terveyspalvelut",
        name_sv="Hälsotjänster",
        name_en="Health services",
    )
    unit = OrganizationFactory(
        parent=area,
        code="clinic",
        kind="service_unit",
        name_fi="Keskustan terveysasema",
        name_sv="Centrums hälsostation",
        name_en="City Centre Health Station",
    )
    child_unit = OrganizationFactory(
        parent=area,
        code="child-clinic",
        kind="service_unit",
        name_fi="Lasten vastaanotto",
        name_sv="Barnmottagningen",
        name_en="Children's clinic",
    )
    topic = TopicFactory(
        service_code="customer-feedback",
        name_fi="Asiakaspalaute",
        organization=unit,
        location_mode="none",
    )
    own = OwnStatement.objects.create(
        organization=area,
        code="odotus",
        text_fi="Odotusaika oli kohtuullinen.",
        text_sv="Väntetiden var rimlig.",
        text_en="The waiting time was reasonable.",
    )

    def point(channel, organization=unit, audience="adult", **extra):
        return CollectionPoint.objects.create(
            channel=channel,
            organization=organization,
            questionnaire=questionnaires[audience],
            topic=topic,
            **extra,
        )

    return SimpleNamespace(
        questionnaires=questionnaires,
        root=root,
        area=area,
        unit=unit,
        child_unit=child_unit,
        topic=topic,
        own=own,
        web=point("web"),
        child_web=point("web", organization=child_unit, audience="child"),
        tablet=point("tablet"),
        qr=point("qr"),
        sms=point("sms"),
        paper=point("paper"),
        oral=point("oral"),
        inactive=point("web", is_active=False),
    )


@pytest.fixture
def county():
    return make_county()


def url(point: CollectionPoint, prefix: str = "") -> str:
    return f"{prefix}/survey/{point.code}/"


def answer_url(point: CollectionPoint) -> str:
    return f"/kiosk/{point.code}/answers/"


def version_of(point: CollectionPoint):
    return point.questionnaire.current_version()


# The web page


def test_unit_tree_lists_the_web_points_only(client, county):
    html = client.get("/survey/").content.decode()
    assert "Terveyspalvelut" in html  # the area heading
    assert f'href="/survey/{county.web.code}/"' in html
    assert f'href="/survey/{county.child_web.code}/"' in html
    for point in (county.tablet, county.qr, county.sms, county.paper, county.oral, county.inactive):
        assert point.code not in html


@pytest.mark.parametrize("channel", ["web", "qr", "sms"])
def test_public_channels_show_the_questionnaire(client, county, channel):
    response = client.get(url(getattr(county, channel)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Keskustan terveysasema" in html
    assert "Sain apua silloin, kun tarvitsin." in html
    assert "Odotusaika oli kohtuullinen." in html  # the area's own statement
    assert "En osaa sanoa" in html
    assert response.headers["Cache-Control"].startswith("max-age=0")


@pytest.mark.parametrize("channel", ["paper", "oral", "tablet", "inactive"])
def test_staff_kiosk_and_inactive_points_are_not_public_pages(client, county, channel):
    point = getattr(county, channel)
    assert client.get(url(point)).status_code == 404
    assert client.post(url(point), {"nps": "9"}).status_code == 404
    assert client.get(f"/survey/{point.code}/thanks/").status_code == 404


def test_unknown_codes_are_not_found(client, county):
    assert client.get("/survey/no-such-code/").status_code == 404
    assert client.get("/survey/" + "x" * 40 + "/").status_code == 404
    assert client.get("/kiosk/no-such-code/").status_code == 404
    assert client.get(f"/kiosk/{county.web.code}/").status_code == 404  # a web point
    assert client.get("/s/no-such-token/").status_code == 404


def survey_data(**values) -> dict:
    data = {"nps": "", "open_text": "", "respondent": "", "age_group": "", "name": ""}
    data.update(values)
    return data


def test_answers_become_one_anonymous_feedback_of_the_unit(client, county):
    response = client.post(
        url(county.web),
        survey_data(
            nps="9",
            s_saatavuus="5",
            s_kohtaaminen="x",
            **{f"o_{county.own.pk}": "2"},
            open_text="Lääkäri kuunteli hyvin.",
            respondent="relative",
            age_group="30-49",
            name="Ei tallenneta",
            email="ei.tallenneta@example.fi",
        ),
    )
    assert response.status_code == 302
    assert response.url == f"/survey/{county.web.code}/thanks/"
    feedback = Feedback.objects.get()
    assert feedback.organization == county.unit
    assert feedback.channel == "web"
    assert feedback.publish_consent is False
    assert feedback.contact_requested is False
    assert not hasattr(feedback, "contact") or feedback.contact is None
    survey = feedback.survey
    assert survey.collection_point == county.web
    assert survey.version == version_of(county.web)
    assert (survey.nps, survey.respondent, survey.age_group) == (9, "relative", "30-49")
    answers = {
        (a.item.code if a.item else f"o{a.own_statement_id}"): (a.value, a.no_opinion)
        for a in survey.answers.select_related("item")
    }
    assert answers == {
        "saatavuus": (5, False),
        "kohtaaminen": (None, True),
        f"o{county.own.pk}": (2, False),
    }
    thanks = client.get(response.url)
    assert thanks.status_code == 200
    assert "Keskustan terveysasema" in thanks.content.decode()


def test_contact_request_needs_a_way_to_reach_the_customer(client, county):
    response = client.post(url(county.web), survey_data(nps="3", contact_requested="on"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert 'href="#id_contact_requested"' in html
    assert not Feedback.objects.exists()
    response = client.post(
        url(county.web),
        survey_data(nps="3", contact_requested="on", name="Maija", phone="040 123 4567"),
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.contact_requested is True
    assert feedback.contact_due is not None
    assert feedback.contact.phone == "+358401234567"
    assert feedback.contact.name == "Maija"


def test_an_empty_questionnaire_is_refused(client, county):
    response = client.post(url(county.web), {})
    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    response = client.post(url(county.web), survey_data())
    assert response.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_bad_values_are_errors_linked_from_the_summary(client, county):
    response = client.post(url(county.web), survey_data(nps="11", s_saatavuus="7", phone="123"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_nps_0"' in html
    assert 'href="#id_s_saatavuus_0"' in html
    assert 'href="#id_phone"' in html
    # Each error is also told beside its question, and tied to it.
    assert 'aria-describedby="id_nps_help id_nps_error"' in html
    assert 'aria-describedby="id_s_saatavuus_error"' in html
    assert re.search(r"<title>[^<]*:", html)  # the title tells there is an error
    assert not SurveyResponse.objects.exists()


def test_answer_keeps_the_wording_the_customer_saw(client, county):
    """The questionnaire is edited while a customer answers: the answer belongs to the
    version on their page, and that version is shown again if there is an error."""
    old = version_of(county.web)
    assert f'name="version" value="{old.pk}"' in client.get(url(county.web)).content.decode()
    client.post(url(county.web), survey_data(nps="8"))  # answered: edits make a new version
    new = services.edit_version(
        version=old,
        intro={},
        items={old.items.get(code="saatavuus").pk: {"text_fi": "Sain apua ajoissa."}},
        actor=None,
    )
    assert new.pk != old.pk
    response = client.post(url(county.web), survey_data(version=str(old.pk), s_saatavuus="9"))
    assert response.status_code == 400
    assert "Sain apua silloin, kun tarvitsin." in response.content.decode()
    response = client.post(url(county.web), survey_data(version=str(old.pk), s_saatavuus="4"))
    assert response.status_code == 302
    assert SurveyResponse.objects.filter(version=old).count() == 2
    client.post(url(county.web), survey_data(s_saatavuus="4"))
    assert SurveyResponse.objects.filter(version=new).count() == 1
    # Another questionnaire's version, or nonsense, means the current one.
    other = county.questionnaires["child"].current_version()
    for seen in (str(other.pk), "²", "9" * 40):
        assert client.post(url(county.web), survey_data(version=seen, nps="1")).status_code == 302
    assert SurveyResponse.objects.filter(version=new).count() == 4


def test_childrens_questionnaire_has_the_face_scale(client, county):
    response = client.get(url(county.child_web))
    html = response.content.decode()
    assert response.status_code == 200
    assert "scale--faces" in html
    assert html.count('class="face"') == 8 * 5  # seven statements and the own one
    assert "Täysin totta" in html
    assert "Minulla oli turvallinen olo." in html
    response = client.post(url(county.child_web), survey_data(s_turvallisuus="5"))
    assert response.status_code == 302
    survey = SurveyResponse.objects.get()
    assert survey.version.questionnaire.audience == "child"
    assert survey.feedback.organization == county.child_unit


@pytest.mark.parametrize(
    ("prefix", "unit", "statement", "no_opinion", "lang"),
    [
        ("", "Keskustan terveysasema", "Sain apua silloin, kun tarvitsin.", "En osaa sanoa", "fi"),
        (
            "/sv",
            "Centrums hälsostation",
            "Jag fick hjälp när jag behövde det.",
            "Kan inte säga",
            "sv",
        ),
        (
            "/en",
            "City Centre Health Station",
            "I received help when I needed it.",
            "Don't know",
            "en",
        ),
    ],
)
def test_language_prefixes(client, county, prefix, unit, statement, no_opinion, lang):
    response = client.get(url(county.web, prefix))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert unit in html
    assert statement in html
    assert no_opinion.replace("'", "&#x27;") in html
    units = client.get(f"{prefix}/survey/").content.decode()
    assert f'href="{prefix}/survey/{county.web.code}/"' in units
    response = client.post(url(county.web, prefix), survey_data(nps="10"))
    assert response.status_code == 302
    assert response.url == f"{prefix}/survey/{county.web.code}/thanks/"
    assert Feedback.objects.get().language == lang


# The kiosk


def kiosk_payload(point, **overrides) -> dict:
    payload = {
        "key": "0f8fad5b-d9cb-469f-a165-70867728950e",
        "version": version_of(point).pk,
        "language": "fi",
        "answers": {"nps": 8, "statements": {"s:saatavuus": 4}, "open": ""},
    }
    payload.update(overrides)
    return payload


def post_json(client, point, payload):
    body = payload if isinstance(payload, str | bytes) else json.dumps(payload)
    return client.post(answer_url(point), body, content_type="application/json")


def test_kiosk_page_carries_its_config(client, county):
    response = client.get(f"/kiosk/{county.tablet.code}/")
    assert response.status_code == 200
    html = response.content.decode()
    config = json.loads(
        re.search(
            r'<script id="kiosk-config" type="application/json">(.*?)</script>', html, re.S
        ).group(1)
    )
    assert config["version"] == version_of(county.tablet).pk
    assert config["answerUrl"] == answer_url(county.tablet)
    assert config["resetSeconds"] == 60
    fi = config["languages"]["fi"]
    assert fi["unit"] == "Keskustan terveysasema"
    assert [s["key"] for s in fi["statements"]][-1] == f"o:{county.own.pk}"
    assert len(fi["statements"]) == 8
    assert fi["scale"][-1] == {"value": "x", "label": "En osaa sanoa"}
    assert (
        config["languages"]["sv"]["statements"][0]["text"] == "Jag fick hjälp när jag behövde det."
    )
    assert "user-scalable=no" not in html  # zooming stays possible (WCAG 1.4.4)


def test_kiosk_idle_time_can_be_set_for_the_device(client, county):
    def config(query):
        html = client.get(f"/kiosk/{county.tablet.code}/{query}").content.decode()
        return json.loads(re.search(r'type="application/json">(.*?)</script>', html, re.S).group(1))

    assert config("")["thanksSeconds"] == 4
    short = config("?idle=5")
    assert (short["resetSeconds"], short["thanksSeconds"]) == (5, 2)
    assert config("?idle=1")["resetSeconds"] == 2
    assert config("?idle=999999")["resetSeconds"] == 3600
    assert config("?idle=soon")["resetSeconds"] == 60


def test_kiosk_answer_is_stored_with_the_tablet_channel(client, county):
    payload = kiosk_payload(
        county.tablet,
        language="sv",
        answers={
            "nps": 0,
            "statements": {"s:saatavuus": 1, "s:turvallisuus": "x", f"o:{county.own.pk}": 5},
            "open": "Lång väntan.",
        },
    )
    response = post_json(client, county.tablet, payload)
    assert response.status_code == 201, response.content
    survey = SurveyResponse.objects.get()
    assert response.json() == {"ok": True, "response": survey.pk}
    assert survey.channel == "tablet"
    assert survey.nps == 0
    assert survey.feedback.channel == "tablet"
    assert survey.feedback.organization == county.unit
    assert survey.feedback.language == "sv"
    assert survey.feedback.text == "Lång väntan."
    values = sorted(
        (a.item.code if a.item else "own", a.value, a.no_opinion) for a in survey.answers.all()
    )
    assert values == [("own", 5, False), ("saatavuus", 1, False), ("turvallisuus", None, True)]


def test_same_key_twice_counts_once(client, county):
    payload = kiosk_payload(county.tablet)
    first = post_json(client, county.tablet, payload)
    second = post_json(client, county.tablet, payload)
    assert first.status_code == second.status_code == 201
    assert first.json()["response"] == second.json()["response"]
    assert SurveyResponse.objects.count() == 1
    assert Feedback.objects.count() == 1
    assert SurveyAnswer.objects.count() == 1
    other = post_json(client, county.tablet, kiosk_payload(county.tablet, key="another-key-123"))
    assert other.status_code == 201
    assert SurveyResponse.objects.count() == 2


def test_two_copies_racing_still_count_once(client, county, monkeypatch):
    """Both copies pass the "seen this key?" check before either is stored: the loser
    answers with the winner's response, and nothing of the loser stays."""
    payload = kiosk_payload(county.tablet)
    first = post_json(client, county.tablet, payload)
    real_filter = SurveyResponse.objects.filter
    raced = []

    def filter_as_if_not_yet_stored(*args, **kwargs):
        if "idempotency_key" in kwargs and not raced:
            raced.append(kwargs["idempotency_key"])
            return SurveyResponse.objects.none()
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(SurveyResponse.objects, "filter", filter_as_if_not_yet_stored)
    second = post_json(client, county.tablet, payload)
    assert raced
    assert second.status_code == 201
    assert second.json()["response"] == first.json()["response"]
    assert SurveyResponse.objects.count() == 1
    assert Feedback.objects.count() == 1


def test_longest_key_fits(client, county):
    """The stored key ("kiosk-<point>-<key>") has room for the longest key accepted
    (PostgreSQL checks the column's 64 characters); a longer one is refused, not cut."""
    key = "a" * 40
    first = post_json(client, county.tablet, kiosk_payload(county.tablet, key=key))
    assert first.status_code == 201
    again = post_json(client, county.tablet, kiosk_payload(county.tablet, key=key))
    assert again.json()["response"] == first.json()["response"]
    assert SurveyResponse.objects.get().idempotency_key.endswith(key)
    too_long = post_json(client, county.tablet, kiosk_payload(county.tablet, key="b" * 41))
    assert too_long.status_code == 400


def payload_with(point, **answers):
    base = {"nps": None, "statements": {}, "open": ""}
    base.update(answers)
    return kiosk_payload(point, answers=base)


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"",
        "[]",
        '"text"',
        "null",
        {"version": 1, "answers": {"nps": 5}},  # no key
        {"key": "short", "version": 1, "answers": {"nps": 5}},
        {"key": "x" * 65, "version": 1, "answers": {"nps": 5}},
        {"key": "<script>alert(1)</script>", "version": 1, "answers": {"nps": 5}},
    ],
)
def test_malformed_kiosk_answers_are_refused(client, county, body):
    if isinstance(body, dict):
        body = {**body, "version": version_of(county.tablet).pk}
    response = post_json(client, county.tablet, body)
    assert response.status_code == 400
    assert response.json()["error"]
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    "answers",
    [
        {"nps": 11},
        {"nps": -1},
        {"nps": "nine"},
        {"nps": 7.5},
        {"nps": True},
        {"statements": {"s:saatavuus": 6}},
        {"statements": {"s:saatavuus": 0}},
        {"statements": {"s:saatavuus": "hyvä"}},
        {"statements": {"s:saatavuus": None}},
        {"statements": {"s:no-such-statement": 3}},
        {"statements": {"o:999999": 3}},
        {"statements": {"q:saatavuus": 3}},
        {"statements": {"o:²": 3}},
        {"statements": {"o:" + "9" * 30: 3}},
        {"statements": ["s:saatavuus", 3]},
        {"open": "   "},
        {"open": "x" * 4001},
        {},
    ],
)
def test_bad_kiosk_values_are_refused_with_a_message(client, county, answers):
    response = post_json(client, county.tablet, payload_with(county.tablet, **answers))
    assert response.status_code == 400, response.content
    assert response.json()["error"]
    assert not SurveyResponse.objects.exists()


def test_out_of_range_recommendation_says_why(client, county):
    response = post_json(client, county.tablet, payload_with(county.tablet, nps=11))
    assert response.status_code == 400
    assert "0" in response.json()["error"] and "10" in response.json()["error"]


def test_answers_must_be_for_the_points_questionnaire(client, county):
    child_version = county.questionnaires["child"].current_version()
    for version in (child_version.pk, 999999, 10**30, "v1", None, True, [1]):
        response = post_json(client, county.tablet, kiosk_payload(county.tablet, version=version))
        assert response.status_code == 400
        assert response.json()["error"]
    assert not SurveyResponse.objects.exists()


def test_an_older_version_is_still_accepted(client, county):
    """A kiosk that loaded its questions before an edit sends the wording it showed."""
    old = version_of(county.tablet)
    post_json(client, county.tablet, kiosk_payload(county.tablet, key="first-answer"))
    new = services.edit_version(
        version=old, intro={"intro_fi": "Uusi johdanto"}, items={}, actor=None
    )
    assert new.pk != old.pk
    response = post_json(
        client, county.tablet, kiosk_payload(county.tablet, key="second-answer", version=old.pk)
    )
    assert response.status_code == 201
    assert SurveyResponse.objects.filter(version=old).count() == 2


def test_kiosk_endpoint_takes_only_tablet_points_and_posts(client, county):
    for point in (county.web, county.inactive):
        response = post_json(client, point, kiosk_payload(point))
        assert response.status_code == 404
    response = client.post("/kiosk/unknown-code/answers/", "{}", content_type="application/json")
    assert response.status_code == 404
    assert client.get(answer_url(county.tablet)).status_code == 405
    county.tablet.is_active = False
    county.tablet.save()
    assert post_json(client, county.tablet, kiosk_payload(county.tablet)).status_code == 404
    assert client.get(f"/kiosk/{county.tablet.code}/").status_code == 404


def test_kiosk_needs_no_csrf_token(county):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = post_json(client, county.tablet, kiosk_payload(county.tablet))
    assert response.status_code == 201


# Text-message links


@pytest.fixture
def invitation(county):
    return services.invite_by_sms(
        point=county.sms, phone="040 765 4321", kind=SmsInvitation.Kind.LINK
    )


def test_sms_link_leads_to_the_questionnaire_and_records_the_channel(client, county, invitation):
    response = client.get(f"/s/{invitation.token}/")
    assert response.status_code == 302
    assert response.url == f"/survey/{county.sms.code}/"
    response = client.post(response.url, survey_data(nps="7", open_text="Hyvä käynti."))
    assert response.status_code == 302
    survey = SurveyResponse.objects.get()
    assert survey.channel == "sms"
    assert survey.feedback.channel == "sms"
    invitation.refresh_from_db()
    assert invitation.state == SmsInvitation.State.DONE
    assert invitation.response == survey
    # The phone number is not stored with the answer.
    assert not hasattr(survey.feedback, "contact") or survey.feedback.contact is None
    again = client.get(f"/s/{invitation.token}/")
    assert again.status_code == 410
    assert "survey/" in again.content.decode()


def test_sms_link_on_a_web_point_records_sms(client, county):
    """An invitation may point at the unit's ordinary web page."""
    invitation = SmsInvitation.objects.create(
        kind=SmsInvitation.Kind.LINK,
        collection_point=county.web,
        phone_hash="a" * 64,
        language="en",
        sent_at=timezone.now(),
    )
    response = client.get(f"/s/{invitation.token}/")
    assert response.url == f"/en/survey/{county.web.code}/"
    page = client.get(response.url)
    assert "City Centre Health Station" in page.content.decode()
    client.post(response.url, survey_data(nps="10"))
    survey = SurveyResponse.objects.get()
    assert survey.channel == "sms"
    assert survey.feedback.language == "en"
    invitation.refresh_from_db()
    assert invitation.state == SmsInvitation.State.DONE
    # A second answer in the same browser is an ordinary web answer.
    client.post(response.url, survey_data(nps="4"))
    assert SurveyResponse.objects.order_by("id").last().channel == "web"


def test_sms_link_language_wins_over_the_address_prefix(client, county):
    invitation = SmsInvitation.objects.create(
        kind=SmsInvitation.Kind.LINK,
        collection_point=county.sms,
        phone_hash="b" * 64,
        language="sv",
        sent_at=timezone.now(),
    )
    assert client.get(f"/en/s/{invitation.token}/").url == f"/sv/survey/{county.sms.code}/"
    invitation.language = "fi"
    invitation.save()
    assert client.get(f"/sv/s/{invitation.token}/").url == f"/survey/{county.sms.code}/"


@pytest.mark.parametrize(
    "change",
    [
        {"state": SmsInvitation.State.DONE},
        {"state": SmsInvitation.State.EXPIRED},
        {"sent_at": timezone.now() - dt.timedelta(days=31)},
    ],
)
def test_used_or_old_link_is_gone(client, county, change):
    values = {
        "kind": SmsInvitation.Kind.LINK,
        "collection_point": county.sms,
        "phone_hash": "c" * 64,
        "sent_at": timezone.now(),
        **change,
    }
    invitation = SmsInvitation.objects.create(**values)
    response = client.get(f"/s/{invitation.token}/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "<h1>" in html
    assert 'href="/survey/"' in html
    # The customer can still answer on the unit's page, as an ordinary answer.
    client.post(url(county.sms), survey_data(nps="5"))
    invitation.refresh_from_db()
    assert invitation.response is None


def test_link_of_an_inactive_point_is_gone(client, county, invitation):
    county.sms.is_active = False
    county.sms.save()
    assert client.get(f"/s/{invitation.token}/").status_code == 410


def test_conversation_invitations_have_no_link(client, county):
    invitation = SmsInvitation.objects.create(
        kind=SmsInvitation.Kind.CONVERSATION,
        collection_point=county.sms,
        phone_hash="d" * 64,
        sent_at=timezone.now(),
    )
    assert client.get(f"/s/{invitation.token}/").status_code == 404


@pytest.mark.parametrize(
    ("prefix", "switch", "easy_heading", "easy_line"),
    [
        ("", "Näytä ohje selkokielellä", "Näin vastaat", "Valitse jokaiseen kysymykseen"),
        ("/sv", "Visa anvisningarna på lättläst svenska", "Så här svarar du", "Välj ett svar"),
    ],
)
def test_questionnaire_instructions_in_easy_to_read_language(
    client, county, prefix, switch, easy_heading, easy_line
):
    address = url(county.web, prefix)
    standard = client.get(address).content.decode()
    assert switch in standard
    assert easy_heading not in standard
    assert f'href="{address}?easy=1"' in standard

    easy = client.get(f"{address}?easy=1").content.decode()
    assert easy_heading in easy
    assert easy_line in easy
    assert f'href="{address}"' in easy  # back to the standard instructions
    # The form posts to its own address, so an error keeps the easy instructions.
    assert f'action="{address}?easy=1"' in re.search(r"<form[^>]*>", easy).group(0)
    again = client.post(f"{address}?easy=1", survey_data(nps="11"))
    assert again.status_code == 400
    assert easy_heading in again.content.decode()
