"""Running a trust's schools and rooms: list them, rename, deactivate, nest a location
under another, and read a school's location tree.

Adding and finding live in :mod:`app.services.places` (the core every part of issue 20
shares). A trust admin manages every school; an admin manages their own school's
locations (and, on a one-school install, the school itself).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute

from app.errors import InvalidInput, PermissionDenied, Refused
from app.keys import normalise_code
from app.services.places import _code, _name, find_location, find_site, get_location, get_site
from app.uow import UnitOfWork
from db.models import Asset, Person
from db.places import LOCATION_KINDS, Location, Site


@dataclass(frozen=True)
class SiteRow:
    code: str
    name: str
    active: bool
    locations: int
    assets: int
    people: int


@dataclass(frozen=True)
class LocationNode:
    """One location of a site's tree, in depth-first order (``depth`` 0: at the top)."""

    code: str
    name: str
    kind: str
    active: bool
    depth: int
    parent: str | None
    site: str
    #: assets whose current location this is
    assets: int


def require_site_admin(uow: UnitOfWork, site: Site, what: str) -> None:
    """Only an admin of ``site`` (or a trust admin) may ``what``."""
    uow.actor.require_admin(what)
    if not uow.actor.may_write_at(site.id):
        raise PermissionDenied(f"only a trust admin or an admin of {site.code} can {what}; "
                               f"{uow.actor.name} is at another school")


def list_sites(uow: UnitOfWork, *, include_inactive: bool = True) -> list[SiteRow]:
    """Every school of the trust, with how many locations, assets and people each has."""
    def counts(column: InstrumentedAttribute[int] | InstrumentedAttribute[int | None],
               ) -> dict[int, int]:
        rows = uow.session.execute(select(column, func.count()).group_by(column))
        return {site_id: n for site_id, n in rows if site_id is not None}

    locations = counts(Location.site_id)
    assets = counts(Asset.site_id)
    people = counts(Person.site_id)
    query = select(Site).order_by(Site.code_key)
    if not include_inactive:
        query = query.where(Site.active.is_(True))
    return [SiteRow(s.code, s.name, s.active, locations.get(s.id, 0), assets.get(s.id, 0),
                    people.get(s.id, 0)) for s in uow.session.execute(query).scalars()]


def edit_site(uow: UnitOfWork, code: str, *, name: str | None = None,
              new_code: str | None = None) -> Site:
    """Rename a school, or change its code (what desks' ``[desk] site`` name)."""
    site = get_site(uow, code)
    require_site_admin(uow, site, "rename a school")
    changes: dict[str, object] = {}
    if name is not None and _name(name, "site") != site.name:
        changes["name"] = _name(name, "site")
    if new_code is not None:
        new_code = _code(new_code, "site", 32)
        if new_code != site.code:
            other = find_site(uow, new_code)
            if other is not None and other.id != site.id:
                raise Refused(f"there is already a site with the code {new_code!r}")
            changes.update(code=new_code, code_key=normalise_code(new_code))
    if not changes:
        raise InvalidInput("nothing to change: give a new name or a new code")
    before = {"code": site.code, "name": site.name}
    for key, value in changes.items():
        setattr(site, key, value)
    uow.audit("site_edited", site, before=before, code=site.code, name=site.name)
    uow.commit()
    return site


def set_site_active(uow: UnitOfWork, code: str, active: bool) -> Site:
    """Close a school (it stays in history; nothing new is added to it) or reopen it."""
    site = get_site(uow, code)
    require_site_admin(uow, site, "close or reopen a school")
    if site.active == active:
        raise Refused(f"{site.code} is already {'open' if active else 'closed'}")
    site.active = active
    uow.audit("site_reopened" if active else "site_closed", site, code=site.code)
    uow.commit()
    return site


def _location_site(uow: UnitOfWork, location: Location) -> Site:
    site = uow.session.get(Site, location.site_id)
    assert site is not None
    return site


def edit_location(uow: UnitOfWork, code: str, *, name: str | None = None,
                  kind: str | None = None) -> Location:
    """Rename a location or change what it is (room, cupboard, trolley…)."""
    location = get_location(uow, code)
    require_site_admin(uow, _location_site(uow, location), "change a location")
    before = {"name": location.name, "kind": location.kind}
    if name is not None:
        location.name = _name(name, "location")
    if kind is not None:
        if kind not in LOCATION_KINDS:
            raise InvalidInput(f"a location is one of {', '.join(LOCATION_KINDS)}, not {kind!r}")
        location.kind = kind
    if before == {"name": location.name, "kind": location.kind}:
        raise InvalidInput("nothing to change: give a new name or kind")
    uow.audit("location_edited", location, code=location.code, before=before,
              name=location.name, kind=location.kind)
    uow.commit()
    return location


def set_location_active(uow: UnitOfWork, code: str, active: bool) -> Location:
    """Take a location out of use (it stays in history) or back into use.

    A location with locations still in use inside it cannot be taken out of use (move
    or close them first); one with a closed parent cannot be reopened."""
    location = get_location(uow, code)
    require_site_admin(uow, _location_site(uow, location), "close or reopen a location")
    if location.active == active:
        raise Refused(f"{location.code} is already {'in use' if active else 'out of use'}")
    if not active:
        inside = uow.session.execute(
            select(Location.code).where(Location.parent_id == location.id,
                                        Location.active.is_(True)).limit(3)).scalars().all()
        if inside:
            raise Refused(f"{location.code} still holds {', '.join(inside)}: move or close "
                          "those first")
    elif location.parent_id is not None:
        parent = uow.session.get(Location, location.parent_id)
        if parent is not None and not parent.active:
            raise Refused(f"{location.code} is inside {parent.code}, which is out of use: "
                          "reopen that first or move this out of it")
    location.active = active
    uow.audit("location_reopened" if active else "location_closed", location, code=location.code)
    uow.commit()
    return location


def move_location(uow: UnitOfWork, code: str, parent_code: str | None) -> Location:
    """Put a location inside another of the same school (``None``: at the top)."""
    location = get_location(uow, code)
    require_site_admin(uow, _location_site(uow, location), "move a location")
    parent_id = None
    if parent_code:
        parent = get_location(uow, parent_code)
        if parent.site_id != location.site_id:
            raise Refused(f"{parent.code} is at another school than {location.code}")
        if not parent.active:
            raise Refused(f"{parent.code} is out of use")
        # walk up from the new parent: the location itself must not be on the way
        seen: Location | None = parent
        while seen is not None:
            if seen.id == location.id:
                raise Refused(f"{location.code} cannot go inside {parent.code}: "
                              f"{parent.code} is inside {location.code}")
            seen = (uow.session.get(Location, seen.parent_id)
                    if seen.parent_id is not None else None)
        parent_id = parent.id
    if location.parent_id == parent_id:
        raise Refused(f"{location.code} is there already")
    old = uow.session.get(Location, location.parent_id) if location.parent_id else None
    location.parent_id = parent_id
    uow.audit("location_moved", location, code=location.code,
              before=old.code if old is not None else None, parent=parent_code or None)
    uow.commit()
    return location


def location_tree(uow: UnitOfWork, site_code: str | None = None, *,
                  include_inactive: bool = True) -> list[LocationNode]:
    """Every location of a school (``None``: of every school), depth first, by code."""
    query = select(Location, Site.code).join(Site, Site.id == Location.site_id)
    if site_code is not None:
        query = query.where(Location.site_id == get_site(uow, site_code).id)
    if not include_inactive:
        query = query.where(Location.active.is_(True))
    rows = uow.session.execute(query.order_by(Site.code_key, Location.code_key)).all()
    counts = dict(uow.session.execute(
        select(Asset.current_location_id, func.count()).where(
            Asset.current_location_id.is_not(None)).group_by(Asset.current_location_id)).all())
    by_id = {loc.id: (loc, site) for loc, site in rows}
    children: dict[int | None, list[Location]] = {}
    for loc, _site in rows:
        parent = loc.parent_id if loc.parent_id in by_id else None
        children.setdefault(parent, []).append(loc)
    out: list[LocationNode] = []

    def walk(parent: int | None, depth: int) -> None:
        for loc in children.get(parent, []):
            up = by_id.get(loc.parent_id) if loc.parent_id is not None else None
            out.append(LocationNode(loc.code, loc.name, loc.kind, loc.active, depth,
                                    up[0].code if up else None, by_id[loc.id][1],
                                    int(counts.get(loc.id, 0))))
            walk(loc.id, depth + 1)

    walk(None, 0)
    return out


def location_path(uow: UnitOfWork, location: Location) -> str:
    """``Site › Room › Cupboard``: where a location is, for a person to read."""
    names = [location.name]
    seen = location
    for _ in range(32):  # nesting is shallow; a loop cannot be made (move_location refuses)
        if seen.parent_id is None:
            break
        up = uow.session.get(Location, seen.parent_id)
        if up is None:
            break
        names.append(up.name)
        seen = up
    site = uow.session.get(Site, location.site_id)
    if site is not None:
        names.append(site.code)
    return " › ".join(reversed(names))


__all__ = ["LocationNode", "SiteRow", "edit_location", "edit_site", "find_location",
           "list_sites", "location_path", "location_tree", "move_location",
           "require_site_admin", "set_location_active", "set_site_active"]
