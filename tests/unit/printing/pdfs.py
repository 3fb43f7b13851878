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


# -- comparing a printed PDF with the app's own ------------------------------------------------

#: A printed page matches the app's own rendering of it when, both rendered by PDFium at the
#: same dpi and laid top-left on top of each other: the mean difference over every pixel and
#: channel is at most MAX_MEAN_DIFF (of 255), and at most MAX_FAR_FRACTION of the pixels
#: differ by more than FAR (of 255) in some channel. Measured on this machine's cups-pdf:
#: a receipt printed through Qt gives 1.7 and 0.9 %, the same one printed as a vector PDF
#: through lp gives 1.9 and 1.0 % (cups-pdf rounds the page to whole points, so glyph edges
#: land a fraction of a pixel apart); a page shifted by 1 mm gives over 6, a missing table
#: row some 2-4 % far pixels.
MAX_MEAN_DIFF = 3.0
FAR = 64
MAX_FAR_FRACTION = 0.02
#: page sizes agree within this many points (cups-pdf rounds 595.28 x 841.89 to 595 x 842)
SIZE_SLACK_PT = 1.0


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [tuple(float(v) for v in doc[i].get_size()) for i in range(len(doc))]  # type: ignore[misc]
    finally:
        doc.close()


def page_difference(expected: Image.Image, printed: Image.Image) -> tuple[float, float]:
    """(mean difference, fraction of pixels differing by more than FAR) over the common area."""
    from PIL import ImageChops

    width, height = min(expected.width, printed.width), min(expected.height, printed.height)
    box = (0, 0, width, height)
    diff = ImageChops.difference(expected.convert("RGB").crop(box), printed.convert("RGB").crop(box))
    channels = diff.split()
    hist = [sum(h) for h in zip(*(c.histogram() for c in channels), strict=True)]
    total = sum(hist)
    mean = sum(level * count for level, count in enumerate(hist)) / total
    worst = channels[0]
    for channel in channels[1:]:
        worst = ImageChops.lighter(worst, channel)
    far = sum(worst.histogram()[FAR + 1:]) / (width * height)
    return mean, far


def assert_printed_matches(expected_pdf: bytes, printed_pdf: bytes, dpi: int = 300,
                           *, copies: int = 1) -> None:
    """The printed PDF is ``copies`` runs of the expected one: page count, page sizes and
    pixels (within the tolerances above)."""
    expected, printed = render_all(expected_pdf, dpi), render_all(printed_pdf, dpi)
    assert len(printed) == copies * len(expected), (len(printed), len(expected), copies)
    want_sizes = page_sizes(expected_pdf) * copies
    for i, ((w0, h0), (w1, h1)) in enumerate(zip(want_sizes, page_sizes(printed_pdf), strict=True)):
        assert abs(w0 - w1) <= SIZE_SLACK_PT and abs(h0 - h1) <= SIZE_SLACK_PT, \
            f"page {i + 1}: printed {w1:.1f} x {h1:.1f} pt, expected {w0:.1f} x {h0:.1f} pt"
    for i, image in enumerate(printed):
        mean, far = page_difference(expected[i % len(expected)], image)
        assert mean <= MAX_MEAN_DIFF and far <= MAX_FAR_FRACTION, \
            f"page {i + 1} differs from the app's rendering: mean {mean:.2f}, far {far:.2%}"


def qr_payloads(pdf: bytes, dpi: int = 300) -> list[list[str]]:
    """The text of every QR code on each page, top to bottom."""
    return [[r.text for r in decode_qr(page)] for page in render_all(pdf, dpi)]
