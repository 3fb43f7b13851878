"""The trip phone sheet: which school phones went on a trip, their numbers and
IMEIs, signed by the trip leader. It travels with the trip."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from ink.signature import SignatureData
from printing.blocks import closing_section, details_grid, signature_block, verification_block
from printing.styles import Styles, items_table_style
from printing.wording import fmt_date, fmt_datetime, make_model, text

TITLE = "Trip phone sheet"

_COLUMNS = (
    ("#", 7), ("Asset tag", 25), ("Make / model", 40), ("Phone number", 36),
    ("IMEI", 42), ("Due back", 24),
)


def phones_table(items: list[Mapping[str, Any]], styles: Styles, width: float) -> Table:
    total = sum(w for _, w in _COLUMNS)
    widths = [width * w / total for _, w in _COLUMNS]
    data: list[list[Any]] = [[Paragraph(t, styles.head_cell) for t, _ in _COLUMNS]]
    for i, item in enumerate(items, 1):
        data.append([
            Paragraph(str(i), styles.cell),
            Paragraph(text(item.get("tag")), styles.cell_bold),
            Paragraph(text(make_model(item)), styles.cell),
            Paragraph(text(item.get("phone_number")), styles.cell_bold),
            Paragraph(text(item.get("imei")), styles.cell),
            Paragraph(fmt_date(item.get("due_on")), styles.cell),
        ])
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(items_table_style(len(data)))
    return table


def _dates(trip: Mapping[str, Any]) -> str:
    start, end = trip.get("start_date"), trip.get("end_date")
    if start and end and start != end:
        return f"{fmt_date(start)} – {fmt_date(end)}"
    return fmt_date(start or end)


def story(content: Mapping[str, Any], signature: SignatureData | None, code: str,
          styles: Styles, width: float) -> list[Flowable]:
    trip = content.get("trip") or {}
    leader = content.get("leader") or {}
    items = list(content.get("items") or [])
    tech = content.get("technician") or {}
    leader_name = text(leader.get("name"))
    issued = fmt_datetime(content.get("issued_at"))
    parts: list[Flowable] = [
        details_grid([
            ("Trip", text(trip.get("name"))),
            ("Destination", text(trip.get("destination"))),
            ("Dates", _dates(trip)),
            ("Issued", text(issued)),
            ("Trip leader", leader_name),
            ("Staff code", text(leader.get("staff_code"))),
            ("Department", text(leader.get("department"))),
            ("Email", text(leader.get("email"))),
        ], styles, width, plain=("Email",)),
        Spacer(1, 5 * mm),
        Paragraph("Phones with this trip", styles.heading),
    ]
    if items:
        parts.append(phones_table(items, styles, width))
    else:
        parts.append(Paragraph("No phones are out with this trip.", styles.body))
    parts.append(Spacer(1, 2 * mm))
    parts.append(closing_section(
        Paragraph("While you are away", styles.heading),
        Paragraph(
            "This sheet travels with the trip: keep it with the phones. The phones belong to "
            f"{text(content.get('school'))}; use them for school contact only.", styles.body),
        Paragraph(
            "If a phone is lost or stolen, tell the IT desk at once so its SIM can be "
            "blocked, and note which phone it was on this sheet.", styles.body),
        Paragraph("Bring every phone back to the IT desk by the due date.", styles.body),
        Spacer(1, 3 * mm),
        signature_block(
            signature,
            signer_caption=f"Signature of {leader_name} (trip leader)",
            side_rows=[
                ("Issued by (IT desk)", text(tech.get("name"))),
                ("Date and time", text(issued)),
            ],
            styles=styles, width=width),
        Spacer(1, 6 * mm),
        verification_block(str(content.get("number")), code, styles, width, what="sheet",
                           anchor=content.get("anchor")),
    ))
    return parts
