"""The public privacy and accessibility statements: three languages, the Finnish fallback
with the right lang, and links from every public page, the form, the questionnaire and the
kiosk."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from palaute.feedback.services import add_answer
from palaute.statements.models import Statement
from tests.site.test_surveys import make_county

pytestmark = pytest.mark.django_db


def statement(kind):
    return Statement.objects.get(kind=kind)


def h1(html):
    return re.search(r"<h1[^>]*>.*?</h1>", html, re.S).group(0)


@pytest.mark.parametrize(
    ("url", "page_language", "title"),
    [
        ("/privacy/", "fi", "Tietosuojaseloste: palautepalvelu"),
        ("/sv/privacy/", "sv", "Dataskyddsbeskrivning: responstjänsten"),
        ("/en/privacy/", "en", "Privacy statement: feedback service"),
        ("/accessibility/", "fi", "Saavutettavuusseloste: palautepalvelu"),
        ("/sv/accessibility/", "sv", "Tillgänglighetsutlåtande: responstjänsten"),
        ("/en/accessibility/", "en", "Accessibility statement: feedback service"),
    ],
)
def test_statements_are_public_in_three_languages(client, url, page_language, title):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{page_language}">' in html
    assert h1(html) == f'<h1 lang="{page_language}">{title}</h1>'
    assert f'<div class="statement__text" lang="{page_language}">' in html
    assert "<h2>" in html  # the Markdown is rendered, not shown as text
    assert 'class="notice"' not in html  # no fallback notice


def test_reversed_names_are_the_documented_addresses():
    assert reverse("site:privacy") == "/privacy/"
    assert reverse("site:accessibility") == "/accessibility/"


def test_accessibility_statement_names_the_supervisory_authority(client):
    fi = client.get("/accessibility/").content.decode()
    assert "Lupa- ja valvontavirasto" in fi
    assert "osittain" in fi
    assert '<a href="https://www.saavutettavuusvaatimukset.fi">' in fi
    assert '<a href="/feedback/new/">palautelomakkeella</a>' in fi
    en = client.get("/en/accessibility/").content.decode()
    assert "partially conforms" in en
    assert '<a href="/en/feedback/new/">feedback form</a>' in en


def test_privacy_statement_names_the_ombudsman_and_the_retention(client):
    html = client.get("/privacy/").content.decode()
    assert "Tietosuojavaltuutetun toimisto" in html
    assert '<a href="https://tietosuoja.fi">tietosuoja.fi</a>' in html
    assert "24 kuukauden" in html
    assert "9 artiklan 2 kohdan h alakohtaan" in html


def test_last_updated_date_is_shown_in_helsinki_time(client):
    row = statement("privacy")
    # 21.30 UTC on 31 March is 00.30 on 1 April in Helsinki (summer time).
    row.updated_at = dt.datetime(2026, 3, 31, 21, 30, tzinfo=dt.UTC)
    row.save(update_fields=["updated_at"])
    html = client.get("/privacy/").content.decode()
    assert '<time datetime="2026-04-01">1.4.2026</time>' in html


def test_an_empty_language_falls_back_to_finnish_with_lang_fi(client):
    row = statement("privacy")
    row.title_sv = ""
    row.body_sv = ""
    row.save(update_fields=["title_sv", "body_sv"])
    html = client.get("/sv/privacy/").content.decode()
    assert '<html lang="sv">' in html
    assert h1(html) == '<h1 lang="fi">Tietosuojaseloste: palautepalvelu</h1>'
    assert '<div class="statement__text" lang="fi">' in html
    assert "Tietosuojavaltuutetun toimisto" in html
    # The page tells why, in the page's own language.
    assert "Den här texten finns ännu inte på svenska." in html
    # English is still there.
    assert "Privacy statement: feedback service" in client.get("/en/privacy/").content.decode()


def test_the_shipped_text_is_shown_when_the_row_is_missing(client):
    Statement.objects.filter(kind="accessibility").delete()
    html = client.get("/accessibility/").content.decode()
    assert "Saavutettavuusseloste: palautepalvelu" in html
    assert "Lupa- ja valvontavirasto" in html
    assert "statement__updated" not in html  # never saved, so no date


def footer(html):
    return re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)


def assert_statement_links(html, prefix=""):
    part = footer(html)
    assert f'href="{prefix}/privacy/"' in part
    assert f'href="{prefix}/accessibility/"' in part


def test_footer_of_the_main_public_pages_links_both_statements(client, make_feedback, topics):
    feedback = make_feedback().feedback
    add_answer(feedback=feedback, text="Kiitos, korjataan.")
    submission = make_feedback(publish_consent=False)
    for url in [
        "/",
        "/feedback/new/",
        "/feedback/",
        feedback.get_absolute_url(),
        f"/track/{submission.tracking_token}/",
        "/topics/",
        "/impact/",
        "/survey/",
        "/privacy/",
        "/accessibility/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_statement_links(response.content.decode())
    assert_statement_links(client.get("/sv/").content.decode(), "/sv")
    assert_statement_links(client.get("/en/feedback/new/").content.decode(), "/en")


def test_back_office_footer_links_both_statements(client):
    assert_statement_links(client.get("/staff/login/").content.decode())


def fieldset(html, legend):
    match = re.search(rf"<legend>{legend}.*?</fieldset>", html, re.S)
    assert match, legend
    return match.group(0)


def test_feedback_form_links_the_privacy_statement_at_contact_and_publication(client, topics):
    html = client.get("/feedback/new/").content.decode()
    assert 'href="/privacy/"' in fieldset(html, "Yhteystiedot")
    assert 'href="/privacy/"' in fieldset(html, "Julkaisu")
    sv = client.get("/sv/feedback/new/").content.decode()
    assert 'href="/sv/privacy/"' in fieldset(sv, "Kontaktuppgifter")


def test_questionnaire_links_the_privacy_statement_at_the_contact_fields(client):
    county = make_county()
    html = client.get(f"/survey/{county.web.code}/").content.decode()
    assert 'href="/privacy/"' in fieldset(html, "Yhteydenotto")
    assert_statement_links(html)


def test_kiosk_carries_both_statements_in_every_language_without_links(client):
    county = make_county()
    Statement.objects.filter(kind="privacy").update(title_en="", body_en="")
    response = client.get(f"/kiosk/{county.tablet.code}/")
    html = response.content.decode()
    for kind in ("privacy", "accessibility"):
        for language in ("fi", "sv", "en"):
            assert f'id="kiosk-{kind}-{language}"' in html
    # English privacy falls back to Finnish, with the lang of the text.
    dialog = re.search(r'<dialog[^>]*id="kiosk-privacy-en".*?</dialog>', html, re.S).group(0)
    assert '<h2 id="kiosk-privacy-en-title" lang="fi">Tietosuojaseloste' in dialog
    assert ">Close</button>" in dialog
    # The tablet is never left: the statements carry no links.
    dialogs = "".join(re.findall(r"<dialog.*?</dialog>", html, re.S))
    assert "<a " not in dialogs
    assert "palautelomakkeella" in dialogs
    # The buttons that open them follow the kiosk's language.
    config = re.search(r'id="kiosk-config"[^>]*>(.*?)</script>', html, re.S).group(1)
    assert '"privacy": "Dataskyddsbeskrivning"' in config
    assert '"accessibility": "Saavutettavuusseloste"' in config
