"""The Kits screen with demo data, at 1280×720, 1366×768 and 1920×1080: the list with the
new-kit form, a laptop trolley's card (members and their state), lending it to a room, and
its check-in checklist with a member unticked.

Run with ``LOAN_KIOSK_SCREENSHOTS=1`` to (re)write ``docs/screenshots/screen-kit*.png``;
otherwise the images go to a temporary folder and the test only proves each renders with
nothing cut off.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.demo_identity import DEMO_ACTOR
from app.services import kit_loans, kits, places
from db.models import Asset, Person
from tests.e2e.desk_shots import Shooter, demo_desk, shots_dir, sign_in_demo
from tests.ui.desk import wait_idle


@pytest.mark.slow
def test_screenshots_of_the_kits_screen(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt


    out = shots_dir(tmp_path)
    win, ctx = demo_desk(qtbot, tmp_path)
    with ctx.uow(DEMO_ACTOR, readonly=True) as uow:
        free = list(uow.session.execute(
            select(Asset.tag).where(Asset.status == "available", Asset.kind == "laptop")
            .order_by(Asset.tag).limit(8)).scalars())
        staff = list(uow.session.execute(select(Person.staff_code, Person.first_name,
                                                Person.last_name)
                                         .where(Person.status == "active")
                                         .order_by(Person.staff_code).limit(2)))
    with ctx.uow(DEMO_ACTOR) as uow:
        places.add_site(uow, "DEMO", "Demo school")
    with ctx.uow(DEMO_ACTOR) as uow:
        places.add_location(uow, "DEMO", "R12", "Room 12")
    with ctx.uow(DEMO_ACTOR) as uow:
        kits.add_kit(uow, "KIT-TROLLEY-A", "Laptop trolley A (Science)", kind="trolley",
                     members=free[:6])
    with ctx.uow(DEMO_ACTOR) as uow:
        kits.add_kit(uow, "KIT-BAG-1", "Head's laptop, charger and bag", members=free[6:8])
    with ctx.uow(DEMO_ACTOR) as uow:
        kit_loans.check_out_kit(uow, "KIT-BAG-1", staff[1].staff_code)
    shoot = Shooter(qtbot, win, out)

    sign_in_demo(qtbot, win)
    kc = win.controller("kits")

    def listing() -> None:
        kc.reset()
        win._navigate("kits")
        kc.view.new_tag.setText("KIT-PH-CASE-2")
        kc.view.new_name.setText("Trip phone case 2")
    shoot("kits", listing)

    def card() -> None:
        win.show_screen("kits")
        kc.load("KIT-TROLLEY-A")
    shoot("kit-card", card)

    def lending() -> None:
        win.show_screen("kits")
        kc.load("KIT-TROLLEY-A")
        wait_idle(qtbot, win)
        kc.to_lending()
        p = staff[0]
        kc._set_borrower(p.staff_code, f"{p.first_name} {p.last_name}")
        kc.view.room.setText("R12")
    shoot("kit-lend-to-room", lending)

    def checking_in() -> None:
        win.show_screen("kits")
        kc.view.show_page("kit")
        kc.load("KIT-BAG-1", then="return")
        wait_idle(qtbot, win)
        kc.view.checklist.item(1).setCheckState(Qt.CheckState.Unchecked)
    shoot("kit-checkin", checking_in)
    win.close()
    ctx.close()
    shoot.check(4)
