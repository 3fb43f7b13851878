"""A stocktake's report: what was found, missing, unexpected and on loan, as a PDF.

Plain data in (made by :mod:`app.services.documents.stocktake_reports`), PDF bytes out:
the school's page furniture, a summary, then one table per section whose heading repeats
on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from printing.fonts import register_fonts
from printing.layout import MARGIN_X, DocumentHeader, build_pdf, page_size
from printing.report_table import column_widths
from printing.styles import items_table_style, make_styles
from printing.wording import text


@dataclass(frozen=True)
class Section:
    """One of the report's lists: its title, column headings and rows of cells as they read."""

    title: str
    headings: Sequence[str]
    rows: Sequence[Sequence[str]]
    #: said when the list is empty
    empty: str = "None."
    #: how the width is shared between the columns (equal when None)
    weights: Sequence[float] | None = None


def render_stocktake_report(title: str, summary: Sequence[str], sections: Sequence[Section], *,
                            school: str, made: str, logo: Path | None = None,
                            size: str = "A4") -> bytes:
    register_fonts()
    styles = make_styles()
    header = DocumentHeader(school=school, title=title, number=made, logo=logo,
                            footer_note=f"{title} — {made}", number_label="Closed")
    parts: list[Flowable] = [Paragraph(text(line), styles.body) for line in summary]
    parts.append(Spacer(1, 3 * mm))
    width = min(page_size(size)) - 2 * MARGIN_X
    for section in sections:
        parts.append(Paragraph(text(f"{section.title} ({len(section.rows)})"), styles.heading))
        if not section.rows:
            parts.append(Paragraph(text(section.empty), styles.body))
            continue
        data = [[Paragraph(text(h), styles.head_cell) for h in section.headings]]
        data += [[Paragraph(text(cell), styles.cell) for cell in row] for row in section.rows]
        table = Table(data, colWidths=column_widths(section.headings, section.rows, section.weights, width),
                      repeatRows=1, hAlign="LEFT")
        table.setStyle(items_table_style(len(data)))
        parts.append(table)
    return build_pdf(parts, header, size=size, subject=title, keywords="Loan Kiosk stocktake")
