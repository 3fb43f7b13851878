"""Changing bookings: cancel (one or a whole weekly series), move, mark ready, and let
no-shows go after the grace time (done whenever bookings are next read)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.errors import InvalidInput, NotFound, Refused
from app.services.bookings import (
    Slot,
    _check_slot,
    _refuse_loan,
    clash_text,
    holder,
    pool_use,
    school_timetable,
    spans_days,
    when_text,
)
from app.uow import UnitOfWork
from db.bookings import ACTIVE_STATUSES, Booking, BookingItem
from db.models import Asset


def get_booking(uow: UnitOfWork, booking_id: int, *, for_update: bool = False) -> Booking:
    q = select(Booking).where(Booking.id == booking_id)
    if for_update:
        q = q.with_for_update()
    booking = uow.session.execute(q).scalar_one_or_none()
    if booking is None:
        raise NotFound(f"there is no booking {booking_id}")
    return booking


def _refuse_closed(booking: Booking, what: str) -> None:
    if booking.status not in ACTIVE_STATUSES:
        raise Refused(f"booking {booking.id} is {booking.status}: it cannot be {what}")


def _let_go(uow: UnitOfWork, booking: Booking, status: str, note: str | None) -> None:
    booking.status = status
    booking.changed_at = uow.now
    booking.changed_by = uow.actor.name
    if note:
        booking.note = note
    for item in uow.session.execute(select(BookingItem).where(
            BookingItem.booking_id == booking.id, BookingItem.active)).scalars():
        item.active = False


def cancel_booking(uow: UnitOfWork, booking_id: int, *, series: bool = False,
                   reason: str | None = None) -> list[Booking]:
    """Cancel a booking (``series``: and the later ones of its weekly series)."""
    reason = " ".join((reason or "").split()) or None
    booking = get_booking(uow, booking_id, for_update=True)
    _refuse_closed(booking, "cancelled")
    todo = [booking]
    if series and booking.series_id is not None:
        todo += list(uow.session.execute(
            select(Booking).where(Booking.series_id == booking.series_id,
                                  Booking.id != booking.id,
                                  Booking.starts_at > booking.starts_at,
                                  Booking.status.in_(ACTIVE_STATUSES))
            .order_by(Booking.starts_at).with_for_update()).scalars())
    for b in todo:
        _let_go(uow, b, "cancelled", reason)
        uow.audit("booking_cancelled", b, reason=reason, starts_at=b.starts_at)
    uow.commit()
    return todo


def change_booking(uow: UnitOfWork, booking_id: int, slot: Slot) -> Booking:
    """Move a booking to another time (its assets must be free then)."""
    tt = school_timetable(uow)
    _check_slot(uow, slot)
    booking = get_booking(uow, booking_id, for_update=True)
    _refuse_closed(booking, "changed")
    items = list(uow.session.execute(select(BookingItem).where(
        BookingItem.booking_id == booking.id, BookingItem.active)).scalars())
    for item in items:
        asset = uow.session.get(Asset, item.asset_id)
        assert asset is not None
        found = holder(uow, asset.id, slot, exclude_booking=booking.id)
        if found is not None:
            raise Refused(clash_text(uow, tt, asset, found))
        _refuse_loan(uow, tt, asset, slot)
    before = (booking.starts_at, booking.ends_at)
    booking.starts_at, booking.ends_at = slot.starts_at, slot.ends_at
    booking.multi_day = spans_days(tt, slot)
    booking.changed_at, booking.changed_by = uow.now, uow.actor.name
    for item in items:
        item.starts_at, item.ends_at = slot.starts_at, slot.ends_at
    try:
        uow.session.flush()
    except IntegrityError as exc:
        raise Refused("another desk has just booked that time; look again to see who has "
                      "it") from exc
    if booking.pool_kind is not None:
        busiest, supply = pool_use(uow, tt, booking.site_id, booking.pool_kind, slot)
        if busiest > supply:
            raise Refused(f"not enough {booking.pool_kind}s are free "
                          f"{when_text(tt, slot.starts_at, slot.ends_at)}")
    uow.audit("booking_changed", booking, was_from=before[0], was_to=before[1],
              starts_at=slot.starts_at, ends_at=slot.ends_at)
    uow.commit()
    return booking


def mark_ready(uow: UnitOfWork, booking_id: int, *, ready: bool = True) -> Booking:
    """The desk has got it ready (``ready=False``: take that back)."""
    booking = get_booking(uow, booking_id, for_update=True)
    _refuse_closed(booking, "marked ready" if ready else "changed")
    status = "ready" if ready else "booked"
    if booking.status == status:
        raise Refused(f"booking {booking.id} is already {status}")
    booking.status = status
    booking.changed_at, booking.changed_by = uow.now, uow.actor.name
    uow.audit("booking_ready" if ready else "booking_not_ready", booking)
    uow.commit()
    return booking


def release_no_shows(uow: UnitOfWork) -> list[Booking]:
    """Let go of bookings nobody collected within the grace time of their start. Commits
    only when it released something (nothing to write: nothing written)."""
    grace = dt.timedelta(minutes=uow.settings.bookings.no_show_grace_minutes)
    late = list(uow.session.execute(
        select(Booking).where(Booking.status.in_(ACTIVE_STATUSES),
                              Booking.starts_at <= uow.now - grace)
        .order_by(Booking.id).with_for_update(skip_locked=True)).scalars())
    if not late:
        return []
    ids = [b.id for b in late]
    for b in late:
        b.status, b.changed_at, b.changed_by = "released", uow.now, uow.actor.name
        b.note = "not collected"
    items = list(uow.session.execute(select(BookingItem).where(
        BookingItem.booking_id.in_(ids), BookingItem.active)).scalars())
    for item in items:
        item.active = False
    for b in late:
        uow.audit("booking_released", b, starts_at=b.starts_at,
                  grace_minutes=uow.settings.bookings.no_show_grace_minutes)
    uow.commit()
    return late


def check_purpose(purpose: str | None) -> str | None:
    purpose = " ".join((purpose or "").split()) or None
    if purpose is not None and len(purpose) > 500:
        raise InvalidInput(f"the purpose is too long ({len(purpose)} characters, at most 500)")
    return purpose

