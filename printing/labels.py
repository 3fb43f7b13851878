"""QR asset labels: one label per asset, laid out on a label sheet or a label roll.

Each label holds a QR code of the asset tag (or the scanner prefix + tag), the
tag in text, the kind and the school's name. Templates are plain data, and
everything a label draws stays inside its own label, clear of the edge by the
template's padding; QR codes keep their 4-module quiet zone and are never
printed with modules smaller than :data:`MIN_MODULE_MM`, the size a desk
scanner reads reliably.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import getAscentDescent
from reportlab.pdfgen.canvas import Canvas

from printing.fonts import BOLD, REGULAR, printable, register_fonts
from printing.label_stock import LabelTemplate, get_template
from printing.layout import ellipsize, fit_font_size
from printing.qr import MaskChoice, draw_qr, modules_with_quiet_zone
from printing.styles import INK, MUTED, RULE
from printing.wording import kind_label

#: smallest QR module printed (mm); below this, scanners misread worn or cheap labels
MIN_MODULE_MM = 0.5


@dataclass(frozen=True)
class AssetLabel:
    payload: str  # what the QR code holds
    tag: str
    kind: str
    school: str
    #: the line under the tag instead of the kind's name (a location's: "Room · ICT office")
    kind_text: str | None = None


def label_payload(tag: str, prefix: str = "") -> str:
    """What a label's QR code holds: the tag, or the scanner prefix followed by the tag."""
    return f"{prefix}{tag}"


class LabelTooSmall(ValueError):
    """The payload needs a QR code too dense for this label."""


def draw_label(canvas: Canvas, label: AssetLabel, box: tuple[float, float, float, float],
               template: LabelTemplate, masks: MaskChoice | None = None) -> None:
    """One label inside ``box`` (points); nothing is drawn outside its padded area.
    ``masks``: the run's mask choices (see :class:`printing.qr.MaskChoice`)."""
    x, y, w, h = box
    pad = template.padding * mm
    ix, iy, iw, ih = x + pad, y + pad, w - 2 * pad, h - 2 * pad
    matrix = (masks or MaskChoice()).matrix(label.payload)
    side = min(ih, template.max_qr * mm, iw / 2)
    module = side / modules_with_quiet_zone(matrix)
    if module < MIN_MODULE_MM * mm - 1e-9:
        raise LabelTooSmall(
            f"the QR code for {label.payload!r} would have {module / mm:.2f} mm modules on "
            f"{template.name} labels (at least {MIN_MODULE_MM} mm is needed to scan "
            "reliably): use a larger label or a shorter tag")
    draw_qr(canvas, matrix, ix, iy + (ih - side) / 2, side)

    # text to the right of the QR code's quiet zone
    tx = ix + side
    tw = ix + iw - tx
    tag = printable(label.tag)
    tag_size = fit_font_size(tag, BOLD, template.tag_size, tw, minimum=4)
    lines = [(ellipsize(tag, BOLD, tag_size, tw), BOLD, tag_size, INK),
             *_kind_and_school(label.kind_text or kind_label(label.kind), label.school,
                               tag_size, tw)]
    metrics = [_line_metrics(font, size) for _, font, size, _c in lines]
    while _block_height(metrics) > ih and len(lines) > 2:  # drop school lines first
        lines.pop()
        metrics.pop()
    block = _block_height(metrics)
    cursor = iy + ih - (ih - block) / 2
    canvas.saveState()
    text = canvas.beginText()  # one text object for the label's lines
    for (line, font, size, colour), (ascent, descent) in zip(lines, metrics, strict=True):
        cursor -= ascent
        text.setFont(font, size)
        text.setFillColor(colour)
        text.setTextOrigin(tx, cursor)
        text.textOut(line)
        cursor -= descent + LINE_GAP * (ascent + descent)
    canvas.drawText(text)
    canvas.restoreState()


@functools.lru_cache(maxsize=128)
def _kind_and_school(kind_text: str, school: str, tag_size: float,
                     width: float) -> tuple[tuple[str, str, float, object], ...]:
    """The kind line and the school's (at most two) lines under a tag of ``tag_size``: the
    same for most labels of a run, so laid out once."""
    kind_size = max(4.0, round(tag_size * 0.72, 2))
    school_size = max(4.0, round(tag_size * 0.6, 2))
    school_lines = simpleSplit(printable(school), REGULAR, school_size, width)
    if len(school_lines) > 2:
        school_lines = [school_lines[0],
                        ellipsize(" ".join(school_lines[1:]), REGULAR, school_size, width)]
    kind_line = ellipsize(printable(kind_text), REGULAR, kind_size, width)
    return ((kind_line, REGULAR, kind_size, INK),
            *((s, REGULAR, school_size, MUTED) for s in school_lines))


#: space between text lines, as a fraction of the line above
LINE_GAP = 0.2


@functools.lru_cache(maxsize=64)
def _line_metrics(font: str, size: float) -> tuple[float, float]:
    ascent, descent = getAscentDescent(font, size)
    return ascent, -descent


def _block_height(metrics: Sequence[tuple[float, float]]) -> float:
    lines = sum(a + d for a, d in metrics)
    return lines + sum(LINE_GAP * (a + d) for a, d in metrics[:-1])


def render_labels(labels: Sequence[AssetLabel], template: LabelTemplate | str = "avery-l7163",
                  *, start: int = 1, outline: bool = False) -> bytes:
    """A PDF of ``labels`` on ``template`` sheets, the first at ``start`` (1-based) on a
    partly used first sheet. ``outline`` draws the label edges (for previews only: real
    label stock is already cut)."""
    register_fonts()
    t = get_template(template) if isinstance(template, str) else template
    if not labels:
        raise ValueError("no labels to print")
    if not 1 <= start <= t.per_sheet:
        raise ValueError(f"the start position must be between 1 and {t.per_sheet} on "
                         f"{t.name} sheets")
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(t.page_width * mm, t.page_height * mm), invariant=1,
                    pageCompression=1, initialFontName=REGULAR)
    canvas.setTitle(f"Asset labels ({len(labels)}, {t.name})")
    canvas.setCreator("Loan Kiosk")
    position = start - 1
    first = True
    masks = MaskChoice()  # one mask pattern per content shape for the whole run
    for label in labels:
        if position == t.per_sheet:
            canvas.showPage()
            position = 0
        if outline and (first or position == 0):
            _outline_sheet(canvas, t)
        first = False
        draw_label(canvas, label, t.label_box(position), t, masks)
        position += 1
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _outline_sheet(canvas: Canvas, template: LabelTemplate) -> None:
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.3)
    for p in range(template.per_sheet):
        x, y, w, h = template.label_box(p)
        canvas.roundRect(x, y, w, h, 1.5 * mm, stroke=1, fill=0)
    canvas.restoreState()
