"""A run of QR asset labels on Avery L7651 sheets (65 per A4 page).

Ours: :func:`printing.labels.render_labels` — one mask pattern per content shape
(:class:`printing.qr.MaskChoice`), modules drawn as whole-number rectangles in a
module-sized coordinate system, the label's three text lines fitted to it.

Floor: the plainest fast code printing the same: for each tag a ``qrcode`` matrix
with a fixed mask pattern (no search), its runs of dark modules written as
whole-number rectangles in a coordinate system one module to the unit, plus the
same three text lines, on a ReportLab canvas with the same fonts and compression.

Reference (the second row): the same canvas code with plain ``qrcode`` choosing
its mask the default way, trying all eight on every code, and its rectangles in
points through ReportLab's path object — how labels were made before issue 15
(2.4 s for 1,000 on a quiet run; the old floor, within 1.04× of the old labels).
All three run interleaved in one loop, so the speed-up is measured in the same
run, under the same load.
"""

from __future__ import annotations

import io
from typing import Any

from bench.cases.documents import dark_runs, qr_rects
from bench.context import BenchContext
from bench.gate import Measurement
from bench.report import Result
from bench.timing import interleave

#: the floor's mask pattern: any of the eight makes a valid code; it is not searched
FLOOR_MASK = 0
SCHOOL = "Example Academy"


def module_rects(c: Any, payload: str, x: float, y: float, size: float, mask: int) -> None:
    """A ``qrcode`` matrix with a fixed mask, its dark runs as whole-number rectangles in a
    coordinate system one module to the unit (the plain fast way to put rectangles in a
    PDF: no point coordinates to format)."""
    n, runs = dark_runs(payload, mask)
    module = size / (n + 8)
    c.saveState()
    c.transform(module, 0, 0, -module, x + 4 * module, y + size - 4 * module)
    c.addLiteral("\n".join(f"{start} {r} {length} 1 re" for r, start, length in runs) + "\nf")
    c.restoreState()


def canvas_labels(payloads: list[tuple[str, str, str]], mask: int | None) -> bytes:
    """Labels drawn straight on a canvas: code, tag, kind and school, L7651 positions.
    ``mask``: a fixed mask, modules as whole-number rectangles (the floor); None: plain
    ``qrcode``'s mask search and rectangles in points, as labels were made before (the
    reference)."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from printing.fonts import BOLD, REGULAR, register_fonts

    register_fonts()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(210 * mm, 297 * mm), invariant=1, pageCompression=1,
               initialFontName=REGULAR)
    for n, (payload, kind, school) in enumerate(payloads):
        pos = n % 65
        if n and pos == 0:
            c.showPage()
        row, col = divmod(pos, 5)
        x = (4.7 + col * 40.6 + 1.5) * mm
        y = (297 - 10.7 - row * 21.2 - 21.2 + 1.5) * mm
        if mask is None:
            qr_rects(c, payload, x, y, 18.2 * mm)
        else:
            module_rects(c, payload, x, y, 18.2 * mm, mask)
        c.setFont(BOLD, 8.5)
        c.drawString(x + 18.2 * mm, y + 12 * mm, payload)
        c.setFont(REGULAR, 6.1)
        c.drawString(x + 18.2 * mm, y + 8 * mm, kind)
        c.setFont(REGULAR, 5.1)
        c.drawString(x + 18.2 * mm, y + 5 * mm, school)
    c.showPage()
    c.save()
    return buf.getvalue()


def tags(n: int) -> list[str]:
    return [f"LT-{i:06d}" for i in range(1, n + 1)]


def measurements(ctx: BenchContext) -> list[Measurement]:
    def labels() -> list[Result]:
        from printing.labels import AssetLabel, render_labels

        n = ctx.scale.labels
        ours_labels = [AssetLabel(t, t, "laptop", SCHOOL) for t in tags(n)]
        payloads = [(t, "Laptop", SCHOOL) for t in tags(n)]
        render = ctx.slowed("labels-reference", ctx.slowed("labels", render_labels))
        ours, floor, reference = interleave(
            lambda _i: render(ours_labels, "avery-l7651"),
            lambda _i: canvas_labels(payloads, FLOOR_MASK),
            lambda _i: canvas_labels(payloads, None),
            runs=ctx.runs(5 if ctx.quick else 7), warmup=1)
        return [
            Result(f"{n:,} QR labels (Avery L7651)", 1.5, key="labels", ours=ours, floor=floor,
                   note=f"floor: plain qrcode with mask pattern {FLOOR_MASK} fixed, whole-number "
                        "rectangles and three text lines on a canvas"),
            Result(f"{n:,} QR labels: speed-up on the reference", 5.0, kind="speedup",
                   key="labels-reference", ours=ours, floor=reference,
                   note="reference = qrcode's default mask search (all eight patterns scored "
                        "per code) and rectangles in points, as labels were made before issue "
                        "15; the floor column holds the reference's time"),
        ]

    return [Measurement(("labels", "labels-reference"), labels)]
