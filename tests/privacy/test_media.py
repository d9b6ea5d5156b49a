import io

import pytest
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from palaute.privacy.media import MAX_UPLOAD_BYTES, UploadRejected, sanitize_upload
from tests.media import encrypted_pdf, jpeg_with_gps, mpo_photo, pdf, pdf_with_metadata, png


def test_exif_and_gps_are_stripped_from_jpeg():
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    cleaned = sanitize_upload(original)
    assert cleaned.content_type == "image/jpeg"
    image = Image.open(io.BytesIO(cleaned.content))
    assert dict(image.getexif()) == {}
    assert b"PhoneMaker" not in cleaned.content
    assert "exif" not in image.info


def test_exif_orientation_is_applied_before_stripping():
    cleaned = sanitize_upload(jpeg_with_gps(size=(64, 48), orientation=6))
    assert Image.open(io.BytesIO(cleaned.content)).size == (48, 64)


def test_type_comes_from_the_content_not_the_name():
    assert sanitize_upload(png()).content_type == "image/png"
    assert sanitize_upload(pdf()).content_type == "application/pdf"


@pytest.mark.parametrize(
    "data",
    [
        b"<html><script>alert(1)</script></html>",
        b"MZ\x90\x00 executable",
        b"%PDF-1.7 but then nothing that a reader accepts",
        b"\xff\xd8\xff\xe0 truncated jpeg",
    ],
)
def test_other_or_broken_content_is_rejected(data):
    with pytest.raises(UploadRejected):
        sanitize_upload(data)


def test_empty_and_oversized_files_are_rejected_with_a_message_in_the_users_language():
    with pytest.raises(UploadRejected, match="tyhjä"):
        sanitize_upload(b"")
    with translation.override("sv"), pytest.raises(UploadRejected, match="10 MB"):
        sanitize_upload(b"%PDF-" + b"0" * MAX_UPLOAD_BYTES)
    with translation.override("en"), pytest.raises(UploadRejected, match="empty"):
        sanitize_upload(b"")


def test_huge_images_are_scaled_down():
    out = io.BytesIO()
    Image.new("RGB", (5000, 1000), "white").save(out, format="PNG")
    cleaned = Image.open(io.BytesIO(sanitize_upload(out.getvalue()).content))
    assert max(cleaned.size) == 4096


def test_pdf_metadata_is_removed():
    original = pdf_with_metadata()
    assert PdfReader(io.BytesIO(original)).metadata["/Author"] == "Maija Meikäläinen"
    cleaned = sanitize_upload(original)
    reader = PdfReader(io.BytesIO(cleaned.content))
    assert not reader.metadata
    assert "/Metadata" not in reader.trailer["/Root"]
    assert len(reader.pages) == 1


def test_encrypted_pdf_is_refused_with_a_reason():
    with pytest.raises(UploadRejected, match="Salattuja"):
        sanitize_upload(encrypted_pdf())


def test_multi_picture_phone_jpeg_is_accepted_as_a_plain_jpeg():
    original = mpo_photo()
    assert Image.open(io.BytesIO(original)).format == "MPO"
    cleaned = sanitize_upload(original)
    image = Image.open(io.BytesIO(cleaned.content))
    assert (cleaned.content_type, image.format) == ("image/jpeg", "JPEG")
    assert getattr(image, "n_frames", 1) == 1
    assert b"PhoneMaker" not in cleaned.content
