"""Asset and person cards, receipt verification and the dashboard, through the main window."""

from __future__ import annotations

from sqlalchemy import select

from app.services.leavers import leaver_return
from app.services.loans import check_in, check_out
from app.uow import SYSTEM, Actor
from db.models import AuditEvent, EncryptionCheck
from tests.factories import school
from tests.ui.desk import sign_in, visible_text, wait_idle
from tests.ui.keys import scan


def test_asset_card_history_and_a_new_encryption_check(qtbot, desk, clock) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    with desk.ctx.uow(Actor("earlier")) as uow:
        check_out(uow, "LT-0003", "AB1")
    clock.advance(days=2)
    with desk.ctx.uow(Actor("earlier")) as uow:
        check_in(uow, "LT-0003", condition="incomplete", note="no charger")
    sign_in(qtbot, desk)
    desk.open_asset("LT-0003")
    wait_idle(qtbot, desk)
    view = desk.controller("asset").view
    text = visible_text(view)
    assert "LT-0003 — Dell Latitude 5440" in text
    assert "Encryption unknown" in text
    assert view.history.row_texts()[0][0] == "Siân Ó Briain (AB1)"
    assert "no charger" in view.history.row_texts()[0]
    view.tabs.setCurrentIndex(1)
    view.enc_yes.setChecked(True)
    view.method.setCurrentIndex(view.method.findData("bitlocker"))
    view.enc_note.setText("manage-bde -status")
    view.save_check.click()
    wait_idle(qtbot, desk)
    assert "Encryption check recorded for LT-0003" in desk.banner.message
    assert view.header.badge.text().startswith("✓ Encrypted (BitLocker")
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        chk = uow.session.execute(
            select(EncryptionCheck).order_by(EncryptionCheck.id.desc())).scalars().first()
        assert (chk.encrypted, chk.method, chk.verified_by) == (True, "bitlocker", "alice")
        assert ("alice", "encryption_check") in [(e.actor, e.action) for e in uow.session.execute(
            select(AuditEvent)).scalars()]


def test_person_card_and_scanned_receipt_verification(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    with desk.ctx.uow(Actor("earlier")) as uow:
        check_out(uow, "PH-0001", "AB1")
    with desk.ctx.uow(Actor("earlier")) as uow:
        check_out(uow, "PH-0002", "LV3")
    with desk.ctx.uow(Actor("earlier")) as uow:
        receipt = leaver_return(uow, "LV3")
        code = receipt.content_sha256[:16]
        number = receipt.number
    sign_in(qtbot, desk)
    scan("AB1")
    wait_idle(qtbot, desk)
    assert desk.current.name == "person"
    view = desk.controller("person").view
    assert view.title.text() == "Siân Ó Briain (AB1)"
    assert view.items.row_texts()[0][0] == "PH-0001"
    scan(f"LKR:{number}:{code}")
    wait_idle(qtbot, desk)
    assert desk.current.name == "receipt"
    rv = desk.controller("receipt").view
    assert "This code is genuine — compare the items with the list shown" in rv.verdict.text()
    assert [r[0] for r in rv.items.row_texts()] == ["PH-0002"]  # the list to compare with
    # the number and code as the receipt invites people to quote them, typed in lower case
    scan(f"{number.lower()} · {code[:4]} {code[4:8]} {code[8:12]} {code[12:]}")
    wait_idle(qtbot, desk)
    assert desk.current.name == "receipt"
    assert "This code is genuine" in rv.verdict.text()
    scan(f"LKR:{number}:{'0' * 16}")
    wait_idle(qtbot, desk)
    assert "does NOT match" in rv.verdict.text()


def test_dashboard_counts_and_overdue_click_opens_the_asset(qtbot, desk, clock) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    with desk.ctx.uow(Actor("earlier")) as uow:
        check_out(uow, "LT-0002", "AB1")  # unencrypted, 30 days
        check_out(uow, "PH-0001", "CD2")  # 7 days
    clock.advance(days=7)
    sign_in(qtbot, desk)
    desk.header.nav["dashboard"].click()
    wait_idle(qtbot, desk)
    view = desk.controller("dashboard").view
    assert view.tiles["on_loan"].text() == "2\nOn loan now"
    assert view.tiles["due_today"].text() == "1\nDue back today"
    assert view.tiles["unencrypted"].text() == "1\nUnencrypted on loan"
    assert view.tiles["leavers"].text() == "0\nLeavers with items"
    clock.advance(days=30)
    desk.show_screen("dashboard")
    wait_idle(qtbot, desk)
    assert view.tiles["overdue"].text() == "2\nOverdue"
    view.tiles["overdue"].click()
    view.overdue.cellDoubleClicked.emit(0, 0)
    wait_idle(qtbot, desk)
    assert desk.current.name == "asset"
    assert "OVERDUE" in desk.controller("asset").view.header.holder.text()
