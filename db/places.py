"""Where things are: a trust's schools (sites) and, in each, nested locations.

A site is one school of a multi-academy trust; a location is a room, a cupboard, a
trolley or a shelf inside a site, possibly inside another location. Assets have a home
site and location and a current location; people and technicians belong to a site; a
loan may go to a location (a trolley lent to a classroom) with a responsible person.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base

#: what a location is (validated by the services)
LOCATION_KINDS = ("room", "cupboard", "trolley", "shelf", "other")


class Site(Base):
    """One school of the trust."""

    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: a short code typed and printed ("NHS"), unique across the trust
    code: Mapped[str] = mapped_column(String(32))
    code_key: Mapped[str] = mapped_column(String(32), unique=True)  # casefolded for lookup
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Location(Base):
    """A room, cupboard, trolley or shelf at a site, optionally inside another location."""

    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    #: a code unique across the trust, printed on the location's label ("NHS-ICT1")
    code: Mapped[str] = mapped_column(String(64))
    code_key: Mapped[str] = mapped_column(String(64), unique=True)  # casefolded for lookup
    kind: Mapped[str] = mapped_column(String(16), default="room")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
