"""Paragraph and table styles shared by every document (all in the bundled fonts)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from printing.fonts import BOLD, REGULAR, register_fonts

INK = colors.Color(0.10, 0.11, 0.13)
MUTED = colors.Color(0.38, 0.40, 0.44)
RULE = colors.Color(0.72, 0.74, 0.78)
HEAD_FILL = colors.Color(0.90, 0.92, 0.95)
ZEBRA = colors.Color(0.965, 0.97, 0.98)
ALERT = colors.Color(0.70, 0.10, 0.08)
ALERT_FILL = colors.Color(0.99, 0.93, 0.92)


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    heading: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    value_plain: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    head_cell: ParagraphStyle
    alert: ParagraphStyle
    warning: ParagraphStyle
    code: ParagraphStyle


def make_styles() -> Styles:
    register_fonts()

    def style(name: str, size: float, *, font: str = REGULAR, color: Any = INK,
              leading: float | None = None, space_after: float = 0, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.3,
                              textColor=color, alignment=TA_LEFT, spaceAfter=space_after, **kw)

    return Styles(
        body=style("body", 9.5, space_after=4),
        small=style("small", 8),
        muted=style("muted", 8, color=MUTED),
        heading=style("heading", 11.5, font=BOLD, space_after=4, spaceBefore=8),
        label=style("label", 8.5, color=MUTED),
        value=style("value", 9.5, font=BOLD),
        value_plain=style("value_plain", 9),
        cell=style("cell", 8, leading=9.8),
        cell_bold=style("cell_bold", 8, font=BOLD, leading=9.8),
        head_cell=style("head_cell", 8, font=BOLD, leading=9.6),
        alert=style("alert", 8, color=ALERT, leading=9.8),
        warning=style("warning", 8.5, color=ALERT, space_after=4),
        code=style("code", 11, font=BOLD, leading=14),
    )


def items_table_style(rows: int) -> TableStyle:
    """A readable list: shaded header (repeated on each page), light zebra rows, thin rules."""
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for r in range(2, rows, 2):
        commands.append(("BACKGROUND", (0, r), (-1, r), ZEBRA))
    return TableStyle(commands)


def details_table_style() -> TableStyle:
    return TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ])
