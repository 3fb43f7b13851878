"""Signature geometry and PNG rendering: smooth, aspect-true, pressure-aware."""

from __future__ import annotations

import io
import math
import random

from PIL import Image

from app.signature_png import render_image, render_png
from ink.geometry import densify, fit_transform, ink_runs, run_bounds, smooth, stroke_width
from ink.signature import SignatureData

WINDOW = (500.0, 400.0, 2650.0, 2100.0)


def jittery_arc(seed: int = 1, n: int = 200) -> list[tuple[float, float, float, float]]:
    rng = random.Random(seed)
    return [(i * 5.0, 1000 + 600 * math.cos(i / 40) + rng.gauss(0, 3),
             1200 + 400 * math.sin(i / 40) + rng.gauss(0, 3), 0.6) for i in range(n)]


def roughness(pts: list[tuple[float, float]]) -> float:
    """Mean size of the second difference: jitter makes it large, a smooth curve small."""
    d2 = [math.hypot(a[0] - 2 * b[0] + c[0], a[1] - 2 * b[1] + c[1])
          for a, b, c in zip(pts, pts[1:], pts[2:], strict=False)]
    return sum(d2) / len(d2)


def test_smoothing_takes_out_jitter_and_keeps_the_ends() -> None:
    raw = jittery_arc()
    smoothed = smooth(raw)
    assert roughness([(x, y) for x, y, _ in smoothed]) < 0.5 * roughness([(p[1], p[2]) for p in raw])
    assert smoothed[0][:2] == (raw[0][1], raw[0][2]) and smoothed[-1][:2] == (raw[-1][1], raw[-1][2])
    # the shape stays where it was: every smoothed point is near the true arc
    for x, y, _ in smoothed:
        assert abs(math.hypot((x - 1000) / 600, (y - 1200) / 400) - 1) < 0.03


def test_a_resting_pen_collapses_to_one_point() -> None:
    assert len(smooth([(0, 5, 5, 0.5), (1, 5, 5, 0.9), (2, 5, 5, 0.2)])) == 1


def test_densify_passes_through_the_points_with_short_steps() -> None:
    pts = [(0.0, 0.0, 0.5), (100.0, 0.0, 0.5), (100.0, 100.0, 0.5), (0.0, 100.0, 0.5)]
    dense = densify(pts, 10.0)
    for p in pts:
        assert any(math.isclose(p[0], q[0]) and math.isclose(p[1], q[1]) for q in dense)
    steps = [math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in zip(dense, dense[1:], strict=False)]
    assert max(steps) <= 15.0  # the curve bulges past the chord, so steps run a little long


def test_fit_preserves_aspect_ratio_and_centres() -> None:
    tf = fit_transform((0, 0, 400, 100), 200, 200)  # 4:1 into a square
    assert tf.apply(0, 0) == (0.0, 75.0) and tf.apply(400, 100) == (200.0, 125.0)
    tf = fit_transform((100, 100, 200, 400), 300, 300, margin=10)  # 1:3 into a square
    x0, y0 = tf.apply(100, 100)
    x1, y1 = tf.apply(200, 400)
    assert math.isclose(y0, 10) and math.isclose(y1, 290)
    assert math.isclose((x1 - x0) * 3, y1 - y0) and math.isclose((x0 + x1) / 2, 150)


def test_width_follows_pressure_only_where_reported() -> None:
    assert stroke_width(0.0, 2.0, True) < stroke_width(0.5, 2.0, True) < stroke_width(1.0, 2.0, True)
    assert stroke_width(0.1, 2.0, False) == stroke_width(0.9, 2.0, False) == 2.0
    varied = SignatureData([[(i, 600 + 10 * i, 600, i / 50) for i in range(50)]], WINDOW)
    flat = SignatureData([[(i, 600 + 10 * i, 600, 1.0) for i in range(50)]], WINDOW)
    assert len({r.width for r in ink_runs(varied, 300, 100, base_width=2)}) >= 4
    assert len({r.width for r in ink_runs(flat, 300, 100, base_width=2)}) == 1


def test_ink_runs_fit_the_box_whichever_way_is_asked() -> None:
    sig = SignatureData([jittery_arc()], WINDOW)
    b = run_bounds(ink_runs(sig, 300, 100, base_width=2, margin=5))
    assert b is not None
    assert b[0] >= 5 - 1e-6 and b[2] <= 295 + 1e-6 and b[1] >= 5 - 1e-6 and b[3] <= 95 + 1e-6
    assert math.isclose(b[3] - b[1], 90, rel_tol=0.02)  # fills the height (the limiting side)
    w = run_bounds(ink_runs(sig, 300, 100, base_width=2, margin=0, fit="window"))
    assert w is not None and w[3] - w[1] < 50  # the arc covers under half the pad's height


def test_png_has_the_size_asked_and_ink_only_inside() -> None:
    sig = SignatureData([jittery_arc(), [(0, 900, 1500, 1), (5, 1400, 1550, 1)]], WINDOW)
    png = render_png(sig, 480, 160)
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG" and img.size == (480, 160)
    dark = img.convert("L").point(lambda v: 255 if v < 128 else 0)
    bb = dark.getbbox()
    assert bb is not None
    assert bb[0] > 0 and bb[1] > 0 and bb[2] < 480 and bb[3] < 160


def test_png_of_nothing_is_blank() -> None:
    img = render_image(SignatureData([], WINDOW), 100, 50)
    assert img.convert("L").getextrema() == (255, 255)
