"""The page every document shares: school name and logo, title, document number,
"Page n of m", and the PDF's metadata and embedded files.

Page totals need the whole document laid out first, so the canvas keeps each
finished page and draws the header and footer on all of them at the end (the
ReportLab "numbered canvas" pattern). Output is deterministic (ReportLab's
invariant mode): the same content renders to the same bytes.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from printing.fonts import BOLD, REGULAR, printable, register_fonts
from printing.styles import INK, MUTED, RULE

log = logging.getLogger(__name__)

PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "Letter": LETTER}

MARGIN_X = 18 * mm
HEADER_HEIGHT = 30 * mm  # from the top edge to the rule under the header
FOOTER_HEIGHT = 16 * mm
LOGO_BOX = 17 * mm


def page_size(name: str) -> tuple[float, float]:
    """``"A4"`` or ``"Letter"`` (any case) → size in points."""
    for key, size in PAGE_SIZES.items():
        if key.lower() == name.strip().lower():
            return size
    raise ValueError(f"unknown page size {name!r}: use A4 or Letter")


@dataclass(frozen=True)
class Attachment:
    """A file embedded in the PDF (e.g. the receipt's canonical content)."""

    name: str
    data: bytes
    mime: str = "application/octet-stream"
    description: str = ""


@dataclass(frozen=True)
class DocumentHeader:
    school: str
    title: str
    number: str
    logo: Path | None = None
    #: left of the footer on every page, e.g. the verification code
    footer_note: str = ""
    #: the words above ``number`` (a report shows when it was made instead)
    number_label: str = "Document number"


def fit_font_size(text: str, font: str, size: float, width: float, minimum: float = 5) -> float:
    """The largest size ≤ ``size`` at which ``text`` fits in ``width`` (not below ``minimum``)."""
    while size > minimum and stringWidth(text, font, size) > width:
        size -= 0.25
    return size


def ellipsize(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so it fits ``width``."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _draw_logo(canvas: Canvas, logo: Path, x: float, y: float, box: float) -> bool:
    try:
        reader = ImageReader(str(logo))
        iw, ih = reader.getSize()
    except Exception as exc:  # a missing or broken logo must never stop a receipt
        log.warning("school logo %s not drawn: %s", logo, exc)
        return False
    scale = min(box / iw, box / ih)
    w, h = iw * scale, ih * scale
    canvas.drawImage(reader, x, y + (box - h) / 2, w, h, mask="auto")
    return True


def draw_page_furniture(canvas: Canvas, header: DocumentHeader, page: int, total: int) -> None:
    """Header (logo, school, title, number) and footer (note, "Page n of m") on one page."""
    width, height = canvas._pagesize
    top = height - 12 * mm
    right = width - MARGIN_X
    text_x = MARGIN_X
    canvas.saveState()
    if header.logo is not None and _draw_logo(
        canvas, header.logo, MARGIN_X, top - LOGO_BOX, LOGO_BOX
    ):
        text_x = MARGIN_X + LOGO_BOX + 4 * mm

    number_label = printable(header.number)
    school = printable(header.school)
    title = printable(header.title)
    number_size = 12.0
    number_w = stringWidth(number_label, BOLD, number_size)
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 8)
    canvas.drawRightString(right, top - 3 * mm, printable(header.number_label))
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, number_size)
    canvas.drawRightString(right, top - 8.5 * mm, number_label)

    avail = right - number_w - 8 * mm - text_x
    school_size = fit_font_size(school, BOLD, 11, avail)
    canvas.setFont(BOLD, school_size)
    canvas.setFillColor(MUTED)
    canvas.drawString(text_x, top - 4 * mm, ellipsize(school, BOLD, school_size, avail))
    title_size = fit_font_size(title, BOLD, 17, avail, minimum=10)
    canvas.setFont(BOLD, title_size)
    canvas.setFillColor(INK)
    canvas.drawString(text_x, top - 11.5 * mm, ellipsize(title, BOLD, title_size, avail))

    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.8)
    rule_y = height - HEADER_HEIGHT + 4 * mm
    canvas.line(MARGIN_X, rule_y, right, rule_y)

    foot_y = FOOTER_HEIGHT - 7 * mm
    canvas.line(MARGIN_X, FOOTER_HEIGHT - 3 * mm, right, FOOTER_HEIGHT - 3 * mm)
    canvas.setFont(REGULAR, 8)
    canvas.setFillColor(MUTED)
    page_text = f"Page {page} of {total}"
    canvas.drawRightString(right, foot_y, page_text)
    note_w = right - MARGIN_X - stringWidth(page_text, REGULAR, 8) - 10 * mm
    canvas.drawString(MARGIN_X, foot_y,
                      ellipsize(printable(header.footer_note), REGULAR, 8, note_w))
    canvas.restoreState()


def _attach(canvas: Canvas, attachments: Sequence[Attachment]) -> None:
    """Embed files (PDF "EmbeddedFiles" name tree); readers list them as attachments.

    ReportLab has no public API for this, so the catalog entry is built from
    its PDF object classes.
    """
    if not attachments:
        return
    doc = canvas._doc
    names: list[Any] = []
    for att in sorted(attachments, key=lambda a: a.name):
        stream = PDFStream(
            PDFDictionary({
                "Type": PDFName("EmbeddedFile"),
                "Subtype": PDFName(att.mime.replace("/", "#2F")),
                "Params": PDFDictionary({"Size": len(att.data)}),
            }),
            content=att.data,
        )
        spec = PDFDictionary({
            "Type": PDFName("Filespec"),
            "F": PDFString(att.name),
            "UF": PDFString(att.name),
            "Desc": PDFString(att.description or att.name),
            "EF": PDFDictionary({"F": doc.Reference(stream)}),
        })
        names.extend([PDFString(att.name), doc.Reference(spec)])
    tree = PDFDictionary({"Names": PDFArray(names)})
    canvas.setCatalogEntry("Names", PDFDictionary({"EmbeddedFiles": doc.Reference(tree)}))


def _canvas_class(header: DocumentHeader, attachments: Sequence[Attachment],
                  keywords: str) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Holds finished pages until the end, then stamps "Page n of m" on each."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                draw_page_furniture(self, header, self._pageNumber, total)
                super().showPage()
            self.setKeywords(keywords)
            _attach(self, attachments)
            super().save()

    return NumberedCanvas


def build_pdf(story: Sequence[Flowable], header: DocumentHeader, *, size: str = "A4",
              subject: str = "", keywords: str = "",
              attachments: Sequence[Attachment] = (), landscape: bool = False) -> bytes:
    """Lay out ``story`` on our page template and return the PDF bytes."""
    register_fonts()
    pagesize = page_size(size)
    if landscape:
        pagesize = (max(pagesize), min(pagesize))
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf, pagesize=pagesize, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
        topMargin=HEADER_HEIGHT, bottomMargin=FOOTER_HEIGHT + 2 * mm,
        title=f"{header.title} {header.number}", author=header.school, subject=subject,
        creator="Loan Kiosk", invariant=1, lang="en-GB", initialFontName=REGULAR,
        initialFontSize=9.5,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=pagesize)])
    doc.build(list(story), canvasmaker=_canvas_class(header, attachments, keywords))
    return buf.getvalue()
