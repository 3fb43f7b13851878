"""Every report exported as CSV (injection-safe, as the command line's) and as a PDF,
through the service the desk runs on its worker (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from app.bootstrap import AppContext
from app.errors import InvalidInput, NotFound
from app.services.loans import check_in, check_out
from app.services.report_export import REPORT_CHOICES, default_file_name, export_report
from tests.factories import add_person, school
from tests.integration.lifecycle import TECH
from tests.unit.printing.pdfs import page_count, page_texts


@pytest.fixture
def ctx(app_ctx: AppContext) -> AppContext:
    school(app_ctx)
    add_person(app_ctx, "EV1", "=HYPERLINK(\"http://evil\")", "+Cmd", email="e@example.org")
    with app_ctx.uow(TECH) as uow:
        check_out(uow, ["LT-0001", "PH-0001"], "AB1", due=dt.date(2026, 12, 1))
    with app_ctx.uow(TECH) as uow:
        check_out(uow, "LT-0002", "EV1")
    with app_ctx.uow(TECH) as uow:
        check_out(uow, "TB-0001", "LV3")
    app_ctx.db.clock.advance(days=10)  # type: ignore[attr-defined]
    with app_ctx.uow(TECH) as uow:
        check_in(uow, "PH-0001", condition="incomplete", note="no case")
    return app_ctx


def export(ctx: AppContext, name: str, fmt: str, tmp_path: Path, arg: str | None = None) -> Path:
    path = tmp_path / default_file_name(name, arg, fmt, dt.date(2026, 12, 4))
    with ctx.uow(TECH, readonly=True) as uow:
        done = export_report(uow, name, arg, fmt, path)
    assert done.path == path and path.exists()
    return path


def test_csv_is_the_command_lines_and_safe_in_a_spreadsheet(ctx: AppContext,
                                                             tmp_path: Path) -> None:
    path = export(ctx, "on-loan", "csv", tmp_path)
    assert path.name == "on-loan-2026-12-04.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["tag", "kind", "staff_code", "borrower", "out", "due", "overdue"]
    by_tag = {r[0]: r for r in rows[1:]}
    assert set(by_tag) == {"LT-0001", "LT-0002", "TB-0001"}
    assert by_tag["LT-0001"][3] == "Siân Ó Briain" and by_tag["LT-0001"][6] == "yes"
    # a name that is a formula is text in a spreadsheet: the cell starts with '
    assert by_tag["LT-0002"][3] == "'=HYPERLINK(\"http://evil\") +Cmd"
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(("name", "arg"), [(n, "AB1" if n == "history" else None)
                                           for n, _w in REPORT_CHOICES])
def test_every_report_as_a_pdf(ctx: AppContext, tmp_path: Path, name: str,
                               arg: str | None) -> None:
    pdf = export(ctx, name, "pdf", tmp_path, arg).read_bytes()
    assert pdf.startswith(b"%PDF") and page_count(pdf) >= 1
    text = " ".join(page_texts(pdf))
    assert "Example Academy" in text and "Made" in text
    expected = {
        "on-loan": ["On loan now", "3 rows", "LT-0001", "Siân Ó Briain", "1 Dec 2026"],
        "overdue": ["Overdue", "1 row", "LT-0001"],
        "leavers": ["Leavers holding equipment", "Zoë Ødegård", "TB-0001", "18 Dec 2026"],
        "unencrypted": ["Not verified as encrypted", "LT-0002", "not encrypted", "unknown"],
        "history": ["History of AB1", "2 rows", "PH-0001", "no case", "incomplete", "tom-tech"],
    }[name]
    for words in expected:
        assert words in text, (words, text)


def test_a_long_history_runs_onto_more_pages_with_its_heading(ctx: AppContext,
                                                              tmp_path: Path) -> None:
    for _ in range(45):
        with ctx.uow(TECH) as uow:
            check_out(uow, "LT-0003", "CD2")
        with ctx.uow(TECH) as uow:
            check_in(uow, "LT-0003", note="back")
    pdf = export(ctx, "history", "pdf", tmp_path, "LT-0003").read_bytes()
    texts = page_texts(pdf)
    assert len(texts) >= 2
    assert all("Borrower" in t and "Lent by" in t for t in texts)  # heading on every page
    assert texts[-1].count("Page") == 1 and f"Page {len(texts)} of {len(texts)}" in texts[-1]


def test_bad_requests_say_why(ctx: AppContext, tmp_path: Path) -> None:
    with ctx.uow(TECH, readonly=True) as uow, pytest.raises(NotFound, match="neither"):
        export_report(uow, "history", "XX-9999", "pdf", tmp_path / "x.pdf")
    with ctx.uow(TECH, readonly=True) as uow, pytest.raises(InvalidInput, match="csv or pdf"):
        export_report(uow, "on-loan", None, "xlsx", tmp_path / "x.xlsx")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where a folder should be")
    with ctx.uow(TECH, readonly=True) as uow, pytest.raises(InvalidInput, match="Cannot save the report as"):
        export_report(uow, "on-loan", None, "csv", blocked / "on-loan.csv")
    assert not list(tmp_path.glob("*.pdf"))
