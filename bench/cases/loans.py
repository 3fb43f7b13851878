"""Check out + check in: validation, audit chain, commit — twice durable (WAL, synchronous=FULL).

Ours: :func:`app.services.loans.check_out` then :func:`check_in`, each in its
own unit of work, on a private copy of the generated database.
Floor: the same logical writes with plain ``sqlite3`` on the same file and the
same durability (WAL, ``synchronous=FULL``, ``BEGIN IMMEDIATE``): look up the
asset, person and audit head; insert the loan, update the asset, insert an
audit event chained by SHA-256 (with the loan row's digest) and move the
head; commit; then close the loan, free the asset, one more chained event,
move the head, commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import unicodedata
from collections.abc import Callable
from pathlib import Path

from bench.context import BenchContext
from bench.gate import Measurement
from bench.generate import copy_database, sqlite_url
from bench.report import Result
from bench.timing import compare

_DT = "%Y-%m-%d %H:%M:%S.%f"


def service_cycle(db_path: Path) -> tuple[Callable[[str, str], None], Callable[[], None]]:
    from app.database import open_database
    from app.services.loans import check_in, check_out
    from app.uow import Actor

    db = open_database(sqlite_url(db_path))
    actor = Actor("bench", "admin")

    def cycle(tag: str, staff_code: str) -> None:
        with db.uow(actor) as uow:
            check_out(uow, tag, staff_code)
        with db.uow(actor) as uow:
            check_in(uow, tag)

    return cycle, db.dispose


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _chain(prev: str, seq: int, at: str, actor: str, action: str, entity: str, entity_id: str,
           details: str) -> str:
    payload = json.dumps({"prev": prev, "seq": seq, "at": at, "actor": actor, "action": action,
                          "entity": entity, "entity_id": entity_id, "details": details},
                         sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


def floor_cycle(db_path: Path) -> tuple[Callable[[str, str], None], Callable[[], None]]:
    con = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")

    def event(at: str, action: str, loan_id: int, details: dict[str, object],
              row: tuple[object, ...]) -> None:
        seq, prev = con.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        details["_rows"] = {f"loans:{loan_id}": hashlib.sha256(repr(row).encode()).hexdigest()}
        text = json.dumps(details, sort_keys=True, separators=(",", ":"), default=str)
        seq += 1
        h = _chain(prev, seq, at, "bench", action, "loans", str(loan_id), text)
        con.execute("INSERT INTO audit_events (seq, at, actor, action, entity, entity_id, details, "
                    "prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?)",
                    (seq, at, "bench", action, "loans", str(loan_id), text, prev, h))
        con.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", (seq, h))

    def cycle(tag: str, staff_code: str) -> None:
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        at = now.strftime(_DT)
        due = (now.date() + dt.timedelta(days=30)).isoformat()
        con.execute("BEGIN IMMEDIATE")
        asset_id, status = con.execute("SELECT id, status FROM assets WHERE tag_key = ?",
                                       (_key(tag),)).fetchone()
        person_id, pstatus = con.execute("SELECT id, status FROM people WHERE staff_key = ?",
                                         (_key(staff_code),)).fetchone()
        assert status == "available" and pstatus == "active"
        row = (asset_id, person_id, at, "bench", due, "ok", 0)
        cur = con.execute("INSERT INTO loans (asset_id, person_id, out_at, out_by, due_on, "
                          "condition_out, personal_data) VALUES (?,?,?,?,?,?,?)", row)
        loan_id = cur.lastrowid
        assert loan_id is not None
        con.execute("UPDATE assets SET status = 'on_loan' WHERE id = ?", (asset_id,))
        event(at, "checkout", loan_id, {"tag": tag, "staff_code": staff_code, "due_on": due}, row)
        con.execute("COMMIT")

        con.execute("BEGIN IMMEDIATE")
        asset_id, = con.execute("SELECT id FROM assets WHERE tag_key = ?", (_key(tag),)).fetchone()
        loan_id, = con.execute("SELECT id FROM loans WHERE asset_id = ? AND outcome IS NULL",
                               (asset_id,)).fetchone()
        con.execute("UPDATE loans SET in_at = ?, in_by = ?, condition_in = 'ok', "
                    "outcome = 'returned' WHERE id = ?", (at, "bench", loan_id))
        con.execute("UPDATE assets SET status = 'available' WHERE id = ?", (asset_id,))
        event(at, "checkin", loan_id, {"tag": tag, "condition": "ok"}, row + (at, "returned"))
        con.execute("COMMIT")

    return cycle, con.close


def borrowers(db_path: Path, n: int) -> list[str]:
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute(
            "SELECT staff_code FROM people WHERE status = 'active' ORDER BY id LIMIT ?", (n,))]
    finally:
        con.close()


def measurements(ctx: BenchContext) -> list[Measurement]:
    def checkout() -> list[Result]:
        runs = ctx.runs(100 if ctx.quick else 300)
        path = copy_database(ctx.db_path, ctx.tmp, "loans.sqlite3")
        tags = ctx.tags("available", 200, path)
        staff = borrowers(path, 200)
        half = len(tags) // 2
        ours, close_ours = service_cycle(path)
        floor, close_floor = floor_cycle(path)
        ours = ctx.slowed("checkout", ours)
        try:
            # ours and floor lend different assets, so neither finds the other's leftovers
            t_ours, t_floor = compare(
                lambda i: ours(tags[i % half], staff[i % len(staff)]),
                lambda i: floor(tags[half + i % half], staff[i % len(staff)]), runs=runs,
                warmup=5)
        finally:
            close_ours()
            close_floor()
        return [Result("check out + check in", 3.0, key="checkout", ours=t_ours, floor=t_floor,
                       note="two durable commits each (WAL, synchronous=FULL) on a copy of the "
                            "generated database")]

    return [Measurement(("checkout",), checkout)]
