import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from palaute.feedback.models import Attachment
from palaute.feedback.services import LocationInput, add_answer, remove_feedback
from tests.factories import UserFactory
from tests.media import png

pytestmark = pytest.mark.django_db


def test_list_shows_only_published_feedback_newest_first(client, make_feedback, topics):
    old = make_feedback(
        title="Vanha palaute", received_at=timezone.now() - dt.timedelta(days=3)
    ).feedback
    new = make_feedback(title="Uusi palaute").feedback
    make_feedback(title="Yksityinen palaute", publish_consent=False)
    make_feedback(topics["clinic"], title="Terveysaseman palaute")
    make_feedback(title="Pidätetty palaute", text="Soita 040 123 4567")
    html = client.get(reverse("site:feedback-list")).content.decode()
    assert html.index(new.public_title) < html.index(old.public_title)
    for hidden in ("Yksityinen palaute", "Terveysaseman palaute", "Pidätetty palaute"):
        assert hidden not in html


def test_list_filters_by_topic_subtree_status_and_text(client, make_feedback, topics):
    light = make_feedback(
        topics["lights"], title="Valo pimeänä", location=LocationInput(address="Torikatu 1")
    ).feedback
    make_feedback(topics["maintenance"], title="Lumi aurattu huonosti")
    add_answer(feedback=light, text="Korjattu.")
    url = reverse("site:feedback-list")
    assert "Lumi aurattu" not in client.get(url, {"topic": "street-lights"}).content.decode()
    both = client.get(url, {"topic": "streets"}).content.decode()
    assert "Lumi aurattu" in both and "Valo pimeänä" in both
    answered = client.get(url, {"status": "answered"}).content.decode()
    assert "Valo pimeänä" in answered and "Lumi aurattu" not in answered
    searched = client.get(url, {"q": "aurattu"}).content.decode()
    assert "Lumi aurattu" in searched and "Valo pimeänä" not in searched
    assert "Valo pimeänä" in client.get(url, {"q": "torikatu"}).content.decode()


def test_list_paginates_twenty_per_page(client, make_feedback):
    for number in range(23):
        make_feedback(title=f"Palaute numero {number:02d}")
    first = client.get(reverse("site:feedback-list")).content.decode()
    assert first.count('class="feedback-item"') == 20
    second = client.get(reverse("site:feedback-list"), {"page": 2}).content.decode()
    assert second.count('class="feedback-item"') == 3
    assert 'aria-current="page"' in second


def test_detail_shows_public_text_answers_and_map(client, make_feedback, topics):
    feedback = make_feedback(
        topics["lights"],
        location=LocationInput(latitude=62.8925, longitude=27.6786, address="Kauppakatu 40"),
    ).feedback
    add_answer(feedback=feedback, text="Valo korjataan ensi viikolla.")
    html = client.get(feedback.get_absolute_url()).content.decode()
    assert feedback.public_title in html
    assert "Valo korjataan ensi viikolla." in html
    assert 'id="detail-map"' in html and 'data-lat="62.892500"' in html
    assert "Kauppakatu 40" in html


def test_removed_answers_are_not_shown(client, make_feedback):
    feedback = make_feedback().feedback
    answer = add_answer(feedback=feedback, text="Poistettava vastaus")
    answer.removed_at = timezone.now()
    answer.save(update_fields=["removed_at"])
    assert "Poistettava vastaus" not in client.get(feedback.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "variant",
    [
        {"publish_consent": False},
        {"text": "Henkilötunnukseni 131052-308T"},
    ],
)
def test_non_public_feedback_has_no_public_page(client, make_feedback, variant):
    feedback = make_feedback(**variant).feedback
    assert client.get(feedback.get_absolute_url()).status_code == 404


def test_removed_feedback_disappears_from_pages_and_feeds(client, make_feedback):
    feedback = make_feedback(title="Asiaton viesti tähän").feedback
    remove_feedback(feedback=feedback, actor=UserFactory(), reason="Asiaton")
    assert client.get(feedback.get_absolute_url()).status_code == 404
    assert "Asiaton viesti" not in client.get(reverse("site:feedback-list")).content.decode()
    assert "Asiaton viesti" not in client.get("/feeds/latest/").content.decode()


def test_public_attachment_is_served_and_hidden_one_is_not(client, make_feedback):
    feedback = make_feedback().feedback
    attachment = Attachment(
        feedback=feedback, original_name="x.png", content_type="image/png", size=1, sha256="0"
    )
    attachment.file.save("x.png", ContentFile(png()))
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "no-cache"
    attachment.is_public = False
    attachment.save(update_fields=["is_public"])
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_tracking_page_shows_private_feedback_with_answers(client, make_feedback, topics):
    submission = make_feedback(topics["clinic"], title="Hoitajan kohtelu", publish_consent=False)
    add_answer(feedback=submission.feedback, text="Olemme pahoillamme, asia käsitellään.")
    response = client.get(reverse("site:track", kwargs={"token": submission.tracking_token}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hoitajan kohtelu" in html
    assert "Olemme pahoillamme" in html
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


def test_wrong_tracking_token_is_not_found(client, make_feedback):
    make_feedback()
    assert client.get(reverse("site:track", kwargs={"token": "x" * 32})).status_code == 404


def rss_items(content: bytes) -> list[ET.Element]:
    return ET.fromstring(content).findall("./channel/item")


def test_latest_feed_has_the_twenty_newest_public_feedback_with_answers(client, make_feedback):
    for number in range(22):
        make_feedback(
            title=f"Syötteen palaute {number:02d}",
            received_at=timezone.now() - dt.timedelta(minutes=30 - number),
        )
    make_feedback(title="Ei julkinen", publish_consent=False)
    newest = make_feedback(title="Vastattu palaute").feedback
    add_answer(feedback=newest, text="Tämä on vastaus.")
    response = client.get("/feeds/latest/")
    assert response["Content-Type"].startswith("application/rss+xml")
    items = rss_items(response.content)
    assert len(items) == 20
    first = items[0]
    assert first.findtext("title") == "Vastattu palaute"
    assert "Tämä on vastaus." in first.findtext("description")
    assert first.findtext("category") == "Kunnossapito"
    assert first.findtext("link").endswith(newest.get_absolute_url())
    assert first.findtext("pubDate")
    assert "Ei julkinen" not in response.content.decode()


def test_topic_feed_and_atom_variants(client, make_feedback, topics):
    make_feedback(topics["lights"], title="Valopalaute", location=LocationInput(address="Tori"))
    make_feedback(topics["maintenance"], title="Aurauspalaute")
    topic_feed = client.get("/feeds/topics/street-lights/")
    titles = [item.findtext("title") for item in rss_items(topic_feed.content)]
    assert titles == ["Valopalaute"]
    group_feed = rss_items(client.get("/feeds/topics/streets/").content)
    assert {item.findtext("title") for item in group_feed} == {"Valopalaute", "Aurauspalaute"}
    atom = client.get("/feeds/topics/street-lights/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(atom.content).findall("{http://www.w3.org/2005/Atom}entry")
    assert [e.findtext("{http://www.w3.org/2005/Atom}title") for e in entries] == ["Valopalaute"]
    assert client.get("/feeds/latest/atom/").status_code == 200
    assert client.get("/feeds/topics/no-such-topic/").status_code == 404


def test_feeds_in_swedish(client, make_feedback):
    make_feedback()
    root = ET.fromstring(client.get("/sv/feeds/latest/").content)
    assert root.findtext("./channel/language") == "sv"


def test_topics_page_lists_feeds_and_elsewhere_topics(client, topics):
    topics["maintenance"].state = "elsewhere"
    topics["maintenance"].elsewhere_url = "https://example.fi/palaute"
    topics["maintenance"].save()
    html = client.get(reverse("site:topics")).content.decode()
    assert "/feeds/topics/street-lights/" in html
    assert "https://example.fi/palaute" in html


def test_public_pages_in_three_languages(client, topics):
    for prefix, lang in (("", "fi"), ("/sv", "sv"), ("/en", "en")):
        response = client.get(f"{prefix}/")
        assert response.status_code == 200
        assert f'<html lang="{lang}">' in response.content.decode()


def test_feedback_text_is_marked_with_its_own_language_on_other_language_pages(
    client, make_feedback
):
    feedback = make_feedback(title="Suomenkielinen otsikko").feedback
    add_answer(feedback=feedback, text="Vastaus suomeksi.")
    html = client.get("/en" + feedback.get_absolute_url()).content.decode()
    assert '<html lang="en">' in html
    assert '<h1 lang="fi">Suomenkielinen otsikko</h1>' in html
    assert '<div lang="fi"><p>Vastaus suomeksi.</p></div>' in html
