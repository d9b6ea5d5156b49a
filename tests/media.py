"""Real files for upload tests, made with Pillow and pypdf."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfWriter


def jpeg_with_gps(size=(64, 48), orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0131] = "Camera app 1.0"  # Software
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (62.0, 53.0, 32.0)
    gps[3] = "E"
    gps[4] = (27.0, 40.0, 37.0)
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def png(size=(32, 32)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 90, 200, 255)).save(out, format="PNG")
    return out.getvalue()


def pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_metadata() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "Maija Meikäläinen", "/Creator": "Kotikone"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("salasana")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def mpo_photo() -> bytes:
    frames = [Image.new("RGB", (40, 30), colour) for colour in ("red", "blue")]
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    frames[0].save(out, format="MPO", save_all=True, append_images=frames[1:], exif=exif.tobytes())
    return out.getvalue()


def pdf_with_text(*pages: str) -> bytes:
    """A PDF with a real text layer, one page per text, made with WeasyPrint."""
    from django.utils.html import escape
    from weasyprint import HTML

    body = "".join(f'<p style="page-break-after: always">{escape(text)}</p>' for text in pages)
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()
