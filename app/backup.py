"""Backups: a consistent online copy of the SQLite database (PostgreSQL: use pg_dump),
restoring one safely, a daily automatic backup with rotation, and a start-up check.

Restore is careful because it replaces evidence: the file must be a Loan Kiosk
database (SQLite, intact, our tables, an Alembic revision this build knows —
a newer one is refused), the current database is backed up first, and the
copy goes in through SQLite's own backup API as one write transaction, so a
desk killed half-way leaves the old database whole and another desk sees
either all of the old or all of the new.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import anchors
from app.atomic_files import fsync_dir, make_dirs, write_new_file
from app.database import Database
from app.errors import InvalidInput, NotFound, Refused
from app.private_files import make_private, private_dir
from app.uow import Actor
from db.engine import sqlite_path

if TYPE_CHECKING:
    from app.bootstrap import AppContext

SQLITE_MAGIC = b"SQLite format 3\x00"
#: tables every Loan Kiosk database has had since the first schema
REQUIRED_TABLES = frozenset({
    "alembic_version", "people", "assets", "loans", "signatures", "receipts",
    "technicians", "audit_events", "audit_head",
})
AUTO_PREFIX = "loan-kiosk-"
AUTO_SUFFIX = ".sqlite3"
AUTO_RE = re.compile(r"^loan-kiosk-(\d{8}-\d{6})\.sqlite3$")
SAFETY_PREFIX = "before-restore-"
STAMP = "%Y%m%d-%H%M%S"


def _require_sqlite(db: Database) -> Path:
    if not db.is_sqlite:
        raise InvalidInput(
            "this database is on a PostgreSQL server: back it up with pg_dump "
            "(e.g. pg_dump -Fc -f loan-kiosk.dump DBNAME), not with loan-kiosk backup"
        )
    source = sqlite_path(db.url)
    if source is None:
        raise InvalidInput("an in-memory database cannot be backed up")
    return source


def backup_database(db: Database, target: Path) -> Path:
    """Copy the live database to ``target`` without stopping the desk.

    Uses SQLite's online backup API (a consistent snapshot even while another
    desk writes), into a temporary file that is renamed into place only when
    complete, so a backup file is never half-written.
    """
    source = _require_sqlite(db)
    target = target.expanduser().resolve()
    if target == source.resolve():
        raise InvalidInput("the backup file cannot be the database itself")
    if target.is_dir():
        raise InvalidInput(f"{target} is a folder; give a file name")
    make_dirs(target.parent)
    tmp = target.with_name(f".{target.name}.partial")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=15)
    head: tuple[Any, ...] | None = None
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
        make_private(tmp)  # on Windows the mode above is not enough: an ACL
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            (ok,) = dst.execute("PRAGMA integrity_check").fetchone()
            if ok != "ok":
                raise InvalidInput(f"the backup failed its integrity check: {ok}")
            head = dst.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        finally:
            dst.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:  # a full disk, a folder gone, no permission
        tmp.unlink(missing_ok=True)
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InvalidInput(f"the backup could not be written to {target} ({reason}): nothing "
                           "was saved there, and the database itself is unchanged") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    if head is not None:
        record_backup_anchor(target, anchors.for_event(int(head[0]), str(head[1])))
    fsync_dir(target.parent)
    return target


def anchor_file(backup: Path) -> Path:
    """``<backup>.anchor``: the audit anchor the backup holds, written beside it."""
    return backup.with_name(backup.name + ".anchor")


def record_backup_anchor(backup: Path, anchor: anchors.Anchor) -> None:
    """Write the backup's anchor beside it: a restored copy can be checked against it,
    and whoever keeps the backups keeps the anchors too (docs/reliability.md)."""
    write_new_file(anchor_file(backup), f"{anchor.token}\n".encode("ascii"), overwrite=True)


def backup_anchor(backup: Path) -> anchors.Anchor | None:
    """The anchor recorded beside a backup, if any."""
    try:
        return anchors.read_file(anchor_file(backup))[0]
    except InvalidInput:
        return None


# -- restore ---------------------------------------------------------------------------


@dataclass
class BackupInfo:
    """What a candidate backup file holds, once it passed validation."""

    path: Path
    revision: str
    people: int
    loans: int
    audit_events: int


def inspect_backup(path: Path) -> BackupInfo:
    """Check that ``path`` is an intact Loan Kiosk database this build can open."""
    from db import schema

    path = path.expanduser()
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except FileNotFoundError as exc:
        raise NotFound(f"no such file: {path}") from exc
    except IsADirectoryError as exc:
        raise InvalidInput(f"{path} is a folder, not a backup file") from exc
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}") from exc
    if header != SQLITE_MAGIC:
        raise Refused(f"{path.name} is not a Loan Kiosk database (not an SQLite file)")
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise Refused(f"{path.name} cannot be opened as a database: {exc}") from exc
    try:
        try:
            (ok,) = con.execute("PRAGMA integrity_check").fetchone()
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.Error as exc:
            raise Refused(f"{path.name} is damaged or not a database: {exc}") from exc
        if ok != "ok":
            raise Refused(f"{path.name} is damaged (integrity check: {ok})")
        missing = REQUIRED_TABLES - tables
        if missing:
            raise Refused(f"{path.name} is not a Loan Kiosk database "
                          f"(no {', '.join(sorted(missing))} table)")
        rows = con.execute("SELECT version_num FROM alembic_version").fetchall()
        if len(rows) != 1:
            raise Refused(f"{path.name} has no single schema version; it is not a usable Loan Kiosk "
                          "database")
        revision = str(rows[0][0])
        if not _known_revision(revision):
            raise Refused(
                f"{path.name} was written by a newer Loan Kiosk (schema {revision}; this version "
                f"knows up to {schema.HEAD}); upgrade Loan Kiosk before restoring it")
        counts = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("people", "loans", "audit_events")]
    finally:
        con.close()
    return BackupInfo(path, revision, *counts)


def _known_revision(revision: str) -> bool:
    from db import schema

    if revision == schema.HEAD:
        return True
    from alembic.script import ScriptDirectory

    return schema._known(ScriptDirectory(str(schema.MIGRATIONS_DIR)), revision)


@dataclass
class RestoreResult:
    info: BackupInfo
    safety_backup: Path


def restore_database(app_ctx: AppContext, actor: Actor, source: Path) -> RestoreResult:
    """Replace the desk's database with the backup ``source`` (admin only).

    The current database is first copied to ``backups/before-restore-<time>.sqlite3``.
    """
    actor.require_admin("restore a backup")
    db = app_ctx.db
    live = _require_sqlite(db)
    info = inspect_backup(source)
    if source.expanduser().resolve() == live.resolve():
        raise InvalidInput("that file is the database itself")
    _check_audit(info.path)
    private_dir(app_ctx.paths.backups_dir)
    stamp = db.clock().astimezone(dt.UTC).strftime(STAMP)
    safety = backup_database(db, _free_name(app_ctx.paths.backups_dir / f"{SAFETY_PREFIX}{stamp}.sqlite3"))
    db.engine.dispose()
    src = sqlite3.connect(f"{info.path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(live, timeout=30)
        try:
            # one write transaction on the live file: all of the backup or none of it
            src.backup(dst)
            (ok,) = dst.execute("PRAGMA integrity_check").fetchone()
            if ok != "ok":  # pragma: no cover - SQLite would have failed the copy
                raise Refused(f"the restored database failed its integrity check: {ok}")
        finally:
            dst.close()
    finally:
        src.close()
    from db import schema

    schema.upgrade(db.engine)
    with db.uow(actor) as uow:
        uow.audit("database_restored", "database", None, file=info.path.name,
                  revision=info.revision, safety_backup=safety.name)
        uow.commit()
    return RestoreResult(info, safety)


def _check_audit(path: Path) -> None:
    """A backup whose audit chain is broken was tampered with: refuse it."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from app import audit

    uri = f"{path.resolve().as_uri()}?mode=ro"
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))
    recorded = backup_anchor(path)  # a backup rewritten after it was taken no longer holds it
    try:
        with Session(engine) as session:
            result = audit.verify(session, anchors=[recorded] if recorded else [])
    finally:
        engine.dispose()
    if not result.ok:
        raise Refused(f"{path.name} fails the audit check ({result.problem}); it is not restored")


def _free_name(path: Path) -> Path:
    n = 1
    candidate = path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


# -- automatic daily backups -------------------------------------------------------------


def _auto_backups(folder: Path) -> list[tuple[dt.datetime, Path]]:
    found = []
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return []
    for p in entries:
        m = AUTO_RE.match(p.name)
        if m and p.is_file():
            at = dt.datetime.strptime(m.group(1), STAMP).replace(tzinfo=dt.UTC)
            found.append((at, p))
    return sorted(found)


def auto_backup(app_ctx: AppContext) -> Path | None:
    """Take today's backup into ``<data dir>/backups`` unless one was taken in the last day.

    Keeps the newest ``settings.backup.keep`` automatic backups (safety copies
    made before a restore are left alone). Returns the new file, or None when
    none was due or the database is on a server.
    """
    db = app_ctx.db
    if not db.is_sqlite or sqlite_path(db.url) is None:
        return None
    folder = app_ctx.paths.backups_dir
    private_dir(folder)
    now = db.clock().astimezone(dt.UTC)
    existing = _auto_backups(folder)
    made = None
    if not existing or now - existing[-1][0] >= dt.timedelta(hours=23):
        made = backup_database(db, folder / f"{AUTO_PREFIX}{now.strftime(STAMP)}{AUTO_SUFFIX}")
        existing = _auto_backups(folder)
    keep = max(1, app_ctx.settings.backup.keep)
    for _, old in existing[:-keep]:
        old.unlink(missing_ok=True)
        anchor_file(old).unlink(missing_ok=True)
    return made


@dataclass
class BackupStatus:
    newest: Path | None
    taken_at: dt.datetime | None
    age: dt.timedelta | None
    ok: bool
    message: str


def backup_status(app_ctx: AppContext) -> BackupStatus:
    """How old the newest backup is, for the start-up check (warn past ``max_age_hours``)."""
    db = app_ctx.db
    if not db.is_sqlite:
        return BackupStatus(None, None, None, True,
                            "the database is on a PostgreSQL server: its backups are pg_dump's job")
    now = db.clock().astimezone(dt.UTC)
    found = _auto_backups(app_ctx.paths.backups_dir)
    limit = dt.timedelta(hours=app_ctx.settings.backup.max_age_hours)
    if not found:
        return BackupStatus(None, None, None, False, "there is no backup of this database yet")
    taken_at, newest = found[-1]
    age = max(now - taken_at, dt.timedelta(0))
    hours = age.total_seconds() / 3600
    if age > limit:
        return BackupStatus(newest, taken_at, age, False,
                            f"the newest backup is {hours:.0f} hours old (limit "
                            f"{app_ctx.settings.backup.max_age_hours}); check the backups")
    return BackupStatus(newest, taken_at, age, True, f"the newest backup is {hours:.1f} hours old")
