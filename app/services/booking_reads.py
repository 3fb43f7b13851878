"""Named fast reads of bookings (see :mod:`app.services.locked_rows` for the pattern): the
slot check a desk asks before booking, on the cursor in one indexed statement, and a day's
list as plain rows in one statement (no ORM objects), so both stay near what the database
itself takes (``python -m bench``: rows ``booking-check`` and ``bookings-day``)."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, and_, bindparam, literal_column, or_, select
from sqlalchemy.orm import aliased

from app.keys import tag_key
from app.prepared import Prepared
from app.uow import UnitOfWork
from db.bookings import ITEM_ACTIVE, MULTI_DAY, Booking, BookingItem
from db.kits import Kit
from db.models import Asset, Loan, Person
from db.places import Location, Site

_ASSETS = cast(Table, Asset.__table__)
_ITEMS = cast(Table, BookingItem.__table__)
_BOOKINGS = cast(Table, Booking.__table__)
_LOANS = cast(Table, Loan.__table__)
_PEOPLE = cast(Table, Person.__table__)

_S = bindparam("starts_at", type_=_ITEMS.c.starts_at.type)
_E = bindparam("ends_at", type_=_ITEMS.c.ends_at.type)
_held = (select(_ITEMS.c.booking_id)
         .where(_ITEMS.c.asset_id == _ASSETS.c.id, ITEM_ACTIVE,
                _ITEMS.c.ends_at > _S, _ITEMS.c.starts_at < _E)
         .order_by(_ITEMS.c.ends_at).limit(1).scalar_subquery())
_due = (select(_LOANS.c.due_on)
        .where(_LOANS.c.asset_id == _ASSETS.c.id, _LOANS.c.outcome.is_(None))
        .scalar_subquery())
#: the asset, the booking holding it during the slot (if any), its open loan's due date
_SLOT_CHECK = Prepared(
    select(_ASSETS.c.id, _ASSETS.c.tag, _ASSETS.c.status, _held, _due)
    .where(_ASSETS.c.tag_key == bindparam("key")))


def slot_check(uow: UnitOfWork, tag: str, starts_at: dt.datetime,
               ends_at: dt.datetime) -> tuple[int, str, str, int | None, dt.date | None] | None:
    """(asset id, tag, status, the booking holding it then or None, its open loan's due date
    or None) for the asset tagged ``tag``; None: no such asset."""
    row = uow.fetch_one(_SLOT_CHECK, {"key": tag_key(tag), "starts_at": starts_at,
                                      "ends_at": ends_at})
    return None if row is None else (row[0], row[1], row[2], row[3], row[4])


def touching(start: Any, end: Any) -> ColumnElement[bool]:
    """Bookings touching [start, end): those starting then (``ix_bookings_starts_at``) and
    those begun on an earlier day running into it (``ix_bookings_multi_day``)."""
    return or_(and_(Booking.starts_at >= start, Booking.starts_at < end),
               and_(MULTI_DAY, Booking.ends_at > start, Booking.starts_at < start))


def _rows_query(statuses: tuple[str, ...]) -> Any:
    holder = aliased(Person)
    home = aliased(Location)
    kit_home = aliased(Location)
    # aliased: the code-matching subquery below names Site itself, uncorrelated
    school = aliased(Site)
    listed = Booking.status.in_([literal_column(f"'{s}'") for s in statuses])
    return (select(Booking.id, Booking.status, Booking.kind, Booking.quantity,
                   Booking.pool_kind, Booking.purpose, Booking.series_id, Booking.starts_at,
                   Booking.ends_at, Booking.person_id, Person.first_name, Person.last_name,
                   Person.staff_code, Asset.tag, Asset.status, Asset.location, home.name,
                   home.code, Kit.tag, Kit.name, kit_home.name, kit_home.code,
                   Loan.person_id, holder.first_name, holder.last_name, holder.staff_code,
                   Loan.due_on, school.code, school.name)
            .join(Person, Person.id == Booking.person_id)
            .outerjoin(school, school.id == Booking.site_id)
            .outerjoin(BookingItem, BookingItem.booking_id == Booking.id)
            .outerjoin(Asset, Asset.id == BookingItem.asset_id)
            .outerjoin(home, home.id == Asset.home_location_id)
            .outerjoin(Kit, Kit.id == Booking.kit_id)
            .outerjoin(kit_home, kit_home.id == Kit.home_location_id)
            .outerjoin(Loan, and_(Loan.asset_id == Asset.id, Loan.outcome.is_(None)))
            .outerjoin(holder, holder.id == Loan.person_id)
            .where(listed)
            .order_by(Booking.starts_at, Booking.id, Asset.tag_key))


#: statuses a list shows (cancelled and released bookings hold nothing)
LISTED = ("booked", "ready", "fulfilled")
_LISTED_ROWS = _rows_query(LISTED)
#: a day's list, built once (building this statement cost more than running it)
_DAY_ROWS = _LISTED_ROWS.where(touching(bindparam("start", type_=Booking.starts_at.type),
                                        bindparam("end", type_=Booking.starts_at.type)))


#: the same, of one school (``bookings.site_id``: the school its items are lent from), by its
#: id or by its code (matched here, not asked first: no extra round trip)
_SCHOOL_DAY_ROWS = _DAY_ROWS.where(Booking.site_id == bindparam("site_id"))
_CODE_DAY_ROWS = _DAY_ROWS.where(Booking.site_id == select(Site.id).where(
    Site.code_key == bindparam("site_key")).scalar_subquery())


def day_rows(uow: UnitOfWork, start: dt.datetime, end: dt.datetime,
             school: int | str | None = None) -> list[Any]:
    """Every listed booking touching [start, end) with its person, each held (or lent)
    asset with its home, and the asset's open loan: flat rows, one statement. Of one
    school (:func:`app.services.site_scope.school_key`: its id or code key; None: every
    school's)."""
    if school is None:
        return list(uow.session.execute(_DAY_ROWS, {"start": start, "end": end}))
    if isinstance(school, int):
        return list(uow.session.execute(_SCHOOL_DAY_ROWS,
                                        {"start": start, "end": end, "site_id": school}))
    return list(uow.session.execute(_CODE_DAY_ROWS,
                                    {"start": start, "end": end, "site_key": school}))


def booking_rows(uow: UnitOfWork, *where: ColumnElement[bool]) -> list[Any]:
    """As :func:`day_rows`, for the listed bookings matching ``where``."""
    return list(uow.session.execute(_LISTED_ROWS.where(*where)))
