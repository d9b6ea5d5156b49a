"""The minimum fill time of the public forms: a too-fast send is refused with a message in
the user's language, keeping what was typed; sending again a moment later works."""

from __future__ import annotations

import re
import time

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from palaute.feedback.models import Feedback, StagedUpload
from palaute.site.fill_time import stamp
from palaute.surveys.models import SurveyResponse
from tests.media import png
from tests.site.test_form import FORM_URL, valid_data
from tests.site.test_surveys import make_county, survey_data, url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def three_seconds(settings):
    settings.PALAUTE_MIN_FILL_SECONDS = 3


def started_value(html: str) -> str:
    return re.search(r'name="started" value="([^"]+)"', html).group(1)


def test_the_form_carries_a_signed_start_moment(client, topics):
    html = client.get(FORM_URL).content.decode()
    assert re.search(r'<input type="hidden" name="started" value="[^"]+:[^"]+"', html)


def test_a_too_fast_send_is_refused_with_the_text_kept(client, topics):
    photo = SimpleUploadedFile("kuoppa.png", png(), content_type="image/png")
    response = client.post(
        FORM_URL,
        {
            **valid_data(title="Nopea lähettäjä", started=stamp()),
            "files": [photo],
            "rights_confirmed": "on",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lomake lähetettiin hyvin nopeasti" in html
    assert "Nopea lähettäjä" in html
    assert "kuoppa.png" in html  # the attached file is kept too
    assert Feedback.objects.count() == 0
    assert StagedUpload.objects.count() == 1


def test_sending_again_after_the_minimum_time_works(client, topics):
    started = stamp()
    with time_machine.travel(time.time() + 1, tick=False):
        refused = client.post(FORM_URL, valid_data(started=started))
    assert "Lomake lähetettiin hyvin nopeasti" in refused.content.decode()
    kept = started_value(refused.content.decode())
    assert kept == started  # the page keeps the moment it was first shown
    with time_machine.travel(time.time() + 4, tick=False):
        response = client.post(FORM_URL, valid_data(started=kept))
    assert response.status_code == 302
    assert Feedback.objects.count() == 1


@pytest.mark.parametrize("started", ["", "1733300000.0", "forged:signature"])
def test_a_missing_or_forged_moment_counts_as_too_fast(client, topics, started):
    response = client.post(f"/en{FORM_URL}", valid_data(started=started))
    html = response.content.decode()
    assert "The form was sent very quickly" in html
    assert Feedback.objects.count() == 0
    fresh = started_value(html)
    assert fresh != started  # the page now carries a valid moment
    with time_machine.travel(time.time() + 4, tick=False):
        assert client.post(FORM_URL, valid_data(started=fresh)).status_code == 302


def test_the_questionnaire_has_the_same_minimum_time(client):
    county = make_county()
    response = client.post(
        url(county.web, "/sv"), survey_data(nps="8", open_text="Snabbt svar", started=stamp())
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Formuläret skickades mycket snabbt" in html
    assert "Snabbt svar" in html
    assert SurveyResponse.objects.count() == 0
    with time_machine.travel(time.time() + 4, tick=False):
        again = client.post(url(county.web), survey_data(nps="8", started=started_value(html)))
    assert again.status_code == 302
    assert SurveyResponse.objects.count() == 1


def test_zero_turns_the_check_off(client, topics, settings):
    settings.PALAUTE_MIN_FILL_SECONDS = 0
    assert client.post(FORM_URL, valid_data()).status_code == 302
