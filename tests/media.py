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


def png_declaring(width: int, height: int) -> bytes:
    """A small PNG whose header declares width x height pixels: the data is one row of a
    tiny image, so the file is a few hundred bytes and only decoding would be huge."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    pixels = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def gif(size=(16, 16)) -> bytes:
    out = io.BytesIO()
    Image.new("P", size, 3).save(out, format="GIF")
    return out.getvalue()


def pdf_with_pages(count: int) -> bytes:
    """A PDF of `count` blank pages, made with pypdf."""
    writer = PdfWriter()
    for _number in range(count):
        writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_inflating_stream(megabytes: int = 200) -> bytes:
    """A one-page PDF whose content stream is a few hundred kilobytes of Flate data that
    inflates to `megabytes` of spaces: a decompression bomb for any text reader."""
    import zlib

    from pypdf.generic import NameObject, StreamObject

    compressor = zlib.compressobj(9)
    block = b" " * (1024 * 1024)
    packed = b"".join(compressor.compress(block) for _ in range(megabytes)) + compressor.flush()
    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    stream = StreamObject()
    stream.set_data(packed)  # stored as is, marked as Flate below
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
