"""Check-out end to end through the main window: scans, type-ahead, gate, override, signature."""

from __future__ import annotations

from sqlalchemy import select

from app.uow import SYSTEM
from db.models import AuditEvent, Loan, Receipt, Signature
from tests.factories import school
from tests.ui.desk import TECH_PIN, scan_into_checkout, sign_in, visible_text, wait_idle
from tests.ui.keys import scan
from tests.ui.pad import sign_with_mouse


def audit(ctx):  # type: ignore[no-untyped-def]
    with ctx.uow(SYSTEM, readonly=True) as uow:
        return [(e.actor, e.action) for e in uow.session.execute(
            select(AuditEvent).order_by(AuditEvent.seq)).scalars()]


def loans(ctx):  # type: ignore[no-untyped-def]
    with ctx.uow(SYSTEM, readonly=True) as uow:
        return [(ln.asset.tag, ln.person.staff_code, ln.out_by, ln.personal_data, ln.override_reason,
                 ln.signature_out_id is not None)
                for ln in uow.session.execute(select(Loan).order_by(Loan.id)).scalars()]


def test_scan_two_assets_and_a_staff_card_then_sign_once(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk, "bob", TECH_PIN)
    scan("LT-0001")
    wait_idle(qtbot, desk)
    assert desk.current.name == "checkout"
    co = desk.controller("checkout")
    view = co.view
    assert "Encrypted (BitLocker" in visible_text(view)
    # focus is in the borrower search field: the next scan still goes to the scan handler
    assert view.search.edit.hasFocus()
    scan("PH-0002", view.search.edit)
    wait_idle(qtbot, desk)
    assert [a.tag for a in co.items] == ["LT-0001", "PH-0002"]
    assert view.search.edit.text() == ""
    assert view.title.text() == "Lend 2 items"
    scan("CARD-001")  # Siân's badge
    wait_idle(qtbot, desk)
    assert view.borrower.text() == "Siân Ó Briain (AB1)"
    # the phone's default period (7 days) is the shorter one: it sets the due date
    assert view.due_date().isoformat() == "2026-12-01"
    view.purpose.setText("Parents' evening")
    view.cont.click()
    assert view.page == "sign"
    assert "Siân Ó Briain: please sign for LT-0001, PH-0002" in view.signature.what.text()
    sign_with_mouse(view.signature.widget.canvas)
    view.signature.widget.accept_button.click()
    wait_idle(qtbot, desk)
    assert view.page == "done"
    assert desk.banner.level == "ok"
    assert "Lent 2 items to Siân Ó Briain" in desk.banner.message
    rows = loans(desk.ctx)
    assert rows == [("LT-0001", "AB1", "bob", False, None, True),
                    ("PH-0002", "AB1", "bob", False, None, True)]
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        sig_ids = {ln.signature_out_id for ln in uow.session.execute(select(Loan)).scalars()}
        assert len(sig_ids) == 1  # one signature for both
        assert uow.session.execute(select(Signature)).scalar_one().strokes
        ack = uow.session.execute(select(Receipt)).scalar_one()
        assert ack.kind == "loan_ack"
    assert audit(desk.ctx).count(("bob", "checkout")) == 2
    assert ("bob", "receipt_created") in audit(desk.ctx)


def test_type_ahead_finds_the_borrower_by_part_of_a_name(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk)
    scan("TB-0001")
    wait_idle(qtbot, desk)
    view = desk.controller("checkout").view
    view.search.edit.setText("żół")
    view.search.edit.textEdited.emit("żół")
    qtbot.waitUntil(lambda: any("Łukasz Żółć (CD2)" in t for t in view.search.hit_texts()))
    view.search.edit.returnPressed.emit()
    wait_idle(qtbot, desk)  # their facts (left? leaving? overdue?) are read on the worker
    assert view.borrower.text() == "Łukasz Żółć (CD2)"


def test_one_click_on_a_name_in_the_matches_chooses_them(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    """A technician clicks the borrower's name once, as in any list, then goes on: chosen."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    school(desk.ctx)
    sign_in(qtbot, desk)
    scan("TB-0001")
    wait_idle(qtbot, desk)
    view = desk.controller("checkout").view
    view.search.edit.setText("żół")
    view.search.edit.textEdited.emit("żół")
    qtbot.waitUntil(lambda: any("Łukasz Żółć (CD2)" in t for t in view.search.hit_texts()))
    results = view.search.results
    rect = results.visualItemRect(results.item(0))
    QTest.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_idle(qtbot, desk)
    assert view.borrower.text() == "Łukasz Żółć (CD2)"


def test_encryption_gate_refuses_a_technician_and_an_admin_overrides(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk, "bob", TECH_PIN)
    scan("LT-0002")  # verified NOT encrypted
    wait_idle(qtbot, desk)
    view = desk.controller("checkout").view
    scan("CARD-001")
    wait_idle(qtbot, desk)
    view.personal.setChecked(True)
    assert view.gate.isVisible()
    assert "personal data may only be kept on devices the school has verified as encrypted" \
        in view.gate_text.text()
    assert not view.override.isVisible()  # bob is not an admin
    view.cont.click()
    assert view.page == "details"
    assert desk.banner.level == "error" and "ask an admin" in desk.banner.message
    # lock, and an admin takes over the same desk
    desk.lock()
    sign_in(qtbot, desk)
    scan("LT-0002")
    wait_idle(qtbot, desk)
    scan("CARD-001")
    wait_idle(qtbot, desk)
    view.personal.setChecked(True)
    assert view.override.isVisible()
    view.cont.click()
    assert "reason" in desk.banner.message
    view.override.setText("Head's approval: exam data, encrypted USB used")
    view.cont.click()
    assert view.page == "sign"
    sign_with_mouse(view.signature.widget.canvas)
    view.signature.widget.accept_button.click()
    wait_idle(qtbot, desk)
    assert view.page == "done", desk.banner.message
    assert loans(desk.ctx) == [("LT-0002", "AB1", "alice", True,
                                "Head's approval: exam data, encrypted USB used", True)]
    assert ("alice", "encryption_override") in audit(desk.ctx)


def test_a_leaver_who_left_cannot_borrow_and_an_unavailable_asset_is_refused(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import add_person

    school(desk.ctx)
    add_person(desk.ctx, "GN5", "Gwen", "Pryce", status="left", badge="CARD-GONE")
    sign_in(qtbot, desk)
    scan("LT-0001")
    wait_idle(qtbot, desk)
    scan("CARD-GONE")
    wait_idle(qtbot, desk)
    assert desk.banner.level == "error"
    assert desk.banner.message == "Gwen Pryce (GN5) has left the school and cannot borrow."
    assert desk.controller("checkout").borrower is None
    scan("LT-0009")  # in repair
    wait_idle(qtbot, desk)
    assert "in repair" in desk.banner.message


def test_esc_goes_back_from_signature_then_to_scan(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    school(desk.ctx)
    sign_in(qtbot, desk)
    view = scan_into_checkout(qtbot, desk).view
    view.cont.click()
    assert view.page == "sign"
    qtbot.keyClick(desk, Qt.Key.Key_Escape)
    assert view.page == "details"
    qtbot.keyClick(desk, Qt.Key.Key_Escape)  # Esc on the details cancels the check-out
    assert desk.current.name == "scan"
    assert desk.banner.message == "Check-out cancelled: nothing was lent."
