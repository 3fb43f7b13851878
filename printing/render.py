"""Render a receipt record's content (and its signature) to PDF bytes.

The PDF carries, besides what a person reads:

* the canonical content JSON as an embedded file (:data:`CONTENT_ATTACHMENT`),
  so ``loan-kiosk receipt verify`` can recompute the content from the PDF;
* the verification payload ``LKR:<number>:<code>`` in the document keywords
  (plain text in the file, found even if the PDF is damaged).

Takes plain data, never a database session.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable

from app.audit import canonical_json
from app.signatures import SignatureData
from printing import acknowledgement, receipt, return_receipt, trip_sheet
from printing.layout import MARGIN_X, Attachment, DocumentHeader, build_pdf, page_size
from printing.styles import Styles, make_styles
from printing.verification import format_code, verification_code, verification_payload

CONTENT_ATTACHMENT = "receipt-content.json"

StoryBuilder = Callable[[Mapping[str, Any], SignatureData | None, str, Styles, float],
                        list[Flowable]]


@dataclass(frozen=True)
class DocumentKind:
    title: str
    story: StoryBuilder


KINDS: dict[str, DocumentKind] = {
    "leaver_return": DocumentKind(receipt.TITLE, receipt.story),
    "loan_ack": DocumentKind(acknowledgement.TITLE, acknowledgement.story),
    "trip_sheet": DocumentKind(trip_sheet.TITLE, trip_sheet.story),
    "loan_return": DocumentKind(return_receipt.TITLE, return_receipt.story),
}


def content_sha256(content: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of ``content`` — what the code is made from."""
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def render_receipt(content: Mapping[str, Any], signature: SignatureData | None = None, *,
                   size: str = "A4", logo: Path | None = None) -> bytes:
    """The PDF of a receipt, acknowledgement or trip sheet (by ``content["kind"]``)."""
    kind = KINDS.get(str(content.get("kind")))
    if kind is None:
        raise ValueError(f"cannot render a document of kind {content.get('kind')!r}")
    number = str(content.get("number"))
    canonical = canonical_json(content)
    code = verification_code(hashlib.sha256(canonical.encode("utf-8")).hexdigest())
    styles = make_styles()
    width = page_size(size)[0] - 2 * MARGIN_X
    header = DocumentHeader(
        school=str(content.get("school") or ""), title=kind.title, number=number, logo=logo,
        footer_note=f"{content.get('school') or ''} · {number} · "
                    f"verification code {format_code(code)}",
    )
    return build_pdf(
        kind.story(content, signature, code, styles, width), header, size=size,
        subject=f"{kind.title} {number}",
        keywords=verification_payload(number, code),
        attachments=[Attachment(CONTENT_ATTACHMENT, canonical.encode("utf-8"),
                                "application/json",
                                "Canonical content of this receipt (for verification)")],
    )
