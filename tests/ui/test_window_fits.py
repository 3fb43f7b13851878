"""The desk at 1280×720, 1366×768 and 1920×1080 with long names everywhere: nothing cut off.

Every screen that lists people or items is shown with a long borrower name, a long
model name, a long trip name and a technician with a long name, at each of the three
sizes, and :func:`tests.ui.layout_check.cut_off` looks for text that is not shown
whole (size hints against sizes, elided table cells, clipped widgets).
``tests/e2e/test_desk_screenshots.py`` runs the same check on every screen with the
demo school, and saves the pictures.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from app.services.loans import check_out
from app.services.technicians import add_technician
from app.services.trips import create_trip
from app.uow import Actor
from tests.factories import add_asset, add_person, school
from tests.ui.desk import sign_in, wait_idle
from tests.ui.keys import scan
from tests.ui.layout_check import look_at_sizes
from tests.ui.pad import sign_with_mouse

SIZES = [(1280, 720), (1366, 768), (1920, 1080)]
LONG_FIRST, LONG_LAST = "Maria-Fernanda de los Ángeles", "García-Villanueva Fitzgerald-Smythe"
LEAVER_FIRST, LEAVER_LAST = "Siobhán", "Ní Mhaoldomhnaigh-Featherstonehaugh"
LONG_MODEL = "ThinkPad X1 Carbon Gen 11 (Intel vPro Enterprise, 32 GB)"
TRIP = "Year 10 Geography and Biology residential field trip to Snowdonia"
TECH = "Alexandra Konstantinopoulou-Whitfield"


@pytest.fixture
def long_names(desk, clock):  # type: ignore[no-untyped-def]
    ctx = desk.ctx
    school(ctx)
    add_person(ctx, "LN1", LONG_FIRST, LONG_LAST, badge="CARD-LN1", department="Design and Technology")
    add_person(ctx, "LN2", LEAVER_FIRST, LEAVER_LAST, status="leaving",
               leaving_date=dt.date(2026, 12, 4))
    for tag in ("LT-0900", "LT-0901", "LT-0902"):
        add_asset(ctx, tag, make="Lenovo", model=LONG_MODEL, encrypted=True,
                  accessories="charger, USB-C dock, padded sleeve")
    add_asset(ctx, "PH-0900", "phone", make="Samsung", model="Galaxy XCover 7 Enterprise Edition",
              encrypted=True, method="android", phone_number="07700 900123")
    with ctx.uow(Actor("alice", "admin")) as uow:
        add_technician(uow, "alexandra", "579300", admin=True, display_name=TECH)
        check_out(uow, "LT-0900", "LN1", purpose="Coursework moderation for the whole department")
        check_out(uow, "LT-0901", "LN2")
        create_trip(uow, TRIP, leader="LN1", start=dt.date(2026, 12, 1), end=dt.date(2026, 12, 4),
                    destination="Rhyd Ddu Outdoor Education Centre, Snowdonia")
        check_out(uow, "PH-0900", "LN1", trip=TRIP)
    clock.advance(days=40)  # LT-0900 is now overdue
    return desk


def at_every_size(qtbot, desk, name: str, found: list[str], prepare=None) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("LOAN_KIOSK_FIT_SHOTS")  # to look at: a folder for the pictures

    def picture(w: int, h: int) -> Path | None:
        return Path(folder) / f"{name.replace(' ', '-')}-{w}x{h}.png" if folder else None

    found.extend(look_at_sizes(desk, name, SIZES, lambda: wait_idle(qtbot, desk), prepare, picture))


def test_nothing_is_cut_off_at_any_size_with_long_names(qtbot, long_names) -> None:  # type: ignore[no-untyped-def]
    desk = long_names
    found: list[str] = []
    at_every_size(qtbot, desk, "sign-in", found)
    sign_in(qtbot, desk, "alexandra", "579300")
    assert TECH in desk.header.technician.text()

    def search() -> None:
        desk.show_screen("scan")
        view = desk.controller("scan").view
        view.entry.setText("García-Villanueva")
        desk.controller("scan").search("García-Villanueva")
    at_every_size(qtbot, desk, "scan matches", found, search)

    def checkout() -> None:
        desk.controller("checkout").reset()
        desk.show_screen("scan")
        scan("LT-0902")
        wait_idle(qtbot, desk)
        scan("LT-0003")
        wait_idle(qtbot, desk)
        scan("CARD-LN1")
    at_every_size(qtbot, desk, "checkout", found, checkout)
    assert LONG_LAST in desk.controller("checkout").view.borrower.text()

    def borrower_search() -> None:
        co = desk.controller("checkout")
        co._change_borrower()
        co.view.search.edit.setText("Fitzgerald")
        co.view.search.edit.textEdited.emit("Fitzgerald")
        qtbot.waitUntil(lambda: co.view.search.results.count() > 0)
    at_every_size(qtbot, desk, "borrower search", found, borrower_search)

    def checkin() -> None:
        desk.controller("checkout").reset()
        desk.show_screen("scan")
        scan("LT-0900")
    at_every_size(qtbot, desk, "checkin", found, checkin)
    assert desk.current.name == "checkin"
    at_every_size(qtbot, desk, "asset card", found, lambda: desk.open_asset("LT-0900"))
    at_every_size(qtbot, desk, "person card", found, lambda: desk.open_person("LN1"))
    at_every_size(qtbot, desk, "dashboard", found, lambda: desk._navigate("dashboard"))
    for i in range(1, desk.controller("dashboard").view.tabs.count()):
        at_every_size(qtbot, desk, f"dashboard tab {i}", found,
                      lambda i=i: desk.controller("dashboard").view.tabs.setCurrentIndex(i))

    def leavers() -> None:
        desk.controller("leaver").reset()
        desk._navigate("leaver")
    at_every_size(qtbot, desk, "leavers", found, leavers)

    def leaver_items() -> None:
        lc = desk.controller("leaver")
        if lc.view.page != "items":
            lc.load("LN2")
    at_every_size(qtbot, desk, "leaver items", found, leaver_items)

    def leaver_pin() -> None:
        lc = desk.controller("leaver")
        if lc.view.page == "pin":
            return
        lc.view.note_edit(0).setText("Kept at home until the end of term")
        lc.to_signature()
        sign_with_mouse(lc.view.signature.widget.canvas)
        lc.view.signature.widget.accept_button.click()
    at_every_size(qtbot, desk, "leaver PIN", found, leaver_pin)
    assert desk.controller("leaver").view.page == "pin"

    def trips() -> None:
        desk.controller("trips").reset()
        desk._navigate("trips")
    at_every_size(qtbot, desk, "trips", found, trips)
    at_every_size(qtbot, desk, "trip", found, lambda: desk.controller("trips").open_trip(TRIP))

    def technicians() -> None:
        desk._navigate("admin")
        desk.controller("admin").view.tabs.setCurrentIndex(3)
    at_every_size(qtbot, desk, "technicians", found, technicians)

    def settings_with_problems() -> None:
        desk.controller("admin").view.tabs.setCurrentIndex(2)
        st = desk.controller("admin").view.settings
        st.idle.setValue(5)
        st.max_gap.setValue(150)
        desk.controller("admin").save()  # refused: a banner and the reasons under the fields
    at_every_size(qtbot, desk, "settings refused", found, settings_with_problems)
    assert desk.banner.message.startswith("Settings not saved")
    assert not found, "\n".join(found)
