"""The text of attached PDF files is checked like the form's text."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from palaute.feedback.models import Feedback
from palaute.feedback.services import stage_upload
from palaute.organizations.models import Membership
from palaute.privacy.checks import FindingKind
from palaute.privacy.pdf import check_pdf, page_texts
from tests.media import encrypted_pdf, pdf, pdf_with_text

pytestmark = pytest.mark.django_db

STATEMENT = "Lääkärinlausunto. Potilas: Matti Virtanen, henkilötunnus 131052-308T."


def test_each_finding_names_its_page():
    findings = check_pdf(pdf_with_text("Kiitos hyvästä palvelusta.", STATEMENT), attachment=7)
    assert {f.kind for f in findings} == {FindingKind.NAME, FindingKind.HETU}
    assert {(f.page, f.attachment, f.field) for f in findings} == {(2, 7, "attachment")}
    text = page_texts(pdf_with_text("Kiitos hyvästä palvelusta.", STATEMENT))[2]
    hetu = next(f for f in findings if f.kind == FindingKind.HETU)
    assert text[hetu.start : hetu.end] == "131052-308T"
    assert "text" not in hetu.as_dict()  # the findings keep positions, never the text


def test_a_pdf_without_text_or_that_cannot_be_read_gives_no_findings():
    assert check_pdf(pdf()) == []
    assert check_pdf(encrypted_pdf()) == []
    assert check_pdf(b"%PDF-1.4 broken") == []


def test_a_pdf_attachment_with_personal_data_holds_the_feedback(make_feedback):
    staged = stage_upload(uploaded=SimpleUploadedFile("lausunto.pdf", pdf_with_text(STATEMENT)))
    submission = make_feedback(text="Liitteenä lausunto kadun liukkaudesta.", uploads=[staged])
    feedback = Feedback.objects.get(pk=submission.feedback.pk)
    attachment = feedback.attachments.get()
    in_file = [f for f in feedback.sensitive_findings if f.get("attachment") == attachment.pk]
    assert {f["kind"] for f in in_file} == {"name", "hetu"}
    assert all(f["page"] == 1 for f in in_file)
    assert feedback.publication_state == Feedback.PublicationState.HELD
    assert feedback.publication_reason == Feedback.PublicationReason.SENSITIVE


def test_a_clean_pdf_attachment_does_not_hold_the_feedback(make_feedback):
    clean = pdf_with_text("Kuva katuvalosta ja kartta paikasta.")
    staged = stage_upload(uploaded=SimpleUploadedFile("kartta.pdf", clean))
    feedback = make_feedback(text="Katuvalo on rikki.", uploads=[staged]).feedback
    assert feedback.sensitive_findings == []
    assert feedback.publication_state == Feedback.PublicationState.PUBLISHED


def test_the_moderator_sees_the_findings_of_the_file_with_their_pages(client, tree_topics, member):
    from palaute.feedback.services import submit_feedback

    handler = member(Membership.Role.HANDLER)
    staged = stage_upload(uploaded=SimpleUploadedFile("lausunto.pdf", pdf_with_text(STATEMENT)))
    feedback = submit_feedback(
        topic=tree_topics["unit"], title="Liite", text="Katso liite.", uploads=[staged]
    ).feedback
    client.force_login(handler)
    page = client.get(reverse("backoffice:feedback", args=[feedback.reference]))
    html = page.content.decode()
    assert "131052-308T" in html
    assert "sivu 1" in html
    assert "Henkilötunnus" in html
