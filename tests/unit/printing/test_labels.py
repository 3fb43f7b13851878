"""QR label sheets, checked the way the desk would: print (render at 300 dpi), scan
every code with a real decoder, and look for anything printed off its label."""

from __future__ import annotations

import io
import math

import pypdf
import pytest
from PIL import Image, ImageOps

from printing.label_stock import TEMPLATES, LabelTemplate, get_template
from printing.labels import (
    MIN_MODULE_MM,
    AssetLabel,
    LabelTooSmall,
    label_payload,
    render_labels,
)
from printing.qr import QUIET_ZONE, qr_matrix
from tests.unit.printing.pdfs import decode_qr, page_texts, render_all

DPI = 300
PX_PER_MM = DPI / 25.4
SCHOOL = "St Aidan's Church of England Academy"
KINDS = ("laptop", "phone", "tablet", "other")


def assets(n: int = 200) -> list[AssetLabel]:
    tags = [f"LT-{i:04d}" if i % 3 else f"ph-{i:05d}-b" for i in range(1, n + 1)]
    return [AssetLabel(label_payload(t, "LK:" if i % 2 else ""), t, KINDS[i % 4], SCHOOL)
            for i, t in enumerate(tags)]


def label_px(t: LabelTemplate, position: int, inset_mm: float = 0.0) -> tuple[int, ...]:
    """The label's box on a 300 dpi page image (left, top, right, bottom)."""
    x, y, w, h = t.label_box(position)  # points, from the bottom left
    page_h = t.page_height * 72 / 25.4
    k = DPI / 72
    inset = inset_mm * PX_PER_MM
    return (round(x * k + inset), round((page_h - y - h) * k + inset),
            round((x + w) * k - inset), round((page_h - y) * k - inset))


def blank_outside(image: Image.Image, boxes: list[tuple[int, ...]]) -> bool:
    """True when nothing is printed outside ``boxes``."""
    grey = image.convert("L").point(lambda v: 255 if v > 245 else 0)
    for box in boxes:
        grey.paste(255, box)
    return ImageOps.invert(grey).getbbox() is None


@pytest.mark.slow
@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_every_code_scans_to_its_asset_and_stays_on_its_label(key: str) -> None:
    t = get_template(key)
    labels = assets(200)
    pdf = render_labels(labels, t)
    pages = render_all(pdf, DPI)
    assert len(pages) == math.ceil(200 / t.per_sheet)
    seen = []
    for page_no, image in enumerate(pages):
        on_page = labels[page_no * t.per_sheet:(page_no + 1) * t.per_sheet]
        # everything printed lies inside the labels' padded areas (1 px for anti-aliasing)
        inner = [label_px(t, p, t.padding) for p in range(len(on_page))]
        inner = [(a - 1, b - 1, c + 1, d + 1) for a, b, c, d in inner]
        assert blank_outside(image, inner), f"{key} page {page_no + 1}: ink off a label"
        for position, label in enumerate(on_page):
            crop = image.crop(label_px(t, position))
            found = decode_qr(crop)
            assert [r.text for r in found] == [label.payload], (key, label.tag)
            module_mm = _module_mm(found[0], label.payload)
            assert module_mm >= MIN_MODULE_MM * 0.97, (key, label.tag, module_mm)
            assert _quiet_zone_blank(crop, found[0], module_mm), (key, label.tag)
            seen.append(found[0].text)
    assert seen == [label.payload for label in labels]
    text = " ".join(page_texts(pdf))
    for label in labels:
        assert label.tag in text


def _module_mm(result: object, payload: str) -> float:
    pos = result.position  # type: ignore[attr-defined]
    width_px = math.dist((pos.top_left.x, pos.top_left.y), (pos.top_right.x, pos.top_right.y))
    return width_px / PX_PER_MM / len(qr_matrix(payload))


def _quiet_zone_blank(crop: Image.Image, result: object, module_mm: float) -> bool:
    pos = result.position  # type: ignore[attr-defined]
    xs = [p.x for p in (pos.top_left, pos.top_right, pos.bottom_left, pos.bottom_right)]
    ys = [p.y for p in (pos.top_left, pos.top_right, pos.bottom_left, pos.bottom_right)]
    module_px = module_mm * PX_PER_MM
    margin = 2 * module_px  # zxing's corners sit within a module of the symbol's edge
    zone = QUIET_ZONE * module_px
    outer = (round(min(xs) - zone + margin * 0.5), round(min(ys) - zone + margin * 0.5),
             round(max(xs) + zone - margin * 0.5), round(max(ys) + zone - margin * 0.5))
    symbol = (round(min(xs) - margin), round(min(ys) - margin),
              round(max(xs) + margin), round(max(ys) + margin))
    ring = crop.crop(outer).convert("L").point(lambda v: 255 if v > 245 else 0)
    ring.paste(255, (symbol[0] - outer[0], symbol[1] - outer[1],
                     symbol[2] - outer[0], symbol[3] - outer[1]))
    return ImageOps.invert(ring).getbbox() is None


def test_start_position_skips_used_labels_on_the_first_sheet() -> None:
    t = get_template("avery-l7163")
    labels = assets(20)
    pdf = render_labels(labels, t, start=5)
    pages = render_all(pdf, 150)
    assert len(pages) == 2  # 10 on the first sheet (positions 5-14), 10 on the second
    scale = 150 / DPI
    first = pages[0]
    for position in range(4):
        box = tuple(round(v * scale) for v in label_px(t, position))
        assert ImageOps.invert(first.crop(box).convert("L")).getbbox() is None
    box = tuple(round(v * scale) for v in label_px(t, 4))
    assert [r.text for r in decode_qr(first.crop(box))] == [labels[0].payload]
    second_first = tuple(round(v * scale) for v in label_px(t, 0))
    assert [r.text for r in decode_qr(pages[1].crop(second_first))] == [labels[10].payload]


def test_start_position_must_be_on_the_sheet() -> None:
    with pytest.raises(ValueError, match="between 1 and 65"):
        render_labels(assets(1), "avery-l7651", start=66)
    with pytest.raises(ValueError, match="between 1 and 14"):
        render_labels(assets(1), "avery-l7163", start=0)


def test_templates_match_the_stock_they_name() -> None:
    l7163, l7651, roll = (get_template(k) for k in ("avery-l7163", "avery-l7651", "roll-62x29"))
    assert (l7163.per_sheet, l7163.label_width, l7163.label_height) == (14, 99.1, 38.1)
    assert (l7651.per_sheet, l7651.label_width, l7651.label_height) == (65, 38.1, 21.2)
    assert (roll.per_sheet, roll.page_width, roll.page_height) == (1, 62, 29)
    for t in (l7163, l7651):
        # the labels fit on A4 and do not overlap
        right = t.left + (t.columns - 1) * t.pitch_x + t.label_width
        bottom = t.top + (t.rows - 1) * t.pitch_y + t.label_height
        assert right <= t.page_width and bottom <= t.page_height
        assert t.pitch_x >= t.label_width and t.pitch_y >= t.label_height
    pdf = render_labels(assets(1), "roll-62x29")
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (62, 29)


def test_a_tag_too_long_to_scan_on_small_labels_is_refused() -> None:
    long = AssetLabel("X" * 120, "X" * 120, "laptop", SCHOOL)
    with pytest.raises(LabelTooSmall, match="larger label or a shorter tag"):
        render_labels([long], "avery-l7651")


def test_unknown_template_and_empty_list_are_refused() -> None:
    with pytest.raises(ValueError, match="avery-l7163"):
        get_template("avery-l9999")
    with pytest.raises(ValueError, match="no labels"):
        render_labels([], "avery-l7163")


def test_label_payload_uses_the_scanner_prefix_when_asked() -> None:
    assert label_payload("LT-0001") == "LT-0001"
    assert label_payload("LT-0001", "LK:") == "LK:LT-0001"


def test_naming_the_label_stocks_does_not_load_reportlab() -> None:
    """Every ``loan-kiosk`` command builds its parser, which names the stocks
    (``--template``): that must not import ReportLab (a third of a short command's start)."""
    import subprocess
    import sys

    code = ("import sys; import app.cli.documents as d, argparse; "
            "p = argparse.ArgumentParser(); d.register(p.add_subparsers()); "
            "print(sorted(m for m in sys.modules if m.startswith('reportlab')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
