"""Reading our PDFs back the way a person (or a scanner) would: text, pixels, QR codes."""

from __future__ import annotations

import io
from typing import Any

import pypdf
import pypdfium2 as pdfium
import zxingcpp
from PIL import Image

#: the signature ink colour of printing.signature (DEFAULT_INK), in 0..255
INK_RGB = (15, 23, 64)


def page_texts(pdf: bytes) -> list[str]:
    """Text of each page, as pypdf extracts it."""
    return [p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def pdfium_texts(pdf: bytes) -> list[str]:
    """Text of each page, as PDFium (a second, independent extractor) sees it."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def page_count(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def render(pdf: bytes, page: int = 0, dpi: int = 300) -> Image.Image:
    doc = pdfium.PdfDocument(pdf)
    try:
        image: Image.Image = doc[page].render(scale=dpi / 72).to_pil().convert("RGB")
        return image
    finally:
        doc.close()


def render_all(pdf: bytes, dpi: int = 300) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(doc))]
    finally:
        doc.close()


def decode_qr(image: Image.Image) -> list[Any]:
    """Every QR code zxing-cpp finds in ``image``."""
    return [r for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def ink_pixels(image: Image.Image, rgb: tuple[int, int, int] = INK_RGB, tol: int = 40) -> int:
    """Pixels of (about) the signature ink colour."""
    r0, g0, b0 = rgb
    return sum(1 for r, g, b in pixels(image)
               if abs(r - r0) <= tol and abs(g - g0) <= tol and abs(b - b0) <= tol and b > r + 20)


def pixels(image: Image.Image) -> list[tuple[int, int, int]]:
    data = image.convert("RGB").tobytes()
    return [(data[i], data[i + 1], data[i + 2]) for i in range(0, len(data), 3)]


def fonts_used(pdf: bytes) -> set[str]:
    """Base names of the fonts that text is set in (subset prefixes removed)."""
    import re

    used: set[str] = set()
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        content = page.get_contents()
        data = content.get_data().decode("latin-1") if content is not None else ""
        for name in set(re.findall(r"/(\S+) [\d.]+ Tf", data)):
            base = str(fonts["/" + name].get_object()["/BaseFont"])
            used.add(base.lstrip("/").split("+")[-1])
    return used
