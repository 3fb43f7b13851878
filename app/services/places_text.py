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
    asset is, and whether it is another school's, read-only here (a scan's summary does
    without: it is the hot path)."""
    from app.services.site_scope import read_only_note

    summary_: Any = summary
    return replace(summary_, where=where_text(uow, asset),
                   read_only=read_only_note(uow, asset.site_id, asset.tag))


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


def place_of(uow: UnitOfWork, location_id: int | None) -> dict[str, Any] | None:
    """A location for ``whois --json``: its code, name, path ("NHS › ICT office › Cupboard")
    and school code (None: no location)."""
    if location_id is None:
        return None
    location = uow.session.get(Location, location_id)
    if location is None:
        return None
    return {"code": location.code, "name": location.name,
            "path": location_path(uow, location), "site": site_code(uow, location.site_id)}


def school_of(uow: UnitOfWork, site_id: int | None) -> dict[str, Any] | None:
    """A school for ``whois --json``: its code and name (None: of no school)."""
    from db.places import Site

    site = uow.session.get(Site, site_id) if site_id is not None else None
    return None if site is None else {"code": site.code, "name": site.name}


def asset_places(uow: UnitOfWork, asset: Asset) -> dict[str, Any]:
    """Where an asset belongs and is, for ``whois``: its school, its home location (where
    check-in puts it back), its current location, and :func:`where_text`'s words."""
    return {"site": school_of(uow, asset.site_id),
            "home": place_of(uow, asset.home_location_id),
            "location": place_of(uow, asset.current_location_id),
            "where": where_text(uow, asset)}
