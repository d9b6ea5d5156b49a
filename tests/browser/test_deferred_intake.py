"""The sender's side of deferred intake in a real browser: the private link given at once
says the feedback is being recorded, and shows it by itself once a worker has recorded it."""

import pytest
from playwright.sync_api import expect

from palaute.feedback import services
from palaute.feedback.models import Feedback, Intake

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_tracking_page_shows_the_feedback_once_it_is_recorded(
    page, topics, settings, monkeypatch, axe_check
):
    settings.PALAUTE_DEFERRED_INTAKE = True
    # No worker runs here: the test records the intake itself, as a worker would, while
    # the sender's page waits.
    monkeypatch.setattr(services, "_queue_recording", lambda intake_id: None)
    page.goto("/feedback/new/")
    page.get_by_label("Aihe").select_option("maintenance")
    page.get_by_label("Otsikko").fill("Kuoppa pyörätiellä")
    page.locator("#id_text").fill("Pyörätiellä on syvä kuoppa koulun kohdalla.")
    page.get_by_role("button", name="Lähetä palaute").click()

    pending = page.locator("#intake-pending")
    expect(pending).to_be_visible()
    expect(page.locator("h1")).to_have_text("Palautteesi on vastaanotettu ja sitä kirjataan")
    assert not Feedback.objects.exists()
    axe_check(page)

    services.record_intake(intake_id=Intake.objects.get().pk)
    feedback = Feedback.objects.get()
    # The page asks again by itself and shows the feedback with its reference number.
    expect(page.locator("#receipt")).to_contain_text(feedback.reference, timeout=20_000)
    expect(pending).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Kuoppa pyörätiellä")
    axe_check(page)
