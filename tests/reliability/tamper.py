"""A hostile insider's toolkit: rewrite the audit chain with Loan Kiosk's own code.

Each tool leaves a database that ``audit.verify`` (without anchors) accepts —
the tests assert that first, so a tamper that merely breaks the chain proves
nothing — and that only an anchor taken before the tamper can expose.
The attacker connects with their own engine, as a SQL client would.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, create_engine, delete, event, select, text, update
from sqlalchemy.orm import Session

from app import audit
from app.prepared import Prepared
from db.models import AuditEvent, AuditHead, Base

EVENTS = cast(Table, AuditEvent.__table__)
HEAD = cast(Table, AuditHead.__table__)
Snapshot = dict[str, list[dict[str, Any]]]


@contextmanager
def attacker(url: str) -> Iterator[Engine]:
    """An engine of the attacker's own: SQLite without foreign keys, PostgreSQL
    with its triggers off (the owner role can do both)."""
    engine = create_engine(url)
    if engine.dialect.name == "postgresql":
        @event.listens_for(engine, "connect")
        def _no_triggers(dbapi_conn: Any, _record: Any) -> None:
            with dbapi_conn.cursor() as cur:
                cur.execute("SET session_replication_role = replica")
            dbapi_conn.commit()
    try:
        yield engine
    finally:
        engine.dispose()


def _unchecked(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET session_replication_role = replica"))


def snapshot(engine: Engine) -> Snapshot:
    """Every row of every table (a dump the attacker keeps)."""
    with engine.connect() as conn:
        return {t.name: [dict(r._mapping) for r in conn.execute(select(t))]
                for t in Base.metadata.sorted_tables}


def load(engine: Engine, snap: Snapshot) -> None:
    """Put a dump back over the live data, in one transaction (an old ``pg_dump`` restored)."""
    with engine.begin() as conn:
        _unchecked(conn)
        for t in reversed(Base.metadata.sorted_tables):
            conn.execute(delete(t))
        for t in Base.metadata.sorted_tables:
            if snap[t.name]:
                conn.execute(t.insert(), snap[t.name])


def executor(conn: Connection) -> audit.Execute:
    """``audit.append``'s statement runner on the attacker's connection."""
    def execute(stmt: Prepared, params: list[dict[str, Any]]) -> tuple[Any, ...] | None:
        return stmt.run(conn.connection.dbapi_connection, conn.dialect, params)
    return execute


def rechain(conn: Connection) -> None:
    """Renumber the events 1…n and recompute every link and the head, as append would."""
    events = conn.execute(select(EVENTS).order_by(AuditEvent.seq)).all()
    prev = audit.GENESIS
    for seq, ev in enumerate(events, 1):
        h = audit.event_hash(prev, seq, ev.at, ev.actor, ev.action, ev.entity, ev.entity_id,
                             ev.details)
        conn.execute(update(EVENTS).where(AuditEvent.id == ev.id)
                     .values(seq=seq, prev_hash=prev, hash=h))
        prev = h
    conn.execute(update(HEAD).where(AuditHead.id == 1)
                 .values(seq=len(events), hash=prev))


def drop_row_digests(conn: Connection, keys: set[str]) -> None:
    """Remove rows from every event's ``_rows`` record (as if never written)."""
    for ev in conn.execute(select(AuditEvent.id, AuditEvent.details)).all():
        details = json.loads(ev.details)
        rows = details.get("_rows") if isinstance(details, dict) else None
        if rows and keys & set(rows):
            for k in keys:
                rows.pop(k, None)
            if not rows:
                del details["_rows"]
            conn.execute(update(EVENTS).where(AuditEvent.id == ev.id)
                         .values(details=audit.canonical_json(details)))


def rows_digest_all(session: Session) -> dict[str, str | None]:
    """The digest of every audited row as it stands (for a replaced history)."""
    from db.models import AUDITED_MODELS

    out: dict[str, str | None] = {}
    for model in AUDITED_MODELS:
        for obj in session.scalars(select(model)):
            out[audit.row_key(obj)] = audit.row_digest(obj)
    return out


def reseal_rows(conn: Connection) -> None:
    """Record every audited row's current digest on the newest event (rechain after)."""
    with Session(bind=conn) as s:
        rows = rows_digest_all(s)
    last = conn.execute(select(AuditEvent.id, AuditEvent.details)
                        .order_by(AuditEvent.seq.desc()).limit(1)).one()
    details = json.loads(last.details)
    details.setdefault("_rows", {}).update(rows)
    conn.execute(update(EVENTS).where(AuditEvent.id == last.id)
                 .values(details=audit.canonical_json(details)))


def utc(at: dt.datetime) -> dt.datetime:
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)
