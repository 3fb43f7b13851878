"""Round trips over a WAN: counted at the loopback proxy of ``python -m bench --pg --rtt``.

The suite guards the latency targets as the bench does (bench/wan.py): a change that
adds a round trip to a scan, a check-out, a check-in or desk start fails here, with
any load on the machine (counts, not times). The proxy's own counting is checked
against statements whose round trips are known.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from bench import wan
from bench.wan_proxy import WanProxy, proxied_url, upstream_port
from tests.conftest import PG_URL, _pg_create_database, _pg_drop_database, skip_or_fail

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_url() -> Iterator[str]:
    if not PG_URL:
        skip_or_fail("PostgreSQL not configured: set LOAN_KIOSK_TEST_PG=postgresql+psycopg://…")
    url = _pg_create_database()
    yield url
    _pg_drop_database(url)


def libpq(url: str, port: int) -> str:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return f"host=127.0.0.1 port={port} dbname={u.database} user={u.username or 'postgres'}"


def test_the_proxy_counts_a_flight_after_the_server_spoke(pg_url: str) -> None:
    with WanProxy(upstream_port(pg_url), rtt_ms=2) as proxy, \
            psycopg.connect(libpq(pg_url, proxy.port), autocommit=True) as conn:
        start = proxy.counts()
        assert start.connect_round_trips >= 1 and start.round_trips == 0
        conn.execute("SELECT 1")
        assert proxy.counts().minus(start).round_trips == 1
        before = proxy.counts()
        for _ in range(3):
            conn.execute("SELECT 1")
        assert proxy.counts().minus(before).round_trips == 3
        before = proxy.counts()
        with conn.pipeline():
            cursors = [conn.execute("SELECT %s::int", (i,)) for i in range(3)]
        assert [c.fetchone() for c in cursors] == [(0,), (1,), (2,)]
        assert proxy.counts().minus(before).round_trips == 1


def test_the_proxy_reaches_only_the_loopback() -> None:
    with pytest.raises(ValueError, match="127.0.0.1"):
        WanProxy(5432, upstream_host="db.example.org")
    with pytest.raises(ValueError, match="only reaches"):
        proxied_url("postgresql+psycopg://u@db.example.org/x", 1)


def test_the_proxy_stops_by_itself_when_idle(pg_url: str) -> None:
    proxy = WanProxy(upstream_port(pg_url), idle_timeout=0.2)
    proxy._thread.join(timeout=10)
    assert not proxy._thread.is_alive()


def test_every_latency_target_is_met(pg_url: str) -> None:
    wan.seed(pg_url, assets=130)
    rows = wan.measure(pg_url, rtt_ms=1, runs=2)
    counted = {r.key: r.round_trips for r in rows}
    assert set(counted) == set(wan.TARGETS)
    over = {r.key: f"{r.round_trips} > {r.target}" for r in rows if not r.ok}
    assert over == {}, wan.table(rows, 1)
    assert counted["wan-scan"] == 1
    assert counted["wan-stocktake-scan"] == 1  # BEGIN, the scan and its event, COMMIT: one flight


def test_a_stocktake_scan_is_one_round_trip_through_the_proxy(pg_url: str) -> None:
    """Issue 20: a new scan of a known asset into an open stocktake, by a school's technician
    (the school checked inside the statement), counted at the proxy: one round trip. An
    unknown code and a repeat are one too; a refusal reads why afterwards."""
    from app.database import open_database
    from app.errors import Refused
    from app.services import stocktakes
    from app.uow import Actor

    wan.seed(pg_url, assets=20)
    tech = Actor("wan-tech", "technician", site_id=1)
    with WanProxy(upstream_port(pg_url), rtt_ms=1) as proxy:
        db = open_database(proxied_url(pg_url, proxy.port))
        try:
            with db.uow(tech) as uow:
                number = stocktakes.start_or_resume(uow, "WAN-ROOM").id

            def trips(code: str) -> tuple[int, stocktakes.Scanned]:
                before = proxy.counts()
                with db.uow(tech) as uow:
                    done = stocktakes.scan(uow, number, code)
                return proxy.counts().minus(before).round_trips, done

            for i in range(1, 8):  # past psycopg's prepare threshold (5) too
                n, done = trips(f"WAN-{i:04d}")
                assert done.new and done.asset_id is not None and n == 1, (i, n)
            n, done = trips("NOT-A-WAN-TAG")
            assert done.new and done.asset_id is None and n == 1
            n, done = trips("wan-0003")
            assert not done.new and done.asset_id is not None and n == 1
            with db.uow(Actor("bench", "admin")) as uow:
                stocktakes.pause_stocktake(uow, number)
            before = proxy.counts()
            with pytest.raises(Refused, match="is paused"), db.uow(tech) as uow:
                stocktakes.scan(uow, number, "WAN-0010")
            assert proxy.counts().minus(before).round_trips == 1  # the facts came with it
        finally:
            db.dispose()


def test_a_schools_technician_checks_out_and_in_in_two_round_trips(pg_url: str) -> None:
    """The school guard at commit (app/site_guard.py) reads nothing unless it refuses: a
    technician tied to a school (every desk's, in a trust) takes the same round trips as
    the bench's admin of no school. It took four when the guard opened the session."""
    from app.database import open_database
    from app.errors import Refused
    from app.services.loans import check_in, check_out
    from app.uow import Actor

    wan.seed(pg_url, assets=20)
    tech = Actor("wan-tech", "technician", site_id=1)
    with WanProxy(upstream_port(pg_url), rtt_ms=1) as proxy:
        db = open_database(proxied_url(pg_url, proxy.port))
        try:
            counted = []  # (the seed's school, WAN, took in every laptop: site 1)
            for i in range(1, 8):  # past psycopg's prepare threshold (5) too
                for work in (lambda uow, t=f"WAN-{i:04d}": check_out(uow, t, "WAN1"),
                             lambda uow, t=f"WAN-{i:04d}": check_in(uow, t)):
                    before = proxy.counts()
                    with db.uow(tech) as uow:
                        work(uow)
                    counted.append(proxy.counts().minus(before).round_trips)
            assert max(counted[-4:]) == 2, counted
            other = Actor("other-tech", "technician", site_id=2)
            with pytest.raises(Refused, match="belongs to"), db.uow(other) as uow:
                check_out(uow, "WAN-0009", "WAN1")  # and the guard still refuses, naming it
        finally:
            db.dispose()
