"""Bookings (reservations): an asset, a kit or "N of a kind" held for a member of staff.

A booking is made for a person over a time range (UTC). What it holds is in
``booking_items``: one row per asset for an asset or kit booking, each with the booking's
range. The clash rule applies to those rows: no two *active* items of one asset overlap.
PostgreSQL decides it with an exclusion constraint (``btree_gist``); SQLite with triggers
that abort the insert or update (both made by migration ``i24_bookings``, not by the
models). A pool booking ("12 phones") holds a count (``quantity`` of ``pool_kind`` at a
site) and has no items: its count is checked under a lock (:mod:`app.services.bookings`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UTCDateTime

#: what a booking holds
BOOKING_KINDS = ("asset", "kit", "pool")
#: booked: waiting; ready: the desk got it ready; fulfilled: lent to the booker;
#: cancelled: by someone; released: a no-show, let go after the grace time
BOOKING_STATUSES = ("booked", "ready", "fulfilled", "cancelled", "released")
#: statuses that still hold their assets or count
ACTIVE_STATUSES = ("booked", "ready")


class Booking(Base):
    __tablename__ = "bookings"
    __table_args__ = (
        Index("ix_bookings_starts_at", "starts_at"),
        Index("ix_bookings_person_id", "person_id", "starts_at"),
        Index("ix_bookings_pool", "pool_kind", "starts_at",
              sqlite_where=text("pool_kind IS NOT NULL"),
              postgresql_where=text("pool_kind IS NOT NULL")),
        # a day's list: those starting that day (ix_bookings_starts_at) and the few that
        # began on an earlier day and run into it (this one)
        Index("ix_bookings_multi_day", "ends_at",
              sqlite_where=text("multi_day"), postgresql_where=text("multi_day")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: for whom (who collects it and whose loan fulfils it)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    made_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    made_by: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(8))
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("assets.id"))
    kit_id: Mapped[int | None] = mapped_column(ForeignKey("kits.id"))
    #: a pool booking: this many assets of this kind (ASSET_KINDS) at ``site_id``
    pool_kind: Mapped[str | None] = mapped_column(String(16))
    quantity: Mapped[int | None] = mapped_column(Integer)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"))
    purpose: Mapped[str | None] = mapped_column(String(500))
    starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    #: it runs past midnight (school time) of the day it starts
    multi_day: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12), default="booked")
    #: a weekly booking's occurrences share the id of the first
    series_id: Mapped[int | None] = mapped_column(Integer, index=True)
    changed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    changed_by: Mapped[str | None] = mapped_column(String(128))
    #: why it was cancelled or overridden (free text)
    note: Mapped[str | None] = mapped_column(Text)


#: ``WHERE active`` / ``WHERE multi_day`` written as the partial indexes are: SQLAlchemy would
#: write ``active = 1`` on SQLite, which SQLite cannot match to an index ``WHERE active``
ITEM_ACTIVE = text("booking_items.active")
MULTI_DAY = text("bookings.multi_day")


class BookingItem(Base):
    """One asset held by a booking over its range; the rows the clash rule applies to."""

    __tablename__ = "booking_items"
    __table_args__ = (
        Index("ix_booking_items_asset_active", "asset_id", "ends_at",
              sqlite_where=text("active"), postgresql_where=text("active")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id"), index=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id"))
    starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    #: held (the booking is booked or ready and this asset not yet lent to the booker)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
