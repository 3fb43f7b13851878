"""Latency mode: ``python -m bench --pg URL --rtt MS [--ci] [--json FILE]``.

The service rows run against PostgreSQL through :class:`bench.wan_proxy.WanProxy`,
which adds ``MS`` of round-trip time and counts round trips. Each row reports the
round trips one operation takes (the most of any of its runs, after warm-up) and its
median time. ``--ci`` fails when a row's *count* is past its target: counts do not
depend on load, so a busy machine cannot trip it, and a change that adds a round
trip does. A fresh database (``lk_wan_…``) is made on the server of ``URL`` for the
run, and dropped after it.
"""

from __future__ import annotations

import datetime as dt
import functools
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from bench.wan_proxy import WanProxy, proxied_url, upstream_port

#: row key -> (what it is, round-trip target after the connection is made)
TARGETS: dict[str, tuple[str, int]] = {
    "wan-scan": ("scan resolve (a tag)", 1),
    "wan-checkout": ("check out (one asset)", 2),
    "wan-checkin": ("check in (one asset)", 2),
    "wan-leaver": ("leaver return (10 items)", 4),
    "wan-start": ("desk start to a usable sign-in", 10),
    "wan-stocktake-scan": ("stocktake scan (a new item)", 1),
}
LEAVER_ITEMS = 10


@dataclass
class WanRow:
    key: str
    round_trips: int
    times_ms: list[float]
    connects: int = 0
    runs: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return TARGETS[self.key][0]

    @property
    def target(self) -> int:
        return TARGETS[self.key][1]

    @property
    def ok(self) -> bool:
        return self.round_trips <= self.target

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times_ms) if self.times_ms else 0.0

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "round_trips": self.round_trips,
                "target": self.target, "pass": self.ok, "median_ms": round(self.median_ms, 2),
                "times_ms": [round(t, 2) for t in self.times_ms], "connect_round_trips":
                self.connects, "runs": self.runs, **self.extra}


@contextmanager
def scratch_database(pg_url: str) -> Iterator[str]:
    """A new, migrated database on ``pg_url``'s server; dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from app.database import open_database

    base = make_url(pg_url)
    name = f"lk_wan_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.set(database=name).render_as_string(hide_password=False)
    try:
        open_database(url).dispose()
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def seed(url: str, assets: int, staff: int = 10) -> None:
    """Staff ``WAN1``…, a leaver ``LEAVER``, laptops ``WAN-0001``… and a school ``WAN`` with a
    room ``WAN-ROOM`` (for stocktakes), audited as the app does."""
    from app.database import open_database
    from app.keys import search_name, staff_key, tag_key
    from app.services import places
    from app.uow import Actor
    from db.models import Asset, Person

    db = open_database(url)
    try:
        with db.uow(Actor("bench", "admin")) as uow:
            people = [Person(staff_code=f"WAN{i}", staff_key=staff_key(f"WAN{i}"), first_name="Wan",
                             last_name=f"Desk {i}", status="active",
                             search_name=search_name("Wan", f"Desk {i}")) for i in range(1, staff + 1)]
            people.append(Person(staff_code="LEAVER", staff_key=staff_key("LEAVER"),
                                 first_name="Lee", last_name="Ving", status="leaving",
                                 leaving_date=dt.date.today() + dt.timedelta(days=60),
                                 search_name=search_name("Lee", "Ving")))
            uow.session.add_all(people)
            for i in range(1, assets + 1):
                tag = f"WAN-{i:04d}"
                uow.session.add(Asset(tag=tag, tag_key=tag_key(tag), kind="laptop",
                                      status="available", make="Dell", model="Latitude 5440"))
            uow.session.flush()
            uow.audit("bench_seed", None, people=len(people), assets=assets)
            uow.commit()
        with db.uow(Actor("bench", "admin")) as uow:
            places.add_site(uow, "WAN", "WAN High School")
        with db.uow(Actor("bench", "admin")) as uow:
            places.add_location(uow, "WAN", "WAN-ROOM", "Stocktake room")
    finally:
        db.dispose()


def _count(proxy: WanProxy, fn: Callable[[], Any]) -> tuple[int, int, float]:
    before = proxy.counts()
    started = time.perf_counter()
    fn()
    elapsed = (time.perf_counter() - started) * 1000
    got = proxy.counts().minus(before)
    return got.round_trips, got.connect_round_trips, elapsed


def measure(url: str, rtt_ms: float, *, runs: int = 5) -> list[WanRow]:
    """Every latency row on the database at ``url`` (seeded by :func:`seed`)."""
    from app.database import open_database
    from app.services.leavers import leaver_return
    from app.services.loans import check_in, check_out
    from app.services.scan import resolve_scan
    from app.services.technicians import count_technicians
    from app.uow import Actor

    actor = Actor("bench", "admin")
    rows: list[WanRow] = []
    with WanProxy(upstream_port(url), rtt_ms=rtt_ms, idle_timeout=120) as proxy:
        via = proxied_url(url, proxy.port)

        # desk start: open (schema check) and the sign-in screen's question, on a new process's
        # engine; the connection's own start-up is counted apart
        start = WanRow("wan-start", 0, [])
        for _ in range(runs):
            def open_and_ask() -> None:
                db = open_database(via)
                try:
                    with db.uow(Actor("sign-in"), readonly=True) as uow:
                        count_technicians(uow)
                finally:
                    db.dispose()
            n, c, ms = _count(proxy, open_and_ask)
            start.round_trips = max(start.round_trips, n)
            start.connects = max(start.connects, c)
            start.times_ms.append(ms)
            start.runs += 1
        rows.append(start)

        db = open_database(via)
        try:
            def scan(tag: str) -> None:
                with db.uow(actor, readonly=True) as uow:
                    result = resolve_scan(uow, tag)
                    assert result.type == "asset", result

            def out(tag: str, code: str) -> None:
                with db.uow(actor) as uow:
                    check_out(uow, tag, code)

            def back(tag: str) -> None:
                with db.uow(actor) as uow:
                    check_in(uow, tag)

            scans, outs, backs = (WanRow(k, 0, []) for k in ("wan-scan", "wan-checkout", "wan-checkin"))
            warm = 6  # past psycopg's prepare threshold (5), and the pool's first connection
            for i in range(warm + runs):
                tag = f"WAN-{(i % 50) + 1:04d}"
                steps: list[tuple[WanRow, Callable[[], None]]] = [
                    (scans, functools.partial(scan, tag)),
                    (outs, functools.partial(out, tag, "WAN1")),
                    (backs, functools.partial(back, tag))]
                for row, fn in steps:
                    n, c, ms = _count(proxy, fn)
                    if i >= warm:
                        row.round_trips = max(row.round_trips, n)
                        row.connects = max(row.connects, c)
                        row.times_ms.append(ms)
                        row.runs += 1
            rows += [scans, outs, backs]

            rows.append(_stocktake_scans(db, actor, proxy, runs))

            leaver = WanRow("wan-leaver", 0, [])
            tags = [f"WAN-{i:04d}" for i in range(101, 101 + LEAVER_ITEMS)]
            with db.uow(actor) as uow:
                check_out(uow, tags, "LEAVER")
            n, c, ms = _count(proxy, lambda: _leave(db, actor, leaver_return))
            leaver.round_trips, leaver.connects, leaver.times_ms, leaver.runs = n, c, [ms], 1
            rows.append(leaver)
        finally:
            db.dispose()
    return rows


def _stocktake_scans(db: Any, actor: Any, proxy: WanProxy, runs: int) -> WanRow:
    """New scans of known laptops into an open stocktake, each its own unit of work (as a
    desk scans them), after warm-up (psycopg prepares a statement sent five times)."""
    from app.services import stocktakes

    with db.uow(actor) as uow:
        number = stocktakes.start_or_resume(uow, "WAN-ROOM").id
    row = WanRow("wan-stocktake-scan", 0, [])
    warm = 6
    for i in range(warm + runs):
        def scan(tag: str = f"WAN-{60 + i:04d}") -> None:
            with db.uow(actor) as uow:
                assert stocktakes.scan(uow, number, tag, desk="wan-desk").new, tag
        n, c, ms = _count(proxy, scan)
        if i >= warm:
            row.round_trips = max(row.round_trips, n)
            row.connects = max(row.connects, c)
            row.times_ms.append(ms)
            row.runs += 1
    return row


def _leave(db: Any, actor: Any, leaver_return: Callable[..., Any]) -> None:
    with db.uow(actor) as uow:
        leaver_return(uow, "LEAVER")


def table(rows: list[WanRow], rtt_ms: float) -> str:
    lines = [f"latency mode: PostgreSQL through a proxy adding {rtt_ms:g} ms per round trip",
             f"{'operation':<34} {'round trips':>11} {'target':>6} {'median ms':>10}  verdict"]
    for r in rows:
        lines.append(f"{r.name:<34} {r.round_trips:>11} {'≤' + str(r.target):>6} "
                     f"{r.median_ms:>10.1f}  {'pass' if r.ok else 'FAIL'}")
    return "\n".join(lines)


def main(pg_url: str, rtt_ms: float, *, ci: bool, json_path: Any = None, quick: bool = False) -> int:
    import json
    import platform

    started = time.perf_counter()
    with scratch_database(pg_url) as url:
        seed(url, assets=200)
        rows = measure(url, rtt_ms, runs=3 if quick else 10)
    print(table(rows, rtt_ms))
    print(f"\n{len(rows)} rows in {time.perf_counter() - started:.0f} s on {platform.node()}")
    if json_path is not None:
        json_path.write_text(json.dumps({"results": [r.as_json() for r in rows],
                                         "meta": {"rtt_ms": rtt_ms, "mode": "latency"}}, indent=2))
    failed = [r for r in rows if not r.ok]
    if ci:
        for r in failed:
            print(f"CI: {r.name} takes {r.round_trips} round trips (target {r.target})",
                  file=sys.stderr)
        print(f"CI: latency rows {'FAILED' if failed else 'passed'} ({len(failed)} of {len(rows)} "
              "past their round-trip target)", file=sys.stderr)
        return 1 if failed else 0
    return 0
