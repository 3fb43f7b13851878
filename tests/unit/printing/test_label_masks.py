"""Labels choose their QR mask pattern once per content shape (issue 15): every code must
still scan — at its printed size, and as a 200 dpi label printer would print it."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
import qrcode
import qrcode.constants
from PIL import Image

from printing.labels import AssetLabel, get_template, label_payload, render_labels
from printing.qr import MaskChoice, module_rects, qr_matrix
from tests.unit.printing.pdfs import decode_qr

SCHOOL = "Example Academy"


def _payloads() -> list[str]:
    """What schools put on labels: the bench's 1,000 tags, tags of other lengths and
    cases, and the same behind a scanner prefix (each a shape of its own)."""
    tags = [f"LT-{i:06d}" for i in range(1, 1001)]
    tags += [f"ph-{i:04d}" for i in range(1, 121)] + [f"TB{i}" for i in range(1, 121)]
    return tags + [label_payload(t, "LK:") for t in tags[::7]]


def _pages(pdf: bytes, dpi: int, *, printed: bool) -> list[Image.Image]:
    """Each page as a greyscale image; ``printed``: no anti-aliasing and every pixel black
    or white, as the dots of a printer of that resolution are."""
    doc = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for i in range(len(doc)):
            bitmap = doc[i].render(scale=dpi / 72, no_smoothpath=printed, no_smoothtext=printed)
            image = bitmap.to_pil().convert("L")
            if printed:
                image = image.point(lambda v: 255 if v >= 128 else 0)
            pages.append(image)
        return pages
    finally:
        doc.close()


def _decoded(pdf: bytes, dpi: int, *, printed: bool) -> list[str]:
    found: list[str] = []
    for image in _pages(pdf, dpi, printed=printed):
        found += sorted(r.text for r in decode_qr(image))
    return found


@pytest.mark.slow
@pytest.mark.parametrize(("dpi", "printed"), [(300, False), (200, True)],
                         ids=["printed size, 300 dpi", "200 dpi label printer"])
def test_every_label_scans_with_its_shared_mask(dpi: int, printed: bool) -> None:
    payloads = _payloads()
    pdf = render_labels([AssetLabel(p, p, "laptop", SCHOOL) for p in payloads], "avery-l7651")
    assert sorted(_decoded(pdf, dpi, printed=printed)) == sorted(payloads)


@pytest.mark.slow
def test_a_roll_label_scans_at_203_dpi() -> None:
    """A thermal roll printer (203 dpi) prints one label per page; its own shapes."""
    payloads = [f"LT-{i:06d}" for i in range(1, 41)] + ["LK:LT-000001", "x"]
    pdf = render_labels([AssetLabel(p, p, "laptop", SCHOOL) for p in payloads], "roll-62x29")
    assert sorted(_decoded(pdf, 203, printed=True)) == sorted(payloads)


def test_codes_of_one_shape_share_the_mask_the_first_one_got() -> None:
    choice = MaskChoice()
    first = choice.matrix("LT-000001")
    # the first code of a shape is qrcode's own choice, all eight masks scored
    assert first == qr_matrix("LT-000001")
    choice.matrix("LT-000002")
    choice.matrix("LK:LT-000002")  # another length: another shape
    assert len(choice.masks) == 2
    (mask,) = {m for shape, (_v, m) in choice.masks.items() if shape[0][1] == len("LT-000001")}
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0,
                       mask_pattern=mask)
    qr.add_data("LT-000777")
    qr.make(fit=True)
    assert choice.matrix("LT-000777") == qr.get_matrix()


def test_module_rects_cover_exactly_the_dark_modules() -> None:
    matrix = qr_matrix("LT-000042")
    painted = [[False] * len(matrix) for _ in matrix]
    for op in module_rects(matrix).splitlines():
        x, y, w, h, name = op.split()
        assert (name, h) == ("re", "1")
        for c in range(int(x), int(x) + int(w)):
            assert not painted[int(y)][c]
            painted[int(y)][c] = True
    assert painted == matrix


def test_a_label_run_is_the_same_pdf_every_time() -> None:
    labels = [AssetLabel(t, t, "laptop", SCHOOL) for t in ("LT-000009", "LT-000001", "PH-01")]
    assert render_labels(labels, get_template("avery-l7651")) == \
        render_labels(labels, "avery-l7651")
