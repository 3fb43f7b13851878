"""Every desk screen, with demo data, at 1366×768 and 1920×1080.

Run with ``LOAN_KIOSK_SCREENSHOTS=1`` to (re)write ``docs/screenshots/screen-*.png``;
otherwise the images go to a temporary folder and the test only proves every screen
renders at both sizes.
"""

from __future__ import annotations

import pytest

from app.demo_identity import DEMO_ACTOR
from tests.e2e.desk_shots import Shooter, demo_desk, shots_dir, sign_in_demo
from tests.ui.desk import wait_idle


@pytest.mark.slow
def test_screenshots_of_every_screen(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]

    from tests.ui.keys import scan

    out = shots_dir(tmp_path)
    win, ctx = demo_desk(qtbot, tmp_path)
    shoot = Shooter(qtbot, win, out)

    shoot("sign-in")
    sign_in_demo(qtbot, win)
    shoot("scan")

    def unknown() -> None:
        win.show_screen("scan")
        scan("ZZ-0404")
    shoot("unknown-code", unknown)

    # check-out: an available laptop and a borrower typed by name
    from app.services.reports import unencrypted

    with ctx.uow(DEMO_ACTOR, readonly=True) as uow:
        plain = next(r["tag"] for r in unencrypted(uow)
                     if r["status"] == "available" and r["kind"] == "laptop")

    def checkout() -> None:
        win.controller("checkout").reset()
        scan(plain)
        wait_idle(qtbot, win)
        scan("LT-0001" if plain != "LT-0001" else "LT-0003")  # and an encrypted one: two rows
        wait_idle(qtbot, win)
        scan("B77005")
    shoot("checkout", checkout)

    def gate() -> None:
        win.controller("checkout").view.personal.setChecked(True)
    shoot("checkout-encryption-gate", gate)

    def signature() -> None:
        co = win.controller("checkout")
        co.view.personal.setChecked(False)
        co.to_signature()
    shoot("checkout-signature", signature)

    def checkin() -> None:
        win.controller("checkout").reset()
        scan("LT-0041")
        wait_idle(qtbot, win)
        checks = win.controller("checkin").view.checks
        if checks:
            checks[0].setChecked(True)  # a ticked box shows its tick
    shoot("checkin", checkin)
    win.banner.clear()
    shoot("asset-card", lambda: win.open_asset("LT-0001"))
    shoot("person-card", lambda: win.open_person("S1001"))

    def receipt() -> None:
        win.show_screen("receipt")
        win.controller("receipt").load_number(f"R-{ctx.db.clock().year}-0001")
    shoot("receipt", receipt)

    def leavers() -> None:
        win.controller("leaver").reset()
        win._navigate("leaver")
    shoot("leavers", leavers)

    def leaver_items() -> None:
        win.show_screen("leaver")
        wait_idle(qtbot, win)
        win.controller("leaver").load("S1002")
        wait_idle(qtbot, win)
        view = win.controller("leaver").view
        if view.items.rowCount():
            view.returned_box(0).setChecked(True)  # handed back: the tick shows
    shoot("leaver-items", leaver_items)

    def leaver_pin() -> None:
        from tests.ui.pad import sign_with_mouse

        lc = win.controller("leaver")
        if lc.view.page == "pin":
            return
        view = lc.view
        for r in range(view.items.rowCount()):
            if not view.returned_box(r).isChecked():
                view.note_edit(r).setText("Left at home: brings it on Friday")
        lc.to_signature()
        sign_with_mouse(view.signature.widget.canvas)
        view.signature.widget.accept_button.click()
    shoot("leaver-pin", leaver_pin)

    def trips() -> None:
        win.controller("trips").reset()
        win._navigate("trips")
    shoot("trips", trips)

    def trip() -> None:
        win.show_screen("trips")
        wait_idle(qtbot, win)
        win.controller("trips").open_trip("Year 9 Geography field trip")
    shoot("trip-phones", trip)
    shoot("dashboard", lambda: win._navigate("dashboard"))
    for i, tab in enumerate(("import", "labels", "settings", "technicians")):
        def admin(i: int = i) -> None:
            win._navigate("admin")
            win.controller("admin").view.tabs.setCurrentIndex(i)
        shoot(f"admin-{tab}", admin)
    win.close()
    ctx.close()
    shoot.check(20)
