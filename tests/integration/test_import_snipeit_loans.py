"""A Snipe-IT export with checked-out assets imports with its loans (SQLite and PostgreSQL).

``tests/data/snipeit_checked_out.csv`` is laid out as Snipe-IT's asset list exports it
(every cell quoted, CRLF lines, a multi-line note). Its headers are Snipe-IT's own
column titles, from the snipe/snipe-it repository's English strings:
``resources/lang/en-US/admin/hardware/form.php`` — ``checkedout_to`` "Checked Out To",
``checkout_date`` "Checkout Date", ``expected_checkin`` "Expected Checkin Date",
``date`` "Purchase Date", ``cost`` "Purchase Cost", ``default_location`` "Default
Location", ``tag`` "Asset Tag", ``name`` "Asset Name", ``order`` "Order Number";
``resources/lang/en-US/admin/hardware/table.php`` — ``location`` "Location", ``id`` "ID";
the columns are those of ``app/Presenters/AssetPresenter.php``'s list layout. Dates are
as its default settings show them (``Y-m-d``, times ``h:i A``).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from app.bootstrap import AppContext
from app.imports import import_assets
from app.imports.report import ImportReport
from app.services.loans import check_in
from app.uow import Actor
from db.models import Asset
from db.places import Location
from tests.factories import add_person
from tests.integration.lifecycle import ADMIN, TECH, asset_status, audit_ok, events, loans_of

DATA = Path(__file__).parents[1] / "data" / "snipeit_checked_out.csv"
IMPORTED = "imported from snipeit_checked_out.csv"


@pytest.fixture
def staff(app_ctx: AppContext) -> AppContext:
    add_person(app_ctx, "JD1", "Jane", "Doe", email="jane.doe@hillside.sch.uk")
    add_person(app_ctx, "JD2", "John", "Doe", email="john.doe@hillside.sch.uk")
    add_person(app_ctx, "SP1", "Sam", "Patel")
    add_person(app_ctx, "SP2", "Sam", "Patel", department="PE")
    add_person(app_ctx, "MO3", "Mary", "O'Neill", status="leaving",
               leaving_date=dt.date(2026, 12, 18))
    add_person(app_ctx, "RL4", "Rob", "Leaver", status="left", leaving_date=dt.date(2026, 7, 20))
    add_person(app_ctx, "AB1", "Siân", "Ó Briain")
    return app_ctx


def run(ctx: AppContext, actor: Actor = ADMIN, *, dry_run: bool = False) -> ImportReport:
    with ctx.uow(actor) as uow:
        return import_assets(uow, DATA.read_bytes(), source_name=DATA.name, dry_run=dry_run)


EXPECTED_LOANS = [
    "  line 2: LT-0201 on loan to Jane Doe (JD1) since 2026-09-02, due 2027-07-21",
    "  line 4: LT-0202 on loan to John Doe (JD2) since 2026-11-24, due 2026-12-24",
    "  line 5: TB-0203 on loan to Jane Doe (JD1) since 2026-10-05, due 2026-11-04",
    "  line 8: LT-0206 on loan to Mary O'Neill (MO3) since 2026-09-03, due 2026-12-18",
    "  line 12: LT-0210 on loan to Siân Ó Briain (AB1) since 2026-09-02, due 2026-10-02",
]
NEW_ROOMS = ["  MAIN-IT-OFFICE (IT Office) at MAIN", "  MAIN-LIBRARY (Library) at MAIN",
             "  MAIN-SCIENCE (Science) at MAIN", "  MAIN-HALL (Hall) at MAIN"]
EXPECTED_NOT_LENT = [
    "5 checked-out assets imported without a loan:",
    "  line 6: PH-0204: Checked Out To 'Sam Patel' matches 2 people (Sam Patel (SP1), Sam Patel "
    "(SP2)): imported without a loan; put their staff code or email in the cell, or lend it at "
    "the desk",
    "  line 7: LT-0205: Checked Out To 'Chris Nobody' matches no one here (by staff code, email "
    "or full name): imported without a loan; import the staff list first, or lend it at the desk",
    "  line 9: LT-0207: Checked Out To Rob Leaver (RL4), who has left: imported without a loan; "
    "record it as not returned or lend it again at the desk",
    "  line 10: LT-0208: Checked Out To 'Science Lab 2' matches no one here (by staff code, "
    "email or full name): imported without a loan; import the staff list first, or lend it at "
    "the desk",
    "  line 13: AV-0211: Checked Out To Jane Doe (JD1), but its status here is retired: imported "
    "without a loan",
]


def test_dry_run_lists_the_loans_it_would_open_and_changes_nothing(staff: AppContext) -> None:
    report = run(staff, dry_run=True)
    assert report.format_lines() == [
        "dry run: created 11, updated 0, unchanged 0, rejected 0",
        "would open 5 loans from Checked Out To:", *EXPECTED_LOANS,
        "would create 4 locations:", *NEW_ROOMS, *EXPECTED_NOT_LENT]
    with staff.uow(TECH, readonly=True) as uow:
        assert uow.session.scalars(select(Asset)).all() == []
    assert json.loads(json.dumps(report.to_dict()))["loans"][0] == {
        "line": 2, "tag": "LT-0201", "person_id": 1, "staff_code": "JD1", "name": "Jane Doe",
        "out_on": "2026-09-02", "due_on": "2027-07-21"}


def test_import_opens_the_loans_and_places_and_keeps_purchase(staff: AppContext) -> None:
    report = run(staff)
    assert report.format_lines() == [
        "created 11, updated 0, unchanged 0, rejected 0",
        "opened 5 loans from Checked Out To:", *EXPECTED_LOANS,
        "created 4 locations:", *NEW_ROOMS, *EXPECTED_NOT_LENT]
    [loan] = loans_of(staff, "LT-0201")
    assert loan["outcome"] is None and loan["due_on"] == dt.date(2027, 7, 21)
    assert loan["out_at"] == dt.datetime(2026, 9, 2, 12, tzinfo=dt.UTC)
    assert loan["out_by"] == ADMIN.name and loan["purpose"] == f"{IMPORTED} line 2"
    assert {tag: asset_status(staff, tag) for tag in ("LT-0201", "LT-0202", "TB-0203", "PH-0204",
                                                      "LT-0205", "AV-0211")} == {
        "LT-0201": "on_loan", "LT-0202": "on_loan", "TB-0203": "on_loan",
        "PH-0204": "available", "LT-0205": "available", "AV-0211": "retired"}
    checkouts = [json.loads(e.details) for e in events(staff, "checkout")]
    assert [(c["tag"], c["staff_code"], c["line"]) for c in checkouts] == [
        ("LT-0201", "JD1", 2), ("LT-0202", "JD2", 4), ("TB-0203", "JD1", 5),
        ("LT-0206", "MO3", 8), ("LT-0210", "AB1", 12)]
    assert {c["imported"] for c in checkouts} == {DATA.name}
    with staff.uow(TECH, readonly=True) as uow:
        found = {a.tag: a for a in uow.session.scalars(select(Asset))}
        rooms = {loc.id: loc.name for loc in uow.session.scalars(select(Location))}
        details = {t: (rooms[a.home_location_id], a.purchase_date, a.purchase_cost_pence,
                       a.encryption_method)
                   for t, a in found.items() if t in ("LT-0201", "TB-0203", "LT-0210")}
        assert all(a.location is None for a in found.values())  # the text column is retired
        assert all(a.current_location_id == a.home_location_id for a in found.values())
    assert details == {
        "LT-0201": ("IT Office", dt.date(2024, 8, 19), 104900, "bitlocker"),  # Default Location
        "TB-0203": ("Library", dt.date(2023, 2, 14), 34900, "ios"),
        "LT-0210": ("Science", dt.date(2024, 8, 19), 104900, "bitlocker"),  # no default: Location
    }
    audit_ok(staff)


def test_reimport_opens_no_second_loan_and_an_imported_loan_checks_in(staff: AppContext) -> None:
    run(staff)
    again = run(staff)
    assert again.summary() == "created 0, updated 0, unchanged 11, rejected 0"
    assert again.loans == [] and len(again.not_lent) == 5
    with staff.uow(TECH) as uow:
        check_in(uow, "LT-0201")
    assert asset_status(staff, "LT-0201") == "available"
    # a re-import lends what the export still says is out: LT-0201 again, and LT-0205 once
    # its holder is on the staff list
    add_person(staff, "CN5", "Chris", "Nobody")
    third = run(staff)
    assert [(loan.tag, loan.staff_code) for loan in third.loans] == [
        ("LT-0201", "JD1"), ("LT-0205", "CN5")]
    assert third.summary() == "created 0, updated 2, unchanged 9, rejected 0"
    assert len(loans_of(staff, "LT-0201")) == 2
    audit_ok(staff)


def test_an_asset_on_loan_here_to_someone_else_keeps_its_loan(staff: AppContext) -> None:
    run(staff)
    with staff.uow(TECH) as uow:
        check_in(uow, "LT-0202")
    from app.services.loans import check_out

    with staff.uow(TECH) as uow:
        check_out(uow, "LT-0202", "SP1")
    report = run(staff)
    assert [row.reason for row in report.not_lent if row.key == "LT-0202"] == [
        "Checked Out To John Doe (JD2), but it is on loan here to Sam Patel (SP1): the loan here "
        "is kept; check it in first if it has changed hands"]
    assert [ln["person_id"] for ln in loans_of(staff, "LT-0202") if ln["outcome"] is None] == [3]


def test_dates_and_costs_as_a_school_set_snipeit_to_show_them(app_ctx: AppContext) -> None:
    data = ('Asset Tag,Category,Purchase Date,Purchase Cost\r\n'
            'LT-0301,Laptops,"Mon Aug 19, 2024","GBP 1,049.00"\r\n'
            'LT-0302,Laptops,19.08.2024,612.5\r\n'
            'LT-0303,Laptops,someday,£10\r\n').encode()
    with app_ctx.uow(ADMIN) as uow:
        report = import_assets(uow, data, source_name="assets-display-format.csv")
    assert report.format_lines() == [
        "created 2, updated 0, unchanged 0, rejected 1",
        "line 4: Purchase Date 'someday' is not a date (e.g. 2024-08-19 or 19/08/2024)"]
    with app_ctx.uow(TECH, readonly=True) as uow:
        found = {a.tag: (a.purchase_date, a.purchase_cost_pence)
                 for a in uow.session.scalars(select(Asset))}
    assert found == {"LT-0301": (dt.date(2024, 8, 19), 104900),
                     "LT-0302": (dt.date(2024, 8, 19), 61250)}
