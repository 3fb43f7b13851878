"""Task state never leaks: a check-out is cancelled, started afresh or asked about — never
silently continued for someone else; scans a task does not take are said on it; the Labels
tab takes scanned labels. Through the real main window, with key events and scanner bursts."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.services.loans import check_out
from app.uow import Actor
from tests.factories import school
from tests.ui.desk import TECH_PIN, answer, scan_into_checkout, sign_in, wait_idle
from tests.ui.keys import scan, type_slowly


def lent_tags(desk) -> list[str]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from app.uow import SYSTEM
    from db.models import Asset, Loan

    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        return list(uow.session.execute(select(Asset.tag).join(Loan, Loan.asset_id == Asset.id)
                                        .where(Loan.outcome.is_(None))).scalars())


def test_cancel_button_and_esc_clear_items_and_borrower(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk)
    co = scan_into_checkout(qtbot, desk)
    assert [a.tag for a in co.items] == ["LT-0001"] and co.borrower == ("AB1", "Siân Ó Briain")
    co.view.cancel.click()
    assert desk.current.name == "scan"
    assert desk.banner.message == "Check-out cancelled: nothing was lent."
    assert co.items == [] and co.borrower is None
    # Esc does the same (a real key press on the window)
    co = scan_into_checkout(qtbot, desk, "PH-0001")
    assert desk.current.name == "checkout"
    QTest.keyClick(desk, Qt.Key.Key_Escape)
    assert desk.current.name == "scan" and co.items == [] and co.borrower is None
    scan("LT-0002")  # and the next item starts a check-out of its own
    wait_idle(qtbot, desk)
    assert [a.tag for a in co.items] == ["LT-0002"] and co.borrower is None
    assert lent_tags(desk) == []


def test_after_navigating_away_the_next_item_starts_afresh(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk)
    scan("LT-0001")
    wait_idle(qtbot, desk)
    co = desk.controller("checkout")
    desk.header.nav["dashboard"].click()  # away, with no borrower named
    wait_idle(qtbot, desk)
    scan("PH-0001")
    wait_idle(qtbot, desk)
    assert desk.current.name == "checkout"
    assert [a.tag for a in co.items] == ["PH-0001"]
    assert desk.banner.level == "pending"
    assert desk.banner.message.startswith("The unfinished check-out (LT-0001, with no borrower) "
                                          "was cleared; nothing had been lent. PH-0001 added")


def test_after_navigating_away_with_a_borrower_the_desk_asks(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk)
    co = scan_into_checkout(qtbot, desk)
    desk.header.nav["trips"].click()
    wait_idle(qtbot, desk)
    scan("PH-0001")
    wait_idle(qtbot, desk)
    answer(qtbot, desk, "none", "A check-out for Siân Ó Briain (LT-0001) was left unfinished. "
                                "Add PH-0001 to it, or start a new check-out with PH-0001?")
    assert [a.tag for a in co.items] == ["LT-0001"] and co.borrower is not None
    assert desk.banner.message == "PH-0001 was not added; the check-out is as it was."
    scan("PH-0001")  # asked again: the check-out is still one left behind
    wait_idle(qtbot, desk)
    answer(qtbot, desk, "add", "Add PH-0001 to it")
    assert [a.tag for a in co.items] == ["LT-0001", "PH-0001"]
    assert co.borrower == ("AB1", "Siân Ó Briain")
    scan("TB-0001")  # touched again just now: no question
    wait_idle(qtbot, desk)
    assert desk.question is None and len(co.items) == 3
    desk.header.nav["scan"].click()
    scan("LT-0002")
    wait_idle(qtbot, desk)
    answer(qtbot, desk, "new", "Add LT-0002 to it")
    assert [a.tag for a in co.items] == ["LT-0002"] and co.borrower is None
    assert "was cleared; nothing had been lent" in desk.banner.message


def test_a_long_pause_counts_as_leaving_it(qtbot, desk, clock) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk)
    co = scan_into_checkout(qtbot, desk)
    clock.advance(seconds=desk.ctx.settings.kiosk.checkout_pause_seconds - 5)
    scan("PH-0001")
    wait_idle(qtbot, desk)
    assert desk.question is None and len(co.items) == 2
    clock.advance(seconds=desk.ctx.settings.kiosk.checkout_pause_seconds + 1)
    scan("TB-0001")
    wait_idle(qtbot, desk)
    answer(qtbot, desk, "add", "Add TB-0001 to it")
    assert len(co.items) == 3


def test_a_new_borrower_for_items_left_behind_is_asked_about(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk)
    co = scan_into_checkout(qtbot, desk)
    desk.open_person("CD2")  # someone else's card, then "Lend to this person"
    wait_idle(qtbot, desk)
    desk.controller("person").view.lend.click()
    wait_idle(qtbot, desk)
    answer(qtbot, desk, "new", "A check-out was left unfinished (LT-0001, for Siân Ó Briain). "
                               "Lend LT-0001 to Łukasz Żółć")
    assert co.items == [] and co.borrower == ("CD2", "Łukasz Żółć")


def test_the_lock_and_a_sign_in_start_afresh(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk)
    co = scan_into_checkout(qtbot, desk)
    desk.lock()
    sign_in(qtbot, desk, "bob", TECH_PIN)
    scan("PH-0001")
    wait_idle(qtbot, desk)
    assert [a.tag for a in co.items] == ["PH-0001"] and co.borrower is None


def test_removing_every_item_clears_the_borrower(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk)
    co = scan_into_checkout(qtbot, desk)
    scan("LT-0001")  # a warning the removal makes stale
    wait_idle(qtbot, desk)
    assert desk.banner.message == "LT-0001 is already in this check-out."
    co.view.items.selectRow(0)
    co.view.remove.click()
    assert co.items == [] and co.borrower is None
    assert co.view.search.isVisibleTo(co.view) and not desk.banner.isVisible()


def test_an_unknown_or_refused_scan_is_said_on_the_task(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    with desk.ctx.uow(Actor("earlier")) as uow:
        check_out(uow, "PH-0002", "CD2")
    sign_in(qtbot, desk)
    co = scan_into_checkout(qtbot, desk)
    co.view.purpose.setText("Parents' evening")
    for code, level, words in (
            ("NO-SUCH-TAG", "error", "“NO-SUCH-TAG” is not an asset tag, a kit, a staff card or a "
                                     "receipt this desk knows. It is not part of this check-out"),
            ("PH-0002", "error", "PH-0002 is on loan to Łukasz Żółć (CD2) and cannot be lent."),
            ("LT-0009", "error", "LT-0009 is in repair and cannot be lent.")):
        scan(code)
        wait_idle(qtbot, desk)
        assert desk.current.name == "checkout", code
        assert desk.banner.level == level and words in desk.banner.message, desk.banner.message
    assert [a.tag for a in co.items] == ["LT-0001"] and co.borrower == ("AB1", "Siân Ó Briain")
    assert co.view.purpose.text() == "Parents' evening"


def test_choosing_a_borrower_by_name_goes_to_the_loan_details(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk)
    scan("LT-0001")
    wait_idle(qtbot, desk)
    view = desk.controller("checkout").view
    assert view.search.edit.hasFocus()
    type_slowly("sian", view.search.edit)
    qtbot.waitUntil(lambda: any("Siân Ó Briain (AB1)" in t for t in view.search.hit_texts()))
    QTest.keyClick(view.search.edit, Qt.Key.Key_Return)  # the person's Enter, a real key event
    wait_idle(qtbot, desk)
    assert view.borrower.text() == "Siân Ó Briain (AB1)"
    assert view.page == "details"  # not the signature
    assert QApplication.focusWidget() is view.due or view.due.isAncestorOf(
        QApplication.focusWidget())
    # the same with the arrow keys and Enter in the list of matches
    view.change.click()
    type_slowly("cd2", view.search.edit)
    qtbot.waitUntil(lambda: any("Łukasz Żółć (CD2)" in t for t in view.search.hit_texts()))
    QTest.keyClick(view.search.edit, Qt.Key.Key_Down)
    QTest.keyClick(view.search.results, Qt.Key.Key_Return)
    wait_idle(qtbot, desk)
    assert view.borrower.text() == "Łukasz Żółć (CD2)" and view.page == "details"


def test_a_leaving_borrower_is_lent_until_their_leaving_date_and_overdue_items_are_said(  # type: ignore[no-untyped-def]
        qtbot, desk, clock) -> None:
    school(desk.ctx)
    with desk.ctx.uow(Actor("earlier")) as uow:
        check_out(uow, "PH-0002", "AB1")  # a phone is due in 7 days
    clock.advance(days=10)
    sign_in(qtbot, desk)
    co = scan_into_checkout(qtbot, desk)  # Siân's card
    assert co.view.borrower_note.text() == ("Siân Ó Briain already holds 1 overdue item: PH-0002 "
                                            "(due 1 Dec 2026).")
    assert desk.banner.level == "warn" and "overdue" in desk.banner.message
    co.cancel()
    scan("LT-0001")
    wait_idle(qtbot, desk)
    scan("LV3")  # Zoë leaves on 18 Dec 2026; a laptop is lent for 30 days
    wait_idle(qtbot, desk)
    assert co.borrower == ("LV3", "Zoë Ødegård")
    assert "Zoë Ødegård leaves on 18 Dec 2026: anything lent to them is due back by then." \
        in co.view.borrower_note.text()
    assert co.view.due_date() == dt.date(2026, 12, 18)
    assert co.view.due.maximumDate().toPython() == dt.date(2026, 12, 18)


def test_the_labels_tab_takes_scanned_labels_into_its_list(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk)
    desk.header.nav["admin"].click()
    admin = desk.controller("admin").view
    admin.tabs.setCurrentWidget(admin.labels)
    for tag in ("LT-0001", "PH-0002", "LT-0001"):
        scan(tag)
        wait_idle(qtbot, desk)
    assert desk.current.name == "admin"
    assert admin.labels.tags.text() == "LT-0001 PH-0002"
    assert desk.banner.message == "LT-0001 is already in the list of labels to print."
    assert admin.labels.count.text() == "2 label(s) from position 1"
    scan("NOPE-1")
    wait_idle(qtbot, desk)
    assert desk.current.name == "admin" and desk.banner.level == "error"
    assert "It is not part of the labels to print" in desk.banner.message
    assert desk.controller("checkout").items == []
