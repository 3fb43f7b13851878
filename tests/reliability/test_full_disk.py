"""A full disk (ENOSPC) during a leaver return's receipt or a backup: the command says truthfully
what was saved, in one ``error:`` line (issue 18)."""

from __future__ import annotations

import errno
import importlib
import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from app.bootstrap import AppContext
from app.cli import main
from app.services.loans import check_out
from app.uow import Actor
from db.models import Person, Receipt
from tests.conftest import register_tester, user_folder
from tests.factories import add_asset, add_person

ADMIN = Actor("admin-tech", "admin")


def _run(capsys: pytest.CaptureFixture[str], ctx: AppContext, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([*argv, "--db", ctx.db.url, "--data-dir", str(ctx.paths.data_dir)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_full_disk_while_the_receipt_is_written_saves_nothing_and_says_so(
        app_ctx: AppContext, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The receipt's PDF is written before the return commits (issue 17): a full disk
    leaves nothing recorded, and the one line says so; with room, the same command works."""
    add_person(app_ctx, "AB1", "Siân", "Ó Briain")
    add_asset(app_ctx, "LT-0001")
    with app_ctx.uow(ADMIN) as uow:
        check_out(uow, "LT-0001", "AB1")
    register_tester(app_ctx.db.url, app_ctx.paths.data_dir)

    def full(*_args: object, **_kwargs: object) -> Path:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as disk:
        disk.setattr(importlib.import_module("app.services.documents.staging"), "write_new_file",
                     full)  # the disk fills up
        code, out, err = _run(capsys, app_ctx, "leaver", "return", "AB1",
                              "--confirm-not-leaving")
    assert code == 2, (out, err)
    (line,) = err.strip().splitlines()
    assert line.startswith("error: nothing was saved: the receipt's PDF could not be written")
    assert "(No space left on device)" in line
    with app_ctx.uow(ADMIN, readonly=True) as uow:  # what the line says: nothing was saved
        assert uow.session.execute(select(Person.status)).scalar_one() == "active"
        assert uow.session.execute(select(Receipt.id)).first() is None
    code, out, err = _run(capsys, app_ctx, "leaver", "return", "AB1", "--confirm-not-leaving")
    assert code == 0, err
    with app_ctx.uow(ADMIN, readonly=True) as uow:
        assert uow.session.execute(select(Person.status)).scalar_one() == "left"


@pytest.fixture
def small_disk(tmp_path: Path) -> Path:
    """A real 64 KB file system (a tmpfs), so the disk really fills up."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_during_a_backup_says_nothing_was_saved(
        tmp_path: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.bootstrap import bootstrap
    from app.config import Settings

    ctx = bootstrap(None, data_dir=user_folder(tmp_path) / "data", settings=Settings())
    try:
        for i in range(300):  # a database bigger than the 64 KB disk
            add_asset(ctx, f"LT-{i:04d}")
        register_tester(ctx.db.url, ctx.paths.data_dir)
        target = small_disk / "copy.sqlite3"
        code, _out, err = _run(capsys, ctx, "backup", str(target))
    finally:
        ctx.close()
    assert code == 2
    (line,) = err.strip().splitlines()
    assert line.startswith(f"error: the backup could not be written to {target} (")
    assert line.endswith("): nothing was saved there, and the database itself is unchanged")
    assert list(small_disk.iterdir()) == []  # no half-written file left behind
