"""The receipt fingerprint (app/fingerprint.py): one definition, made once per seal."""

from __future__ import annotations

import datetime as dt

from app.fingerprint import content_sha256, seal
from printing.verification import verification_code

CONTENT = {"when": dt.date(2026, 12, 7), "b": 1, "a": "é"}
#: the canonical text, and its digest from coreutils:
#: printf '{"a":"é","b":1,"when":"2026-12-07"}' | sha256sum
CANONICAL = '{"a":"é","b":1,"when":"2026-12-07"}'
DIGEST = "3c5ebe5205fdbec5e7848f63bfb6ef836341bd4bc37d96cc3a690dfeb54893d8"


def test_the_seal_is_the_canonical_text_and_its_digest() -> None:
    sealed = seal(CONTENT)
    assert sealed.canonical == CANONICAL  # sorted keys, no spaces, UTF-8 kept, dates as ISO
    assert sealed.sha256 == DIGEST == content_sha256(CONTENT)
    assert sealed.code == DIGEST[:16] == verification_code(DIGEST)
    assert sealed.content is CONTENT


def test_key_order_does_not_change_the_fingerprint() -> None:
    assert content_sha256({"a": "é", "when": "2026-12-07", "b": 1}) == DIGEST
