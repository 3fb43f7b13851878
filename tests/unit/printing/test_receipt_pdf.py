"""The leaver's return receipt, read back as a person (and a scanner) would read it."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from app.audit import canonical_json
from app.fingerprint import content_sha256, seal
from printing.fonts import BOLD, REGULAR, register_fonts
from printing.render import CONTENT_ATTACHMENT, render_receipt
from printing.verification import format_code
from tests.unit.printing import samples
from tests.unit.printing.pdfs import (
    decode_qr,
    fonts_used,
    ink_pixels,
    page_count,
    page_texts,
    pdfium_texts,
    pixels,
    render,
)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_lists_every_item_with_its_outcome_and_note() -> None:
    content = samples.leaver_content()
    text = squash(" ".join(page_texts(render_receipt(seal(content), samples.signature()))))
    assert "Return of school property" in text
    assert "R-2026-0042" in text
    assert "Siân Ó Briain" in text and "SOB" in text and "Science" in text
    assert "18 Dec 2026" in text  # leaving date
    assert "24 Nov 2026" in text  # issued
    for tag in ("LT-0001", "LT-0002", "LT-0004"):
        assert tag in text
    assert "SN00000002" in text and "Dell Latitude 5440" in text
    assert "Encrypted (BitLocker, 12 Mar 2026)" in text and "Not encrypted" in text
    assert text.count("Not returned") >= 2  # the item's outcome, and the statement
    assert "Left at home; will post it" in text and "Charger missing" in text
    assert "2 returned, 1 not returned" in text
    assert "remains the property of the school" in text
    assert "the school will take steps to recover them" in text
    assert "Jo Technician" in text


def test_without_missing_items_the_statement_does_not_mention_recovery() -> None:
    content = samples.leaver_content([samples.leaver_item(1), samples.leaver_item(2)])
    text = squash(" ".join(page_texts(render_receipt(seal(content), samples.signature()))))
    assert "2 returned" in text
    assert "Not returned" not in text and "recover" not in text


@pytest.mark.parametrize(("first", "last"), samples.NAMES)
def test_names_in_every_script_come_out_as_the_same_text(first: str, last: str) -> None:
    content = samples.leaver_content(who=samples.person(first, last))
    content["technician"] = {"username": "t", "name": "Ζωή Παπαδοπούλου"}
    pdf = render_receipt(seal(content), samples.signature())
    for extractor in (page_texts, pdfium_texts):
        text = squash(" ".join(extractor(pdf)))
        assert f"{first} {last}" in text
        assert "Ζωή Παπαδοπούλου" in text
    # drawn with the bundled font, which has a real glyph for every letter (no boxes)
    assert fonts_used(pdf) == {REGULAR, BOLD}
    register_fonts()
    from reportlab.pdfbase.pdfmetrics import getFont

    face = getFont(REGULAR).face
    assert all(ord(ch) in face.charToGlyph for ch in f"{first}{last}".replace(" ", ""))


def test_signature_is_drawn_from_the_strokes() -> None:
    content = samples.leaver_content()
    signed = render(render_receipt(seal(content), samples.signature()), dpi=100)
    unsigned = render(render_receipt(seal(content), None), dpi=100)
    assert ink_pixels(signed) > 300
    assert ink_pixels(unsigned) == 0
    assert "No signature was captured" in page_texts(render_receipt(seal(content), None))[0]


def test_sixty_items_make_three_numbered_pages_with_the_header_on_each() -> None:
    items = [samples.leaver_item(i, returned=i % 7 != 0,
                                 note="Not brought in" if i % 7 == 0 else None)
             for i in range(1, 61)]
    pdf = render_receipt(seal(samples.leaver_content(items)), samples.signature())
    pages = page_texts(pdf)
    assert len(pages) == 3
    for n, text in enumerate(pages, 1):
        assert f"Page {n} of 3" in text
        assert "R-2026-0042" in text and "Return of school property" in text
        assert "Asset tag" in text or n == 3  # the table header repeats while it runs
    text = squash(" ".join(pages))
    for i in range(1, 61):
        assert f"LT-{i:04d}" in text
    assert "52 returned, 8 not returned" in text
    # statement, signature and verification stay together at the end
    assert "Checking this receipt" in pages[-1] and "Signature of" in pages[-1]
    assert ink_pixels(render(pdf, 2, dpi=100)) > 300


def test_verification_qr_decodes_to_number_and_content_code() -> None:
    content = samples.leaver_content()
    pdf = render_receipt(seal(content), samples.signature())
    code = content_sha256(content)[:16]
    assert code == __import__("hashlib").sha256(canonical_json(content).encode()).hexdigest()[:16]
    found = [r.text for r in decode_qr(render(pdf, 0, dpi=300))]
    assert found == [f"LKR:R-2026-0042:{code}"]
    assert format_code(code) in page_texts(pdf)[0]


def test_canonical_content_travels_inside_the_pdf() -> None:
    content = samples.leaver_content()
    reader = pypdf.PdfReader(io.BytesIO(render_receipt(seal(content), samples.signature())))
    (blob,) = reader.attachments[CONTENT_ATTACHMENT]
    assert json.loads(blob) == content
    assert blob.decode("utf-8") == canonical_json(content)
    assert reader.metadata is not None
    assert reader.metadata["/Keywords"] == f"LKR:R-2026-0042:{content_sha256(content)[:16]}"


def test_same_content_renders_to_the_same_bytes() -> None:
    content = samples.leaver_content()
    assert render_receipt(seal(content), samples.signature()) == \
        render_receipt(seal(json.loads(json.dumps(content))), samples.signature())


def test_letter_paper_when_the_school_uses_it() -> None:
    pdf = render_receipt(seal(samples.leaver_content()), samples.signature(), size="Letter")
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    a4 = pypdf.PdfReader(io.BytesIO(render_receipt(seal(samples.leaver_content())))).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)


def test_school_logo_is_printed_and_a_missing_logo_is_not_fatal(tmp_path: Path) -> None:
    logo = tmp_path / "crest.png"
    Image.new("RGB", (120, 160), (200, 30, 40)).save(logo)
    pdf = render_receipt(seal(samples.leaver_content()), samples.signature(), logo=logo)
    page = render(pdf, 0, dpi=72)
    red = sum(1 for r, g, b in pixels(page) if r > 180 and g < 60 and b < 70)
    assert red > 200
    missing = render_receipt(seal(samples.leaver_content()), logo=tmp_path / "nope.png")
    assert page_count(missing) == 1


def test_text_from_the_record_is_never_taken_as_markup() -> None:
    content = samples.leaver_content(who=samples.person("Amy <b>", "O'Brien & Sons"))
    content["items"][0]["note"] = "scratched <screen> & missing key"
    text = squash(" ".join(page_texts(render_receipt(seal(content)))))
    assert "Amy <b> O'Brien & Sons" in text
    assert "scratched <screen> & missing key" in text


def test_no_equipment_is_stated_plainly() -> None:
    text = squash(page_texts(render_receipt(seal(samples.leaver_content([]))))[0])
    assert "No school equipment was on loan to Siân Ó Briain" in text


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        render_receipt(seal(dict(samples.leaver_content(), kind="invoice")))


def test_characters_the_font_lacks_print_as_a_replacement_mark_not_a_box() -> None:
    content = samples.leaver_content(who=samples.person("👩🏽‍💻 Zoë", "Ødegård"))
    content["items"][0]["note"] = "left on the bus 🚌"
    pdf = render_receipt(seal(content))
    text = " ".join(page_texts(pdf))
    assert "\ufffd\ufffd\u200d\ufffd Zoë Ødegård" in text
    assert "left on the bus \ufffd" in text
    assert "\x00" not in text  # no glyph-less characters (what shows as an empty box)
    assert fonts_used(pdf) == {REGULAR, BOLD}


def test_a_very_long_note_is_cut_in_the_table_and_printed_in_full_below() -> None:
    note = "The charger, case and stylus were not handed back. " * 200  # ~10,000 characters
    content = samples.leaver_content()
    content["items"][1]["note"] = note
    pdf = render_receipt(seal(content), samples.signature())
    pages = page_texts(pdf)
    text = squash(" ".join(pages))
    assert "(in full under Notes)" in text
    assert "Notes 2. LT-0002: The charger, case and stylus" in text
    assert text.count("stylus") >= 200  # every word of it is on paper, over several pages
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
