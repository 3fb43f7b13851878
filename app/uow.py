"""Unit of work: one transaction, one audit append, nothing half-done.

Services take a :class:`UnitOfWork`; they change ORM objects, call
:meth:`UnitOfWork.audit` for what they did, and :meth:`UnitOfWork.commit`.
Leaving the ``with`` block without committing rolls everything back.
Committing writes, in the same transaction, the audit events plus a digest of
every audited row that was written, so changes cannot escape the log.

Hot paths (a scan, a check-out or check-in) skip the ORM's machinery: they read
whole rows with prepared statements (:meth:`UnitOfWork.fetch_one`,
:meth:`UnitOfWork.loaded`) and write them with :meth:`UnitOfWork.insert` and
:meth:`UnitOfWork.update`, which record the same digests a flush would (the row
helpers are in :mod:`app.cursor_rows`; services reach them only through named reads
such as :mod:`app.services.rows`). The database handle a unit of work runs on is
:class:`app.database.Database`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, TypeVar, cast

from sqlalchemy import Connection, Engine, Table, func, insert, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value

from app import audit, commit_outcome
from app.actor import SYSTEM, Actor
from app.clock import Clock
from app.config import Settings
from app.cursor_rows import column_defaults, column_keys, detached, insert_returning_id, update_by_id
from app.errors import Busy
from app.prepared import Prepared
from app.retry import is_transient, sqlstate_of
from db.models import Base

#: services and the desk take ``Actor`` and ``SYSTEM`` from here, with the unit of work
__all__ = ["SYSTEM", "Actor", "DatabaseHandle", "UnitOfWork", "before_flush",
           "friendly_operational"]

M = TypeVar("M", bound=Base)

#: ``Session.info`` key of the unit of work a session belongs to
UOW_KEY = "loan_kiosk.uow"


class DatabaseHandle(Protocol):
    """What a unit of work needs of the database it runs on (:class:`app.database.Database`)."""

    engine: Engine
    sessions: sessionmaker[Session]
    settings: Settings
    #: the data folder (None: not known); notices find the school's templates there
    data_dir: Path | None

    @property
    def clock(self) -> Clock: ...

    @property
    def is_sqlite(self) -> bool: ...

    @property
    def write_bind(self) -> Engine: ...

    def read_one(self, read: Prepared, params: dict[str, Any]) -> tuple[Any, ...] | None: ...


def friendly_operational(exc: OperationalError) -> str:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    if is_transient(exc) or "locked" in text or "busy" in text:
        return "another desk is busy with the database; try again in a moment"
    first = text.splitlines()[0] if text else str(exc)
    state = sqlstate_of(exc)
    server = not type(exc.orig).__module__.startswith("sqlite3")
    if server and (exc.connection_invalidated or state is None or state.startswith("08")):
        return f"the database server cannot be reached; check it is running and try again ({first})"
    return f"cannot use the database: {first}"


class UnitOfWork:
    def __init__(self, db: DatabaseHandle, actor: Actor, *, readonly: bool = False) -> None:
        self.db = db
        self.actor = actor
        self.readonly = readonly
        self._events: list[audit.PendingEvent] = []
        #: events naming a row that had no id yet: (event, row, the id given to audit())
        self._unresolved: list[tuple[audit.PendingEvent, Base, Any]] = []
        self._touched: dict[int, Base] = {}
        self._deleted: dict[str, None] = {}
        #: row key -> digest of rows written on the cursor (insert, update, insert_many)
        self._bulk: dict[str, str] = {}
        #: objects made by loaded() and insert(), which update() may write
        self._loaded: dict[int, Base] = {}
        self._committed = False
        self.after_commit: list[Callable[[], object]] = []  # commit_outcome.run_after_commit
        self.now: dt.datetime = db.clock()
        self.settings: Settings = db.settings
        self._session: Session | None = None
        #: a writing unit of work's connection: its transaction is the unit of work's
        self._conn: Connection | None = None

    # -- context management -------------------------------------------------
    @property
    def session(self) -> Session:
        """This unit of work's session, opened on first use.

        In a unit of work that writes, the session joins the unit of work's
        connection and its transaction (begun by the session, or by a statement
        run with :meth:`execute`, whichever comes first) and commits it. Work that
        never needs the ORM (a check-out, a scan) never pays for a session.
        """
        if self._session is None:
            if self.readonly:
                self._session = self.db.sessions(bind=self.db.engine)
            else:
                self._session = self.db.sessions(bind=self._connection(), info={UOW_KEY: self},
                                                 join_transaction_mode="control_fully")
        return self._session

    def _connection(self) -> Connection:
        if self._conn is None:
            self._conn = self.db.write_bind.connect()
        return self._conn

    def __enter__(self) -> UnitOfWork:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._close(exc)
        if isinstance(exc, OperationalError):
            # a lock timeout, deadlock or lost connection inside the work itself:
            # say so plainly (nothing was changed) instead of a driver message
            raise Busy(friendly_operational(exc)) from exc

    def _close(self, exc: BaseException | None) -> None:
        session, conn = self._session, self._conn
        if session is None and conn is None:
            return  # nothing was opened (a scan answered by Database.read_one)
        try:
            if not self._committed:
                try:
                    self._rollback()
                except OperationalError:
                    if exc is None:
                        raise
                    # the connection is gone (server stopped): report the original error
        finally:
            try:
                if session is not None:
                    session.info.pop(UOW_KEY, None)
                    session.close()
            finally:
                if conn is not None:
                    conn.close()

    def _rollback(self) -> None:
        if self._session is not None:
            self._session.rollback()
        if self._conn is not None and self._conn.in_transaction():
            self._conn.rollback()

    # -- prepared statements on the DBAPI cursor (hot paths) -----------------
    def fetch_one(self, read: Prepared, params: dict[str, Any]) -> tuple[Any, ...] | None:
        """The first row of a prepared read (None: no row), values converted as Core would.

        In a unit of work that writes, inside its transaction (begun if need be, so a
        ``FOR UPDATE`` read locks). In a read-only one, inside the session's transaction
        when it has one (so the row is consistent with what the session read); otherwise
        the single statement runs by itself (:meth:`Database.read_one`), outside any
        ``BEGIN`` (one statement is its own consistent snapshot). Driver errors come back as
        SQLAlchemy's (``OperationalError`` …), as from the session.
        """
        session = self._session
        if not self.readonly or (session is not None and session.in_transaction()):
            return self.execute(read, [params])
        return self.db.read_one(read, params)

    def execute(self, stmt: Prepared, params: list[dict[str, Any]]) -> tuple[Any, ...] | None:
        """Run ``stmt`` in this unit of work's transaction, once per parameter set.

        The first row it returns, if any (``RETURNING``, ``SELECT``).
        """
        if self.readonly:
            conn = self.session.connection()
        else:
            conn = self._connection()
            if not conn.in_transaction():
                conn.begin()  # SQLite: BEGIN IMMEDIATE; a session opened later joins it
        return stmt.run(conn.connection.dbapi_connection, conn.dialect, params)

    def loaded(self, model: type[M], values: Sequence[Any], **related: Base) -> M:
        """A row read with :meth:`fetch_one` (every column, in table order) as an ORM object.

        The object is detached (not in the session): reading its columns, and the
        relationships given in ``related``, costs nothing, and :meth:`update` writes
        it. The session does not know it, so work on the same row must go through
        this object, not through a query of the session.
        """
        obj = detached(model, dict(zip(column_keys(model), values, strict=True)), related)
        self._loaded[id(obj)] = obj
        return obj

    def insert(self, model: type[M], values: dict[str, Any], **related: Base) -> M:
        """``INSERT`` one row on the cursor and audit its digest, as an ORM flush would.

        Columns not given take their declared scalar default (or None), as from
        the ORM. Returns the row as a detached object (see :meth:`loaded`), with
        its new id and the ``related`` objects set.
        """
        table = cast(Table, model.__table__)
        row = {**column_defaults(table), **values}
        returned = self.execute(insert_returning_id(table), [row])
        assert returned is not None
        row["id"] = returned[0]
        obj = detached(model, row, related)
        self._loaded[id(obj)] = obj
        self._bulk[audit.row_key(obj)] = audit.row_digest(obj)
        return obj

    def inserted(self, model: type[M], values: Sequence[Any]) -> M:
        """A row this unit of work inserted with a statement of its own, returned whole
        (``INSERT … RETURNING`` every column, in table order): audited as :meth:`insert`
        would audit it, and returned as :meth:`loaded` returns a row. For an insert that
        may do nothing (``ON CONFLICT DO NOTHING``): call this only for a row it wrote.
        """
        obj = self.loaded(model, values)
        self._bulk[audit.row_key(obj)] = audit.row_digest(obj)
        return obj

    def update(self, obj: Base, **changes: Any) -> None:
        """Change columns of a row and have the commit audit its new digest.

        An object of this unit of work's session is changed as usual (the flush
        writes it). One from :meth:`loaded` or :meth:`insert` is written at once
        with one ``UPDATE`` of the columns whose value changes (none: no
        statement, as the ORM would skip it).
        """
        state = sa_inspect(obj)
        if state.session is not None:
            for key, value in changes.items():
                setattr(obj, key, value)
            return
        if self._loaded.get(id(obj)) is not obj or state.identity is None:
            raise RuntimeError(f"{obj!r} was not read in this unit of work")
        changed = {key: value for key, value in changes.items() if getattr(obj, key) != value}
        if not changed:
            return
        params = {f"set_{key}": value for key, value in changed.items()}
        params["row_id"] = state.identity[0]
        self.execute(update_by_id(cast(Table, obj.__table__), tuple(changed)), [params])
        for key, value in changed.items():
            set_committed_value(obj, key, value)
        self._bulk[audit.row_key(obj)] = audit.row_digest(obj)

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
        defaults = column_defaults(table)
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

    def _before_flush(self, session: Session) -> None:
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
        session = self._session
        committing = False  # then ``last``: the number and hash of its last audit event
        try:
            if session is not None:
                session.flush()
            for ev, obj, given in self._unresolved:
                row_id = getattr(obj, "id", given)
                ev.entity_id = None if row_id is None else str(row_id)
            rows: dict[str, str | None] = dict(self._deleted)
            rows.update(self._bulk)
            for obj in self._touched.values():
                rows[audit.row_key(obj)] = audit.row_digest(obj)
            if rows and not self._events:
                raise RuntimeError("a write without an audit event: call uow.audit() first")
            if self.actor.os_user:  # who at the keyboard, beside the technician
                for ev in self._events:
                    ev.details.setdefault("os_user", self.actor.os_user)
            last = audit.append(self.execute, self.now, self.actor.name, self._events,
                                rows) if self._events else None
            committing = True
            if session is not None:
                session.commit()  # and the connection's transaction, which it joined
            if self._conn is not None and self._conn.in_transaction():
                self._conn.commit()  # begun by execute() after the session's last commit
        except OperationalError as exc:
            if not (committing and commit_outcome.connection_lost(exc)):
                self._rollback()
                raise Busy(friendly_operational(exc)) from exc
            commit_outcome.settle(self.db.engine, last, exc)  # returns only if it was saved
        self._committed = True
        commit_outcome.run_after_commit(self.after_commit)
        self._events.clear()
        self._unresolved.clear()
        self._touched.clear()
        self._deleted.clear()
        self._bulk.clear()


def before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    """The session factory's ``before_flush`` listener: hands the flush to the session's
    unit of work, which records the rows it writes for the audit digest."""
    uow = session.info.get(UOW_KEY)
    if uow is not None:
        uow._before_flush(session)
