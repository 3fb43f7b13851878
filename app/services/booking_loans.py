"""Where lending meets bookings (called by :func:`app.services.loans.check_out`).

A check-out reads each asset's next active booking with one indexed statement on the
cursor (:class:`app.prepared.Prepared`, as the rest of the hot path):

- the borrower's own booking: lending it (early or on time) fulfils it, and the loan is
  due when the booking ends unless a due date was given;
- someone else's booking on a later day: the due date is capped at the booking's start;
- someone else's booking that has begun or begins today: refused unless the technician
  gives a reason to override (audited).

A pool booking ("12 phones") of the borrower's that is running or starts today is
fulfilled by lending them an asset of that kind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import Table, bindparam, literal_column, select

from app.errors import Refused
from app.prepared import Prepared
from app.timetable import Timetable, timetable
from app.uow import UnitOfWork
from db.bookings import ACTIVE_STATUSES, ITEM_ACTIVE, Booking, BookingItem
from db.models import Asset, Person

_ITEMS = cast(Table, BookingItem.__table__)
_BOOKINGS = cast(Table, Booking.__table__)
_PEOPLE = cast(Table, Person.__table__)

# the asset's next active booking: one seek of ix_booking_items_asset_active
_NEXT_HOLD = Prepared(
    select(_ITEMS.c.id, _ITEMS.c.booking_id, _ITEMS.c.starts_at, _ITEMS.c.ends_at,
           _BOOKINGS.c.person_id, _PEOPLE.c.first_name, _PEOPLE.c.last_name,
           _PEOPLE.c.staff_code)
    .join(_BOOKINGS, _BOOKINGS.c.id == _ITEMS.c.booking_id)
    .join(_PEOPLE, _PEOPLE.c.id == _BOOKINGS.c.person_id)
    .where(_ITEMS.c.asset_id == bindparam("asset_id"), ITEM_ACTIVE,
           _ITEMS.c.ends_at > bindparam("now", type_=_ITEMS.c.ends_at.type))
    .order_by(_ITEMS.c.ends_at).limit(1))
# the borrower's pool booking of a kind that is running or starts today (ix_bookings_person_id)
_POOL_BOOKING = Prepared(
    select(_BOOKINGS.c.id)
    .where(_BOOKINGS.c.person_id == bindparam("person_id"),
           _BOOKINGS.c.starts_at < bindparam("day_ends", type_=_BOOKINGS.c.starts_at.type),
           _BOOKINGS.c.ends_at > bindparam("now", type_=_BOOKINGS.c.ends_at.type),
           _BOOKINGS.c.pool_kind == bindparam("kind"),
           # literal, not a bound list: a prepared statement has no "expanding" parameters
           _BOOKINGS.c.status.in_([literal_column(f"'{s}'") for s in ACTIVE_STATUSES]))
    .order_by(_BOOKINGS.c.starts_at).limit(1))


class BookedForSomeoneElse(Refused):
    """A check-out would run into another person's booking that begins today or has
    begun: lend another, or give a reason to override (``booking_override``)."""


@dataclass(frozen=True)
class Hold:
    item_id: int
    booking_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    person_id: int
    who: str


@dataclass
class LoanBookings:
    """What bookings did to one check-out: notes to show, the due date to use."""

    notes: list[str] = field(default_factory=list)
    fulfilled: list[int] = field(default_factory=list)
    overridden: list[tuple[int, str]] = field(default_factory=list)


def next_hold(uow: UnitOfWork, asset_id: int) -> Hold | None:
    row = uow.fetch_one(_NEXT_HOLD, {"asset_id": asset_id, "now": uow.now})
    if row is None:
        return None
    return Hold(row[0], row[1], row[2], row[3], row[4],
                f"{row[5]} {row[6]}".strip() + f" ({row[7]})")


def _day(tt: Timetable, moment: dt.datetime) -> str:
    local = tt.local(moment)
    return f"{local:%a} {local.day} {local:%b} {local:%H:%M}"


def _fulfil(uow: UnitOfWork, hold: Hold, tag: str, out: LoanBookings) -> None:
    item = uow.session.get(BookingItem, hold.item_id, with_for_update=True)
    booking = uow.session.get(Booking, hold.booking_id, with_for_update=True)
    assert item is not None and booking is not None
    item.active = False
    uow.session.flush()
    still = uow.session.execute(select(BookingItem.id).where(
        BookingItem.booking_id == booking.id, BookingItem.active).limit(1)).first()
    if still is None:
        booking.status, booking.changed_at, booking.changed_by = \
            "fulfilled", uow.now, uow.actor.name
    uow.audit("booking_fulfilled", booking, tag=tag)
    out.fulfilled.append(booking.id)
    out.notes.append(f"note: this loan fulfils booking {booking.id}")


def due_with_bookings(uow: UnitOfWork, asset: Asset, person: Person, wanted: dt.date,
                      due_given: bool, override: str | None, out: LoanBookings) -> dt.date:
    """The due date for lending ``asset`` to ``person`` given the asset's bookings."""
    hold = next_hold(uow, asset.id)
    if hold is None:
        return wanted
    tt = timetable(uow.settings.timetable)
    if hold.person_id == person.id:
        _fulfil(uow, hold, asset.tag, out)
        if not due_given:
            wanted = tt.local(hold.ends_at - dt.timedelta(microseconds=1)).date()
        hold = next_hold(uow, asset.id)
        if hold is None:
            return wanted
    if tt.at(wanted, dt.time()) <= hold.starts_at:
        return wanted  # back before the next booking starts
    today = tt.local(uow.now).date()
    starts_day = tt.local(hold.starts_at).date()
    if starts_day > today:
        out.notes.append(f"note: due date brought forward to {starts_day.isoformat()}: "
                         f"{asset.tag} is booked for {hold.who} from "
                         f"{_day(tt, hold.starts_at)} (booking {hold.booking_id})")
        return starts_day
    reason = " ".join((override or "").split())
    if not reason:
        raise BookedForSomeoneElse(
                      f"{asset.tag} is booked for {hold.who} from {_day(tt, hold.starts_at)} "
                      f"(booking {hold.booking_id}): lend another, or give a reason to "
                      "override the booking")
    booking = uow.session.get(Booking, hold.booking_id)
    assert booking is not None
    uow.audit("booking_overridden", booking, tag=asset.tag, reason=reason,
              lent_to=person.staff_code)
    out.overridden.append((hold.booking_id, reason))
    out.notes.append(f"warning: {asset.tag} was booked for {hold.who} (booking "
                     f"{hold.booking_id}); lent anyway: {reason}")
    return wanted


def fulfil_pool(uow: UnitOfWork, person: Person, kind: str, out: LoanBookings) -> None:
    """A pool booking of the borrower's for ``kind``, running or starting today, is
    fulfilled by this loan."""
    tt = timetable(uow.settings.timetable)
    day_ends = tt.day_bounds(tt.local(uow.now).date())[1]
    row = uow.fetch_one(_POOL_BOOKING, {"person_id": person.id, "day_ends": day_ends,
                                        "now": uow.now, "kind": kind})
    if row is None or row[0] in out.fulfilled:
        return
    booking = uow.session.get(Booking, row[0], with_for_update=True)
    assert booking is not None
    booking.status, booking.changed_at, booking.changed_by = "fulfilled", uow.now, uow.actor.name
    uow.audit("booking_fulfilled", booking, kind=booking.pool_kind)
    out.fulfilled.append(booking.id)
    out.notes.append(f"note: this loan fulfils booking {booking.id} "
                     f"({booking.quantity} × {booking.pool_kind})")
