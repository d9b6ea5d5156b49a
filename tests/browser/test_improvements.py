"""A supervisor's meeting in a real browser, by keyboard: prepare the meeting, record a
decision, draft a development action from the agenda, mark it done and see it on the
public page "How your feedback was used"."""

import re

import pytest
from playwright.sync_api import expect

from palaute.feedback.services import ContactInput, submit_feedback
from palaute.improvements.models import DevelopmentAction, UnitMeeting
from palaute.organizations.models import Membership
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "hyva-salasana-2026"


@pytest.fixture
def supervisor(city):
    user = UserFactory(
        username="essi", email="essi@example.fi", first_name="Essi", last_name="Esihenkilö"
    )
    user.set_password(PASSWORD)
    user.save()
    MembershipFactory(user=user, organization=city["streets"], role=Membership.Role.SUPERVISOR)
    return user


@pytest.fixture
def feedback(topics):
    return submit_feedback(
        topic=topics["maintenance"],
        title="Liukas silta",
        text="Kevyen liikenteen silta on aamuisin liukas.",
        contact=ContactInput(name="Asiakas Anna", email="anna@example.fi"),
    ).feedback


def focused(page) -> str:
    return page.evaluate(
        "() => (document.activeElement.getAttribute('name') || '')"
        " + '|' + (document.activeElement.getAttribute('href') || '')"
        " + '|' + document.activeElement.tagName"
    )


def test_supervisor_holds_a_meeting_and_publishes_an_action_by_keyboard(
    page, supervisor, feedback, axe_check
):
    page.goto("/staff/")
    page.locator("#id_username").fill("essi")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.locator("table.queue")).to_be_visible()

    # The menu leads to the meetings; the supervisor's only unit is chosen already.
    page.locator("nav.site-nav a[href='/staff/meetings/']").focus()
    page.keyboard.press("Enter")
    page.locator("a.button[href^='/staff/meetings/new/']").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#id_period_start")).not_to_have_value("")
    page.locator("#id_title").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Katujen palaveri")
    page.keyboard.press("Enter")  # implicit submission
    expect(page.locator("ol.agenda")).to_contain_text(feedback.reference)
    meeting = UnitMeeting.objects.get()
    axe_check(page)

    # Record the decision: type it, Tab to its button, Enter.
    decision = page.locator("ol.agenda textarea").first
    decision.focus()
    expect(decision).to_be_focused()
    page.keyboard.type("Hiekoitetaan silta aamuisin.")
    expect(decision).to_have_value("Hiekoitetaan silta aamuisin.")
    expect(decision).to_be_focused()
    page.keyboard.press("Tab")
    assert focused(page).endswith("|BUTTON")
    page.keyboard.press("Enter")
    # The creation message is still showing; wait for the page the save leads to.
    expect(page).to_have_url(re.compile(r"#item-\d+$"))
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("ol.agenda textarea").first).to_have_value("Hiekoitetaan silta aamuisin.")

    # Mark it held, then draft an action from the agenda item.
    page.locator(f"button[formaction='/staff/meetings/{meeting.pk}/held/']").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".tag--meeting-held")).to_be_visible()
    link = page.locator("ol.agenda a[href^='/staff/actions/new/']").first
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("form .notice, .notice")).to_contain_text(feedback.reference)
    axe_check(page)
    page.locator("#id_title").focus()
    page.keyboard.type("Sillan talvikunnossapito")
    page.keyboard.press("Tab")
    page.keyboard.type("Silta hiekoitetaan ennen kuutta.")
    page.locator("#id_is_public").focus()
    page.keyboard.press("Space")
    page.locator("#id_public_description").focus()
    page.keyboard.type("Silta hiekoitetaan nyt joka aamu ennen kuutta.")
    page.locator("form button[type=submit].button").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Sillan talvikunnossapito")
    action = DevelopmentAction.objects.get()
    assert list(action.feedback.all()) == [feedback]
    assert action.meeting == meeting
    axe_check(page)

    # Done.
    page.locator("#id_status-status").select_option("done")
    page.locator("#id_status-note").focus()
    page.keyboard.type("Valmis.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".tag--action-done")).to_be_visible()
    action.refresh_from_db()
    assert action.status == DevelopmentAction.Status.DONE

    page.goto("/staff/actions/")
    expect(page.locator("table.queue")).to_contain_text("Sillan talvikunnossapito")
    axe_check(page)

    # The public page shows the change, not who gave the feedback.
    page.goto("/impact/")
    expect(page.locator("main")).to_contain_text("Silta hiekoitetaan nyt joka aamu")
    expect(page.locator("main")).not_to_contain_text("Asiakas Anna")
    expect(page.locator("main")).not_to_contain_text(feedback.reference)
    axe_check(page)
