"""The loan acknowledgement a borrower signs at check-out."""

from __future__ import annotations

import re

from app.fingerprint import content_sha256, seal
from printing.render import render_receipt
from tests.unit.printing import samples
from tests.unit.printing.pdfs import decode_qr, ink_pixels, page_texts, render


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_shows_borrower_items_due_dates_purpose_and_encryption() -> None:
    content = samples.ack_content()
    text = squash(" ".join(page_texts(render_receipt(seal(content), samples.signature()))))
    assert "Loan of school equipment" in text and "A-2026-0007" in text
    assert "Łukasz Żółć" in text and "LZ1" in text
    for tag in ("LT-0001", "LT-0002"):
        assert tag in text
    assert "24 Dec 2026" in text  # due back
    assert "Marking at home" in text and "Lesson slides" in text
    assert "Encrypted (BitLocker, 12 Mar 2026)" in text and "Not encrypted" in text
    assert "Jo Technician" in text


def test_states_the_acceptable_use_terms_the_borrower_signs_up_to() -> None:
    text = squash(" ".join(page_texts(render_receipt(seal(samples.ack_content()),
                                                     samples.signature()))))
    assert "remains school property at all times" in text
    assert "Do not keep personal data" in text and "not encrypted" in text
    assert "Report loss, theft or damage to the IT desk at once" in text
    assert "before you leave the school" in text
    # the unencrypted device is named in a warning
    assert "Not encrypted: LT-0002 — do not store personal data on this device." in text


def test_no_warning_when_everything_is_encrypted() -> None:
    content = samples.ack_content()
    content["items"] = content["items"][:1]
    text = squash(page_texts(render_receipt(seal(content), samples.signature()))[0])
    assert "do not store personal data on" not in text


def test_is_signed_and_verifiable() -> None:
    content = samples.ack_content()
    pdf = render_receipt(seal(content), samples.signature())
    image = render(pdf, 0, dpi=300)
    assert ink_pixels(image) > 300
    assert [r.text for r in decode_qr(image)] == \
        [f"LKR:A-2026-0007:{content_sha256(content)[:16]}"]
    assert "Page 1 of 1" in page_texts(pdf)[0]
