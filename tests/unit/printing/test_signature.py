"""printing.signature.draw_signature: vector ink on a ReportLab canvas, inside its box."""

from __future__ import annotations

import io
import math

import pypdfium2 as pdfium
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from ink.signature import SignatureData
from printing.signature import draw_signature

PAGE_W, PAGE_H = 400.0, 300.0


def wave_signature(pressure: bool = True) -> SignatureData:
    """A wide, shallow wave plus a short second stroke: ink aspect ≈ 1600 × 400."""
    first = []
    for i in range(120):
        x = 600 + i * (1600 / 119)
        y = 1200 + 200 * math.sin(i / 8)
        p = 0.3 + 0.6 * abs(math.sin(i / 15)) if pressure else 1.0
        first.append((i * 6.0, x, y, p))
    second = [(800.0 + i * 6, 900 + i * 20.0, 1000 + i * 5.0, 0.7 if pressure else 1.0)
              for i in range(20)]
    return SignatureData([first, second], (500, 400, 2650, 2100), device="test")


def pdf_with(sig: SignatureData, box: tuple[float, float, float, float]) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    draw_signature(c, sig, *box)
    c.showPage()
    c.save()
    return buf.getvalue()


def ink_bbox_pt(pdf: bytes, scale: float = 2.0) -> tuple[float, float, float, float] | None:
    """The bounding box of non-white pixels, in PDF points (origin bottom-left)."""
    doc = pdfium.PdfDocument(pdf)
    img: Image.Image = doc[0].render(scale=scale).to_pil().convert("L")
    mask = img.point(lambda v: 255 if v < 200 else 0)
    bb = mask.getbbox()
    if bb is None:
        return None
    left, top, right, bottom = bb
    return (left / scale, PAGE_H - bottom / scale, right / scale, PAGE_H - top / scale)


def test_ink_lands_inside_the_box_and_keeps_its_aspect_ratio() -> None:
    sig = wave_signature()
    box = (50.0, 100.0, 200.0, 120.0)
    bb = ink_bbox_pt(pdf_with(sig, box))
    assert bb is not None, "nothing was drawn"
    x0, y0, x1, y1 = bb
    bx, by, bw, bh = box
    tol = 1.0  # one raster pixel either way
    assert bx - tol <= x0 and x1 <= bx + bw + tol
    assert by - tol <= y0 and y1 <= by + bh + tol
    # wide ink in a less wide box: it fills the width, and its height follows the aspect ratio
    assert x1 - x0 > 0.9 * bw
    sb = sig.bounds()
    assert sb is not None
    ink_aspect = (sb[2] - sb[0]) / (sb[3] - sb[1])
    drawn_aspect = (x1 - x0) / (y1 - y0)
    assert abs(drawn_aspect - ink_aspect) / ink_aspect < 0.15
    # and it is centred vertically
    assert abs(((y0 + y1) / 2) - (by + bh / 2)) < 3


def test_signature_is_drawn_as_vector_paths_not_an_image() -> None:
    pdf = pdf_with(wave_signature(), (50, 100, 200, 120))
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    content = page.get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]
    ops = content.split()
    assert ops.count("l") > 50  # many lineto operators...
    assert ops.count("S") >= 2  # ...stroked as paths, at least one per stroke
    assert not page.images


def test_pressure_changes_the_line_width_and_no_pressure_keeps_it_constant() -> None:
    def widths(pdf: bytes) -> set[str]:
        content = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]
        return {line.split()[0] for line in content.splitlines() if line.endswith(" w")}

    assert len(widths(pdf_with(wave_signature(pressure=True), (50, 100, 200, 120)))) >= 3
    assert len(widths(pdf_with(wave_signature(pressure=False), (50, 100, 200, 120)))) == 1


def test_an_empty_signature_draws_nothing() -> None:
    sig = SignatureData([], (0, 0, 100, 100))
    assert ink_bbox_pt(pdf_with(sig, (50, 100, 200, 120))) is None


def test_a_single_dot_is_drawn_small_not_blown_up() -> None:
    sig = SignatureData([[(0.0, 1000.0, 1000.0, 1.0)]], (500, 400, 2650, 2100))
    bb = ink_bbox_pt(pdf_with(sig, (50, 100, 200, 120)))
    assert bb is not None
    assert bb[2] - bb[0] < 5 and bb[3] - bb[1] < 5
