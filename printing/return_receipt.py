"""The short receipt of a signed check-in: "Return of school equipment".

Made when the ``signature.on_return`` setting asks the borrower to sign as they
hand an item back: what came back, when it was lent and due, its condition,
how personal data on it was dealt with, the borrower's signature and the
verification block.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from ink.signature import SignatureData
from printing.blocks import CellParagraph, borrower_grid, items_grid, signed_closing
from printing.styles import Styles
from printing.wording import (
    condition_label,
    data_label,
    fmt_date,
    fmt_datetime,
    kind_label,
    make_model,
    text,
)

TITLE = "Return of school equipment"

_COLUMNS = (
    ("Asset tag", 18), ("Kind", 11), ("Make / model", 28), ("Serial", 22), ("Lent", 16),
    ("Due back", 16), ("Condition", 16),
)


def items_table(items: list[Mapping[str, Any]], styles: Styles, width: float) -> Table:
    return items_grid(_COLUMNS, [[
        CellParagraph(text(item.get("tag")), styles.cell_bold),
        CellParagraph(kind_label(item.get("kind")), styles.cell),
        CellParagraph(text(make_model(item)), styles.cell),
        CellParagraph(text(item.get("serial")), styles.cell),
        CellParagraph(fmt_date(item.get("out_at")), styles.cell),
        CellParagraph(fmt_date(item.get("due_on")), styles.cell),
        CellParagraph(condition_label(item.get("condition")), styles.cell_bold),
    ] for item in items], styles, width)


def _item_notes(items: list[Mapping[str, Any]], styles: Styles) -> list[Flowable]:
    """The condition note and the personal-data line of each item, under the table."""
    parts: list[Flowable] = []
    for item in items:
        tag = text(item.get("tag"))
        if item.get("note"):
            parts.append(Paragraph(f"<b>{tag}</b>: {text(item.get('note'))}", styles.body))
        data = data_label(item)
        if data:
            parts.append(Paragraph(f"<b>{tag}</b> — {text(data)}.", styles.body))
    return parts


def story(content: Mapping[str, Any], signature: SignatureData | None, code: str,
          styles: Styles, width: float) -> list[Flowable]:
    person = content.get("person") or {}
    items = list(content.get("items") or [])
    tech = content.get("technician") or {}
    school = text(content.get("school"))
    name = text(person.get("name"))
    issued = fmt_datetime(content.get("issued_at"))
    return [
        borrower_grid(person, issued, styles, width),
        Spacer(1, 5 * mm),
        Paragraph("Equipment returned", styles.heading),
        items_table(items, styles, width),
        Spacer(1, 2 * mm),
        *_item_notes(items, styles),
        Spacer(1, 2 * mm),
        signed_closing(
            [Paragraph("Statement", styles.heading),
             Paragraph(
                 f"{name} handed the equipment above back to the IT desk of {school} on this "
                 "date, in the condition shown. It remains the property of the school.",
                 styles.body),
             Paragraph(f"By signing, {name} confirms the return as recorded. Please keep this "
                       "receipt.", styles.body)],
            signature, signer_caption=f"Signature of {name} (returning)",
            received_by=("Received by (IT desk)", text(tech.get("name"))), issued=issued,
            number=str(content.get("number")), code=code, styles=styles, width=width,
            anchor=content.get("anchor")),
    ]
