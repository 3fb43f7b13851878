"""``import staff`` against a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from app import audit, keys
from app.bootstrap import AppContext
from app.errors import InvalidInput, PermissionDenied
from app.imports import ImportReport, RejectedRow, import_staff
from app.uow import Actor
from db.models import AuditEvent, Person
from tests.factories import add_person

DATA = Path(__file__).parents[1] / "data"
HEADER = "Staff Code,Forename,Surname,Email,Department,Badge,Leaving Date\n"


def run(ctx: AppContext, actor: Actor, data: bytes | str, **kwargs: Any) -> ImportReport:
    if isinstance(data, str):
        data = data.encode("utf-8")
    with ctx.uow(actor) as uow:
        return import_staff(uow, data, **kwargs)


def people(ctx: AppContext) -> dict[str, Person]:
    with ctx.uow(Actor("t"), readonly=True) as uow:
        found = {p.staff_code: p for p in uow.session.scalars(select(Person))}
        uow.session.expunge_all()  # keep the loaded values readable after the session ends
        return found


def import_events(ctx: AppContext) -> list[dict[str, Any]]:
    with ctx.uow(Actor("t"), readonly=True) as uow:
        events = uow.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "import_staff").order_by(AuditEvent.seq)
        ).all()
        return [
            {k: v for k, v in json.loads(e.details).items() if k != "_rows"} | {"actor": e.actor}
            for e in events
        ]


def verify(ctx: AppContext) -> audit.VerifyResult:
    with ctx.uow(Actor("t"), readonly=True) as uow:
        return audit.verify(uow.session)


# -- sample files -------------------------------------------------------------

def test_windows_1252_export_from_excel(app_ctx: AppContext, admin: Actor) -> None:
    report = run(app_ctx, admin, (DATA / "staff_cp1252.csv").read_bytes(),
                 source_name="staff_cp1252.csv")
    assert report.format_lines() == ["created 5, updated 0, unchanged 0, rejected 0"]
    staff = people(app_ctx)
    sian = staff["AB1"]
    assert (sian.first_name, sian.last_name) == ("Siân", "Ó Briain")
    assert sian.search_name == keys.search_name("Siân", "Ó Briain") == "sian o briain"
    assert (sian.badge_code, sian.badge_key) == ("CARD-001", "card-001")
    assert sian.staff_key == "ab1"
    assert sian.status == "active"
    assert staff["GH4"].department == "Design, Technology"
    assert staff["GH4"].last_name == "D'Arcy"
    assert (staff["EF3"].leaving_date, staff["EF3"].status) == (dt.date(2027, 8, 31), "leaving")
    assert (staff["JK5"].leaving_date, staff["JK5"].status) == (dt.date(2027, 7, 23), "leaving")
    assert staff["EF3"].badge_code is None
    assert verify(app_ctx).ok


def test_utf8_bom_semicolons_other_header_names(app_ctx: AppContext, admin: Actor) -> None:
    report = run(app_ctx, admin, (DATA / "staff_semicolon_bom.csv").read_bytes())
    # NP7's surname spans lines 3-4, so QR8 is on line 5
    assert report.rejected == [RejectedRow(3, "Surname must be on one line", "NP7")]
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    staff = people(app_ctx)
    assert (staff["LM6"].first_name, staff["LM6"].last_name) == ("Łukasz", "Żółć")
    assert staff["LM6"].email == "lukasz.zolc@school.example"
    assert staff["LM6"].department == "Maths"
    assert (staff["QR8"].first_name, staff["QR8"].last_name) == ("محمد", "علي")
    assert (staff["QR8"].status, staff["QR8"].leaving_date) == ("leaving", dt.date(2027, 12, 31))
    assert "NP7" not in staff


# -- idempotence and updates --------------------------------------------------

def test_reimport_reports_everything_unchanged_and_writes_nothing(app_ctx: AppContext,
                                                                   admin: Actor) -> None:
    data = (DATA / "staff_cp1252.csv").read_bytes()
    run(app_ctx, admin, data)
    before = people(app_ctx)
    report = run(app_ctx, admin, data)
    assert report.format_lines() == ["created 0, updated 0, unchanged 5, rejected 0"]
    assert len(import_events(app_ctx)) == 1  # nothing changed: no second audit event
    after = people(app_ctx)
    assert {c: p.id for c, p in after.items()} == {c: p.id for c, p in before.items()}


def test_changed_rows_are_updated_and_audited(app_ctx: AppContext, admin: Actor) -> None:
    run(app_ctx, admin, HEADER + "AB1,Ann,Smith,ann@x.example,Maths,B1,\n"
                                 "CD2,Bob,Jones,bob@x.example,Art,B2,\n")
    report = run(app_ctx, admin, HEADER + "AB1,Ann,Smith-Jones,ann@x.example,Maths,B1,\n"
                                          "CD2,Bob,Jones,bob@x.example,Art,B2,\n"
                                          "EF3,Cy,Twm,,,,\n", source_name="nightly.csv")
    assert report.summary() == "created 1, updated 1, unchanged 1, rejected 0"
    ann = people(app_ctx)["AB1"]
    assert ann.last_name == "Smith-Jones"
    assert ann.search_name == "ann smith-jones"
    events = import_events(app_ctx)
    assert events[-1] == {"file": "nightly.csv", "created": 1, "updated": 1, "unchanged": 1,
                          "rejected": 0, "actor": "admin-tech"}
    assert verify(app_ctx).ok


def test_staff_code_matches_whatever_its_case_and_spacing(app_ctx: AppContext,
                                                          admin: Actor) -> None:
    add_person(app_ctx, "AB1", "Ann", "Smith")
    report = run(app_ctx, admin, "Staff Code,Forename,Surname\n  ab1 ,Ann,Smith\n")
    assert report.summary() == "created 0, updated 1, unchanged 0, rejected 0"
    staff = people(app_ctx)
    assert list(staff) == ["ab1"]  # the same person, code now written as the MIS writes it


# -- rejected rows --------------------------------------------------------------

def test_a_bad_row_rejects_only_that_row_with_its_physical_line(app_ctx: AppContext,
                                                                admin: Actor) -> None:
    data = (
        HEADER
        + 'AB1,Ann,Smith,ann@x.example,"Science\n(Physics)",,\n'  # lines 2-3, rejected
        + "CD2,Bob,Jones,bob@x.example,Maths,,\n"  # line 4
        + "EF3,Cy,Twm,,Art,,31/02/2027\n"  # line 5: no such date
        + "GH4,Di,Evans,not-an-email,Art,,\n"  # line 6
        + ",Ed,Owen,,,,\n"  # line 7
        + "JK5,,Owen,,,,\n"  # line 8
        + "LM6,Flo,Price,flo@x.example\n"  # line 9: short row
        + "NP7,Gus,Reed,gus@x.example,Art,,\n"  # line 10
    )
    report = run(app_ctx, admin, data)
    assert report.format_lines() == [
        "created 2, updated 0, unchanged 0, rejected 6",
        "line 2: Department must be on one line",
        "line 5: Leaving Date '31/02/2027' is not a real date",
        "line 6: Email 'not-an-email' does not look like an email address",
        "line 7: Staff Code is blank",
        "line 8: Forename is blank",
        "line 9: has 4 cells but the header has 7 columns",
    ]
    assert [r.key for r in report.rejected] == ["AB1", "EF3", "GH4", None, "JK5", "LM6"]
    assert sorted(people(app_ctx)) == ["CD2", "NP7"]


def test_duplicate_staff_code_in_one_file(app_ctx: AppContext, admin: Actor) -> None:
    report = run(app_ctx, admin, HEADER + "AB1,Ann,Smith,,,,\nCD2,Bob,Jones,,,,\n"
                                          "ab1 ,Annie,Smyth,,,,\n")
    assert report.rejected == [
        RejectedRow(4, "duplicate staff code 'ab1', first seen on line 2", "ab1")
    ]
    assert people(app_ctx)["AB1"].first_name == "Ann"


def test_badge_already_used_by_someone_else(app_ctx: AppContext, admin: Actor) -> None:
    add_person(app_ctx, "ZZ9", "Zed", "Zulu", badge="CARD-7")
    report = run(app_ctx, admin, HEADER + "AB1,Ann,Smith,,,card-7,\n"
                                          "CD2,Bob,Jones,,,CARD-8,\n"
                                          "EF3,Cy,Twm,,,Card-8,\n")
    assert report.format_lines() == [
        "created 1, updated 0, unchanged 0, rejected 2",
        "line 2: badge 'card-7' is already used by 'Zed Zulu' (staff code 'ZZ9')",
        "line 4: badge 'Card-8' is already used by 'Bob Jones' (staff code 'CD2')",
    ]
    assert people(app_ctx)["ZZ9"].badge_code == "CARD-7"


def test_badge_passed_from_one_person_to_another_in_one_file(app_ctx: AppContext,
                                                             admin: Actor) -> None:
    # Bob is older (lower id) than Ann, so a single flush would give him the
    # badge before taking it from Ann: the importer must release it first.
    add_person(app_ctx, "CD2", "Bob", "Jones", badge="CARD-2")
    add_person(app_ctx, "AB1", "Ann", "Smith", badge="CARD-1")
    report = run(app_ctx, admin, "Staff Code,Forename,Surname,Badge\n"
                                 "AB1,Ann,Smith,CARD-9\n"
                                 "CD2,Bob,Jones,CARD-1\n"
                                 "EF3,Cy,Twm,CARD-2\n")
    assert report.summary() == "created 1, updated 2, unchanged 0, rejected 0"
    staff = people(app_ctx)
    assert {c: p.badge_code for c, p in staff.items()} == {
        "AB1": "CARD-9", "CD2": "CARD-1", "EF3": "CARD-2"}
    assert verify(app_ctx).ok


# -- optional columns -------------------------------------------------------------

def test_columns_missing_from_the_file_leave_values_alone(app_ctx: AppContext,
                                                          admin: Actor) -> None:
    add_person(app_ctx, "AB1", "Ann", "Smith", badge="CARD-1", email="ann@x.example",
               department="Science", leaving_date=dt.date(2027, 7, 31), status="leaving")
    report = run(app_ctx, admin, "Staff Code,Forename,Surname\nAB1,Ann,Smith\n")
    assert report.summary() == "created 0, updated 0, unchanged 1, rejected 0"
    ann = people(app_ctx)["AB1"]
    assert (ann.badge_code, ann.email, ann.department, ann.leaving_date, ann.status) == (
        "CARD-1", "ann@x.example", "Science", dt.date(2027, 7, 31), "leaving")


def test_blank_cells_clear_optional_values(app_ctx: AppContext, admin: Actor) -> None:
    add_person(app_ctx, "AB1", "Ann", "Smith", badge="CARD-1", email="ann@x.example",
               department="Science")
    report = run(app_ctx, admin, HEADER + "AB1,Ann,Smith,,,,\n")
    assert report.summary() == "created 0, updated 1, unchanged 0, rejected 0"
    ann = people(app_ctx)["AB1"]
    assert (ann.badge_code, ann.badge_key, ann.email, ann.department) == (None, None, None, None)


# -- leavers ----------------------------------------------------------------------

def test_leaving_dates_set_status(app_ctx: AppContext, admin: Actor, clock: Any) -> None:
    today = clock().date()
    add_person(app_ctx, "FUT", "Fut", "Ure")
    add_person(app_ctx, "TOD", "To", "Day")
    add_person(app_ctx, "PST", "Pa", "St")
    add_person(app_ctx, "LFT", "Le", "Ft", status="left", leaving_date=dt.date(2026, 7, 20))
    add_person(app_ctx, "WDN", "With", "Drawn", status="leaving", leaving_date=dt.date(2027, 1, 1))
    add_person(app_ctx, "MAN", "Man", "Ual", status="leaving")  # marked by hand, no date
    data = (
        "Staff Code,Forename,Surname,Leaving Date\n"
        f"FUT,Fut,Ure,{today + dt.timedelta(days=30):%d/%m/%Y}\n"
        f"TOD,To,Day,{today.isoformat()}\n"
        f"PST,Pa,St,{today - dt.timedelta(days=30):%Y-%m-%d}\n"
        "LFT,Le,Ft,\n"
        "WDN,With,Drawn,\n"
        "MAN,Man,Ual,\n"
        "NEW,New,Leaver,2027-08-31\n"
        "NEW2,New,Starter,\n"
    )
    report = run(app_ctx, admin, data)
    assert report.summary() == "created 2, updated 5, unchanged 1, rejected 0"
    staff = people(app_ctx)
    status = {c: p.status for c, p in staff.items()}
    assert status == {
        "FUT": "leaving", "TOD": "leaving",
        "PST": "leaving",  # left per HR, not yet through the leaver process here
        "LFT": "left",  # an import never brings a leaver back
        "WDN": "active",  # HR withdrew the date
        "MAN": "leaving",  # nothing in the file contradicts the technician
        "NEW": "leaving", "NEW2": "active",
    }
    assert staff["LFT"].leaving_date is None
    assert staff["FUT"].leaving_date == today + dt.timedelta(days=30)


def test_no_leaving_date_column_no_status_change(app_ctx: AppContext, admin: Actor) -> None:
    # a date typed at the desk, status left for the leaver process to decide
    add_person(app_ctx, "AB1", "Ann", "Smith", leaving_date=dt.date(2027, 8, 31))
    report = run(app_ctx, admin, "Staff Code,Forename,Surname\nAB1,Ann,Smith\n")
    assert report.summary() == "created 0, updated 0, unchanged 1, rejected 0"
    assert people(app_ctx)["AB1"].status == "active"


def test_left_person_stays_left_even_with_a_future_date(app_ctx: AppContext,
                                                         admin: Actor) -> None:
    add_person(app_ctx, "LFT", "Le", "Ft", status="left", leaving_date=dt.date(2026, 7, 20))
    run(app_ctx, admin, "Staff Code,Forename,Surname,Leaving Date\nLFT,Le,Ft,2027-08-31\n")
    assert people(app_ctx)["LFT"].status == "left"


# -- dry run, permissions, not-a-CSV ----------------------------------------------------

def test_dry_run_reports_the_same_and_changes_nothing(app_ctx: AppContext, admin: Actor) -> None:
    add_person(app_ctx, "AB1", "Ann", "Smith", badge="CARD-1")
    data = HEADER + "AB1,Ann,Smith-Jones,,,CARD-1,\nCD2,Bob,Jones,,,CARD-1,\nEF3,Cy,Twm,,,,\n"
    dry = run(app_ctx, admin, data, dry_run=True)
    assert dry.format_lines() == [
        "dry run: created 1, updated 1, unchanged 0, rejected 1",
        "line 3: badge 'CARD-1' is already used by 'Ann Smith-Jones' (staff code 'AB1')",
    ]
    assert sorted(people(app_ctx)) == ["AB1"]
    assert people(app_ctx)["AB1"].last_name == "Smith"
    assert import_events(app_ctx) == []
    real = run(app_ctx, admin, data)
    assert real.to_dict() == {**dry.to_dict(), "dry_run": False}


def test_only_an_admin_may_import(app_ctx: AppContext, tech: Actor) -> None:
    with pytest.raises(PermissionDenied, match="only an admin technician can import staff"):
        run(app_ctx, tech, HEADER + "AB1,Ann,Smith,,,,\n")
    assert people(app_ctx) == {}


@pytest.mark.parametrize(
    "data",
    [b"", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
     b"Name,Email\nAnn,ann@x\n"],
)
def test_not_a_staff_csv(app_ctx: AppContext, admin: Actor, data: bytes) -> None:
    with pytest.raises(InvalidInput) as caught:
        run(app_ctx, admin, data)
    assert ("missing required column(s) Staff Code (or Staff ID, Employee ID, Staff Number, "
            "Employee Number); Forename (or First Name, Given Name); Surname (or Last Name, "
            "Family Name)") in caught.value.message


# -- hostile input ----------------------------------------------------------------------

def test_hostile_cells_are_stored_faithfully_or_rejected_with_a_reason(app_ctx: AppContext,
                                                                       admin: Actor) -> None:
    rows = [
        ["F1", "=HYPERLINK(\"http://x.example\",\"hi\")", "+SUM(A1:A9)", "=cmd|'/C_calc'!A0@x.example",
         "-2+3"],
        ["F2", "Zoë 👩🏽‍💻", "Ødegård 🚀", "zoe@x.example", "Maths ∑"],
        ["F3", "\u200fمحمد\u200f", "\u202bعلي\u202c", "", ""],
        ["F4", "x" * 10_000, "Smith", "", ""],
        ["F5", "Ann", "Smith", "", "D" * 201],
        ["F6", "Ann\x07", "Smith", "", ""],
        ["F7", "Ann", "Smith\x00", "", ""],
        ["F\u200b8", "Ann", "Smith", "", ""],
        ["F9", "Ann", "Smith", "a@" + "b" * 400, ""],
        ["F" * 65, "Ann", "Smith", "", ""],
    ]
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["Staff Code", "Forename", "Surname", "Email", "Department"])
    writer.writerows(rows)
    report = run(app_ctx, admin, buf.getvalue())
    reasons = {r.line: r.reason for r in report.rejected}
    assert reasons == {
        5: "Forename is too long (10000 characters, at most 200)",
        6: "Department is too long (201 characters, at most 200)",
        7: "Forename contains a control character (U+0007)",
        8: "Surname contains a control character (U+0000)",
        9: "Staff Code contains an invisible character (U+200B ZERO WIDTH SPACE)",
        10: "Email is too long (402 characters, at most 320)",
        11: "Staff Code is too long (65 characters, at most 64)",
    }
    staff = people(app_ctx)
    for code, first, last, email, dept in rows[:3]:
        stored = staff[code]
        assert (stored.first_name, stored.last_name, stored.email or "",
                stored.department or "") == (first, last, email, dept)
    assert verify(app_ctx).ok


# -- size ----------------------------------------------------------------------------------

@pytest.fixture
def five_thousand() -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["Staff Code", "Forename", "Surname", "Email", "Department", "Badge",
                     "Leaving Date"])
    for i in range(5000):
        writer.writerow([f"S{i:05d}", f"Fore{i}", f"Sur{i}", f"s{i}@school.example",
                         ("Maths", "Science", "English")[i % 3], f"CARD-{i:05d}",
                         "31/08/2027" if i % 50 == 0 else ""])
    return buf.getvalue().encode("utf-8")


def test_five_thousand_rows_in_one_transaction(app_ctx: AppContext, admin: Actor,
                                               five_thousand: bytes) -> None:
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(app_ctx.db.engine, "before_cursor_execute", count)
    try:
        report = run(app_ctx, admin, five_thousand)
    finally:
        event.remove(app_ctx.db.engine, "before_cursor_execute", count)
    assert report.format_lines() == ["created 5000, updated 0, unchanged 0, rejected 0"]
    # one load, batched inserts, the audit append: no statement per row
    assert len(statements) < 40, statements[:50]
    assert len(import_events(app_ctx)) == 1
    with app_ctx.uow(Actor("t"), readonly=True) as uow:
        assert uow.session.scalar(select(func.count()).select_from(Person)) == 5000
        assert uow.session.scalar(
            select(func.count()).select_from(Person).where(Person.status == "leaving")) == 100

    statements.clear()
    event.listen(app_ctx.db.engine, "before_cursor_execute", count)
    try:
        again = run(app_ctx, admin, five_thousand)
    finally:
        event.remove(app_ctx.db.engine, "before_cursor_execute", count)
    assert again.format_lines() == ["created 0, updated 0, unchanged 5000, rejected 0"]
    assert len(statements) < 10
    assert len(import_events(app_ctx)) == 1
    assert verify(app_ctx).ok


def test_a_failure_part_way_leaves_nothing_behind(app_ctx: AppContext, admin: Actor,
                                                  five_thousand: bytes) -> None:
    # a cell beyond the CSV field limit near the end makes the whole file unreadable
    data = five_thousand + b"S99999,Ann," + b"x" * 200_000 + b"\r\n"
    with pytest.raises(InvalidInput, match="line 5002: not a readable CSV file"):
        run(app_ctx, admin, data)
    assert people(app_ctx) == {}
