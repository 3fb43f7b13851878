"""Unit of work: one transaction, one audit append, nothing half-done.

Services take a :class:`UnitOfWork`; they change ORM objects, call
:meth:`UnitOfWork.audit` for what they did, and :meth:`UnitOfWork.commit`.
Leaving the ``with`` block without committing rolls everything back.
Committing writes, in the same transaction, the audit events plus a digest of
every audited row that was written, so changes cannot escape the log.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, cast

from sqlalchemy import Engine, Select, Table, event, func, insert, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app import audit
from app.actor import SYSTEM, Actor
from app.clock import Clock, system_clock
from app.config import Settings
from app.errors import Busy
from db.engine import make_engine, make_sessionmaker
from db.models import Base


@dataclass
class Database:
    """An opened database: URL, engine and session factory (built by :func:`open_database`)."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session] = field(repr=False)
    clock: Clock = system_clock
    settings: Settings = field(default_factory=Settings)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def uow(self, actor: Actor = SYSTEM, *, readonly: bool = False) -> UnitOfWork:
        return UnitOfWork(self, actor, readonly=readonly)

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str, *, clock: Clock = system_clock, upgrade: bool = True) -> Database:
    """Open (creating and upgrading as needed) the database at ``url``."""
    from db import schema

    engine = make_engine(url)
    if upgrade:
        try:
            schema.upgrade(engine)
        except OperationalError as exc:
            engine.dispose()
            raise Busy(_friendly_operational(exc)) from exc
        except Exception:
            engine.dispose()
            raise
    return Database(url, engine, make_sessionmaker(engine), clock)


def _friendly_operational(exc: OperationalError) -> str:
    from app.retry import is_transient, sqlstate_of

    text = str(exc.orig) if exc.orig is not None else str(exc)
    if is_transient(exc) or "locked" in text or "busy" in text:
        return "another desk is busy with the database; try again in a moment"
    first = text.splitlines()[0] if text else str(exc)
    state = sqlstate_of(exc)
    server = not type(exc.orig).__module__.startswith("sqlite3")
    if server and (exc.connection_invalidated or state is None or state.startswith("08")):
        return f"the database server cannot be reached; check it is running and try again ({first})"
    return f"cannot use the database: {first}"


_Compiled = tuple[str, Callable[[dict[str, Any]], Sequence[Any] | dict[str, Any]],
                  list[tuple[int, Callable[[Any], Any]]]]


class PreparedRead:
    """A Core ``SELECT`` of plain columns, compiled once per dialect and run on the DBAPI cursor.

    For hot read paths (a scan must show at once): SQLAlchemy's statement execution
    and result machinery cost ~10× the indexed SELECT itself (see docs/performance.md),
    so :meth:`UnitOfWork.fetch_one` runs the compiled SQL directly and converts each
    column with its type's own result processor (the same values an ORM or Core
    query would give, on every backend).
    """

    def __init__(self, stmt: Select[Any]) -> None:
        self.stmt = stmt
        self._compiled: weakref.WeakKeyDictionary[Dialect, _Compiled] = weakref.WeakKeyDictionary()

    def compiled(self, dialect: Dialect) -> _Compiled:
        """(SQL text, params -> DBAPI parameters, [(column index, result processor)])."""
        found = self._compiled.get(dialect)
        if found is None:
            compiled = self.stmt.compile(dialect=dialect)
            # values fixed in the statement (a LIMIT...) and each parameter's conversion
            fixed = {name: bp.value for name, bp in compiled.binds.items() if not bp.required}
            to_db = {name: proc for name, bp in compiled.binds.items()
                     if (proc := bp.type.dialect_impl(dialect).bind_processor(dialect))}

            def values(params: dict[str, Any]) -> dict[str, Any]:
                merged = {**fixed, **params}
                for name, proc in to_db.items():
                    merged[name] = proc(merged[name])
                return merged

            if dialect.positional:
                names = list(compiled.positiontup or ())

                def bind(params: dict[str, Any]) -> Sequence[Any] | dict[str, Any]:
                    merged = values(params)
                    return tuple(merged[n] for n in names)
            else:
                bind = values
            processors: list[tuple[int, Callable[[Any], Any]]] = []
            for i, col in enumerate(self.stmt.selected_columns):
                proc = col.type.dialect_impl(dialect).result_processor(dialect, None)
                if proc is not None:
                    processors.append((i, proc))
            found = (compiled.string, bind, processors)
            self._compiled[dialect] = found
        return found


class UnitOfWork:
    def __init__(self, db: Database, actor: Actor, *, readonly: bool = False) -> None:
        self.db = db
        self.actor = actor
        self.readonly = readonly
        self._events: list[audit.PendingEvent] = []
        #: events naming a row that had no id yet: (event, row, the id given to audit())
        self._unresolved: list[tuple[audit.PendingEvent, Base, Any]] = []
        self._touched: dict[int, Base] = {}
        self._deleted: dict[str, None] = {}
        self._bulk: dict[str, str] = {}
        self._committed = False
        self.now: dt.datetime = db.clock()
        self.settings: Settings = db.settings
        self._session: Session | None = None

    # -- context management -------------------------------------------------
    @property
    def session(self) -> Session:
        """This unit of work's session (a read-only one opens it on first use)."""
        if self._session is None:
            self._session = self.db.sessions(bind=self.db.engine)
        return self._session

    def __enter__(self) -> UnitOfWork:
        if self.readonly:
            # Nothing to audit, so no flush listener; and the session is opened only if
            # the work uses it (a scan answered by fetch_one never does). Both were most
            # of an empty read's cost.
            return self
        bind: Engine = self.db.engine
        if self.db.is_sqlite:
            bind = bind.execution_options(sqlite_begin="IMMEDIATE")
        self._session = self.db.sessions(bind=bind)
        event.listen(self._session, "before_flush", self._before_flush)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        session = self._session
        if session is not None:
            self._close(session, exc)
        if isinstance(exc, OperationalError):
            # a lock timeout, deadlock or lost connection inside the work itself:
            # say so plainly (nothing was changed) instead of a driver message
            raise Busy(_friendly_operational(exc)) from exc

    def _close(self, session: Session, exc: BaseException | None) -> None:
        try:
            if not self._committed:
                try:
                    session.rollback()
                except OperationalError:
                    if exc is None:
                        raise
                    # the connection is gone (server stopped): report the original error
        finally:
            session.close()

    # -- fast reads ---------------------------------------------------------
    def fetch_one(self, read: PreparedRead, params: dict[str, Any]) -> tuple[Any, ...] | None:
        """The first row of a prepared read (None: no row), values converted as Core would.

        Inside the session's transaction when it has one (so the row is consistent with
        what the session read); otherwise the single statement runs on its own pooled
        connection, outside any ``BEGIN`` (one statement is its own consistent snapshot).
        Driver errors come back as SQLAlchemy's (``OperationalError`` …), as from the session.
        """
        engine = self.db.engine
        dialect = engine.dialect
        sql, bind, processors = read.compiled(dialect)
        args = bind(params)
        session = self._session
        if session is not None and session.in_transaction():
            return self._fetch_on(session.connection().connection.dbapi_connection,
                                  dialect, sql, args, processors, None)
        raw = engine.raw_connection()
        try:
            return self._fetch_on(raw.dbapi_connection, dialect, sql, args, processors, raw)
        finally:
            raw.close()  # back to the pool, which rolls back whatever the driver began

    @staticmethod
    def _fetch_on(dbapi_conn: Any, dialect: Dialect, sql: str, args: Any,
                  processors: list[tuple[int, Callable[[Any], Any]]],
                  pooled: Any) -> tuple[Any, ...] | None:
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute(sql, args)
            row = cursor.fetchone()
        except dialect.loaded_dbapi.Error as exc:
            lost = dialect.is_disconnect(exc, dbapi_conn, cursor)
            if lost and pooled is not None:
                pooled.invalidate(exc)
            raise DBAPIError.instance(sql, args, exc, dialect.loaded_dbapi.Error,
                                      connection_invalidated=lost, dialect=dialect) from exc
        finally:
            cursor.close()
        if row is None:
            return None
        if not processors:
            return tuple(row)
        values = list(row)
        for i, proc in processors:
            values[i] = proc(values[i])
        return tuple(values)

    # -- audit --------------------------------------------------------------
    def audit(self, action: str, entity: Base | str | None = None, entity_id: Any = None,
              **details: Any) -> None:
        """Record what the service did; written with the commit, in the same transaction."""
        pending = False
        if isinstance(entity, Base):
            entity_name: str | None = entity.__tablename__
            if sa_inspect(entity).has_identity:
                entity_id = getattr(entity, "id", entity_id)
            else:
                # a new row: its id is known after the commit's flush, so name it then
                # (a flush here, per event, was most of a check-out's ORM cost)
                pending = True
        else:
            entity_name = entity
        event_ = audit.PendingEvent(action, entity_name,
                                    None if entity_id is None else str(entity_id), details)
        self._events.append(event_)
        if pending:
            self._unresolved.append((event_, cast(Base, entity), entity_id))

    def insert_many(self, model: type[Base], records: list[dict[str, Any]]) -> list[int]:
        """Insert plain records in one statement and audit each row's digest.

        For bulk work (imports) where building ORM objects costs far more than
        the SQL. Every column not given takes its declared scalar default (or
        None); the digests are taken from exactly those values, as
        :func:`audit.row_digest` would read them back. Returns the new ids in
        order.

        On SQLite the rows go to the driver as plain tuples, each value through
        its column type's bind processor for the dialect (a date becomes ISO
        text, a bool 0/1): what Core would send, without Core building and
        processing a parameter dict per row, which cost more than SQLite's own
        ``executemany`` (docs/performance.md).
        """
        from collections.abc import Iterable
        from operator import itemgetter

        if not records:
            return []
        table = cast(Table, model.__table__)
        defaults = {
            c.key: (getattr(c.default, "arg", None) if c.default is not None and c.default.is_scalar
                    else None)
            for c in table.columns if c.key != "id"
        }
        unknown = set(records[0]) - set(defaults)
        if unknown:
            raise ValueError(f"{table.name} has no column(s) {sorted(unknown)}")
        session = self.session
        session.flush()
        if self.db.is_sqlite:
            # inside BEGIN IMMEDIATE nobody else can take ids: number them ourselves,
            # so the rows go in one executemany (SQLite cannot RETURN them in order)
            start = session.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
            ids = list(range(start + 1, start + 1 + len(records)))
            rows = [{**defaults, **rec, "id": row_id}
                    for row_id, rec in zip(ids, records, strict=True)]
            dialect = self.db.engine.dialect
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
        self._bulk.update(zip([f"{table.name}:{row_id}" for row_id in ids],
                              audit.values_digests(rows), strict=True))
        return ids

    def _before_flush(self, session: Session, _ctx: Any, _instances: Any) -> None:
        for obj in session.new:
            if isinstance(obj, Base) and getattr(obj, "__audited__", True):
                self._touched[id(obj)] = obj
        for obj in session.dirty:
            if isinstance(obj, Base) and getattr(obj, "__audited__", True) and session.is_modified(obj):
                self._touched[id(obj)] = obj
        for obj in session.deleted:
            if isinstance(obj, Base) and getattr(obj, "__audited__", True):
                self._deleted[audit.row_key(obj)] = None
                self._touched.pop(id(obj), None)

    # -- commit -------------------------------------------------------------
    def commit(self) -> None:
        if self.readonly:
            raise RuntimeError("read-only unit of work cannot commit")
        try:
            self.session.flush()
            for ev, obj, given in self._unresolved:
                row_id = getattr(obj, "id", given)
                ev.entity_id = None if row_id is None else str(row_id)
            rows: dict[str, str | None] = dict(self._deleted)
            rows.update(self._bulk)
            for obj in self._touched.values():
                rows[audit.row_key(obj)] = audit.row_digest(obj)
            if rows and not self._events:
                raise RuntimeError("a write without an audit event: call uow.audit() first")
            if self._events:
                audit.append(self.session, self.now, self.actor.name, self._events, rows)
            self.session.commit()
        except OperationalError as exc:
            self.session.rollback()
            raise Busy(_friendly_operational(exc)) from exc
        self._committed = True
        self._events.clear()
        self._unresolved.clear()
        self._touched.clear()
        self._deleted.clear()
        self._bulk.clear()
