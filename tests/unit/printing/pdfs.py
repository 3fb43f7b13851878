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


# -- comparing a printed PDF with the app's own ----------------------------------------------

#: A printed page matches the app's own rendering of it when, both rendered by PDFium at the
#: same dpi and laid top-left on top of each other, every printed pixel is within NEAR (of
#: 255, in each channel) of the darkest-to-lightest range of the app's pixels within one
#: pixel of it — except at most a fraction of the pixels: STRAY for a page that travelled as
#: an image (the Qt path), STRAY_REDRAWN for a vector page that ghostscript drew again with
#: its own anti-aliasing (cups-pdf behind lp). Measured on this machine: a receipt, an L7651
#: sheet of 65 QR labels and a roll label printed through Qt have no such pixel at all; the
#: receipt through lp 0.09 %; a page shifted by 2 pixels (0.17 mm) 1.3-4.3 %, a blanked line
#: of text 0.02-0.09 %.
NEAR = 32
STRAY = 0.0001
STRAY_REDRAWN = 0.002
#: page sizes agree within this many points (cups-pdf rounds 595.28 x 841.89 to 595 x 842)
SIZE_SLACK_PT = 1.0


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [(float(doc[i].get_size()[0]), float(doc[i].get_size()[1])) for i in range(len(doc))]
    finally:
        doc.close()


def stray_fraction(expected: Image.Image, printed: Image.Image, near: int = NEAR) -> float:
    """The fraction of printed pixels outside the app's 3 x 3 neighbourhood range by more
    than ``near``, over the area both images cover."""
    from PIL import ImageChops, ImageFilter

    width, height = min(expected.width, printed.width), min(expected.height, printed.height)
    box = (0, 0, width, height)
    ref, got = expected.convert("RGB").crop(box), printed.convert("RGB").crop(box)
    low, high = ref.filter(ImageFilter.MinFilter(3)), ref.filter(ImageFilter.MaxFilter(3))
    outside = ImageChops.lighter(ImageChops.subtract(low, got), ImageChops.subtract(got, high))
    red, green, blue = outside.split()
    worst = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    return sum(worst.histogram()[near + 1:]) / (width * height)


def assert_printed_matches(expected_pdf: bytes, printed_pdf: bytes, dpi: int = 300,
                           *, copies: int = 1, redrawn: bool = False) -> None:
    """The printed PDF is ``copies`` runs of the expected one: page count, page sizes and
    pixels (within the tolerances above; ``redrawn``: a vector page ghostscript drew again)."""
    expected, printed = render_all(expected_pdf, dpi), render_all(printed_pdf, dpi)
    assert len(printed) == copies * len(expected), (len(printed), len(expected), copies)
    want_sizes = page_sizes(expected_pdf) * copies
    for i, ((w0, h0), (w1, h1)) in enumerate(zip(want_sizes, page_sizes(printed_pdf), strict=True)):
        assert abs(w0 - w1) <= SIZE_SLACK_PT and abs(h0 - h1) <= SIZE_SLACK_PT, \
            f"page {i + 1}: printed {w1:.1f} x {h1:.1f} pt, expected {w0:.1f} x {h0:.1f} pt"
    limit = STRAY_REDRAWN if redrawn else STRAY
    for i, image in enumerate(printed):
        stray = stray_fraction(expected[i % len(expected)], image)
        assert stray <= limit, \
            f"page {i + 1} differs from the app's rendering: {stray:.3%} of pixels (limit {limit:.3%})"


def qr_payloads(pdf: bytes, dpi: int = 300) -> list[list[str]]:
    """The text of every QR code on each page, in the order zxing finds them."""
    return [[r.text for r in decode_qr(page)] for page in render_all(pdf, dpi)]
