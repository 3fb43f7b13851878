"""Sealing the audit chain: events committed unsealed are chained in commit order.

A PostgreSQL desk appends its events without waiting for any other desk
(:func:`app.audit.chain_writes`): when another transaction holds the chain's head,
its events go in with no number and no hash (and a stocktake scan's always: its one
statement writes its event, :mod:`app.services.stocktake_rows`). Sealing gives them both, oldest
first, on top of the head, and moves the head; a desk that holds the head seals the
backlog as part of its own commit, and :func:`seal` does it on demand — before
``audit verify`` and ``audit head`` (so an anchor names a sealed event), and from
the desk now and then. A sealed event never changes again: the database refuses
any other update of it (migration ``i19_sealed_audit``). SQLite desks seal as they
write (one writer at a time), so there is never anything to seal there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from app import anchors as anchors_
from app import audit_chain as audit
from app.prepared import run_batch
from db.models import AuditHead

T = TypeVar("T")


def _engine(session: Session) -> Engine:
    bind = session.get_bind()
    return bind.engine if isinstance(bind, Connection) else bind


def seal(conn: Connection) -> int:
    """Seal every unsealed event ``conn``'s transaction sees (begun if need be); the
    caller commits. Waits for the head if a desk holds it (for one round trip)."""
    if not conn.in_transaction():
        conn.begin()
    dbapi_conn = conn.connection.dbapi_connection
    total = 0
    while True:
        head, unsealed = run_batch(dbapi_conn, conn.dialect,
                                   [(stmt, [{}]) for stmt in audit.PROBE_WAITING])
        probe = audit.probe_from(head, unsealed)
        if not probe.unsealed:
            return total
        run_batch(dbapi_conn, conn.dialect, audit.chain_writes(probe, None, "", [], {}))
        total += min(len(probe.unsealed), audit.SEAL_BATCH)


def current_anchor(session: Session) -> anchors_.Anchor:
    """The anchor of the newest sealed event, as the head stands (no sealing)."""
    head = session.get(AuditHead, 1)
    if head is None:
        raise RuntimeError("the audit head row is missing")
    return anchors_.for_event(head.seq, head.hash)


def seal_committed(session: Session) -> anchors_.Anchor | None:
    """PostgreSQL: seal what is committed, in a transaction of its own, and return the
    head's anchor. SQLite: None (nothing is ever left unsealed there)."""
    engine = _engine(session)
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as conn:
        seal(conn)
        with Session(bind=conn) as s:
            anchor = current_anchor(s)
        conn.commit()
    return anchor


def sealed_then(session: Session, check: Callable[[Session], T]) -> T:
    """``check`` run once what was committed is sealed.

    PostgreSQL: :func:`seal_committed` (a short transaction of its own, which waits at
    most for a desk's one round trip holding the head), then ``check`` on one REPEATABLE
    READ snapshot, read only — no lock held while it reads, so no desk waits for a
    verify. SQLite: ``check(session)``.
    """
    engine = _engine(session)
    if engine.dialect.name != "postgresql":
        return check(session)
    seal_committed(session)
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn:
        with Session(bind=conn) as s:
            result = check(s)
        conn.rollback()
    return result
