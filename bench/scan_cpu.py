"""Scan-to-screen on the GUI thread's CPU clock, with what each side shows and paints.

``python -m bench.scan_cpu [--runs N] [--count]`` opens the desk offscreen in this process,
as :mod:`bench.ui_probe` does, on a copy of the quick database (generated if needed), signs
in, then scans on-loan assets through the real wedge-scanner filter to the check-in screen,
alternating with the floor (:mod:`bench.scan_floor`) scan by scan. It prints, per side, the
median and p10 of ``time.thread_time_ns`` from the burst's Enter (the floor: its first step)
to painted, and their ratio. ``--count`` also counts, per scan, the Paint and Show/Hide
events and which widgets were painted: the counting filter costs both sides, so take times
from a run without it.

On a machine shared with other jobs, wall-clock times mix in the waits for a CPU that the
other jobs cause (scan-to-screen's desk side was preempted about three times as often as the
floor per scan at load 5); the GUI thread's CPU time does not. This is how the levers of
docs/performance.md ("Scan-to-screen") were judged; the bench row itself stays wall-clock.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any


def _tags(path: Path, n: int) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = [r[0] for r in con.execute(
            "SELECT tag FROM assets WHERE status = 'on_loan' ORDER BY id")]
    finally:
        con.close()
    return random.Random("scan-cpu").sample(rows, min(n, len(rows)))


def _p10(values: list[int]) -> float:
    return sorted(values)[len(values) // 10]


def measure(db: Path, data_dir: Path, runs: int, count: bool) -> dict[str, Any]:
    """Desk and floor alternating; GUI-thread CPU ns per scan (and event counts)."""
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtWidgets import QApplication

    from bench import ui_probe as probe
    from bench.generate import BENCH_PIN, BENCH_TECH, sqlite_url
    from bench.scan_floor import FloorPage, settle_and_paint

    app, ctx, window = probe._open_desk(sqlite_url(db), str(data_dir))
    probe._wait(app, lambda: window.isVisible() and ctx.db_ready and not window.ops.busy)
    view = window.controller("sign_in").view
    view.username.setText(BENCH_TECH)
    view.pin.setText(BENCH_PIN)
    view.submit.click()
    probe._wait(app, lambda: window.session.is_signed_in and not window.ops.busy)
    floor = FloorPage(window, ctx, window.session.actor)
    pool = _tags(db, 60)
    events: Counter[str] = Counter()
    painted: Counter[str] = Counter()

    class Count(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            etype = event.type()
            if etype == QEvent.Type.Paint:
                events["paint"] += 1
                painted[type(obj).__name__] += 1
            elif etype in (QEvent.Type.Show, QEvent.Type.Hide):
                events["show/hide"] += 1
            return False

    counter = Count()

    def timed(start: Any, finish: Any) -> int:
        if count:
            app.installEventFilter(counter)
        t0 = time.thread_time_ns()
        start()
        finish()
        took = time.thread_time_ns() - t0
        if count:
            app.removeEventFilter(counter)
        return took

    def desk(tag: str) -> int:
        window.show_screen("scan")
        probe._wait(app, lambda: not window.ops.busy)
        app.processEvents()
        target = QApplication.focusWidget() or window
        for ch in tag:
            probe._CLOCK[0] += 8
            probe._send_key(target, probe._key_for(ch), ch)
        probe._CLOCK[0] += 8

        def finish() -> None:
            probe._wait(app, lambda: (not window.ops.busy and window.current is not None
                                      and window.current.name not in ("scan", "sign_in")))
            settle_and_paint()

        took = timed(lambda: probe._send_key(target, int(Qt.Key.Key_Return), "\r"), finish)
        if window.current.name != "checkin":
            raise AssertionError(f"{tag} opened {window.current.name}, not check-in")
        return took

    def floor_scan(tag: str) -> int:
        window.show_screen("scan")
        probe._wait(app, lambda: not window.ops.busy)
        app.processEvents()
        return timed(lambda: floor.scan(tag), lambda: None)

    sides: dict[str, list[int]] = {"desk": [], "floor": []}
    counts: dict[str, list[Counter[str]]] = {"desk": [], "floor": []}
    warmup = 5
    for i in range(warmup + runs):
        tag = pool[i % len(pool)]
        order = [("desk", desk), ("floor", floor_scan)]
        for name, side in order if i % 2 == 0 else order[::-1]:
            events.clear()
            painted.clear()
            took = side(tag)
            if i >= warmup:
                sides[name].append(took)
                counts[name].append(events + painted)
    window.close()
    ctx.close()
    return {"ns": sides, "counts": counts}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.scan_cpu", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=60, help="scans on each side (default 60)")
    p.add_argument("--count", action="store_true",
                   help="also count Paint and Show/Hide events and the widgets painted")
    a = p.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench.generate import QUICK, database

    with tempfile.TemporaryDirectory(prefix="scan-cpu-") as tmp:
        db = Path(tmp) / "desk.sqlite3"
        shutil.copyfile(database(QUICK), db)  # sign-in writes audit events
        res = measure(db, Path(tmp) / "data", a.runs, a.count)
    desk, floor = res["ns"]["desk"], res["ns"]["floor"]
    for name, ns in (("desk", desk), ("floor", floor)):
        print(f"{name:5s} GUI-thread CPU per scan: median {statistics.median(ns) / 1e6:.3f} ms, "
              f"p10 {_p10(ns) / 1e6:.3f} ms ({len(ns)} scans)")
    print(f"ratio: median {statistics.median(desk) / statistics.median(floor):.2f}, "
          f"p10 {_p10(desk) / _p10(floor):.2f}")
    if a.count:
        for name in ("desk", "floor"):
            total: Counter[str] = sum(res["counts"][name], Counter())
            n = len(res["counts"][name])
            per = {k: round(v / n, 1) for k, v in total.most_common()}
            print(f"{name} per scan: {per}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
