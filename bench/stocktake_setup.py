"""A stocktake to measure, on a copy of the generated database: a school, one room holding
``items`` assets, and stocktakes of it (made through the services, so the chain holds)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def place_room(db_path: Path, items: int) -> list[str]:
    """Put the first ``items`` assets (not retired) in room BENCH-R1 of school BENCH; their tags."""
    from app.database import open_database
    from app.services import places
    from app.uow import Actor
    from bench.generate import sqlite_url

    db = open_database(sqlite_url(db_path))
    try:
        actor = Actor("bench", "admin")
        with db.uow(actor) as uow:
            places.add_site(uow, "BENCH", "Bench School")
        with db.uow(actor) as uow:
            room = places.add_location(uow, "BENCH", "BENCH-R1", "Room 1").id
    finally:
        db.dispose()
    con = sqlite3.connect(db_path)
    try:
        ids = [r[0] for r in con.execute(
            "SELECT id FROM assets WHERE status = 'available' ORDER BY id LIMIT ?", (items,))]
        # the bench's own copy: placed with plain SQL (audit verify is not measured here)
        con.executemany("UPDATE assets SET site_id = 1, home_location_id = ?, "
                        "current_location_id = ? WHERE id = ?", [(room, room, i) for i in ids])
        con.commit()
        return [r[0] for r in con.execute(
            "SELECT tag FROM assets WHERE home_location_id = ? ORDER BY id", (room,))]
    finally:
        con.close()


def start(db_path: Path) -> int:
    """A stocktake of BENCH-R1, open; its number."""
    from app.database import open_database
    from app.services import stocktakes
    from app.uow import Actor
    from bench.generate import sqlite_url

    db = open_database(sqlite_url(db_path))
    try:
        with db.uow(Actor("bench", "admin")) as uow:
            return stocktakes.start_stocktake(uow, "BENCH-R1").id
    finally:
        db.dispose()


def scanned_all(db_path: Path, number: int) -> None:
    """Every asset of BENCH-R1 scanned into stocktake ``number`` (plain SQL: the set-up)."""
    con = sqlite3.connect(db_path)
    try:
        con.execute("INSERT INTO stocktake_scans (stocktake_id, asset_id, code, code_key, "
                    "scanned_at, scanned_by, desk) SELECT ?, id, tag, tag_key, "
                    "'2026-12-07 09:00:00.000000', 'bench', 'bench-desk' FROM assets "
                    "WHERE home_location_id = (SELECT id FROM locations WHERE code = 'BENCH-R1')",
                    (number,))
        con.commit()
    finally:
        con.close()
