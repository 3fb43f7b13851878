"""The verification payload printed in receipts' QR codes, and reading it back from a scan."""

from __future__ import annotations

import hashlib

import pytest

from printing.verification import (
    format_code,
    parse_verification_payload,
    verification_code,
    verification_payload,
)

DIGEST = hashlib.sha256(b"receipt").hexdigest()


def test_code_is_the_first_sixteen_hex_digits_of_the_content_hash() -> None:
    assert verification_code(DIGEST) == DIGEST[:16]
    assert verification_code(DIGEST.upper()) == DIGEST[:16]
    assert format_code(DIGEST[:16]) == " ".join(DIGEST[i:i + 4] for i in range(0, 16, 4))


def test_payload_round_trips() -> None:
    payload = verification_payload("R-2026-0042", DIGEST[:16])
    assert payload == f"LKR:R-2026-0042:{DIGEST[:16]}"
    assert parse_verification_payload(payload) == ("R-2026-0042", DIGEST[:16])


@pytest.mark.parametrize("scanned", [
    f"  LKR:R-2026-0042:{DIGEST[:16]}\n",             # wedge scanners add whitespace / Enter
    f"lkr:r-2026-0042:{DIGEST[:16].upper()}",         # caps lock flips the case
    f"LKR:R-2026-0042:{format_code(DIGEST[:16])}",    # typed in groups, as printed
])
def test_what_scanners_and_people_do_to_the_text_is_tolerated(scanned: str) -> None:
    assert parse_verification_payload(scanned) == ("R-2026-0042", DIGEST[:16])


@pytest.mark.parametrize("text", [
    "LT-0042", "", "LKR:", "LKR:R-2026-0042", f"XYZ:R-2026-0042:{DIGEST[:16]}",
    f"LKR:R-2026-0042:{DIGEST[:15]}", f"LKR:R-2026-0042:{DIGEST[:17]}",
    "LKR:R-2026-0042:zzzzzzzzzzzzzzzz", f"LKR:2026-0042:{DIGEST[:16]}",
    f"LKR:R-2026-0042:{DIGEST[:16]}:extra",
])
def test_anything_else_is_not_a_receipt(text: str) -> None:
    assert parse_verification_payload(text) is None


def test_bad_inputs_are_refused_when_building() -> None:
    with pytest.raises(ValueError):
        verification_code("not hex")
    with pytest.raises(ValueError):
        verification_payload("R-2026-0042", "short")
    with pytest.raises(ValueError):
        verification_payload("nonsense", DIGEST[:16])
