"""S3: contact details never appear in any public output of a feedback."""

import pytest
from django.core import signing
from django.urls import reverse

from palaute.feedback.models import Contact
from palaute.feedback.services import ContactInput, LocationInput, add_answer
from palaute.site.views import SENT_COOKIE, SENT_SALT

pytestmark = pytest.mark.django_db
SECRETS = (
    "Salainen Sanna",
    "sanna.salainen@example.fi",
    "+358401234567",
    "040 123 4567",
    "0401234567",
)


def test_no_public_output_reveals_contact_details(client, make_feedback, topics):
    contact = ContactInput(name=SECRETS[0], email=SECRETS[1], phone=SECRETS[2])
    feedback = make_feedback(
        topics["lights"],
        title="Katuvalo rikki",
        contact=contact,
        location=LocationInput(latitude=62.89, longitude=27.67, address="Kauppakatu 1"),
    ).feedback
    add_answer(feedback=feedback, text="Kiitos, korjaamme.")
    assert Contact.objects.filter(feedback=feedback).exists()
    assert feedback.is_published
    urls = [
        "/",
        "/sv/",
        "/en/",
        reverse("site:feedback-list"),
        reverse("site:feedback-list") + "?q=Katuvalo",
        feedback.get_absolute_url(),
        "/en" + feedback.get_absolute_url(),
        reverse("site:topics"),
        "/feeds/latest/",
        "/feeds/latest/atom/",
        "/feeds/topics/street-lights/",
        "/feeds/topics/street-lights/atom/",
        "/feeds/topics/streets/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Katuvalo rikki" in body or url in ("/", "/sv/", "/en/", reverse("site:topics")), url
        for secret in SECRETS:
            assert secret not in body, (url, secret)
        assert "sanna" not in body.lower(), url


def test_tracking_page_masks_the_email(client, make_feedback, secret_contact):
    submission = make_feedback(contact=secret_contact)
    client.cookies[SENT_COOKIE] = signing.get_cookie_signer(salt=SENT_COOKIE + SENT_SALT).sign(
        submission.feedback.reference
    )
    html = client.get(
        reverse("site:track", kwargs={"token": submission.tracking_token})
    ).content.decode()
    assert "s***@example.fi" in html
    assert "sanna.salainen" not in html
    assert "+358401234567" not in html
