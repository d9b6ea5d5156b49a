import re

import pytest
from playwright.sync_api import expect

from palaute.feedback.models import Feedback
from tests.media import jpeg_with_gps

pytestmark = pytest.mark.django_db(transaction=True)


def test_resident_sends_feedback_with_a_map_mark_and_a_photo(page, topics, tmp_path):
    photo = tmp_path / "kuoppa.jpg"
    photo.write_bytes(jpeg_with_gps())
    page.goto("/feedback/new/")
    page.get_by_label("Aihe").select_option("street-lights")
    page.get_by_label("Palaute", exact=True).first.check()
    page.get_by_label("Otsikko").fill("Katuvalo ei pala")
    page.locator("#id_text").fill("Valo on ollut pimeänä viikon Kauppakadun päässä.")
    expect(page.locator("#map-picker")).to_be_visible()
    page.locator("#location-map").click(position={"x": 120, "y": 90})
    expect(page.locator("#map-status")).to_contain_text("62.")
    marker = page.locator(".leaflet-marker-icon")
    expect(marker).to_be_visible()
    page.wait_for_function(
        "() => { const img = document.querySelector('.leaflet-marker-icon');"
        " return img && img.complete && img.naturalWidth > 0; }"
    )
    assert page.locator("#id_latitude").input_value() != ""
    page.locator("#id_files").set_input_files(str(photo))
    page.get_by_label(re.compile("oikeudet liitettyihin")).check()
    page.get_by_role("button", name="Lähetä palaute").click()
    expect(page.locator("#receipt")).to_be_visible()
    feedback = Feedback.objects.get()
    expect(page.locator("#receipt")).to_contain_text(feedback.reference)
    assert feedback.latitude is not None and 62 < float(feedback.latitude) < 63
    assert feedback.attachments.count() == 1


def test_keyboard_user_can_mark_the_map_centre_and_clear_it(page, topics):
    page.goto("/feedback/new/?topic=street-lights")
    page.locator("#map-mark").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#map-status")).to_contain_text("62.89")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.locator("#id_latitude").input_value() == ""


def test_location_section_follows_the_topic(page, topics):
    page.goto("/feedback/new/")
    page.get_by_label("Aihe").select_option("street-lights")
    expect(page.locator('[data-location-note="required"]')).to_be_visible()
    expect(page.locator('[data-location-note="optional"]')).to_be_hidden()
    page.get_by_label("Aihe").select_option("clinics")
    expect(page.locator("#location-section")).to_be_hidden()
    expect(page.locator("#topic-private-note")).to_be_visible()
    page.get_by_label("Aihe").select_option("maintenance")
    expect(page.locator("#location-section")).to_be_visible()
    expect(page.locator("#topic-private-note")).to_be_hidden()


def test_errors_take_focus_and_link_to_their_fields(page, topics, axe_check):
    page.goto("/feedback/new/")
    page.get_by_role("button", name="Lähetä palaute").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") in {"id_topic", "id_title", "id_text"}
    axe_check(page)


def test_map_works_when_the_location_section_appears_after_a_topic_change(page, topics):
    page.goto("/feedback/new/?topic=clinics")
    expect(page.locator("#location-section")).to_be_hidden()
    page.get_by_label("Aihe").select_option("maintenance")
    box = page.locator("#location-map").bounding_box()
    page.locator("#location-map").click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    latitude = float(page.locator("#id_latitude").input_value())
    longitude = float(page.locator("#id_longitude").input_value())
    assert abs(latitude - 62.8924) < 0.002
    assert abs(longitude - 27.6770) < 0.004


def test_questions_appear_with_their_topic(page, topics, axe_check):
    from palaute.feedback.models import TopicAttribute

    question = TopicAttribute.objects.create(
        topic=topics["lights"],
        code="vika",
        datatype="singlevaluelist",
        required=True,
        description_fi="Mikä on vialla?",
    )
    question.values.create(key="pimea", name_fi="Valo ei pala")
    page.goto("/feedback/new/")
    group = page.locator('[data-questions-for="street-lights"]')
    expect(group).to_be_hidden()
    page.get_by_label("Aihe").select_option("street-lights")
    expect(group).to_be_visible()
    page.get_by_label("Mikä on vialla?").select_option("pimea")
    axe_check(page)
    page.get_by_label("Aihe").select_option("maintenance")
    expect(group).to_be_hidden()
