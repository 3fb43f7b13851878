"""Bookings on SQLite and PostgreSQL: clashes refused naming the holder (by the service and,
behind its back, by the database), kits and pools, loans sharing the timeline, cancel,
change, ready, no-shows released when bookings are next read, the day's list and .ics."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from app import audit
from app.bootstrap import AppContext
from app.errors import InvalidInput, NotFound, Refused
from app.services import booking_changes as changes
from app.services.booking_views import chosen_bookings, day_bookings, ics_bytes
from app.services.bookings import Slot, book, school_timetable
from app.services.loans import check_in, check_out
from app.timetable import booking_times
from app.uow import Actor
from db.bookings import Booking, BookingItem
from db.kits import Kit, KitMember
from tests.conftest import MutableClock
from tests.factories import add_asset, add_location, add_site, school

TECH = Actor("desk-tech")
DAY = dt.date(2026, 12, 1)  # a Tuesday, a week after the test clock's 2026-11-24


def _periods(ctx: AppContext, day: dt.date, spec: str, until: str | None = None) -> list[Slot]:
    with ctx.uow(TECH, readonly=True) as uow:
        tt = school_timetable(uow)
    return [Slot(a, b) for a, b in booking_times(tt, periods=(day.isoformat(), spec),
                                                 weekly_until=until)]


def _book(ctx: AppContext, target: str, code: str, slots: list[Slot], **kw: str) -> list[int]:
    with ctx.uow(TECH) as uow:
        return [b.id for b in book(uow, target, code, slots, **kw)]


def _kit(ctx: AppContext, tag: str, members: list[str], home: str | None = None) -> None:
    with ctx.uow(TECH) as uow:
        loc = None
        if home:
            loc = uow.session.execute(text("SELECT id FROM locations WHERE code = :c"),
                                      {"c": home}).scalar_one()
        kit = Kit(tag=tag, tag_key=tag.casefold(), name="Year 8 trolley", kind="trolley",
                  active=True, created_at=uow.now, home_location_id=loc)
        uow.session.add(kit)
        uow.session.flush()
        for m in members:
            asset_id = uow.session.execute(text("SELECT id FROM assets WHERE tag = :t"),
                                           {"t": m}).scalar_one()
            uow.session.add(KitMember(kit_id=kit.id, asset_id=asset_id, added_at=uow.now))
        uow.audit("test_kit", kit)
        uow.commit()


def test_a_clash_is_refused_naming_who_holds_the_slot(app_ctx: AppContext) -> None:
    school(app_ctx)
    [first] = _book(app_ctx, "LT-0001", "AB1", _periods(app_ctx, DAY, "P2-P3"),
                    purpose="Year 8 science")
    with pytest.raises(Refused, match=r"LT-0001 is already booked for Siân Ó Briain \(AB1\) "
                                      rf"Tue 1 Dec 2026 09:50–12:10 \(booking {first}\)"):
        _book(app_ctx, "lt-0001", "CD2", _periods(app_ctx, DAY, "P3"))
    # back to back is no clash: P4 starts as P3 ends
    _book(app_ctx, "LT-0001", "CD2", _periods(app_ctx, DAY, "P4"))
    with app_ctx.uow(TECH, readonly=True) as uow:
        actions = [a for (a,) in uow.session.execute(
            text("SELECT action FROM audit_events ORDER BY seq"))]
        assert actions.count("booking_made") == 2
        assert audit.verify(uow.session).ok


def test_the_database_itself_refuses_overlapping_items(app_ctx: AppContext) -> None:
    """Even a write that skips the service's check cannot make two active bookings of one
    asset overlap (PostgreSQL: exclusion constraint; SQLite: triggers)."""
    school(app_ctx)
    [bid] = _book(app_ctx, "LT-0002", "AB1", _periods(app_ctx, DAY, "P1"))
    with app_ctx.uow(TECH) as uow:
        item = uow.session.execute(select(BookingItem)).scalar_one()
        uow.session.add(BookingItem(booking_id=bid, asset_id=item.asset_id, active=True,
                                    starts_at=item.starts_at + dt.timedelta(minutes=30),
                                    ends_at=item.ends_at + dt.timedelta(hours=1)))
        with pytest.raises(IntegrityError):
            uow.session.flush()
    with app_ctx.uow(TECH) as uow:
        item = uow.session.execute(select(BookingItem)).scalar_one()
        # an inactive (cancelled) item may overlap; making it active again may not
        uow.session.add(BookingItem(booking_id=bid, asset_id=item.asset_id, active=False,
                                    starts_at=item.starts_at, ends_at=item.ends_at))
        uow.session.flush()
        extra = uow.session.execute(select(BookingItem).where(~BookingItem.active)).scalar_one()
        extra.active = True
        with pytest.raises(IntegrityError):
            uow.session.flush()


def test_a_kit_booking_holds_every_member(app_ctx: AppContext) -> None:
    school(app_ctx)
    add_site(app_ctx, "NHS", "Northfield High")
    add_location(app_ctx, "NHS-ICT", "ICT office", site="NHS")
    _kit(app_ctx, "KIT-Y8", ["LT-0001", "LT-0002"], home="NHS-ICT")
    [bid] = _book(app_ctx, "kit-y8", "AB1", _periods(app_ctx, DAY, "P1-P5"))
    with pytest.raises(Refused, match=rf"LT-0002 is already booked for Siân .*booking {bid}"):
        _book(app_ctx, "LT-0002", "CD2", _periods(app_ctx, DAY, "P2"))
    _book(app_ctx, "LT-0003", "CD2", _periods(app_ctx, DAY, "P2"))  # not in the kit
    with app_ctx.uow(TECH, readonly=True) as uow:
        rows = day_bookings(uow, DAY)
    kit_row = next(r for r in rows if r.id == bid)
    assert kit_row.what == "kit KIT-Y8 (Year 8 trolley, 2 items)"
    assert kit_row.tags == ["LT-0001", "LT-0002"] and kit_row.where == ["ICT office (NHS-ICT)"]


def test_a_pool_booking_holds_a_count_and_is_fulfilled_at_check_out(
        app_ctx: AppContext, clock: MutableClock) -> None:
    school(app_ctx)  # two phones
    trip = [Slot(dt.datetime(2026, 12, 2, 8, tzinfo=dt.UTC), dt.datetime(2026, 12, 4, 17,
                                                                          tzinfo=dt.UTC))]
    [pool] = _book(app_ctx, "2 phones", "AB1", trip, purpose="Trip to York")
    with pytest.raises(Refused, match=r"only 0 of the 2 phones here are free .*; 1 wanted"):
        _book(app_ctx, "1 phone", "CD2", [Slot(trip[0].starts_at + dt.timedelta(days=1),
                                                trip[0].ends_at)])
    with pytest.raises(Refused, match=r"only 0 of the 2 phones"):
        _book(app_ctx, "PH-0001", "CD2", trip)  # one named phone: the pool has them all
    _book(app_ctx, "TB-0001", "CD2", trip)  # another kind is not in the pool
    _book(app_ctx, "1 phone", "CD2", [Slot(trip[0].ends_at, trip[0].ends_at
                                            + dt.timedelta(days=1))])
    clock.at = dt.datetime(2026, 12, 2, 7, 45, tzinfo=dt.UTC)
    with app_ctx.uow(TECH) as uow:
        result = check_out(uow, ["PH-0001", "PH-0002"], "AB1")
    assert result.bookings is not None and result.bookings.fulfilled == [pool]
    with app_ctx.uow(TECH, readonly=True) as uow:
        assert uow.session.get(Booking, pool).status == "fulfilled"


def test_an_open_loan_holds_its_asset_until_its_due_date(app_ctx: AppContext) -> None:
    school(app_ctx)
    with app_ctx.uow(TECH) as uow:
        check_out(uow, "LT-0001", "CD2", due=dt.date(2026, 12, 3))
    with pytest.raises(Refused, match=r"LT-0001 is on loan to Łukasz Żółć \(CD2\) until "
                                      r"2026-12-03: a booking can start from that day"):
        _book(app_ctx, "LT-0001", "AB1", _periods(app_ctx, dt.date(2026, 12, 2), "P1"))
    _book(app_ctx, "LT-0001", "AB1", _periods(app_ctx, dt.date(2026, 12, 3), "P1"))


def test_check_out_caps_the_due_date_at_a_later_booking(app_ctx: AppContext) -> None:
    school(app_ctx)
    [bid] = _book(app_ctx, "LT-0001", "AB1", _periods(app_ctx, DAY, "P3"))
    with app_ctx.uow(TECH) as uow:
        result = check_out(uow, "LT-0001", "CD2")  # 30 days by default
        assert result.loans[0].due_on == DAY
    assert result.bookings is not None
    assert result.bookings.notes == [
        f"note: due date brought forward to 2026-12-01: LT-0001 is booked for Siân Ó Briain "
        f"(AB1) from Tue 1 Dec 11:10 (booking {bid})"]


def test_lending_across_a_booking_that_starts_today_needs_an_override(
        app_ctx: AppContext) -> None:
    school(app_ctx)
    today = dt.date(2026, 11, 24)  # the clock: 10:00 UTC
    [bid] = _book(app_ctx, "LT-0001", "AB1", _periods(app_ctx, today, "P4"))
    with app_ctx.uow(TECH) as uow, pytest.raises(
            Refused, match=rf"LT-0001 is booked for Siân Ó Briain \(AB1\) from Tue 24 Nov "
                           rf"12:10 \(booking {bid}\): lend another, or give a reason"):
        check_out(uow, "LT-0001", "CD2")
    with app_ctx.uow(TECH) as uow:
        result = check_out(uow, "LT-0001", "CD2", booking_override="  head of year asked ")
    assert result.bookings is not None and result.bookings.overridden == [
        (bid, "head of year asked")]
    with app_ctx.uow(TECH, readonly=True) as uow:
        event = uow.session.execute(text(
            "SELECT details FROM audit_events WHERE action = 'booking_overridden'")).scalar_one()
        assert "head of year asked" in event
        [row] = day_bookings(uow, today)
        assert row.warnings == ["LT-0001 is still out with Łukasz Żółć (CD2), due 2026-12-24"]


def test_lending_early_to_the_booker_fulfils_the_booking(app_ctx: AppContext) -> None:
    school(app_ctx)
    [bid] = _book(app_ctx, "LT-0001", "AB1", _periods(app_ctx, DAY, "P1-P5"))
    [later] = _book(app_ctx, "LT-0001", "CD2", _periods(app_ctx, DAY + dt.timedelta(days=7),
                                                         "P1"))
    with app_ctx.uow(TECH) as uow:
        result = check_out(uow, "LT-0001", "AB1")
        # due when the booking ends, not 30 days on (the next booking would be run into)
        assert result.loans[0].due_on == DAY
    assert result.bookings is not None and result.bookings.fulfilled == [bid]
    with app_ctx.uow(TECH, readonly=True) as uow:
        assert uow.session.get(Booking, bid).status == "fulfilled"
        assert uow.session.get(Booking, later).status == "booked"


def test_cancel_change_and_ready(app_ctx: AppContext) -> None:
    school(app_ctx)
    ids = _book(app_ctx, "LT-0001", "AB1", _periods(app_ctx, DAY, "P1", until="2026-12-22"))
    assert len(ids) == 4
    with app_ctx.uow(TECH) as uow:
        done = changes.cancel_booking(uow, ids[1], series=True, reason="course moved")
    assert [b.id for b in done] == ids[1:]
    with app_ctx.uow(TECH) as uow, pytest.raises(Refused, match="is cancelled"):
        changes.cancel_booking(uow, ids[2])
    # the cancelled slots are free again
    _book(app_ctx, "LT-0001", "CD2", _periods(app_ctx, DAY + dt.timedelta(days=7), "P1"))
    with app_ctx.uow(TECH) as uow:
        changes.mark_ready(uow, ids[0])
    with app_ctx.uow(TECH) as uow:
        assert changes.mark_ready(uow, ids[0], ready=False).status == "booked"
    [moved] = _periods(app_ctx, DAY, "P1-P2")  # overlapping its own old time is fine
    with app_ctx.uow(TECH) as uow:
        changes.change_booking(uow, ids[0], moved)
    [other] = _book(app_ctx, "LT-0001", "CD2", _periods(app_ctx, DAY, "P3"))
    with app_ctx.uow(TECH) as uow, pytest.raises(
            Refused, match=rf"LT-0001 is already booked for Łukasz Żółć \(CD2\) .*{other}"):
        changes.change_booking(uow, ids[0], _periods(app_ctx, DAY, "P2-P3")[0])
    with app_ctx.uow(TECH, readonly=True) as uow:
        kept = uow.session.get(Booking, ids[0])
        assert (kept.starts_at, kept.ends_at) == (moved.starts_at, moved.ends_at)


def test_no_shows_are_released_when_bookings_are_next_read(
        app_ctx: AppContext, clock: MutableClock) -> None:
    school(app_ctx)
    [bid] = _book(app_ctx, "LT-0001", "AB1", _periods(app_ctx, DAY, "P1"))
    clock.at = dt.datetime(2026, 12, 1, 9, 49, tzinfo=dt.UTC)  # 59 minutes after P1 began
    with app_ctx.uow(TECH) as uow:
        assert changes.release_no_shows(uow) == []
    clock.advance(minutes=2)
    with app_ctx.uow(TECH) as uow:
        assert [b.id for b in changes.release_no_shows(uow)] == [bid]
    with app_ctx.uow(TECH, readonly=True) as uow:
        assert uow.session.get(Booking, bid).status == "released"
        assert day_bookings(uow, DAY) == []
    with app_ctx.uow(TECH) as uow:  # the slot is free again
        book(uow, "LT-0001", "CD2", [Slot(clock.at, clock.at + dt.timedelta(hours=1))])


def test_refusals(app_ctx: AppContext) -> None:
    school(app_ctx)
    with pytest.raises(InvalidInput, match="already over"):
        _book(app_ctx, "LT-0001", "AB1", _periods(app_ctx, dt.date(2026, 11, 2), "P1"))
    with pytest.raises(Refused, match=r"has left the school"):
        _book(app_ctx, "LT-0001", "GN4", _periods(app_ctx, DAY, "P1"))
    with pytest.raises(Refused, match=r"leaves on 2026-12-18, before the booking ends"):
        _book(app_ctx, "LT-0001", "LV3", _periods(app_ctx, dt.date(2027, 1, 5), "P1"))
    with pytest.raises(InvalidInput, match="no period 'P9'"):
        _periods(app_ctx, DAY, "P9")
    with pytest.raises(NotFound, match="no asset or kit with tag 'NOPE'"):
        _book(app_ctx, "NOPE", "AB1", _periods(app_ctx, DAY, "P1"))
    add_asset(app_ctx, "LT-0099", status="retired")
    with pytest.raises(Refused, match="retired and cannot be booked"):
        _book(app_ctx, "LT-0099", "AB1", _periods(app_ctx, DAY, "P1"))
    with app_ctx.uow(TECH, readonly=True) as uow:
        assert uow.session.execute(select(Booking)).first() is None


def test_the_day_list_warns_of_repairs_and_exports_to_ics(app_ctx: AppContext) -> None:
    school(app_ctx)
    [bid] = _book(app_ctx, "LT-0001", "AB1", _periods(app_ctx, DAY, "P1"))
    [trip] = _book(app_ctx, "TB-0001", "CD2", [Slot(
        dt.datetime(2026, 11, 30, 8, tzinfo=dt.UTC), dt.datetime(2026, 12, 2, 17, tzinfo=dt.UTC))])
    with app_ctx.uow(TECH) as uow:
        check_out(uow, "LT-0002", "CD2")
    with app_ctx.uow(TECH) as uow:
        check_in(uow, "LT-0002", condition="damaged")
    [repair] = _book(app_ctx, "LT-0002", "AB1", _periods(app_ctx, DAY, "P5"))
    with app_ctx.uow(TECH, readonly=True) as uow:
        rows = day_bookings(uow, DAY)
        assert [r.id for r in rows] == [trip, bid, repair]  # the trip began the day before
        assert rows[2].warnings == ["LT-0002 is in repair"]
        data = ics_bytes(chosen_bookings(uow, person="AB1"), name="AB1")
    from icalendar import Calendar

    events = list(Calendar.from_ical(data).walk("VEVENT"))
    assert sorted(str(e["uid"]) for e in events) == [f"booking-{bid}@loan-kiosk",
                                                     f"booking-{repair}@loan-kiosk"]
    first = next(e for e in events if str(e["uid"]) == f"booking-{bid}@loan-kiosk")
    assert first.decoded("dtstart") == dt.datetime(2026, 12, 1, 8, 50, tzinfo=dt.UTC)


def test_lending_a_kit_to_its_booker_fulfils_the_booking_member_by_member(
        app_ctx: AppContext, clock: MutableClock) -> None:
    school(app_ctx)
    _kit(app_ctx, "KIT-Y8", ["LT-0001", "LT-0002", "LT-0003"])
    [bid] = _book(app_ctx, "KIT-Y8", "AB1", _periods(app_ctx, DAY, "P2-P3"))
    clock.at = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
    with app_ctx.uow(TECH) as uow:
        check_out(uow, ["LT-0001", "LT-0002"], "AB1")
    with app_ctx.uow(TECH, readonly=True) as uow:
        assert uow.session.get(Booking, bid).status == "booked"  # LT-0003 still held
    with pytest.raises(Refused, match="LT-0003 is already booked for Siân"):
        _book(app_ctx, "LT-0003", "CD2", _periods(app_ctx, DAY, "P3"))
    with app_ctx.uow(TECH) as uow:
        result = check_out(uow, "LT-0003", "AB1")
    assert result.bookings is not None and result.bookings.fulfilled == [bid]
    with app_ctx.uow(TECH, readonly=True) as uow:
        assert uow.session.get(Booking, bid).status == "fulfilled"
        [row] = day_bookings(uow, DAY)
        assert row.status == "fulfilled" and row.warnings == []
        assert audit.verify(uow.session).ok
