"""The verification code printed on every receipt, and its QR payload.

The code is the first 16 hex digits of the SHA-256 of the receipt's canonical
content (``Receipt.content_sha256``). The QR code carries
``LKR:<number>:<code>`` (e.g. ``LKR:R-2026-0042:3f2a9c017b4ed210``); the desk's
scan resolver recognises the prefix and compares the code with the record.
Pure functions: no database, no ReportLab.
"""

from __future__ import annotations

import re

PAYLOAD_PREFIX = "LKR"
CODE_LENGTH = 16

_HEX_RE = re.compile(r"^[0-9a-f]+$")
_NUMBER_RE = re.compile(r"^[A-Z]-\d{4}-\d{4,}$")


def verification_code(content_sha256: str) -> str:
    """The short code: the first 16 hex digits (lower case) of the content's SHA-256."""
    digest = content_sha256.strip().lower()
    if len(digest) < CODE_LENGTH or not _HEX_RE.match(digest):
        raise ValueError(f"not a SHA-256 hex digest: {content_sha256!r}")
    return digest[:CODE_LENGTH]


def format_code(code: str) -> str:
    """The code as people read it aloud: ``3f2a 9c01 7b4e d210``."""
    return " ".join(code[i:i + 4] for i in range(0, len(code), 4))


def verification_payload(number: str, code: str) -> str:
    """The text in a receipt's QR code: ``LKR:R-2026-0042:3f2a9c017b4ed210``."""
    if not _NUMBER_RE.match(number):
        raise ValueError(f"not a receipt number: {number!r}")
    if len(code) != CODE_LENGTH or not _HEX_RE.match(code):
        raise ValueError(f"not a {CODE_LENGTH}-digit verification code: {code!r}")
    return f"{PAYLOAD_PREFIX}:{number}:{code}"


def parse_verification_payload(text: str) -> tuple[str, str] | None:
    """``(number, code)`` from scanned text, or None when it is not a receipt's QR code.

    Tolerates what keyboard-wedge scanners do to text: surrounding whitespace,
    a trailing newline, caps lock; the code may be typed in groups
    (``3F2A 9C01 7B4E D210``).
    """
    parts = text.strip().split(":")
    if len(parts) != 3 or parts[0].strip().upper() != PAYLOAD_PREFIX:
        return None
    number = parts[1].strip().upper()
    code = re.sub(r"[\s-]", "", parts[2]).lower()
    if not _NUMBER_RE.match(number):
        return None
    if len(code) != CODE_LENGTH or not _HEX_RE.match(code):
        return None
    return number, code
