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

from app.signatures import SignatureData
from printing.blocks import (
    CellParagraph,
    closing_section,
    details_grid,
    signature_block,
    verification_block,
)
from printing.styles import Styles, items_table_style
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
    total = sum(w for _, w in _COLUMNS)
    widths = [width * w / total for _, w in _COLUMNS]
    data: list[list[Any]] = [[CellParagraph(t, styles.head_cell) for t, _ in _COLUMNS]]
    for item in items:
        data.append([
            CellParagraph(text(item.get("tag")), styles.cell_bold),
            CellParagraph(kind_label(item.get("kind")), styles.cell),
            CellParagraph(text(make_model(item)), styles.cell),
            CellParagraph(text(item.get("serial")), styles.cell),
            CellParagraph(fmt_date(item.get("out_at")), styles.cell),
            CellParagraph(fmt_date(item.get("due_on")), styles.cell),
            CellParagraph(condition_label(item.get("condition")), styles.cell_bold),
        ])
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(items_table_style(len(data)))
    return table


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
        details_grid([
            ("Borrower", name),
            ("Staff code", text(person.get("staff_code"))),
            ("Department", text(person.get("department"))),
            ("Date and time", text(issued)),
        ], styles, width),
        Spacer(1, 5 * mm),
        Paragraph("Equipment returned", styles.heading),
        items_table(items, styles, width),
        Spacer(1, 2 * mm),
        *_item_notes(items, styles),
        Spacer(1, 2 * mm),
        closing_section(
            Paragraph("Statement", styles.heading),
            Paragraph(
                f"{name} handed the equipment above back to the IT desk of {school} on this "
                "date, in the condition shown. It remains the property of the school.",
                styles.body),
            Paragraph(f"By signing, {name} confirms the return as recorded. Please keep this "
                      "receipt.", styles.body),
            Spacer(1, 3 * mm),
            signature_block(
                signature,
                signer_caption=f"Signature of {name} (returning)",
                side_rows=[
                    ("Received by (IT desk)", text(tech.get("name"))),
                    ("Date and time", text(issued)),
                ],
                styles=styles, width=width),
            Spacer(1, 6 * mm),
            verification_block(str(content.get("number")), code, styles, width),
        ),
    ]
