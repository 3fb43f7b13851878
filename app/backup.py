"""Backups: a consistent online copy of the SQLite database (PostgreSQL: use pg_dump)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from app.errors import InvalidInput
from app.uow import Database
from db.engine import sqlite_path


def backup_database(db: Database, target: Path) -> Path:
    """Copy the live database to ``target`` without stopping the desk.

    Uses SQLite's online backup API (a consistent snapshot even while another
    desk writes), into a temporary file that is renamed into place only when
    complete, so a backup file is never half-written.
    """
    if not db.is_sqlite:
        raise InvalidInput(
            "this database is on a PostgreSQL server: back it up with pg_dump "
            "(e.g. pg_dump -Fc -f loan-kiosk.dump DBNAME), not with loan-kiosk backup"
        )
    source = sqlite_path(db.url)
    if source is None:
        raise InvalidInput("an in-memory database cannot be backed up")
    target = target.expanduser().resolve()
    if target == source.resolve():
        raise InvalidInput("the backup file cannot be the database itself")
    if target.is_dir():
        raise InvalidInput(f"{target} is a folder; give a file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.partial")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=15)
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            (ok,) = dst.execute("PRAGMA integrity_check").fetchone()
            if ok != "ok":
                raise InvalidInput(f"the backup failed its integrity check: {ok}")
        finally:
            dst.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return target
