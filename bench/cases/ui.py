"""The desk itself: scan-to-screen and peak memory, in one offscreen subprocess
(cold start: :mod:`bench.cases.cold_start`).

* Scan-to-screen — ours: from the scanner burst's last key (Enter) to the
  routed screen showing the asset, painted, through the real wedge-scanner
  filter, the worker op and the screen's controller. Floor: the plainest
  PySide6 code doing the same visible work in the same process
  (:mod:`bench.scan_floor`): the same service call, a ``QStackedWidget``
  switch, the same fields set on plain labels, a repaint. The two alternate,
  scan by scan. Target: ≤ 2× the floor, and p95 under one 60 Hz frame.
* Peak memory: VmHWM of the desk process after signing in and the scans above,
  with the generated database open.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.context import BenchContext
from bench.gate import Measurement
from bench.generate import BENCH_PIN, BENCH_TECH, copy_database, sqlite_url
from bench.probe import Probe, compile_bytecode
from bench.report import Result
from bench.timing import Timing

MEMORY_LIMIT_MB = 300.0
#: one frame at 60 Hz: a scan's screen should be up within it (p95)
FRAME_MS = 16.7
SCAN_NAME = "scan-to-screen (last key → screen painted)"


def scan_and_memory(ctx: BenchContext, db_path: Path, runs: int) -> list[Result]:
    tags = {"on_loan": ctx.tags("on_loan", 60, db_path),
            "in_repair": ctx.tags("in_repair", 60, db_path)}
    slow = {"scan": ctx.slow_down["scan-to-screen"]} if "scan-to-screen" in ctx.slow_down else {}
    probe = Probe("bench.ui_probe", "scan", "--db", sqlite_url(db_path), "--data-dir",
                  str(ctx.tmp / "scan-data"), "--user", BENCH_TECH, "--pin", BENCH_PIN,
                  "--tags", json.dumps(tags), "--runs", str(runs), slow=slow)
    try:
        probe.wait_for("READY", timeout_s=900)
        rss = probe.peak_rss_mb()
    finally:
        probe.finish()
    res = probe.result or {}
    mem = Result(f"peak memory of the desk ({ctx.scale.name} database)", MEMORY_LIMIT_MB,
                 kind="limit", value=rss, unit="MB", key="memory",
                 note="VmHWM after sign-in and the scan-to-screen runs")
    if "error" in res:
        return [Result(SCAN_NAME, 2.0, key="scan-to-screen", note=f"error: {res['error']}",
                       error=True), mem]
    return [Result(SCAN_NAME, 2.0, key="scan-to-screen", ours=Timing.of(res["ui_ns"]),
                   floor=Timing.of(res["floor_ns"]), p95_limit_ms=FRAME_MS,
                   note=f"measured path: {res.get('path')}; floor = the same service call, a "
                        "QStackedWidget switch, the same fields on plain labels, a repaint "
                        "(bench/scan_floor.py), alternating with ours scan by scan"), mem]


def measurements(ctx: BenchContext) -> list[Measurement]:
    db_path = copy_database(ctx.db_path, ctx.tmp, "desk.sqlite3")  # sign-in writes audit events
    compile_bytecode()
    runs = ctx.runs(30 if ctx.quick else 60)
    return [Measurement(("scan-to-screen", "memory"), lambda: scan_and_memory(ctx, db_path, runs))]
