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
