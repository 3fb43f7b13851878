"""Stocktakes: a location (or a whole school) checked against the register by scanning.

A stocktake is started for a location, which takes in its nested sub-locations, or for a
whole site; desks scan what they find into it (several at once), it may be paused and
resumed, and closing it archives a PDF report and keeps it in history. A scan row is
written once per asset and stocktake (``uq_stocktake_scans_asset``), so two desks
scanning the same item record it once; a code matching no asset is kept once per
stocktake as scanned (``uq_stocktake_scans_unknown``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UTCDateTime

#: where a stocktake is: scanning (open), stopped for now (paused), done (closed)
STOCKTAKE_STATUSES = ("open", "paused", "closed")


class Stocktake(Base):
    __tablename__ = "stocktakes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    #: the location checked, with its sub-locations; None: the whole site
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"), index=True)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    started_by: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16), default="open")
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    closed_by: Mapped[str | None] = mapped_column(String(128))
    #: the archived PDF report, relative to the data folder, and its SHA-256
    file: Mapped[str | None] = mapped_column(String(500))
    file_sha256: Mapped[str | None] = mapped_column(String(64))


class StocktakeScan(Base):
    __tablename__ = "stocktake_scans"
    __table_args__ = (
        UniqueConstraint("stocktake_id", "asset_id", name="uq_stocktake_scans_asset"),
        Index("uq_stocktake_scans_unknown", "stocktake_id", "code_key", unique=True,
              sqlite_where=text("asset_id IS NULL"), postgresql_where=text("asset_id IS NULL")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stocktake_id: Mapped[int] = mapped_column(ForeignKey("stocktakes.id"))
    #: the asset scanned; None: the code matched no asset (kept as scanned)
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("assets.id"))
    code: Mapped[str] = mapped_column(String(128))
    code_key: Mapped[str] = mapped_column(String(128))
    scanned_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    scanned_by: Mapped[str] = mapped_column(String(128))
    #: which desk (computer) scanned it
    desk: Mapped[str | None] = mapped_column(String(128))
