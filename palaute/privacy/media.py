"""Uploaded files: the type is read from the content, and all metadata is removed."""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext as _
from PIL import Image, ImageOps
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError, PyPdfError
from pypdf.generic import NameObject

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A photo of a modern phone is 12-50 megapixels only in its largest modes; more is refused
# before the pixels are decoded (a small file can declare a huge image).
MAX_IMAGE_PIXELS = 40_000_000
# Enough for any letter, statement or report; cloning a PDF costs time for every page.
MAX_PDF_PAGES = 200
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
# pypdf's own limits (declared and decompressed stream lengths, array sizes) raise
# PyPdfError subclasses; those and malformed files are all "damaged".
PDF_ERRORS = (
    PdfReadError,
    PyPdfError,
    ValueError,
    KeyError,
    TypeError,
    OSError,
    AttributeError,
    IndexError,
    ZeroDivisionError,
    RecursionError,
    MemoryError,
)
# What a file's name or its declared type says it is, by the content types we accept.
EXTENSION_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".jpe": "image/jpeg",
    ".jfif": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".pdf": "application/pdf",
}
DECLARED_TYPES = {*EXTENSION_TYPES.values(), "image/jpg", "image/pjpeg"}


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


def _too_many_pixels() -> UploadRejected:
    return UploadRejected(
        _("The image is too large: at most %(count)d megapixels.")
        % {"count": MAX_IMAGE_PIXELS // 1_000_000}
    )


def _clean_image(data: bytes) -> CleanFile | None:
    # Pillow's warning of a possible decompression bomb is an error here.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as probe:
                image_format = probe.format
                width, height = probe.size
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _too_many_pixels() from exc
        except Exception:  # Pillow's parsers fail in many ways on what is not an image
            return None
        if image_format not in IMAGE_FORMATS:
            return None
        if width * height > MAX_IMAGE_PIXELS:
            raise _too_many_pixels()
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                icc_profile = image.info.get("icc_profile")
                cleaned = ImageOps.exif_transpose(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _too_many_pixels() from exc
        except Exception as exc:  # any decoding failure of a malformed image
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
        # The declared count first, as reading the page tree costs time for every page.
        declared = int(reader.trailer["/Root"]["/Pages"].get("/Count", 0))
        pages = declared if declared > MAX_PDF_PAGES else len(reader.pages)
    except PDF_ERRORS as exc:
        raise damaged from exc
    if pages > MAX_PDF_PAGES:
        raise UploadRejected(
            _("The PDF file has too many pages: at most %(count)d.") % {"count": MAX_PDF_PAGES}
        )
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


def claimed_type(*, name: str = "", content_type: str = "") -> str | None:
    """The type a file's name claims, else the type it was sent as, among those we
    accept; None when neither says (no extension, application/octet-stream)."""
    extension = PurePath(name or "").suffix.lower()
    if extension in EXTENSION_TYPES:
        return EXTENSION_TYPES[extension]
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared in DECLARED_TYPES:
        return "image/jpeg" if declared in {"image/jpg", "image/pjpeg"} else declared
    return None


def sanitize_upload(data: bytes, *, name: str = "", content_type: str = "") -> CleanFile:
    """Accept images (JPEG, PNG, WebP, GIF) and PDF of at most 10 MB. The type is read
    from the content, and must be the one the name (or else the declared type) claims:
    a PDF named .jpg, or a GIF sent as a PDF, is refused."""
    if not data:
        raise UploadRejected(_("The file is empty."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRejected(_("The file is too large: at most 10 MB."))
    extension = PurePath(name or "").suffix.lower()
    if extension and extension not in EXTENSION_TYPES:
        raise _not_accepted()
    claimed = claimed_type(name=name, content_type=content_type)
    cleaned = _clean_image(data) or _clean_pdf(data)
    if cleaned is None:
        if claimed is not None:
            raise _mismatch()
        raise _not_accepted()
    if claimed is not None and claimed != cleaned.content_type:
        raise _mismatch()
    return cleaned


def _not_accepted() -> UploadRejected:
    return UploadRejected(
        _("This type of file is not accepted. Attach images (JPEG, PNG, WebP, GIF) or PDF.")
    )


def _mismatch() -> UploadRejected:
    return UploadRejected(
        _(
            "The content of the file is not what its name or type says. Attach the image "
            "or PDF file itself, with its own name."
        )
    )
