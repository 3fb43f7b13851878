"""The tamper-evident audit log.

Each event's hash covers the previous event's hash and the event's own
canonical content, so editing, inserting or deleting an event breaks the chain.
Each event also records a digest of every audited row the transaction wrote;
:func:`verify` compares the last recorded digest of each row with the row as
it stands, so a row edited behind the app's back (say, a loan's outcome
changed with a SQL client) is detected too.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, inspect, select, text, update
from sqlalchemy.orm import Session

from app import anchors as anchors_
from app.prepared import Prepared
from db.models import AUDITED_MODELS, AuditEvent, AuditHead, Base

GENESIS = "0" * 64


def canonical_json(value: Any) -> str:
    """Deterministic JSON: sorted keys, no spaces, UTF-8 text kept as is."""
    return _CANONICAL.encode(value)


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


#: the encoder ``json.dumps(value, sort_keys=True, separators=(",", ":"),
#: ensure_ascii=False, default=_json_default)`` builds on every call, built once
#: (same options, so the same text; the construction was a third of a digest's cost)
_CANONICAL = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_json_default
)


def row_key(obj: Base) -> str:
    return f"{obj.__tablename__}:{inspect(obj).identity[0]}"  # type: ignore[index]


def row_digest(obj: Base) -> str:
    """SHA-256 of a row's column values, as stored."""
    mapper = inspect(type(obj))
    skip = type(obj).__digest_exclude__
    return values_digest({attr.key: getattr(obj, attr.key) for attr in mapper.column_attrs
                          if attr.key not in skip})


#: columns added to audited tables after rows may already have been recorded, oldest
#: release first. A row recorded before a column existed has no such key in its digest;
#: :func:`verify` checks it without the later columns that are still NULL. New writes
#: always record every column, so a value set later and then nulled again is caught.
ADDED_COLUMNS: tuple[dict[str, frozenset[str]], ...] = (
    # issue 12: corrections
    {"assets": frozenset({"retired_reason"}),
     "incidents": frozenset({"outcome", "cost_pence", "closed_at", "closed_by", "resolution"}),
     "loans": frozenset({"data_in", "data_note"})},
    # issue 16: asset details
    {"assets": frozenset({"encryption_method", "location", "purchase_date",
                          "purchase_cost_pence"})},
    # issue 20: sites, locations and kits
    {"assets": frozenset({"site_id", "home_location_id", "current_location_id"}),
     "people": frozenset({"site_id"}), "technicians": frozenset({"site_id"}),
     "loans": frozenset({"location_id", "kit_id"})},
)


def earlier_digests(table: str, values: dict[str, Any]) -> list[str]:
    """The digests ``values`` would have had when recorded by earlier releases.

    One per release that added columns to ``table`` while those columns (and any
    added since) are still NULL here; newest first. Empty when nothing applies.
    """
    digests: list[str] = []
    later: set[str] = set()
    for added in reversed(ADDED_COLUMNS):
        columns = added.get(table)
        if not columns:
            continue
        later |= columns
        if any(values.get(c) is not None for c in later):
            break
        digests.append(values_digest({k: v for k, v in values.items() if k not in later}))
    return digests


def values_digest(values: dict[str, Any]) -> str:
    """SHA-256 of a row given as {column: value} (every column of the table)."""
    return hashlib.sha256(_CANONICAL.encode(values).encode("utf-8")).hexdigest()


#: between a column's values when they are encoded together: JSON text holds a
#: control character only escaped, so each raw one is a separator the encoder wrote
_SEP = "\x1f"
#: :data:`_CANONICAL` with ``_SEP`` between the items of a list
_COLUMN = json.JSONEncoder(
    sort_keys=True, separators=(_SEP, ":"), ensure_ascii=False, default=_json_default
)
#: rows per :func:`values_digests` step (256-1,000 measured alike; all 20,000 at once: slower)
_CHUNK = 512


def values_digests(rows: list[dict[str, Any]]) -> list[str]:
    """``[values_digest(row) for row in rows]``, for rows with the same columns, built faster.

    The canonical JSON of ``{column: value}`` is ``{`` + each sorted column's
    JSON key, ``:`` and value's JSON text, joined by ``,`` + ``}``. Each
    column's values are encoded in one call (a list, with ``_SEP`` between
    items) and cut at the separators; a value holding a list or an object of
    two or more items has separators of its own, which shows as a count
    mismatch, and that column's values are encoded one by one. Each row is then
    one %-format and one hash, instead of an encoder call per row. Rows go
    ``_CHUNK`` at a time: the whole of 20,000 rows' pieces at once was slower
    than one row at a time (fresh memory, not reused). The result is compared
    with :func:`values_digest` in tests/integration/test_uow_bulk.py.
    """
    from operator import itemgetter

    count = len(rows)
    if count < 2:
        return [values_digest(row) for row in rows]
    columns = sorted(rows[0]) if all(type(k) is str for k in rows[0]) else []
    if not columns or any(len(row) != len(columns) for row in rows):
        return [values_digest(row) for row in rows]
    template = "{" + ",".join(_CANONICAL.encode(c).replace("%", "%%") + ":%s" for c in columns) + "}"
    getters = [itemgetter(c) for c in columns]
    sha256 = hashlib.sha256
    digests: list[str] = []
    for start in range(0, count, _CHUNK):
        chunk = rows[start:start + _CHUNK]
        encoded: list[list[str]] = []
        for get in getters:
            try:
                values = list(map(get, chunk))
            except KeyError:  # a row with other columns
                return [values_digest(row) for row in rows]
            parts = _COLUMN.encode(values)[1:-1].split(_SEP)
            encoded.append(parts if len(parts) == len(chunk) else [_CANONICAL.encode(v) for v in values])
        texts = map(template.__mod__, zip(*encoded, strict=True))
        digests += [sha256(text.encode("utf-8")).hexdigest() for text in texts]
    return digests


def event_hash(prev_hash: str, seq: int, at: dt.datetime, actor: str, action: str,
               entity: str | None, entity_id: str | None, details: str) -> str:
    payload = canonical_json(
        {
            "prev": prev_hash,
            "seq": seq,
            "at": at,
            "actor": actor,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "details": details,
        }
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


_HEAD = cast(Table, AuditHead.__table__)
_EVENTS = cast(Table, AuditEvent.__table__)
_HEAD_FOR_UPDATE = Prepared(
    select(_HEAD.c.seq, _HEAD.c.hash).where(_HEAD.c.id == 1).with_for_update())
_EVENT_COLUMNS = ["seq", "at", "actor", "action", "entity", "entity_id", "details", "prev_hash",
                  "hash"]
_INSERT_EVENT = Prepared(insert(_EVENTS), _EVENT_COLUMNS)
_MOVE_HEAD = Prepared(update(_HEAD).where(_HEAD.c.id == 1)
                       .values(seq=bindparam("new_seq"), hash=bindparam("new_hash")))


@dataclass
class PendingEvent:
    action: str
    entity: str | None
    entity_id: str | None
    details: dict[str, Any]


#: runs a prepared statement in the unit of work's transaction: (statement, parameter
#: sets) -> the first row, if any (:meth:`app.uow.UnitOfWork.execute`)
Execute = Callable[[Prepared, list[dict[str, Any]]], tuple[Any, ...] | None]


def append(execute: Execute, at: dt.datetime, actor: str, events: list[PendingEvent],
           rows: dict[str, str | None]) -> tuple[int, str] | None:
    """Append ``events`` to the chain inside the unit of work's transaction; the number and
    hash of the last one (None: no events), by which a commit whose outcome was lost with
    the connection is looked up afterwards (:class:`app.uow.UnitOfWork`).

    The head row is locked (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's
    write transactions are already exclusive), so desks append one at a time
    and the chain never forks. ``rows`` (row key → digest, None when deleted)
    is attached to the last event.
    """
    # Compiled Core statements on the DBAPI cursor, not ORM objects: the events and
    # the head are written once and never read back in this session, and a
    # unit-of-work flush of them cost more than the rest of a check-in
    # (docs/performance.md)
    head = execute(_HEAD_FOR_UPDATE, [{}])
    if head is None:
        raise RuntimeError("the audit head row is missing")
    seq, prev = int(head[0]), str(head[1])
    rows_out: list[dict[str, Any]] = []
    for i, ev in enumerate(events):
        details = dict(ev.details)
        if i == len(events) - 1 and rows:
            details["_rows"] = rows
        text = canonical_json(details)
        seq += 1
        h = event_hash(prev, seq, at, actor, ev.action, ev.entity, ev.entity_id, text)
        rows_out.append({
            "seq": seq, "at": at, "actor": actor, "action": ev.action, "entity": ev.entity,
            "entity_id": ev.entity_id, "details": text, "prev_hash": prev, "hash": h,
        })
        prev = h
    if rows_out:
        execute(_INSERT_EVENT, rows_out)
    execute(_MOVE_HEAD, [{"new_seq": seq, "new_hash": prev}])
    return (seq, prev) if rows_out else None


@dataclass
class VerifyResult:
    ok: bool
    events: int
    problem: str | None = None


def head_anchor(session: Session) -> anchors_.Anchor:
    """The anchor of the chain's newest event (``0-AAAA-…`` for an empty chain)."""
    head = session.get(AuditHead, 1)
    if head is None:
        raise RuntimeError("the audit head row is missing")
    return anchors_.for_event(head.seq, head.hash)


def _anchor_problem(anchor: anchors_.Anchor, why: str) -> str:
    return f"anchor {anchor} does not hold: {why}"


def verify(session: Session, batch: int = 5000,
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
        last_seq = events[-1].seq
        session.expunge_all()
    if pending:
        a = pending[min(pending)][0]
        return VerifyResult(False, count, _anchor_problem(
            a, f"the audit log ends at event #{expected_seq}, before the anchor "
               "(rolled back, or an older copy of the database put back)"))
    head = session.get(AuditHead, 1)
    if head is None or head.seq != expected_seq or head.hash != prev:
        return VerifyResult(False, count, "the audit log was truncated (its last events are missing)")
    problem = _verify_rows(session, last_digest, batch)
    if problem:
        return VerifyResult(False, count, problem)
    return VerifyResult(True, count)


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
