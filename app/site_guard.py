"""The school guard: a technician changes only their own school's rows.

A unit of work's commit hands it every row it writes; any row with a ``site_id`` (an
asset, a person, a kit) of another school than the technician's, before or after the
change, refuses the whole commit (nothing is written). A trust admin, and work by no
school's technician (system work, a one-school install), is not checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from app.actor import Actor
from app.audit import row_key
from app.errors import Refused
from db.base import Base


def check_sites(session: Callable[[], Session], actor: Actor, touched: Iterable[Base],
                loaded: Mapping[int, Base], bulk: Mapping[str, Any]) -> None:
    """Refuse (:class:`Refused`) if a row the commit writes is of a school ``actor`` may not
    change: ``touched``, the session's rows (with their school before the change), and the
    rows of ``loaded`` written on the cursor (their keys in ``bulk``; a move of those is
    checked by the service that makes it, :mod:`app.services.moves`). ``session`` (opened
    on first use) is asked only to name a school when refusing: on PostgreSQL, opening it
    would send what the unit of work holds and read the audit chain again (two round trips
    more for a check-out by a school's technician)."""
    written = list(touched)
    if bulk:
        written += [o for o in loaded.values() if row_key(o) in bulk]
    for obj in written:
        if not hasattr(obj, "site_id"):
            continue
        sites = {obj.site_id}
        sites.update(sa_inspect(obj).attrs["site_id"].history.deleted or ())
        for site_id in sites:
            if not actor.may_write_at(site_id):
                raise Refused(f"{_row_name(obj)} belongs to {_site_code(session(), site_id)}: "
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
