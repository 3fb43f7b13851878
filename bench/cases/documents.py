"""Printed documents: a leaver receipt PDF (QR label sheets: :mod:`bench.cases.labels`).

Ours: :func:`printing.render.render_receipt` of a leaver return with 10 items and a
signature, sealed by :func:`app.fingerprint.seal` as the documents service does. Floor:
a ReportLab canvas drawing the same text (same bundled fonts), the table's lines, the
signature's strokes and the verification QR code (plain ``qrcode`` matrix as rectangles) directly,
compressed the same way, with no layout engine. Every run renders a receipt
with a different number, so neither side can answer from a cache of an
earlier run (a desk renders each receipt once).
"""

from __future__ import annotations

import io
import math
from typing import Any

from bench.context import BenchContext
from bench.gate import Measurement
from bench.report import Result
from bench.timing import compare


def leaver_content(n_items: int = 10) -> dict[str, Any]:
    items = []
    for i in range(1, n_items + 1):
        returned = i % 4 != 0
        items.append({
            "tag": f"LT-{i:06d}", "kind": ("laptop", "phone", "tablet")[i % 3], "make": "Dell",
            "model": "Latitude 5440", "serial": f"SN{i:09d}",
            "encryption": "Encrypted (BitLocker, 12 Mar 2026)" if i % 3 else "Not encrypted",
            "encrypted": bool(i % 3), "condition": "ok" if returned else None,
            "outcome": "returned" if returned else "not_returned",
            "note": None if returned else "Left at home; will post it",
            "out_at": "2026-01-05T09:00:00+00:00", "due_on": "2026-12-31",
        })
    return {
        "number": "R-2026-0042", "kind": "leaver_return", "issued_at": "2026-11-24T10:00:00+00:00",
        "school": "Example Academy",
        "person": {"staff_code": "SOB", "first_name": "Siân", "last_name": "Ó Briain",
                   "name": "Siân Ó Briain", "department": "Science", "email": "sob@example.org",
                   "leaving_date": "2026-12-18"},
        "items": items, "technician": {"username": "jtech", "name": "Jo Technician"},
        "signature_id": 7,
    }


def signature_strokes() -> list[list[list[float]]]:
    strokes = []
    for s in range(3):
        pts = []
        for i in range(80):
            t = i / 79
            pts.append([i * 8.0, 700 + s * 550 + t * 480, 1250 + 320 * math.sin(t * 7 + s),
                        0.4 + 0.4 * t])
        strokes.append(pts)
    return strokes


def numbered(content: dict[str, Any], i: int) -> dict[str, Any]:
    """The same receipt under run ``i``'s own number (so its QR payload differs too)."""
    return {**content, "number": f"R-2026-{1000 + i:04d}"}


def dark_runs(payload: str, mask: int | None = None) -> tuple[int, list[tuple[int, int, int]]]:
    """Plain ``qrcode``'s code for ``payload`` (``mask``: that mask pattern, else its search
    of all eight): the matrix's size and its runs of dark modules, (row, first column, length)."""
    import qrcode
    import qrcode.constants

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0,
                       mask_pattern=mask)
    qr.add_data(payload)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    runs = []
    for r, line in enumerate(matrix):
        start = None
        for col, dark in enumerate([*line, False]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                runs.append((r, start, col - start))
                start = None
    return len(matrix), runs


def qr_rects(c: Any, payload: str, x: float, y: float, size: float) -> None:
    """A QR code as plain ``qrcode`` makes it (all eight masks tried), drawn as one path of
    rectangles in points, one per run of dark modules."""
    n, runs = dark_runs(payload)
    module = size / (n + 8)
    path = c.beginPath()
    for r, start, length in runs:
        path.rect(x + (4 + start) * module, y + size - (5 + r) * module, length * module, module)
    c.drawPath(path, stroke=0, fill=1)


def _receipt_floor(content: dict[str, Any], strokes: list[list[list[float]]]) -> bytes:
    import hashlib
    import json

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from printing.fonts import BOLD, REGULAR, register_fonts

    register_fonts()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1, pageCompression=1, initialFontName=REGULAR)
    w, h = A4
    y = h - 50
    c.setFont(BOLD, 16)
    c.drawString(50, y, content["school"])
    c.drawString(300, y, "Return of school property")
    y -= 30
    c.setFont(REGULAR, 9)
    p = content["person"]
    for label, value in (("Leaver", p["name"]), ("Staff code", p["staff_code"]),
                         ("Department", p["department"]), ("Leaving date", p["leaving_date"]),
                         ("Date and time", content["issued_at"]),
                         ("Receipt number", content["number"])):
        c.drawString(50, y, label)
        c.drawString(160, y, value)
        y -= 13
    y -= 10
    cols = (50, 70, 130, 170, 260, 330, 430, 480)
    c.setFont(BOLD, 8)
    for x, t in zip(cols, ("#", "Asset tag", "Kind", "Make / model", "Serial", "Encryption",
                           "Condition", "Outcome"), strict=True):
        c.drawString(x, y, t)
    c.setFont(REGULAR, 8)
    for i, item in enumerate(content["items"], 1):
        y -= 18
        c.line(50, y + 14, w - 50, y + 14)
        for x, t in zip(cols, (str(i), item["tag"], item["kind"],
                               f"{item['make']} {item['model']}", item["serial"],
                               item["encryption"], item["condition"] or "—", item["outcome"]),
                        strict=True):
            c.drawString(x, y, t)
        if item["note"]:
            c.drawString(480, y - 9, item["note"])
    y -= 40
    for line in ("All equipment listed on this receipt was lent by Example Academy and remains "
                 "the property of the school.",
                 "The items marked Returned were handed back to the IT desk on this date.",
                 "The items marked Not returned have not been handed back.",
                 "By signing, the leaver confirms that this list is correct."):
        c.drawString(50, y, line)
        y -= 12
    y -= 90
    c.rect(50, y, 250, 80)
    path = c.beginPath()
    for stroke in strokes:
        x0, y0 = stroke[0][1], stroke[0][2]
        path.moveTo(50 + (x0 - 500) / 2150 * 250, y + (2100 - y0) / 1700 * 80)
        for _t, x, yy, _p in stroke[1:]:
            path.lineTo(50 + (x - 500) / 2150 * 250, y + (2100 - yy) / 1700 * 80)
    c.drawPath(path, stroke=1, fill=0)
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, separators=(",", ":"),
                                       ensure_ascii=False).encode()).hexdigest()[:16]
    qr_rects(c, f"LKR:{content['number']}:{digest}", 320, y, 80)
    c.drawString(410, y + 40, f"{content['number']} · {digest}")
    c.drawString(50, 40, f"{content['school']} · {content['number']} · page 1 of 1")
    c.showPage()
    c.save()
    return buf.getvalue()


def measurements(ctx: BenchContext) -> list[Measurement]:
    def receipt() -> list[Result]:
        from app.fingerprint import seal
        from ink.signature import SignatureData
        from printing.render import render_receipt

        content = leaver_content()
        strokes = signature_strokes()
        sig = SignatureData.from_dict({"strokes": strokes, "window": [500, 400, 2650, 2100]})
        render = ctx.slowed("receipt", render_receipt)
        r_ours, r_floor = compare(lambda i: render(seal(numbered(content, i)), sig),
                                  lambda i: _receipt_floor(numbered(content, i), strokes),
                                  runs=ctx.runs(20 if ctx.quick else 40), warmup=2)
        return [Result("leaver receipt PDF (10 items + signature)", 3.0, key="receipt",
                       ours=r_ours, floor=r_floor)]

    return [Measurement(("receipt",), receipt)]
