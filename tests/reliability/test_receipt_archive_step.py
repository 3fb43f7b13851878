"""A receipt is archived in the same recoverable step as its commit (issue 17): a desk
killed (SIGKILL) between writing the PDF and committing, or between committing and
giving the PDF its final name, leaves a state that is reported and put right — at the
next start, by ``audit verify``'s report and ``receipt repair`` — and never a committed
return without its receipt. SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from app.atomic_files import sha256_file
from app.bootstrap import AppContext
from app.evidence import check_receipts
from app.services.documents.archive import repair_archive
from app.services.documents.staging import final_path, pending_path, recover
from app.services.loans import check_out
from app.uow import Actor
from db.models import Person, Receipt
from tests.e2e.test_cli import Cli
from tests.factories import add_asset, add_person
from tests.reliability.procs import ROOT

ADMIN = Actor("admin-tech", "admin")


def lend(ctx: AppContext, code: str, tag: str) -> None:
    add_person(ctx, code, "Siân", "Ó Briain")
    add_asset(ctx, tag)
    with ctx.uow(ADMIN) as uow:
        check_out(uow, tag, code)


def killed(cli: Cli, where: str, *argv: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "tests.reliability.kill_at_archive", where,
                           *argv], cwd=ROOT, env={**cli.env, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == -9, (proc.returncode, proc.stdout, proc.stderr)


def state(ctx: AppContext, code: str) -> tuple[str, str | None, str | None]:
    with ctx.uow(ADMIN, readonly=True) as uow:
        status = uow.session.execute(select(Person.status).where(Person.staff_code == code)
                                     ).scalar_one()
        row = uow.session.execute(select(Receipt.file, Receipt.file_sha256).join(
            Person, Receipt.person_id == Person.id).where(Person.staff_code == code)).first()
    return status, *(row if row else (None, None))


def test_killed_between_commit_and_rename_is_reported_and_repaired(app_ctx: AppContext,
                                                                   tmp_path: Path) -> None:
    lend(app_ctx, "AB1", "LT-0001")
    cli = Cli(app_ctx.db.url, tmp_path)
    data_dir = app_ctx.paths.data_dir
    assert Path(cli.env["LOAN_KIOSK_DATA_DIR"]) == data_dir
    killed(cli, "after-commit", "leaver", "return", "AB1", "--confirm-not-leaving")
    status, file, sha = state(app_ctx, "AB1")
    assert status == "left" and file is not None and sha is not None  # committed
    target = data_dir / file
    assert not target.exists() and sha256_file(pending_path(target)) == sha

    # reported: what is wrong, and the command that puts it right
    with app_ctx.uow(ADMIN, readonly=True) as uow:
        (problem,) = check_receipts(uow.session, data_dir).problems
    assert "was left pending" in problem and "loan-kiosk receipt repair" in problem

    # put right by 'receipt repair' (this process opened before: nothing recovered it yet)
    report = repair_archive(app_ctx, ADMIN)
    assert report.recovery.finished == [target.stem] and not report.failed
    assert sha256_file(target) == sha and not pending_path(target).exists()
    out = cli.ok("audit", "verify")
    assert out.startswith("audit log intact") and "receipts archive intact" in out
    assert "every receipt's PDF is where it belongs" in cli.ok("receipt", "repair")


def test_the_next_start_finishes_a_pending_receipt(app_ctx: AppContext, tmp_path: Path) -> None:
    lend(app_ctx, "AB1", "LT-0001")
    cli = Cli(app_ctx.db.url, tmp_path)
    data_dir = Path(cli.env["LOAN_KIOSK_DATA_DIR"])
    killed(cli, "after-commit", "leaver", "return", "AB1", "--confirm-not-leaving")
    _, file, sha = state(app_ctx, "AB1")
    assert file is not None and not (data_dir / file).exists()
    out = cli.ok("audit", "verify")  # any start: the pending PDF is put in place first
    assert "receipts archive intact (1 archived files match" in out, out
    assert sha256_file(data_dir / file) == sha


def test_killed_before_the_commit_leaves_nothing_but_a_file_that_goes(
        app_ctx: AppContext, tmp_path: Path) -> None:
    lend(app_ctx, "AB1", "LT-0001")
    cli = Cli(app_ctx.db.url, tmp_path)
    data_dir = Path(cli.env["LOAN_KIOSK_DATA_DIR"])
    killed(cli, "before-commit", "leaver", "return", "AB1", "--confirm-not-leaving")
    assert state(app_ctx, "AB1") == ("active", None, None)  # nothing was recorded
    (orphan,) = data_dir.glob("documents/*/.*.pdf.pending")
    with app_ctx.uow(ADMIN, readonly=True) as uow:
        # young: perhaps another desk's transaction still running, so it is left alone
        assert recover(uow.session, data_dir).removed == [] and orphan.exists()
        later = recover(uow.session, data_dir, now=time.time() + 3600)
    assert later.removed == [f"documents/{orphan.parent.name}/{final_path(orphan).name}"]
    assert not orphan.exists()
    out = cli.ok("leaver", "return", "AB1", "--confirm-not-leaving")  # and it can be done
    status, file, sha = state(app_ctx, "AB1")
    assert status == "left" and sha256_file(data_dir / file) == sha, out
