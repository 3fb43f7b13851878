"""Turning a signature's strokes into smooth ink: pure geometry (no drawing library).

The geometry is shared by every renderer (the PNG in :mod:`app.signature_png`, ReportLab
vector paths for receipts in :mod:`printing.signature`, the live Qt widget):

* :func:`smooth` takes out sensor jitter with a small weighted moving average;
* :func:`densify` passes a Catmull-Rom spline through the smoothed points so
  curves stay round even where the pad samples sparsely;
* :func:`fit_transform` maps pad coordinates into a box, preserving aspect
  ratio and centring the ink;
* :func:`stroke_width` makes the line follow pressure where the pad reports it
  (pressure is 0..1 in the signature; a pad without pressure reports a constant
  value, and then every line has the base width).

Coordinates out of here are box-local with y growing downwards, like the pad
and like screens; a renderer whose y grows upwards (PDF) flips them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ink.signature import Point, SignatureData

XY = tuple[float, float]

#: pressure → width: a feather-light touch draws at MIN_FACTOR × base, full pressure at MAX_FACTOR
MIN_WIDTH_FACTOR = 0.45
MAX_WIDTH_FACTOR = 1.6
#: ink narrower than this fraction of the pad window, in either axis, is padded out to it
#: before fitting, so a dot or a straight line is not blown up to fill the box
MIN_FIT_FRACTION = 0.25


@dataclass(frozen=True)
class Transform:
    """Pad → box: ``(x, y) ↦ (dx + x·scale, dy + y·scale)``."""

    scale: float
    dx: float
    dy: float

    def apply(self, x: float, y: float) -> XY:
        return (self.dx + x * self.scale, self.dy + y * self.scale)


@dataclass(frozen=True)
class InkRun:
    """A polyline drawn with one width, in box coordinates (y down)."""

    points: tuple[XY, ...]
    width: float

    @property
    def is_dot(self) -> bool:
        return len(self.points) == 1


def smooth(points: Sequence[Point], passes: int = 2) -> list[tuple[float, float, float]]:
    """(x, y, pressure) after ``passes`` rounds of a 1-2-1 moving average; ends stay put."""
    pts = [(float(p[1]), float(p[2]), float(p[3])) for p in points]
    pts = _drop_repeats(pts)
    for _ in range(max(0, passes)):
        if len(pts) < 3:
            break
        out = [pts[0]]
        for a, b, c in zip(pts, pts[1:], pts[2:], strict=False):
            out.append(((a[0] + 2 * b[0] + c[0]) / 4, (a[1] + 2 * b[1] + c[1]) / 4,
                        (a[2] + 2 * b[2] + c[2]) / 4))
        out.append(pts[-1])
        pts = out
    return pts


def _drop_repeats(pts: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Consecutive samples at the same place (a resting pen) add nothing but weight."""
    out: list[tuple[float, float, float]] = []
    for p in pts:
        if out and out[-1][0] == p[0] and out[-1][1] == p[1]:
            out[-1] = (p[0], p[1], max(out[-1][2], p[2]))
            continue
        out.append(p)
    return out


def densify(pts: Sequence[tuple[float, float, float]], max_step: float
            ) -> list[tuple[float, float, float]]:
    """A Catmull-Rom curve through ``pts`` with segments no longer than ``max_step``."""
    if len(pts) < 3 or max_step <= 0:
        return list(pts)
    out = [pts[0]]
    n = len(pts)
    for i in range(n - 1):
        p0 = pts[i - 1] if i > 0 else pts[i]
        p1, p2 = pts[i], pts[i + 1]
        p3 = pts[i + 2] if i + 2 < n else pts[i + 1]
        length = math.hypot(p2[0] - p1[0], p2[1] - p1[1])
        steps = min(16, max(1, math.ceil(length / max_step)))
        out.extend(_catmull_rom_run(p0, p1, p2, p3, steps))
    return out


def _catmull_rom_run(p0: tuple[float, float, float], p1: tuple[float, float, float],
                     p2: tuple[float, float, float], p3: tuple[float, float, float],
                     steps: int) -> list[tuple[float, float, float]]:
    """Points at t = 1/steps … 1 on the Catmull-Rom segment p1 → p2.

    Each axis is ``0.5·(2·p1 + (p2 − p0)·t + (2·p0 − 5·p1 + 4·p2 − p3)·t² +
    (3·p1 − p0 − 3·p2 + p3)·t³)``, with the coefficients worked out once per
    segment rather than per point. Pressure is interpolated linearly: a spline
    could overshoot below zero.
    """
    ax, bx = 2 * p1[0], -p0[0] + p2[0]
    cx, dx = 2 * p0[0] - 5 * p1[0] + 4 * p2[0] - p3[0], -p0[0] + 3 * p1[0] - 3 * p2[0] + p3[0]
    ay, by = 2 * p1[1], -p0[1] + p2[1]
    cy, dy = 2 * p0[1] - 5 * p1[1] + 4 * p2[1] - p3[1], -p0[1] + 3 * p1[1] - 3 * p2[1] + p3[1]
    w1, dw = p1[2], p2[2] - p1[2]
    out = []
    for s in range(1, steps + 1):
        t = s / steps
        t2, t3 = t * t, t * t * t
        out.append((0.5 * (ax + bx * t + cx * t2 + dx * t3),
                    0.5 * (ay + by * t + cy * t2 + dy * t3),
                    w1 + dw * t))
    return out


def fit_bounds(sig: SignatureData) -> tuple[float, float, float, float]:
    """The region to fit into a box: the ink, padded so it is never degenerate."""
    wx0, wy0, wx1, wy1 = sig.window
    b = sig.bounds()
    if b is None:
        return sig.window
    x0, y0, x1, y1 = b
    min_w = (wx1 - wx0) * MIN_FIT_FRACTION
    min_h = (wy1 - wy0) * MIN_FIT_FRACTION
    if x1 - x0 < min_w:
        cx = (x0 + x1) / 2
        x0, x1 = cx - min_w / 2, cx + min_w / 2
    if y1 - y0 < min_h:
        cy = (y0 + y1) / 2
        y0, y1 = cy - min_h / 2, cy + min_h / 2
    return (x0, y0, x1, y1)


def fit_transform(src: tuple[float, float, float, float], box_w: float, box_h: float,
                  margin: float = 0.0) -> Transform:
    """Scale ``src`` (x0, y0, x1, y1) uniformly into a ``box_w`` × ``box_h`` box, centred."""
    x0, y0, x1, y1 = src
    sw, sh = max(x1 - x0, 1e-9), max(y1 - y0, 1e-9)
    aw, ah = max(box_w - 2 * margin, 1e-9), max(box_h - 2 * margin, 1e-9)
    scale = min(aw / sw, ah / sh)
    dx = (box_w - sw * scale) / 2 - x0 * scale
    dy = (box_h - sh * scale) / 2 - y0 * scale
    return Transform(scale, dx, dy)


def has_pressure(sig: SignatureData) -> bool:
    """True when the pressure values vary, i.e. the pad (or stylus) reports pressure."""
    values = {p[3] for s in sig.strokes for p in s}
    return len(values) > 1


def pressure_scale(sig: SignatureData) -> float:
    """Divisor bringing the signature's pressures to 0..1 (they should be already)."""
    top = max((p[3] for s in sig.strokes for p in s), default=1.0)
    return top if top > 1.0 else 1.0


def stroke_width(pressure: float, base: float, with_pressure: bool) -> float:
    if not with_pressure:
        return base
    p = min(1.0, max(0.0, pressure))
    return base * (MIN_WIDTH_FACTOR + (MAX_WIDTH_FACTOR - MIN_WIDTH_FACTOR) * p)


def ink_runs(sig: SignatureData, box_w: float, box_h: float, *, base_width: float,
             margin: float | None = None, width_levels: int = 8,
             fit: str = "ink") -> list[InkRun]:
    """The signature as polylines of constant width, fitted into a box (y down).

    Consecutive segments whose widths round to the same level are joined into one
    run, so a vector renderer draws a few dozen paths rather than thousands of
    segments, and round joins keep the line continuous where the width changes.
    ``fit`` is ``"ink"`` (the signature fills the box) or ``"window"`` (the pad's
    whole area maps to the box, as on the live widget).
    """
    if margin is None:
        margin = base_width * MAX_WIDTH_FACTOR
    src = fit_bounds(sig) if fit == "ink" else sig.window
    tf = fit_transform(src, box_w, box_h, margin)
    scale, dx, dy = tf.scale, tf.dx, tf.dy
    with_pressure = has_pressure(sig)
    pdiv = pressure_scale(sig)
    # spline steps of about a width keep curves round without thousands of points
    step_pad = max(base_width, 0.5) / tf.scale
    levels = max(1, width_levels)
    lo = stroke_width(0.0, base_width, with_pressure)
    hi = stroke_width(1.0, base_width, with_pressure)
    runs: list[InkRun] = []
    for stroke in sig.strokes:
        pts = densify(smooth(stroke), step_pad * 2)
        if not pts:
            continue
        mapped = [(dx + x * scale, dy + y * scale) for x, y, _ in pts]  # tf.apply, inlined
        if len(mapped) == 1:
            runs.append(InkRun((mapped[0],), stroke_width(pts[0][2] / pdiv, base_width,
                                                          with_pressure)))
            continue
        current: list[XY] = [mapped[0]]
        current_w: float | None = None
        for i in range(1, len(mapped)):
            p = (pts[i - 1][2] + pts[i][2]) / 2 / pdiv
            w = _quantise(stroke_width(p, base_width, with_pressure), lo, hi, levels)
            if current_w is not None and w != current_w:
                runs.append(InkRun(tuple(current), current_w))
                current = [mapped[i - 1]]
            current.append(mapped[i])
            current_w = w
        assert current_w is not None
        runs.append(InkRun(tuple(current), current_w))
    return runs


def _quantise(w: float, lo: float, hi: float, levels: int) -> float:
    if hi - lo < 1e-9 or levels == 1:
        return (lo + hi) / 2 if hi - lo < 1e-9 else w
    step = (hi - lo) / (levels - 1)
    return lo + round((w - lo) / step) * step


def run_bounds(runs: Iterable[InkRun]) -> tuple[float, float, float, float] | None:
    """Bounds of the run centre lines (not counting line width)."""
    xs: list[float] = []
    ys: list[float] = []
    for r in runs:
        xs.extend(p[0] for p in r.points)
        ys.extend(p[1] for p in r.points)
    if not xs:
        return None
    return (min(xs), min(ys), max(xs), max(ys))
