"""A handler's day in a real browser: sign in, open the queue, handle a feedback."""

import pytest
from playwright.sync_api import expect

from palaute.feedback.models import Answer, Feedback, ResponseTemplate
from palaute.feedback.services import ContactInput, submit_feedback
from palaute.organizations.models import Membership
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "hyva-salasana-2026"


@pytest.fixture
def handler(city):
    user = UserFactory(
        username="hanna", email="hanna@example.fi", first_name="Hanna", last_name="Käsittelijä"
    )
    user.set_password(PASSWORD)
    user.save()
    MembershipFactory(user=user, organization=city["streets"], role=Membership.Role.HANDLER)
    return user


@pytest.fixture
def feedback(topics):
    return submit_feedback(
        topic=topics["maintenance"],
        title="Kuoppa kadulla",
        text="Kauppakadulla on syvä kuoppa. Soita 040 123 4567.",
        contact=ContactInput(name="Asiakas Anna", email="anna@example.fi"),
    ).feedback


def sign_in(page, username="hanna"):
    page.goto("/staff/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page.locator("table.queue")).to_be_visible()


def test_handler_answers_with_a_template_and_closes(page, handler, feedback, city):
    ResponseTemplate.objects.create(
        organization=city["streets"], name="Kiitos", text_fi="Kiitos, korjaamme kuopan."
    )
    sign_in(page)
    page.locator(f"a[href='{feedback.get_staff_url()}']").click()
    expect(page.locator("mark.finding")).to_have_count(2)  # original and public text
    page.locator("form[action$='/contact/'] button").click()
    expect(page.locator("a[href='mailto:anna@example.fi']")).to_be_visible()
    page.locator("#id_status-status").select_option("in_processing")
    with page.expect_navigation():
        page.locator("form[action$='/status/'] button").click()
    expect(page.locator(".messages")).to_be_visible()
    page.locator(".template-picker button").click()
    expect(page.locator("#answer-form textarea")).to_have_value("Kiitos, korjaamme kuopan.")
    with page.expect_navigation():
        page.locator("#answer-form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    page.locator("#id_status-status").select_option("closed")
    with page.expect_navigation():
        page.locator("form[action$='/status/'] button").click()
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.CLOSED
    assert Answer.objects.get(feedback=feedback).text == "Kiitos, korjaamme kuopan."


def test_error_in_an_action_keeps_the_text_and_takes_focus(page, handler, feedback):
    sign_in(page)
    page.goto(feedback.get_staff_url())
    page.locator("form[action$='/critical/'] button").click()
    expect(page.locator("#id_critical-reason")).to_have_attribute("aria-invalid", "true")


def test_back_office_pages_have_no_accessibility_violations(
    page, handler, feedback, axe_check, city
):
    admin = UserFactory(username="paakayttaja", email="admin@example.fi")
    admin.set_password(PASSWORD)
    admin.save()
    MembershipFactory(user=admin, organization=city["root"], role=Membership.Role.ADMIN)
    page.goto("/staff/login/")
    axe_check(page)
    sign_in(page, "paakayttaja")
    for url in [
        "/staff/",
        "/staff/?status=all&deadline=overdue",
        feedback.get_staff_url(),
        "/staff/templates/",
        "/staff/templates/new/",
        "/staff/account/",
        "/staff/admin/organizations/",
        f"/staff/admin/organizations/{city['streets'].pk}/",
        "/staff/admin/topics/",
        "/staff/admin/users/",
        "/staff/admin/users/new/",
        "/staff/privacy/access-log/",
        "/staff/privacy/access-log/?start=2026-03-02&end=2026-03-01&reference=x",
        "/en/staff/",
    ]:
        page.goto(url)
        axe_check(page)
