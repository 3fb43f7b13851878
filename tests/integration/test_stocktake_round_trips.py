"""Round trips of a stocktake scan on PostgreSQL, counted on the wire (libpq's trace of the
connection: a round trip is a client flight followed by the server's answer).

The scan's own work is one statement (look-up, open check and insert together); the rest
of its round trips are the unit of work's transaction and the audit chain's append, which
issue 19 reworks (pipelining them). The count is pinned so that it can only go down.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

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

#: a scan's round trips on main today: BEGIN, the scan's INSERT, the audit head's
#: SELECT … FOR UPDATE, the event's INSERT, the head's UPDATE, COMMIT
ROUND_TRIPS_NOW = 6
#: what issue 20 asks: one
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
    # the scan itself: one statement (look-up, open check, insert), on the wire once
    assert len([s for s in sent if "INSERT INTO stocktake_scans" in s]) == 1, sent
    assert not [s for s in sent if "FROM assets" in s and "INSERT" not in s], sent
    print(f"a stocktake scan: {trips} round trips: {sent}")
    assert TARGET <= trips <= ROUND_TRIPS_NOW, (trips, sent)
