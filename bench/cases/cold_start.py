"""Cold start of the desk, to *usable* and to first paint, offscreen and on an X server.

Ours: ``loan-kiosk --db … --data-dir …`` through the real entry point
(:func:`app.cli.main`, our packages byte-compiled as an install leaves them) on a
copy of the generated database, in a fresh process, timed from spawn:

* usable — the sign-in screen taking a PIN in its right mode (it knows from the
  database whether there are technicians), the database open (its first look at
  the file; see :mod:`db.first_look`) and the wedge-scanner filter installed;
* first paint — the window painted for the first time.

Floor: a bare PySide6 ``QMainWindow`` of the same size shown (first paint), then
the plain cost of opening the same SQLite file with the standard library and
asking what the sign-in screen asks (usable). See :mod:`bench.start_probe`.

Both run alternately, run by run, with Qt's offscreen platform and again on a
private Xvfb server (as a person's screen would: a real X connection, fonts,
window manager-less mapping). The note gives when the desk's full services
layer (SQLAlchemy, the start-up warm-up) was ready, and the CPU time to usable.
"""

from __future__ import annotations

import os
import statistics
from pathlib import Path

from bench.context import BenchContext
from bench.gate import Measurement
from bench.generate import copy_database, sqlite_url
from bench.probe import Probe, compile_bytecode
from bench.report import Result
from bench.timing import Timing
from bench.xvfb import Xvfb, XvfbUnavailable

TARGET = 1.5
#: a probe that dies before its markers is started again once (reported if it dies twice)
ATTEMPTS = 2


def _start(args: list[str], display: str | None, slow: dict[str, float]) -> dict[str, tuple[int, int | None]]:
    for attempt in range(ATTEMPTS):
        probe = Probe("bench.start_probe", *args, display=display, slow=slow)
        try:
            probe.wait_for("READY")
            return dict(probe.marks)
        except Exception:
            if attempt == ATTEMPTS - 1:
                raise
        finally:
            probe.finish()
    raise AssertionError("unreachable")


def cold_start(ctx: BenchContext, db_path: Path, runs: int, display: str | None,
               suffix: str) -> list[Result]:
    slow = {marker: ctx.slow_down[key] for marker, key in
            (("usable", f"cold-start{suffix}"), ("paint", f"cold-start-paint{suffix}"))
            if key in ctx.slow_down}
    samples: dict[str, list[int]] = {k: [] for k in ("desk_usable", "desk_paint", "bare_usable",
                                                     "bare_paint", "desk_ready", "desk_cpu",
                                                     "bare_cpu")}
    for i in range(runs + 1):  # the first pair warms the page cache
        order = ("desk", "bare") if i % 2 else ("bare", "desk")
        for mode in order:
            if mode == "bare":
                marks = _start(["bare", str(db_path)], display, {})
            else:
                data_dir = ctx.tmp / f"cold{suffix}-{i}"
                marks = _start(["desk", sqlite_url(db_path), str(data_dir)], display, slow)
            if i:
                samples[f"{mode}_usable"].append(marks["USABLE"][0])
                samples[f"{mode}_paint"].append(marks["SHOWN"][0])
                samples[f"{mode}_cpu"].append(marks["USABLE"][1] or 0)
                if mode == "desk":
                    samples["desk_ready"].append(marks["READY"][0])
    ready = Timing.of(samples["desk_ready"])
    cpu = statistics.median(samples["desk_cpu"]) / 1e6
    bare_cpu = statistics.median(samples["bare_cpu"]) / 1e6
    where = "on Xvfb" if display else "offscreen"
    return [
        Result(f"cold start to usable ({where})", TARGET, key=f"cold-start{suffix}",
               ours=Timing.of(samples["desk_usable"]), floor=Timing.of(samples["bare_usable"]),
               note=f"spawn → sign-in screen taking a PIN, database open, scanner filter in "
                    f"(CPU {cpu:.0f} ms) vs a bare PySide6 window + opening the same SQLite "
                    f"file (CPU {bare_cpu:.0f} ms); the services layer (SQLAlchemy, warm-up) "
                    f"was ready {ready.median_ms:.0f} ms (p95 {ready.p95_ms:.0f}) after spawn"),
        Result(f"cold start to first paint ({where})", TARGET, key=f"cold-start-paint{suffix}",
               ours=Timing.of(samples["desk_paint"]), floor=Timing.of(samples["bare_paint"]),
               note="spawn → the window's first paint vs a bare PySide6 window's"),
    ]


def _not_measured(suffix: str, why: str, error: bool) -> list[Result]:
    return [Result(f"cold start to {what} (on Xvfb)", TARGET, key=f"{key}{suffix}",
                   note=f"not measured: {why}", error=error)
            for what, key in (("usable", "cold-start"), ("first paint", "cold-start-paint"))]


def measurements(ctx: BenchContext) -> list[Measurement]:
    db_path = copy_database(ctx.db_path, ctx.tmp, "cold.sqlite3")
    compile_bytecode()
    runs = ctx.runs(9 if ctx.quick else 15)

    def offscreen() -> list[Result]:
        return cold_start(ctx, db_path, runs, None, "")

    def on_xvfb() -> list[Result]:
        try:
            with Xvfb() as display:
                return cold_start(ctx, db_path, runs, display, "-xvfb")
        except XvfbUnavailable as exc:
            # CI (LOAN_KIOSK_REQUIRE_ALL=1) installs Xvfb: there, its absence is a failure
            return _not_measured("-xvfb", str(exc), bool(os.environ.get("LOAN_KIOSK_REQUIRE_ALL")))

    return [Measurement(("cold-start", "cold-start-paint"), offscreen),
            Measurement(("cold-start-xvfb", "cold-start-paint-xvfb"), on_xvfb)]
