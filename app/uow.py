"""Unit of work: one transaction, one audit append, nothing half-done.

Services take a :class:`UnitOfWork`; they change ORM objects, call :meth:`UnitOfWork.audit` for what
they did, and :meth:`UnitOfWork.commit`. Leaving the ``with`` block without committing rolls
everything back. Committing writes, in the same transaction, the audit events plus a digest of every
audited row that was written, so changes cannot escape the log.

Hot paths (a scan, a check-out or check-in) skip the ORM's machinery: they read whole rows with
prepared statements (:meth:`UnitOfWork.fetch_one`, :meth:`UnitOfWork.loaded`) and write them with
:meth:`UnitOfWork.insert` and :meth:`UnitOfWork.update`, which record the same digests a flush would
(the row helpers are in :mod:`app.cursor_rows`; services reach them only through named reads such as
:mod:`app.services.rows`). The database handle a unit of work runs on is
:class:`app.database.Database`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, TypeVar, cast

from sqlalchemy import Connection, Engine, Table
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value

from app import audit, commit_outcome
from app.actor import SYSTEM, Actor
from app.bulk_insert import insert_rows
from app.clock import Clock
from app.config import Settings
from app.cursor_rows import (
    column_defaults,
    column_keys,
    detached,
    insert_returning_id,
    insert_with_id,
    update_by_id,
)
from app.errors import Busy
from app.flights import NOT_READ, Flights, read_key
from app.prepared import Prepared
from app.retry import friendly_operational
from app.site_guard import check_sites
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

    @property
    def read_bind(self) -> Engine: ...

    def read_one(self, read: Prepared, params: dict[str, Any]) -> tuple[Any, ...] | None: ...


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
        #: PostgreSQL: statements read ahead and writes held for one flight (app.flights)
        self._flights: Flights | None = \
            None if readonly or db.is_sqlite else Flights(self._connection)

    # -- context management -------------------------------------------------
    @property
    def session(self) -> Session:
        """This unit of work's session, opened on first use.

        In a unit of work that writes, the session joins the unit of work's connection and its
        transaction (begun by the session, or by a statement run with :meth:`execute`, whichever
        comes first) and commits it. Work that never needs the ORM (a check-out, a scan) never pays
        for a session.
        """
        if self._flights is not None:
            self._flights.send([])  # what is held goes first; what was read ahead no longer holds
            self._flights.probe = None
        if self._session is None:
            if self.readonly:
                self._session = self.db.sessions(bind=self.db.read_bind)
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
        if self._flights is not None:
            self._flights.reset()
        if self._session is not None and not self.readonly:
            # (read-only: close() ends it, and leaves what was read readable afterwards)
            self._session.rollback()
        if self._conn is not None and self._conn.in_transaction():
            self._conn.rollback()

    # -- prepared statements on the DBAPI cursor (hot paths) -----------------
    def fetch_one(self, read: Prepared, params: dict[str, Any]) -> tuple[Any, ...] | None:
        """The first row of a prepared read (None: no row), values converted as Core would.

        In a unit of work that writes, inside its transaction (begun if need be, so a ``FOR UPDATE``
        read locks). In a read-only one, inside the session's transaction when it has one (so the
        row is consistent with what the session read); otherwise the single statement runs by itself
        (:meth:`Database.read_one`), outside any ``BEGIN`` (one statement is its own consistent
        snapshot). Driver errors come back as SQLAlchemy's (``OperationalError`` …), as from the
        session.
        """
        session = self._session
        if self._flights is not None:
            ahead = self._flights.ahead.pop(read_key(read, params), NOT_READ)
            if ahead is not NOT_READ:
                return cast(tuple[Any, ...] | None, ahead)
        if not self.readonly or (session is not None and session.in_transaction()):
            return self.execute(read, [params])
        return self.db.read_one(read, params)

    def prefetch(self, reads: Sequence[tuple[Prepared, dict[str, Any]]],
                 ids: dict[type[Base], int | tuple[Prepared, dict[str, Any]]] | None = None,
                 ) -> None:
        """PostgreSQL: send ``reads`` and take ``ids`` (model -> how many new rows) in one
        flight, with the ``BEGIN``, held writes and the audit probe (:mod:`app.flights`);
        :meth:`fetch_one` and :meth:`insert` then use them. Name every row the work will
        lock or change, in locking order. SQLite: nothing (reads run when asked)."""
        if self._flights is not None:
            self._flights.prefetch(reads, ids or {})

    def _write(self, stmt: Prepared, params: list[dict[str, Any]]) -> None:
        """A write nothing waits for: held for the next flight (PostgreSQL), or run now"""
        if self._flights is not None:
            self._flights.held.append((stmt, params))
        else:
            self.execute(stmt, params)

    def execute(self, stmt: Prepared, params: list[dict[str, Any]]) -> tuple[Any, ...] | None:
        """Run ``stmt`` in this unit of work's transaction, once per parameter set.

        The first row it returns, if any (``RETURNING``, ``SELECT``).
        """
        if self.readonly:
            conn = self.session.connection()
        elif self._flights is not None:
            self._flights.probe = None  # something besides the read-ahead: probe again
            return self._flights.send([(stmt, params)])[0]
        else:
            conn = self._connection()
            if not conn.in_transaction():
                conn.begin()  # SQLite: BEGIN IMMEDIATE; a session opened later joins it
        return stmt.run(conn.connection.dbapi_connection, conn.dialect, params)

    def loaded(self, model: type[M], values: Sequence[Any], **related: Base) -> M:
        """A row read with :meth:`fetch_one` (every column, in table order) as an ORM object.

        The object is detached (not in the session): reading its columns, and the relationships
        given in ``related``, costs nothing, and :meth:`update` writes it. The session does not know
        it, so work on the same row must go through this object, not through a query of the session.
        """
        obj = detached(model, dict(zip(column_keys(model), values, strict=True)), related)
        self._loaded[id(obj)] = obj
        return obj

    def insert(self, model: type[M], values: dict[str, Any], **related: Base) -> M:
        """``INSERT`` one row on the cursor and audit its digest, as an ORM flush would.

        Columns not given take their declared scalar default (or None), as from the ORM. Returns the
        row as a detached object (see :meth:`loaded`), with its new id and the ``related`` objects
        set.
        """
        table = cast(Table, model.__table__)
        row = {**column_defaults(table), **values}
        taken = self._flights.take_id(table.name) if self._flights is not None else None
        if taken is not None:  # an id taken ahead: the INSERT can wait for the commit
            row["id"] = taken
            self._write(insert_with_id(table), [row])
        else:
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

        An object of this unit of work's session is changed as usual (the flush writes it). One from
        :meth:`loaded` or :meth:`insert` is written at once with one ``UPDATE`` of the columns whose
        value changes (none: no statement, as the ORM would skip it).
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
        self._write(update_by_id(cast(Table, obj.__table__), tuple(changed)), [params])
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
        the SQL (:func:`app.bulk_insert.insert_rows`). Returns the new ids in order.
        """
        if not records:
            return []
        session = self.session
        session.flush()
        ids, digests = insert_rows(session, self.db.engine.dialect, self.db.is_sqlite, model,
                                   records)
        self._bulk.update(digests)
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
    def commit(self, last: tuple[Prepared, list[dict[str, Any]]] | None = None,
               settles: dict[str, Any] | None = None) -> tuple[Any, ...] | None:
        """Write the audit events and commit. ``last`` (PostgreSQL): a statement that audits itself, run
        in the commit's flight (its first row is returned; ``settles``: its event, for a lost COMMIT)."""
        if self.readonly:
            raise RuntimeError("read-only unit of work cannot commit")
        session, flights, answer, committing = self._session, self._flights, None, False
        writes: list[Any] = []  # the audit chain's statements: which event settles a lost commit
        try:
            if session is not None:
                if flights is not None:
                    flights.send([])
                session.flush()
            for ev, obj, given in self._unresolved:
                row_id = getattr(obj, "id", given)
                ev.entity_id = None if row_id is None else str(row_id)
            rows: dict[str, str | None] = dict(self._deleted)
            rows.update(self._bulk)
            for obj in self._touched.values():
                rows[audit.row_key(obj)] = audit.row_digest(obj)
            if rows and self.actor.site_id is not None and not self.actor.is_trust_admin:
                check_sites(lambda: self.session, self.actor, self._touched.values(), self._loaded,
                            self._bulk)  # a technician: their school's rows only
            if rows and not self._events:
                raise RuntimeError("a write without an audit event: call uow.audit() first")
            if self._events:
                writes = audit.write_events(self.execute, flights, self.now, self.actor, self._events,
                                            rows)
            committing = True  # a connection lost from here on may have committed
            if flights is not None and (self._conn is not None or last is not None):
                answer = (flights.send([last] if last else [], commit=True) or [None])[0]  # one flight
                flights.probe = None
                flights.ahead.clear()
            if session is not None:
                session.commit()  # and the connection's transaction, which it joined
            if self._conn is not None and self._conn.in_transaction():
                self._conn.commit()  # begun by execute() after the session's last commit
        except OperationalError as exc:
            if not (committing and commit_outcome.connection_lost(exc)):
                self._rollback()
                raise Busy(friendly_operational(exc)) from exc
            commit_outcome.settle(self.db.engine, audit.last_written(writes) or settles, exc,
                                  self._conn)
        self._committed = True
        commit_outcome.run_after_commit(self.after_commit)
        for done in (self._events, self._unresolved, self._touched, self._deleted, self._bulk):
            done.clear()
        return answer


def before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    """The session factory's ``before_flush`` listener: hands the flush to the session's
    unit of work, which records the rows it writes for the audit digest."""
    uow = session.info.get(UOW_KEY)
    if uow is not None:
        uow._before_flush(session)
