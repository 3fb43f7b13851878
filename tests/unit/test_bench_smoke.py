"""The benchmark machinery runs end to end on tiny data (no timing is asserted)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from bench import generate
from bench.__main__ import main
from bench.report import KnownMiss, Result, table
from bench.timing import Timing, percentile


def test_generated_rows_keep_the_schema_invariants(tmp_path: Path) -> None:
    path = generate.database(generate.TINY, base=tmp_path, log=False)
    con = sqlite3.connect(path)
    try:
        scale = generate.TINY
        assert con.execute("SELECT count(*) FROM assets").fetchone()[0] == scale.assets
        assert con.execute("SELECT count(*) FROM loans WHERE outcome IS NOT NULL").fetchone()[0] \
            == scale.past_loans
        open_assets = con.execute(
            "SELECT a.status, count(*) FROM loans l JOIN assets a ON a.id = l.asset_id "
            "WHERE l.outcome IS NULL GROUP BY a.status").fetchall()
        assert open_assets == [("on_loan", scale.open_loans)]
        assert con.execute("SELECT count(*) FROM assets WHERE status = 'on_loan'").fetchone()[0] \
            == scale.open_loans
        tag, key = con.execute("SELECT tag, tag_key FROM assets LIMIT 1").fetchone()
        assert key == tag.casefold()
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()
    # cached: the second call reuses the file
    assert generate.database(generate.TINY, base=tmp_path, log=False) == path


def test_ci_verdict_uses_the_noise_margin() -> None:
    t = Timing(1.0, 1.0, 3)
    slow = Timing(4.0, 4.0, 3)
    assert Result("x", 3.0, ours=slow, floor=t).passed is False
    assert not Result("x", 3.0, ours=slow, floor=t).ci_failed()
    assert Result("x", 2.0, ours=slow, floor=t).ci_failed()
    assert not Result("x", 2.0, note="not measured: no UI").ci_failed()
    assert Result("x", 2.0, note="error", error=True).ci_failed()
    assert Result("m", 300.0, kind="limit", value=460.0, unit="MB").ci_failed()
    assert percentile([1.0, 2.0, 3.0, 4.0], 95) == 4.0


def test_a_known_miss_is_held_to_its_documented_ceiling() -> None:
    floor = Timing(1.0, 1.0, 3)
    miss = KnownMiss(ceiling=30.0, docs="docs/performance.md")
    as_documented = Result("x", 2.0, ours=Timing(20.0, 20.0, 3), floor=floor, known_miss=miss)
    assert as_documented.passed is False  # still reported as a miss, never as a pass
    assert not as_documented.ci_failed()
    assert as_documented.to_json()["known_miss"] == {"ceiling": 30.0, "docs": "docs/performance.md"}
    assert "FAIL (known)" in table([as_documented])
    regressed = Result("x", 2.0, ours=Timing(31.0, 31.0, 3), floor=floor, known_miss=miss)
    assert regressed.ci_failed()
    # a ceiling never loosens a row below its ordinary CI limit
    assert Result("x", 2.0, known_miss=KnownMiss(1.0, "d")).ci_limit() == 3.0


@pytest.mark.slow
def test_the_suite_runs_on_tiny_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LOAN_KIOSK_BENCH_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "bench.json"
    assert main(["--scale", "tiny", "--runs-factor", "0.05", "--json", str(out),
                 "--only", "scan", "loans", "documents", "staff_import", "pad"]) == 0
    doc = json.loads(out.read_text())
    names = [r["name"] for r in doc["results"]]
    assert names[0] == "resolve a scan" and "check out + check in" in names
    for row in doc["results"]:
        assert {"name", "ours_ms", "floor_ms", "ratio", "target", "pass"} <= row.keys()
        assert row["ours_ms"] > 0 and row["floor_ms"] > 0, row
    assert "operation" in capsys.readouterr().out
