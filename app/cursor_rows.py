"""The unit of work's fast path: whole rows read and written on the DBAPI cursor.

A hot path (a scan, a check-out or check-in) reads a row with a prepared statement and
gets it back as a detached ORM object (:func:`detached`); writing it back is one
``UPDATE`` of the changed columns (:func:`update_by_id`), a new row one ``INSERT …
RETURNING id`` (:func:`insert_returning_id`). The statements are built once per table
(and column set) and compiled once per dialect (:class:`app.prepared.Prepared`).
:mod:`app.uow` audits what goes through here exactly as a flush would.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from sqlalchemy import Table, bindparam, insert, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import make_transient_to_detached

from app.prepared import Prepared
from db.models import Base

M = TypeVar("M", bound=Base)

_COLUMN_KEYS: dict[type[Base], list[str]] = {}
_DEFAULTS: dict[str, dict[str, Any]] = {}
_INSERTS: dict[str, Prepared] = {}
_UPDATES: dict[tuple[str, tuple[str, ...]], Prepared] = {}


def column_keys(model: type[Base]) -> list[str]:
    """The model's column attributes, in table column order (the order of ``select(table)``)."""
    keys = _COLUMN_KEYS.get(model)
    if keys is None:
        mapper = sa_inspect(model)
        keys = [mapper.get_property_by_column(c).key for c in cast(Table, model.__table__).columns]
        _COLUMN_KEYS[model] = keys
    return keys


def column_defaults(table: Table) -> dict[str, Any]:
    """Every column but the id, with its declared scalar default (or None)."""
    defaults = _DEFAULTS.get(table.name)
    if defaults is None:
        defaults = {
            c.key: (getattr(c.default, "arg", None) if c.default is not None and c.default.is_scalar
                    else None)
            for c in table.columns if c.key != "id"
        }
        _DEFAULTS[table.name] = defaults
    return dict(defaults)


def insert_returning_id(table: Table) -> Prepared:
    stmt = _INSERTS.get(table.name)
    if stmt is None:
        stmt = Prepared(insert(table).returning(table.c.id), list(column_defaults(table)))
        _INSERTS[table.name] = stmt
    return stmt


def insert_with_id(table: Table) -> Prepared:
    """``INSERT`` of a row whose id was taken ahead from the table's sequence."""
    key = f"{table.name}+id"
    stmt = _INSERTS.get(key)
    if stmt is None:
        stmt = Prepared(insert(table), ["id", *column_defaults(table)])
        _INSERTS[key] = stmt
    return stmt


def update_by_id(table: Table, keys: tuple[str, ...]) -> Prepared:
    stmt = _UPDATES.get((table.name, keys))
    if stmt is None:
        stmt = Prepared(update(table).where(table.c.id == bindparam("row_id"))
                        .values({k: bindparam(f"set_{k}") for k in keys}))
        _UPDATES[(table.name, keys)] = stmt
    return stmt


def detached(model: type[M], row: dict[str, Any], related: dict[str, Base]) -> M:
    """``row`` (every column) and ``related`` objects as a detached instance of ``model``.

    What the ORM's loading does, minus the session: the values go straight into
    the instance's ``__dict__`` as loaded state; relationships not given stay
    unloaded (reading one raises, as on any detached object).
    """
    obj = cast(M, sa_inspect(model).class_manager.new_instance())
    obj.__dict__.update(row)
    obj.__dict__.update(related)
    make_transient_to_detached(obj)
    return obj
