"""The leaver's return receipt: "Return of school property".

Lists every item the leaver held with its outcome, states the policy in plain
words, carries the leaver's signature and the verification block.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from ink.signature import SignatureData
from printing.blocks import CellParagraph, details_grid, items_grid, signed_closing
from printing.styles import Styles
from printing.wording import (
    condition_label,
    data_label,
    fmt_date,
    fmt_datetime,
    kind_label,
    make_model,
    outcome_label,
    plural,
    text,
)

TITLE = "Return of school property"

#: column titles and relative widths (they fill the page width)
_COLUMNS = (
    ("#", 6), ("Asset tag", 18), ("Kind", 11.5), ("Make / model", 28.5), ("Serial", 24),
    ("Encryption at return", 33), ("Condition", 19), ("Outcome", 34),
)


#: a note longer than this is cut in the table and printed in full below it
#: (a table row must fit on one page)
NOTE_IN_CELL = 240


def _long_note(item: Mapping[str, Any]) -> bool:
    return len(str(item.get("note") or "")) > NOTE_IN_CELL


def _outcome_cell(item: Mapping[str, Any], styles: Styles) -> list[Paragraph]:
    outcome = item.get("outcome")
    label = outcome_label(outcome)
    style = styles.cell_bold if outcome == "returned" else styles.alert
    cell = [CellParagraph(f"<b>{text(label)}</b>", style)]
    note = item.get("note")
    if note and _long_note(item):
        cut = str(note)[:NOTE_IN_CELL - 40].rstrip()
        cell.append(CellParagraph(f"{text(cut)}… <i>(in full under Notes)</i>", styles.cell))
    elif note:
        cell.append(CellParagraph(text(note), styles.cell))
    data = data_label(item)
    if data:
        cell.append(CellParagraph(f"<i>{text(data)}</i>", styles.cell))
    return cell


def long_notes(items: list[Mapping[str, Any]], styles: Styles) -> list[Flowable]:
    """Notes too long for the table, in full (they may run over pages)."""
    long = [(n, i) for n, i in enumerate(items, 1) if _long_note(i)]
    if not long:
        return []
    parts: list[Flowable] = [Paragraph("Notes", styles.heading)]
    for n, item in long:
        parts.append(Paragraph(
            f"<b>{n}. {text(item.get('tag'))}</b>: {text(item.get('note'))}", styles.body))
    return parts


def items_table(items: list[Mapping[str, Any]], styles: Styles, width: float) -> Table:
    return items_grid(_COLUMNS, [[
        CellParagraph(str(i), styles.cell),
        CellParagraph(text(item.get("tag")), styles.cell_bold),
        CellParagraph(kind_label(item.get("kind")), styles.cell),
        CellParagraph(text(make_model(item)), styles.cell),
        CellParagraph(text(item.get("serial")), styles.cell),
        CellParagraph(text(item.get("encryption")), styles.cell),
        CellParagraph(condition_label(item.get("condition")), styles.cell),
        _outcome_cell(item, styles),
    ] for i, item in enumerate(items, 1)], styles, width)


def story(content: Mapping[str, Any], signature: SignatureData | None, code: str,
          styles: Styles, width: float) -> list[Flowable]:
    person = content.get("person") or {}
    items = list(content.get("items") or [])
    tech = content.get("technician") or {}
    school = text(content.get("school"))
    name = text(person.get("name"))
    issued = fmt_datetime(content.get("issued_at"))
    returned = [i for i in items if i.get("outcome") == "returned"]
    missing = [i for i in items if i.get("outcome") != "returned"]

    parts: list[Flowable] = [
        details_grid([
            ("Leaver", name),
            ("Staff code", text(person.get("staff_code"))),
            ("Department", text(person.get("department"))),
            ("Leaving date", fmt_date(person.get("leaving_date"))),
            ("Date and time", text(issued)),
            ("Received by", text(tech.get("name"))),
        ], styles, width),
        Spacer(1, 5 * mm),
        Paragraph("Equipment held", styles.heading),
    ]
    if items:
        summary = f"{name} held {plural(len(items), 'item')} of school equipment: " \
                  f"{len(returned)} returned"
        if missing:
            summary += f", <b>{len(missing)} not returned</b>"
        parts += [Paragraph(summary + ".", styles.body), items_table(items, styles, width),
                  *long_notes(items, styles)]
    else:
        parts.append(Paragraph(
            f"No school equipment was on loan to {name} when they left.", styles.body))

    statement = [
        Paragraph("Statement", styles.heading),
        Paragraph(
            f"All equipment listed on this receipt was lent by {school} and remains the "
            "property of the school.", styles.body),
    ]
    if returned:
        statement.append(Paragraph(
            "The items marked <b>Returned</b> were handed back to the IT desk on this date, "
            "in the condition shown.", styles.body))
    if missing:
        statement.append(Paragraph(
            "The items marked <b>Not returned</b> have not been handed back. They are still "
            "school property, and the school will take steps to recover them.", styles.body))
    if any(data_label(i) for i in items):
        statement.append(Paragraph(
            "For each item lent with personal data, the receipt says how that data was dealt "
            "with when it came back, as the acceptable use policy requires.", styles.body))
    statement.append(Paragraph(
        f"By signing, {name} confirms that this list is correct. Please keep this receipt: "
        "it is your record of what you returned.", styles.body))

    closing = signed_closing(
        statement, signature, signer_caption=f"Signature of {name} (leaver)",
        received_by=("Received by (IT desk)", text(tech.get("name"))), issued=issued,
        number=str(content.get("number")), code=code, styles=styles, width=width,
            anchor=content.get("anchor"))
    parts += [Spacer(1, 2 * mm), closing]
    return parts
