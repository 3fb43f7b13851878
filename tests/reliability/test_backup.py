"""Backup, restore (with validation and a safety copy), daily rotation and the start-up check."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import audit
from app.backup import (
    auto_backup,
    backup_database,
    backup_status,
    inspect_backup,
    restore_database,
)
from app.bootstrap import AppContext, bootstrap
from app.config import Settings
from app.errors import InvalidInput, PermissionDenied, Refused
from app.services.loans import check_out
from app.uow import Actor
from db.models import AuditEvent, Loan, Person
from tests.conftest import MutableClock, register_tester, user_folder
from tests.factories import add_asset, add_person

ADMIN = Actor("admin-tech", "admin")


@pytest.fixture
def desk(tmp_path: Path, clock: MutableClock) -> AppContext:
    data = user_folder(tmp_path) / "data"
    ctx = bootstrap(f"sqlite:///{data / 'loan-kiosk.sqlite3'}", data_dir=data, settings=Settings(),
                    clock=clock)
    add_person(ctx, "AB1", "Siân", "Ó Briain")
    add_asset(ctx, "LT-0001")
    add_asset(ctx, "LT-0002")
    yield ctx  # type: ignore[misc]
    ctx.close()


def _loans(ctx: AppContext) -> int:
    with ctx.uow(ADMIN, readonly=True) as uow:
        return int(uow.session.scalar(select(func.count()).select_from(Loan)) or 0)


def _lend(ctx: AppContext, tag: str) -> None:
    with ctx.uow(ADMIN) as uow:
        check_out(uow, tag, "AB1")


def _dump(path: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT * FROM audit_events ORDER BY seq").fetchall() + \
            con.execute("SELECT * FROM loans ORDER BY id").fetchall()
    finally:
        con.close()


def test_restore_brings_back_the_backup_and_keeps_a_safety_copy(desk: AppContext, tmp_path: Path) -> None:
    _lend(desk, "LT-0001")
    backup = backup_database(desk.db, tmp_path / "monday.sqlite3")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    _lend(desk, "LT-0002")
    assert _loans(desk) == 2

    result = restore_database(desk, ADMIN, backup)

    assert result.info.loans == 1 and result.info.revision
    assert _loans(desk) == 1
    assert result.safety_backup.parent == desk.paths.backups_dir
    con = sqlite3.connect(result.safety_backup)
    assert con.execute("SELECT count(*) FROM loans").fetchone()[0] == 2  # nothing is lost
    con.close()
    with desk.uow(ADMIN, readonly=True) as uow:
        assert audit.verify(uow.session).ok
        last = uow.session.execute(select(AuditEvent).order_by(AuditEvent.seq.desc())).scalars().first()
        assert last is not None and last.action == "database_restored" and "monday.sqlite3" in last.details
        (ok,) = uow.session.connection().exec_driver_sql("PRAGMA integrity_check").one()
        assert ok == "ok"
        (mode,) = uow.session.connection().exec_driver_sql("PRAGMA journal_mode").one()
        assert mode == "wal"
    # the desk keeps working on the restored database
    _lend(desk, "LT-0002")
    assert _loans(desk) == 2


def _refused_unchanged(desk: AppContext, path: Path, match: str,
                       actor: Actor = ADMIN, exc: type[Exception] = Refused) -> None:
    live = Path(desk.db.url.removeprefix("sqlite:///"))
    before = _dump(live)
    with pytest.raises(exc, match=match):
        restore_database(desk, actor, path)
    assert _dump(live) == before
    assert not desk.paths.backups_dir.exists() or not any(desk.paths.backups_dir.iterdir())


def test_restore_refuses_what_is_not_a_loan_kiosk_database(desk: AppContext, tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite3"
    text.write_text("Staff Code,Forename\nAB1,Siân\n", encoding="utf-8")
    _refused_unchanged(desk, text, "not a Loan Kiosk database \\(not an SQLite file\\)")

    other = tmp_path / "other-app.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    _refused_unchanged(desk, other, "not a Loan Kiosk database \\(no alembic_version, assets")

    damaged = tmp_path / "damaged.sqlite3"
    backup_database(desk.db, damaged)
    data = bytearray(damaged.read_bytes())
    for page in range(1, len(data) // 4096):
        data[page * 4096: page * 4096 + 8] = b"\xff" * 8  # scribble over every b-tree page header
    damaged.write_bytes(bytes(data))
    _refused_unchanged(desk, damaged, "damaged")

    with pytest.raises(Exception, match="no such file"):
        restore_database(desk, ADMIN, tmp_path / "missing.sqlite3")


def test_restore_refuses_a_newer_schema(desk: AppContext, tmp_path: Path) -> None:
    newer = backup_database(desk.db, tmp_path / "newer.sqlite3")
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    _refused_unchanged(desk, newer, "written by a newer Loan Kiosk \\(schema 9999_from_the_future")


def test_restore_refuses_a_tampered_backup(desk: AppContext, tmp_path: Path) -> None:
    _lend(desk, "LT-0001")
    bad = backup_database(desk.db, tmp_path / "tampered.sqlite3")
    con = sqlite3.connect(bad)
    con.execute("UPDATE people SET last_name = 'Someone Else'")
    con.commit()
    con.close()
    _refused_unchanged(desk, bad, "fails the audit check \\(people #1 was changed outside Loan Kiosk")


def test_restore_is_admin_only(desk: AppContext, tmp_path: Path) -> None:
    good = backup_database(desk.db, tmp_path / "good.sqlite3")
    _refused_unchanged(desk, good, "only an admin technician can restore a backup",
                       actor=Actor("plain-tech", "technician"), exc=PermissionDenied)


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_restore_on_postgres_points_at_pg_restore(app_ctx: AppContext, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="pg_dump"):
        restore_database(app_ctx, ADMIN, tmp_path / "x.sqlite3")
    assert auto_backup(app_ctx) is None
    assert backup_status(app_ctx).ok


def test_daily_backup_rotates_and_the_start_up_check_sees_its_age(desk: AppContext,
                                                                  clock: MutableClock) -> None:
    desk.settings.backup.keep = 3
    desk.settings.backup.max_age_hours = 36
    st = backup_status(desk)
    assert not st.ok and st.message == "there is no backup of this database yet"

    first = auto_backup(desk)
    assert first is not None and first.name == "loan-kiosk-20261124-100000.sqlite3"
    assert stat.S_IMODE(desk.paths.backups_dir.stat().st_mode) == 0o700
    clock.advance(hours=5)
    assert auto_backup(desk) is None  # already taken today
    st = backup_status(desk)
    assert st.ok and st.newest == first and st.age == dt.timedelta(hours=5)

    clock.advance(hours=40)
    st = backup_status(desk)
    assert not st.ok and "45 hours old" in st.message

    made = [first]
    for _ in range(5):
        new = auto_backup(desk)
        assert new is not None
        made.append(new)
        clock.advance(days=1)
    kept = sorted(p.name for p in desk.paths.backups_dir.iterdir())
    # each backup with the audit anchor it holds beside it, rotated together
    assert kept == sorted([p.name for p in made[-3:]] + [f"{p.name}.anchor" for p in made[-3:]])
    assert inspect_backup(made[-1]).people == 1


def test_rotation_leaves_safety_copies_alone(desk: AppContext, tmp_path: Path, clock: MutableClock) -> None:
    desk.settings.backup.keep = 1
    b = backup_database(desk.db, tmp_path / "b.sqlite3")
    safety = restore_database(desk, ADMIN, b).safety_backup
    for _ in range(3):
        auto_backup(desk)
        clock.advance(days=1)
    names = sorted(p.name for p in desk.paths.backups_dir.iterdir())
    assert safety.name in names and f"{safety.name}.anchor" in names
    assert len([n for n in names if not n.endswith(".anchor")]) == 2


BIN = Path(sys.executable).with_name("loan-kiosk")


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LOAN_KIOSK_DATA_DIR": str(data)}
    env.pop("LOAN_KIOSK_DB", None)
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, env=env, timeout=120)


def test_cli_backup_restore_and_status(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    assert _cli(data, "demo-data").returncode == 0
    register_tester(None, data)  # the CLI's commands sign in as the tests' technician
    live = data / "loan-kiosk.sqlite3"
    assert stat.S_IMODE(live.stat().st_mode) == 0o600
    st = _cli(data, "backups", "status")
    assert st.returncode == 1 and st.stdout.strip() == "there is no backup of this database yet"
    run = _cli(data, "backups", "run")
    assert run.returncode == 0 and "backup written to" in run.stdout
    st = _cli(data, "backups", "status")
    assert st.returncode == 0 and "hours old" in st.stdout

    backup = tmp_path / "copy.sqlite3"
    assert _cli(data, "backup", str(backup)).returncode == 0
    con = sqlite3.connect(live)
    people = con.execute("SELECT count(*) FROM people").fetchone()[0]
    con.close()
    proc = _cli(data, "restore", str(backup))
    assert proc.returncode == 0, proc.stderr
    assert f"{people} people" in proc.stdout and "before-restore-" in proc.stdout

    junk = tmp_path / "junk.sqlite3"
    shutil.copyfile(Path(__file__), junk)
    proc = _cli(data, "restore", str(junk))
    assert proc.returncode == 2
    assert proc.stderr.strip() == "error: junk.sqlite3 is not a Loan Kiosk database (not an SQLite file)"
    assert _cli(data, "audit", "verify").returncode == 0


def test_person_table_sanity(desk: AppContext) -> None:
    with desk.uow(ADMIN, readonly=True) as uow:
        assert uow.session.scalar(select(func.count()).select_from(Person)) == 1


def test_a_backup_records_its_audit_anchor(desk: AppContext, tmp_path: Path) -> None:
    from app.backup import backup_anchor

    with desk.uow(ADMIN) as uow:
        check_out(uow, "LT-0001", "AB1")
    with desk.uow(ADMIN, readonly=True) as uow:
        live = audit.head_anchor(uow.session)
    b = backup_database(desk.db, tmp_path / "b.sqlite3")
    assert (tmp_path / "b.sqlite3.anchor").read_text(encoding="ascii") == f"{live.token}\n"
    assert backup_anchor(b) == live


def test_a_backup_rewritten_after_it_was_taken_is_not_restored(desk: AppContext,
                                                               tmp_path: Path) -> None:
    """The backup holder rebuilds the chain in the backup file; its recorded anchor exposes it."""
    from tests.reliability import tamper

    with desk.uow(ADMIN) as uow:
        check_out(uow, "LT-0001", "AB1")
    b = backup_database(desk.db, tmp_path / "b.sqlite3")
    with tamper.attacker(f"sqlite:///{b}") as eng, eng.begin() as conn:
        conn.execute(tamper.EVENTS.delete().where(tamper.EVENTS.c.seq == 2))
        tamper.rechain(conn)
    with pytest.raises(Refused, match=r"does not hold"):
        restore_database(desk, ADMIN, b)
