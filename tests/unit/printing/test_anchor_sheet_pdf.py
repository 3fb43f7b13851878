"""The audit anchor's page: one page, the token large and whole, where to keep it."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from printing.anchor_sheet import AnchorSheet, render_anchor_sheet
from tests.unit.printing.pdfs import page_count, page_texts, pdfium_texts

TOKEN = "4127-KQ3M-7ZTA-YV2P-D4FN"
SHEET = AnchorSheet(school="Ysgol Gyfun Llanfair", token=TOKEN, events=4127,
                    taken_at=dt.datetime(2026, 12, 6, 16, 5, tzinfo=dt.UTC), technician="jo")


def test_the_page_holds_the_token_the_count_and_where_to_keep_it() -> None:
    pdf = render_anchor_sheet(SHEET)
    assert page_count(pdf) == 1
    for text in (page_texts(pdf)[0], pdfium_texts(pdf)[0]):
        flat = " ".join(text.split())
        assert "Audit anchor" in flat and "Ysgol Gyfun Llanfair" in flat
        assert TOKEN in flat and "4127 events" in flat and "6 December 2026, 16:05 UTC" in flat
        assert "Data Protection Officer" in flat and "off the desk PC" in flat
        assert f"loan-kiosk audit verify --anchor {TOKEN}" in flat
        assert "Printed by jo" in flat


def test_a_long_school_name_and_letter_paper_still_fit_one_page() -> None:
    sheet = AnchorSheet(school="The " + "Very Long Name " * 40 + "Academy", token=TOKEN,
                        events=1, taken_at=SHEET.taken_at)
    pdf = render_anchor_sheet(sheet, size="Letter")
    assert page_count(pdf) == 1
    assert TOKEN in " ".join(page_texts(pdf)[0].split())


def test_pdftoppm_renders_it(tmp_path: Path) -> None:
    """Rendered by Poppler (another reader than ours), as the PNG in docs/screenshots."""
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (poppler-utils) is needed to look at the page")
    pdf = tmp_path / "anchor.pdf"
    pdf.write_bytes(render_anchor_sheet(SHEET))
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf),
                    str(tmp_path / "anchor")], check=True)
    png = (tmp_path / "anchor.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 5000
