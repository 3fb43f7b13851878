"""The trip phone sheet that travels with a trip."""

from __future__ import annotations

import re

from app.fingerprint import content_sha256, seal
from printing.render import render_receipt
from tests.unit.printing import samples
from tests.unit.printing.pdfs import decode_qr, ink_pixels, page_texts, render


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_lists_trip_dates_leader_and_every_phone_with_number_and_imei() -> None:
    content = samples.trip_content()
    text = squash(" ".join(page_texts(render_receipt(seal(content), samples.signature()))))
    assert "Trip phone sheet" in text and "T-2026-0003" in text
    assert "Year 9 Iceland" in text and "Reykjavík" in text
    assert "12 Mar 2027 – 15 Mar 2027" in text
    assert "Zoë Ødegård" in text and "ZO1" in text
    for i in range(1, 5):
        assert f"PH-{i:04d}" in text
        assert f"07700 90000{i}" in text
        assert f"35693803564380{i}" in text
    assert "travels with the trip" in text
    assert "Signature of Zoë Ødegård (trip leader)" in text


def test_is_signed_by_the_leader_and_verifiable() -> None:
    content = samples.trip_content()
    image = render(render_receipt(seal(content), samples.signature()), 0, dpi=300)
    assert ink_pixels(image) > 300
    assert [r.text for r in decode_qr(image)] == \
        [f"LKR:T-2026-0003:{content_sha256(content)[:16]}"]


def test_a_trip_with_no_phones_out_says_so() -> None:
    content = samples.trip_content()
    content["items"] = []
    text = squash(page_texts(render_receipt(seal(content)))[0])
    assert "No phones are out with this trip." in text
