"""Nothing destroyed through an output path (issue 18): ``--out`` never writes inside the data
folder nor over the database, with or without ``--force``; an existing file is replaced only
with ``--force``; a path is refused before any transaction; files written are 0600."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.conftest import user_folder
from tests.e2e.test_cli import ASSETS_CSV, STAFF_CSV, Cli


@pytest.fixture
def school(db_url: str, tmp_path: Path) -> Cli:
    cli = Cli(db_url, tmp_path)
    (tmp_path / "staff.csv").write_text(STAFF_CSV, encoding="utf-8")
    (tmp_path / "assets.csv").write_text(ASSETS_CSV, encoding="utf-8")
    cli.ok("import", "staff", str(tmp_path / "staff.csv"))
    cli.ok("import", "assets", str(tmp_path / "assets.csv"))
    cli.ok("checkout", "LT-0001", "AB1")
    return cli


def _data_dir(tmp_path: Path) -> Path:
    return user_folder(tmp_path) / "data"


def test_nothing_is_written_inside_the_data_folder(school: Cli, tmp_path: Path) -> None:
    data = _data_dir(tmp_path)
    (data / "loan-kiosk.sqlite3").touch()  # on PostgreSQL too: a file the app could own there
    own = sorted(p for p in data.rglob("*"))
    before = {p: p.read_bytes() for p in own if p.is_file()}
    link = tmp_path / "innocent.csv"
    link.symlink_to(data / "loan-kiosk.sqlite3")
    for force in ((), ("--force",)):
        for target in (data / "loan-kiosk.sqlite3", data / "settings.toml", data / "new.csv",
                       data / "documents" / "x.pdf", link):
            school.refused("report", "on-loan", "--out", str(target), *force,
                           match="inside Loan Kiosk's data folder")
            school.refused("labels", "--all", "--out", str(target), *force,
                           match="inside Loan Kiosk's data folder")
            school.refused("leaver", "return", "AB1", "--confirm-not-leaving", "--out",
                           str(target), *force, match="inside Loan Kiosk's data folder")
    assert {p: p.read_bytes() for p in own if p.is_file()} == before
    assert sorted(p for p in data.rglob("*")) == own


def test_a_hard_link_to_the_database_is_refused(school: Cli, tmp_path: Path) -> None:
    if not school.db_url.startswith("sqlite"):
        pytest.skip("a PostgreSQL database is no file to link to")
    db_file = Path(school.db_url.removeprefix("sqlite:///"))
    twin = tmp_path / "twin.sqlite3"
    os.link(db_file, twin)
    school.refused("report", "on-loan", "--out", str(twin), "--force",
                   match="is one of Loan Kiosk's own files")


def test_an_existing_file_is_replaced_only_with_force(school: Cli, tmp_path: Path) -> None:
    out = tmp_path / "on-loan.csv"
    out.write_text("keep me\n")
    school.refused("report", "on-loan", "--format", "csv", "--out", str(out),
                   match=f"{out} already exists; choose another name (or --force to replace it)")
    assert out.read_text() == "keep me\n"
    school.ok("report", "on-loan", "--format", "csv", "--out", str(out), "--force")
    assert "LT-0001" in out.read_text(encoding="utf-8-sig")
    # refused before the transaction: the leaver is still not marked as left
    school.refused("leaver", "return", "AB1", "--confirm-not-leaving", "--out", str(out),
                   match="already exists")
    assert school.json("whois", "AB1")["status"] == "active"


def test_unwritable_paths_are_one_error_line_before_anything_changes(school: Cli,
                                                                    tmp_path: Path) -> None:
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x")
    school.refused("leaver", "return", "AB1", "--confirm-not-leaving", "--out",
                   str(a_file / "receipt.pdf"), match="is not a folder this user may write in")
    school.refused("leaver", "return", "AB1", "--confirm-not-leaving", "--out",
                   str(tmp_path / ("x" * 300 + ".pdf")), match="a name in it is too long")
    school.refused("leaver", "return", "AB1", "--confirm-not-leaving", "--out", str(tmp_path),
                   match="is a folder; give a file name")
    assert school.json("whois", "AB1")["status"] == "active"


def test_files_and_folders_written_are_private_under_any_umask(school: Cli, tmp_path: Path) -> None:
    old = os.umask(0)  # the CLI inherits it
    try:
        report = tmp_path / "new" / "deeper" / "on-loan.csv"
        school.ok("report", "on-loan", "--format", "csv", "--out", str(report))
        receipt = tmp_path / "receipt.pdf"
        school.ok("leaver", "return", "AB1", "--confirm-not-leaving", "--out", str(receipt))
    finally:
        os.umask(old)
    for f in (report, receipt):
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
    for d in (tmp_path / "new", tmp_path / "new" / "deeper"):
        assert stat.S_IMODE(d.stat().st_mode) == 0o700, d
    data = _data_dir(tmp_path)
    for p in data.rglob("*"):
        want = 0o700 if p.is_dir() else 0o600
        assert stat.S_IMODE(p.stat().st_mode) == want, p


def test_a_reader_that_stops_early_is_no_fault(school: Cli) -> None:
    """`loan-kiosk … --json | head -3`: the pipe closes before the output is written, and the
    command stops quietly (a shell tool's 141), not with "a fault in Loan Kiosk"."""
    import subprocess
    import sys

    from tests.e2e.test_cli import BIN

    cmd = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "app"]
    proc = subprocess.Popen([*cmd, "report", "on-loan", "--format", "json"], env=school.env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before anything is written
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141, err
    assert err == "", err
