"""QR codes drawn as vector modules, with their quiet zone, at a known module size."""

from __future__ import annotations

import functools
import re
from typing import Any

import qrcode
import qrcode.constants
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

#: the blank margin a QR code needs around it, in modules (ISO/IEC 18004)
QUIET_ZONE = 4

_LEVELS = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}

Matrix = list[list[bool]]


def qr_matrix(payload: str, level: str = "M") -> Matrix:
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


class MaskChoice:
    """QR matrices for a run of similar codes (a sheet of asset labels), choosing the mask
    pattern once per content shape.

    ``qrcode`` scores all eight mask patterns for every code (ISO/IEC 18004's penalty
    rules) and keeps the best: seven eighths of the work thrown away, and most of a
    label run's time. Every mask pattern makes a valid code — the penalty only steers
    away from large blocks and finder-like runs. Codes of the same *shape* (error
    correction level, version, and the encoding mode and length of each segment: the
    tags ``LT-000123`` and ``LT-000124``) differ only in their data bits, so the first
    code of each shape gets the full search and the others of that shape reuse its
    mask. ``tests/unit/printing/test_label_masks.py`` decodes every such label with
    zxing-cpp at its printed size and as a 200 dpi printer would print it.
    """

    def __init__(self, level: str = "M") -> None:
        self.level = level
        #: shape (the data segments' modes and lengths) -> (version, mask pattern)
        self.masks: dict[tuple[Any, ...], tuple[int, int]] = {}

    def matrix(self, payload: str) -> Matrix:
        qr = qrcode.QRCode(error_correction=_LEVELS[self.level], border=0)
        qr.add_data(payload)
        shape = tuple((d.mode, len(d.data)) for d in qr.data_list)
        known = self.masks.get(shape)
        if known is None:
            # the segments fix the version (qrcode counts the bits); the first code of the
            # shape gets the full mask search
            version = qr.best_fit()
            known = self.masks[shape] = (version, qr.best_mask_pattern())
        else:
            qr.version = known[0]
        qr.makeImpl(False, known[1])
        return qr.modules


def modules_with_quiet_zone(matrix: Matrix) -> int:
    return len(matrix) + 2 * QUIET_ZONE


_DARK_RUN = re.compile(rb"\x01+")


#: a row's modules -> its dark runs as operator pieces ("x ", " w 1 re"): the rows of codes
#: of one version repeat (finder patterns, timing, common data), so most are seen before
_ROW_RUNS: dict[bytes, list[tuple[str, str]]] = {}
_ROWS_KEPT = 4096


def module_rects(matrix: Matrix) -> str:
    """PDF path operators for the dark modules, one rectangle per horizontal run, in module
    units (x right, y down, the symbol's top left corner at 0 0): whole numbers, which
    format at a fraction of the cost of point coordinates."""
    ops: list[str] = []
    for r, row in enumerate(matrix):
        cells = bytes(row)
        runs = _ROW_RUNS.get(cells)
        if runs is None:
            if len(_ROW_RUNS) >= _ROWS_KEPT:
                _ROW_RUNS.clear()
            runs = _ROW_RUNS[cells] = [(f"{start} ", f" {end - start} 1 re") for start, end in
                                       (run.span() for run in _DARK_RUN.finditer(cells))]
        y = str(r)
        ops.extend(x + y + rest for x, rest in runs)
    return "\n".join(ops)


def draw_qr(canvas: Any, matrix: Matrix, x: float, y: float, size: float) -> float:
    """Draw ``matrix`` filling the square (x, y, size) including its quiet zone.

    The quiet zone is left blank (nothing else may be drawn there). Returns
    the module size in points.
    """
    module = size / modules_with_quiet_zone(matrix)
    _fill_modules(canvas, module_rects(matrix), module, x + QUIET_ZONE * module,
                  y + size - QUIET_ZONE * module)
    return module


def _fill_modules(canvas: Any, rects: str, module: float, left: float, top: float) -> None:
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.transform(module, 0, 0, -module, left, top)  # one unit = one module, y down
    canvas.addLiteral(rects + "\nf")  # fill the rectangles (nonzero winding)
    canvas.restoreState()


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
        module = self.size / modules_with_quiet_zone(self.matrix)
        _fill_modules(self.canv, _cached_rects(self.payload, self.level), module,
                      QUIET_ZONE * module, self.size - QUIET_ZONE * module)


@functools.lru_cache(maxsize=256)
def _cached_rects(payload: str, level: str) -> str:
    """A receipt's code, formatted once (a receipt is drawn more than once)."""
    return module_rects([list(row) for row in _matrix(payload, level)])
