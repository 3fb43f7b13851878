"""The school guard: a technician changes only their own school's rows.

A unit of work's commit hands it every row it writes; any row with a ``site_id`` (an
asset, a person, a kit) of another school than the technician's, before or after the
change, refuses the whole commit (nothing is written). A trust admin, and work by no
school's technician (system work, a one-school install), is not checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from app.actor import Actor
from app.errors import Refused
from db.base import Base


def check_sites(session: Session, actor: Actor, written: Iterable[Base],
                site_was: Mapping[int, Any]) -> None:
    """Refuse (:class:`Refused`) if a row of ``written`` is of a school ``actor`` may not
    change. ``site_was``: id(row) -> its school before a cursor-level update moved it."""
    for obj in written:
        if not hasattr(obj, "site_id"):
            continue
        sites = {obj.site_id}
        if id(obj) in site_was:
            sites.add(site_was[id(obj)])
        else:
            sites.update(sa_inspect(obj).attrs["site_id"].history.deleted or ())
        for site_id in sites:
            if not actor.may_write_at(site_id):
                raise Refused(f"{_row_name(obj)} belongs to {_site_code(session, site_id)}: "
                              "only a trust admin or a technician of that school can change "
                              "it (you can still look it up)")


def _site_code(session: Session, site_id: int) -> str:
    from db.places import Site

    site = session.get(Site, site_id)
    return site.code if site is not None else f"school #{site_id}"


def _row_name(obj: Base) -> str:
    for attr, what in (("tag", ""), ("staff_code", "staff member "), ("code", "")):
        value = getattr(obj, attr, None)
        if isinstance(value, str):
            return f"{what}{value}"
    return f"{obj.__tablename__} #{getattr(obj, 'id', '?')}"
