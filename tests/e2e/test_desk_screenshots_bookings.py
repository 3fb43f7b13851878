"""The Bookings screen with demo data at 1280×720, 1366×768 and 1920×1080: today's list (a
laptop trolley for periods 2–3 with where it lives, one ready, one still out with someone
else) and tomorrow's (a trip's phones), and the form filled in for a weekly booking.

``LOAN_KIOSK_SCREENSHOTS=1`` (re)writes ``docs/screenshots/screen-bookings-*.png``; otherwise
the images go to a temporary folder and the test proves each renders with nothing cut off."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.clock import fixed_clock
from app.demo_identity import DEMO_ACTOR
from app.services import booking_changes as changes
from app.services.bookings import Slot, book, school_timetable
from app.timetable import booking_times
from db.kits import Kit, KitMember
from db.models import Asset, Loan, Person
from tests.e2e.desk_shots import Shooter, demo_desk, shots_dir, sign_in_demo
from tests.ui.desk import wait_idle


def _school_day() -> dt.date:
    today = dt.date.today()
    return today + dt.timedelta(days=7 + (1 - today.weekday()) % 7)  # a Tuesday, next week on


def _bookings(ctx) -> None:  # type: ignore[no-untyped-def]
    day = _school_day()
    # the demo trust has its schools and rooms (app.demo_trust): the trolley lives in
    # Example Academy's ICT office
    with ctx.uow(DEMO_ACTOR, readonly=True) as uow:
        free = list(uow.session.execute(
            select(Asset.id, Asset.tag).where(Asset.kind == "laptop", Asset.status == "available")
            .order_by(Asset.tag)).all())
        out = uow.session.execute(select(Asset.tag, Loan.due_on).join(Loan, Loan.asset_id == Asset.id)
                                  .where(Loan.outcome.is_(None), Asset.kind == "laptop")
                                  .order_by(Loan.due_on)).first()
        staff = [c for (c,) in uow.session.execute(
            select(Person.staff_code).where(Person.status == "active", Person.leaving_date.is_(None))
            .order_by(Person.staff_code).limit(4))]
    with ctx.uow(DEMO_ACTOR) as uow:
        from db.places import Location

        home, site = uow.session.execute(select(Location.id, Location.site_id).where(
            Location.code == "EXA-ICT")).one()
        # Example Academy's, as its home: a kit of no school is in no school's bookings list
        kit = Kit(tag="KIT-Y8", tag_key="kit-y8", name="Year 8 laptop trolley", kind="trolley",
                  active=True, created_at=uow.now, home_location_id=home, site_id=site)
        uow.session.add(kit)
        uow.session.flush()
        for asset_id, _tag in free[:8]:
            uow.session.add(KitMember(kit_id=kit.id, asset_id=asset_id, added_at=uow.now))
        uow.audit("kit_made", kit)
        uow.commit()
    with ctx.uow(DEMO_ACTOR, readonly=True) as uow:
        tt = school_timetable(uow)

    def at(spec: str, d: dt.date = day) -> list[Slot]:
        return [Slot(a, b) for a, b in booking_times(tt, periods=(d.isoformat(), spec))]

    made = {}
    for key, target, who, slots, purpose in (
            ("trolley", "KIT-Y8", staff[0], at("P2-P3"), "Year 8 science: data logging"),
            ("ready", free[8][1], staff[1], at("P1"), "Cover lesson"),
            ("out", out[0] if out else free[9][1], staff[2], at("P4"), None),
            ("trip", "6 phones", staff[3],
             [Slot(tt.at(day + dt.timedelta(days=1), dt.time(7, 30)),
                   tt.at(day + dt.timedelta(days=3), dt.time(18)))], "Year 10 trip to York")):
        with ctx.uow(DEMO_ACTOR) as uow:
            made[key] = book(uow, target, who, slots, purpose=purpose)[0].id
    with ctx.uow(DEMO_ACTOR) as uow:
        changes.mark_ready(uow, made["ready"])
    # the desk's clock: that Tuesday at 08:15 school time
    ctx.db.clock = fixed_clock(tt.at(day, dt.time(8, 15)))


@pytest.mark.slow
def test_screenshots_of_the_bookings_screen(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]


    out = shots_dir(tmp_path)
    win, ctx = demo_desk(qtbot, tmp_path)
    _bookings(ctx)
    shoot = Shooter(qtbot, win, out)

    sign_in_demo(qtbot, win)
    bookings = win.controller("bookings")

    def today() -> None:
        win._navigate("bookings")
        wait_idle(qtbot, win)
        bookings.view.days.setCurrentIndex(0)
    shoot("bookings-today", today)
    rows = bookings.view.today.row_texts()
    assert len(rows) == 3 and any("still out with" in r[6] for r in rows), rows
    assert any(r[5] == "Ready" for r in rows)
    assert any("ICT office (EXA-ICT)" in r[4] for r in rows)

    def tomorrow() -> None:
        win._navigate("bookings")
        wait_idle(qtbot, win)
        bookings.view.days.setCurrentIndex(1)
        v = bookings.view
        v.set_item("KIT-Y8")
        v.when.setText("P5")
        v.purpose.setText("Year 9 computing club")
        v.weekly.setChecked(True)
        v.show_person("S1001", "Siân Ó Briain")
    shoot("bookings-form", tomorrow)
    assert "6 × phone" in bookings.view.tomorrow.row_texts()[0][2]
    win.close()
    ctx.close()
    shoot.check(2)
