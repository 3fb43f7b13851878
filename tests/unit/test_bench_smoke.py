"""The benchmark machinery runs end to end on tiny data (no timing is asserted)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from bench import generate
from bench.__main__ import main
from bench.report import Result, table
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


def test_a_speed_up_row_is_reference_over_ours_and_fails_below_its_limit() -> None:
    ours, reference = Timing(100.0, 110.0, 5), Timing(600.0, 650.0, 5)
    row = Result("labels", 5.0, kind="speedup", ours=ours, floor=reference)
    assert row.ratio == 6.0 and row.passed and not row.ci_failed()
    lost = Result("labels", 5.0, kind="speedup", ours=Timing(200.0, 210.0, 5), floor=reference)
    assert lost.passed is False and lost.ci_failed()  # 3× < 5 / 1.5
    assert "≥ 5× faster" in table([row])


def test_a_p95_limit_is_part_of_the_target_but_not_of_the_ci_limit() -> None:
    floor = Timing(2.0, 2.5, 20)
    quick = Result("s", 2.0, ours=Timing(3.0, 9.0, 20), floor=floor, p95_limit_ms=16.7)
    assert quick.passed
    janky = Result("s", 2.0, ours=Timing(3.0, 40.0, 20), floor=floor, p95_limit_ms=16.7)
    assert janky.passed is False
    assert not janky.ci_failed()  # under load every absolute time grows; CI holds the ratio
    assert Result("s", 2.0, ours=Timing(7.0, 9.0, 20), floor=floor, p95_limit_ms=16.7).ci_failed()


@pytest.mark.slow
def test_the_suite_runs_on_tiny_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LOAN_KIOSK_BENCH_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "bench.json"
    assert main(["--scale", "tiny", "--runs-factor", "0.05", "--json", str(out),
                 "--only", "scan", "loans", "documents", "labels", "staff_import", "pad",
                 "growth"]) == 0
    doc = json.loads(out.read_text())
    names = [r["name"] for r in doc["results"]]
    assert names[0] == "resolve a scan" and "check out + check in" in names
    keys = [r["key"] for r in doc["results"]]
    assert keys == ["scan", "checkout", "receipt", "labels", "labels-reference", "import",
                    "pad-topaz", "pad-isdv4", "growth-history", "growth-checkout",
                    "growth-assets"]
    for row in doc["results"]:
        assert {"key", "name", "ours_ms", "floor_ms", "ratio", "target", "pass", "ci_pass",
                "attempts"} <= row.keys()
        assert row["ours_ms"] > 0 and row["floor_ms"] > 0, row
        assert len(row["attempts"]) >= 1
    assert "operation" in capsys.readouterr().out


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["desk", "bare"])
def test_the_cold_start_probe_reaches_usable_and_ready(tmp_path: Path, mode: str) -> None:
    """The probe watches the real desk start however it shows its window (preferred size,
    maximised on a small screen like the offscreen one, or full screen); a probe that
    never says READY made CI wait out its timeout on every attempt."""
    from bench.probe import Probe

    db_path = generate.database(generate.TINY, base=tmp_path, log=False)
    args = ([mode, generate.sqlite_url(db_path), str(tmp_path / "data")] if mode == "desk"
            else [mode, str(db_path)])
    probe = Probe("bench.start_probe", *args)
    try:
        ready = probe.wait_for("READY", timeout_s=60)
        assert probe.marks["SHOWN"][0] <= probe.marks["USABLE"][0] <= ready[0]
    finally:
        probe.finish()
