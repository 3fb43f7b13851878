"""``Site`` and ``Location`` cells of the imports: which school a row belongs to, and the
location an asset lives at (Snipe-IT's ``Location`` / ``Default Location`` too).

A ``Site`` cell names a school by its code (or its name); blank or no column: the desk's
school (a one-school install's only school). A ``Location`` cell names a location by its
code, or by its name within the row's school; an unknown name becomes a new room of that
school (listed by ``--dry-run`` as one it would create). A technician imports only rows
of their own school, unless a trust admin.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlalchemy import select

from app.imports import cells
from app.imports.cells import RowRejected, shown
from app.keys import normalise_code
from app.services.site_scope import DEFAULT_SITE_CODE, home_site_id, place_unplaced
from app.uow import UnitOfWork
from db.places import Location, Site

#: a location name is at most this long (the column's size)
NAME_LEN = 200


class Places:
    """Sites and locations as an import finds and (unless a dry run) makes them."""

    def __init__(self, uow: UnitOfWork, *, dry_run: bool) -> None:
        self.uow = uow
        self.dry_run = dry_run
        #: "CODE (name) at SITE" of each location the import makes (or would make)
        self.created: list[str] = []
        self._planned = -1  # dry run: stand-in ids of what is not made
        self._loaded = False
        self._default: int | None = None
        self._sites: dict[str, tuple[int, str, bool]] = {}
        self._codes: dict[int, str] = {}
        self._by_code: dict[str, tuple[int, int]] = {}  # code key -> (id, site id)
        self._by_name: dict[tuple[int, str], int] = {}  # (site id, name casefolded) -> id

    def _load(self) -> None:
        """Read the sites and locations, once, when a row first needs them (a re-import
        that changes nothing never does)."""
        if self._loaded:
            return
        self._loaded = True
        session = self.uow.session
        for site in session.execute(select(Site)).scalars():
            entry = (site.id, site.code, site.active)
            self._sites[site.code_key] = entry
            self._sites.setdefault(_name_key(site.name), entry)
            self._codes[site.id] = site.code
        for loc in session.execute(select(Location).order_by(Location.id)).scalars():
            self._by_code[loc.code_key] = (loc.id, loc.site_id)
            self._by_name.setdefault((loc.site_id, _name_key(loc.name)), loc.id)
        self._default = home_site_id(self.uow)
        if self._default is None and not self._codes:
            self._default = self._first_school()

    def _first_school(self) -> int:
        """A database with no school yet gets its one school (as on opening it, see
        :func:`app.services.site_scope.settle_sites`), so what is imported has one."""
        code = DEFAULT_SITE_CODE
        if self.dry_run:
            site_id = self._planned
            self._planned -= 1
        else:
            name = " ".join(self.uow.settings.school.name.split())[:200] or "Our school"
            site = self.uow.insert(Site, {"code": code, "code_key": normalise_code(code),
                                          "name": name, "active": True})
            self.uow.audit("site_added", site, code=code, name=name, default=True)
            place_unplaced(self.uow, site)
            site_id = site.id
        self._sites[normalise_code(code)] = (site_id, code, True)
        self._codes[site_id] = code
        return site_id

    @property
    def default_site(self) -> int | None:
        """The school of a new row without a Site cell: the desk's."""
        self._load()
        return self._default

    def code(self, site_id: int | None) -> str:
        self._load()
        return self._codes.get(site_id or 0, "another school")

    def site(self, cell: str | None) -> int | None:
        """The school a Site cell names (blank: the desk's school)."""
        text = cells.text(cell, "Site", 200)
        if text is None:
            return self.default_site
        self._load()
        entry = self._sites.get(normalise_code(text)) or self._sites.get(_name_key(text))
        if entry is None:
            raise RowRejected(f"Site {shown(text)} is not a school of the trust ('loan-kiosk "
                              "site list' shows them)")
        if not entry[2]:
            raise RowRejected(f"Site {shown(entry[1])} is closed")
        return entry[0]

    def may_write(self, site_id: int | None, what: Callable[[], str]) -> None:
        """Refuse the row if it is (or would become) another school's. ``what`` names the
        row for the refusal (called only to refuse: quoting a code with :func:`shown` for
        every row was a tenth of an import's validation)."""
        if not self.uow.actor.may_write_at(site_id):
            code = self.code(site_id)
            raise RowRejected(f"{what()} belongs to {code}: only a trust admin or a technician "
                              f"of {code} can import it")

    def location(self, cell: str | None, site_id: int | None, label: str) -> int | None:
        """The location a Location cell names at ``site_id`` (made if new; blank: None)."""
        text = cells.text(cell, label, NAME_LEN)
        if text is None:
            return None
        self._load()
        by_code = self._by_code.get(normalise_code(text))
        if by_code is not None:
            if site_id is not None and by_code[1] != site_id:
                raise RowRejected(f"{label} {shown(text)} is at another school than the row's")
            return by_code[0]
        if site_id is None:
            raise RowRejected(f"{label} {shown(text)}: say which school it is at, with a Site "
                              "column or the school the import is made for (--site CODE; at "
                              "a desk, its [desk] site); 'loan-kiosk site list' shows them")
        key = (site_id, _name_key(text))
        if key in self._by_name:
            return self._by_name[key]
        return self._make(site_id, text)

    def _make(self, site_id: int, name: str) -> int:
        site = self._codes[site_id]
        code = self._new_code(site, name)
        self.created.append(f"{code} ({name}) at {site}")
        if self.dry_run:
            loc_id = self._planned
            self._planned -= 1
        else:
            loc = self.uow.insert(Location, {
                "site_id": site_id, "parent_id": None, "name": name, "code": code,
                "code_key": normalise_code(code), "kind": "room", "active": True})
            self.uow.audit("location_added", loc, site=site, code=code, name=name, kind="room",
                           parent=None, imported=True)
            loc_id = loc.id
        self._by_code[normalise_code(code)] = (loc_id, site_id)
        self._by_name[(site_id, _name_key(name))] = loc_id
        return loc_id

    def _new_code(self, site: str, name: str) -> str:
        slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").upper()[:40] or "LOCATION"
        code, n = f"{site}-{slug}", 2
        while normalise_code(code) in self._by_code:
            code, n = f"{site}-{slug}-{n}", n + 1
        return code


def _name_key(text: str) -> str:
    return " ".join(text.split()).casefold()
