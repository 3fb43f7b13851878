"""Kill -9 a desk at random moments, restart, and check that nothing is half-done.

A forked child (a real process, the test's modules already imported, so a kill
point costs a fraction of a second) runs imports, check-outs, check-ins,
leaver returns and receipt rendering in a loop on one SQLite file and is sent
SIGKILL after a random delay. After every kill the database is opened again,
as the app does at start-up, and:

* ``PRAGMA integrity_check`` says ok and the audit chain verifies;
* every operation the child reported committed is there, and the one it was in
  the middle of is wholly there or wholly absent (imports, multi-asset
  check-outs, leaver returns with their receipt);
* every asset's status agrees with its loans;
* every PDF in the documents folder is a whole PDF, every recorded one matches
  its SHA-256, and an interrupted leaver return (or its receipt) is finished
  from where it stood.

``LOAN_KIOSK_CRASH_KILLS`` sets the number of kill points (default 200).
"""

from __future__ import annotations

import collections
import hashlib
import io
import json
import os
import random
import signal
import time
import traceback
from pathlib import Path
from typing import Any

import pypdf
import pytest
from sqlalchemy import func, select

from app import audit
from app.bootstrap import AppContext, bootstrap
from app.config import Settings
from app.imports.assets import import_assets
from app.imports.staff import import_staff
from app.services import documents
from app.services.leavers import leaver_return
from db.models import Asset, Loan, Person, Receipt
from tests.reliability import crash_ops
from tests.reliability.crash_ops import ACTOR, SIG

pytestmark = pytest.mark.slow

KILLS = int(os.environ.get("LOAN_KIOSK_CRASH_KILLS", "200"))
MAX_DELAY = 0.35


def _open(url: str, data_dir: Path) -> AppContext:
    return bootstrap(url, data_dir=data_dir, settings=Settings())


def _child(url: str, data_dir: Path, seed: int, fd: int) -> None:
    """In the forked child: run the loop, reporting through ``fd``; never return."""
    status = 0
    try:
        def emit(**data: Any) -> None:
            os.write(fd, (json.dumps(data) + "\n").encode())

        ctx = _open(url, data_dir)
        crash_ops.crash_loop(ctx, seed, emit)
    except BaseException:
        os.write(fd, (json.dumps({"error": traceback.format_exc()}) + "\n").encode())
        status = 1
    finally:
        os._exit(status)


def _run_and_kill(url: str, data_dir: Path, seed: int, delay: float) -> list[dict[str, Any]]:
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        os.close(r)
        _child(url, data_dir, seed, w)
    os.close(w)
    reader = os.fdopen(r, "rb")
    first = reader.readline()
    assert json.loads(first or b"{}").get("state") == "ready", first
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    lines = [json.loads(x) for x in reader.read().splitlines() if x.strip()]
    reader.close()
    errors = [x["error"] for x in lines if "error" in x]
    assert not errors, errors[0]
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
    return lines


class Checker:
    def __init__(self, url: str, data_dir: Path) -> None:
        self.url = url
        self.data_dir = data_dir
        self.checked_pdfs: set[tuple[str, int]] = set()
        self.finished_leavers = 0
        self.finished_renders = 0
        self.orphan_pdfs = 0

    def after_restart(self, lines: list[dict[str, Any]], *, last: bool = False) -> None:
        ctx = _open(self.url, self.data_dir)
        try:
            self._database(ctx)
            self._operations(ctx, lines)
            self._finish(ctx, lines, renders=last)
            self._documents(ctx, all_archived=last)
        finally:
            ctx.close()

    def _database(self, ctx: AppContext) -> None:
        with ctx.uow(ACTOR, readonly=True) as uow:
            conn = uow.session.connection()
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            result = audit.verify(uow.session)
            assert result.ok, result.problem
            s = uow.session
            open_by_asset = collections.Counter(
                s.execute(select(Loan.asset_id).where(Loan.outcome.is_(None))).scalars())
            for asset in s.execute(select(Asset)).scalars():
                expected = 1 if asset.status == "on_loan" else 0
                assert open_by_asset.get(asset.id, 0) == expected, (asset.tag, asset.status)
            # imports are all or nothing
            codes = collections.Counter(c.split("-")[0] for c in s.execute(
                select(Person.staff_code).where(Person.staff_code.like("S%"))).scalars())
            assert set(codes.values()) <= {crash_ops.STAFF_BATCH}, codes
            tags = collections.Counter(t.split("-")[0] for t in s.execute(
                select(Asset.tag).where(Asset.tag.like("S%"))).scalars())
            assert set(tags.values()) <= {crash_ops.ASSET_BATCH}, tags
            # a leaver is left exactly when their receipt exists and nothing is open
            for person in s.execute(select(Person).where(Person.status == "left")).scalars():
                receipts = s.scalar(select(func.count()).select_from(Receipt).where(
                    Receipt.person_id == person.id, Receipt.kind == "leaver_return"))
                assert receipts == 1, person.staff_code
                still_open = s.scalar(select(func.count()).select_from(Loan).where(
                    Loan.person_id == person.id, Loan.outcome.is_(None)))
                assert still_open == 0

    def _operations(self, ctx: AppContext, lines: list[dict[str, Any]]) -> None:
        with ctx.uow(ACTOR, readonly=True) as uow:
            s = uow.session
            for line in lines:
                if line.get("done") == "checkout":
                    for loan_id in line["loan_ids"]:
                        loan = s.get(Loan, loan_id)
                        assert loan is not None and loan.purpose == line["token"]
                elif line.get("done") == "checkin":
                    loan = s.get(Loan, line["loan_id"])
                    assert loan is not None and loan.outcome == "returned"
                elif line.get("done") == "leaver":
                    r = s.execute(select(Receipt).where(Receipt.number == line["number"])).scalar_one()
                    assert r.person is not None and r.person.status == "left"
                elif line.get("done") == "import":
                    staff = line["kind"] == "staff"
                    col = Person.staff_code if staff else Asset.tag
                    n = s.scalar(select(func.count()).where(col.like(f"{line['batch']}-%")))
                    assert n == (crash_ops.STAFF_BATCH if staff else crash_ops.ASSET_BATCH)
                elif line.get("done") == "render":
                    r = s.execute(select(Receipt).where(Receipt.number == line["number"])).scalar_one()
                    assert r.file is not None
            begun = _interrupted(lines)
            if begun and begun["begin"] == "checkout":
                n = s.scalar(select(func.count()).select_from(Loan).where(Loan.purpose == begun["token"]))
                assert n in (0, len(begun["tags"])), (n, begun)

    def _finish(self, ctx: AppContext, lines: list[dict[str, Any]], *, renders: bool) -> None:
        """Finish what the kill interrupted, from where it stood.

        An interrupted leaver return is finished here; receipts left unrendered
        are archived by a later desk (at its start-up or in its loop) and here
        after the last kill.
        """
        begun = _interrupted(lines)
        if begun and begun["begin"] == "leaver":
            with ctx.uow(ACTOR, readonly=True) as uow:
                person = uow.session.execute(
                    select(Person).where(Person.staff_code == begun["staff_code"])).scalar_one()
                done = person.status == "left"
            if not done:
                with ctx.uow(ACTOR) as uow:
                    leaver_return(uow, begun["staff_code"], confirm_not_leaving=True, signature=SIG)
                self.finished_leavers += 1
        if not renders:
            return
        with ctx.uow(ACTOR, readonly=True) as uow:
            pending = list(uow.session.execute(
                select(Receipt.number).where(Receipt.file.is_(None))).scalars())
        for number in pending:
            documents.archive_receipt(ctx, ACTOR, number)
            self.finished_renders += 1

    def _documents(self, ctx: AppContext, *, all_archived: bool) -> None:
        recorded: dict[str, str] = {}
        with ctx.uow(ACTOR, readonly=True) as uow:
            for r in uow.session.execute(select(Receipt)).scalars():
                if all_archived:
                    assert r.file is not None and r.file_sha256 is not None, r.number
                if r.file is not None:
                    assert r.file_sha256 is not None, r.number
                    recorded[r.file] = r.file_sha256
        for rel, sha in recorded.items():
            assert hashlib.sha256((self.data_dir / rel).read_bytes()).hexdigest() == sha, rel
        for pdf in ctx.paths.documents_dir.rglob("*.pdf"):
            key = (str(pdf), pdf.stat().st_size)
            if key in self.checked_pdfs:
                continue
            data = pdf.read_bytes()
            assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), pdf
            assert len(pypdf.PdfReader(io.BytesIO(data)).pages) >= 1
            self.checked_pdfs.add(key)
            if pdf.relative_to(self.data_dir).as_posix() not in recorded:
                self.orphan_pdfs += 1


def _interrupted(lines: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The operation the child had begun but not finished when it was killed."""
    last = None
    for line in lines:
        if "begin" in line:
            last = line
        elif "done" in line:
            last = None
    return last


def test_kill_minus_nine_at_random_points(tmp_path: Path, record_property: Any) -> None:
    data_dir = tmp_path / "data"
    url = f"sqlite:///{data_dir / 'loan-kiosk.sqlite3'}"
    ctx = _open(url, data_dir)
    with ctx.uow(ACTOR) as uow:
        import_staff(uow, crash_ops.staff_csv("SSEED1"), source_name="seed.csv")
    for batch in ("SSEED2", "SSEED3"):
        with ctx.uow(ACTOR) as uow:
            import_assets(uow, crash_ops.assets_csv(batch), source_name="seed.csv")
    ctx.close()

    rng = random.Random(20261124)
    checker = Checker(url, data_dir)
    landed: collections.Counter[str] = collections.Counter()
    ops = 0
    started = time.monotonic()
    checking = 0.0
    for kill in range(KILLS):
        lines = _run_and_kill(url, data_dir, seed=kill, delay=rng.uniform(0.0, MAX_DELAY))
        begun = _interrupted(lines)
        landed[begun["begin"] if begun else "between"] += 1
        ops += sum(1 for x in lines if "done" in x)
        t0 = time.monotonic()
        checker.after_restart(lines, last=kill == KILLS - 1)
        checking += time.monotonic() - t0
    elapsed = time.monotonic() - started
    summary = {"kills": KILLS, "operations_committed": ops, "seconds": round(elapsed, 1),
               "checking_seconds": round(checking, 1),
               "killed_during": dict(landed), "finished_leavers": checker.finished_leavers,
               "finished_renders": checker.finished_renders, "orphan_pdfs": checker.orphan_pdfs,
               # temporary files of writes a kill interrupted (never under a document's name)
               "leftover_temp_files": len(list((data_dir / "documents").rglob(".*.tmp")))}
    record_property("crash_loop", summary)
    print("crash loop:", json.dumps(summary))
    assert ops > 0
