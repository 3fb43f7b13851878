"""The loan acknowledgement a borrower signs at check-out: what they took, when it
is due back, and the acceptable-use terms they agree to."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph, Spacer, Table

from ink.signature import SignatureData
from printing.blocks import borrower_grid, closing_section, signature_block, verification_block
from printing.styles import Styles, items_table_style
from printing.wording import fmt_date, fmt_datetime, kind_label, make_model, text

TITLE = "Loan of school equipment"

_COLUMNS = (
    ("#", 6), ("Asset tag", 18), ("Kind", 12), ("Make / model", 27), ("Serial", 22),
    ("Encryption", 28), ("Due back", 17), ("Purpose", 26), ("Personal data", 18),
)


def items_table(items: list[Mapping[str, Any]], styles: Styles, width: float) -> Table:
    total = sum(w for _, w in _COLUMNS)
    widths = [width * w / total for _, w in _COLUMNS]
    data: list[list[Any]] = [[Paragraph(t, styles.head_cell) for t, _ in _COLUMNS]]
    for i, item in enumerate(items, 1):
        encryption_style = styles.cell if item.get("encrypted") else styles.alert
        data.append([
            Paragraph(str(i), styles.cell),
            Paragraph(text(item.get("tag")), styles.cell_bold),
            Paragraph(kind_label(item.get("kind")), styles.cell),
            Paragraph(text(make_model(item)), styles.cell),
            Paragraph(text(item.get("serial")), styles.cell),
            Paragraph(text(item.get("encryption")), encryption_style),
            Paragraph(fmt_date(item.get("due_on")), styles.cell_bold),
            Paragraph(text(item.get("purpose")), styles.cell),
            Paragraph("Yes" if item.get("personal_data") else "No", styles.cell),
        ])
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(items_table_style(len(data)))
    return table


def terms(content: Mapping[str, Any], styles: Styles) -> list[Flowable]:
    """The acceptable-use terms, in plain words, with a warning for unencrypted items."""
    school = text(content.get("school"))
    items = list(content.get("items") or [])
    unencrypted = [str(i.get("tag")) for i in items if not i.get("encrypted")]
    personal = Paragraph(
        "Do not keep personal data (about pupils, parents or staff) on a device that is not "
        "encrypted.", styles.body)
    points: list[Flowable | list[Flowable]] = [
        Paragraph(
            f"The equipment belongs to {school}. It is lent to you for school work and "
            "remains school property at all times.", styles.body),
        [personal] + ([Paragraph(
            f"<b>Not encrypted:</b> {text(', '.join(unencrypted))} — do not store personal "
            "data on " + ("this device." if len(unencrypted) == 1 else "these devices."),
            styles.warning)] if unencrypted else []),
        Paragraph("Report loss, theft or damage to the IT desk at once.", styles.body),
        Paragraph(
            "Return the equipment by the due date shown, and in any case before you leave "
            "the school.", styles.body),
    ]
    return [
        Paragraph("Terms of the loan", styles.heading),
        Paragraph("By signing, you agree to the school's acceptable use terms:", styles.body),
        ListFlowable([ListItem(p, leftIndent=14) for p in points], bulletType="1",
                     bulletFontName=styles.body.fontName, bulletFontSize=9, leftIndent=14),
    ]


def story(content: Mapping[str, Any], signature: SignatureData | None, code: str,
          styles: Styles, width: float) -> list[Flowable]:
    person = content.get("person") or {}
    items = list(content.get("items") or [])
    tech = content.get("technician") or {}
    name = text(person.get("name"))
    issued = fmt_datetime(content.get("issued_at"))
    return [
        borrower_grid(person, issued, styles, width),
        Spacer(1, 5 * mm),
        Paragraph("Equipment lent", styles.heading),
        items_table(items, styles, width),
        Spacer(1, 2 * mm),
        closing_section(
            *terms(content, styles),
            Spacer(1, 4 * mm),
            signature_block(
                signature,
                signer_caption=f"Signature of {name} (borrower)",
                side_rows=[
                    ("Lent by (IT desk)", text(tech.get("name"))),
                    ("Date and time", text(issued)),
                ],
                styles=styles, width=width),
            Spacer(1, 6 * mm),
            verification_block(str(content.get("number")), code, styles, width,
                               what="acknowledgement", anchor=content.get("anchor")),
        ),
    ]
