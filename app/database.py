"""The database handle: URL, engine, session factory, and one-statement reads outside a
transaction (:meth:`Database.read_one`). :func:`open_database` opens (creating and
upgrading) one; a :class:`app.uow.UnitOfWork` does the work on it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import PoolProxiedConnection

from app.actor import SYSTEM, Actor
from app.clock import Clock, system_clock
from app.config import Settings
from app.errors import Busy
from app.prepared import Prepared
from app.uow import UnitOfWork, before_flush, friendly_operational
from db.engine import make_engine, make_sessionmaker


@dataclass
class Database:
    """An opened database: URL, engine and session factory (built by :func:`open_database`)."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session] = field(repr=False)
    clock: Clock = system_clock
    settings: Settings = field(default_factory=Settings)
    #: the data folder (the composition root sets it): where notices find the school's
    #: templates and logo when a service queues one
    data_dir: Path | None = None
    #: SQLite: a connection of our own for single-statement reads (see :meth:`read_one`)
    _reader: PoolProxiedConnection | None = field(default=None, init=False, repr=False,
                                                  compare=False)
    _reader_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False,
                                         compare=False)
    _sqlite: bool = field(default=False, init=False, repr=False, compare=False)
    _dialect: Dialect = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # one listener for every unit of work's session (listening per session cost
        # as much as the rest of opening one). Not guarded by ``event.contains``: that
        # goes by id() and can match the listener of a collected factory at the same address.
        event.listen(self.sessions, "before_flush", before_flush)
        # a restore disposes of the engine to reopen the file: the reader goes with it
        event.listen(self.engine, "engine_disposed", self._drop_reader)
        self._sqlite = self.is_sqlite
        self._dialect = self.engine.dialect

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @cached_property
    def write_bind(self) -> Engine:
        """The engine for units of work that write (SQLite: ``BEGIN IMMEDIATE``).

        PostgreSQL: the driver in autocommit; the unit of work sends its own ``BEGIN``
        and ``COMMIT`` with its first and last statements (:mod:`app.flights`).
        """
        if self.is_sqlite:
            return self.engine.execution_options(sqlite_begin="IMMEDIATE")
        return self.engine.execution_options(isolation_level="AUTOCOMMIT")

    @cached_property
    def read_bind(self) -> Engine:
        """The engine for read-only units of work.

        PostgreSQL: ``AUTOCOMMIT``. Under READ COMMITTED each statement of a read-only
        transaction takes its own snapshot anyway, so the ``BEGIN`` and ``ROLLBACK``
        around it (a round trip each) bought nothing.
        """
        if self.is_sqlite:
            return self.engine
        return self.engine.execution_options(isolation_level="AUTOCOMMIT")

    def uow(self, actor: Actor = SYSTEM, *, readonly: bool = False) -> UnitOfWork:
        return UnitOfWork(self, actor, readonly=readonly)

    def read_one(self, read: Prepared, params: dict[str, Any]) -> tuple[Any, ...] | None:
        """Run one prepared read outside any transaction (one statement is its own snapshot).

        On SQLite it runs on a connection this database keeps for such reads, when no
        other thread is using it: checking a connection out of the pool and back in
        (with the pool's reset) cost as much as a scan's indexed query. Otherwise, and
        always on PostgreSQL, the statement checks a pooled connection out; there it runs
        in autocommit, so the whole read is one round trip (no ``BEGIN``, and nothing for
        the pool's reset to roll back).
        """
        engine = self.engine
        if self._sqlite and self._reader_lock.acquire(blocking=False):
            try:
                reader = self._reader
                if reader is None:
                    reader = engine.raw_connection()
                    reader.detach()  # ours, not the pool's: closing it closes it
                    self._reader = reader
                try:
                    return read.run(reader.dbapi_connection, self._dialect, (params,),
                                    pooled=reader)
                except BaseException:
                    self._reader = None
                    reader.close()
                    raise
            finally:
                self._reader_lock.release()
        raw = engine.raw_connection()
        dbapi_conn = raw.dbapi_connection
        assert dbapi_conn is not None
        server = not self._sqlite
        try:
            if server:
                dbapi_conn.autocommit = True  # client-side switch: no round trip
            return read.run(dbapi_conn, engine.dialect, [params], pooled=raw)
        finally:
            after = raw.dbapi_connection
            if server and after is not None:
                try:
                    after.autocommit = False
                except Exception:  # noqa: BLE001 - a broken connection: the pool drops it
                    raw.invalidate()
            raw.close()  # back to the pool, which rolls back whatever the driver began

    def _drop_reader(self, *_: Any) -> None:
        with self._reader_lock:
            reader, self._reader = self._reader, None
        if reader is not None:
            reader.close()

    def dispose(self) -> None:
        self.engine.dispose()  # and the reader (engine_disposed)


def open_database(url: str, *, clock: Clock = system_clock, upgrade: bool = True) -> Database:
    """Open (creating and upgrading as needed) the database at ``url``."""
    from db import schema

    engine = make_engine(url)
    if upgrade:
        try:
            schema.upgrade(engine)
        except OperationalError as exc:
            engine.dispose()
            raise Busy(friendly_operational(exc)) from exc
        except Exception:
            engine.dispose()
            raise
    return Database(url, engine, make_sessionmaker(engine), clock)


