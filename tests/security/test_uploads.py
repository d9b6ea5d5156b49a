"""Hostile uploads, with real crafted files: content that is not what its name says, images
that declare billions of pixels, PDFs of thousands of pages or with inflating streams,
and requests too large. Each is refused with a message (400, 413), never a 500."""

from __future__ import annotations

import resource

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from palaute.feedback.models import Feedback, StagedUpload
from palaute.integrations.services import create_api_key
from palaute.privacy.media import MAX_PDF_PAGES, UploadRejected, sanitize_upload
from palaute.privacy.pdf import check_pdf, page_texts
from tests.media import (
    gif,
    jpeg_with_gps,
    pdf,
    pdf_with_inflating_stream,
    pdf_with_pages,
    png,
    png_declaring,
)
from tests.site.test_form import FORM_URL, valid_data

pytestmark = pytest.mark.django_db
OPEN311 = "/open311/v2/requests.json"
MISMATCH = "Tiedoston sisältö ei vastaa sen nimeä tai tyyppiä"


def rejected(data: bytes, **claimed) -> str:
    with pytest.raises(UploadRejected) as error:
        sanitize_upload(data, **claimed)
    return str(error.value)


# The content against the name and the declared type


def test_a_text_file_named_jpg_is_refused():
    assert MISMATCH in rejected(b"Hello, this is text.\n" * 20, name="kuva.jpg")


def test_a_gif_posing_as_pdf_is_refused():
    assert MISMATCH in rejected(gif(), name="liite.pdf")
    assert MISMATCH in rejected(gif(), name="liite", content_type="application/pdf")


def test_a_pdf_named_as_an_image_and_a_png_named_jpeg_are_refused():
    assert MISMATCH in rejected(pdf(), name="kuva.png")
    assert MISMATCH in rejected(png(), name="kuva.jpeg")


def test_an_unaccepted_extension_is_refused_whatever_the_content():
    assert "ei hyväksytä" in rejected(png(), name="kuva.exe")


def test_matching_names_and_types_are_accepted():
    assert sanitize_upload(jpeg_with_gps(), name="IMG_0001.JPG").content_type == "image/jpeg"
    assert sanitize_upload(png(), name="kuva.png", content_type="image/png").extension == ".png"
    assert sanitize_upload(gif(), name="kuva.gif").content_type == "image/gif"
    assert sanitize_upload(pdf(), name="kirje.PDF").content_type == "application/pdf"
    # No name and a generic type (Open311 clients): the content decides.
    assert sanitize_upload(png(), content_type="application/octet-stream").extension == ".png"
    assert sanitize_upload(jpeg_with_gps(), content_type="image/jpg").extension == ".jpg"


# Bombs


def test_a_png_declaring_50000_by_50000_pixels_is_refused_without_decoding():
    data = png_declaring(50_000, 50_000)
    assert len(data) < 1000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert "Kuva on liian suuri: enintään 40 megapikseliä" in rejected(data, name="a.png")
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 50 * 1024  # the 2.5 gigapixels were never decoded


def test_an_image_just_over_the_limit_is_refused_below_pillows_own_limit():
    # 8000 x 5001 = 40.008 megapixels: under Pillow's bomb warning, over ours.
    assert "megapikseliä" in rejected(png_declaring(8000, 5001), name="a.png")


def test_an_image_that_would_warn_of_a_bomb_is_refused():
    # 10000 x 10000 = 100 megapixels: Pillow only warns; the warning is an error here.
    assert "megapikseliä" in rejected(png_declaring(10_000, 10_000))


def test_a_pdf_of_thousands_of_pages_is_refused():
    data = pdf_with_pages(3000)
    message = rejected(data, name="pitka.pdf")
    assert f"enintään {MAX_PDF_PAGES}" in message
    assert sanitize_upload(pdf_with_pages(MAX_PDF_PAGES), name="ok.pdf").content_type == (
        "application/pdf"
    )


def test_the_pdf_text_check_reads_an_inflating_stream_without_blowing_up():
    data = pdf_with_inflating_stream(megabytes=200)
    assert len(data) < 1024 * 1024
    cleaned = sanitize_upload(data, name="pommi.pdf")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    texts = page_texts(cleaned.content)
    assert check_pdf(cleaned.content) == []
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 150 * 1024  # pypdf stops inflating at its limit
    assert all(text.strip() == "" for text in texts.values())


# Through the web form and Open311


@pytest.mark.parametrize(
    ("name", "data", "content_type", "message"),
    [
        ("kuva.jpg", b"just text\n" * 50, "image/jpeg", MISMATCH),
        ("liite.pdf", gif(), "application/pdf", MISMATCH),
        ("valtava.png", png_declaring(50_000, 50_000), "image/png", "liian suuri"),
        ("pitka.pdf", pdf_with_pages(1000), "application/pdf", "liian monta sivua"),
    ],
    ids=["text-as-jpeg", "gif-as-pdf", "png-bomb", "thousand-pages"],
)
def test_the_form_refuses_hostile_files_and_keeps_the_text(
    client, topics, name, data, content_type, message
):
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    response = client.post(
        FORM_URL,
        {**valid_data(title="Säilyvä otsikko"), "files": [upload], "rights_confirmed": "on"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{name}: " in html
    assert message in html
    assert "Säilyvä otsikko" in html
    assert Feedback.objects.count() == 0
    assert StagedUpload.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("photo.jpg", b"text, not a photo\n" * 10, "not what its name"),
        ("document.pdf", gif(), "not what its name"),
        ("huge.png", png_declaring(50_000, 50_000), "too large"),
        ("long.pdf", pdf_with_pages(1000), "too many pages"),
    ],
    ids=["text-as-jpeg", "gif-as-pdf", "png-bomb", "thousand-pages"],
)
def test_open311_refuses_hostile_media_with_400(client, city, topics, name, data, fragment):
    _key, raw = create_api_key(name="Sovellus", organization=city["root"])
    response = client.post(
        OPEN311,
        {
            "api_key": raw,
            "service_code": "maintenance",
            "description": "Kuoppa kadulla.",
            "locale": "en",
            "media": SimpleUploadedFile(name, data, content_type="application/octet-stream"),
        },
    )
    assert response.status_code == 400
    [error] = response.json()
    assert error["code"] == 400
    assert fragment in error["description"]
    assert Feedback.objects.count() == 0
    assert StagedUpload.objects.count() == 0


# Sizes of requests and texts


def test_a_request_larger_than_the_limit_gets_a_413_page_in_the_users_language(
    client, topics, settings
):
    settings.PALAUTE_MAX_REQUEST_BYTES = 200_000
    big = SimpleUploadedFile("iso.png", b"\0" * 300_000, content_type="image/png")
    response = client.post(
        "/sv/feedback/new/", {**valid_data(), "files": [big], "rights_confirmed": "on"}
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "Försändelsen är för stor" in html
    assert "Gå tillbaka" in html
    assert StagedUpload.objects.count() == 0


def test_a_body_larger_than_the_limit_gets_open311s_error_shape(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(
        OPEN311, {"description": "x" * 5000}, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    [error] = response.json()
    assert error["code"] == 413
    assert "too large" in error["description"]


def test_a_large_json_body_to_the_kiosk_is_refused_before_reading(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(
        "/kiosk/whatever/answers/", '{"x": "' + "a" * 5000 + '"}', content_type="application/json"
    )
    assert response.status_code == 413


def test_the_default_limits_are_set():
    from django.conf import settings

    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 1_048_576
    assert settings.PALAUTE_MAX_REQUEST_BYTES >= 5 * 10 * 1024 * 1024


def test_open311_description_over_the_limit_is_a_400(client, city, topics):
    _key, raw = create_api_key(name="Sovellus", organization=city["root"])
    response = client.post(
        OPEN311, {"api_key": raw, "service_code": "maintenance", "description": "x" * 4001}
    )
    assert response.status_code == 400
    assert "4000" in response.json()[0]["description"]


def test_every_intake_channel_has_the_same_text_limits(topics):
    from django.core.exceptions import ValidationError

    from palaute.feedback.services import submit_feedback

    with pytest.raises(ValidationError) as error:
        submit_feedback(topic=topics["maintenance"], title="x" * 201, text="y" * 4001)
    assert set(error.value.message_dict) == {"title", "text"}
    assert Feedback.objects.count() == 0
