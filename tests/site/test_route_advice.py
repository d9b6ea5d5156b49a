"""Route advice on the public pages: the live check's JSON endpoint, the live region on
the feedback form, the questionnaire and the kiosk, and the notices shown after sending,
which never stop the feedback from being saved."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import translation

from palaute.feedback.guidance import route_advice
from palaute.feedback.models import Feedback
from palaute.surveys.models import SurveyResponse
from palaute.throttle import ROUTE_ADVICE
from tests.site.test_form import FORM_URL, valid_data
from tests.site.test_surveys import make_county, survey_data

pytestmark = pytest.mark.django_db
ENDPOINT = "/feedback/route-advice/"
MUISTUTUS_URL = "https://valvira.fi/sosiaali-ja-terveydenhuolto/muistutus-tai-kantelu"


def check(client, text, prefix="", **extra):
    return client.post(f"{prefix}{ENDPOINT}", {"text": text, **extra})


# The endpoint


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_endpoint_answers_in_the_pages_language(client, language):
    prefix = "" if language == "fi" else f"/{language}"
    response = check(client, "Haluan tehdä muistutuksen hoitovirheestä.", prefix)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Language"] == language
    assert "no-cache" in response["Cache-Control"]
    data = response.json()
    with translation.override(language):
        expected = [advice.as_dict() for advice in route_advice(text="Muistutus. Hoitovirhe.")]
    assert data["advice"] == expected
    assert [item["kind"] for item in data["advice"]] == ["complaint", "patient_safety"]
    assert expected[0]["title"] in data["html"]
    assert MUISTUTUS_URL in data["html"]
    assert 'role="region"' in data["html"]
    assert 'id="route-advice"' not in data["html"]  # only the notices, not the live region


def test_english_texts(client):
    data = check(client, "Olen hengenvaarassa.", "/en").json()
    [advice] = data["advice"]
    assert advice["title"] == "In an emergency, call 112"
    assert advice["links"] == [{"label": "Call the emergency number 112", "url": "tel:112"}]
    assert 'href="tel:112"' in data["html"]


def test_the_kiosk_can_ask_for_the_language_the_customer_chose(client):
    data = check(client, "Olen hengenvaarassa.", lang="en").json()
    assert data["advice"][0]["title"] == "In an emergency, call 112"
    unknown = check(client, "Olen hengenvaarassa.", "/en", lang="xx").json()
    assert unknown["advice"][0]["title"] == "In an emergency, call 112"


def test_ordinary_or_empty_text_gets_nothing(client):
    for text in ("Hoitaja oli ystävällinen ja sain hyvää palvelua.", "", "   "):
        assert check(client, text).json() == {"advice": [], "html": ""}
    assert client.post(ENDPOINT).json() == {"advice": [], "html": ""}


def test_json_body_is_accepted(client):
    response = client.post(
        ENDPOINT, json.dumps({"text": "En halua enää elää."}), content_type="application/json"
    )
    [advice] = response.json()["advice"]
    assert [link["url"] for link in advice["links"]] == ["tel:112", "tel:+358925250111"]
    bad = client.post(ENDPOINT, "{not json", content_type="application/json")
    assert bad.json()["advice"] == []


def test_only_posts_and_no_csrf_token_needed(client):
    assert client.get(ENDPOINT, {"text": "muistutus"}).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(ENDPOINT, {"text": "muistutus"}).status_code == 200


def test_nothing_is_stored(client):
    check(client, "Haluan tehdä muistutuksen. Minua lyötiin.")
    assert Feedback.objects.count() == 0
    assert SurveyResponse.objects.count() == 0


def test_long_text_is_checked_from_its_beginning(client):
    filler = "Kiitos hyvästä palvelusta. " * 400
    assert check(client, "Muistutus. " + filler).json()["advice"]
    assert check(client, filler + "Muistutus.").json()["advice"] == []


def test_one_address_is_throttled(client):
    for _ in range(ROUTE_ADVICE.count):
        assert check(client, "kissa").status_code == 200
    response = check(client, "Haluan tehdä muistutuksen.")
    assert response.status_code == 429
    assert response.json()["advice"] == []
    assert 0 < int(response["Retry-After"]) <= ROUTE_ADVICE.window
    other = client.post(ENDPOINT, {"text": "muistutus"}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


# The feedback form


def test_form_page_has_the_live_region_and_script(client, topics):
    html = client.get(FORM_URL).content.decode()
    assert 'id="route-advice"' in html
    assert 'aria-live="polite"' in html
    assert f'data-route-advice-url="{ENDPOINT}"' in html
    assert 'data-route-advice-fields="#id_title, #id_text"' in html
    assert "palaute/route-advice.js" in html
    assert "muistutus" not in html.lower().split('id="route-advice"')[1].split("</div>")[0]
    sv = client.get("/sv" + FORM_URL).content.decode()
    assert 'data-route-advice-url="/sv/feedback/route-advice/"' in sv


def post_until_saved(client, data):
    """Sends the form, and once more "as it is" if the sensitive-data check asked."""
    response = client.post(FORM_URL, data)
    if response.status_code == 200 and not Feedback.objects.exists():
        response = client.post(FORM_URL, {**data, "send_anyway": "1"})
    return response


def test_receipt_shows_the_muistutus_route_and_the_feedback_is_saved(client, topics):
    text = "Haluan tehdä muistutuksen hoitovirheestä."
    response = post_until_saved(client, valid_data(topic="clinics", title="Muistutus", text=text))
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.text == text
    html = client.get(response.url).content.decode()
    assert feedback.reference in html
    assert "Kiitos" in html
    assert 'id="route-advice"' in html
    with translation.override("fi"):
        complaint, safety = route_advice(text=text)
    assert complaint.title in html
    assert safety.title in html
    assert f'href="{MUISTUTUS_URL}"' in html
    assert 'href="https://stm.fi/"' in html
    # The tracking page opened later shows the feedback, not the notice.
    later = client.get(response.url).content.decode()
    assert complaint.title not in later


def test_receipt_of_ordinary_feedback_has_no_notice(client, topics):
    response = client.post(FORM_URL, valid_data())
    html = client.get(response.url).content.decode()
    assert 'id="route-advice"' not in html


def test_form_shown_again_keeps_the_notice(client, topics):
    data = valid_data(topic="", text="Isäni kaatui osastolla, tämä oli vaaratilanne.")
    response = client.post(FORM_URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html
    with translation.override("fi"):
        [safety] = route_advice(text=data["text"])
    assert safety.title in html
    assert not Feedback.objects.exists()


# Questionnaires and the kiosk


@pytest.fixture
def county():
    return make_county()


def test_questionnaire_has_the_live_region(client, county):
    html = client.get(f"/survey/{county.web.code}/").content.decode()
    assert 'id="route-advice"' in html
    assert 'data-route-advice-fields="#id_open_text"' in html
    assert "palaute/route-advice.js" in html


def test_emergency_comment_shows_112_on_the_thanks_page_and_is_saved(client, county):
    comment = "Naapuri uhkaa tappaa minut, olen hengenvaarassa."
    response = client.post(f"/survey/{county.web.code}/", survey_data(nps="0", open_text=comment))
    assert response.status_code == 302
    saved = SurveyResponse.objects.get()
    assert saved.feedback.text == comment
    assert saved.nps == 0
    html = client.get(response.url).content.decode()
    assert 'href="tel:112"' in html
    with translation.override("fi"):
        [emergency] = route_advice(text=comment)
    assert emergency.title in html
    assert comment not in html  # only the kind of notice was kept, never the text
    assert 'href="tel:112"' not in client.get(response.url).content.decode()  # shown once


def test_self_harm_comment_shows_the_crisis_line_in_swedish_pages_too(client, county):
    response = client.post(
        f"/sv/survey/{county.web.code}/", survey_data(nps="5", open_text="En halua enää elää.")
    )
    assert response.status_code == 302
    html = client.get(response.url).content.decode()
    assert 'href="tel:112"' in html
    assert 'href="tel:+358925250111"' in html
    assert SurveyResponse.objects.count() == 1


def test_ordinary_comment_has_no_notice_on_the_thanks_page(client, county):
    response = client.post(
        f"/survey/{county.web.code}/", survey_data(nps="9", open_text="Lääkäri kuunteli hyvin.")
    )
    html = client.get(response.url).content.decode()
    assert 'id="route-advice"' not in html


def test_questionnaire_shown_again_keeps_the_notice(client, county):
    response = client.post(
        f"/survey/{county.web.code}/", survey_data(nps="11", open_text="Teen muistutuksen.")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'href="{MUISTUTUS_URL}"' in html
    assert not SurveyResponse.objects.exists()


def test_kiosk_gets_links_as_text(client):
    html = check(client, "Teen muistutuksen.", "/en", plain="1").json()["html"]
    assert "<a " not in html
    assert f"How to make a formal complaint (muistutus): {MUISTUTUS_URL}" in html


def test_kiosk_page_has_the_live_region_that_clears_for_the_next_customer(client, county):
    html = client.get(f"/kiosk/{county.tablet.code}/").content.decode()
    assert "data-route-advice-plain" in html
    assert 'id="route-advice"' in html
    assert 'aria-live="polite"' in html
    assert 'data-route-advice-fields="#kiosk-open"' in html
    assert 'data-route-advice-keep="#kiosk-thanks"' in html
    assert "palaute/route-advice.js" in html
