"""Engine and session factory, with the per-backend settings Loan Kiosk relies on.

SQLite: WAL journal, ``synchronous=FULL`` (a loan record is evidence), foreign
keys on, a busy timeout, and ``BEGIN IMMEDIATE`` for write transactions so two
desk processes on one file queue up instead of failing half-way.

PostgreSQL: no pre-ping (a ``SELECT 1`` round trip before every unit of work is
most of a scan's time over a WAN). A pooled connection is checked instead at no
cost to the network (:func:`_alive`): a connection the server closed (restarted,
stopped, an administrator's ``pg_terminate_backend``) has its end of the socket
readable while idle in the pool, and is replaced before use. Connections are
recycled after :data:`POOL_RECYCLE_S` (a firewall forgetting an idle flow), and
TCP keep-alives find a peer that vanished without a word. Whatever still fails
mid-work is a lost connection the unit of work reports (nothing was changed) and
the pool drops, so the next attempt connects afresh.
"""

from __future__ import annotations

import os
import select
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 15_000
#: PostgreSQL: seconds after which a pooled connection is closed and made anew
POOL_RECYCLE_S = 1800
#: libpq TCP keep-alive settings (a dead peer is found within about a minute of quiet)
KEEPALIVES = {"keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10,
              "keepalives_count": 3}


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def _make_private_dirs(directory: Path) -> None:
    """``mkdir -p`` with each folder made 0700 whatever the umask."""
    missing = []
    while not directory.exists() and directory != directory.parent:
        missing.append(directory)
        directory = directory.parent
    for d in reversed(missing):
        try:
            d.mkdir(mode=0o700)
        except FileExistsError:
            continue
        os.chmod(d, 0o700)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine for ``url`` with Loan Kiosk's connection settings."""
    if is_sqlite(url):
        path = sqlite_path(url)
        if path is not None:
            _make_private_dirs(path.parent)
            if not path.exists():
                # created readable only by the desk's OS user
                fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
                os.close(fd)
        engine = create_engine(
            url,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            **kwargs,
        )
        _configure_sqlite(engine)
        return engine
    connect_args = dict(KEEPALIVES) if make_url(url).get_driver_name() == "psycopg" else {}
    connect_args.update(kwargs.pop("connect_args", {}))
    kwargs.setdefault("pool_recycle", POOL_RECYCLE_S)
    if make_url(url).get_driver_name() == "psycopg":
        # no HSTORE columns here: skip looking the type up on the first connection
        kwargs.setdefault("use_native_hstore", False)
    engine = create_engine(url, connect_args=connect_args, **kwargs)
    event.listen(engine, "checkout", _check_alive)
    # SQLAlchemy's first look at the server (version, schema, settings) in autocommit:
    # no BEGIN and ROLLBACK round trips around it
    event.listen(engine, "first_connect", _autocommit_on, insert=True)
    event.listen(engine, "connect", _autocommit_off)
    return engine


def _autocommit_on(dbapi_conn: Any, _record: Any) -> None:
    if hasattr(dbapi_conn, "autocommit"):
        dbapi_conn.autocommit = True


def _autocommit_off(dbapi_conn: Any, _record: Any) -> None:
    if getattr(dbapi_conn, "autocommit", False):
        dbapi_conn.autocommit = False


def _alive(dbapi_conn: Any) -> bool:
    """Whether an idle pooled connection still looks usable, without asking the server.

    Idle between units of work, a PostgreSQL connection has nothing to read: the
    server only speaks when asked. Readable means it closed the connection (or sent
    its last words before doing so); a closed or broken handle is dead too.
    """
    if getattr(dbapi_conn, "closed", False) or getattr(dbapi_conn, "broken", False):
        return False
    try:
        fd = dbapi_conn.fileno()
    except Exception:  # noqa: BLE001 - a handle that cannot say is not usable
        return False
    try:
        readable, _, _ = select.select([fd], [], [], 0)
    except (OSError, ValueError):
        return False
    return not readable


def _check_alive(dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
    if not _alive(dbapi_conn):
        # the pool discards this connection and hands out (or makes) another
        raise exc.DisconnectionError("the database server closed this connection")


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy (not the sqlite3 module) decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)
