"""The audit chain without a global queue (issue 19), on PostgreSQL.

A desk that finds the chain's head held by another transaction does not wait for it:
its events go in unsealed, and the next seal chains them in commit order. The head is
held here by a third connection for the whole of each test's writes — before issue 19
every commit would have waited for it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, create_engine, func, select, text
from sqlalchemy.orm import Session

from app import audit
from app.bootstrap import AppContext
from app.services.loans import check_in, check_out
from app.uow import Actor
from db.models import AuditEvent
from tests.factories import add_asset, add_person

# PostgreSQL only: SQLite desks seal as they write (one writer at a time), so there is
# never anything unsealed there (tests/integration/test_audit_chain.py covers both)
pytestmark = [pytest.mark.postgres,
              pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)]
ACTOR = Actor("desk", "admin")


@pytest.fixture
def ctx(app_ctx: AppContext) -> AppContext:
    add_person(app_ctx, "AB1", "Ada", "Byron")
    add_person(app_ctx, "CD2", "Cy", "Dee")
    for n in range(1, 5):
        add_asset(app_ctx, f"LT-{n}")
    return app_ctx


@pytest.fixture
def head_held(ctx: AppContext) -> Iterator[Connection]:
    """Another transaction holding the chain's head (as a desk mid-commit would)."""
    engine = create_engine(ctx.db.url)
    conn = engine.connect()
    conn.execute(text("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE"))
    try:
        yield conn
    finally:
        conn.rollback()
        conn.close()
        engine.dispose()


def unsealed(ctx: AppContext) -> int:
    with ctx.db.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(AuditEvent)
                           .where(AuditEvent.seq.is_(None))) or 0


def test_writes_do_not_wait_for_the_head_and_the_next_seal_chains_them(
        ctx: AppContext, head_held: Connection) -> None:
    for tag, who in (("LT-1", "AB1"), ("LT-2", "CD2")):
        with ctx.uow(ACTOR) as uow:
            check_out(uow, tag, who)
    with ctx.uow(ACTOR) as uow:
        check_in(uow, "LT-1", condition="incomplete", note="no charger")
    with ctx.uow(ACTOR) as uow:
        check_out(uow, "LT-1", "CD2")  # the same loan row's asset again: order matters
    assert unsealed(ctx) == 4  # all committed, none waited, none sealed
    # the chain as a snapshot sees it, before any seal: the unsealed tail counts, rows agree
    with ctx.db.engine.connect() as conn, Session(bind=conn) as s:
        result = audit.verify_chain(s)
    assert result.ok, result.problem
    head_held.rollback()  # the desk holding the head finishes
    with ctx.uow(ACTOR, readonly=True) as uow:
        result = audit.verify(uow.session)  # seals first
        anchor = audit.head_anchor(uow.session)
    assert result.ok, result.problem
    assert unsealed(ctx) == 0
    with ctx.db.engine.connect() as conn:
        seqs = list(conn.scalars(select(AuditEvent.seq).order_by(AuditEvent.seq)))
    assert seqs == list(range(1, len(seqs) + 1)) and anchor.seq == seqs[-1]


def test_the_next_writer_holding_the_head_seals_the_backlog(ctx: AppContext,
                                                            head_held: Connection) -> None:
    with ctx.uow(ACTOR) as uow:
        check_out(uow, "LT-3", "AB1")
    assert unsealed(ctx) == 1
    head_held.rollback()
    with ctx.uow(ACTOR) as uow:
        check_out(uow, "LT-4", "AB1")
    assert unsealed(ctx) == 0
    with ctx.uow(ACTOR, readonly=True) as uow:
        assert audit.verify(uow.session).ok


def test_sealing_is_the_only_update_an_event_allows(ctx: AppContext, head_held: Connection) -> None:
    with ctx.uow(ACTOR) as uow:
        check_out(uow, "LT-1", "AB1")
    head_held.rollback()

    def refused(sql: str) -> str:
        with ctx.db.engine.connect() as conn, pytest.raises(Exception) as err:
            conn.execute(text(sql))
        return str(err.value)

    open_id = "(SELECT min(id) FROM audit_events WHERE seq IS NULL)"
    assert "append-only: UPDATE refused" in refused(
        f"UPDATE audit_events SET seq = 999, prev_hash = 'x', hash = 'y', details = '{{}}' "
        f"WHERE id = {open_id}")
    assert "append-only: UPDATE refused" in refused(
        f"UPDATE audit_events SET seq = 999 WHERE id = {open_id}")  # half a seal
    with ctx.uow(ACTOR, readonly=True) as uow:
        assert audit.verify(uow.session).ok  # seals it
    assert "append-only: UPDATE refused" in refused(
        "UPDATE audit_events SET seq = seq + 1000, hash = 'y' WHERE seq = 1")  # a reseal
