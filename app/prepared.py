"""Core statements compiled once per dialect and run on the DBAPI cursor.

For the desk's hot paths (a scan, a check-out or check-in, the audit append)
SQLAlchemy's statement execution and result machinery cost several times the
indexed statement itself (see docs/performance.md). A :class:`Prepared`
statement is built at import, compiled once per dialect and run on the
transaction's DBAPI connection: each parameter goes through its column type's
bind processor and each result column through its type's result processor, so
the database sees, and the caller gets, the values Core would send and return
on every backend. Driver errors come back as SQLAlchemy's (``IntegrityError``,
``OperationalError`` …), as from Core, so ``Busy`` reporting and retries see
the same exceptions.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any, NamedTuple, cast

from sqlalchemy import Insert, Select, Update
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.compiler import SQLCompiler


class Compiled(NamedTuple):
    """A statement compiled for one dialect."""

    sql: str
    #: {parameter: value} -> what the driver takes (a tuple for positional drivers)
    bind: Callable[[dict[str, Any]], Any]
    #: (result column index, that column type's result processor)
    processors: list[tuple[int, Callable[[Any], Any]]]


class Prepared:
    """A Core ``SELECT``, ``INSERT`` or ``UPDATE``, compiled once per dialect.

    ``column_keys`` names the columns an ``INSERT`` gives values for (as
    ``compile(column_keys=...)``); parameters are given by those names, or by
    the names of the statement's ``bindparam()``\\ s.
    """

    def __init__(self, stmt: Select[Any] | Insert | Update,
                 column_keys: Sequence[str] | None = None, *, many: bool = False) -> None:
        self.stmt = stmt
        #: answer every row (a tuple of rows), not only the first
        self.many = many
        self.column_keys = list(column_keys) if column_keys is not None else None
        self._compiled: weakref.WeakKeyDictionary[Dialect, Compiled] = weakref.WeakKeyDictionary()
        #: the last dialect asked for and its compiled form (one engine, in practice)
        self._last: tuple[Dialect, Compiled] | None = None

    def compiled(self, dialect: Dialect) -> Compiled:
        last = self._last
        if last is not None and last[0] is dialect:
            return last[1]
        found = self._compiled.get(dialect)
        if found is None:
            found = self._compile(dialect)
            self._compiled[dialect] = found
        self._last = (dialect, found)
        return found

    def _compile(self, dialect: Dialect) -> Compiled:
        compiled = cast(SQLCompiler, self.stmt.compile(dialect=dialect, column_keys=self.column_keys))
        # values fixed in the statement (a LIMIT...) and each parameter's conversion
        fixed = {name: bp.value for name, bp in compiled.binds.items() if not bp.required}
        to_db = {name: proc for name, bp in compiled.binds.items()
                 if (proc := bp.type.dialect_impl(dialect).bind_processor(dialect))}
        names = list(compiled.positiontup or ()) if dialect.positional else None
        # positional drivers take a tuple in the statement's order
        in_order: Callable[[dict[str, Any]], Any] | None = None
        if names is not None:
            in_order = itemgetter(*names) if len(names) > 1 else lambda d: tuple(d[n] for n in names)

        def bind(params: dict[str, Any]) -> Any:
            merged = {**fixed, **params} if fixed or to_db else params
            for name, proc in to_db.items():
                merged[name] = proc(merged[name])
            return merged if in_order is None else in_order(merged)

        processors: list[tuple[int, Callable[[Any], Any]]] = []
        for i, col in enumerate(self.stmt.exported_columns):
            proc = col.type.dialect_impl(dialect).result_processor(dialect, None)
            if proc is not None:
                processors.append((i, proc))
        return Compiled(compiled.string, bind, processors)

    def run(self, dbapi_conn: Any, dialect: Dialect, params: Sequence[dict[str, Any]], *,
            pooled: Any = None) -> tuple[Any, ...] | None:
        """Execute with each parameter set in turn (one: ``execute``); the first row, if any.

        ``pooled``: the pool's connection record, invalidated if the driver says
        the connection is lost (a statement run outside any transaction).
        """
        sql, bind, processors = self.compiled(dialect)
        args: Any = bind(params[0]) if len(params) == 1 else [bind(p) for p in params]
        cursor = dbapi_conn.cursor()
        try:
            if len(params) == 1:
                cursor.execute(sql, args)
            else:
                cursor.executemany(sql, args)
            if self.many:
                return tuple(_processed(r, processors) for r in cursor.fetchall())
            row = cursor.fetchone() if cursor.description is not None else None
        except dialect.loaded_dbapi.Error as exc:
            lost = dialect.is_disconnect(exc, dbapi_conn, cursor)
            if lost and pooled is not None:
                pooled.invalidate(exc)
            raise DBAPIError.instance(sql, args, exc, dialect.loaded_dbapi.Error,
                                      connection_invalidated=lost, dialect=dialect) from exc
        finally:
            cursor.close()
        return _processed(row, processors)


def _processed(row: Any, processors: list[tuple[int, Callable[[Any], Any]]]) -> tuple[Any, ...] | None:
    if row is None or not processors:
        return None if row is None else tuple(row)
    values = list(row)
    for i, proc in processors:
        values[i] = proc(values[i])
    return tuple(values)


def can_pipeline(dbapi_conn: Any) -> bool:
    """Whether the driver sends a batch of statements in one flight (psycopg 3's pipeline)."""
    return hasattr(dbapi_conn, "pipeline")


def run_batch(dbapi_conn: Any, dialect: Dialect,
              batch: Sequence[tuple[Prepared, Sequence[dict[str, Any]]]], *,
              begin: bool = False, commit: bool = False) -> list[tuple[Any, ...] | None]:
    """Run each statement of ``batch`` in turn; each one's first row (None: none).

    On a driver with a pipeline (PostgreSQL) the statements go to the server in one
    flight and their answers come back in one: a single round trip, however many
    statements. ``begin`` and ``commit`` put an explicit ``BEGIN`` before them and
    ``COMMIT`` after them, in the same flight: for a connection in autocommit, whose
    transaction the caller runs (psycopg begins a transaction of its own with a round
    trip to itself, and commits only what it began). Elsewhere (SQLite, in process)
    the statements run one by one, and beginning and committing are the caller's.
    The first error stops the batch (on PostgreSQL the rest are skipped and the
    transaction is aborted) and is raised as SQLAlchemy's, as from :meth:`Prepared.run`.
    """
    if not can_pipeline(dbapi_conn):
        return [stmt.run(dbapi_conn, dialect, params) for stmt, params in batch]
    cursors: list[tuple[Any, list[tuple[int, Callable[[Any], Any]]]]] = []
    sql = ""
    args: Any = None
    try:
        with dbapi_conn.pipeline():
            if begin:
                cursor = dbapi_conn.cursor()
                cursors.append((cursor, []))
                sql, args = "BEGIN", None
                cursor.execute(sql)
            for stmt, params in batch:
                sql, bind, processors = stmt.compiled(dialect)
                cursor = dbapi_conn.cursor()
                cursors.append((cursor, processors))
                if len(params) == 1:
                    args = bind(params[0])
                    cursor.execute(sql, args)
                else:
                    args = [bind(p) for p in params]
                    cursor.executemany(sql, args)
            if commit:
                sql, args = "COMMIT", None
                cursor = dbapi_conn.cursor()
                cursors.append((cursor, []))
                cursor.execute(sql)
        rows: list[tuple[Any, ...] | None] = []
        answering = cursors[1:] if begin else cursors
        for (stmt, _), (cursor, processors) in zip(batch, answering, strict=False):
            if cursor.description is None:
                rows.append(None)
            elif stmt.many:
                rows.append(tuple(_processed(r, processors) for r in cursor.fetchall()))
            else:
                rows.append(_processed(cursor.fetchone(), processors))
        return rows
    except dialect.loaded_dbapi.Error as exc:
        lost = dialect.is_disconnect(exc, dbapi_conn, None)
        raise DBAPIError.instance(sql, args, exc, dialect.loaded_dbapi.Error,
                                  connection_invalidated=lost, dialect=dialect) from exc
    finally:
        for cursor, _ in cursors:
            cursor.close()
