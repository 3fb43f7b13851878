"""Named reads of the lending hot path: the rows a check-out or check-in changes, locked.

Each is one indexed statement, compiled once per dialect and run on the DBAPI cursor
(:class:`app.prepared.Prepared`): the ORM's statement and flush machinery cost several
times the statement (docs/performance.md). What comes back is a row read in this unit
of work (``uow.loaded``): write it with ``uow.update``, and read it again through these
functions, not through a query of the session. Rows are locked as the ORM lookups lock
them (FOR UPDATE on PostgreSQL; SQLite's write transaction is already exclusive).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, bindparam, select

from app.errors import NotFound
from app.keys import badge_key, staff_key, tag_key
from app.prepared import Prepared
from app.uow import UnitOfWork
from db.models import Asset, Base, Loan, Person, Signature

_ASSETS = cast(Table, Asset.__table__)
_PEOPLE = cast(Table, Person.__table__)
_LOANS = cast(Table, Loan.__table__)

# whole rows: their digests go to the audit log
_ASSET_FOR_UPDATE = Prepared(
    select(_ASSETS).where(_ASSETS.c.tag_key == bindparam("key")).with_for_update())
PERSON_FOR_UPDATE = Prepared(
    select(_PEOPLE).where(_PEOPLE.c.staff_key == bindparam("key")).with_for_update())
PERSON_BY_BADGE = Prepared(select(_PEOPLE).where(_PEOPLE.c.badge_key == bindparam("key")))
# only the loan row is locked (PostgreSQL: FOR UPDATE OF loans); found by the asset's tag,
# so that it can be read in the same flight as the asset (see prefetch_check_in)
_OPEN_LOAN_AND_BORROWER_FOR_UPDATE = Prepared(
    select(_LOANS, _PEOPLE).join(_PEOPLE, _PEOPLE.c.id == _LOANS.c.person_id)
    .join(_ASSETS, _ASSETS.c.id == _LOANS.c.asset_id)
    .where(_ASSETS.c.tag_key == bindparam("key"), _LOANS.c.outcome.is_(None))
    .with_for_update(of=_LOANS))


def prefetch_check_out(uow: UnitOfWork, tags: list[str], code: str, signed: bool,
                       extra: Sequence[tuple[Prepared, dict[str, Any]]] = ()) -> None:
    """The reads of a check-out (borrower, then each asset, locked; then ``extra``) and the
    ids of its loans (and signature), in one round trip on PostgreSQL
    (:meth:`UnitOfWork.prefetch`)."""
    reads = [(PERSON_FOR_UPDATE, {"key": staff_key(code)}),
             (PERSON_BY_BADGE, {"key": badge_key(code)})]
    reads += [(_ASSET_FOR_UPDATE, {"key": tag_key(tag)}) for tag in tags]
    reads += extra
    ids: dict[type[Base], int | tuple[Prepared, dict[str, Any]]] = {Loan: len(tags)}
    if signed:
        ids[Signature] = 1
    uow.prefetch(reads, ids=ids)


def prefetch_check_in(uow: UnitOfWork, tag: str) -> None:
    """The reads of a check-in (the asset and its open loan, locked), in one round trip."""
    key = tag_key(tag)
    uow.prefetch([(_ASSET_FOR_UPDATE, {"key": key}), (_OPEN_LOAN_AND_BORROWER_FOR_UPDATE,
                                                      {"key": key})])


def locked_asset(uow: UnitOfWork, tag: str) -> Asset:
    """The asset tagged ``tag``, row-locked, read in this unit of work (see ``uow.loaded``)."""
    row = uow.fetch_one(_ASSET_FOR_UPDATE, {"key": tag_key(tag)})
    if row is None:
        raise NotFound(f"no asset with tag {tag.strip()!r}")
    return uow.loaded(Asset, row)


def locked_borrower(uow: UnitOfWork, code: str) -> Person:
    """The member of staff with this staff code (row-locked) or, failing that, badge code."""
    row = uow.fetch_one(PERSON_FOR_UPDATE, {"key": staff_key(code)}) \
        or uow.fetch_one(PERSON_BY_BADGE, {"key": badge_key(code)})
    if row is None:
        raise NotFound(f"no member of staff with code {code.strip()!r}")
    return uow.loaded(Person, row)


def locked_open_loan(uow: UnitOfWork, asset: Asset) -> Loan | None:
    """``asset``'s open loan (row-locked) with its borrower, read in this unit of work."""
    row = uow.fetch_one(_OPEN_LOAN_AND_BORROWER_FOR_UPDATE, {"key": asset.tag_key})
    if row is None:
        return None
    split = len(_LOANS.columns)
    person = uow.loaded(Person, row[split:])
    return uow.loaded(Loan, row[:split], asset=asset, person=person)
