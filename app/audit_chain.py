"""The audit chain's links: canonical JSON, digests, hashes, and appending events.

The checks over the chain (``verify``, anchors) are in :mod:`app.audit`, which
re-exports what is here; sealing events desks left unsealed is :mod:`app.audit_seal`.

The tamper-evident audit log.

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
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, inspect, select, update

from app.prepared import Prepared
from db.models import AuditEvent, AuditHead, Base

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
#: what the encoder escapes in a string (``ensure_ascii=False``): a string without any of
#: these is written as itself in double quotes (checked for every code point in the tests)
_ESCAPED = re.compile(r'["\\\x00-\x1f]')
#: rows per :func:`values_digests` step (256-1,000 measured alike; all 20,000 at once: slower)
_CHUNK = 512


def values_digests(rows: list[dict[str, Any]]) -> list[str]:
    """``[values_digest(row) for row in rows]``, for rows with the same columns, built
    faster: the rows' values are taken column by column (:func:`column_digests`)."""
    from operator import itemgetter

    if len(rows) < 2:
        return [values_digest(row) for row in rows]
    names = list(rows[0])
    if not names or not all(type(k) is str for k in names) \
            or any(len(row) != len(names) for row in rows):
        return [values_digest(row) for row in rows]
    try:
        columns = {name: list(map(itemgetter(name), rows)) for name in names}
    except KeyError:  # a row with other columns
        return [values_digest(row) for row in rows]
    return column_digests(columns)


def column_digests(columns: dict[str, list[Any]]) -> list[str]:
    """The digest of each row of a table given column by column: ``columns[name][i]`` is
    row ``i``'s value of column ``name`` (at least one column, every list as long).
    Row ``i``'s digest is ``values_digest({name: columns[name][i] for name in columns})``.

    The canonical JSON of ``{column: value}`` is ``{`` + each sorted column's
    JSON key, ``:`` and value's JSON text, joined by ``,`` + ``}``: one
    %-format of a row template, one slot per column. Rows go ``_CHUNK`` at a
    time, column by column (:func:`_column_slot`): most columns need no
    encoder call at all, the others one call for the chunk. Each row is then
    one %-format and one hash, instead of an encoder call per row. The whole
    of 20,000 rows at once was slower than one row at a time (fresh memory,
    not reused). The result is compared with :func:`values_digest` in
    tests/integration/test_uow_bulk.py.
    """
    names = sorted(columns)
    count = len(columns[names[0]])
    keys = [_CANONICAL.encode(name).replace("%", "%%") + ":" for name in names]
    sha256 = hashlib.sha256
    digests: list[str] = []
    for start in range(0, count, _CHUNK):
        slots: list[str] = []
        filled: list[list[Any]] = []
        for key, name in zip(keys, names, strict=True):
            slot, fill = _column_slot(columns[name][start:start + _CHUNK])
            slots.append(key + slot)
            filled.append(fill)
        template = "{" + ",".join(slots) + "}"
        texts = map(template.__mod__, zip(*filled, strict=True))
        digests += [sha256(text.encode("utf-8")).hexdigest() for text in texts]
    return digests


def _column_slot(values: list[Any]) -> tuple[str, list[Any]]:
    """One column of a chunk of rows for the row template: its slot, and what fills it
    row by row (what ``_CANONICAL.encode(value)`` writes, once the slot is filled).

    * Strings (``str`` itself) none of which the encoder would escape: the JSON text
      of such a string is the string in double quotes, so the slot is ``"%s"`` and
      the values fill it as they are (a name, a code, a status: most columns).
    * Whole numbers (``int`` itself, not ``bool``): their JSON text is their digits,
      as ``%s`` writes them.
    * Anything else: the column encoded in one call (a list, with ``_SEP`` between
      items) and cut at the separators; a value holding a list or an object of two
      or more items has separators of its own, which shows as a count mismatch, and
      the column's values are then encoded one by one.
    """
    kinds = set(map(type, values))
    if kinds == {str} and _ESCAPED.search("".join(values)) is None:
        return '"%s"', values
    if kinds == {int}:
        return "%s", values
    parts = _COLUMN.encode(values)[1:-1].split(_SEP)
    return "%s", parts if len(parts) == len(values) else [_CANONICAL.encode(v) for v in values]


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
#: events committed unsealed (PostgreSQL desks that did not hold the head)
_INSERT_UNSEALED = Prepared(insert(_EVENTS), ["at", "actor", "action", "entity", "entity_id",
                                              "details"])
_SEAL_EVENT = Prepared(update(_EVENTS).where(_EVENTS.c.id == bindparam("ev_id"),
                                             _EVENTS.c.seq.is_(None))
                       .values(seq=bindparam("new_seq"), prev_hash=bindparam("new_prev"),
                               hash=bindparam("new_hash")))
#: unsealed events one transaction seals at most (more: its own go in unsealed)
SEAL_BATCH = 500
#: the head, if no other transaction holds it (never waits)
_HEAD_IF_FREE = Prepared(
    select(_HEAD.c.seq, _HEAD.c.hash).where(_HEAD.c.id == 1).with_for_update(skip_locked=True))
_UNSEALED = Prepared(
    select(_EVENTS.c.id, _EVENTS.c.at, _EVENTS.c.actor, _EVENTS.c.action, _EVENTS.c.entity,
           _EVENTS.c.entity_id, _EVENTS.c.details)
    .where(_EVENTS.c.seq.is_(None)).order_by(_EVENTS.c.id).limit(SEAL_BATCH + 1), many=True)
#: read in one flight after a transaction's row locks: see :func:`chain_writes`
PROBE = (_HEAD_IF_FREE, _UNSEALED)
#: the same, waiting for the head (the sealer: app.audit_seal)
PROBE_WAITING = (_HEAD_FOR_UPDATE, _UNSEALED)


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
           rows: dict[str, str | None]) -> list[tuple[Prepared, list[dict[str, Any]]]]:
    """Append ``events`` to the chain, sealed, inside the unit of work's transaction.

    The head row is locked (``SELECT … FOR UPDATE``; SQLite's write transactions are
    already exclusive) and the events are chained onto it at once: how SQLite desks
    append. PostgreSQL desks do not queue on the head: see :func:`chain_writes`.
    ``rows`` (row key → digest, None when deleted) is attached to the last event.
    """
    # Compiled Core statements on the DBAPI cursor, not ORM objects: the events and
    # the head are written once and never read back in this session, and a
    # unit-of-work flush of them cost more than the rest of a check-in
    # (docs/performance.md)
    head = execute(_HEAD_FOR_UPDATE, [{}])
    if head is None:
        raise RuntimeError("the audit head row is missing")
    writes = chain_writes(Probe((int(head[0]), str(head[1])), ()), at, actor, events, rows)
    for stmt, params in writes:
        execute(stmt, params)
    return writes


def last_written(writes: list[tuple[Prepared, list[dict[str, Any]]]]) -> dict[str, Any] | None:
    """The last audit event among ``writes`` (:func:`chain_writes`' statements) as its row:
    with ``seq`` and ``hash`` when it was sealed in its own transaction. How a commit whose
    answer was lost with the connection is looked up afterwards (:mod:`app.commit_outcome`)."""
    for stmt, params in reversed(writes):
        if stmt is _INSERT_EVENT or stmt is _INSERT_UNSEALED:
            return params[-1]
    return None


def event_rows(at: dt.datetime, actor: str, events: list[PendingEvent],
               rows: dict[str, str | None]) -> list[dict[str, Any]]:
    """The events as unsealed ``audit_events`` rows (``rows`` on the last one's details)."""
    out: list[dict[str, Any]] = []
    for i, ev in enumerate(events):
        details = dict(ev.details)
        if i == len(events) - 1 and rows:
            details["_rows"] = rows
        out.append({"at": at, "actor": actor, "action": ev.action, "entity": ev.entity,
                    "entity_id": ev.entity_id, "details": canonical_json(details)})
    return out


def chain_writes(probe: Probe, at: dt.datetime | None, actor: str, events: list[PendingEvent],
                 rows: dict[str, str | None]) -> list[tuple[Prepared, list[dict[str, Any]]]]:
    """The statements that append ``events``: sealed when this transaction holds the head.

    ``probe`` is what :data:`PROBE` read in this transaction, after it had locked every
    row it writes. Holding the head (``probe.head``), it seals the events committed
    but not yet sealed (``probe.unsealed``, oldest first), then its own, and moves the
    head: the chain order is the commit order, and so each row's digests come in the
    order the row was written (a row is locked before the probe, so an earlier write
    of it was committed before the probe and is among ``probe.unsealed``). Without
    the head (another desk holds it: ``SKIP LOCKED`` never waits), or with more
    unsealed events than one seal takes, its own events go in unsealed; the next
    desk to hold the head, or :func:`app.audit_seal.seal`, seals them in commit order.
    """
    own = event_rows(at, actor, events, rows) if at is not None else []
    out: list[tuple[Prepared, list[dict[str, Any]]]] = []
    if probe.head is None:
        if own:
            out.append((_INSERT_UNSEALED, own))
        return out
    seq, prev = probe.head
    backlog = list(probe.unsealed[:SEAL_BATCH])
    seals: list[dict[str, Any]] = []
    for ev_id, ev_at, ev_actor, action, entity, entity_id, details in backlog:
        seq += 1
        h = event_hash(prev, seq, ev_at, ev_actor, action, entity, entity_id, details)
        seals.append({"ev_id": ev_id, "new_seq": seq, "new_prev": prev, "new_hash": h})
        prev = h
    if seals:
        out.append((_SEAL_EVENT, seals))
    if own and len(probe.unsealed) <= SEAL_BATCH:
        sealed = []
        for row in own:
            seq += 1
            assert at is not None
            h = event_hash(prev, seq, at, actor, row["action"], row["entity"], row["entity_id"],
                           row["details"])
            sealed.append({**row, "seq": seq, "prev_hash": prev, "hash": h})
            prev = h
        out.append((_INSERT_EVENT, sealed))
    elif own:
        out.append((_INSERT_UNSEALED, own))
    if seq != probe.head[0]:
        out.append((_MOVE_HEAD, [{"new_seq": seq, "new_hash": prev}]))
    return out


@dataclass(frozen=True)
class Probe:
    """The chain as a transaction found it: the head, if it holds it, and the events
    committed but not yet sealed, oldest first (id, at, actor, action, entity,
    entity_id, details)."""

    head: tuple[int, str] | None
    unsealed: tuple[tuple[Any, ...], ...]


def probe_from(head: tuple[Any, ...] | None, unsealed: tuple[Any, ...] | None) -> Probe:
    """A :class:`Probe` from the answers to :data:`PROBE`'s two statements."""
    return Probe(None if head is None else (int(head[0]), str(head[1])),
                 () if head is None else tuple(unsealed or ()))
