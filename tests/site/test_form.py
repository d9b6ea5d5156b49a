import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from palaute import throttle
from palaute.addresses import client_address
from palaute.feedback.models import Attachment, Contact, Feedback, StagedUpload
from tests.media import jpeg_with_gps, pdf

pytestmark = pytest.mark.django_db
FORM_URL = "/feedback/new/"


def valid_data(**overrides):
    data = {
        "topic": "maintenance",
        "kind": "feedback",
        "title": "Kuoppa kadussa",
        "text": "Kauppakadun ja Puijonkadun risteyksessä on syvä kuoppa.",
        "address": "Kauppakatu 12",
        "latitude": "",
        "longitude": "",
        "name": "",
        "email": "",
        "phone": "",
        "publish_consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_form_shows_topics_grouped_guidance_and_consent_ticked(client, topics):
    response = client.get(FORM_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<optgroup label="Kadut ja liikenne">' in html
    assert 'value="maintenance"' in html
    assert 'value="streets"' not in html  # a group, not a topic of its own
    assert re.search(r'<input type="checkbox" name="publish_consent"[^>]*checked', html)
    assert "112" in html
    assert "henkilötunnuksia" in html


def test_topic_can_be_preselected_by_its_code(client, topics):
    html = client.get(FORM_URL, {"topic": "street-lights"}).content.decode()
    assert re.search(r'<option value="street-lights" selected>', html)


def test_sending_creates_feedback_and_shows_the_receipt(client, topics):
    response = client.post(FORM_URL, valid_data(), follow=True)
    feedback = Feedback.objects.get()
    assert feedback.channel == "web"
    assert feedback.language == "fi"
    assert response.redirect_chain[0][0].startswith("/track/")
    html = response.content.decode()
    assert feedback.reference in html
    assert "Kiitos" in html
    assert response.redirect_chain[0][0] in html
    assert not mail.outbox  # no email address, no receipt  # the private link is shown to copy


def test_receipt_is_emailed_with_the_tracking_link(
    client, topics, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, valid_data(email="asukas@example.fi", name="Asukas"))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["asukas@example.fi"]
    feedback = Feedback.objects.get()
    assert feedback.reference in message.subject
    assert f"http://testserver{response.url}" in message.body
    assert feedback.events.filter(kind="notified").exists()


def test_receipt_is_in_the_senders_language(client, topics, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/sv" + FORM_URL, valid_data(email="invanare@example.fi"))
    assert Feedback.objects.get().language == "sv"
    assert "mottagits" in mail.outbox[0].subject
    assert "/sv/track/" in mail.outbox[0].body


def test_missing_fields_get_translated_errors_and_keep_what_was_typed(client, topics):
    response = client.post(FORM_URL, valid_data(title="", email="not-an-email", phone="123"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert "Tämä kenttä vaaditaan." in html
    assert "Syötä kelvollinen sähköpostiosoite." in html
    assert "Anna puhelinnumero" in html
    assert 'aria-invalid="true"' in html
    assert re.search(r'aria-describedby="[^"]*id_title_error', html)
    assert "Kauppakadun ja Puijonkadun risteyksessä" in html
    assert 'value="not-an-email"' in html
    assert not Feedback.objects.exists()


def test_errors_are_in_swedish_and_english_too(client, topics):
    sv = client.post("/sv" + FORM_URL, valid_data(title="")).content.decode()
    assert "Det här fältet är obligatoriskt." in sv
    en = client.post("/en" + FORM_URL, valid_data(title="")).content.decode()
    assert "This field is required." in en


def test_location_required_by_the_topic(client, topics):
    html = client.post(FORM_URL, valid_data(topic="street-lights", address="")).content.decode()
    assert "mark it on the map" in html or "kartalle" in html
    assert not Feedback.objects.exists()
    client.post(
        FORM_URL,
        valid_data(topic="street-lights", address="", latitude="62.892500", longitude="27.678600"),
    )
    feedback = Feedback.objects.get()
    assert str(feedback.latitude) == "62.892500"


def test_a_mark_outside_finland_is_refused(client, topics):
    html = client.post(FORM_URL, valid_data(latitude="48.85", longitude="2.35")).content.decode()
    assert 'id="error-summary"' in html
    assert not Feedback.objects.exists()


def test_files_are_kept_when_the_form_fails_and_attached_when_it_succeeds(client, topics):
    photo = SimpleUploadedFile("IMG_1234.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(
        FORM_URL, {**valid_data(title=""), "files": [photo], "rights_confirmed": "on"}
    )
    html = response.content.decode()
    assert "IMG_1234.jpg" in html
    assert StagedUpload.objects.count() == 1
    staged = re.search(r'name="staged" value="([^"]+)"', html).group(1)
    client.post(FORM_URL, {**valid_data(), "staged": staged, "rights_confirmed": "on"})
    attachment = Attachment.objects.get()
    assert attachment.original_name == "IMG_1234.jpg"
    assert attachment.content_type == "image/jpeg"
    assert b"PhoneMaker" not in attachment.file.read()
    assert not StagedUpload.objects.exists()


def test_attachments_need_the_rights_confirmation(client, topics):
    document = SimpleUploadedFile("kirje.pdf", pdf(), content_type="application/pdf")
    html = client.post(FORM_URL, {**valid_data(), "files": [document]}).content.decode()
    assert 'id="id_rights_confirmed_error"' in html
    assert not Feedback.objects.exists()
    assert "kirje.pdf" in html  # kept for the next try


def test_wrong_file_types_are_refused_by_content(client, topics):
    fake = SimpleUploadedFile("kuva.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    html = client.post(
        FORM_URL, {**valid_data(), "files": [fake], "rights_confirmed": "on"}
    ).content.decode()
    assert "kuva.jpg:" in html
    assert not Feedback.objects.exists()
    assert not StagedUpload.objects.exists()


def test_at_most_five_files_and_the_extra_ones_are_not_stored(client, topics):
    files = [
        SimpleUploadedFile(f"liite{i}.pdf", pdf(), content_type="application/pdf") for i in range(7)
    ]
    html = client.post(
        FORM_URL, {**valid_data(), "files": files, "rights_confirmed": "on"}
    ).content.decode()
    assert 'id="id_files_error"' in html
    assert "liite5.pdf, liite6.pdf" in html
    assert not Feedback.objects.exists()
    assert StagedUpload.objects.count() == 5
    staged = re.search(r'name="staged" value="([^"]+)"', html).group(1)
    more = SimpleUploadedFile("kuudes.pdf", pdf(), content_type="application/pdf")
    html = client.post(
        FORM_URL, {**valid_data(), "staged": staged, "files": [more], "rights_confirmed": "on"}
    ).content.decode()
    assert "kuudes.pdf" in html
    assert StagedUpload.objects.count() == 5


def test_staged_file_can_be_removed_before_sending(client, topics):
    document = SimpleUploadedFile("poistettava.pdf", pdf(), content_type="application/pdf")
    html = client.post(FORM_URL, {**valid_data(title=""), "files": [document]}).content.decode()
    staged = re.search(r'name="staged" value="([^"]+)"', html).group(1)
    key = str(StagedUpload.objects.get().key)
    client.post(FORM_URL, {**valid_data(), "staged": staged, "remove_staged": [key]})
    feedback = Feedback.objects.get()
    assert not feedback.attachments.exists()
    assert not StagedUpload.objects.exists()


def test_a_forged_staged_token_attaches_nothing(client, topics):
    document = SimpleUploadedFile("toisen.pdf", pdf(), content_type="application/pdf")
    client.post(FORM_URL, {**valid_data(title=""), "files": [document]})
    key = str(StagedUpload.objects.get().key)
    client.post(FORM_URL, {**valid_data(), "staged": f"{key}:forged"})
    assert not Feedback.objects.get().attachments.exists()


def test_sensitive_data_warns_before_sending_and_may_still_be_sent(client, topics):
    data = valid_data(text="Henkilötunnukseni on 131052-308T, soittakaa 040 123 4567.")
    html = client.post(FORM_URL, data).content.decode()
    assert 'id="sensitive-warning"' in html
    assert "<mark>131052-308T</mark>" in html
    assert "<mark>040 123 4567</mark>" in html
    assert not Feedback.objects.exists()
    client.post(FORM_URL, {**data, "send_anyway": "1"})
    feedback = Feedback.objects.get()
    assert feedback.publication_state == Feedback.PublicationState.HELD
    assert {f["kind"] for f in feedback.sensitive_findings} == {"hetu", "phone"}


def test_sender_who_edits_the_text_after_the_warning_sends_a_clean_feedback(client, topics):
    client.post(FORM_URL, valid_data(text="Soittakaa minulle 040 123 4567 iltaisin."))
    client.post(FORM_URL, valid_data(text="Katu on huonossa kunnossa iltaisin."))
    assert Feedback.objects.get().publication_state == Feedback.PublicationState.PUBLISHED


def test_unticked_consent_makes_the_feedback_private(client, topics):
    data = valid_data()
    del data["publish_consent"]
    client.post(FORM_URL, data)
    assert Feedback.objects.get().publication_state == Feedback.PublicationState.PRIVATE


def test_question_kind_and_contact_details(client, topics):
    client.post(
        FORM_URL,
        valid_data(kind="question", name="Kysyjä", email="k@example.fi", phone="040 765 4321"),
    )
    feedback = Feedback.objects.get()
    assert feedback.kind == "question"
    contact = Contact.objects.get(feedback=feedback)
    assert contact.phone == "+358407654321"


def test_honeypot_field_stops_bots(client, topics):
    client.post(FORM_URL, valid_data(website="http://spam.example"))
    assert not Feedback.objects.exists()


def test_topic_elsewhere_shows_where_to_go_and_takes_nothing(client, topics):
    topic = topics["maintenance"]
    topic.state = "elsewhere"
    topic.elsewhere_email = "asiointi@example.fi"
    topic.elsewhere_text_fi = "Lähetä palaute yksikön asiointisähköpostiin."
    topic.save()
    html = client.get(FORM_URL, {"topic": "maintenance"}).content.decode()
    assert "mailto:asiointi@example.fi" in html
    assert "asiointisähköpostiin" in html
    assert 'value="maintenance"' not in client.get(FORM_URL).content.decode()
    client.post(FORM_URL, valid_data())
    assert not Feedback.objects.exists()


def test_form_for_a_never_public_topic_says_so(client, topics):
    html = client.get(FORM_URL, {"topic": "clinics"}).content.decode()
    assert re.search(r'id="topic-private-note"(?! hidden)', html)
    html = client.get(FORM_URL, {"topic": "maintenance"}).content.decode()
    assert 'id="topic-private-note" hidden' in html


def test_front_page_lists_topic_groups(client, topics):
    html = client.get(reverse("site:home")).content.decode()
    assert "Kadut ja liikenne" in html
    assert "/feedback/new/?topic=maintenance" in html


def test_many_submissions_from_one_address_are_slowed_down(client, topics):
    for _number in range(throttle.FEEDBACK.count):
        client.post(FORM_URL, valid_data())
    response = client.post(FORM_URL, valid_data(title="Yksi liikaa"))
    assert response.status_code == 429
    assert "Yritä uudelleen tunnin kuluttua" in response.content.decode()
    assert "Yksi liikaa" in response.content.decode()  # what was typed stays
    assert Feedback.objects.count() == throttle.FEEDBACK.count
    other = client.post(FORM_URL, valid_data(), REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 302


def test_error_summary_links_to_the_first_radio_of_a_choice(client, topics):
    html = client.post(FORM_URL, valid_data(kind="")).content.decode()
    assert 'href="#id_kind_0"' in html
    assert 'id="id_kind_0"' in html


def test_a_throttled_sender_or_a_bot_stores_no_files(client, topics):
    for _number in range(throttle.FEEDBACK.count):
        throttle.bump(RequestFactory().post(FORM_URL), throttle.FEEDBACK)
    document = SimpleUploadedFile("x.pdf", pdf(), content_type="application/pdf")
    response = client.post(
        FORM_URL, {**valid_data(), "files": [document], "rights_confirmed": "on"}
    )
    assert response.status_code == 429
    bot = client.post(
        FORM_URL,
        {**valid_data(website="x"), "files": [document], "rights_confirmed": "on"},
        REMOTE_ADDR="10.9.9.9",
    )
    assert bot.status_code == 200
    assert not StagedUpload.objects.exists()


def test_client_address_behind_trusted_proxies(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4"
    )
    assert client_address(request) == "10.0.0.1"
    settings.PALAUTE_TRUSTED_PROXIES = 1
    assert client_address(request) == "1.2.3.4"
    settings.PALAUTE_TRUSTED_PROXIES = 2
    assert client_address(request) == "6.6.6.6"


def test_the_address_is_checked_for_personal_data_too(client, topics):
    data = valid_data(address="Kotikatu 5 B 12, soita 040 123 4567")
    html = client.post(FORM_URL, data).content.decode()
    assert "<mark>040 123 4567</mark>" in html
    client.post(FORM_URL, {**data, "send_anyway": "1"})
    feedback = Feedback.objects.get()
    assert feedback.publication_state == Feedback.PublicationState.HELD
    assert feedback.sensitive_findings[0]["field"] == "address"


def test_an_empty_file_gets_one_clear_message(client, topics):
    empty = SimpleUploadedFile("tyhja.pdf", b"", content_type="application/pdf")
    html = client.post(FORM_URL, {**valid_data(), "files": [empty]}).content.decode()
    assert html.count("tyhja.pdf: Tiedosto on tyhjä.") == 2  # in the summary and at the field
    assert not Feedback.objects.exists()


def test_topic_questions_are_asked_checked_and_stored(client, topics):
    from palaute.feedback.models import TopicAttribute

    question = TopicAttribute.objects.create(
        topic=topics["maintenance"],
        code="kohde",
        datatype="singlevaluelist",
        required=True,
        description_fi="Mikä kohde?",
        order=1,
    )
    question.values.create(key="katu", name_fi="Katu")
    question.values.create(key="pyoratie", name_fi="Pyörätie")
    TopicAttribute.objects.create(
        topic=topics["maintenance"],
        code="leveys",
        datatype="number",
        description_fi="Leveys metreinä",
        order=2,
    )
    page = client.get(FORM_URL, {"topic": "maintenance"}).content.decode()
    assert 'data-questions-for="maintenance">' in page  # shown for the chosen topic
    assert "Mikä kohde?" in page
    html = client.post(FORM_URL, valid_data()).content.decode()
    assert 'id="id_q-maintenance-kohde_error"' in html
    assert not Feedback.objects.exists()
    client.post(
        FORM_URL, {**valid_data(), "q-maintenance-kohde": "pyoratie", "q-maintenance-leveys": "2,5"}
    )
    assert Feedback.objects.get().attributes == {"kohde": "pyoratie", "leveys": 2.5}


def test_questions_of_other_topics_are_not_required(client, topics):
    from palaute.feedback.models import TopicAttribute

    TopicAttribute.objects.create(
        topic=topics["lights"],
        code="vika",
        datatype="string",
        required=True,
        description_fi="Vika?",
    )
    page = client.get(FORM_URL, {"topic": "maintenance"}).content.decode()
    assert 'data-questions-for="street-lights" hidden disabled' in page
    client.post(FORM_URL, valid_data())
    assert Feedback.objects.get().attributes == {}


@pytest.mark.parametrize(
    ("prefix", "heading", "line"),
    [
        ("", "Lue tämä ensin", "Älä kirjoita henkilötunnustasi."),
        ("/sv", "Läs det här först", "Skriv inte din personbeteckning."),
        ("/en", "Read this first", "Do not write your personal identity code."),
    ],
)
def test_guidance_in_easy_to_read_language_is_selectable_and_kept_on_errors(
    client, topics, prefix, heading, line
):
    standard = client.get(f"{prefix}{FORM_URL}").content.decode()
    assert heading not in standard
    assert f'href="{prefix}{FORM_URL}?easy=1"' in standard

    easy = client.get(f"{prefix}{FORM_URL}?easy=1").content.decode()
    assert heading in easy
    assert line in easy
    assert f'href="{prefix}{FORM_URL}"' in easy

    response = client.post(f"{prefix}{FORM_URL}?easy=1", valid_data(title=""))
    assert response.status_code == 200
    assert heading in response.content.decode()
    assert not Feedback.objects.exists()
