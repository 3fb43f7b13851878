"""The short return receipt of a signed check-in, and personal data on the leaver's receipt."""

from __future__ import annotations

import re

from app.fingerprint import content_sha256, seal
from printing.render import render_receipt
from tests.unit.printing import samples
from tests.unit.printing.pdfs import decode_qr, ink_pixels, page_count, page_texts, render


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_says_what_came_back_its_condition_and_how_personal_data_was_dealt_with() -> None:
    content = samples.return_content()
    pdf = render_receipt(seal(content), samples.signature())
    text = squash(" ".join(page_texts(pdf)))
    assert page_count(pdf) == 1
    assert "Return of school equipment" in text and "C-2026-0012" in text
    assert "Siân Ó Briain" in text and "SOB" in text
    assert "LT-0001" in text and "Incomplete" in text and "Charger missing" in text
    assert "5 Jan 2026" in text and "31 Dec 2026" in text  # lent, due back
    assert ("Personal data: kept on the device for a handover — for the new head of science, "
            "Mr Jones") in text
    assert "Signature of Siân Ó Briain (returning)" in text and "Jo Technician" in text


def test_is_signed_and_verifiable() -> None:
    content = samples.return_content()
    image = render(render_receipt(seal(content), samples.signature()), 0, dpi=300)
    assert ink_pixels(image) > 300
    assert [r.text for r in decode_qr(image)] == \
        [f"LKR:C-2026-0012:{content_sha256(content)[:16]}"]


def test_each_way_of_dealing_with_personal_data_is_worded() -> None:
    for data, words in (("removed", "removed by the borrower"), ("wiped", "wiped by IT"),
                        (None, "how it was dealt with was not recorded")):
        content = samples.return_content(data=data, data_note=None)
        assert f"Personal data: {words}" in squash(page_texts(render_receipt(seal(content)))[0])


def test_the_leaver_receipt_says_so_for_each_item_lent_with_personal_data() -> None:
    returned = samples.leaver_item(1)
    returned.update(personal_data=True, data="wiped", data_note=None)
    kept = samples.leaver_item(2, returned=False, note="at home")
    kept.update(personal_data=True, data=None, data_note=None)
    plain = samples.leaver_item(3)
    text = squash(page_texts(render_receipt(seal(samples.leaver_content([returned, kept, plain]))))[0])
    assert "Personal data: wiped by IT" in text
    assert "Personal data: still on the device (not returned)" in text
    assert text.count("Personal data:") == 2  # not for the item lent without personal data
    assert "says how that data was dealt with" in text
