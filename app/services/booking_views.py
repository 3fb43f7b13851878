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
from app.services.booking_reads import booking_rows, day_rows
from app.services.bookings import school_timetable, when_text
from app.services.lookup import get_person
from app.timetable import Timetable
from app.uow import UnitOfWork
from db.bookings import ACTIVE_STATUSES, Booking
from db.kits import Kit


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
    #: the school its items are lent from: code and name (read in the list's statement)
    site: str | None = None
    school: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status, "kind": self.kind, "what": self.what,
                "tags": self.tags, "staff_code": self.staff_code, "name": self.name,
                "from": self.starts_at.isoformat(), "to": self.ends_at.isoformat(),
                "purpose": self.purpose, "series_id": self.series_id, "where": self.where,
                "warnings": self.warnings, "site": self.site}


def _what(b: Booking, kit: Kit | None, tags: list[str]) -> str:
    if b.kind == "pool":
        return f"{b.quantity} × {b.pool_kind}"
    if kit is not None:
        return f"kit {kit.tag} ({kit.name}, {len(tags)} items)"
    return tags[0] if tags else "?"


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _times(tt: Timetable, a: dt.datetime, z: dt.datetime) -> tuple[str, str]:
    """(``when_text``, the hours: "08:50–09:50" within one day, else both days and times);
    written without ``strftime``, which was most of a day's list's own time."""
    a, z = tt.local(a), tt.local(z)
    if a.date() == z.date():
        hours = f"{a.hour:02d}:{a.minute:02d}–{z.hour:02d}:{z.minute:02d}"
        return f"{_DAYS[a.weekday()]} {a.day} {_MONTHS[a.month - 1]} {a.year} {hours}", hours
    return when_text(tt, a, z), (
        f"{_DAYS[a.weekday()]} {a.day} {_MONTHS[a.month - 1]} {a.hour:02d}:{a.minute:02d} –\n"
        f"{_DAYS[z.weekday()]} {z.day} {_MONTHS[z.month - 1]} {z.hour:02d}:{z.minute:02d}")


def _place(name: str | None, code: str | None) -> str | None:
    return f"{name} ({code})" if name else None


def _from_rows(tt: Timetable, rows: list[Any]) -> list[BookingRow]:
    """Flat rows (:func:`app.services.booking_reads.day_rows`) as one BookingRow each."""
    out: dict[int, BookingRow] = {}
    for (bid, status, kind, quantity, pool_kind, purpose, series_id, starts_at, ends_at,
         person_id, first, last, code, tag, a_status, a_location, home_name, home_code,
         kit_tag, kit_name, kit_home, kit_home_code, lent_to, h_first, h_last, h_code,
         due_on, site_code, site_name) in rows:
        row = out.get(bid)
        if row is None:
            if kind == "pool":
                what = f"{quantity} × {pool_kind}"
            elif kit_tag is not None:
                what = f"kit {kit_tag} ({kit_name}, ? items)"
            else:
                what = tag or "?"
            when, hours = _times(tt, starts_at, ends_at)
            row = out[bid] = BookingRow(
                bid, status, kind, what, [], f"{first} {last}".strip(), code, starts_at,
                ends_at, when, purpose, series_id, hours, site=site_code, school=site_name)
            kit_place = _place(kit_home, kit_home_code)
            if kit_place:
                row.where.append(kit_place)
        if tag is None:
            continue
        row.tags.append(tag)
        if kit_tag is None:
            place = _place(home_name, home_code) or a_location
            if place and place not in row.where:
                row.where.append(place)
        if status not in ACTIVE_STATUSES:
            continue
        if lent_to is not None and lent_to != person_id:
            row.warnings.append(f"{tag} is still out with {h_first} {h_last} ({h_code}), "
                                f"due {due_on.isoformat()}")
        elif a_status in ("in_repair", "lost", "retired"):
            row.warnings.append(f"{tag} is {a_status.replace('_', ' ')}")
    for row in out.values():
        if row.kind == "kit":
            row.what = row.what.replace("? items", f"{len(row.tags)} items")
    return list(out.values())


def _site_id(uow: UnitOfWork, site: str | None) -> int | None:
    from app.services.site_scope import resolve_scope

    return resolve_scope(uow, site).site_id


def day_bookings(uow: UnitOfWork, day: dt.date, days: int = 1, *,
                 site: str | None = None) -> list[BookingRow]:
    """The bookings that touch ``day`` (and the ``days - 1`` after it), by start time: of the
    desk's school (where their items are lent from), or of the school ``site`` names (ALL:
    every school's)."""
    tt = school_timetable(uow)
    start = tt.day_bounds(day)[0]
    end = tt.day_bounds(day + dt.timedelta(days=days - 1))[1]
    from app.services.site_scope import school_key

    return _from_rows(tt, day_rows(uow, start, end, school_key(uow, site)))


def chosen_bookings(uow: UnitOfWork, *, person: str | None = None, kit: str | None = None,
                    since: dt.datetime | None = None,
                    site: str | None = None) -> list[BookingRow]:
    """Active and fulfilled bookings (from ``since``) of one person, one kit, or everyone: of
    the desk's school, or the school ``site`` names (ALL: every school's). One person's or
    one kit's are theirs, whatever the school."""
    tt = school_timetable(uow)
    where = []
    if not person and not kit:
        site_id = _site_id(uow, site)
        if site_id is not None:
            where.append(Booking.site_id == site_id)
    if since is not None:
        where.append(Booking.ends_at > since)
    if person:
        where.append(Booking.person_id == get_person(uow, person).id)
    if kit:
        found = uow.session.execute(
            select(Kit).where(Kit.tag_key == tag_key(kit))).scalar_one_or_none()
        if found is None:
            raise NotFound(f"there is no kit with tag {kit.strip()!r}")
        where.append(Booking.kit_id == found.id)
    return _from_rows(tt, booking_rows(uow, *where))


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
