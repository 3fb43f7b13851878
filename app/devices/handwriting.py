"""Made-up handwritten signatures, sampled like a pad samples a pen (for the simulator and tests).

Cursive is modelled the way Hollerbach's oscillation theory of handwriting has
it: the pen oscillates vertically at about 5 Hz while drifting right; a
horizontal oscillation in phase with it turns each cycle into a loop (``e``,
``l``) or, when weaker, a hump (``n``, ``u``); per-letter heights give
ascenders and descenders. A signature is a capital plus a first name, a
capital plus a surname, and often an underline flourish or a dot, each stroke
preceded by the pen hovering in and followed by it lifting away. Pressure rises
as the pen lands, falls as it lifts, and is heavier where the pen moves slowly;
the sensor adds a little jitter.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

Window = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class PenFrame:
    """What the pen is doing at one sample instant, in pad coordinates."""

    x: float
    y: float
    pressure: float  # 0..1
    pen_down: bool
    in_proximity: bool


UnitPoint = tuple[float, float, float]  # x, y (up is positive), speed


def _word(rng: random.Random, rate_hz: float, letters: int, capital: bool,
          x0: float) -> list[UnitPoint]:
    """One cursive word in unit space (x-height 1, baseline y = 0, y up)."""
    heights: list[float] = []
    loops: list[float] = []
    if capital:
        heights.append(rng.uniform(2.3, 2.8))
        loops.append(rng.uniform(0.55, 0.75))
    for _ in range(letters):
        r = rng.random()
        if r < 0.22:
            heights.append(rng.uniform(1.8, 2.2))  # ascender: l, h, b, k
            loops.append(rng.uniform(0.35, 0.5))
        elif r < 0.34:
            heights.append(-rng.uniform(0.9, 1.2))  # descender: g, y, j
            loops.append(rng.uniform(0.45, 0.6))
        else:
            heights.append(rng.uniform(0.85, 1.1))  # x-height: e, n, u, a
            loops.append(rng.uniform(0.05, 0.35))
    # a short exit tail at half height
    heights.append(0.5)
    loops.append(0.0)
    freq = rng.uniform(4.2, 5.5)  # letter strokes per second
    drift = rng.uniform(0.85, 1.05) * freq  # units per second: about one x-height per letter
    slant = rng.uniform(0.15, 0.35)
    tilt = rng.uniform(-0.04, 0.06)  # baseline rising or falling a little
    n = len(heights)
    duration = n / freq
    steps = max(2, round(duration * rate_hz))
    pts: list[UnitPoint] = []
    prev: tuple[float, float] | None = None
    for i in range(steps + 1):
        phase = 2 * math.pi * freq * i / rate_hz
        cycles = phase / (2 * math.pi)
        cycle = min(n - 1, int(cycles))
        frac = cycles - cycle
        h = heights[cycle]
        a = loops[cycle]
        if frac > 0.75:  # ease the loop strength into the next letter's: no kinks
            a += (loops[min(n - 1, cycle + 1)] - a) * _ease((frac - 0.75) / 0.25)
        up = h * (1 - math.cos(phase)) / 2
        # drift right; the in-phase horizontal swing makes the loop; slant leans tall letters
        x = x0 + (drift / freq) * cycles + 0.55 * a * math.sin(phase) + slant * up
        y = up + tilt * (x - x0)
        speed = 0.0 if prev is None else math.hypot(x - prev[0], y - prev[1]) * rate_hz
        prev = (x, y)
        pts.append((x, y, speed))
    if len(pts) > 1:
        pts[0] = (pts[0][0], pts[0][1], pts[1][2])
    return pts


def _ease(f: float) -> float:
    return (1 - math.cos(math.pi * f)) / 2


def _underline(rng: random.Random, rate_hz: float, x0: float, x1: float, y: float
               ) -> list[UnitPoint]:
    duration = rng.uniform(0.35, 0.55)
    steps = max(2, round(duration * rate_hz))
    bow = rng.uniform(0.15, 0.4)
    pts: list[UnitPoint] = []
    prev: tuple[float, float] | None = None
    for i in range(steps + 1):
        f = _ease(i / steps)
        x = x0 + (x1 - x0) * f
        yy = y - bow * math.sin(math.pi * f) + 0.25 * f
        speed = 0.0 if prev is None else math.hypot(x - prev[0], yy - prev[1]) * rate_hz
        prev = (x, yy)
        pts.append((x, yy, speed))
    return pts


def _dot(rate_hz: float, x: float, y: float) -> list[UnitPoint]:
    steps = max(2, round(0.06 * rate_hz))
    return [(x + 0.02 * i / steps, y - 0.01 * i / steps, 0.0) for i in range(steps + 1)]


def signature_frames(rng: random.Random, window: Window, rate_hz: float = 150.0, *,
                     short: bool = False) -> list[PenFrame]:
    """One whole signature as sampled frames: hover → ink → lift for each stroke.

    A full signature takes 3-4 s; a ``short`` one (an initial and a short
    surname, about 1.5 s) suits quick tests.
    """
    strokes: list[list[UnitPoint]] = []
    first = _word(rng, rate_hz, 1 if short else rng.randint(3, 5), True, 0.0)
    strokes.append(first)
    second_x = max(p[0] for p in first) + rng.uniform(0.8, 1.4)
    second = _word(rng, rate_hz, rng.randint(2, 3) if short else rng.randint(5, 8), True, second_x)
    strokes.append(second)
    end_x = max(p[0] for p in second)
    extra = 1.0 if short else rng.random()
    if extra < 0.6:
        strokes.append(_underline(rng, rate_hz, rng.uniform(-0.2, 0.8), end_x + 0.3,
                                  -rng.uniform(1.4, 1.8)))
    elif extra < 0.85:
        strokes.append(_dot(rate_hz, second_x + rng.uniform(2, 4), 1.6))
    # unit space → pad window: the ink fills a generous, slightly random part of it
    xs = [p[0] for s in strokes for p in s]
    ys = [p[1] for s in strokes for p in s]
    ux0, ux1, uy0, uy1 = min(xs), max(xs), min(ys), max(ys)
    wx0, wy0, wx1, wy1 = window
    ww, wh = wx1 - wx0, wy1 - wy0
    scale = min(ww * rng.uniform(0.62, 0.8) / (ux1 - ux0), wh * 0.72 / (uy1 - uy0))
    ox = wx0 + (ww - (ux1 - ux0) * scale) / 2 + rng.uniform(-0.04, 0.04) * ww
    oy = wy0 + (wh - (uy1 - uy0) * scale) / 2 + rng.uniform(-0.04, 0.04) * wh
    jitter = max(ww, wh) * 0.0006

    def to_pad(x: float, y: float) -> tuple[float, float]:
        px = ox + (x - ux0) * scale + rng.gauss(0, jitter)
        py = oy + (uy1 - y) * scale + rng.gauss(0, jitter)  # pad y grows downwards
        return (min(wx1, max(wx0, px)), min(wy1, max(wy0, py)))

    frames: list[PenFrame] = []
    pen_at = to_pad(ux0 - 1.0, uy1 + 0.5)
    for stroke in strokes:
        start = to_pad(stroke[0][0], stroke[0][1])
        hover = rng.randint(8, 18)
        for i in range(hover):
            f = _ease((i + 1) / (hover + 1))
            frames.append(PenFrame(pen_at[0] + (start[0] - pen_at[0]) * f,
                                   pen_at[1] + (start[1] - pen_at[1]) * f, 0.0, False, True))
        top_speed = max((p[2] for p in stroke), default=1.0) or 1.0
        ramp = max(1, round(0.03 * rate_hz))
        n = len(stroke)
        for i, (x, y, speed) in enumerate(stroke):
            base = 0.5 + 0.35 * (1 - min(1.0, speed / top_speed))
            land = min(1.0, (i + 1) / ramp, (n - i) / ramp)
            p = min(1.0, max(0.05, base * (0.3 + 0.7 * land) + rng.gauss(0, 0.02)))
            px, py = to_pad(x, y)
            frames.append(PenFrame(px, py, p, True, True))
        last = stroke[-1]
        pen_at = to_pad(last[0] + 0.3, last[1] + 0.4)
        lift_from = (frames[-1].x, frames[-1].y)
        for i in range(rng.randint(4, 8)):
            f = (i + 1) / 8
            frames.append(PenFrame(lift_from[0] + (pen_at[0] - lift_from[0]) * f,
                                   lift_from[1] + (pen_at[1] - lift_from[1]) * f, 0.0, False, True))
    frames.append(PenFrame(frames[-1].x, frames[-1].y, 0.0, False, False))
    return frames
