"""The receipt fingerprint: the one definition of how a receipt's content is sealed.

A receipt's content is frozen as canonical JSON (:func:`app.audit.canonical_json`:
sorted keys, no spaces, UTF-8 kept); its SHA-256 is stored on the record
(``Receipt.content_sha256``) and its first 16 hex digits are the verification
code printed on the paper. :func:`seal` computes the canonical text and the
digest once and hands both to the renderer, which embeds and prints them
without knowing how they were made.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from app.audit import canonical_json
from printing.render import SealedContent


def seal(content: Mapping[str, Any]) -> SealedContent:
    """``content`` with its canonical JSON and fingerprint, ready to render or compare."""
    canonical = canonical_json(content)
    return SealedContent(content, canonical, hashlib.sha256(canonical.encode("utf-8")).hexdigest())


def content_sha256(content: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of ``content``: what ``Receipt.content_sha256`` holds."""
    return seal(content).sha256
