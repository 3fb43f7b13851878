"""Issue 20's desk screens with the demo trust, at 1280×720, 1366×768 and 1920×1080: Admin →
Schools & rooms, the dashboard of every school, an asset card being moved.

Run with ``LOAN_KIOSK_SCREENSHOTS=1`` to (re)write ``docs/screenshots/screen-*.png``;
otherwise the images go to a temporary folder and the test only proves each renders with
nothing cut off.
"""

from __future__ import annotations

import pytest

from tests.e2e.desk_shots import Shooter, demo_desk, shots_dir, sign_in_demo
from tests.ui.desk import wait_idle


@pytest.mark.slow
def test_screenshots_of_the_trust_screens(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = shots_dir(tmp_path)
    win, ctx = demo_desk(qtbot, tmp_path)
    shoot = Shooter(qtbot, win, out)

    sign_in_demo(qtbot, win)

    def places() -> None:
        win._navigate("admin")
        admin = win.controller("admin")
        admin.view.show_places_tab()
        wait_idle(qtbot, win)
        admin.view.places.select("EXA-TROLLEY-A")
    shoot("admin-schools-and-rooms", places)

    def every_school() -> None:
        win._navigate("dashboard")
        wait_idle(qtbot, win)
        win.controller("dashboard").view.all_schools.setChecked(True)
    shoot("dashboard-all-schools", every_school)
    title = win.controller("dashboard").view.title.text()
    assert "All schools" in title
    assert win.controller("dashboard").view.overdue.headers()[-1] == "School"

    def moving() -> None:
        win.open_asset("LT-0003")
        wait_idle(qtbot, win)
        view = win.controller("asset").view
        view.move_to.click()
        view.move_panel.fields[0].setText("EXA-SCI2")
    shoot("asset-card-move", moving)
    assert "At EXA › ICT office › Laptop cupboard" in \
        win.controller("asset").view.header.facts.text()
    win.close()
    ctx.close()
    shoot.check(3)


@pytest.mark.slow
def test_screenshots_of_lists_of_the_desks_school_and_of_every_school(  # type: ignore[no-untyped-def]
        qtbot, tmp_path) -> None:
    """The lists of leavers, trips, kits and bookings: the desk's school's (Example Academy)
    and, with "All schools" ticked, the trust's; and, signed in as a technician of Example
    Academy, a Northfield laptop's card (read-only, saying whose it is)."""
    import datetime as dt

    from app.demo_identity import DEMO_ACTOR
    from app.services import kits
    from app.services.bookings import Slot, book
    from app.services.technicians import add_technician
    from app.services.trips import create_trip
    out = shots_dir(tmp_path)
    win, ctx = demo_desk(qtbot, tmp_path)
    today = ctx.db.clock().date()
    with ctx.uow(DEMO_ACTOR) as uow:  # Northfield's own: a trip, kits, a booking
        create_trip(uow, "Year 8 Chester museum visit", leader="S1050", start=today,
                    end=today + dt.timedelta(days=1), destination="Chester")
    for tag, name, kind, home, members in (
            ("KIT-EXA-A", "Laptop trolley A", "trolley", "EXA-TROLLEY-A",
             [f"LT-{n:04d}" for n in range(20, 26)]),
            ("KIT-NFH-T", "Tablet trolley", "trolley", "NFH-TROLLEY",
             [f"TB-{n:04d}" for n in range(17, 21)]),
            ("KIT-NFH-C", "Speaker case", "case", "NFH-C1", ["AV-0009", "AV-0010"])):
        with ctx.uow(DEMO_ACTOR) as uow:
            kits.add_kit(uow, tag, name, kind=kind, home=home, members=members)
    start = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(13, 0), tzinfo=dt.UTC)
    for what, who in (("KIT-EXA-A", "S1001"), ("KIT-NFH-T", "S1051")):
        with ctx.uow(DEMO_ACTOR) as uow:
            book(uow, what, who, [Slot(start, start + dt.timedelta(hours=2))])
    with ctx.uow(DEMO_ACTOR) as uow:
        add_technician(uow, "exa-tech", "135790", display_name="Sam Tech", site="EXA")
    shoot = Shooter(qtbot, win, out)

    sign_in_demo(qtbot, win)
    headings = {}
    for screen, name in (("leaver", "leaver-list"), ("trips", "trips"), ("kits", "kits"),
                         ("bookings", "bookings")):
        view = win.controller(screen).view

        def scoped(screen=screen, view=view, every=False) -> None:  # type: ignore[no-untyped-def]
            win._navigate(screen)
            wait_idle(qtbot, win)
            if screen == "bookings":
                view.days.setCurrentIndex(1)  # tomorrow's
            view.all_schools.setChecked(every)
        shoot(f"{name}-one-school", scoped)
        own = (view.soon_heading if screen == "leaver" else view.title).text()
        shoot(f"{name}-all-schools", lambda s=scoped: s(every=True))
        every = (view.soon_heading if screen == "leaver" else view.title).text()
        headings[screen] = (own, every)
        table = getattr(view, {"leaver": "soon", "trips": "trips", "kits": "kits"}.get(
            screen, "tomorrow"))
        codes = {r[-1] for r in table.row_texts()}  # across schools: whose each row is
        both = {"EXA"} if screen == "leaver" else {"EXA", "NFH"}  # the demo's leavers: EXA's
        assert table.headers()[-1] == "School" and codes == both, (screen, codes)
        view.all_schools.setChecked(False)
    assert all(own.endswith("— Example Academy (EXA)") and every.endswith("— All schools")
               for own, every in headings.values()), headings

    win.lock()  # and Sam, a technician of Example Academy, signs in
    wait_idle(qtbot, win)
    sv = win.nav.screens.sign_in.view
    qtbot.waitUntil(lambda: sv.isVisible(), timeout=20000)
    sv.username.setText("exa-tech")
    sv.pin.setText("135790")
    sv.submit.click()
    qtbot.waitUntil(lambda: win.session.actor is not None
                    and win.session.actor.name == "exa-tech", timeout=20000)
    wait_idle(qtbot, win)

    def their_laptop() -> None:
        win.open_asset("LT-0051")
        wait_idle(qtbot, win)
    shoot("asset-card-another-school", their_laptop)
    note = win.controller("asset").view.read_only.text()
    assert note.startswith("LT-0051 belongs to another school, Northfield High School (NFH)")
    win.close()
    ctx.close()
    shoot.check(9)
