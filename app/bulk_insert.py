"""Bulk inserts for imports: many plain records in one statement, with their digests.

:meth:`app.uow.UnitOfWork.insert_many` hands its records here. Every column not
given takes its declared scalar default (or None); the digests are taken from
exactly those values, as :func:`app.audit.row_digest` would read them back.

On SQLite the records are taken column by column, once: each column's values go to
the driver through the column type's bind processor for the dialect (a date becomes
ISO text, a bool 0/1), what Core would send, as one plain tuple per row, and the same
values make the digests (:func:`app.audit_chain.column_digests`). Core building and
processing a parameter dict per row cost more than SQLite's own ``executemany``, and
a merged dict per row (record and defaults) as much again (docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from app.audit_chain import column_digests, values_digests
from app.cursor_rows import column_defaults
from db.models import Base


def insert_rows(session: Session, dialect: Dialect, is_sqlite: bool, model: type[Base],
                records: list[dict[str, Any]]) -> tuple[list[int], dict[str, str]]:
    """Insert ``records`` (flushed session, in its transaction): their new ids, in order,
    and each new row's key -> digest."""
    table = cast(Table, model.__table__)
    defaults = column_defaults(table)
    unknown = set(records[0]) - set(defaults)
    if unknown:
        raise ValueError(f"{table.name} has no column(s) {sorted(unknown)}")
    if is_sqlite:
        # inside BEGIN IMMEDIATE nobody else can take ids: number them ourselves,
        # so the rows go in one executemany (SQLite cannot RETURN them in order)
        start = session.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
        ids = list(range(start + 1, start + 1 + len(records)))
        # each column's values taken once, for both the statement and the digests
        columns = {"id": ids, **_columns(records, defaults)}
        compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
        names = list(compiled.positiontup or ())
        if not dialect.positional or sorted(names) != sorted(columns):
            raise RuntimeError(f"cannot bind {table.name} rows positionally on {dialect.name}")
        bound: list[Iterable[Any]] = []
        for name in names:
            proc = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
            bound.append(columns[name] if proc is None else map(proc, columns[name]))
        params = list(zip(*bound, strict=True))  # one tuple per row
        session.connection().exec_driver_sql(compiled.string, params)
        digests = column_digests(columns)
    else:
        rows = [{**defaults, **rec} for rec in records]
        result = session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
        )
        ids = [r[0] for r in result]
        for row_id, row in zip(ids, rows, strict=True):
            row["id"] = row_id
        digests = values_digests(rows)
    keys = [f"{table.name}:{row_id}" for row_id in ids]
    return ids, dict(zip(keys, digests, strict=True))


def _columns(records: list[dict[str, Any]], defaults: dict[str, Any]) -> dict[str, list[Any]]:
    """Every column's values, record by record: the record's own, else the column's default
    (what ``{**defaults, **record}`` holds)."""
    columns: dict[str, list[Any]] = {}
    for name, default in defaults.items():
        try:
            columns[name] = list(map(itemgetter(name), records))  # every record gives it
        except KeyError:
            columns[name] = [rec.get(name, default) for rec in records]
    return columns
