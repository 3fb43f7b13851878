"""Type-ahead search for the desk: people by name or code, assets by tag or model.

Read-only and bounded: a prefix match on the indexed ``search_name`` first (an
index range scan), then a contains match, each with a LIMIT, so it stays
instant over tens of thousands of staff.

Of the desk's school by default, as every list (:mod:`app.services.site_scope`): ``site``
names another school, or ``ALL`` for every school's; the school is a WHERE on the indexed
``site_id`` in the same statement. A scan of another school's tag or badge still opens its
card (:mod:`app.services.scan`): only the type-ahead lists are scoped.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from app.keys import normalise_code, search_name
from app.services.site_scope import note_schools, school_of, scope_where
from app.uow import UnitOfWork
from db.models import Asset, Person
from db.places import Site

DEFAULT_LIMIT = 8
MIN_CHARS = 2


@dataclass(frozen=True)
class PersonHit:
    staff_code: str
    name: str
    department: str | None
    status: str
    #: their school: (code, name), read in the search's own statement
    school: tuple[str, str] | None = None


@dataclass(frozen=True)
class AssetHit:
    tag: str
    kind: str
    model: str
    status: str
    #: its school: (code, name), read in the search's own statement
    school: tuple[str, str] | None = None


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_people(uow: UnitOfWork, text: str, *, limit: int = DEFAULT_LIMIT,
                  include_left: bool = False, site: str | None = None) -> list[PersonHit]:
    """People whose name starts with (then contains) ``text``, or whose staff code starts with
    it, of the desk's school (``site``: a school's code, or ALL)."""
    needle = search_name(text, "").strip()
    if len(needle) < MIN_CHARS:
        return []
    code = _like_escape(normalise_code(text))
    esc = _like_escape(needle)
    # each hit's school comes in the same statement (aliased: the desk's school's code is
    # matched by a subquery on Site itself, which must not correlate with this one)
    whose = aliased(Site)
    base = select(Person, whose).outerjoin(whose, whose.id == Person.site_id)
    if not include_left:
        base = base.where(Person.status != "left")
    school = scope_where(uow, Person.site_id, site)
    if school is not None:
        base = base.where(school)
    found: dict[int, Person] = {}
    queries = [
        base.where(or_(Person.search_name.like(f"{esc}%", escape="\\"),
                       Person.staff_key.like(f"{code}%", escape="\\")))
        .order_by(Person.search_name).limit(limit),
        # "ó bri" finds "siân ó briain": any word of the name may start the match
        base.where(Person.search_name.like(f"% {esc}%", escape="\\"))
        .order_by(Person.search_name).limit(limit),
        base.where(Person.search_name.like(f"%{esc}%", escape="\\"))
        .order_by(Person.search_name).limit(limit),
    ]
    for q in queries:
        if len(found) >= limit:
            break
        for p, seen_site in uow.session.execute(q):
            found.setdefault(p.id, p)
            note_schools(uow, (seen_site,))
    return [PersonHit(p.staff_code, p.name, p.department, p.status, school_of(uow, p.site_id))
            for p in list(found.values())[:limit]]


def search_assets(uow: UnitOfWork, text: str, *, limit: int = DEFAULT_LIMIT,
                  site: str | None = None) -> list[AssetHit]:
    """Assets whose tag starts with ``text``, or whose model contains it, of the desk's school
    (``site``: a school's code, or ALL)."""
    needle = normalise_code(text)
    if len(needle) < MIN_CHARS:
        return []
    esc = _like_escape(needle)
    whose = aliased(Site)  # as in search_people
    q = (
        select(Asset, whose).outerjoin(whose, whose.id == Asset.site_id)
        .where(or_(Asset.tag_key.like(f"{esc}%", escape="\\"),
                   Asset.model.ilike(f"%{_like_escape(text.strip())}%", escape="\\")))
        .order_by(Asset.tag_key)
        .limit(limit)
    )
    school = scope_where(uow, Asset.site_id, site)
    if school is not None:
        q = q.where(school)
    return [AssetHit(a.tag, a.kind, " ".join(x for x in (a.make, a.model) if x), a.status,
                     (school.code, school.name) if school is not None else None)
            for a, school in uow.session.execute(q)]
