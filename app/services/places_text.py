"""Where an asset is, in words for its card and ``whois``."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar

from app.services.site_admin import location_path
from app.services.site_scope import site_code
from app.uow import UnitOfWork
from db.models import Asset
from db.places import Location

S = TypeVar("S")


def with_where(uow: UnitOfWork, asset: Asset, summary: S) -> S:
    """An asset card's summary (:class:`app.services.cards.AssetSummary`) saying where the
    asset is (a scan's summary does without: it is the hot path)."""
    summary_: Any = summary
    return replace(summary_, where=where_text(uow, asset))


def where_text(uow: UnitOfWork, asset: Asset) -> str:
    """"At NHS › ICT office", "At NHS › Library (home: NHS › ICT office)", "At NHS", or ""
    (no school, no location: a one-school install that never set any up)."""
    current = (uow.session.get(Location, asset.current_location_id)
               if asset.current_location_id is not None else None)
    home = (uow.session.get(Location, asset.home_location_id)
            if asset.home_location_id is not None else None)
    if current is None and home is None:
        return f"At {site_code(uow, asset.site_id)}" if asset.site_id is not None else ""
    at = location_path(uow, current) if current is not None else site_code(uow, asset.site_id)
    if home is not None and (current is None or home.id != current.id):
        return f"At {at} (home: {location_path(uow, home)})"
    return f"At {at}"
