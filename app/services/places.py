"""Sites (the trust's schools) and their nested locations: add and find them.

The core every part of issue 20 shares; scoping lists to a site, moves, stocktakes
and kits build on it in their own modules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from app.errors import InvalidInput, NotFound, PermissionDenied, Refused
from app.keys import normalise_code
from app.uow import UnitOfWork
from db.places import LOCATION_KINDS, Location, Site

#: a site or location code: what is typed, printed on labels and scanned (ASCII only, so a
#: look-alike Cyrillic or full-width code can never be a second, different code)
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")


def _code(code: str, what: str, longest: int) -> str:
    import unicodedata

    code = unicodedata.normalize("NFKC", code).strip()
    if not CODE_RE.match(code) or len(code) > longest:
        raise InvalidInput(f"a {what} code is 1-{longest} letters, digits, dots, dashes, "
                           f"slashes or underscores, starting with a letter or digit: {code!r}")
    return code


def _name(name: str, what: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise InvalidInput(f"a {what} name is 1-200 characters")
    return name


def find_site(uow: UnitOfWork, code: str) -> Site | None:
    return uow.session.execute(
        select(Site).where(Site.code_key == normalise_code(code))).scalar_one_or_none()


def get_site(uow: UnitOfWork, code: str) -> Site:
    site = find_site(uow, code)
    if site is None:
        raise NotFound(f"there is no site (school) with the code {code.strip()!r}")
    return site


def find_location(uow: UnitOfWork, code: str) -> Location | None:
    return uow.session.execute(
        select(Location).where(Location.code_key == normalise_code(code))).scalar_one_or_none()


@dataclass(frozen=True)
class PlaceLabel:
    """A location's label, scanned where the desk wants an asset, a kit or a person."""

    code: str
    name: str
    kind: str
    site_code: str
    site_name: str
    active: bool

    def words(self) -> str:
        """"ICT1 is a room, ICT suite 1, at Northfield High School (NHS)"."""
        return (f"{self.code} is a {self.kind}, {self.name}, at {self.site_name} "
                f"({self.site_code})" + ("" if self.active else ", no longer in use"))


def get_location(uow: UnitOfWork, code: str) -> Location:
    location = find_location(uow, code)
    if location is None:
        raise NotFound(f"there is no location with the code {code.strip()!r}")
    return location


def add_site(uow: UnitOfWork, code: str, name: str) -> Site:
    """Add a school to the trust (a trust admin's action; an admin's on a one-school install)."""
    uow.actor.require_admin("add a site")
    code = _code(code, "site", 32)
    if find_site(uow, code) is not None:
        raise Refused(f"there is already a site with the code {code!r}")
    first = uow.session.execute(select(Site.id).limit(1)).first() is None
    site = uow.insert(Site, {"code": code, "code_key": normalise_code(code),
                             "name": _name(name, "site"), "active": True})
    uow.audit("site_added", site, code=code, name=site.name)
    if first:  # the first school: everything that belongs to none is this school's
        from app.services.site_scope import place_unplaced

        place_unplaced(uow, site)
    uow.commit()
    return site


def add_location(uow: UnitOfWork, site_code: str, code: str, name: str, *,
                 kind: str = "room", parent_code: str | None = None) -> Location:
    """Add a room, cupboard, trolley or shelf to a site, optionally inside another location."""
    uow.actor.require_admin("add a location")
    if kind not in LOCATION_KINDS:
        raise InvalidInput(f"a location is one of {', '.join(LOCATION_KINDS)}, not {kind!r}")
    site = get_site(uow, site_code)
    if not uow.actor.may_write_at(site.id):
        raise PermissionDenied(f"only a trust admin or an admin of {site.code} can add a "
                               "location there")
    if not site.active:
        raise Refused(f"{site.code} is closed")
    code = _code(code, "location", 64)
    if find_location(uow, code) is not None:
        raise Refused(f"there is already a location with the code {code!r}")
    parent_id = None
    if parent_code:
        parent = get_location(uow, parent_code)
        if parent.site_id != site.id:
            there = uow.session.get(Site, parent.site_id)
            raise Refused(f"{parent.code} is at another site ({there.code if there else '?'}), "
                          f"not {site.code}: a location goes inside one of its own school's")
        parent_id = parent.id
    location = uow.insert(Location, {
        "site_id": site.id, "parent_id": parent_id, "name": _name(name, "location"),
        "code": code, "code_key": normalise_code(code), "kind": kind, "active": True})
    uow.audit("location_added", location, site=site.code, code=code, name=location.name,
              kind=kind, parent=parent_code)
    uow.commit()
    return location


def location_name(loan: object) -> str | None:
    """The name of the room ``loan`` (any row with a ``location_id``) went to, if any."""
    from sqlalchemy.orm import object_session

    location_id = getattr(loan, "location_id", None)
    if location_id is None:
        return None
    session = object_session(loan)
    location = session.get(Location, location_id) if session is not None else None
    return location.name if location is not None else f"location #{location_id}"
