"""The named statements of a stocktake scan, the hot path of a stocktake.

A scan is one statement: ``INSERT … SELECT`` that looks the tag up, checks the stocktake
is open (and of a school the technician may write at), that the code is not a kit's label,
and writes the scan row, doing nothing when this asset (or this unknown code) is already
in the stocktake (``ON CONFLICT DO NOTHING``, on SQLite and PostgreSQL alike). Compiled
once per dialect, run on the cursor (:class:`app.prepared.Prepared`); services never see
the SQL.

On PostgreSQL the same statement also writes its own audit event, only when it wrote the
scan (data-modifying ``WITH``): appended unsealed, as a desk not holding the chain's head
appends (:func:`app.audit_chain.chain_writes`), its details and the row's digest exactly
those the unit of work would have written (:func:`scan_event_parts`; the next write,
``audit verify`` or ``audit head`` seals it). It goes with ``BEGIN`` and ``COMMIT`` in one
flight (:meth:`app.uow.UnitOfWork.commit`): a new scan is one round trip.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    Integer,
    String,
    Table,
    Text,
    bindparam,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.dialects import postgresql, sqlite

from app import audit
from app.audit_chain import canonical_json
from app.prepared import Prepared
from app.uow import UnitOfWork
from db.base import UTCDateTime
from db.kits import Kit
from db.models import Asset, AuditEvent
from db.stocktakes import Stocktake, StocktakeScan

_ASSETS = cast(Table, Asset.__table__)
_KITS = cast(Table, Kit.__table__)
_STOCKTAKES = cast(Table, Stocktake.__table__)
_SCANS = cast(Table, StocktakeScan.__table__)
_EVENTS = cast(Table, AuditEvent.__table__)
_COLUMNS = [c.key for c in _SCANS.columns if c.key != "id"]
#: the columns the database answers (the rest are the scan's parameters)
_FROM_DB = ("id", "asset_id")
ACTION = "stocktake_scan"


def _scan_insert(dialect_insert: Any) -> Any:
    key = bindparam("key", type_=String())
    sid = bindparam("sid", type_=Integer())
    site = sql_cast(bindparam("site", type_=Integer()), Integer)
    asset_id = select(_ASSETS.c.id).where(_ASSETS.c.tag_key == key).scalar_subquery()
    source = select(
        sid, asset_id, bindparam("code", type_=String()),
        bindparam("code_key", type_=String()), bindparam("at", type_=UTCDateTime()),
        bindparam("by", type_=String()), bindparam("desk", type_=String()),
    ).where(exists().where(_STOCKTAKES.c.id == sid, _STOCKTAKES.c.status == "open",
                           or_(site.is_(None), _STOCKTAKES.c.site_id == site)),
            or_(exists().where(_ASSETS.c.tag_key == key),
                ~exists().where(_KITS.c.tag_key == key)))
    return (dialect_insert(_SCANS).from_select(_COLUMNS, source).on_conflict_do_nothing()
            .returning(*_SCANS.columns))


def _scan_and_event() -> Prepared:
    """PostgreSQL: the scan, and (only when it was written) its audit event, unsealed."""
    scan = _scan_insert(postgresql.insert).cte("scan")
    # the row's canonical JSON: the known columns' text comes in d0..d2, the database's
    # two (its new id, the asset found or none) go between them
    text = (bindparam("d0", type_=Text()) + func.coalesce(sql_cast(scan.c.asset_id, Text), "null")
            + bindparam("d1", type_=Text()) + sql_cast(scan.c.id, Text)
            + bindparam("d2", type_=Text()))
    digest = func.encode(func.sha256(func.convert_to(text, "UTF8")), "hex")
    written = select(*scan.c, digest.label("digest")).cte("written")
    details = (bindparam("e0", type_=Text()) + sql_cast(written.c.id, Text) + "\":\""
               + written.c.digest + bindparam("e1", type_=Text()))
    event = (insert(_EVENTS).from_select(
        ["at", "actor", "action", "entity", "entity_id", "details"],
        select(bindparam("at", type_=UTCDateTime()), bindparam("by", type_=String()),
               literal(ACTION, String()), literal(_SCANS.name, String()),
               sql_cast(written.c.id, String), details).select_from(written))
             .returning(_EVENTS.c.id).cte("event"))
    # and, written or not, what says why not: one row always (a repeat is one round trip too)
    sid, key = bindparam("sid", type_=Integer()), bindparam("key", type_=String())
    stocktake = _STOCKTAKES.c.id == sid
    facts = select(
        select(_STOCKTAKES.c.status).where(stocktake).scalar_subquery().label("status"),
        select(_STOCKTAKES.c.site_id).where(stocktake).scalar_subquery().label("site_id"),
        select(_ASSETS.c.id).where(_ASSETS.c.tag_key == key).scalar_subquery().label("found"),
        select(_KITS.c.tag).where(_KITS.c.tag_key == key).scalar_subquery().label("kit_tag"),
        select(_KITS.c.name).where(_KITS.c.tag_key == key).scalar_subquery().label("kit_name"),
    ).subquery("facts")
    return Prepared(select(*[written.c[c.key] for c in _SCANS.columns], written.c.digest,
                           *facts.c).select_from(facts.outerjoin(written, true()))
                    .add_cte(event))


_SCAN_SQLITE = Prepared(_scan_insert(sqlite.insert))
#: the scan a statement wrote whose answer was lost with the connection (it was saved)
_SAVED = Prepared(select(*_SCANS.columns).where(
    _SCANS.c.stocktake_id == bindparam("sid", type_=Integer()),
    _SCANS.c.code_key == bindparam("code_key", type_=String()),
    _SCANS.c.scanned_at == bindparam("at", type_=UTCDateTime()),
    _SCANS.c.scanned_by == bindparam("by", type_=String())))
_SCAN_PG = _scan_and_event()


def scan_event_parts(values: dict[str, Any], details: dict[str, Any]) -> dict[str, str]:
    """The text around the database's values in the scan row's canonical JSON (its digest,
    :func:`app.audit_chain.row_digest`) and in its event's details (``_rows`` first, as
    :func:`app.audit_chain.event_rows` puts it: ``_`` sorts before any lower-case key).

    ``values``: the scan's columns but ``id`` and ``asset_id``; ``details``: the event's
    (without ``_rows``)."""
    row = {**values, **dict.fromkeys(_FROM_DB, 0)}
    # every column, as row_digest takes them (a column added to the table must come here too)
    assert set(row) == {c.key for c in _SCANS.columns} - StocktakeScan.__digest_exclude__
    pieces = [f"{canonical_json(k)}:" + ("" if k in _FROM_DB else canonical_json(row[k]))
              for k in sorted(row)]
    joined = "{" + ",".join(pieces) + "}"
    # the row's JSON cut where the database's values go: after '"asset_id":' and '"id":'
    head, rest = joined.split('"asset_id":', 1)
    middle, tail = rest.split(',"id":', 1)
    assert not details.get("_rows") and details
    return {"d0": head + '"asset_id":', "d1": middle + ',"id":', "d2": tail,
            "e0": '{"_rows":{' + canonical_json(_SCANS.name)[:-1] + ":",
            "e1": '"},' + canonical_json(details)[1:]}


@dataclass(frozen=True)
class Facts:
    """What a PostgreSQL scan's statement found, written or not: why nothing was written."""

    #: the stocktake's status and school (None: no such stocktake)
    status: str | None
    site_id: int | None
    #: the asset the code names (None: none)
    asset_id: int | None
    #: the kit whose label the code is (None: none)
    kit_tag: str | None
    kit_name: str | None


def insert_scan(uow: UnitOfWork, stocktake_id: int, tag_key: str, code: str, code_key: str,
                at: dt.datetime, desk: str | None, *, site: int | None,
                event: dict[str, Any]) -> tuple[tuple[Any, ...] | None, Facts | None]:
    """Write the scan of ``code`` (the asset whose tag key is ``tag_key``, or none) into an
    open stocktake of school ``site`` (None: any school), audited with ``event``'s details,
    and commit. The row written (every column, in table order), or None when nothing was
    (already scanned, not open, another school's, a kit's label: nothing is committed); and
    on PostgreSQL what the statement found (:class:`Facts`: why nothing was written)."""
    params = {"sid": stocktake_id, "key": tag_key, "code": code, "code_key": code_key,
              "at": at, "by": uow.actor.name, "desk": desk, "site": site}
    if uow.db.is_sqlite:
        row = uow.execute(_SCAN_SQLITE, [params])
        if row is not None:
            scanned = uow.inserted(StocktakeScan, row)
            uow.audit(ACTION, scanned, **event)
            uow.commit()
        return row, None
    values = {k: params[p] for k, p in (("stocktake_id", "sid"), ("code", "code"),
                                        ("code_key", "code_key"), ("scanned_at", "at"),
                                        ("scanned_by", "by"), ("desk", "desk"))}
    details = audit.with_os_user(uow.actor, event)
    params.update(scan_event_parts(values, details))
    answer = uow.commit(last=(_SCAN_PG, [params]), settles={
        "action": ACTION, "at": at, "actor": uow.actor.name,
        "details_end": params["e1"], "details_start": params["e0"]})
    if answer is None:  # its COMMIT's answer was lost, and the log says it was saved
        return uow.db.read_one(_SAVED, params), None
    width = len(_SCANS.columns)
    row = None if answer[0] is None else answer[:width]
    return row, Facts(*answer[width + 1:])
