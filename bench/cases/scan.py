"""Resolving a scan (tag → asset, holder, encryption state, due), and how it grows with history.

Ours: a read-only unit of work around :func:`app.services.scan.resolve_scan`,
reading what the desk shows (holder, encryption, due date).
Floor: the tag normalised the same way, then one indexed SELECT with the same
joins on a plain ``sqlite3`` connection to the same file.
(How a scan grows with history and asset count: :mod:`bench.cases.growth`.)
"""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path
from typing import Any

from bench.context import BenchContext
from bench.gate import Measurement
from bench.report import Result
from bench.timing import Timing, compare

FLOOR_SQL = """
SELECT a.id, a.tag, a.kind, a.status, a.make, a.model,
       l.id, l.out_at, l.due_on, p.staff_code, p.first_name, p.last_name,
       e.encrypted, e.method, e.verified_at
FROM assets a
LEFT JOIN loans l ON l.asset_id = a.id AND l.outcome IS NULL
LEFT JOIN people p ON p.id = l.person_id
LEFT JOIN encryption_checks e
       ON e.id = (SELECT max(id) FROM encryption_checks WHERE asset_id = a.id)
WHERE a.tag_key = ?
"""


def scan_mix(ctx: BenchContext, db: Path, n: int = 400) -> list[str]:
    """Half tags of assets on loan, half of available ones, in a fixed shuffled order."""
    on_loan = ctx.tags("on_loan", n // 2, db)
    available = ctx.tags("available", n - len(on_loan), db)
    mix = [t for pair in zip(on_loan, available, strict=False) for t in pair]
    return mix + on_loan[len(mix) // 2:] + available[len(mix) // 2:]


def service_resolver(db_path: Path) -> tuple[Any, Any]:
    """(resolve(tag) -> shown values, database) through the app's services."""
    from app.bootstrap import bootstrap  # noqa: F401 - same imports as the desk
    from app.database import open_database
    from app.services.scan import resolve_scan
    from app.uow import SYSTEM
    from bench.generate import sqlite_url

    db = open_database(sqlite_url(db_path))

    def resolve(tag: str) -> tuple[Any, ...]:
        with db.uow(SYSTEM, readonly=True) as uow:
            res = resolve_scan(uow, tag)
            view = res.asset
            assert view is not None, tag
            holder = view.holder
            return (view.asset.tag, view.asset.status, view.encryption.encrypted,
                    holder.staff_code if holder else None, holder.name if holder else None,
                    view.loan.due_on if view.loan else None)

    return resolve, db


def floor_resolver(db_path: Path) -> tuple[Any, sqlite3.Connection]:
    con = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    con.execute("PRAGMA journal_mode=WAL")

    def resolve(tag: str) -> tuple[Any, ...]:
        key = unicodedata.normalize("NFKC", tag).strip().casefold()
        row = con.execute(FLOOR_SQL, (key,)).fetchone()
        assert row is not None, tag
        return row

    return resolve, con


def query_plan(con: sqlite3.Connection) -> list[str]:
    return [r[3] for r in con.execute("EXPLAIN QUERY PLAN " + FLOOR_SQL, ("x",))]


def measure_scan(ctx: BenchContext, db_path: Path, runs: int,
                 key: str = "scan") -> tuple[Timing, Timing, list[str]]:
    tags = scan_mix(ctx, db_path)
    ours, db = service_resolver(db_path)
    floor, con = floor_resolver(db_path)
    try:
        # same answers, or the comparison is meaningless
        for tag in tags[:20]:
            a, b = ours(tag), floor(tag)
            assert a[0] == b[1] and a[3] == b[9], (a, b)
        ours = ctx.slowed(key, ours)
        t_ours, t_floor = compare(lambda i: ours(tags[i % len(tags)]),
                                  lambda i: floor(tags[i % len(tags)]), runs=runs, warmup=50)
        return t_ours, t_floor, query_plan(con)
    finally:
        db.dispose()
        con.close()


def measurements(ctx: BenchContext) -> list[Measurement]:
    def scan() -> list[Result]:
        ours, floor, plan = measure_scan(ctx, ctx.db_path, ctx.runs(1000 if ctx.quick else 3000))
        return [Result("resolve a scan", 3.0, key="scan", ours=ours, floor=floor,
                       extra={"floor_plan": plan})]

    return [Measurement(("scan",), scan)]
