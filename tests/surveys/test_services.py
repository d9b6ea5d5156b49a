"""The survey domain: national questionnaires as versioned data, the organisation's own
statements, answers from every channel becoming one Feedback, and collection points."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from palaute.feedback.models import Channel, Contact, Event, Feedback
from palaute.feedback.services import ContactInput, refresh_publication
from palaute.notifications.models import OutgoingMessage
from palaute.organizations.models import AuditEvent
from palaute.surveys import national
from palaute.surveys.models import (
    CollectionPoint,
    Item,
    OwnStatement,
    Questionnaire,
    QuestionnaireVersion,
    SurveyAnswer,
    SurveyResponse,
)
from palaute.surveys.services import (
    Answers,
    create_collection_point,
    edit_version,
    load_national_questionnaires,
    new_point_code,
    own_statements_for,
    save_own_statement,
    submit_survey,
    update_collection_point,
)
from tests.races import race_two_copies

pytestmark = pytest.mark.django_db

STATEMENTS = national.STATEMENT_CODES
OWN_TEXTS = {
    "text_fi": "Sain helposti yhteyden puhelimitse.",
    "text_sv": "Jag fick lätt kontakt per telefon.",
    "text_en": "I could easily reach you by phone.",
}


def answer(point, answers=None, **kwargs):
    """Submit through the real service with the point's current version."""
    answers = answers if answers is not None else Answers(nps=9)
    return submit_survey(
        point=point,
        version=point.questionnaire.current_version(),
        answers=answers,
        **kwargs,
    )


def full_answers(**overrides) -> Answers:
    values = {
        "nps": 8,
        "statements": dict.fromkeys(STATEMENTS, 4) | {"osallistuminen": None},
        "open_text": "Lääkäri kuunteli hyvin.",
        "respondent": "customer",
        "age_group": "30-49",
    }
    return Answers(**(values | overrides))


# Loading the national questionnaires


def test_the_three_national_questionnaires_are_loaded_with_one_current_version(questionnaires):
    assert set(questionnaires) == {
        "kansallinen-aikuiset",
        "kansallinen-lapset",
        "kansallinen-laheiset",
    }
    audiences = {code: q.audience for code, q in questionnaires.items()}
    assert audiences == {
        "kansallinen-aikuiset": Questionnaire.Audience.ADULT,
        "kansallinen-lapset": Questionnaire.Audience.CHILD,
        "kansallinen-laheiset": Questionnaire.Audience.RELATIVE,
    }
    for questionnaire in questionnaires.values():
        questionnaire.refresh_from_db()
        assert questionnaire.is_national
        assert questionnaire.name_fi and questionnaire.name_sv and questionnaire.name_en
        versions = list(questionnaire.versions.all())
        assert [(v.number, v.is_current) for v in versions] == [(1, True)]
        assert versions[0].intro_fi and versions[0].intro_sv and versions[0].intro_en


def test_the_adult_questionnaire_has_the_national_items_in_order_in_three_languages(adult):
    version = adult.current_version()
    items = list(version.items.order_by("order"))
    assert [item.code for item in items] == [
        "nps",
        *STATEMENTS,
        "open",
        "respondent",
        "age",
        "contact",
    ]
    assert [item.order for item in items] == list(range(1, len(items) + 1))
    kinds = {item.code: item.kind for item in items}
    assert kinds["nps"] == Item.Kind.NPS
    assert {kinds[code] for code in STATEMENTS} == {Item.Kind.STATEMENT}
    assert (kinds["open"], kinds["respondent"], kinds["age"], kinds["contact"]) == (
        Item.Kind.OPEN,
        Item.Kind.RESPONDENT,
        Item.Kind.AGE,
        Item.Kind.CONTACT,
    )
    for item in items:
        assert item.text_fi and item.text_sv and item.text_en, item.code
    texts = {item.code: item.text_fi for item in items}
    # The working texts of DESIGN.md section 3.
    assert texts["saatavuus"] == "Sain apua silloin, kun tarvitsin."
    assert texts["hyodyllisyys"] == "Saamani hoito tai palvelu oli hyödyllistä."
    assert texts["nps"].startswith("Kuinka todennäköisesti suosittelisit saamaasi palvelua")


def test_the_children_and_relatives_versions_have_the_seven_statements(questionnaires):
    for code in ("kansallinen-lapset", "kansallinen-laheiset"):
        version = questionnaires[code].current_version()
        codes = list(
            version.items.filter(kind=Item.Kind.STATEMENT)
            .order_by("order")
            .values_list("code", flat=True)
        )
        assert codes == STATEMENTS
    child_items = questionnaires["kansallinen-lapset"].current_version().items
    # Children are not asked their age group or whether they answer for someone else.
    assert not child_items.filter(kind__in=[Item.Kind.AGE, Item.Kind.RESPONDENT]).exists()
    adult_text = (
        Item.objects.filter(version__questionnaire__code="kansallinen-aikuiset", code="saatavuus")
        .get()
        .text_fi
    )
    assert child_items.get(code="saatavuus").text_fi != adult_text  # simplified wording


def test_loading_again_keeps_the_versions_and_the_administrators_edits(adult, admin):
    version = adult.current_version()
    item = version.items.get(code="saatavuus")
    edit_version(version=version, intro={}, items={item.pk: {"text_fi": "Muokattu."}}, actor=admin)
    counts = (QuestionnaireVersion.objects.count(), Item.objects.count())
    again = load_national_questionnaires()
    assert len(again) == 3
    assert (QuestionnaireVersion.objects.count(), Item.objects.count()) == counts
    assert Questionnaire.objects.count() == 3
    item.refresh_from_db()
    assert item.text_fi == "Muokattu."


def test_a_questionnaire_left_without_versions_gets_the_national_version_again(adult):
    adult.versions.all().delete()
    load_national_questionnaires()
    version = adult.current_version()
    assert version is not None
    assert version.number == 1
    assert version.items.count() == len(national.ADULT["items"])


# Editing questionnaire versions


def test_an_unanswered_version_is_edited_in_place(adult, admin):
    version = adult.current_version()
    item = version.items.get(code="kohtaaminen")
    edited = edit_version(
        version=version,
        intro={"intro_fi": "Uusi johdanto."},
        items={item.pk: {"text_fi": "Minua kohdeltiin hyvin.", "help_en": "Be honest."}},
        actor=admin,
    )
    assert edited.pk == version.pk
    assert adult.versions.count() == 1
    edited.refresh_from_db()
    assert (edited.number, edited.is_current, edited.intro_fi) == (1, True, "Uusi johdanto.")
    assert edited.intro_sv == national.ADULT["intro"][1]  # untouched languages stay
    item.refresh_from_db()
    assert (item.text_fi, item.help_en) == ("Minua kohdeltiin hyvin.", "Be honest.")
    assert item.text_sv == "Jag blev bemött vänligt och med respekt."
    assert AuditEvent.objects.filter(
        action="questionnaire.edit", actor=admin, target="kansallinen-aikuiset v1"
    ).exists()


def test_an_answered_version_is_never_changed_the_edit_becomes_the_new_current_version(
    adult, points, admin
):
    old = adult.current_version()
    response = answer(points["web"], full_answers())
    old_item = old.items.get(code="saatavuus")
    new = edit_version(
        version=old,
        intro={"intro_en": "New introduction."},
        items={old_item.pk: {"text_fi": "Sain apua ajoissa."}},
        actor=admin,
    )
    assert new.pk != old.pk
    assert new.number == 2
    assert new.created_by == admin
    old.refresh_from_db()
    assert not old.is_current
    assert new.is_current
    assert adult.current_version() == new
    # The old version keeps every word the customer saw.
    old_item.refresh_from_db()
    assert old_item.text_fi == "Sain apua silloin, kun tarvitsin."
    assert old.intro_en == national.ADULT["intro"][2]
    assert new.intro_en == "New introduction."
    assert new.intro_fi == old.intro_fi
    # The new version has every item, with the edit applied to the matching one.
    old_items = list(old.items.values_list("code", "kind", "order", "text_sv"))
    new_items = list(new.items.values_list("code", "kind", "order", "text_sv"))
    assert new_items == old_items
    assert new.items.get(code="saatavuus").text_fi == "Sain apua ajoissa."
    assert new.items.get(code="kohtaaminen").text_fi == old.items.get(code="kohtaaminen").text_fi
    # The answer points to the exact wording the customer saw.
    saved = SurveyAnswer.objects.get(response=response, item__code="saatavuus")
    assert saved.item == old_item
    assert response.version == old
    # New answers use the new wording.
    later = answer(points["web"], Answers(statements={"saatavuus": 5}))
    assert later.version == new
    assert later.answers.get().item.text_fi == "Sain apua ajoissa."


def test_the_new_version_is_edited_in_place_until_it_is_answered(adult, points, admin):
    v1 = adult.current_version()
    answer(points["web"])
    v2 = edit_version(version=v1, intro={"intro_fi": "Toinen."}, items={}, actor=admin)
    again = edit_version(version=v2, intro={"intro_fi": "Kolmas."}, items={}, actor=admin)
    assert again.pk == v2.pk
    assert adult.versions.count() == 2
    answer(points["web"])
    v3 = edit_version(version=v2, intro={"intro_fi": "Neljäs."}, items={}, actor=admin)
    assert v3.number == 3
    assert list(adult.versions.filter(is_current=True)) == [v3]
    v2.refresh_from_db()
    assert v2.intro_fi == "Kolmas."


def test_an_edit_ignores_items_of_another_version(adult, questionnaires, admin):
    other = questionnaires["kansallinen-lapset"].current_version().items.get(code="saatavuus")
    before = other.text_fi
    edit_version(
        version=adult.current_version(), intro={}, items={other.pk: {"text_fi": "X"}}, actor=admin
    )
    other.refresh_from_db()
    assert other.text_fi == before


# The organisation's own statements


def test_own_statement_is_created_and_reworded_in_place_while_unanswered(county, admin):
    statement = save_own_statement(
        organization=county["unit"],
        statement=None,
        code="puhelin",
        texts=OWN_TEXTS,
        order=1,
        is_active=True,
        actor=admin,
    )
    assert statement.pk is not None
    assert (statement.organization, statement.text_fi) == (county["unit"], OWN_TEXTS["text_fi"])
    reworded = save_own_statement(
        organization=county["unit"],
        statement=statement,
        code="puhelin",
        texts=OWN_TEXTS | {"text_fi": "Pääsin helposti läpi puhelimitse."},
        order=2,
        is_active=True,
        actor=admin,
    )
    assert reworded.pk == statement.pk
    assert OwnStatement.objects.count() == 1
    reworded.refresh_from_db()
    assert (reworded.text_fi, reworded.order) == ("Pääsin helposti läpi puhelimitse.", 2)
    assert (
        AuditEvent.objects.filter(action="own_statement.save", target="centre:puhelin").count() == 2
    )


def test_rewording_an_answered_own_statement_makes_a_replacement(county, points, admin):
    statement = save_own_statement(
        organization=county["unit"],
        statement=None,
        code="puhelin",
        texts=OWN_TEXTS,
        order=1,
        is_active=True,
        actor=admin,
    )
    response = answer(points["web"], Answers(own={statement.pk: 2}))
    replacement = save_own_statement(
        organization=county["unit"],
        statement=statement,
        code="puhelin",
        texts=OWN_TEXTS | {"text_fi": "Pääsin helposti läpi puhelimitse."},
        order=1,
        is_active=True,
        actor=admin,
    )
    assert replacement.pk != statement.pk
    assert replacement.replaces == statement
    assert replacement.is_active
    statement.refresh_from_db()
    assert not statement.is_active
    assert statement.text_fi == OWN_TEXTS["text_fi"]  # the old words stay with old answers
    assert response.answers.get().own_statement == statement
    assert own_statements_for(organization=county["unit"]) == [replacement]


def test_an_answered_own_statement_can_be_reordered_or_retired_without_a_replacement(
    county, points, admin
):
    statement = save_own_statement(
        organization=county["unit"],
        statement=None,
        code="puhelin",
        texts=OWN_TEXTS,
        order=1,
        is_active=True,
        actor=admin,
    )
    answer(points["web"], Answers(own={statement.pk: 4}))
    same = save_own_statement(
        organization=county["unit"],
        statement=statement,
        code="puhelin",
        texts=dict(OWN_TEXTS),
        order=5,
        is_active=False,
        actor=admin,
    )
    assert same.pk == statement.pk
    assert OwnStatement.objects.count() == 1
    same.refresh_from_db()
    assert (same.order, same.is_active) == (5, False)
    assert own_statements_for(organization=county["unit"]) == []


def test_own_statements_of_the_unit_and_its_ancestors_in_use_nearest_last(county, admin):
    def make(key, code, order, active=True):
        return save_own_statement(
            organization=county[key],
            statement=None,
            code=code,
            texts={"text_fi": code, "text_sv": "", "text_en": ""},
            order=order,
            is_active=active,
            actor=admin,
        )

    unit_b = make("unit", "unit-b", 2)
    unit_a = make("unit", "unit-a", 1)
    root = make("root", "root", 9)
    area = make("health", "area", 1)
    make("dental", "sibling", 1)
    make("unit", "retired", 0, active=False)
    assert own_statements_for(organization=county["unit"]) == [root, area, unit_a, unit_b]
    assert own_statements_for(organization=county["health"]) == [root, area]


# Answers


@pytest.mark.parametrize("channel", CollectionPoint.Channel.values)
def test_every_answer_is_one_feedback_in_the_points_unit_with_its_channel(
    channel, points, county, topic
):
    point = points[channel]
    response = answer(point, full_answers())
    feedback = response.feedback
    assert Feedback.objects.count() == 1
    # The topic routes to the county; the point knows its unit.
    assert feedback.organization == county["unit"]
    assert feedback.topic == topic
    assert feedback.channel == channel
    assert response.channel == channel
    assert response.collection_point == point
    assert feedback.source_ref == f"survey:{point.code}"
    routed = feedback.events.get(kind=Event.Kind.ROUTED)
    assert routed.to_value == "centre"


def test_the_answers_are_stored_with_the_version_and_dont_know_counts_as_no_value(points, admin):
    own = save_own_statement(
        organization=points["web"].organization,
        statement=None,
        code="puhelin",
        texts=OWN_TEXTS,
        order=1,
        is_active=True,
        actor=admin,
    )
    version = points["web"].questionnaire.current_version()
    response = answer(
        points["web"], full_answers(own={own.pk: None}, respondent="relative", age_group="75+")
    )
    response.refresh_from_db()
    assert (response.nps, response.respondent, response.age_group) == (8, "relative", "75+")
    assert response.version == version
    assert response.created_at == response.feedback.received_at
    stored = {
        a.item.code: (a.value, a.no_opinion)
        for a in response.answers.filter(item__isnull=False).select_related("item")
    }
    assert stored == dict.fromkeys(STATEMENTS, (4, False)) | {"osallistuminen": (None, True)}
    assert all(a.item.version == version for a in response.answers.filter(item__isnull=False))
    own_answer = response.answers.get(own_statement__isnull=False)
    assert (own_answer.own_statement, own_answer.value, own_answer.no_opinion) == (
        own,
        None,
        True,
    )
    feedback = response.feedback
    assert feedback.text == "Lääkäri kuunteli hyvin."
    assert "8/10" in feedback.title


def test_answers_are_anonymous_unless_contact_is_requested(points):
    details = ContactInput(name="Maija Asiakas", email="maija@example.fi", phone="0401234567")
    response = answer(points["web"], full_answers(contact=details, contact_requested=False))
    feedback = response.feedback
    assert not Contact.objects.exists()
    assert not feedback.contact_requested
    assert feedback.contact_due is None
    row = str(Feedback.objects.filter(pk=feedback.pk).values().get()).lower()
    assert "maija" not in row
    assert not OutgoingMessage.objects.to("maija@example.fi").exists()


def test_a_contact_request_stores_the_details_and_sets_the_14_day_deadline(points):
    received = timezone.now().replace(microsecond=0) - dt.timedelta(hours=1)
    details = ContactInput(name="Maija Asiakas", email="maija@example.fi", phone="0401234567")
    response = answer(
        points["tablet"],
        Answers(nps=3, contact_requested=True, contact=details),
        received_at=received,
    )
    feedback = response.feedback
    assert feedback.contact_requested
    assert feedback.contact_due == received + dt.timedelta(days=14)
    contact = Contact.objects.get(feedback=feedback)
    assert (contact.name, contact.email, contact.phone) == (
        "Maija Asiakas",
        "maija@example.fi",
        "0401234567",
    )
    # A contact request is work for the unit even without a comment.
    assert feedback.status == Feedback.Status.RECEIVED
    assert (
        OutgoingMessage.objects.to("maija@example.fi")
        .filter(kind=OutgoingMessage.Kind.RECEIPT, feedback=feedback)
        .exists()
    )


def test_a_contact_request_without_an_email_or_phone_is_refused(points):
    with pytest.raises(ValidationError) as error:
        answer(points["web"], Answers(nps=5, contact_requested=True, contact=ContactInput()))
    assert "contact_requested" in error.value.message_dict
    assert not Feedback.objects.exists()
    assert not SurveyResponse.objects.exists()


def test_scores_alone_are_closed_on_arrival_a_comment_waits_for_handling(points):
    scores = answer(points["web"], Answers(nps=10, statements={"saatavuus": 5})).feedback
    assert scores.status == Feedback.Status.CLOSED
    assert scores.events.filter(kind=Event.Kind.STATUS, to_value="closed").exists()
    blank = answer(points["web"], Answers(nps=10, open_text="   ")).feedback
    assert blank.status == Feedback.Status.CLOSED
    comment = answer(points["web"], Answers(nps=10, open_text="Kiitos!")).feedback
    assert comment.status == Feedback.Status.RECEIVED


def test_free_text_goes_through_the_sensitive_data_check(points):
    text = "Henkilötunnukseni on 131052-308T, soittakaa 040 123 4567."
    feedback = answer(points["web"], Answers(open_text=text)).feedback
    kinds = {finding["kind"] for finding in feedback.sensitive_findings}
    assert {"hetu", "phone"} <= kinds
    hetu = next(f for f in feedback.sensitive_findings if f["kind"] == "hetu")
    assert text[hetu["start"] : hetu["end"]] == "131052-308T"
    created = feedback.events.get(kind=Event.Kind.CREATED)
    assert created.data["findings"] == len(feedback.sensitive_findings)
    clean = answer(points["web"], Answers(open_text="Hyvä palvelu.")).feedback
    assert clean.sensitive_findings == []


def test_county_feedback_is_never_public_even_where_the_tree_allows_publication(points):
    feedback = answer(points["qr"], Answers(nps=10, open_text="Erinomainen palvelu.")).feedback
    assert feedback.publish_consent is False
    assert feedback.publication_state == Feedback.PublicationState.PRIVATE
    assert feedback.publication_reason == Feedback.PublicationReason.NO_CONSENT
    refresh_publication(feedback=feedback)
    feedback.refresh_from_db()
    assert feedback.publication_state == Feedback.PublicationState.PRIVATE
    assert not Feedback.objects.published().exists()


def test_a_repeated_idempotency_key_returns_the_first_response(points):
    first = answer(points["tablet"], Answers(nps=7), idempotency_key="kiosk-abc-12345678")
    again = answer(points["tablet"], Answers(nps=2), idempotency_key="kiosk-abc-12345678")
    assert again.pk == first.pk
    assert again.nps == 7
    assert SurveyResponse.objects.count() == Feedback.objects.count() == 1
    other = answer(points["tablet"], Answers(nps=2), idempotency_key="kiosk-abc-87654321")
    assert other.pk != first.pk
    # Without a key every answer counts.
    answer(points["tablet"], Answers(nps=2))
    answer(points["tablet"], Answers(nps=2))
    assert SurveyResponse.objects.count() == 4


def test_a_point_out_of_use_takes_no_answers(points, admin):
    update_collection_point(point=points["web"], values={"is_active": False}, actor=admin)
    with pytest.raises(ValidationError) as error:
        answer(points["web"])
    assert error.value.code == "inactive"
    assert not Feedback.objects.exists()


def test_staff_recorded_answers_keep_who_recorded_them_and_when(points, handler):
    when = timezone.now().replace(microsecond=0) - dt.timedelta(days=2)
    response = answer(
        points["paper"],
        Answers(nps=6, open_text="Jonotus kesti."),
        recorded_by=handler,
        received_at=when,
    )
    assert response.recorded_by == handler
    assert response.created_at == when
    assert response.feedback.received_at == when
    assert response.feedback.channel == Channel.PAPER
    created = response.feedback.events.get(kind=Event.Kind.CREATED)
    assert created.actor == handler


def test_the_channel_may_be_given_for_an_answer_reached_by_a_text_message_link(points):
    response = answer(points["web"], Answers(nps=9), channel=CollectionPoint.Channel.SMS)
    assert response.channel == response.feedback.channel == Channel.SMS


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        (Answers(), "empty"),
        (Answers(open_text="   "), "empty"),
        (Answers(nps=11), "nps"),
        (Answers(nps=-1), "nps"),
        (Answers(statements={"saatavuus": 6}), "saatavuus"),
        (Answers(statements={"saatavuus": 0}), "saatavuus"),
        (Answers(statements={"keksitty": 3}), None),
        (Answers(nps=5, respondent="naapuri"), "respondent"),
        (Answers(nps=5, age_group="12-"), "age_group"),
        (Answers(open_text="x" * 4001), "open_text"),
    ],
)
def test_invalid_answers_are_refused_and_nothing_is_saved(points, answers, field):
    with pytest.raises(ValidationError) as error:
        answer(points["web"], answers)
    if field == "empty":
        assert error.value.code == "empty"
    elif field is not None:
        assert field in error.value.message_dict
    assert not Feedback.objects.exists()
    assert not SurveyResponse.objects.exists()


def test_the_longest_allowed_open_text_is_taken(points):
    response = answer(points["web"], Answers(open_text="x" * 4000))
    assert len(response.feedback.text) == 4000


def test_a_version_of_another_questionnaire_is_refused(points, questionnaires):
    child = questionnaires["kansallinen-lapset"].current_version()
    with pytest.raises(ValidationError):
        submit_survey(point=points["web"], version=child, answers=Answers(nps=5))
    assert not Feedback.objects.exists()


def test_own_statements_of_another_unit_are_refused(points, county, admin):
    sibling = save_own_statement(
        organization=county["dental"],
        statement=None,
        code="hampaat",
        texts={"text_fi": "Hampaat", "text_sv": "", "text_en": ""},
        order=1,
        is_active=True,
        actor=admin,
    )
    ancestor = save_own_statement(
        organization=county["health"],
        statement=None,
        code="alue",
        texts={"text_fi": "Alue", "text_sv": "", "text_en": ""},
        order=1,
        is_active=True,
        actor=admin,
    )
    with pytest.raises(ValidationError):
        answer(points["web"], Answers(own={sibling.pk: 3}))
    with pytest.raises(ValidationError):
        answer(points["web"], Answers(own={ancestor.pk: 6}))
    assert not Feedback.objects.exists()
    response = answer(points["web"], Answers(own={ancestor.pk: 3}))
    assert response.answers.get().own_statement == ancestor


def test_an_answer_is_one_transaction_a_failure_leaves_nothing(points):
    @transaction.atomic
    def request_failing_after_the_answer():
        answer(points["web"], Answers(nps=9, open_text="Hyvä."))
        raise ValidationError("the request failed later")

    with pytest.raises(ValidationError, match="failed later"):
        request_failing_after_the_answer()
    assert not Feedback.objects.exists()
    assert not SurveyResponse.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers; the race runs in the PostgreSQL pass",
)
def test_two_copies_of_a_kiosk_answer_racing_make_one_response(points):
    """The kiosk resends an answer whose first copy is still being saved: the second
    copy waits for the first, then gets the response the first one made."""
    point = points["tablet"]
    version = point.questionnaire.current_version()
    key = "kiosk-race-12345678"

    def copy():
        return submit_survey(
            point=point, version=version, answers=Answers(nps=7), idempotency_key=key
        )

    first, second = race_two_copies(copy, copy)
    assert isinstance(first, SurveyResponse), first
    assert isinstance(second, SurveyResponse), second
    assert second.pk == first.pk
    assert SurveyResponse.objects.count() == 1
    assert Feedback.objects.count() == 1


# Collection points


def test_collection_points_get_unguessable_distinct_codes_and_an_audit_trail(points, admin):
    codes = [point.code for point in points.values()]
    assert len(set(codes)) == len(codes) == 6
    assert all(len(code) >= 10 for code in codes)
    assert AuditEvent.objects.filter(action="collection_point.create", actor=admin).count() == 6
    assert points["tablet"].get_absolute_url() == f"/kiosk/{points['tablet'].code}/"
    assert points["qr"].get_absolute_url() == f"/survey/{points['qr'].code}/"


def test_a_new_point_in_another_unit_routes_there(county, topic, adult, admin):
    point = create_collection_point(
        organization=county["dental"],
        channel=CollectionPoint.Channel.ORAL,
        questionnaire=adult,
        topic=topic,
        actor=admin,
    )
    assert point.name == ""
    feedback = answer(point, Answers(nps=4, open_text="Kipua.")).feedback
    assert feedback.organization == county["dental"]
    assert feedback.channel == Channel.ORAL


def test_updating_a_point_keeps_its_code_and_changes_only_allowed_fields(
    points, admin, questionnaires, unit_topic
):
    point = points["web"]
    code = point.code
    changed = update_collection_point(
        point=point,
        values={
            "name": "Aula",
            "questionnaire": questionnaires["kansallinen-laheiset"],
            "topic": unit_topic,
            "channel": CollectionPoint.Channel.SMS,
            "code": "guessable",
        },
        actor=admin,
    )
    assert sorted(changed) == ["name", "questionnaire", "topic"]
    point.refresh_from_db()
    assert (point.code, point.channel, point.name) == (code, "web", "Aula")
    assert point.questionnaire.code == "kansallinen-laheiset"
    assert point.topic == unit_topic
    audit = AuditEvent.objects.get(action="collection_point.update")
    assert sorted(audit.data["fields"]) == ["name", "questionnaire", "topic"]
    assert update_collection_point(point=point, values={"name": "Aula"}, actor=admin) == []
    assert AuditEvent.objects.filter(action="collection_point.update").count() == 1
    response = answer(point, Answers(nps=8))
    assert response.version.questionnaire.code == "kansallinen-laheiset"


def test_a_new_code_stops_the_old_one(points, admin, client):
    point = points["web"]
    old = point.code
    assert client.get(f"/survey/{old}/").status_code == 200
    new_point_code(point=point, actor=admin)
    point.refresh_from_db()
    assert point.code != old
    assert client.get(f"/survey/{old}/").status_code == 404
    assert client.get(f"/survey/{point.code}/").status_code == 200
    assert AuditEvent.objects.filter(action="collection_point.new_code").exists()
