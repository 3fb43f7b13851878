"""Round trips of a stocktake scan on PostgreSQL, counted on the wire (libpq's trace of the
connection: a round trip is a client flight followed by the server's answer).

A scan is one statement (look-up, checks, the insert and its audit event together, and
what says why when nothing was written), sent with ``BEGIN`` and ``COMMIT`` in one flight:
one round trip, for a new scan, an unknown code and a repeat alike.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from app import audit
from app.bootstrap import AppContext, bootstrap
from app.config import Settings
from app.services import stocktakes
from app.uow import Actor
from tests.conftest import (
    PG_URL,
    MutableClock,
    _pg_create_database,
    _pg_drop_database,
    skip_or_fail,
    user_folder,
)
from tests.factories import add_asset, add_location, add_site

pytestmark = pytest.mark.postgres

#: what issue 20 asks of a new scan: one
TARGET = 1


def flights(trace: str) -> tuple[int, list[str]]:
    """(round trips, the client's messages) in a libpq trace."""
    trips, last, sent = 0, "", []
    for line in trace.splitlines():
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        side = parts[0]
        if side == "F":
            sent.append(" ".join(parts[2:]).strip())
        if side == "B" and last == "F":
            trips += 1
        last = side
    return trips, sent


@pytest.fixture
def pg_ctx(tmp_path: Path, clock: MutableClock) -> Iterator[AppContext]:
    """The app on a fresh PostgreSQL database (round trips are PostgreSQL's: SQLite is
    in-process)."""
    if not PG_URL:
        skip_or_fail("PostgreSQL not configured: set LOAN_KIOSK_TEST_PG=postgresql+psycopg://…")
    url = _pg_create_database()
    ctx = bootstrap(url, data_dir=user_folder(tmp_path) / "data", settings=Settings(), clock=clock)
    yield ctx
    ctx.close()
    _pg_drop_database(url)


@pytest.fixture
def traced(pg_ctx: AppContext) -> Iterator[Any]:
    import psycopg

    app_ctx = pg_ctx

    fd, name = tempfile.mkstemp(prefix="lk-trace-")
    traced_conns: list[Any] = []

    def checkout(dbapi_conn: Any, _rec: Any, _proxy: Any) -> None:
        dbapi_conn.pgconn.trace(fd)
        dbapi_conn.pgconn.set_trace_flags(psycopg.pq.Trace.SUPPRESS_TIMESTAMPS
                                          | psycopg.pq.Trace.REGRESS_MODE)
        traced_conns.append(dbapi_conn)

    engine = app_ctx.db.write_bind

    def stop_and_read() -> str:
        if event.contains(engine, "checkout", checkout):
            event.remove(engine, "checkout", checkout)
        for conn in traced_conns:
            if not conn.closed:
                conn.pgconn.untrace()  # libpq's trace is buffered: this flushes it
        traced_conns.clear()
        return Path(name).read_text()

    yield lambda: event.listen(engine, "checkout", checkout), stop_and_read
    stop_and_read()
    os.close(fd)
    os.unlink(name)


def test_a_stocktake_scan_on_the_wire(pg_ctx: AppContext, traced: Any) -> None:
    app_ctx = pg_ctx
    start_tracing, stop_and_read = traced
    add_site(app_ctx)
    room = add_location(app_ctx, "ICT1", "ICT suite 1")
    add_asset(app_ctx, "LT-1", site_id=1, home_location_id=room)
    add_asset(app_ctx, "LT-2", site_id=1, home_location_id=room)
    actor = Actor("plain-tech")
    with app_ctx.uow(actor) as uow:
        number = stocktakes.start_stocktake(uow, "ICT1").id
    with app_ctx.uow(actor) as uow:  # the pool warmed, statements compiled
        stocktakes.scan(uow, number, "LT-1")
    start_tracing()
    with app_ctx.uow(actor) as uow:
        assert stocktakes.scan(uow, number, "LT-2").new
    trips, sent = flights(stop_and_read())
    print(f"a stocktake scan: {trips} round trips: {sent}")
    # BEGIN, the one statement (look-up, checks, insert, its audit event), COMMIT: one flight
    assert trips == TARGET and sent.count("Sync") == 1, sent
    assert len([s for s in sent if s.startswith('Parse') and "WITH scan AS" in s]) <= 1, sent
    assert not [s for s in sent if "FROM assets" in s and "WITH" not in s], sent
    seen = len(stop_and_read())  # (the trace file grows: each count is of what came since)
    start_tracing()
    with app_ctx.uow(actor) as uow:  # a code matching no asset is kept too, as quickly
        assert stocktakes.scan(uow, number, "NOT-A-TAG").new
    trace = stop_and_read()
    trips, sent = flights(trace[seen:])
    assert trips == TARGET, sent
    seen = len(trace)
    start_tracing()
    with app_ctx.uow(actor) as uow:
        assert not stocktakes.scan(uow, number, "LT-2").new
    trips, sent = flights(stop_and_read()[seen:])
    print(f"a repeat scan: {trips} round trips")
    assert trips == TARGET, (trips, sent)
    with app_ctx.uow(actor, readonly=True) as uow:
        checked = audit.verify(uow.session)
    assert checked.ok and checked.events >= 6, checked
