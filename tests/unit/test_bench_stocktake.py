"""The stocktake rows of ``python -m bench`` run end to end on tiny data (no timing asserted)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.__main__ import ROWS, main


@pytest.mark.slow
def test_the_stocktake_rows_run_on_tiny_data(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOAN_KIOSK_BENCH_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "bench.json"
    assert main(["--scale", "tiny", "--runs-factor", "0.05", "--json", str(out),
                 "--only", "stocktake"]) == 0
    rows = json.loads(out.read_text())["results"]
    assert [r["key"] for r in rows] == ["stocktake-scan", "stocktake-result"]
    assert {"stocktake-scan", "stocktake-result"} <= set(ROWS)
    for row in rows:
        assert row["ours_ms"] > 0 and row["floor_ms"] > 0, row
    assert "rows on the found tab" in rows[1]["note"]
