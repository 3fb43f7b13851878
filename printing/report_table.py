"""A report (on loan, overdue, leavers, unencrypted, an asset's or a person's history) as a
printable PDF: the school's page furniture, a line saying what it is, and one table whose
heading repeats on every page. Wide reports go on a landscape page."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from printing.fonts import BOLD, REGULAR, register_fonts
from printing.layout import MARGIN_X, DocumentHeader, build_pdf, page_size
from printing.styles import items_table_style, make_styles
from printing.wording import text

#: more columns than this go on a landscape page
PORTRAIT_COLUMNS = 6


#: a cell's padding, left and right (items_table_style)
_PADDING = 5.0


def _longest_word(text_: str, font: str, size: float) -> float:
    return max((stringWidth(word, font, size) for word in text_.split()), default=0.0)


def column_widths(headings: Sequence[str], rows: Sequence[Sequence[str]],
                  weights: Sequence[float] | None, width: float) -> list[float]:
    """Shares of ``width`` by ``weights``, each column at least as wide as its longest word
    (so "incomplete" is never broken across lines); the others give up the room."""
    share = list(weights or [1.0] * len(headings))
    need = [max(_longest_word(h, BOLD, 8), *(_longest_word(r[i], REGULAR, 8) for r in rows))
            + _PADDING for i, h in enumerate(headings)]
    widths = [width * w / sum(share) for w in share]
    short = sum(max(0.0, n - w) for n, w in zip(need, widths, strict=True))
    spare = sum(max(0.0, w - n) for n, w in zip(need, widths, strict=True))
    if short <= 0 or spare <= 0:
        return widths
    give = min(1.0, short / spare)
    return [n if w < n else w - (w - n) * give for n, w in zip(need, widths, strict=True)]


def render_report(title: str, headings: Sequence[str], rows: Sequence[Sequence[str]], *,
                  school: str, made: str, summary: str, weights: Sequence[float] | None = None,
                  logo: Path | None = None, size: str = "A4") -> bytes:
    """The PDF of one report. ``rows`` are the cells as they should read; ``weights`` share
    the width between the columns (equal when None); ``made`` says when it was made."""
    register_fonts()
    styles = make_styles()
    landscape = len(headings) > PORTRAIT_COLUMNS
    header = DocumentHeader(school=school, title=title, number=made, logo=logo,
                            footer_note=f"{title} — {made}", number_label="Made")
    parts: list[Flowable] = [Paragraph(text(summary), styles.body), Spacer(1, 3 * mm)]
    if rows:
        page_width = max(page_size(size)) if landscape else min(page_size(size))
        page_width -= 2 * MARGIN_X
        widths = column_widths(headings, rows, weights, page_width)
        data = [[Paragraph(text(h), styles.head_cell) for h in headings]]
        data += [[Paragraph(text(cell), styles.cell) for cell in row] for row in rows]
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(items_table_style(len(data)))
        parts.append(table)
    else:
        parts.append(Paragraph("Nothing to report.", styles.body))
    return build_pdf(parts, header, size=size, subject=title, keywords="Loan Kiosk report",
                     landscape=landscape)
