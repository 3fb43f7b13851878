"""Several desks share one database: when this desk's window is active again, the screen shown
re-loads what another desk changed, and keeps what is being typed, ticked or scanned."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app.bootstrap import AppContext, bootstrap
from app.config import Settings
from app.services.loans import check_in, check_out
from app.uow import Actor
from tests.conftest import MutableClock
from tests.factories import add_person, school
from tests.ui.desk import scan_into_checkout, sign_in, visible_text, wait_idle
from tests.ui.keys import scan


@pytest.fixture
def other_desk(db_url: str, tmp_path: Path, clock: MutableClock) -> Iterator[AppContext]:
    """A second desk: its own composition root on the same database."""
    ctx = bootstrap(db_url, data_dir=tmp_path / "other-desk", settings=Settings(), clock=clock)
    yield ctx
    ctx.close()


def window_activated(desk) -> None:  # type: ignore[no-untyped-def]
    """What the window system sends when the technician clicks back into the desk."""
    QApplication.sendEvent(desk, QEvent(QEvent.Type.WindowActivate))


def app_activated() -> None:
    """The application as a whole becomes active again (e.g. Alt+Tab back)."""
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)


def test_the_application_becoming_active_is_watched_from_the_first_sign_in(qtbot, desk,  # type: ignore[no-untyped-def]
                                                                           other_desk) -> None:
    """Before a sign-in there is no screen to re-load (and the desk's start does without the
    Qt namespace the signal's argument needs: ui.desk_return); after it, Alt+Tab back
    re-loads, until the window closes."""
    school(desk.ctx)
    assert not desk.return_reload.watching
    sign_in(qtbot, desk)
    assert desk.return_reload.watching
    desk.header.nav["dashboard"].click()
    wait_idle(qtbot, desk)
    view = desk.controller("dashboard").view
    with other_desk.uow(Actor("carol")) as uow:
        check_out(uow, "LT-0001", "AB1")
    desk.lock()
    sign_in(qtbot, desk)  # watched once, whatever the number of sign-ins
    desk.header.nav["dashboard"].click()
    wait_idle(qtbot, desk)
    with other_desk.uow(Actor("carol")) as uow:
        check_in(uow, "LT-0001")
    app_activated()
    qtbot.waitUntil(lambda: view.tiles["on_loan"].text().startswith("0\n"), timeout=10000)
    desk.return_reload.stop()  # what closing the window does
    assert not desk.return_reload.watching


def test_dashboard_and_asset_card_show_a_loan_made_at_another_desk(qtbot, desk,  # type: ignore[no-untyped-def]
                                                                    other_desk) -> None:
    school(desk.ctx)
    sign_in(qtbot, desk)
    desk.header.nav["dashboard"].click()
    wait_idle(qtbot, desk)
    view = desk.controller("dashboard").view
    assert view.tiles["on_loan"].text().startswith("0\n")
    with other_desk.uow(Actor("carol")) as uow:
        check_out(uow, "LT-0001", "AB1")
    assert view.tiles["on_loan"].text().startswith("0\n")  # nothing polls behind the user's back
    window_activated(desk)
    qtbot.waitUntil(lambda: view.tiles["on_loan"].text().startswith("1\n"), timeout=10000)

    desk.open_asset("LT-0001")
    wait_idle(qtbot, desk)
    card = desk.controller("asset").view
    assert card.check_in.isVisibleTo(card) and not card.lend.isVisibleTo(card)
    card.enc_note.setText("checked in the BIOS")  # half-typed encryption check
    card.lost.click()
    card.lost_panel.note.setText("left on the bus")
    with other_desk.uow(Actor("carol")) as uow:
        check_in(uow, "LT-0001")
    app_activated()
    qtbot.waitUntil(lambda: card.lend.isVisibleTo(card), timeout=10000)
    wait_idle(qtbot, desk)
    assert not card.check_in.isVisibleTo(card)
    assert "Available" in visible_text(card.header)
    assert card.enc_note.text() == "checked in the BIOS"
    assert card.lost_panel.isVisibleTo(card) and card.lost_panel.note.text() == "left on the bus"


def test_person_card_and_leaver_items_reload_keeping_ticks_and_notes(qtbot, desk,  # type: ignore[no-untyped-def]
                                                                     other_desk) -> None:
    school(desk.ctx)
    add_person(desk.ctx, "NX5", "Aoife", "MacLeod", status="leaving",
               leaving_date=dt.date(2026, 12, 10))
    with desk.ctx.uow(Actor("earlier")) as uow:
        check_out(uow, ["LT-0001", "PH-0001"], "NX5")
    sign_in(qtbot, desk)
    desk.open_person("NX5")
    wait_idle(qtbot, desk)
    person = desk.controller("person").view
    assert person.items.rowCount() == 2
    with other_desk.uow(Actor("carol")) as uow:
        check_out(uow, "TB-0001", "NX5")
    window_activated(desk)
    qtbot.waitUntil(lambda: person.items.rowCount() == 3, timeout=10000)

    desk.header.nav["leaver"].click()
    wait_idle(qtbot, desk)
    leaver = desk.controller("leaver").view
    scan("NX5")
    wait_idle(qtbot, desk)
    assert leaver.page == "items" and leaver.items.rowCount() == 3
    scan("LT-0001")
    wait_idle(qtbot, desk)
    row = leaver.row_of("PH-0001")
    leaver.note_edit(row).setText("at home; will post it")
    note_widget = leaver.note_edit(row)
    # nothing changed elsewhere: the rows (and the focus in them) stay as they are
    window_activated(desk)
    wait_idle(qtbot, desk)
    assert leaver.note_edit(leaver.row_of("PH-0001")) is note_widget
    # another desk takes the tablet back: it leaves the list; the tick and the note stay
    with other_desk.uow(Actor("carol")) as uow:
        check_in(uow, "TB-0001")
    window_activated(desk)
    qtbot.waitUntil(lambda: leaver.items.rowCount() == 2, timeout=10000)
    wait_idle(qtbot, desk)
    assert leaver.states() == [("LT-0001", True, ""), ("PH-0001", False, "at home; will post it")]
    assert "1 of 2 ticked as handed back" in leaver.progress.text()


def test_a_check_out_in_progress_is_left_alone(qtbot, desk, other_desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk)
    co = scan_into_checkout(qtbot, desk)
    co.view.purpose.setText("Parents' evening")
    window_activated(desk)
    app_activated()
    wait_idle(qtbot, desk)
    assert [a.tag for a in co.items] == ["LT-0001"]
    assert co.view.borrower.text() == "Siân Ó Briain (AB1)"
    assert co.view.purpose.text() == "Parents' evening"


def test_trips_list_and_phone_list_reload_keeping_it(qtbot, desk, other_desk) -> None:  # type: ignore[no-untyped-def]
    from app.services.trips import create_trip

    school(desk.ctx)
    sign_in(qtbot, desk)
    desk.header.nav["trips"].click()
    wait_idle(qtbot, desk)
    trips = desk.controller("trips")
    view = trips.view
    view.name.setText("Half-typed trip")
    with other_desk.uow(Actor("carol")) as uow:
        create_trip(uow, "Geography field day", leader="AB1", start=dt.date(2026, 11, 25),
                    end=dt.date(2026, 11, 26))
    window_activated(desk)
    qtbot.waitUntil(lambda: view.trips.rowCount() == 1 and view.trips.item(0, 0) is not None
                    and view.trips.item(0, 0).text() == "Geography field day", timeout=10000)
    assert view.name.text() == "Half-typed trip"

    trips.open_trip("Geography field day")
    wait_idle(qtbot, desk)
    assert view.page == "phones"
    scan("PH-0001")
    wait_idle(qtbot, desk)
    assert [a.tag for a in trips.phones] == ["PH-0001"]
    with other_desk.uow(Actor("carol")) as uow:
        check_out(uow, "PH-0002", "AB1", trip="Geography field day")
    window_activated(desk)
    qtbot.waitUntil(lambda: "1 still out" in view.status_title.text(), timeout=10000)
    wait_idle(qtbot, desk)
    assert [a.tag for a in trips.phones] == ["PH-0001"] and view.page == "phones"
    assert "1. PH-0001" in view.phones.item(0).text()
