"""Bulk inserts for imports: many plain records in one statement, with their digests.

:meth:`app.uow.UnitOfWork.insert_many` hands its records here. Every column not
given takes its declared scalar default (or None); the digests are taken from
exactly those values, as :func:`app.audit.row_digest` would read them back.

On SQLite the rows go to the driver as plain tuples, each value through its column
type's bind processor for the dialect (a date becomes ISO text, a bool 0/1): what
Core would send, without Core building and processing a parameter dict per row,
which cost more than SQLite's own ``executemany`` (docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from app.audit_chain import values_digests
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
        rows = [{**defaults, **rec, "id": row_id}
                for row_id, rec in zip(ids, records, strict=True)]
        compiled = insert(table).compile(dialect=dialect, column_keys=list(rows[0]))
        names = list(compiled.positiontup or ())
        if not dialect.positional or sorted(names) != sorted(rows[0]):
            raise RuntimeError(f"cannot bind {table.name} rows positionally on {dialect.name}")
        # column by column (one C-level map each), then one tuple per row
        columns: list[Iterable[Any]] = [map(itemgetter(name), rows) for name in names]
        for i, name in enumerate(names):
            proc = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
            if proc is not None:
                columns[i] = map(proc, columns[i])
        params = list(zip(*columns, strict=True))
        session.connection().exec_driver_sql(compiled.string, params)
    else:
        rows = [{**defaults, **rec} for rec in records]
        result = session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
        )
        ids = [r[0] for r in result]
        for row_id, row in zip(ids, rows, strict=True):
            row["id"] = row_id
    keys = [f"{table.name}:{row_id}" for row_id in ids]
    return ids, dict(zip(keys, values_digests(rows), strict=True))
