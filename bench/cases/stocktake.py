"""Stocktakes (issue 20): recording a scan, and showing the result of a 2,000-item room.

* Stocktake scan — ours: :func:`app.services.stocktakes.scan` in its own unit of work (the
  tag looked up, the stocktake's state checked and the scan written in one ``INSERT …
  SELECT … ON CONFLICT DO NOTHING``, its audit event chained, the commit), on a copy of
  the generated database. Floor: the same write in plain ``sqlite3`` on the same file with
  the same durability (WAL, ``synchronous=FULL``, ``BEGIN IMMEDIATE``): one indexed insert
  (the asset found by its tag key in a sub-select) and the commit. Target: ≤ 3×.
* Stocktake result — ours: the result read through the service
  (:func:`app.services.stocktake_results.stocktake_result`) and shown on the desk's
  Stocktake view (counts, tabs, the found tab's 2,000 rows), painted. Floor: the same rows
  from the same query in plain ``sqlite3``, put in a bare ``QTableWidget`` of the same size,
  painted. In an offscreen subprocess (:mod:`bench.stocktake_probe`), alternating. ≤ 2×.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

from bench.context import BenchContext
from bench.gate import Measurement
from bench.generate import copy_database, sqlite_url
from bench.probe import probe_env
from bench.report import Result
from bench.stocktake_setup import place_room, scanned_all, start
from bench.timing import Timing, compare

#: the room of the result row
RESULT_ITEMS = 2000

FLOOR_SQL = ("INSERT INTO stocktake_scans (stocktake_id, asset_id, code, code_key, scanned_at, "
             "scanned_by, desk) SELECT ?, (SELECT id FROM assets WHERE tag_key = ?), ?, ?, ?, ?, ? "
             "WHERE true ON CONFLICT DO NOTHING")


def service_scan(db_path: Path, number: int) -> tuple[Callable[[str], None], Callable[[], None]]:
    from app.database import open_database
    from app.services.stocktakes import scan
    from app.uow import Actor

    db = open_database(sqlite_url(db_path))
    actor = Actor("bench", "technician")

    def one(tag: str) -> None:
        with db.uow(actor) as uow:
            assert scan(uow, number, tag, desk="bench-desk").new, tag

    return one, db.dispose


def floor_scan(db_path: Path, number: int) -> tuple[Callable[[str], None], Callable[[], None]]:
    con = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")

    def one(tag: str) -> None:
        key = unicodedata.normalize("NFKC", tag).strip().casefold()
        at = dt.datetime.now(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
        con.execute("BEGIN IMMEDIATE")
        cur = con.execute(FLOOR_SQL, (number, key, tag, key, at, "bench", "bench-desk"))
        assert cur.rowcount == 1, tag
        con.execute("COMMIT")

    return one, con.close


def measure_scan(ctx: BenchContext) -> list[Result]:
    runs = ctx.runs(150 if ctx.quick else 400)
    path = copy_database(ctx.db_path, ctx.tmp, "stocktake-scan.sqlite3")
    tags = place_room(path, 2 * (runs + 10))
    number = start(path)
    half = len(tags) // 2
    assert half >= runs + 10, f"only {len(tags)} assets to scan"
    ours, close_ours = service_scan(path, number)
    floor, close_floor = floor_scan(path, number)
    ours = ctx.slowed("stocktake-scan", ours)
    try:  # each side scans its own half, each item once
        t_ours, t_floor = compare(lambda i: ours(tags[i]), lambda i: floor(tags[half + i]),
                                  runs=runs, warmup=5)
    finally:
        close_ours()
        close_floor()
    return [Result("stocktake scan (recorded, audited, committed)", 3.0, key="stocktake-scan",
                   ours=t_ours, floor=t_floor,
                   note="one durable commit each (WAL, synchronous=FULL); floor = one indexed "
                        "INSERT … SELECT and COMMIT in plain sqlite3")]


def measure_result(ctx: BenchContext) -> list[Result]:
    path = copy_database(ctx.db_path, ctx.tmp, "stocktake-result.sqlite3")
    tags = place_room(path, RESULT_ITEMS)
    number = start(path)
    scanned_all(path, number)
    runs = ctx.runs(15 if ctx.quick else 40)
    slow = ctx.slow_down.get("stocktake-result")
    args = [sys.executable, "-m", "bench.stocktake_probe", sqlite_url(path), str(path),
            str(number), str(runs), str(slow or 1.0)]
    env = probe_env()
    proc = subprocess.run(args, capture_output=True, text=True, env=env, timeout=900,
                          cwd=str(Path(__file__).resolve().parents[2]))
    lines = [x for x in proc.stdout.splitlines() if x.startswith("RESULT ")]
    name = f"stocktake result of {len(tags)} items, shown"
    if proc.returncode != 0 or not lines:
        return [Result(name, 2.0, key="stocktake-result", error=True,
                       note=f"error: probe failed ({proc.returncode}): {proc.stderr[-500:]}")]
    res = json.loads(lines[-1][len("RESULT "):])
    return [Result(name, 2.0, key="stocktake-result", ours=Timing.of(res["ours_ns"]),
                   floor=Timing.of(res["floor_ns"]),
                   note=f"{res['rows']} rows on the found tab; floor = the same rows from the "
                        "same query (plain sqlite3) in a bare QTableWidget, painted")]


def measurements(ctx: BenchContext) -> list[Measurement]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return [Measurement(("stocktake-scan",), lambda: measure_scan(ctx)),
            Measurement(("stocktake-result",), lambda: measure_result(ctx))]
