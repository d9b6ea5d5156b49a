"""Uploaded files: the type is read from the content, images lose all metadata."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 50_000_000
MAX_IMAGE_SIDE = 4096
IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", ".jpg"),
    "PNG": ("image/png", ".png"),
    "WEBP": ("image/webp", ".webp"),
    "GIF": ("image/gif", ".gif"),
}
PDF = ("application/pdf", ".pdf")


class UploadRejected(ValueError):
    """The file cannot be accepted; the message is for the sender, in their language."""


@dataclass(frozen=True, slots=True)
class CleanFile:
    content: bytes
    content_type: str
    extension: str

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def _clean_image(data: bytes) -> CleanFile | None:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            width, height = probe.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None
    if image_format not in IMAGE_FORMATS:
        return None
    if width * height > MAX_IMAGE_PIXELS:
        raise UploadRejected(_("The image is too large: at most 50 megapixels."))
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            icc_profile = image.info.get("icc_profile")
            cleaned = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError) as exc:
        raise UploadRejected(_("The image file is damaged and cannot be opened.")) from exc
    cleaned.info = {}
    if max(cleaned.size) > MAX_IMAGE_SIDE:
        cleaned.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
    content_type, extension = IMAGE_FORMATS[image_format]
    options: dict = {"icc_profile": icc_profile} if icc_profile else {}
    if image_format == "JPEG":
        if cleaned.mode not in ("RGB", "L", "CMYK"):
            cleaned = cleaned.convert("RGB")
        options.update(quality=90, optimize=True)
    out = io.BytesIO()
    cleaned.save(out, format=image_format, **options)
    return CleanFile(out.getvalue(), content_type, extension)


def _clean_pdf(data: bytes) -> CleanFile | None:
    if data.lstrip()[:5] != b"%PDF-":
        return None
    try:
        reader = PdfReader(io.BytesIO(data))
        if not reader.is_encrypted:
            _pages = len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UploadRejected(_("The PDF file is damaged and cannot be opened.")) from exc
    return CleanFile(data, *PDF)


def sanitize_upload(data: bytes) -> CleanFile:
    """Accept images (JPEG, PNG, WebP, GIF) and PDF of at most 10 MB, whatever their name."""
    if not data:
        raise UploadRejected(_("The file is empty."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRejected(_("The file is too large: at most 10 MB."))
    cleaned = _clean_image(data) or _clean_pdf(data)
    if cleaned is None:
        raise UploadRejected(
            _("This type of file is not accepted. Attach images (JPEG, PNG, WebP, GIF) or PDF.")
        )
    return cleaned
