"""Bookings at scale: the booking check and a day's list, with 200,000 bookings (20,000
with ``--quick``) on the generated database (100,000 assets; 10,000 quick).

Bookings are written straight into a private copy of the generated database: two a
asset over two school years, about one in a hundred running over several days.

- ``booking-check``: ours is :func:`app.services.booking_reads.slot_check` in a read-only
  unit of work (the check :func:`app.services.bookings.book` makes for each asset: the
  asset, who holds the slot, its open loan); floor: the same indexed SELECT on a plain
  ``sqlite3`` connection.
- ``bookings-day``: ours is :func:`app.services.booking_views.day_bookings` (one statement,
  then each booking with its warnings and where to get it from, as the desk and
  ``loan-kiosk bookings`` show it); floor: the same SELECT with ``fetchall`` on ``sqlite3``.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import unicodedata
from pathlib import Path
from typing import Any

from bench.context import BenchContext
from bench.gate import Measurement
from bench.generate import copy_database, sqlite_url
from bench.report import Result
from bench.timing import compare

_DT = "%Y-%m-%d %H:%M:%S.%f"
FIRST_DAY = dt.date(2027, 1, 4)  # a Monday
SCHOOL_DAYS = 380  # two school years of weekdays
#: lesson slots in UTC (winter): P1-P5
SLOTS = ((8, 50, 9, 50), (9, 50, 10, 50), (11, 10, 12, 10), (12, 10, 13, 10), (14, 0, 15, 0))

CHECK_SQL = """
SELECT a.id, a.tag, a.status,
  (SELECT bi.booking_id FROM booking_items bi WHERE bi.asset_id = a.id AND bi.active
     AND bi.ends_at > ? AND bi.starts_at < ? ORDER BY bi.ends_at LIMIT 1),
  (SELECT l.due_on FROM loans l WHERE l.asset_id = a.id AND l.outcome IS NULL)
FROM assets a WHERE a.tag_key = ?
"""

DAY_SQL = """
SELECT b.id, b.status, b.kind, b.quantity, b.pool_kind, b.purpose, b.series_id, b.starts_at,
       b.ends_at, b.person_id, p.first_name, p.last_name, p.staff_code, a.tag, a.status,
       a.location, h.name, h.code, k.tag, k.name, kh.name, kh.code, l.person_id,
       lp.first_name, lp.last_name, lp.staff_code, l.due_on
FROM bookings b JOIN people p ON p.id = b.person_id
LEFT JOIN booking_items bi ON bi.booking_id = b.id
LEFT JOIN assets a ON a.id = bi.asset_id
LEFT JOIN locations h ON h.id = a.home_location_id
LEFT JOIN kits k ON k.id = b.kit_id
LEFT JOIN locations kh ON kh.id = k.home_location_id
LEFT JOIN loans l ON l.asset_id = a.id AND l.outcome IS NULL
LEFT JOIN people lp ON lp.id = l.person_id
WHERE b.status IN ('booked', 'ready', 'fulfilled')
  AND ((b.starts_at >= ? AND b.starts_at < ?)
       OR (b.multi_day AND b.ends_at > ? AND b.starts_at < ?))
ORDER BY b.starts_at, b.id, a.tag_key
"""


def _days() -> list[dt.date]:
    days, d = [], FIRST_DAY
    while len(days) < SCHOOL_DAYS:
        if d.weekday() < 5:
            days.append(d)
        d += dt.timedelta(days=1)
    return days


def add_bookings(path: Path, n: int, seed: int = 24) -> list[dt.date]:
    """``n`` bookings (each one asset; no two of an asset overlap) written with sqlite3."""
    from app.database import open_database

    open_database(sqlite_url(path)).dispose()  # the bookings tables (migration i24_bookings)
    rng = random.Random(seed)
    con = sqlite3.connect(path, isolation_level=None)
    try:
        assets = [r[0] for r in con.execute("SELECT id FROM assets WHERE status NOT IN "
                                            "('lost', 'retired') ORDER BY id")]
        people = [r[0] for r in con.execute(
            "SELECT id FROM people WHERE status = 'active' ORDER BY id")]
        days = _days()
        bookings, items = [], []
        made_at = dt.datetime(2026, 12, 1, 9).strftime(_DT)
        for i in range(n):
            asset = assets[i % len(assets)]
            # the asset's k-th booking falls in the k-th part of the two years: never overlapping
            k, parts = i // len(assets), max(1, -(-n // len(assets)))
            span = len(days) // parts
            day = days[k * span + rng.randrange(max(1, span - 3))]
            if rng.random() < 0.01:  # a trip: three days
                start = dt.datetime.combine(day, dt.time(7, 30))
                end = dt.datetime.combine(day + dt.timedelta(days=2), dt.time(18))
            else:
                h1, m1, h2, m2 = SLOTS[rng.randrange(len(SLOTS))]
                start = dt.datetime.combine(day, dt.time(h1, m1))
                end = dt.datetime.combine(day, dt.time(h2, m2))
            status = "ready" if rng.random() < 0.2 else "booked"
            bookings.append((i + 1, rng.choice(people), made_at, "bench", "asset", asset,
                             start.strftime(_DT), end.strftime(_DT), int(end.date() > start.date()),
                             status))
            items.append((i + 1, i + 1, asset, start.strftime(_DT), end.strftime(_DT), 1))
        con.execute("BEGIN")
        con.executemany("INSERT INTO bookings (id, person_id, made_at, made_by, kind, asset_id, "
                        "starts_at, ends_at, multi_day, status) VALUES (?,?,?,?,?,?,?,?,?,?)",
                        bookings)
        con.executemany("INSERT INTO booking_items (id, booking_id, asset_id, starts_at, ends_at, "
                        "active) VALUES (?,?,?,?,?,?)", items)
        con.execute("COMMIT")
        con.execute("ANALYZE")
    finally:
        con.close()
    return days


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def measurements(ctx: BenchContext) -> list[Measurement]:
    n = 20_000 if ctx.quick else 200_000

    def run() -> list[Result]:
        from app.config import Settings
        from app.database import open_database
        from app.services.booking_reads import slot_check
        from app.services.booking_views import day_bookings
        from app.uow import SYSTEM

        path = copy_database(ctx.db_path, ctx.tmp, "bookings.sqlite3")
        days = add_bookings(path, n)
        tags = ctx.tags("available", 400, path)
        rng = random.Random(7)
        probes = []
        for i in range(len(tags)):
            h1, m1, h2, m2 = SLOTS[i % len(SLOTS)]
            day = days[rng.randrange(len(days))]
            probes.append((tags[i], dt.datetime.combine(day, dt.time(h1, m1), tzinfo=dt.UTC),
                           dt.datetime.combine(day, dt.time(h2, m2), tzinfo=dt.UTC)))
        db = open_database(sqlite_url(path))
        db.settings = Settings()
        con = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        con.execute("PRAGMA journal_mode=WAL")
        try:
            def ours_check(i: int) -> Any:
                tag, a, b = probes[i % len(probes)]
                with db.uow(SYSTEM, readonly=True) as uow:
                    return slot_check(uow, tag, a, b)

            def floor_check(i: int) -> Any:
                tag, a, b = probes[i % len(probes)]
                return con.execute(CHECK_SQL, (a.replace(tzinfo=None).strftime(_DT),
                                               b.replace(tzinfo=None).strftime(_DT),
                                               _key(tag))).fetchone()

            for i in range(20):  # the same answers, or the comparison means nothing
                mine, floor = ours_check(i), floor_check(i)
                assert mine is not None and floor is not None
                assert (mine[0], mine[3]) == (floor[0], floor[3]), (mine, floor)
            ours_check = ctx.slowed("booking-check", ours_check)
            check = compare(ours_check, floor_check, runs=ctx.runs(1000 if ctx.quick else 3000),
                            warmup=50)

            london = days[len(days) // 4:len(days) // 4 + 40]

            def ours_day(i: int) -> int:
                with db.uow(SYSTEM, readonly=True) as uow:
                    return len(day_bookings(uow, london[i % len(london)]))

            def floor_day(i: int) -> int:
                day = london[i % len(london)]
                # the school day in UTC, as day_bookings takes it (Europe/London)
                from zoneinfo import ZoneInfo

                z = ZoneInfo("Europe/London")
                a = dt.datetime.combine(day, dt.time(), tzinfo=z).astimezone(dt.UTC)
                b = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(),
                                        tzinfo=z).astimezone(dt.UTC)
                sa, sb = (x.replace(tzinfo=None).strftime(_DT) for x in (a, b))
                return len({r[0] for r in con.execute(DAY_SQL, (sa, sb, sa, sa)).fetchall()})

            for i in range(5):
                assert ours_day(i) == floor_day(i) > 0, (ours_day(i), floor_day(i))
            per_day = floor_day(0)
            ours_day = ctx.slowed("bookings-day", ours_day)
            day = compare(ours_day, floor_day, runs=ctx.runs(60 if ctx.quick else 200), warmup=5)
        finally:
            db.dispose()
            con.close()
        return [
            Result("booking check (asset, holder, loan)", 3.0, key="booking-check",
                   ours=check[0], floor=check[1],
                   note=f"{n:,} bookings; one indexed statement on the cursor"),
            Result("a day's bookings list", 3.0, key="bookings-day", ours=day[0], floor=day[1],
                   note=f"{n:,} bookings, ~{per_day} on a day, with warnings and places"),
        ]

    return [Measurement(("booking-check", "bookings-day"), run)]
