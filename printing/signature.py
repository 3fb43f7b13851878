"""A signature drawn as vector paths on a ReportLab canvas (for receipts).

Vector ink stays sharp at any zoom and on any printer, and a receipt PDF holds
the strokes rather than a bitmap. The geometry (smoothing, aspect-preserving
fit, pressure → width) comes from :mod:`ink.geometry`, so the receipt
shows the same ink as the screen.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from ink.geometry import ink_runs
from ink.signature import SignatureData

#: a ballpoint-ish line on paper, in points
DEFAULT_LINE_WIDTH = 1.1
DEFAULT_INK = colors.Color(0.06, 0.09, 0.25)


def draw_signature(canvas: Canvas, sig: SignatureData, x: float, y: float,
                   width: float, height: float, *, line_width: float = DEFAULT_LINE_WIDTH,
                   color: Any = DEFAULT_INK) -> None:
    """Draw ``sig`` inside the box whose lower-left corner is (x, y), in points.

    The ink is scaled to fill the box as far as its aspect ratio allows and
    centred; nothing is drawn outside the box (the line width is kept inside
    the margin). An empty signature draws nothing. The canvas state (colour,
    line width, caps) is restored afterwards.
    """
    if width <= 0 or height <= 0 or not sig.strokes:
        return
    runs = ink_runs(sig, width, height, base_width=line_width)
    canvas.saveState()
    try:
        canvas.setStrokeColor(color)
        canvas.setFillColor(color)
        canvas.setLineCap(1)  # round
        canvas.setLineJoin(1)  # round
        for run in runs:
            # box coordinates grow downwards; PDF's grow upwards
            pts = [(x + px, y + height - py) for px, py in run.points]
            if run.is_dot:
                canvas.circle(pts[0][0], pts[0][1], run.width / 2, stroke=0, fill=1)
                continue
            path = canvas.beginPath()
            path.moveTo(*pts[0])
            for px, py in pts[1:]:
                path.lineTo(px, py)
            canvas.setLineWidth(run.width)
            canvas.drawPath(path, stroke=1, fill=0)
    finally:
        canvas.restoreState()
