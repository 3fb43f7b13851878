"""The audit anchor on one page: the token large enough to read aloud or copy by hand,
when it was taken, how many events it pins, and where to keep it (docs/reliability.md,
"Where the anchors go"). Pure layout: the caller says what the anchor is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from printing.fonts import BOLD, printable
from printing.layout import DocumentHeader, build_pdf, fit_font_size, page_size
from printing.styles import INK, RULE, make_styles

TITLE = "Audit anchor"


@dataclass(frozen=True)
class AnchorSheet:
    school: str
    #: the anchor token as ``loan-kiosk audit head`` prints it
    token: str
    #: events in the audit log up to and including the anchored one
    events: int
    taken_at: dt.datetime
    #: the technician who printed or saved it
    technician: str = ""


KEEP = (
    "Keep this page <b>off the desk PC and away from the IT desk</b>: give it to the school's "
    "Data Protection Officer (or the head teacher), who files it with the earlier ones. Take "
    "one at least every week, and after anything unusual at the desk."
)
CHECK = (
    "It pins the audit log as it stands now: every event up to it, in order. If anyone later "
    "rewrites, deletes or rolls back that history, even with the database's own tools, "
    "<font face='{mono}'>loan-kiosk audit verify --anchor {token}</font> will fail and name "
    "this anchor. Ask for that check whenever you want to be sure the log is what it was."
)


def _token_block(token: str, width: float) -> Table:
    size = fit_font_size(token, BOLD, 30, width - 12 * mm, minimum=14)
    style = ParagraphStyle("anchor_token", fontName=BOLD, fontSize=size, leading=size * 1.25,
                           textColor=INK, alignment=1)
    table = Table([[Paragraph(printable(token), style)]], colWidths=[width])
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.2, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 7 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7 * mm),
    ]))
    return table


def render_anchor_sheet(sheet: AnchorSheet, *, size: str = "A4",
                        logo: Path | None = None) -> bytes:
    """The one-page PDF of ``sheet``."""
    styles = make_styles()
    width = page_size(size)[0] - 2 * 18 * mm
    when = sheet.taken_at.astimezone(dt.UTC)
    local = f"{when.day} {when:%B %Y, %H:%M} UTC"
    story: list[Flowable] = [
        Paragraph(f"Audit anchor of <b>{printable(sheet.school)}</b>'s Loan Kiosk, taken "
                  f"{local}, when the audit log held {sheet.events} events and was checked "
                  "intact.", styles.body),
        Spacer(1, 6 * mm),
        _token_block(sheet.token, width),
        Spacer(1, 6 * mm),
        Paragraph("Where to keep it", styles.heading),
        Paragraph(KEEP, styles.body),
        Paragraph("What it is for", styles.heading),
        Paragraph(CHECK.format(mono="Courier", token=printable(sheet.token)), styles.body),
    ]
    if sheet.technician:
        story += [Spacer(1, 4 * mm),
                  Paragraph(f"Printed by {printable(sheet.technician)}. Received by "
                            "(name, signature, date): ______________________________",
                            styles.muted)]
    header = DocumentHeader(school=sheet.school, title=TITLE, number=sheet.token.split("-")[0],
                            logo=logo, footer_note=f"{sheet.school} · audit anchor {sheet.token}",
                            number_label="Audit event")
    return build_pdf(story, header, size=size, subject=f"{TITLE} {sheet.token}",
                     keywords=f"LKA:{sheet.token}")
