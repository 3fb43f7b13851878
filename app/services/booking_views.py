"""Reading bookings: a day's list (what must be ready, where, and what stands in the way)
and the calendar (.ics) export. Reading first lets no-shows go (see
:func:`app.services.booking_changes.release_no_shows`), in its own audited transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from app.errors import NotFound
from app.keys import tag_key
from app.services.bookings import school_timetable, when_text
from app.services.lookup import get_person
from app.timetable import Timetable
from app.uow import UnitOfWork
from db.bookings import ACTIVE_STATUSES, Booking, BookingItem
from db.kits import Kit
from db.models import Asset, Loan, Person
from db.places import Location

#: statuses a day's list shows (cancelled and released bookings hold nothing)
LISTED = (*ACTIVE_STATUSES, "fulfilled")


@dataclass
class BookingRow:
    id: int
    status: str
    kind: str
    what: str
    tags: list[str]
    name: str
    staff_code: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    when: str
    purpose: str | None
    series_id: int | None
    #: "08:50–09:50" for a booking within one day, else as ``when``
    hours: str = ""
    #: where to get it ready from (the kit's or the assets' home locations)
    where: list[str] = field(default_factory=list)
    #: what stands in the way: out with someone else, in repair, lost...
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "kind": self.kind, "what": self.what,
                "tags": self.tags, "staff_code": self.staff_code, "name": self.name,
                "from": self.starts_at.isoformat(), "to": self.ends_at.isoformat(),
                "purpose": self.purpose, "series_id": self.series_id, "where": self.where,
                "warnings": self.warnings}


def _what(b: Booking, kit: Kit | None, tags: list[str]) -> str:
    if b.kind == "pool":
        return f"{b.quantity} × {b.pool_kind}"
    if kit is not None:
        return f"kit {kit.tag} ({kit.name}, {len(tags)} items)"
    return tags[0] if tags else "?"


def _hours(tt: Timetable, b: Booking) -> str:
    a, z = tt.local(b.starts_at), tt.local(b.ends_at)
    if a.date() == z.date():
        return f"{a:%H:%M}–{z:%H:%M}"
    return f"{a:%a} {a.day} {a:%b} {a:%H:%M} –\n{z:%a} {z.day} {z:%b} {z:%H:%M}"


def _rows(uow: UnitOfWork, tt: Timetable, bookings: list[Booking]) -> list[BookingRow]:
    if not bookings:
        return []
    ids = [b.id for b in bookings]
    items: dict[int, list[Asset]] = {}
    for booking_id, asset in uow.session.execute(
            select(BookingItem.booking_id, Asset).join(Asset, Asset.id == BookingItem.asset_id)
            .where(BookingItem.booking_id.in_(ids)).order_by(Asset.tag_key)):
        items.setdefault(booking_id, []).append(asset)
    asset_ids = sorted({a.id for assets in items.values() for a in assets})
    loans = {ln.asset_id: ln for ln in uow.session.execute(
        select(Loan).where(Loan.asset_id.in_(asset_ids), Loan.outcome.is_(None))).scalars()}
    people = {p.id: p for p in uow.session.execute(
        select(Person).where(Person.id.in_({b.person_id for b in bookings}))).scalars()}
    kits = {k.id: k for k in uow.session.execute(
        select(Kit).where(Kit.id.in_({b.kit_id for b in bookings if b.kit_id}))).scalars()}
    place_ids = {a.home_location_id for assets in items.values() for a in assets} \
        | {k.home_location_id for k in kits.values()}
    places = {p.id: p for p in uow.session.execute(
        select(Location).where(Location.id.in_(place_ids - {None}))).scalars()}
    rows = []
    for b in bookings:
        assets = items.get(b.id, [])
        person = people[b.person_id]
        kit = kits.get(b.kit_id) if b.kit_id else None
        tags = [a.tag for a in assets]
        where: list[str] = []
        homes = [kit.home_location_id] if kit is not None and kit.home_location_id else \
            [a.home_location_id for a in assets] or [None]
        for home in homes:
            place = places.get(home) if home else None
            text = f"{place.name} ({place.code})" if place else None
            if text and text not in where:
                where.append(text)
        if not where:  # no sites and locations yet: the asset's own "where it lives" text
            where = sorted({a.location for a in assets if a.location})
        warnings = []
        if b.status in ACTIVE_STATUSES:
            for a in assets:
                loan = loans.get(a.id)
                if loan is not None and loan.person_id != b.person_id:
                    p = loan.person
                    warnings.append(f"{a.tag} is still out with {p.name} ({p.staff_code}), due "
                                    f"{loan.due_on.isoformat()}")
                elif a.status in ("in_repair", "lost", "retired"):
                    warnings.append(f"{a.tag} is {a.status.replace('_', ' ')}")
        rows.append(BookingRow(
            b.id, b.status, b.kind, _what(b, kit, tags), tags, person.name, person.staff_code,
            b.starts_at, b.ends_at, when_text(tt, b.starts_at, b.ends_at), b.purpose,
            b.series_id, _hours(tt, b), where, warnings))
    return rows


def day_bookings(uow: UnitOfWork, day: dt.date, days: int = 1) -> list[BookingRow]:
    """The bookings that touch ``day`` (and the ``days - 1`` after it), by start time."""
    tt = school_timetable(uow)
    start = tt.day_bounds(day)[0]
    end = tt.day_bounds(day + dt.timedelta(days=days - 1))[1]
    starting = uow.session.execute(select(Booking).where(
        Booking.starts_at >= start, Booking.starts_at < end,
        Booking.status.in_(LISTED))).scalars().all()
    running = uow.session.execute(select(Booking).where(
        Booking.multi_day, Booking.ends_at > start, Booking.starts_at < start,
        Booking.status.in_(LISTED))).scalars().all()
    found = sorted({b.id: b for b in [*starting, *running]}.values(),
                   key=lambda b: (b.starts_at, b.id))
    return _rows(uow, tt, found)


def chosen_bookings(uow: UnitOfWork, *, person: str | None = None, kit: str | None = None,
                    since: dt.datetime | None = None) -> list[BookingRow]:
    """Active and fulfilled bookings (from ``since``) of one person, one kit, or everyone."""
    tt = school_timetable(uow)
    q = select(Booking).where(Booking.status.in_(LISTED))
    if since is not None:
        q = q.where(Booking.ends_at > since)
    if person:
        q = q.where(Booking.person_id == get_person(uow, person).id)
    if kit:
        found = uow.session.execute(
            select(Kit).where(Kit.tag_key == tag_key(kit))).scalar_one_or_none()
        if found is None:
            raise NotFound(f"there is no kit with tag {kit.strip()!r}")
        q = q.where(Booking.kit_id == found.id)
    return _rows(uow, tt, list(uow.session.execute(
        q.order_by(Booking.starts_at, Booking.id)).scalars()))


def ics_bytes(rows: list[BookingRow], *, name: str) -> bytes:
    """The bookings as an iCalendar file (one event each; Outlook and Google Calendar)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Loan Kiosk//bookings//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for row in rows:
        ev = Event()
        ev.add("uid", f"booking-{row.id}@loan-kiosk")
        ev.add("summary", f"{row.what} for {row.name}")
        ev.add("dtstart", row.starts_at)
        ev.add("dtend", row.ends_at)
        ev.add("dtstamp", row.starts_at)
        lines = [f"Booking {row.id} ({row.status}) for {row.name} ({row.staff_code})"]
        if row.purpose:
            lines.append(f"Purpose: {row.purpose}")
        if row.tags:
            lines.append("Items: " + ", ".join(row.tags))
        ev.add("description", "\n".join(lines))
        if row.where:
            ev.add("location", "; ".join(row.where))
        cal.add_component(ev)
    return cal.to_ical()
