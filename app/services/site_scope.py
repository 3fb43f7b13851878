"""Which school a desk, a list or a new row belongs to, and the one-school default.

Each desk is set to its school (``[desk] site`` in the settings, ``--site`` /
``LOAN_KIOSK_SITE`` on the command line); without one, the signed-in technician's
school. Lists, reports, the dashboard and labels show that school's rows by default,
and every school's with ``ALL``. New people and assets belong to it.

A database from before sites (or a new one) has no school at all:
:func:`settle_sites` makes one (``MAIN``, named after ``[school] name``) and puts
every person, asset and technician with no school into it, with the legacy free-text
``assets.location`` turned into locations, in one audited transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select

from app.errors import NotFound, Refused
from app.keys import normalise_code
from app.uow import UnitOfWork
from db.models import Asset, Person, Technician
from db.places import Location, Site

#: ``--site ALL``: every school
ALL = "ALL"
#: the code of the school a one-school install gets
DEFAULT_SITE_CODE = "MAIN"


@dataclass(frozen=True)
class Scope:
    """The rows a list shows: one school's (``site_id``) or every school's (None)."""

    site_id: int | None
    code: str | None
    name: str

    @property
    def all_schools(self) -> bool:
        return self.site_id is None

    def label(self) -> str:
        return "All schools" if self.site_id is None else f"{self.name} ({self.code})"


EVERY_SCHOOL = Scope(None, None, "All schools")


def desk_site_choice(uow: UnitOfWork) -> str:
    """The desk's own school setting (``[desk] site``; "" when not set)."""
    return uow.settings.desk.site.strip()


def desk_school_name(uow: UnitOfWork) -> str:
    """The name a desk (or a command) goes by — its header, its receipts and the PDFs it
    prints: the school ``[desk] site`` (``--site``, ``LOAN_KIOSK_SITE``) names, else (no
    school set, ``ALL``, or a code that names none) the ``[school] name`` setting."""
    choice = desk_site_choice(uow)
    if choice and choice.upper() != ALL:
        name = uow.session.execute(
            select(Site.name).where(Site.code_key == normalise_code(choice))).scalar_one_or_none()
        if name:
            return str(name)
    return uow.settings.school.name


def resolve_scope(uow: UnitOfWork, choice: str | None = None) -> Scope:
    """The school a list shows: ``choice`` (a code, or ALL), else the desk's school, else
    the technician's, else the only school there is (else every school). Asked again in
    the same unit of work (a list, then its heading), it is answered without a query."""
    known: dict[str | None, Scope] = uow.session.info.setdefault("site_scope", {})
    key = None if choice is None or not choice.strip() else choice.strip().upper()
    if key not in known:
        known[key] = _resolve_scope(uow, choice)
    return known[key]


def _resolve_scope(uow: UnitOfWork, choice: str | None) -> Scope:
    for wanted in (choice, desk_site_choice(uow)):
        if wanted is None or not wanted.strip():
            continue
        if wanted.strip().upper() == ALL:
            return EVERY_SCHOOL
        site = uow.session.execute(
            select(Site).where(Site.code_key == normalise_code(wanted))).scalar_one_or_none()
        if site is None:
            raise NotFound(f"there is no school (site) with the code {wanted.strip()!r}; "
                           f"'loan-kiosk site list' shows them, or use {ALL}")
        return Scope(site.id, site.code, site.name)
    site_id = uow.actor.site_id
    if site_id is not None:
        site = uow.session.get(Site, site_id)
        if site is not None:
            return Scope(site.id, site.code, site.name)
    sites = uow.session.execute(select(Site).limit(2)).scalars().all()
    if len(sites) == 1:
        return Scope(sites[0].id, sites[0].code, sites[0].name)
    return EVERY_SCHOOL


@dataclass(frozen=True)
class ListScope:
    """What a desk list's heading says about whose rows it shows."""

    #: "Example Academy (EXA)" or "All schools"
    label: str
    #: how many schools the trust has (one: nothing to choose between, no "All schools" box)
    schools: int
    all_schools: bool

    @property
    def several(self) -> bool:
        """The list can hold rows of several schools: its rows say whose each is."""
        return self.all_schools and self.schools > 1

    def heading(self, title: str) -> str:
        """``title``, with whose rows when the trust has several schools."""
        return f"{title} — {self.label}" if self.schools > 1 else title


def list_scope(uow: UnitOfWork, choice: str | None = None) -> ListScope:
    """Whose rows a list of ``choice`` (as :func:`resolve_scope`) shows, for its heading."""
    scope = resolve_scope(uow, choice)
    schools = uow.session.execute(select(func.count(Site.id))).scalar_one()
    return ListScope(scope.label(), int(schools), scope.all_schools)


def school_key(uow: UnitOfWork, choice: str | None = None) -> int | str | None:
    """The school :func:`resolve_scope` would choose, without asking the database: the
    technician's school's id (an int), a desk's or a command's code as its key (a str, to
    match ``sites.code_key`` in the list's own statement), or None (every school; a trust
    of one school has nothing else). For a type-ahead search and the day's bookings, which
    must cost no extra round trip; an unknown code matches nothing (a command's ``--site`` is
    checked by :func:`resolve_scope`, a desk's setting where it is set)."""
    for wanted in (choice, desk_site_choice(uow)):
        if wanted is None or not wanted.strip():
            continue
        if wanted.strip().upper() == ALL:
            return None
        return normalise_code(wanted)
    return uow.actor.site_id


def scope_where(uow: UnitOfWork, column: Any, choice: str | None = None
                ) -> ColumnElement[bool] | None:
    """``column`` (a ``site_id``) of the school :func:`school_key` names, in the list's own
    statement (None: every school)."""
    key = school_key(uow, choice)
    if key is None:
        return None
    if isinstance(key, int):
        return column == key
    return column == select(Site.id).where(Site.code_key == key).scalar_subquery()


def every_school_shown(uow: UnitOfWork, choice: str | None = None) -> bool:
    """A command's list of ``choice`` (as :func:`resolve_scope`, asked again without a query)
    shows every school's rows, so each row names its school."""
    return resolve_scope(uow, choice).all_schools


def note_schools(uow: UnitOfWork, sites: Iterable[Site | None]) -> None:
    """Remember the schools a list's statement read with its rows, for :func:`school_of`
    (the session's identity map holds unchanged rows only while something refers to them)."""
    known: dict[int, tuple[str, str]] = uow.session.info.setdefault("site_names", {})
    for site in sites:
        if site is not None:
            known[site.id] = (site.code, site.name)


def school_of(uow: UnitOfWork, site_id: int | None) -> tuple[str, str] | None:
    """A row's school as (code, name): for a list whose statement read its rows' ``Site`` too
    (:func:`note_schools`), this asks the database nothing."""
    if site_id is None:
        return None
    known: dict[int, tuple[str, str]] = uow.session.info.setdefault("site_names", {})
    if site_id not in known:
        site = uow.session.get(Site, site_id)
        if site is None:
            return None
        known[site_id] = (site.code, site.name)
    return known[site_id]


def home_site_id(uow: UnitOfWork) -> int | None:
    """The school a new person or asset added at this desk belongs to (None: unknown)."""
    scope = resolve_scope(uow)
    if scope.site_id is not None:
        return scope.site_id
    return uow.actor.site_id


def site_code(uow: UnitOfWork, site_id: int | None) -> str:
    if site_id is None:
        return "no school"
    site = uow.session.get(Site, site_id)
    return site.code if site is not None else f"site #{site_id}"


def require_write_at(uow: UnitOfWork, site_id: int | None, what: str) -> None:
    """Refuse ``what`` on a row of another school than the technician's (a trust admin may)."""
    if not uow.actor.may_write_at(site_id):
        code = site_code(uow, site_id)
        raise Refused(f"{what} belongs to {code}: only a trust admin or a technician of "
                      f"{code} can change it (you can still look it up)")


def read_only_note(uow: UnitOfWork, site_id: int | None, what: str) -> str:
    """For a card of another school's asset or person (a scan finds any school's): why this
    technician can look but not change it ("" when they may change it)."""
    if uow.actor.may_write_at(site_id):
        return ""
    known = school_of(uow, site_id)
    school = f"{known[1]} ({known[0]})" if known is not None else site_code(uow, site_id)
    code = known[0] if known is not None else school
    return (f"{what} belongs to another school, {school}: you can look it up, but only a "
            f"trust admin or a technician of {code} can change it.")


# -- the one-school default ---------------------------------------------------------------


@dataclass(frozen=True)
class Settled:
    """What :func:`settle_sites` did."""

    site: str
    people: int
    assets: int
    technicians: int
    locations: int


def _location_code(site: str, text: str, taken: set[str]) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").upper()[:40] or "LOCATION"
    code = f"{site}-{slug}"
    n = 2
    while normalise_code(code) in taken:
        code = f"{site}-{slug}-{n}"
        n += 1
    taken.add(normalise_code(code))
    return code


def needs_settling(uow: UnitOfWork) -> bool:
    """True while the database has no school yet but has people or assets (a database from
    before sites, or a one-school install that never named its school). Technicians alone
    do not count: a new database's first technician is added before any school, and a
    command refused for want of a PIN must not write on opening (the first school, or
    the first import, takes them in)."""
    if uow.session.execute(select(Site.id).limit(1)).first() is not None:
        return False
    return any(uow.session.execute(select(model.id).limit(1)).first() is not None
               for model in (Person, Asset))


def settle_sites(uow: UnitOfWork, school_name: str) -> Settled | None:
    """Give a database without schools its one school and put every row in it.

    Nothing to do (None) once any school exists, or while there is nothing to place.
    Otherwise one transaction, audited: the school ``MAIN`` named ``school_name``, and
    :func:`place_unplaced` into it.
    """
    if not needs_settling(uow):
        return None
    name = " ".join(school_name.split())[:200] or "Our school"
    site = uow.insert(Site, {"code": DEFAULT_SITE_CODE,
                             "code_key": normalise_code(DEFAULT_SITE_CODE),
                             "name": name, "active": True})
    uow.audit("site_added", site, code=site.code, name=name, default=True)
    settled = place_unplaced(uow, site)
    uow.commit()
    return settled


def place_unplaced(uow: UnitOfWork, site: Site) -> Settled:
    """Put every person, asset and technician with no school into ``site`` (audited, not
    committed): each distinct legacy ``assets.location`` text becomes a room of it, the
    assets' home and current location, and the text is cleared (locations replace it)."""
    session = uow.session
    texts = sorted({t.strip() for t in session.execute(
        select(Asset.location).where(Asset.location.is_not(None))).scalars()
        if t is not None and t.strip()})
    taken = {normalise_code(c) for c in session.execute(select(Location.code)).scalars()}
    made: dict[str, int] = {}
    for text in texts:
        code = _location_code(site.code, text, taken)
        loc = uow.insert(Location, {"site_id": site.id, "parent_id": None,
                                    "name": text[:200], "code": code,
                                    "code_key": normalise_code(code), "kind": "room",
                                    "active": True})
        uow.audit("location_added", loc, site=site.code, code=code, name=loc.name,
                  kind="room", parent=None, from_text=text)
        made[text] = loc.id
    counts: dict[str, int] = {}
    # through the ORM: the commit records each row's new digest, so audit verify holds
    people = session.execute(select(Person).where(Person.site_id.is_(None))).scalars().all()
    for person in people:
        person.site_id = site.id
    techs = session.execute(select(Technician).where(
        Technician.site_id.is_(None))).scalars().all()
    for tech in techs:
        tech.site_id = site.id
    counts.update(people=len(people), technicians=len(techs))
    assets = session.execute(select(Asset).where(
        (Asset.site_id.is_(None)) | (Asset.location.is_not(None)))).scalars().all()
    for asset in assets:
        if asset.site_id is None:
            asset.site_id = site.id
        text = (asset.location or "").strip()
        if text in made and asset.site_id == site.id:
            asset.home_location_id = asset.home_location_id or made[text]
            asset.current_location_id = asset.current_location_id or made[text]
            asset.location = None
    settled = Settled(site.code, counts["people"], len(assets), counts["technicians"], len(made))
    if settled.people or settled.assets or settled.technicians:
        uow.audit("sites_settled", site, people=settled.people, assets=settled.assets,
                  technicians=settled.technicians, locations=settled.locations)
    return settled
