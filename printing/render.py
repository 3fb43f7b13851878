"""Render a receipt record's content (and its signature) to PDF bytes.

The PDF carries, besides what a person reads:

* the canonical content JSON as an embedded file (:data:`CONTENT_ATTACHMENT`),
  so ``loan-kiosk receipt verify`` can recompute the content from the PDF;
* the verification payload ``LKR:<number>:<code>`` in the document keywords
  (plain text in the file, found even if the PDF is damaged).

Takes plain data, never a database session: the caller (the documents service)
hands in the content already sealed — its canonical JSON and fingerprint, made
by :func:`app.fingerprint.seal` — so the printed code is the record's by
construction and rendering loads no database code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable

from ink.signature import SignatureData
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


@dataclass(frozen=True)
class SealedContent:
    """A receipt's content with what seals it, as the app computed them.

    ``canonical`` is the canonical JSON of ``content`` (embedded in the PDF so it can be
    checked later) and ``sha256`` its digest (``Receipt.content_sha256``); the printed
    verification code is the digest's first 16 hex digits.
    """

    content: Mapping[str, Any]
    canonical: str
    sha256: str

    @property
    def code(self) -> str:
        return verification_code(self.sha256)


def render_receipt(sealed: SealedContent, signature: SignatureData | None = None, *,
                   size: str = "A4", logo: Path | None = None) -> bytes:
    """The PDF of a receipt, acknowledgement or trip sheet (by ``content["kind"]``)."""
    content = sealed.content
    kind = KINDS.get(str(content.get("kind")))
    if kind is None:
        raise ValueError(f"cannot render a document of kind {content.get('kind')!r}")
    number = str(content.get("number"))
    code = sealed.code
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
        attachments=[Attachment(CONTENT_ATTACHMENT, sealed.canonical.encode("utf-8"),
                                "application/json",
                                "Canonical content of this receipt (for verification)")],
    )
