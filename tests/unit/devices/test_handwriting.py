"""The simulator's handwriting: realistic signatures the quality gate accepts."""

from __future__ import annotations

import random

import pytest

from app.devices.handwriting import signature_frames
from app.devices.pad import PenSample, StrokeAssembler
from ink.signature import check_quality

WINDOWS = [(500.0, 400.0, 2650.0, 2100.0), (400.0, 350.0, 2400.0, 1050.0),
           (0.0, 0.0, 24576.0, 18432.0)]


@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("seed", range(8))
def test_signatures_stay_in_the_window_and_pass_the_gate(window: tuple[float, float, float, float],
                                                         seed: int) -> None:
    frames = signature_frames(random.Random(seed), window, 150)
    x0, y0, x1, y1 = window
    assert all(x0 <= f.x <= x1 and y0 <= f.y <= y1 for f in frames)
    assert all(0.0 <= f.pressure <= 1.0 for f in frames)
    a = StrokeAssembler(window)
    a.extend([PenSample(i * 1000 / 150, round(f.x), round(f.y), f.pressure, f.pen_down,
                        f.in_proximity) for i, f in enumerate(frames)])
    sig = a.signature()
    assert 2 <= len(sig.strokes) <= 3
    assert check_quality(sig).ok
    b = sig.bounds()
    assert b is not None and (b[2] - b[0]) > 0.5 * (x1 - x0)


def test_short_signatures_are_shorter_and_still_pass_the_gate() -> None:
    for seed in range(5):
        full = signature_frames(random.Random(seed), WINDOWS[0], 150)
        short = signature_frames(random.Random(seed), WINDOWS[0], 150, short=True)
        assert len(short) < 0.7 * len(full)
        a = StrokeAssembler(WINDOWS[0])
        a.extend([PenSample(i, round(f.x), round(f.y), f.pressure, f.pen_down, f.in_proximity)
                  for i, f in enumerate(short)])
        assert len(a.signature().strokes) == 2 and check_quality(a.signature()).ok


def test_each_stroke_is_hover_then_ink_then_lift_and_the_pen_leaves_at_the_end() -> None:
    frames = signature_frames(random.Random(3), WINDOWS[0], 150)
    assert not frames[0].pen_down and frames[0].in_proximity
    assert not frames[-1].in_proximity and not frames[-1].pen_down
    assert all(f.in_proximity for f in frames if f.pen_down)
    # pressure rises as the pen lands
    first_ink = next(i for i, f in enumerate(frames) if f.pen_down)
    assert frames[first_ink].pressure < frames[first_ink + 6].pressure


def test_sample_count_follows_the_rate_and_the_seed_repeats() -> None:
    slow = signature_frames(random.Random(5), WINDOWS[0], 100)
    fast = signature_frames(random.Random(5), WINDOWS[0], 200)
    ink = [sum(f.pen_down for f in fr) for fr in (slow, fast)]
    assert 1.8 < ink[1] / ink[0] < 2.2  # same handwriting, sampled twice as often
    assert signature_frames(random.Random(5), WINDOWS[0], 100) == slow
    assert signature_frames(random.Random(6), WINDOWS[0], 100) != slow


def test_ink_moves_smoothly_like_a_hand_not_in_jumps() -> None:
    frames = signature_frames(random.Random(11), WINDOWS[0], 200)
    steps = [((b.x - a.x) ** 2 + (b.y - a.y) ** 2) ** 0.5
             for a, b in zip(frames, frames[1:], strict=False) if a.pen_down and b.pen_down]
    # at 200 samples/s a hand moves at most a few percent of the pad between samples
    assert max(steps) < 0.04 * (2650 - 500)
