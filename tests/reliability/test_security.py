"""Admin-only actions are refused for a plain technician in the services and at the CLI;
PINs are salted scrypt hashes with a lock-out; the desk's files are private to its user."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from app import audit
from app.backup import auto_backup, backup_database, restore_database
from app.bootstrap import AppContext, bootstrap
from app.config import Settings, load_settings
from app.errors import InvalidInput, PermissionDenied
from app.imports.assets import import_assets
from app.imports.staff import import_staff
from app.services import documents, privacy
from app.services.leavers import leaver_return
from app.services.loans import check_out
from app.services.settings import update_settings
from app.services.technicians import add_technician, sign_in
from app.uow import Actor
from db.models import AuditEvent, Base, Technician
from tests.conftest import MutableClock
from tests.e2e.test_cli import BIN, Cli
from tests.factories import add_asset, add_person
from tests.integration.test_pin_lockout import wait_out

ADMIN = Actor("admin-tech", "admin")
TECH = Actor("plain-tech", "technician")


def _dump(ctx: AppContext) -> list[str]:
    with ctx.uow(ADMIN, readonly=True) as uow:
        return [repr(tuple(r)) for t in Base.metadata.sorted_tables
                for r in uow.session.execute(select(t).order_by(*t.primary_key.columns))]


@pytest.fixture
def school(app_ctx: AppContext) -> AppContext:
    add_person(app_ctx, "AB1", "Siân", "Ó Briain")
    add_asset(app_ctx, "LT-0002", encrypted=False)
    return app_ctx


def test_every_admin_action_is_refused_for_a_plain_technician_in_the_services(
        school: AppContext, tmp_path: Path) -> None:
    with school.uow(ADMIN) as uow:  # the first technician is always an admin
        add_technician(uow, "first", "123456")
    settings_before = school.paths.settings_file.exists()
    before = _dump(school)
    backup = tmp_path / "b.sqlite3"
    refusals = {
        "override the encryption policy": lambda: _override(school, TECH),
        "import staff": lambda: _in_uow(school, TECH, lambda u: import_staff(
            u, b"Staff Code,Forename,Surname\nZZ1,Eve,Mallory\n")),
        "import assets": lambda: _in_uow(school, TECH, lambda u: import_assets(
            u, b"Asset Tag,Kind\nLT-0666,laptop\n")),
        "add technicians": lambda: _technicians(school),
        "change settings": lambda: update_settings(TECH, school.paths, Settings(), db=school.db),
        "restore a backup": lambda: restore_database(school, TECH, backup),
        "purge personal data": lambda: privacy.apply_purge(school, TECH),
        "export a person's data": lambda: privacy.subject_access_export(school, TECH, "AB1", tmp_path),
    }
    for what, action in refusals.items():
        with pytest.raises(PermissionDenied) as err:
            action()
        assert err.value.message == f"only an admin technician can {what}; plain-tech is not an admin"
    assert _dump(school) == before
    assert school.paths.settings_file.exists() == settings_before


def _in_uow(ctx: AppContext, actor: Actor, fn: object) -> None:
    with ctx.uow(actor) as uow:
        fn(uow)  # type: ignore[operator]


def _override(ctx: AppContext, actor: Actor) -> None:
    with ctx.uow(actor) as uow:
        check_out(uow, "LT-0002", "AB1", personal_data=True, override_reason="head says so")


def _technicians(ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        add_technician(uow, "second", "567800")


def test_an_admin_may_and_is_audited(school: AppContext) -> None:
    _override(school, ADMIN)
    new = Settings()
    new.backup.keep = 30
    new.retention.routine_signatures_years = 2
    keys = update_settings(ADMIN, school.paths, new, db=school.db)
    assert keys == ["backup.keep", "retention.routine_signatures_years"]
    assert load_settings(school.paths.settings_file).backup.keep == 30
    assert stat.S_IMODE(school.paths.settings_file.stat().st_mode) == 0o600
    assert update_settings(ADMIN, school.paths, new, db=school.db) == []
    with school.uow(ADMIN, readonly=True) as uow:
        events = {e.action: e.details for e in uow.session.execute(select(AuditEvent)).scalars()}
        assert "encryption_override" in events
        changed = json.loads(events["settings_changed"])
        assert changed["keys"] == ["backup.keep", "retention.routine_signatures_years"]
        assert changed["values"]["backup"]["keep"] == 30  # what the file now holds (issue 18)
        assert audit.verify(uow.session).ok


def test_settings_are_validated_before_anything_is_written(school: AppContext) -> None:
    bad = Settings()
    bad.backup.keep = 0
    bad.printing.page_size = "A3"
    with pytest.raises(InvalidInput, match=r"backup.keep \(how many daily backups to keep\) must "
                                           r"be 1 to 1000 backups, not 0; printing.page_size"):
        update_settings(ADMIN, school.paths, bad, db=school.db)
    wrong_type = Settings()
    wrong_type.loans.days_laptop = "thirty"  # type: ignore[assignment]
    with pytest.raises(InvalidInput, match="setting loans.days_laptop: expected int"):
        update_settings(ADMIN, school.paths, wrong_type)
    assert not school.paths.settings_file.exists()


def test_pins_are_salted_scrypt_hashes_and_sign_in_locks_after_five_failures(
        app_ctx: AppContext, clock: MutableClock) -> None:
    with app_ctx.uow(ADMIN) as uow:
        add_technician(uow, "ann", "471100")
    with app_ctx.uow(ADMIN) as uow:
        add_technician(uow, "bob", "471100")
    with app_ctx.uow(ADMIN, readonly=True) as uow:
        hashes = [t.pin_hash for t in uow.session.execute(select(Technician)).scalars()]
    assert all(h.startswith("scrypt$16384$8$1$") for h in hashes)
    assert hashes[0] != hashes[1]  # salted: the same PIN gives different hashes
    assert not any("471100" in row for row in _dump(app_ctx))
    for _ in range(5):
        with app_ctx.uow(ADMIN) as uow:
            assert not sign_in(uow, "ann", "000000").ok
    with app_ctx.uow(ADMIN) as uow:
        result = sign_in(uow, "ann", "471100")
    assert not result.ok and result.message.startswith("Too many wrong PINs. Try again in ")
    wait_out(app_ctx, clock, 61)  # PostgreSQL: the server's clock, which the test moves back
    with app_ctx.uow(ADMIN) as uow:
        result = sign_in(uow, "ann", "471100")
    assert result.ok and result.actor is not None and result.actor.role == "admin"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_desks_files_are_readable_only_by_its_user(tmp_path: Path) -> None:
    old = os.umask(0o022)  # an ordinary, permissive umask
    try:
        data = tmp_path / "desk"
        ctx = bootstrap(None, data_dir=data, settings=Settings())
        add_person(ctx, "AB1", "Siân", "Ó Briain")
        add_asset(ctx, "LT-0001")
        with ctx.uow(ADMIN) as uow:
            check_out(uow, "LT-0001", "AB1")
        with ctx.uow(ADMIN) as uow:
            number = leaver_return(uow, "AB1", confirm_not_leaving=True).number
        pdf = documents.archive_receipt(ctx, ADMIN, number)
        auto = auto_backup(ctx)
        manual = backup_database(ctx.db, data / "manual.sqlite3")
        db_file = data / "loan-kiosk.sqlite3"
        assert _mode(data) == 0o700 and _mode(ctx.paths.documents_dir) == 0o700
        assert _mode(ctx.paths.backups_dir) == 0o700
        for f in (db_file, Path(f"{db_file}-wal"), Path(f"{db_file}-shm"), pdf, manual):
            assert _mode(f) == 0o600, f
        assert auto is not None and _mode(auto) == 0o600
        ctx.close()
    finally:
        os.umask(old)


def test_cli_refuses_a_plain_technician(app_ctx: AppContext, tmp_path: Path) -> None:
    add_person(app_ctx, "AB1", "Siân", "Ó Briain")
    add_asset(app_ctx, "LT-0002", encrypted=False)
    with app_ctx.uow(ADMIN) as uow:
        add_technician(uow, "boss", "123456", admin=True)
    with app_ctx.uow(ADMIN) as uow:
        add_technician(uow, "plain", "567800")
    (tmp_path / "staff.csv").write_text("Staff Code,Forename,Surname\nZZ1,Eve,Mallory\n", encoding="utf-8")
    (tmp_path / "assets.csv").write_text("Asset Tag,Kind\nLT-0666,laptop\n", encoding="utf-8")
    cli = Cli(app_ctx.db.url, tmp_path).as_("plain", "567800")
    as_plain = ("--technician", "plain")
    cases = [
        (("import", "staff", str(tmp_path / "staff.csv")), "import staff"),
        (("import", "assets", str(tmp_path / "assets.csv")), "import assets"),
        (("checkout", "LT-0002", "AB1", "--personal-data", "--override-reason", "urgent"),
         "override the encryption policy"),
        (("technician", "add", "eve", "--pin-stdin"), "add technicians"),
        (("restore", str(tmp_path / "staff.csv")), "restore a backup"),
        (("privacy", "purge", "--apply"), "purge personal data"),
        (("privacy", "purge", "--dry-run"), "purge personal data"),
        (("privacy", "export", "AB1", "--out", str(tmp_path / "sar")), "export a person's data"),
    ]
    before = cli.dump()
    # refusals change nothing, so they can all run at once
    cmd = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "app"]
    procs = [subprocess.Popen([*cmd, *args, *as_plain], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=cli.env) for args, _ in cases]
    for proc, (args, what) in zip(procs, cases, strict=True):
        out, err = proc.communicate("9999\n", timeout=300)
        assert proc.returncode == 2, (args, out, err)
        assert err == f"error: only an admin technician can {what}; plain is not an admin\n", (args, err)
    assert cli.dump() == before
    assert not (tmp_path / "sar").exists()
    # the admin technician may
    out = cli.as_("boss", "123456").ok("checkout", "LT-0002", "AB1", "--personal-data",
                                       "--override-reason", "urgent")
    assert "LT-0002 lent to Siân Ó Briain (AB1)" in out
