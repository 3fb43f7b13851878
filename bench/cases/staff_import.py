"""Importing a staff CSV into an empty people table.

Ours: :func:`app.imports.staff.import_staff` (decoding, header aliases,
validation, upsert, audit with a digest of every row, one durable commit) on a
fresh database created by the app.
Floor: ``csv.reader`` over the same bytes, the same normalised keys, one
``executemany`` INSERT of the same rows and one commit, plain ``sqlite3`` with
the same durability (WAL, ``synchronous=FULL``), into a second fresh database.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import tempfile
import unicodedata
from pathlib import Path

from bench.context import BenchContext
from bench.gate import Measurement
from bench.generate import DEPARTMENTS, FIRST_NAMES, LAST_NAMES, sqlite_url
from bench.report import Result
from bench.timing import compare

HEADER = "Staff Code,Forename,Surname,Email,Department,Badge,Leaving Date\r\n"


def staff_csv(rows: int) -> bytes:
    out = [HEADER]
    for i in range(1, rows + 1):
        first, last = FIRST_NAMES[i % len(FIRST_NAMES)], LAST_NAMES[(i * 7) % len(LAST_NAMES)]
        badge = f"B{i:08d}" if i % 2 == 0 else ""
        leaving = "2026-12-18" if i % 50 == 0 else ""
        last_cell = f'"{last}"' if "'" in last else last
        out.append(f"T{i:06d},{first},{last_cell},t{i:06d}@example.org,"
                   f"{DEPARTMENTS[i % len(DEPARTMENTS)]},{badge},{leaving}\r\n")
    return "".join(out).encode("utf-8")


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _search(first: str, last: str) -> str:
    decomposed = unicodedata.normalize("NFKD", f"{first} {last}".strip())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", stripped).casefold()


def floor_import(path: Path, data: bytes) -> int:
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        rows = []
        reader = csv.reader(io.StringIO(data.decode("utf-8")))
        next(reader)
        for code, first, last, email, dept, badge, leaving in reader:
            rows.append((code, _key(code), first, last, email or None, dept or None,
                         badge or None, _key(badge) if badge else None,
                         "leaving" if leaving else "active", leaving or None,
                         _search(first, last)))
        con.execute("BEGIN IMMEDIATE")
        con.executemany(
            "INSERT INTO people (staff_code, staff_key, first_name, last_name, email, department, "
            "badge_code, badge_key, status, leaving_date, search_name) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        con.execute("COMMIT")
        return len(rows)
    finally:
        con.close()


def _measure(ctx: BenchContext) -> list[Result]:
    from app.database import open_database
    from app.imports.staff import import_staff
    from app.uow import Actor

    n = ctx.scale.staff_csv_rows
    data = staff_csv(n)
    actor = Actor("bench", "admin")
    folder = Path(tempfile.mkdtemp(prefix="import-", dir=ctx.tmp))  # one per attempt
    template = folder / "empty.sqlite3"
    open_database(sqlite_url(template)).dispose()
    counter = [0]
    do_import = ctx.slowed("import", import_staff)

    def fresh() -> Path:
        counter[0] += 1
        dest = folder / f"import-{counter[0]}.sqlite3"
        dest.write_bytes(template.read_bytes())
        return dest

    pending: dict[str, Path] = {}

    def prepare(i: int) -> None:  # fresh targets are made outside the timed call
        pending[f"ours{i}"] = fresh()
        pending[f"floor{i}"] = fresh()

    dbs: list[object] = []

    def ours(i: int) -> None:
        db = open_database(sqlite_url(pending.pop(f"ours{i}")))
        dbs.append(db)
        with db.uow(actor) as uow:
            report = do_import(uow, data)
        assert report.created == n, report

    def floor(i: int) -> None:
        assert floor_import(pending.pop(f"floor{i}"), data) == n

    runs = ctx.runs(3 if ctx.quick else 5)
    for i in range(runs + 1):
        prepare(i)
    t_ours, t_floor = compare(ours, floor, runs=runs, warmup=1)
    for db in dbs:
        db.dispose()  # type: ignore[attr-defined]
    return [Result(f"import {n:,}-row staff CSV", 3.0, key="import", ours=t_ours, floor=t_floor,
                   note="into an empty people table; ours includes opening the database")]


def measurements(ctx: BenchContext) -> list[Measurement]:
    return [Measurement(("import",), lambda: _measure(ctx))]
