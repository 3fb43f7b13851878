"""The named statements of a stocktake scan, the hot path of a stocktake.

A scan is one statement: ``INSERT … SELECT`` that looks the tag up, checks the stocktake
is open and writes the scan row, doing nothing when this asset (or this unknown code) is
already in the stocktake (``ON CONFLICT DO NOTHING``, on SQLite and PostgreSQL alike), and
returns the row it wrote. Compiled once per dialect, run on the cursor
(:class:`app.prepared.Prepared`); services never see the SQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import Integer, String, Table, bindparam, exists, select
from sqlalchemy.dialects import postgresql, sqlite

from app.prepared import Prepared
from app.uow import UnitOfWork
from db.base import UTCDateTime
from db.models import Asset
from db.stocktakes import Stocktake, StocktakeScan

_ASSETS = cast(Table, Asset.__table__)
_STOCKTAKES = cast(Table, Stocktake.__table__)
_SCANS = cast(Table, StocktakeScan.__table__)
_COLUMNS = [c.key for c in _SCANS.columns if c.key != "id"]


def _scan_insert(dialect_insert: Any) -> Prepared:
    asset_id = (select(_ASSETS.c.id).where(_ASSETS.c.tag_key == bindparam("key", type_=String()))
                .scalar_subquery())
    source = select(
        bindparam("sid", type_=Integer()), asset_id, bindparam("code", type_=String()),
        bindparam("code_key", type_=String()), bindparam("at", type_=UTCDateTime()),
        bindparam("by", type_=String()), bindparam("desk", type_=String()),
    ).where(exists().where(_STOCKTAKES.c.id == bindparam("sid"),
                           _STOCKTAKES.c.status == "open"))
    stmt = (dialect_insert(_SCANS).from_select(_COLUMNS, source).on_conflict_do_nothing()
            .returning(*_SCANS.columns))
    return Prepared(stmt)


_SCAN_SQLITE = _scan_insert(sqlite.insert)
_SCAN_PG = _scan_insert(postgresql.insert)


def insert_scan(uow: UnitOfWork, stocktake_id: int, tag_key: str, code: str, code_key: str,
                at: dt.datetime, desk: str | None) -> StocktakeScan | None:
    """Write the scan of ``code`` (the asset whose tag key is ``tag_key``, or none) into an
    open stocktake; None when nothing was written (already scanned, or not open)."""
    stmt = _SCAN_SQLITE if uow.db.is_sqlite else _SCAN_PG
    row = uow.execute(stmt, [{"sid": stocktake_id, "key": tag_key, "code": code,
                              "code_key": code_key, "at": at, "by": uow.actor.name,
                              "desk": desk}])
    return None if row is None else uow.inserted(StocktakeScan, row)
