"""Kits: a labelled group of assets lent and returned together.

A laptop trolley of 30, a trip phone case of 12, a laptop with its charger and bag. A kit
has its own tag (scanned like an asset's); each member keeps its own loans and history.
An asset belongs to at most one kit at a time (``kit_members.asset_id`` is unique);
leaving a kit deletes the membership row, and the audit log keeps the history.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UTCDateTime

#: what a kit is (validated by the services)
KIT_KINDS = ("trolley", "case", "bundle", "other")


class Kit(Base):
    __tablename__ = "kits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tag: Mapped[str] = mapped_column(String(64))
    #: casefolded; a kit's tag never equals an asset's (checked by the services)
    tag_key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16), default="bundle")
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"), index=True)
    #: where the kit lives when it is not lent (its members' home location by default)
    home_location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    notes: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class KitMember(Base):
    __tablename__ = "kit_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kit_id: Mapped[int] = mapped_column(ForeignKey("kits.id"), index=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id"), unique=True)
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
