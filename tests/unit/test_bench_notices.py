"""The notices benchmark case works end to end at the tiny scale (the full run is 20,000
people and 2,000 overdue loans; see docs/performance.md)."""

from __future__ import annotations

from pathlib import Path

from bench import generate
from bench.cases import notices
from bench.context import BenchContext


def test_notices_case_measures_ours_and_the_floor(tmp_path: Path) -> None:
    ctx = BenchContext(generate.TINY, tmp_path / "unused", tmp_path / "unused", tmp_path,
                       quick=True, runs_factor=0.1)
    (row,) = notices._measure(ctx)
    assert row.key == "notices" and row.target == 2.0
    assert row.ours is not None and row.floor is not None
    assert row.ours.median_ms > 0 and row.floor.median_ms > 0


def test_quick_scale_leaves_the_row_to_the_full_run(tmp_path: Path) -> None:
    ctx = BenchContext(generate.QUICK, tmp_path, tmp_path, tmp_path, quick=True)
    assert notices.measurements(ctx) == []
