"""The tamper-evident audit log: checking it (:func:`verify`) and its anchors.

Each event's hash covers the previous event's hash and the event's own
canonical content, so editing, inserting or deleting an event breaks the chain.
Each event also records a digest of every audited row the transaction wrote;
:func:`verify` compares the last recorded digest of each row with the row as
it stands, so a row edited behind the app's back (say, a loan's outcome
changed with a SQL client) is detected too. Building and appending links is
:mod:`app.audit_chain` (re-exported here); sealing what PostgreSQL desks appended
unsealed is :mod:`app.audit_seal`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from app import anchors as anchors_
from app import audit_seal
from app.audit_chain import _CHUNK as _CHUNK  # noqa: F401 - the digest tests' step size
from app.audit_chain import (
    ADDED_COLUMNS,
    GENESIS,
    PROBE,
    Execute,
    PendingEvent,
    Probe,
    append,
    canonical_json,
    chain_writes,
    earlier_digests,
    event_hash,
    last_written,
    probe_from,
    row_digest,
    row_key,
    values_digest,
    values_digests,
)
from app.prepared import Prepared
from db.models import AUDITED_MODELS, AuditEvent, AuditHead, Base

if TYPE_CHECKING:
    from app.actor import Actor
    from app.flights import Flights

__all__ = ["ADDED_COLUMNS", "GENESIS", "PROBE", "Execute", "PendingEvent", "Probe", "VerifyResult",
           "append", "canonical_json", "chain_writes", "current_anchor", "earlier_digests",
           "event_hash", "head_anchor", "last_written", "probe_from", "row_digest", "row_key",
           "values_digest", "values_digests", "verify", "verify_chain", "with_os_user", "write_events"]


@dataclass
class VerifyResult:
    ok: bool
    events: int
    problem: str | None = None


def head_anchor(session: Session) -> anchors_.Anchor:
    """The anchor of the chain's newest event (``0-AAAA-…`` for an empty chain), once
    every event committed so far is sealed (PostgreSQL: :func:`app.audit_seal.seal`,
    committed on a connection of its own; run it outside a writing transaction)."""
    sealed = audit_seal.seal_committed(session)
    return sealed if sealed is not None else current_anchor(session)


def current_anchor(session: Session) -> anchors_.Anchor:
    """The anchor of the newest sealed event, as the head stands (no sealing)."""
    return audit_seal.current_anchor(session)


def _anchor_problem(anchor: anchors_.Anchor, why: str) -> str:
    return f"anchor {anchor} does not hold: {why}"


def verify(session: Session, batch: int = 5000,
           anchors: Iterable[anchors_.Anchor] = ()) -> VerifyResult:
    """Seal what is committed, then check the chain (:func:`verify_chain`).

    On PostgreSQL the seal commits first, and the check then reads one REPEATABLE READ
    snapshot of its own (:func:`app.audit_seal.sealed_then`): the events and rows it
    compares are of one moment, so a desk's work committed meanwhile is neither
    half-seen nor taken for an edit. Events a desk committed between the seal and the
    snapshot are the snapshot's unsealed tail: chained after the sealed ones in the
    order the next seal will give them, their row digests the newest. SQLite desks seal
    as they write; there the check runs in ``session``.
    """
    return audit_seal.sealed_then(session, lambda s: verify_chain(s, batch, anchors))


def verify_chain(session: Session, batch: int = 5000,
                 anchors: Iterable[anchors_.Anchor] = ()) -> VerifyResult:
    """Walk the whole chain, then compare every audited row with its last digest.

    Each of ``anchors`` (written down earlier, outside the database) must still
    be in the chain: the event with its number must have a hash starting with
    its characters. Since every hash covers all earlier events, that proves
    nothing up to the anchor was rewritten, replaced or rolled back. An event
    recorded after an anchor but dated well before it (more than
    :data:`app.anchors.CLOCK_SKEW`) is reported as back-dated.
    """
    pending: dict[int, list[anchors_.Anchor]] = {}
    for a in anchors:
        pending.setdefault(a.seq, []).append(a)
    for a in pending.pop(0, []):
        if not a.matches(GENESIS):
            return VerifyResult(False, 0, _anchor_problem(a, "the chain has no such start"))
    #: the anchored event with the latest date so far: later events may not be dated before it
    floor: tuple[anchors_.Anchor, dt.datetime] | None = None
    prev = GENESIS
    expected_seq = 0
    last_digest: dict[str, str | None] = {}
    count = 0
    last_seq = 0
    while True:
        events = session.execute(
            select(AuditEvent).where(AuditEvent.seq > last_seq).order_by(AuditEvent.seq).limit(batch)
        ).scalars().all()
        if not events:
            break
        for ev in events:
            expected_seq += 1
            where = f"audit event #{ev.seq} ({ev.action} by {ev.actor} at {ev.at:%Y-%m-%d %H:%M:%S})"
            if ev.seq != expected_seq:
                return VerifyResult(False, count, f"audit event #{expected_seq} is missing")
            if ev.prev_hash != prev:
                return VerifyResult(False, count, f"{where} does not follow the previous event")
            h = event_hash(prev, ev.seq, ev.at, ev.actor, ev.action, ev.entity, ev.entity_id,
                           ev.details)
            if h != ev.hash:
                return VerifyResult(False, count, f"{where} was altered")
            try:
                details = json.loads(ev.details)
            except ValueError:
                return VerifyResult(False, count, f"{where} has unreadable details")
            last_digest.update(details.get("_rows", {}) if isinstance(details, dict) else {})
            if floor is not None and _naive(ev.at) < _naive(floor[1]) - anchors_.CLOCK_SKEW:
                return VerifyResult(False, count, _anchor_problem(
                    floor[0], f"{where} was recorded after it but is dated before it "
                              f"(back-dated)"))
            for a in pending.pop(ev.seq, []):
                if not a.matches(ev.hash):
                    return VerifyResult(False, count, _anchor_problem(
                        a, f"audit event #{ev.seq} is no longer the event it anchored "
                           "(history up to it was rewritten or replaced)"))
                if floor is None or _naive(ev.at) > _naive(floor[1]):
                    floor = (a, ev.at)
            prev = ev.hash
            count += 1
        last_seq = expected_seq
        session.expunge_all()
    if pending:
        a = pending[min(pending)][0]
        return VerifyResult(False, count, _anchor_problem(
            a, f"the audit log ends at event #{expected_seq}, before the anchor "
               "(rolled back, or an older copy of the database put back)"))
    head = session.get(AuditHead, 1)
    if head is None or head.seq != expected_seq or head.hash != prev:
        return VerifyResult(False, count, "the audit log was truncated (its last events are missing)")
    count += _unsealed_tail(session, last_digest)
    problem = _verify_rows(session, last_digest, batch)
    if problem:
        return VerifyResult(False, count, problem)
    return VerifyResult(True, count)


def _unsealed_tail(session: Session, last_digest: dict[str, str | None]) -> int:
    """The events committed since the last seal (PostgreSQL desks), in the order a seal
    would chain them: their row digests are the newest. Their content cannot have been
    changed (the database lets an event be updated only to seal it); the next seal hashes
    it. How many there are."""
    count = 0
    for (details,) in session.execute(select(AuditEvent.details).where(AuditEvent.seq.is_(None))
                                      .order_by(AuditEvent.id)):
        try:
            parsed = json.loads(details)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict):
            last_digest.update(parsed.get("_rows", {}))
        count += 1
    return count


def _naive(at: dt.datetime) -> dt.datetime:
    """``at`` as naive UTC, so dates read back from either database compare."""
    return at.astimezone(dt.UTC).replace(tzinfo=None) if at.tzinfo else at


def _verify_rows(session: Session, last_digest: dict[str, str | None], batch: int) -> str | None:
    seen: set[str] = set()
    for model in AUDITED_MODELS:
        pk = inspect(model).primary_key[0]
        last_id: Any = None
        while True:
            q = select(model).order_by(pk).limit(batch)
            if last_id is not None:
                q = q.where(pk > last_id)
            rows: Iterable[Base] = session.execute(q).scalars().all()
            rows = list(rows)
            if not rows:
                break
            for obj in rows:
                key = row_key(obj)
                seen.add(key)
                if key not in last_digest:
                    return f"{key.replace(':', ' #')} was added outside Loan Kiosk (no audit event)"
                if last_digest[key] != row_digest(obj):
                    if not _can_read_all(session, obj):  # recorded before a column was guarded
                        return (f"{key.replace(':', ' #')} was recorded by an earlier version, "
                                "with columns this database role may not read: run 'loan-kiosk "
                                "audit verify' as the owner role to check it")
                    if not _recorded_earlier(obj, last_digest[key]):
                        return f"{key.replace(':', ' #')} was changed outside Loan Kiosk"
            last_id = getattr(rows[-1], str(pk.key))
            session.expunge_all()
    for key, digest in last_digest.items():
        if digest is not None and key not in seen:
            return f"{key.replace(':', ' #')} was deleted outside Loan Kiosk"
    return None


def write_events(execute: Execute, flights: Flights | None, at: dt.datetime, actor: Actor,
                 events: list[PendingEvent], rows: dict[str, str | None]
                 ) -> list[tuple[Prepared, list[dict[str, Any]]]]:
    """A unit of work's audit events, written in its transaction at its commit: chained at
    once (SQLite, or without read-ahead flights), or held for the commit's one flight on
    PostgreSQL (:mod:`app.flights`). Returns the statements (:func:`last_written`)."""
    for ev in events:
        ev.details = with_os_user(actor, ev.details)
    if flights is None:
        return append(execute, at, actor.name, events, rows)
    writes = chain_writes(flights.probe or flights.probe_now(), at, actor.name, events, rows)
    flights.held += writes
    return writes


def with_os_user(actor: Actor, details: dict[str, Any]) -> dict[str, Any]:
    """An event's details as recorded: with who was at the keyboard, beside the technician."""
    if actor.os_user and "os_user" not in details:
        return {**details, "os_user": actor.os_user}
    return details


def _can_read_all(session: Session, obj: Base) -> bool:
    """Whether this role may read the row's columns left out of its digest (on PostgreSQL
    the desk role may not read a PIN hash: db/roles.py)."""
    guarded = type(obj).__digest_exclude__
    if not guarded or session.get_bind().dialect.name != "postgresql":
        return True
    return all(session.execute(text("SELECT has_column_privilege(:t, :c, 'SELECT')"),
                               {"t": obj.__tablename__, "c": c}).scalar_one() for c in guarded)


def _recorded_earlier(obj: Base, digest: str | None) -> bool:
    """Whether ``digest`` is ``obj`` as an earlier release recorded it (:data:`ADDED_COLUMNS`)."""
    mapper = inspect(type(obj))
    values = {attr.key: getattr(obj, attr.key) for attr in mapper.column_attrs}
    return digest in earlier_digests(obj.__tablename__, values)
