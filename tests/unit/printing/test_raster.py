"""PDF pages as pixels (printing/raster.py): what the Qt printer paints."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from app.fingerprint import seal
from printing.labels import AssetLabel, render_labels
from printing.raster import RasterDocument, UnreadablePdf
from printing.render import render_receipt
from tests.unit.printing import samples
from tests.unit.printing.pdfs import decode_qr, render


def as_image(doc: RasterDocument, index: int, dpi: int) -> Image.Image:
    page = doc.render(index, dpi)
    try:
        return Image.frombuffer("RGB", (page.width, page.height), bytes(page.data), "raw", "RGB",
                                page.stride, 1).copy()
    finally:
        page.close()


def test_pages_render_at_the_asked_resolution_in_rgb_as_pdfium_draws_them() -> None:
    pdf = render_receipt(seal(samples.leaver_content()), samples.signature())
    with RasterDocument(pdf) as doc:
        assert len(doc) == 1
        width, height = doc.page_size(0)
        assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)  # A4, mm
        image = as_image(doc, 0, 300)
    assert image.size == (2481, 3508)  # A4 at 300 dpi
    assert image.tobytes() == render(pdf, dpi=300).tobytes()  # red stays red: RGB, not BGR
    assert [r.text for r in decode_qr(image)][0].startswith("LKR:R-2026-0042:")


def test_a_letter_document_and_a_roll_label_keep_their_sizes() -> None:
    with RasterDocument(render_receipt(seal(samples.leaver_content()), size="Letter")) as doc:
        assert doc.page_size(0) == pytest.approx((612, 792))
    roll = render_labels([AssetLabel("LT-0001", "LT-0001", "laptop", "Example Academy")],
                         "roll-62x29")
    with RasterDocument(roll) as doc:
        width, height = doc.page_size(0)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (62, 29)  # landscape


def test_a_file_in_a_welsh_and_polish_named_folder_opens(tmp_path: Path) -> None:
    folder = tmp_path / "Dafydd ap Gruffydd" / "Łucja Wójcik"
    folder.mkdir(parents=True)
    path = folder / "R-2026-0042 (copy).pdf"
    path.write_bytes(render_receipt(seal(samples.leaver_content())))
    with RasterDocument.open(path) as doc:
        assert len(doc) == 1


@pytest.mark.parametrize("data", [b"", b"%PDF-1.4 not really", b"PK\x03\x04 a zip file"])
def test_something_that_is_not_a_pdf_is_refused_in_words(data: bytes) -> None:
    with pytest.raises(UnreadablePdf, match="not a readable PDF"):
        RasterDocument(data)
