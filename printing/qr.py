"""QR codes drawn as vector modules, with their quiet zone, at a known module size."""

from __future__ import annotations

import functools
from typing import Any

import qrcode
import qrcode.constants
from reportlab.lib.units import mm
from reportlab.pdfgen.pathobject import PDFPathObject
from reportlab.platypus import Flowable

#: the blank margin a QR code needs around it, in modules (ISO/IEC 18004)
QUIET_ZONE = 4

_LEVELS = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}


def qr_matrix(payload: str, level: str = "M") -> list[list[bool]]:
    """The dark/light modules of the smallest QR code holding ``payload`` (no quiet zone)."""
    return [list(row) for row in _matrix(payload, level)]


@functools.lru_cache(maxsize=256)
def _matrix(payload: str, level: str) -> tuple[tuple[bool, ...], ...]:
    """The modules, remembered: a receipt is rendered more than once (archived, printed,
    reprinted, previewed), and ``qrcode`` tries all eight mask patterns each time, which
    was a sixth of a receipt's render time."""
    qr = qrcode.QRCode(error_correction=_LEVELS[level], border=0)
    qr.add_data(payload)
    qr.make(fit=True)
    return tuple(tuple(row) for row in qr.get_matrix())


def modules_with_quiet_zone(matrix: list[list[bool]]) -> int:
    return len(matrix) + 2 * QUIET_ZONE


def draw_qr(canvas: Any, matrix: list[list[bool]], x: float, y: float, size: float) -> float:
    """Draw ``matrix`` filling the square (x, y, size) including its quiet zone.

    The quiet zone is left blank (nothing else may be drawn there). Returns
    the module size in points.
    """
    module = size / modules_with_quiet_zone(matrix)
    n = len(matrix)
    x0 = x + QUIET_ZONE * module
    top = y + size - QUIET_ZONE * module
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        c = 0
        while c < n:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < n and row[c]:
                c += 1
            path.rect(x0 + start * module, top - (r + 1) * module, (c - start) * module, module)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
    return module


class QrFlowable(Flowable):
    """A QR code as a platypus flowable: ``size`` includes the quiet zone."""

    def __init__(self, payload: str, size: float = 30 * mm, level: str = "M") -> None:
        super().__init__()
        self.payload = payload
        self.level = level
        self.matrix = qr_matrix(payload, level)
        self.size = size
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColorRGB(0, 0, 0)
        c.drawPath(_module_path(self.payload, self.level, self.size), stroke=0, fill=1)
        c.restoreState()


class _FixedPath(PDFPathObject):
    """A path whose operators were worked out before (``drawPath`` only asks for the code)."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self._fixed = code

    def getCode(self) -> str:  # noqa: N802 - ReportLab's name
        return self._fixed


@functools.lru_cache(maxsize=256)
def _module_path(payload: str, level: str, size: float) -> _FixedPath:
    """The modules of a QR flowable as path operators, at its own origin: the same
    rectangles :func:`draw_qr` draws, formatted once per code (formatting a few hundred
    rectangles' numbers was a tenth of a receipt's render time)."""
    recorder = _PathRecorder()
    draw_qr(recorder, [list(row) for row in _matrix(payload, level)], 0, 0, size)
    return _FixedPath(recorder.code)


class _PathRecorder:
    """Just enough of a canvas for :func:`draw_qr` to hand over its path."""

    code = ""

    def beginPath(self) -> PDFPathObject:  # noqa: N802 - ReportLab's name
        return PDFPathObject()

    def drawPath(self, path: PDFPathObject, stroke: int = 1, fill: int = 0) -> None:  # noqa: N802
        self.code = path.getCode()

    def saveState(self) -> None:  # noqa: N802
        pass

    def restoreState(self) -> None:  # noqa: N802
        pass

    def setFillColorRGB(self, r: float, g: float, b: float) -> None:  # noqa: N802
        pass
