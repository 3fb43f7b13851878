"""Hostile names and notes (SQL metacharacters, control characters, right-to-left marks,
10,000-character strings, emoji, spreadsheet formulas) are stored faithfully or refused
with a clear reason, and never break a receipt PDF or a CSV export (where formulas are
neutralised); file names built from user data stay in their folder."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import select

from app import audit
from app.bootstrap import AppContext
from app.errors import InvalidInput, LoanKioskError
from app.imports.staff import import_staff
from app.services import documents
from app.services.leavers import leaver_return
from app.services.loans import check_in, check_out
from app.services.privacy import safe_component
from app.services.reports import FORMULA_START
from app.uow import Actor
from db.models import Loan, Person
from tests.e2e.test_cli import BIN, Cli
from tests.factories import add_asset

ADMIN = Actor("admin-tech", "admin")

NASTY = [
    "Robert'); DROP TABLE people;--",
    "O'Brien \"Bobby\" ; -- /* */ %_ \\",
    "bell\x07 escape\x1b[31m red",
    "\u202eevil\u202c.pdf",
    "\u200fمحمد عبد الله",
    "שָׁלוֹם",
    "👩🏽‍💻🚀 Zoë",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "+44 7700 900123",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTabbed",
    "line one\r\nline two",
    "Ǆemal ﬁnn Ⅻ",
]
LONG = "x" * 10_000


def _csv_line(*cells: str) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(cells)
    return buf.getvalue()


#: what the staff import refuses, with its reason (a clear rule, not a crash)
REFUSED = {2: "contains a control character (U+0007)", 12: "must be on one line",
           len(NASTY): "is too long (10000 characters, at most 200)"}
STORED = [i for i in range(len(NASTY)) if i not in REFUSED]


@pytest.fixture
def hostile(app_ctx: AppContext) -> AppContext:
    rows = "".join(_csv_line(f"H{i}", name, name[::-1] or "x") for i, name in enumerate(NASTY))
    rows += _csv_line("HLONG", LONG, "Long")
    with app_ctx.uow(ADMIN) as uow:
        report = import_staff(uow, ("Staff Code,Forename,Surname\n" + rows).encode("utf-8"))
    assert report.created == len(STORED)
    assert {r.key: r.reason for r in report.rejected} == {
        f"H{i}" if i < len(NASTY) else "HLONG": f"Forename {why}" for i, why in REFUSED.items()}
    for i in range(len(NASTY)):
        add_asset(app_ctx, f"HX-{i}", encrypted=True)
    return app_ctx


def test_names_and_notes_are_stored_faithfully(hostile: AppContext) -> None:
    for i in STORED:
        with hostile.uow(ADMIN) as uow:
            check_out(uow, f"HX-{i}", f"H{i}", purpose=NASTY[i])
        with hostile.uow(ADMIN) as uow:
            check_in(uow, f"HX-{i}", note=NASTY[i] + LONG)  # notes are unlimited text
    with hostile.uow(ADMIN, readonly=True) as uow:
        people = {p.staff_code: p for p in uow.session.execute(select(Person)).scalars()}
        for i in STORED:
            assert people[f"H{i}"].first_name == NASTY[i].strip()
        loans = uow.session.execute(select(Loan).order_by(Loan.id)).scalars().all()
        assert [(ln.purpose, ln.note_in) for ln in loans] == [(NASTY[i], NASTY[i] + LONG) for i in STORED]
        assert audit.verify(uow.session).ok


def _leaver_receipt_verifies(ctx: AppContext, i: int, note: str) -> None:
    with ctx.uow(ADMIN) as uow:
        check_out(uow, f"HX-{i}", f"H{i}")
    with ctx.uow(ADMIN) as uow:
        number = leaver_return(uow, f"H{i}", confirm_not_leaving=True, returned_tags=[],
                               notes={f"HX-{i}": note}).number
    pdf = documents.archive_receipt(ctx, ADMIN, number)
    assert pdf.parent.parent == ctx.paths.documents_dir
    assert len(pypdf.PdfReader(pdf).pages) >= 1
    outcome = documents.verify_receipt_pdf(ctx, pdf)
    assert outcome.status == "match", (note[:80], outcome.message, outcome.differences)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # rendering is the same on both
@pytest.mark.parametrize("i", STORED)
def test_receipts_with_hostile_names_and_notes_render_and_verify(hostile: AppContext, i: int) -> None:
    _leaver_receipt_verifies(hostile, i, NASTY[i] * 20)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_receipt_with_a_10000_character_note_renders(hostile: AppContext) -> None:
    _leaver_receipt_verifies(hostile, STORED[0], LONG)


def test_csv_export_is_safe_in_a_spreadsheet(hostile: AppContext, tmp_path: Path) -> None:
    for i in STORED:
        with hostile.uow(ADMIN) as uow:
            check_out(uow, f"HX-{i}", f"H{i}", purpose=NASTY[i])
        with hostile.uow(ADMIN) as uow:
            check_in(uow, f"HX-{i}", note=NASTY[i])
    cli = Cli(hostile.db.url, tmp_path)
    cli.env["LOAN_KIOSK_DATA_DIR"] = str(hostile.paths.data_dir)
    outs = {i: tmp_path / f"history-{i}.csv" for i in STORED}
    # read-only reports: all at once, through the real entry point
    procs = {i: subprocess.Popen([*_entry(), "report", "history", f"HX-{i}", "--format", "csv", "--out",
                                  str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 env=cli.env) for i, out in outs.items()}
    for i, proc in procs.items():
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        text = NASTY[i]
        rows = list(csv.DictReader(io.StringIO(outs[i].read_text(encoding="utf-8-sig"), newline="")))
        assert len(rows) == 1
        for cell in rows[0].values():
            assert not cell.startswith(FORMULA_START), cell  # never a formula
        note = rows[0]["note"]
        assert note in (text, "'" + text)  # the text itself, or neutralised with a quote
        assert note.startswith("'") == text.startswith(FORMULA_START)
        borrower = rows[0]["borrower"]
        assert not borrower.startswith(FORMULA_START)


def _entry() -> list[str]:
    return [str(BIN)] if BIN.exists() else [sys.executable, "-m", "app"]


def test_file_names_from_user_data_stay_in_their_folder(tmp_path: Path) -> None:
    for hostile_name in ("../../etc/passwd", "..", ".", "/abs/path", "C:\\Windows\\x", "\x00",
                         "\u202eevil", "con", "a" * 500, "", "..\\..\\x"):
        name = safe_component(hostile_name)
        assert name and "/" not in name and "\\" not in name and name not in (".", "..")
        assert len(name) <= 64
        assert (tmp_path / name).resolve().parent == tmp_path.resolve()


def test_hostile_cli_arguments_are_refused_cleanly_or_stored(app_ctx: AppContext, tmp_path: Path) -> None:
    cli = Cli(app_ctx.db.url, tmp_path)
    add_asset(app_ctx, "LT-0001")
    with app_ctx.uow(ADMIN) as uow:
        import_staff(uow, b"Staff Code,Forename,Surname\nAB1,Sian,Smith\n")
    procs = [subprocess.Popen([*_entry(), "checkout", bad, "AB1"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=cli.env)
             for bad in ("Robert'); DROP TABLE people;--", "\u202eAB1", "AB1\x1b[2J", "x" * 10_000)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 2 and err.startswith("error: no asset with tag"), err
        assert "Traceback" not in err and len(err.splitlines()) == 1
    proc = cli.run("checkout", "LT-0001", "AB1", "--purpose", "🚀'; DROP TABLE loans;--")
    assert proc.returncode == 0, proc.stderr
    proc = cli.run("checkin", "LT-0001", "--note", "x" * 10_000)
    assert proc.returncode == 0, proc.stderr
    with app_ctx.uow(ADMIN, readonly=True) as uow:
        loan = uow.session.execute(select(Loan)).scalar_one()
        assert loan.purpose == "🚀'; DROP TABLE loans;--" and loan.note_in == "x" * 10_000


def test_an_overlong_purpose_is_refused_not_crashed(app_ctx: AppContext) -> None:
    add_asset(app_ctx, "LT-0001")
    with app_ctx.uow(ADMIN) as uow:
        import_staff(uow, b"Staff Code,Forename,Surname\nAB1,Sian,Smith\n")
    try:
        with app_ctx.uow(ADMIN) as uow:
            check_out(uow, "LT-0001", "AB1", purpose=LONG)
    except LoanKioskError as exc:
        assert isinstance(exc, InvalidInput), exc
        return
    with app_ctx.uow(ADMIN, readonly=True) as uow:  # stored: then faithfully
        assert uow.session.execute(select(Loan.purpose)).scalar_one() == LONG

