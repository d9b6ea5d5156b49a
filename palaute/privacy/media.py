"""Uploaded files: the type is read from the content, and all metadata is removed."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import NameObject

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 50_000_000
MAX_IMAGE_SIDE = 4096
IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", ".jpg"),
    # Multi-picture JPEG, as many phones save photos: kept as a plain JPEG of its first frame.
    "MPO": ("image/jpeg", ".jpg"),
    "PNG": ("image/png", ".png"),
    "WEBP": ("image/webp", ".webp"),
    "GIF": ("image/gif", ".gif"),
}
PDF = ("application/pdf", ".pdf")
PDF_ERRORS = (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError)


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
    if image_format == "MPO":
        image_format = "JPEG"
    if image_format == "JPEG":
        if cleaned.mode not in ("RGB", "L", "CMYK"):
            cleaned = cleaned.convert("RGB")
        options.update(quality=90, optimize=True)
    out = io.BytesIO()
    cleaned.save(out, format=image_format, **options)
    return CleanFile(out.getvalue(), content_type, extension)


def _clean_pdf(data: bytes) -> CleanFile | None:
    """A readable, unencrypted PDF, rewritten without its document information and XMP
    metadata (author, creator tool and the like)."""
    if data.lstrip()[:5] != b"%PDF-":
        return None
    damaged = UploadRejected(_("The PDF file is damaged and cannot be opened."))
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except PDF_ERRORS as exc:
        raise damaged from exc
    if encrypted:
        raise UploadRejected(_("Encrypted or password-protected PDF files cannot be attached."))
    try:
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        writer.root_object.pop(NameObject("/Metadata"), None)
        for page in writer.pages:
            page.pop(NameObject("/Metadata"), None)
        out = io.BytesIO()
        writer.write(out)
    except PDF_ERRORS as exc:
        raise damaged from exc
    return CleanFile(out.getvalue(), *PDF)


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
