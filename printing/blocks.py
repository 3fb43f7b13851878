"""Building blocks every document uses: the details grid, the signature box and the
verification block."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ink.signature import SignatureData
from printing.fonts import REGULAR
from printing.qr import QrFlowable
from printing.signature import draw_signature
from printing.styles import INK, MUTED, RULE, Styles, details_table_style, items_table_style
from printing.verification import format_code, verification_payload
from printing.wording import text


class CellParagraph(Paragraph):
    """A paragraph in a table cell, wrapped once per width.

    ReportLab's ``Table`` wraps every cell's flowables to size the rows and
    again, at the same width, to place them when drawing (and
    ``KeepTogether`` wraps the whole table once more); line breaking was the
    costliest step of a receipt. ``wrap`` ignores the available height, so
    a second wrap at the same width keeps the first one's lines.
    """

    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if availWidth == self._wrapped_at:
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth if height != 0x7FFFFFFF else None
        return width, height


def details_grid(rows: Sequence[tuple[str, str]], styles: Styles, width: float,
                 columns: int = 2, plain: Sequence[str] = ()) -> Table:
    """Label/value pairs, ``columns`` pairs to a row, read left to right (values already
    paragraph-safe). Values of the labels in ``plain`` (long ones: emails) are not bold."""
    cells = [[CellParagraph(text(label), styles.label),
              CellParagraph(value, styles.value_plain if label in plain else styles.value)]
             for label, value in rows]
    data: list[list[Paragraph | str]] = []
    for r in range(-(-len(cells) // columns)):
        row: list[Paragraph | str] = []
        for c in range(columns):
            i = r * columns + c
            row.extend(cells[i] if i < len(cells) else ["", ""])
        data.append(row)
    col = width / columns
    label_w = 25 * mm
    table = Table(data, colWidths=[label_w, col - label_w] * columns, hAlign="LEFT")
    table.setStyle(details_table_style())
    return table


class SignatureBox(Flowable):
    """The signer's ink from the stored vector strokes, on a signature line."""

    def __init__(self, signature: SignatureData | None, width: float, height: float,
                 empty_text: str = "No signature was captured") -> None:
        super().__init__()
        self.signature = signature
        self.width = width
        self.height = height
        self.empty_text = empty_text

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.roundRect(0, 0, self.width, self.height, 2 * mm, stroke=1, fill=0)
        c.setStrokeColor(INK)
        c.setLineWidth(0.6)
        c.line(4 * mm, 6 * mm, self.width - 4 * mm, 6 * mm)
        c.setFont(REGULAR, 11)
        c.setFillColor(MUTED)
        c.drawString(2 * mm, 7 * mm, "×")
        if self.signature is not None and self.signature.strokes:
            draw_signature(c, self.signature, 6 * mm, 3 * mm, self.width - 12 * mm,
                           self.height - 6 * mm)
        else:
            c.setFont(REGULAR, 8)
            c.drawCentredString(self.width / 2, self.height / 2, self.empty_text)
        c.restoreState()


def signature_block(signature: SignatureData | None, *, signer_caption: str,
                    side_rows: Sequence[tuple[str, str]], styles: Styles,
                    width: float) -> Table:
    """Signature box with its caption on the left; who/when on the right."""
    box_w = min(88 * mm, width * 0.55)
    box = SignatureBox(signature, box_w, 30 * mm)
    left = [box, Spacer(1, 1.5 * mm), CellParagraph(signer_caption, styles.small)]
    right: list[Flowable] = []
    for label, value in side_rows:
        right.append(CellParagraph(text(label), styles.label))
        right.append(CellParagraph(value, styles.value))
        right.append(Spacer(1, 2 * mm))
    table = Table([[left, right]], colWidths=[box_w + 8 * mm, width - box_w - 8 * mm],
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def verification_block(number: str, code: str, styles: Styles, width: float,
                       what: str = "receipt", anchor: str | None = None) -> Table:
    """QR code (``LKR:<number>:<code>``) beside the number and short code in words, and
    the audit anchor at issue (the school's log as it stood: kept on paper, off the PC)."""
    qr_size = 27 * mm
    words = [
        CellParagraph(f"Checking this {what}", styles.heading),
        CellParagraph(
            f"Scan the QR code at the IT desk, or quote the number and code below. The code "
            f"is a fingerprint of this {what}'s content: the desk shows whether it matches "
            "the school's record.", styles.small),
        Spacer(1, 2 * mm),
        CellParagraph(f"{text(number)}&nbsp;&nbsp;·&nbsp;&nbsp;{format_code(code)}", styles.code),
    ]
    if anchor:
        words += [Spacer(1, 1.5 * mm),
                  CellParagraph(f"Audit anchor at issue: {text(anchor)}", styles.small)]
    table = Table([[QrFlowable(verification_payload(number, code), qr_size), words]],
                  colWidths=[qr_size + 5 * mm, width - qr_size - 5 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 8),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
    ]))
    return table


def closing_section(*flowables: Flowable) -> KeepTogether:
    """Statement, signature and verification stay on one page together."""
    return KeepTogether(list(flowables))


def borrower_grid(person: Mapping[str, Any], issued: str, styles: Styles, width: float) -> Table:
    """Who borrowed (name, staff code, department) and when the document was issued."""
    return details_grid([
        ("Borrower", text(person.get("name"))),
        ("Staff code", text(person.get("staff_code"))),
        ("Department", text(person.get("department"))),
        ("Date and time", text(issued)),
    ], styles, width)


def items_grid(columns: Sequence[tuple[str, float]], rows: list[list[Any]], styles: Styles,
               width: float) -> Table:
    """A table of items under a header row: ``columns`` are (title, relative width), filling
    ``width``; the header repeats on every page."""
    total = sum(w for _, w in columns)
    widths = [width * w / total for _, w in columns]
    data: list[list[Any]] = [[CellParagraph(t, styles.head_cell) for t, _ in columns], *rows]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(items_table_style(len(data)))
    return table


def signed_closing(statement: Sequence[Flowable], signature: SignatureData | None, *,
                   signer_caption: str, received_by: tuple[str, str], issued: str,
                   number: str, code: str, styles: Styles, width: float,
                   anchor: str | None = None) -> KeepTogether:
    """Statement, the signer's signature beside who received it and when, then the
    verification block — kept together on one page."""
    return closing_section(
        *statement,
        Spacer(1, 3 * mm),
        signature_block(signature, signer_caption=signer_caption,
                        side_rows=[received_by, ("Date and time", text(issued))],
                        styles=styles, width=width),
        Spacer(1, 6 * mm),
        verification_block(number, code, styles, width, anchor=anchor),
    )
