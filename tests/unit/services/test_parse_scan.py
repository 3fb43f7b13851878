"""Rule 7, the pure part: taking scanned text apart."""

from __future__ import annotations

import pytest

from app.services.scan import parse_scan


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("LT-0042", "tag_or_code", "LT-0042"),
        ("  lt-0042 \r\n", "tag_or_code", "lt-0042"),
        ("\tLT-0042\x00", "tag_or_code", "LT-0042"),
        ("https://snipe.school.example/ht/LT-0042", "snipeit_tag", "LT-0042"),
        ("http://10.0.0.5/snipe/public/ht/LT%200042/", "snipeit_tag", "LT 0042"),
        ("https://snipe.school.example/hardware/417", "snipeit_id", "417"),
        ("https://snipe.school.example/hardware/417?x=1", "snipeit_id", "417"),
        ("https://snipe.school.example/hardware/417/view", "snipeit_id", "417"),
        ("https://snipe.school.example/hardware/417/view/?x=1#top", "snipeit_id", "417"),
        ("LKR:R-2026-0042:0123456789abcdef", "receipt", "R-2026-0042"),
        ("", "empty", ""),
        ("   ", "empty", ""),
        ("x" * 600, "empty", ""),
    ],
)
def test_parse(text: str, kind: str, value: str) -> None:
    parsed = parse_scan(text)
    assert (parsed.kind, parsed.value) == (kind, value)


def test_prefix_is_stripped_case_insensitively() -> None:
    assert parse_scan("lk:LT-0042", prefix="LK:").value == "LT-0042"
    assert parse_scan("LT-0042", prefix="LK:").value == "LT-0042"


def test_receipt_code_is_kept() -> None:
    assert parse_scan("LKR:R-2026-0042:0123456789ABCDEF").code == "0123456789abcdef"


@pytest.mark.parametrize("text", [
    "r-2026-0042 · 0123 4567 89ab cdef",  # as printed on the receipt, typed in lower case
    "R-2026-0042 0123456789ABCDEF",
    "r-2026-0042: 0123-4567-89ab-cdef",
    "lkr:r-2026-0042:0123 4567 89ab cdef",
])
def test_receipt_code_as_people_quote_it(text: str) -> None:
    parsed = parse_scan(text)
    assert (parsed.kind, parsed.value, parsed.code) == ("receipt", "R-2026-0042", "0123456789abcdef")


def test_a_receipt_number_alone_is_not_a_code() -> None:
    assert parse_scan("R-2026-0042").kind == "tag_or_code"
    assert parse_scan("R-2026-0042 0123 4567").kind == "tag_or_code"


def test_text_that_only_looks_like_a_url_is_a_code_not_a_crash() -> None:
    # hypothesis found "-+" read on a German layout as "/[": urlsplit raised "Invalid IPv6 URL"
    for text in ("/[", "http://[", "www.[abc"):
        assert parse_scan(text).kind == "tag_or_code"
