"""``import assets`` (our CSV and a Snipe-IT export) against SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app import audit
from app.bootstrap import AppContext
from app.errors import InvalidInput, PermissionDenied
from app.imports import ImportReport, import_assets
from app.services.loans import check_out
from app.uow import Actor
from db.models import Asset, AuditEvent, EncryptionCheck
from tests.factories import add_asset, add_person

DATA = Path(__file__).parents[1] / "data"
OURS = ["Asset Tag", "Kind", "Make", "Model", "Serial", "IMEI", "Phone Number", "Accessories",
        "Encrypted", "Encryption Method", "Notes"]


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def run(ctx: AppContext, actor: Actor, data: bytes | str, **kwargs: Any) -> ImportReport:
    if isinstance(data, str):
        data = data.encode("utf-8")
    with ctx.uow(actor) as uow:
        return import_assets(uow, data, **kwargs)


def assets(ctx: AppContext) -> dict[str, Asset]:
    with ctx.uow(Actor("t"), readonly=True) as uow:
        found = {a.tag: a for a in uow.session.scalars(select(Asset))}
        uow.session.expunge_all()
        return found


def checks(ctx: AppContext) -> dict[str, list[tuple[bool, str | None, str | None]]]:
    """Each asset's encryption checks, oldest first: (encrypted, method, note)."""
    with ctx.uow(Actor("t"), readonly=True) as uow:
        out: dict[str, list[tuple[bool, str | None, str | None]]] = {}
        rows = uow.session.execute(
            select(Asset.tag, EncryptionCheck.encrypted, EncryptionCheck.method,
                   EncryptionCheck.note)
            .join(EncryptionCheck.asset).order_by(EncryptionCheck.id)
        )
        for tag, encrypted, method, note in rows:
            out.setdefault(tag, []).append((encrypted, method, note))
        return out


def import_events(ctx: AppContext) -> list[dict[str, Any]]:
    with ctx.uow(Actor("t"), readonly=True) as uow:
        events = uow.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "import_assets").order_by(AuditEvent.seq)
        ).all()
        return [{k: v for k, v in json.loads(e.details).items() if k != "_rows"} | {
            "entity": e.entity} for e in events]


def verify(ctx: AppContext) -> audit.VerifyResult:
    with ctx.uow(Actor("t"), readonly=True) as uow:
        return audit.verify(uow.session)


# -- our own file ---------------------------------------------------------------

def test_our_asset_file(app_ctx: AppContext, admin: Actor, clock: Any) -> None:
    report = run(app_ctx, admin, (DATA / "assets.csv").read_bytes(), source_name="assets.csv")
    assert report.format_lines() == ["created 5, updated 0, unchanged 0, rejected 0"]
    found = assets(app_ctx)
    assert {t: a.kind for t, a in found.items()} == {
        "LT-0001": "laptop", "LT-0002": "laptop", "PH-0001": "phone", "TB-0001": "tablet",
        "AV-0001": "other"}
    lt = found["LT-0001"]
    assert (lt.tag_key, lt.make, lt.model, lt.serial, lt.accessories, lt.status) == (
        "lt-0001", "Dell", "Latitude 5440", "SN-L1", "Charger, bag", "available")
    ph = found["PH-0001"]
    assert (ph.imei, ph.phone_number) == ("356938035643809", "07700 900001")
    assert found["AV-0001"].serial is None  # empty serial is NULL, not ""
    assert found["LT-0002"].notes == "Awaiting rebuild"
    assert checks(app_ctx) == {
        "LT-0001": [(True, "bitlocker", "imported from assets.csv line 2")],
        "LT-0002": [(False, None, "imported from assets.csv line 3")],
        "PH-0001": [(True, "android", "imported from assets.csv line 4")],
        "TB-0001": [(True, "ios", "imported from assets.csv line 5")],
    }
    with app_ctx.uow(Actor("t"), readonly=True) as uow:
        check = uow.session.scalars(select(EncryptionCheck)).first()
        assert check is not None
        assert (check.verified_by, check.verified_at) == ("admin-tech", clock())
    assert import_events(app_ctx) == [{"file": "assets.csv", "created": 5, "updated": 0,
                                       "unchanged": 0, "rejected": 0, "entity": "assets"}]
    assert verify(app_ctx).ok


def test_reimport_changes_nothing_and_adds_no_checks(app_ctx: AppContext, admin: Actor) -> None:
    data = (DATA / "assets.csv").read_bytes()
    run(app_ctx, admin, data)
    again = run(app_ctx, admin, data)
    assert again.format_lines() == ["created 0, updated 0, unchanged 5, rejected 0"]
    assert sum(len(c) for c in checks(app_ctx).values()) == 4
    assert len(import_events(app_ctx)) == 1


# -- Snipe-IT ------------------------------------------------------------------------

def test_snipeit_export(app_ctx: AppContext, admin: Actor) -> None:
    data = (DATA / "snipeit_export.csv").read_bytes()
    report = run(app_ctx, admin, data, source_name="snipeit_export.csv")
    assert report.format_lines() == [
        "created 9, updated 0, unchanged 0, rejected 0",
        # Snipe-IT's (Default) Location: a room of the desk's school, made as it is first met
        "created 6 locations:", "  MAIN-IT-OFFICE (IT Office) at MAIN",
        "  MAIN-SCIENCE (Science) at MAIN", "  MAIN-LIBRARY (Library) at MAIN",
        "  MAIN-HALL (Hall) at MAIN", "  MAIN-Y7-TROLLEY (Y7 trolley) at MAIN",
        "  MAIN-SLT (SLT) at MAIN",
        "1 checked-out asset imported without a loan:",
        "  line 3: LT-0102: Checked Out To 'Jane Doe' matches no one here (by staff code, email "
        "or full name): imported without a loan; import the staff list first, or lend it at "
        "the desk",
    ]
    found = assets(app_ctx)
    summary = {t: (a.kind, a.make, a.snipeit_id, a.status) for t, a in found.items()}
    assert summary == {
        "LT-0101": ("laptop", "Dell", 101, "available"),
        "LT-0102": ("laptop", "Apple", 102, "available"),  # deployed in Snipe-IT: no loan here
        "PH-0103": ("phone", "Samsung", 103, "available"),  # "Deployed"
        "TB-0104": ("tablet", "Apple", 104, "in_repair"),
        "AV-0105": ("other", "Epson", 105, "retired"),  # Projectors; Broken - Not Fixable
        "LT-0106": ("laptop", "Acer", 106, "lost"),  # Chromebooks; Lost/Stolen
        "PH-0107": ("phone", "Apple", 107, "in_repair"),  # Phones; Pending
        "LT-0108": ("laptop", "Lenovo", 108, "retired"),  # Archived
        "LT-0109": ("laptop", "Dell", 109, "in_repair"),  # the school's own pending label
    }
    mac = found["LT-0102"]
    assert mac.model == 'MacBook Air 13" M2'
    assert mac.serial == "C02XK1ZYJG5J"
    assert mac.notes == "Charger in bag\nSticker on lid"
    assert (found["PH-0103"].imei, found["PH-0103"].phone_number) == (
        "356938035643809", "+44 7700 900103")
    # the multi-line note on lines 3-4 pushes PH-0103 to line 5
    assert checks(app_ctx)["PH-0103"] == [(False, None, "imported from snipeit_export.csv line 5")]
    assert "TB-0104" not in checks(app_ctx)  # blank Encrypted adds nothing
    assert checks(app_ctx)["LT-0109"] == [(True, None, "imported from snipeit_export.csv line 11")]
    assert run(app_ctx, admin, data).summary() == "created 0, updated 0, unchanged 9, rejected 0"
    assert verify(app_ctx).ok


def test_snipeit_status_never_overrides_an_open_loan(app_ctx: AppContext, admin: Actor) -> None:
    add_person(app_ctx, "AB1", "Ann", "Smith")
    add_asset(app_ctx, "LT-0001", serial="SN-1")
    add_asset(app_ctx, "LT-0002", serial="SN-2")
    add_asset(app_ctx, "LT-0003", serial="SN-3", status="in_repair")
    with app_ctx.uow(admin) as uow:
        check_out(uow, "LT-0001", "AB1")
    data = csv_bytes(
        ["ID", "Asset Tag", "Model", "Category", "Manufacturer", "Serial", "Status"],
        [["1", "LT-0001", "Latitude 7450", "Laptops", "Dell", "SN-1", "Lost/Stolen (archived)"],
         ["2", "LT-0002", "Latitude 5440", "Laptops", "Dell", "SN-2", "Out for Repair"],
         ["3", "LT-0003", "Latitude 5440", "Laptops", "Dell", "SN-3", "Deployed"]],
    )
    report = run(app_ctx, admin, data)
    assert report.summary() == "created 0, updated 3, unchanged 0, rejected 0"
    found = assets(app_ctx)
    assert (found["LT-0001"].status, found["LT-0001"].model) == ("on_loan", "Latitude 7450")
    assert found["LT-0002"].status == "in_repair"
    assert found["LT-0003"].status == "available"  # Deployed never means on_loan here
    assert verify(app_ctx).ok


# -- encryption checks ---------------------------------------------------------------

def test_encryption_check_added_only_when_it_differs(app_ctx: AppContext, admin: Actor) -> None:
    add_asset(app_ctx, "LT-0001", encrypted=True, method="bitlocker")
    add_asset(app_ctx, "LT-0002", encrypted=True, method="bitlocker")
    add_asset(app_ctx, "LT-0003", encrypted=False)
    add_asset(app_ctx, "LT-0004")
    add_asset(app_ctx, "LT-0005", encrypted=True, method="bitlocker")
    header = ["Asset Tag", "Encrypted", "Encryption Method"]
    report = run(app_ctx, admin, csv_bytes(header, [
        ["LT-0001", "Yes", "BitLocker"],  # the same
        ["LT-0002", "yes", "FileVault"],  # method differs
        ["LT-0003", "true", "bitlocker"],  # now encrypted
        ["LT-0004", "0", ""],  # never checked before
        ["LT-0005", "", "bitlocker"],  # blank: nothing to say
    ]), source_name="audit.csv")
    assert report.summary() == "created 0, updated 3, unchanged 2, rejected 0"
    found = checks(app_ctx)
    assert len(found["LT-0001"]) == 1
    assert found["LT-0002"][-1] == (True, "filevault", "imported from audit.csv line 3")
    assert found["LT-0003"][-1] == (True, "bitlocker", "imported from audit.csv line 4")
    assert found["LT-0004"] == [(False, None, "imported from audit.csv line 5")]
    assert len(found["LT-0005"]) == 1


def test_without_a_method_column_only_yes_no_is_compared(app_ctx: AppContext,
                                                         admin: Actor) -> None:
    add_asset(app_ctx, "LT-0001", encrypted=True, method="bitlocker")
    add_asset(app_ctx, "LT-0002", encrypted=True, method="bitlocker")
    report = run(app_ctx, admin, "Asset Tag,Encrypted\nLT-0001,yes\nLT-0002,no\n")
    assert report.summary() == "created 0, updated 1, unchanged 1, rejected 0"
    found = checks(app_ctx)
    assert found["LT-0001"] == [(True, "bitlocker", None)]
    assert found["LT-0002"][-1][:2] == (False, None)


# -- updates, optional columns, unique values -----------------------------------------

def test_missing_columns_untouched_blank_cells_cleared(app_ctx: AppContext, admin: Actor) -> None:
    add_asset(app_ctx, "PH-0001", "phone", serial="SN-P1", imei="356938035643809",
              phone_number="07700 900001", accessories="Case", notes="Spare", snipeit_id=7)
    assert run(app_ctx, admin, "Asset Tag,Model\nPH-0001,Latitude 5440\n").summary() == (
        "created 0, updated 0, unchanged 1, rejected 0")
    report = run(app_ctx, admin, "Asset Tag,Kind,Serial,IMEI,Phone Number,Accessories,Notes\n"
                                 "ph-0001,,,,,,\n")
    assert report.summary() == "created 0, updated 1, unchanged 0, rejected 0"
    ph = assets(app_ctx)["ph-0001"]
    assert ph.kind == "phone"  # a blank kind keeps the kind
    assert (ph.serial, ph.imei, ph.phone_number, ph.accessories, ph.notes) == (
        None, None, None, None, None)
    assert ph.snipeit_id == 7
    assert verify(app_ctx).ok


def test_unique_values_owned_by_another_asset(app_ctx: AppContext, admin: Actor) -> None:
    add_asset(app_ctx, "LT-0001", serial="SN-1", snipeit_id=41)
    data = csv_bytes(["Asset Tag", "Kind", "Serial", "Snipe-IT ID"], [
        ["LT-0002", "laptop", "SN-1", ""],
        ["LT-0003", "laptop", "SN-3", "41"],
        ["LT-0004", "laptop", "", ""],
        ["LT-0005", "laptop", "", ""],
        ["LT-0006", "laptop", "SN-3", ""],
        ["LT-0007", "laptop", "SN-7", "42"],
        ["LT-0008", "laptop", "SN-8", "42"],
    ])
    report = run(app_ctx, admin, data)
    assert report.format_lines() == [
        "created 4, updated 0, unchanged 0, rejected 3",
        "line 2: serial 'SN-1' is already on asset 'LT-0001'",
        "line 3: Snipe-IT ID 41 is already on asset 'LT-0001'",
        "line 8: Snipe-IT ID 42 is already on asset 'LT-0007'",
    ]
    found = assets(app_ctx)
    assert sorted(found) == ["LT-0001", "LT-0004", "LT-0005", "LT-0006", "LT-0007"]
    assert found["LT-0004"].serial is None and found["LT-0005"].serial is None


def test_serial_moved_between_assets_in_one_file(app_ctx: AppContext, admin: Actor) -> None:
    # LT-0001 is older, so one flush would give it SN-2 before LT-0002 let go of it
    add_asset(app_ctx, "LT-0001", serial="SN-1", snipeit_id=1)
    add_asset(app_ctx, "LT-0002", serial="SN-2", snipeit_id=2)
    report = run(app_ctx, admin, "Asset Tag,Serial,ID\nLT-0002,SN-2b,3\nLT-0001,SN-2,2\n")
    assert report.summary() == "created 0, updated 2, unchanged 0, rejected 0"
    found = assets(app_ctx)
    assert (found["LT-0001"].serial, found["LT-0001"].snipeit_id) == ("SN-2", 2)
    assert (found["LT-0002"].serial, found["LT-0002"].snipeit_id) == ("SN-2b", 3)
    assert verify(app_ctx).ok


# -- rejected rows -----------------------------------------------------------------------

def test_bad_rows_are_rejected_with_their_line_numbers(app_ctx: AppContext, admin: Actor) -> None:
    rows = [
        ["LT-0001", "Laptop", "Dell", "Latitude", "SN-1", "", "", "", "yes", "bitlocker",
         "first line\nsecond line"],  # lines 2-3
        ["LT-0002", "Toaster", "", "", "", "", "", "", "", "", ""],  # 4
        ["LT-0003", "", "", "", "", "", "", "", "", "", ""],  # 5
        ["LT-0001", "Laptop", "", "", "", "", "", "", "", "", ""],  # 6
        ["PH-0001", "phone", "", "", "", "3.56938E+14", "", "", "", "", ""],  # 7
        ["PH-0002", "phone", "", "", "", "", "", "", "maybe", "", ""],  # 8
        ["PH-0003", "phone", "", "", "", "", "", "", "yes", "VeraCrypt", ""],  # 9
        ["", "phone", "", "", "", "", "", "", "", "", ""],  # 10
        ["TB-0001", "tablet", "", "", "", "", "", "x" * 501, "", "", ""],  # 11
        ["TB-0002", "tablet", "", "", "", "", "", "", "", "", ""],  # 12
    ]
    report = run(app_ctx, admin, csv_bytes(OURS, rows))
    assert report.format_lines() == [
        "created 2, updated 0, unchanged 0, rejected 8",
        "line 4: Kind 'Toaster' is not one of laptop, phone, tablet, other "
        "(or a synonym such as Mobile Phone, iPad, Chromebook)",
        "line 5: Kind is blank: a new asset needs one (laptop, phone, tablet or other)",
        "line 6: duplicate asset tag 'LT-0001', first seen on line 2",
        "line 7: IMEI '3.56938E+14' was rounded by Excel; format the column as Text and "
        "export again",
        "line 8: Encrypted 'maybe' is not yes or no",
        "line 9: Encryption Method 'VeraCrypt' is not one of bitlocker, filevault, android, "
        "ios, other",
        "line 10: Asset Tag is blank",
        "line 11: Accessories is too long (501 characters, at most 500)",
    ]
    assert [r.key for r in report.rejected][:2] == ["LT-0002", "LT-0003"]
    assert sorted(assets(app_ctx)) == ["LT-0001", "TB-0002"]
    assert assets(app_ctx)["LT-0001"].notes == "first line\nsecond line"


def test_snipeit_rows_with_bad_id_or_status(app_ctx: AppContext, admin: Actor) -> None:
    data = csv_bytes(["ID", "Asset Tag", "Category", "Status"], [
        ["12a", "LT-0001", "Laptops", "Ready to Deploy"],
        ["99999999999", "LT-0002", "Laptops", "Ready to Deploy"],
        ["3", "LT-0003", "Laptops", "Being imaged"],
        ["4", "LT-0004", "", "Ready to Deploy"],
        ["5", "LT-0005", "Laptops", "Ready to Deploy"],
    ])
    report = run(app_ctx, admin, data)
    assert [(r.line, r.reason) for r in report.rejected] == [
        (2, "Snipe-IT ID '12a' is not a whole number"),
        (3, "Snipe-IT ID '99999999999' is out of range (1 to 2147483647)"),
        (4, "Status 'Being imaged' is not a known status (Ready to Deploy, Deployed, Pending, "
            "Archived, Broken - Not Fixable, Out for Repair, Lost/Stolen)"),
        (5, "Kind is blank: a new asset needs one (laptop, phone, tablet or other)"),
    ]
    assert list(assets(app_ctx)) == ["LT-0005"]


# -- dry run, permissions, not a CSV, hostile input -------------------------------------

def test_dry_run_reports_and_changes_nothing(app_ctx: AppContext, admin: Actor) -> None:
    add_asset(app_ctx, "LT-0001", encrypted=False)
    data = csv_bytes(OURS, [
        ["LT-0001", "laptop", "Dell", "Latitude 7450", "", "", "", "", "yes", "bitlocker", ""],
        ["LT-0002", "laptop", "Dell", "Latitude 7450", "", "", "", "", "yes", "bitlocker", ""],
    ])
    dry = run(app_ctx, admin, data, dry_run=True)
    assert dry.format_lines() == ["dry run: created 1, updated 1, unchanged 0, rejected 0"]
    assert list(assets(app_ctx)) == ["LT-0001"]
    assert assets(app_ctx)["LT-0001"].model == "Latitude 5440"
    assert checks(app_ctx)["LT-0001"] == [(False, None, None)]
    assert import_events(app_ctx) == []
    real = run(app_ctx, admin, data)
    assert real.to_dict() == {**dry.to_dict(), "dry_run": False}
    assert checks(app_ctx)["LT-0002"][0][:2] == (True, "bitlocker")


def test_only_an_admin_may_import(app_ctx: AppContext, tech: Actor) -> None:
    with pytest.raises(PermissionDenied, match="only an admin technician can import assets"):
        run(app_ctx, tech, "Asset Tag,Kind\nLT-1,laptop\n")
    assert assets(app_ctx) == {}


@pytest.mark.parametrize("data", [b"", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)),
                                  b"Tag Number,Kind\nLT-1,laptop\n"])
def test_not_an_asset_csv(app_ctx: AppContext, admin: Actor, data: bytes) -> None:
    with pytest.raises(InvalidInput, match=r"missing required column\(s\) Asset Tag \(or Tag\)"):
        run(app_ctx, admin, data)


def test_hostile_cells(app_ctx: AppContext, admin: Actor) -> None:
    long_note = "🚀 =cmd|' /C calc'!A0 \u202eevil\u202c\n" * 400  # 11,200 characters
    rows = [
        ["LT-0001", "laptop", "=HYPERLINK(\"http://x\")", "+1-2", "@SN", "", "", "", "", "",
         long_note],
        ["LT-\u200f0002", "laptop", "", "", "", "", "", "", "", "", ""],
        ["LT-0003", "laptop", "Dell\x1b[31m", "", "", "", "", "", "", "", ""],
        ["LT-0004", "laptop", "", "", "SN\u00004", "", "", "", "", "", ""],
        ["LT-0005", "laptop", "", "M" * 10_000, "", "", "", "", "", "", ""],
        ["🚀-0006", "tablet", "Äpple", "iPad ✏️", "", "", "", "", "", "", "\u0000"],
        ["🚀-0007", "tablet", "Äpple", "iPad ✏️", "", "", "", "", "", "", "ok"],
    ]
    report = run(app_ctx, admin, csv_bytes(OURS, rows))
    assert [(r.line, r.reason) for r in report.rejected] == [
        (403, "Asset Tag contains an invisible character (U+200F RIGHT-TO-LEFT MARK)"),
        (404, "Make contains a control character (U+001B)"),
        (405, "Serial contains a control character (U+0000)"),
        (406, "Model is too long (10000 characters, at most 200)"),
        (407, "Notes contains a control character (U+0000)"),
    ]
    found = assets(app_ctx)
    lt = found["LT-0001"]
    assert (lt.make, lt.model, lt.serial) == ("=HYPERLINK(\"http://x\")", "+1-2", "@SN")
    assert lt.notes == long_note.strip()
    assert len(lt.notes) > 10_000
    assert (found["🚀-0007"].make, found["🚀-0007"].model) == ("Äpple", "iPad ✏️")
    assert verify(app_ctx).ok

