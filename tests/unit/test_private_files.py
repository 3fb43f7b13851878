"""On Windows the database, documents and backups are readable only by the desk user: an ACL
set through the Windows API, here against a fake of that API (app/private_files.py's seam).
The POSIX modes are checked in tests/reliability/test_security.py; the real Windows calls by
test_the_real_windows_acl below, on a Windows runner (the packaging issue's workflow)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import private_files
from app.backup import auto_backup, backup_database
from app.bootstrap import bootstrap
from app.config import Settings
from app.private_files import make_private, private_dir, user_only_sddl
from app.services import documents
from app.services.leavers import leaver_return
from app.services.privacy import subject_access_export
from app.uow import Actor
from tests.factories import add_asset, add_person

SID = "S-1-5-21-1004336348-1177238915-682003330-1001"
ADMIN = Actor("admin-tech", "admin")
FOLDER = f"D:P(A;OICI;FA;;;{SID})"
FILE = f"D:P(A;;FA;;;{SID})"


class FakeWindows:
    """Records the DACLs set, as advapi32 would be asked to set them."""

    def __init__(self) -> None:
        self.dacls: dict[Path, str] = {}
        self.refuse: OSError | None = None

    def current_user_sid(self) -> str:
        return SID

    def set_dacl(self, path: str, sddl: str) -> None:
        if self.refuse is not None:
            raise self.refuse
        self.dacls[Path(path)] = sddl

    def get_dacl(self, path: str) -> str:
        return self.dacls[Path(path)]


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeWindows]:
    fake = FakeWindows()
    monkeypatch.setattr(private_files, "ON_WINDOWS", True)
    monkeypatch.setattr(private_files, "_windows", fake)
    yield fake


def test_the_acl_lets_only_the_desk_user_in() -> None:
    assert user_only_sddl(SID, folder=True) == FOLDER  # protected; inherited by what is inside
    assert user_only_sddl(SID, folder=False) == FILE


def test_a_windows_desk_keeps_its_database_documents_and_backups_to_its_user(
        windows: FakeWindows, tmp_path: Path) -> None:
    data = tmp_path / "Dafydd ap Gruffydd" / "Łucja Wójcik" / "Loan Kiosk"
    ctx = bootstrap(None, data_dir=data, settings=Settings())
    try:
        add_person(ctx, "AB1", "Siân", "Ó Briain")
        add_asset(ctx, "LT-0001")
        with ctx.uow(ADMIN) as uow:
            number = leaver_return(uow, "AB1", confirm_not_leaving=True).number
        documents.archive_receipt(ctx, ADMIN, number)
        auto = auto_backup(ctx)
        manual = backup_database(ctx.db, tmp_path / "USB stick" / "copy.sqlite3")
        export = subject_access_export(ctx, ADMIN, "AB1", tmp_path / "exports")
    finally:
        ctx.close()
    assert auto is not None
    # folders: user-only and inherited by the database, its -wal/-shm, every document and backup
    for folder in (data, ctx.paths.documents_dir, ctx.paths.backups_dir, export.folder):
        assert windows.dacls[folder] == FOLDER, folder
    # files made private where they are created, wherever that is
    assert windows.dacls[data / "loan-kiosk.sqlite3"] == FILE
    made = {p.parent: sddl for p, sddl in windows.dacls.items() if p.name.endswith(".partial")}
    assert made == {ctx.paths.backups_dir: FILE, manual.parent: FILE}  # before the rename
    assert set(windows.dacls.values()) == {FOLDER, FILE}  # nothing else, nobody else


def test_an_existing_database_elsewhere_is_left_as_it_is(windows: FakeWindows, tmp_path: Path) -> None:
    """As on Linux: a file the desk did not create keeps the permissions its owner gave it."""
    shared = tmp_path / "shared" / "loan-kiosk.sqlite3"
    bootstrap(f"sqlite:///{shared}", data_dir=tmp_path / "a", settings=Settings()).close()
    assert windows.dacls[shared] == FILE  # created now: private
    windows.dacls.clear()
    bootstrap(f"sqlite:///{shared}", data_dir=tmp_path / "b", settings=Settings()).close()
    assert shared not in windows.dacls


def test_a_file_system_without_acls_is_logged_not_fatal(windows: FakeWindows, tmp_path: Path,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    windows.refuse = OSError(50, "The request is not supported")  # ERROR_NOT_SUPPORTED, FAT
    caplog.set_level(logging.WARNING, logger="app.private_files")
    folder = private_dir(tmp_path / "E drive" / "Loan Kiosk")
    assert folder.is_dir()
    assert caplog.messages == [f"could not make {folder} readable only by this Windows user: "
                               "The request is not supported"]


@pytest.mark.skipif(sys.platform == "win32", reason="Windows uses the ACL")
def test_off_windows_it_is_the_mode(tmp_path: Path) -> None:
    folder = private_dir(tmp_path / "Łucja Wójcik")
    file = folder / "r.pdf"
    file.write_bytes(b"%PDF")
    make_private(file)
    assert (folder.stat().st_mode & 0o777, file.stat().st_mode & 0o777) == (0o700, 0o600)


@pytest.mark.skipif(sys.platform != "win32", reason="the real ACL calls need Windows")
def test_the_real_windows_acl(tmp_path: Path) -> None:
    """On Windows: the real advapi32 calls leave one entry, for this user, inherited inside."""
    api = private_files.windows_security()
    sid = api.current_user_sid()
    assert sid.startswith("S-1-5-")
    folder = private_dir(tmp_path / "Dafydd ap Gruffydd" / "Łucja Wójcik")
    assert api.get_dacl(str(folder)) in (f"D:PAI(A;OICI;FA;;;{sid})", f"D:P(A;OICI;FA;;;{sid})")
    inside = folder / "documents" / "R-2026-0001.pdf"
    inside.parent.mkdir()
    inside.write_bytes(b"%PDF")
    assert api.get_dacl(str(inside)) == f"D:AI(A;ID;FA;;;{sid})"  # inherited, nobody else's
    loose = tmp_path / "copy.sqlite3"
    loose.write_bytes(b"SQLite")
    make_private(loose)
    assert api.get_dacl(str(loose)) in (f"D:PAI(A;;FA;;;{sid})", f"D:P(A;;FA;;;{sid})")
