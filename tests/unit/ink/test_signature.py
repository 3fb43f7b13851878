"""StrokeAssembler: samples → signature strokes; and what it hands to the quality gate."""

from __future__ import annotations

from app.devices.pad import PenSample, StrokeAssembler
from ink.signature import SignatureData, check_quality

WINDOW = (500.0, 400.0, 2650.0, 2100.0)


def s(t: float, x: int, y: int, down: bool, p: float = 1.0, prox: bool = True) -> PenSample:
    return PenSample(t, x, y, p if down else 0.0, down, prox)


def test_strokes_are_pen_down_runs_with_times_from_the_first_ink() -> None:
    a = StrokeAssembler(WINDOW, "Topaz 5-byte on /dev/ttyUSB0")
    added = a.extend([
        s(1000, 600, 600, False),  # hovering
        s(1010, 610, 600, True, 0.5),
        s(1020, 620, 605, True, 0.7),
        s(1030, 630, 610, False),  # lifted
        s(1040, 700, 610, False),
        s(1050, 710, 615, True),
        s(1060, 720, 620, False, prox=False),
    ])
    assert added == 3
    sig = a.signature()
    assert sig.strokes == [[(0.0, 610.0, 600.0, 0.5), (10.0, 620.0, 605.0, 0.7)],
                           [(40.0, 710.0, 615.0, 1.0)]]
    assert sig.window == WINDOW and sig.device == "Topaz 5-byte on /dev/ttyUSB0"
    assert not sig.incomplete
    # and it survives the JSON round trip the rest of the app uses
    assert SignatureData.from_json(sig.to_json()).strokes == sig.strokes


def test_a_pad_vanishing_mid_signature_keeps_the_ink_and_flags_it() -> None:
    a = StrokeAssembler(WINDOW)
    a.extend([s(0, 600, 600, True), s(10, 700, 600, True)])
    a.mark_incomplete()
    assert not a.pen_down
    sig = a.signature()
    assert sig.incomplete and sig.point_count == 2
    # pen-down samples after the reconnect start a new stroke, they do not join the old one
    a.extend([s(2000, 800, 600, True)])
    assert len(a.signature().strokes) == 2


def test_vanishing_before_any_ink_is_not_an_incomplete_signature() -> None:
    a = StrokeAssembler(WINDOW)
    a.mark_incomplete()
    assert not a.signature().incomplete


def test_clear_starts_again() -> None:
    a = StrokeAssembler(WINDOW)
    a.extend([s(0, 600, 600, True)])
    a.mark_incomplete()
    a.clear()
    assert not a.has_ink and a.signature().strokes == [] and not a.signature().incomplete


def test_pressure_is_kept_within_0_to_1() -> None:
    a = StrokeAssembler(WINDOW)
    a.add_point(0, 600, 600, 7.0, new_stroke=True)
    a.add_point(5, 610, 600, -1.0, new_stroke=False)
    assert [p[3] for p in a.signature().strokes[0]] == [1.0, 0.0]


def test_quality_gate_on_assembled_signatures() -> None:
    a = StrokeAssembler(WINDOW)
    a.extend([s(i, 600 + i, 600, True) for i in range(10)])  # one short, small stroke
    assert not check_quality(a.signature()).ok
    a.clear()
    a.extend([s(i, 600 + 20 * i, 600, True) for i in range(40)])  # 40 points, 780 wide (36%)
    assert check_quality(a.signature()).ok
