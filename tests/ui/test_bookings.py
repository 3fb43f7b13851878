"""The Bookings screen: book by scanning the item and the person's card, the day's lists
(with where to get it ready from and warnings), mark ready, move, cancel, and the calendar
export — every change through the services on the worker, SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from app.services.bookings import Slot, book
from app.services.loans import check_out
from app.uow import SYSTEM, Actor
from db.bookings import Booking
from tests.factories import school
from tests.ui.desk import answer, sign_in, wait_idle
from tests.ui.keys import scan

UTC = dt.UTC


def test_book_mark_ready_move_and_cancel_at_the_desk(qtbot, desk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    with desk.ctx.uow(Actor("other-desk")) as uow:  # the clock: Tue 24 Nov 2026 10:00 UTC
        book(uow, "LT-0002", "AB1", [Slot(dt.datetime(2026, 11, 25, 9, tzinfo=UTC),
                                          dt.datetime(2026, 11, 25, 12, tzinfo=UTC))])
    with desk.ctx.uow(Actor("other-desk")) as uow:
        check_out(uow, "LT-0002", "CD2", due=dt.date(2026, 11, 25))
    sign_in(qtbot, desk)
    desk.header.nav["bookings"].click()
    wait_idle(qtbot, desk)
    view = desk.controller("bookings").view
    assert view.days.tabText(0) == "Today (0)" and view.days.tabText(1) == "Tomorrow (1)"
    [tomorrow] = view.tomorrow.row_texts()
    assert tomorrow[2] == "LT-0002" and tomorrow[3] == "Siân Ó Briain (AB1)"
    assert tomorrow[6] == "LT-0002 is still out with Łukasz Żółć (CD2), due 2026-11-25"

    scan("LT-0001")
    wait_idle(qtbot, desk)
    scan("CD2")
    wait_idle(qtbot, desk)
    assert view.item.text() == "LT-0001" and view.person_label.text() == "For: Łukasz Żółć (CD2)"
    view.when.setText("P4")
    view.purpose.setText("Year 8 science")
    view.book.click()
    wait_idle(qtbot, desk)
    assert "Booked LT-0001 for Łukasz Żółć" in desk.banner.message
    [today] = view.today.row_texts()
    assert today[1] == "12:10–13:10"
    assert today[2] == "LT-0001 — Year 8 science" and today[5] == "Booked"
    assert view.selected_booking() is not None

    view.ready.click()
    wait_idle(qtbot, desk)
    assert view.today.row_texts()[0][5] == "Ready"

    view.when.setText("P5")
    view.move_button.click()
    wait_idle(qtbot, desk)
    assert view.today.row_texts()[0][1] == "14:00–15:00"

    ics = tmp_path / "school.ics"
    desk.controller("bookings").export(ics)
    wait_idle(qtbot, desk)
    assert ics.read_bytes().count(b"BEGIN:VEVENT") == 2

    view.cancel.click()
    answer(qtbot, desk, "one", "Cancel booking")
    wait_idle(qtbot, desk)
    assert view.days.tabText(0) == "Today (0)"
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        statuses = sorted(b.status for b in uow.session.execute(select(Booking)).scalars())
    assert statuses == ["booked", "cancelled"]


def test_a_clash_is_said_in_the_banner(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    with desk.ctx.uow(Actor("other-desk")) as uow:
        book(uow, "LT-0001", "AB1", [Slot(dt.datetime(2026, 11, 24, 11, 10, tzinfo=UTC),
                                          dt.datetime(2026, 11, 24, 12, 10, tzinfo=UTC))])
    sign_in(qtbot, desk)
    desk.header.nav["bookings"].click()
    wait_idle(qtbot, desk)
    view = desk.controller("bookings").view
    view.item.setText("lt-0001")
    scan("CD2")
    wait_idle(qtbot, desk)
    view.when.setText("P3")
    view.book.click()
    wait_idle(qtbot, desk)
    assert "LT-0001 is already booked for Siân Ó Briain (AB1)" in desk.banner.message
    assert view.item.text() == "lt-0001"  # the form is kept to correct
    view.today.clearSelection()
    view.today.setCurrentCell(-1, -1)
    view.ready.click()  # nothing chosen in the list: said, nothing done
    wait_idle(qtbot, desk)
    assert "Choose a booking in the list first" in desk.banner.message


def test_lending_an_item_booked_for_someone_else_today_asks_for_a_reason(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.desk import scan_into_checkout
    from tests.ui.pad import sign_with_mouse

    school(desk.ctx)
    with desk.ctx.uow(Actor("other-desk")) as uow:  # CD2 has LT-0001 booked this afternoon
        [booked] = book(uow, "LT-0001", "CD2", [Slot(dt.datetime(2026, 11, 24, 14, tzinfo=UTC),
                                                      dt.datetime(2026, 11, 24, 15, tzinfo=UTC))])
        booking_id = booked.id
    sign_in(qtbot, desk)
    co = scan_into_checkout(qtbot, desk, "LT-0001", "CARD-001")  # lent to Siân (AB1)
    view = co.view
    view.cont.click()
    sign_with_mouse(view.signature.widget.canvas)
    view.signature.widget.accept_button.click()
    qtbot.waitUntil(lambda: desk.question is not None and desk.question.isVisible(),
                    timeout=15000)
    assert f"LT-0001 is booked for Łukasz Żółć (CD2) from Tue 24 Nov 14:00 (booking {booking_id})" \
        in desk.question.text.text()
    assert desk.question.field is not None
    desk.question.field.setText("Siân's laptop died mid-lesson")
    answer(qtbot, desk, "override")
    wait_idle(qtbot, desk)
    assert view.page == "done", desk.banner.message
    assert "LT-0001 was booked for Łukasz Żółć (CD2)" in desk.banner.message
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        from sqlalchemy import text

        reason = uow.session.execute(text(
            "SELECT details FROM audit_events WHERE action = 'booking_overridden'")).scalar_one()
        assert "Siân's laptop died mid-lesson" in reason
