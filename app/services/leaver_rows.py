"""Named reads of a leaver return: the person's open loans with each asset and its
encryption, locked, read with everything else the return needs in one flight.

On PostgreSQL :func:`prefetch_leaver_return` sends the borrower's row, their open
loans (loan, asset and the asset's latest encryption check, the loans and assets
locked), the receipt's number and what else the receipt reads, and the ids of the
rows the return will add, in one round trip (:meth:`UnitOfWork.prefetch`); the
writes, the audit events and the commit are the second. SQLite runs each read when
asked. Rows come back as in :mod:`app.services.locked_rows`: read in this unit of
work, written with ``uow.update``.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, bindparam, func, select

from app.keys import badge_key, staff_key
from app.prepared import Prepared
from app.services.encryption import EncryptionState
from app.services.locked_rows import PERSON_BY_BADGE, PERSON_FOR_UPDATE
from app.services.receipts import receipt_reads
from app.uow import UnitOfWork
from db.models import Asset, EncryptionCheck, Incident, Loan, Person, Receipt, Signature

_LOANS = cast(Table, Loan.__table__)
_ASSETS = cast(Table, Asset.__table__)
_PEOPLE = cast(Table, Person.__table__)
_CHECKS = cast(Table, EncryptionCheck.__table__)

_LATEST_CHECK = (select(func.max(_CHECKS.c.id)).where(_CHECKS.c.asset_id == _ASSETS.c.id)
                 .correlate(_ASSETS).scalar_subquery())
#: the person's open loans, oldest first: loan, asset, latest check (loans and assets locked)
_OPEN_LOANS_OF = Prepared(
    select(_LOANS, _ASSETS, _CHECKS.c.id, _CHECKS.c.encrypted, _CHECKS.c.method,
           _CHECKS.c.verified_at, _CHECKS.c.verified_by)
    .join(_ASSETS, _ASSETS.c.id == _LOANS.c.asset_id)
    .join(_PEOPLE, _PEOPLE.c.id == _LOANS.c.person_id)
    .outerjoin(_CHECKS, _CHECKS.c.id == _LATEST_CHECK)
    .where(_PEOPLE.c.staff_key == bindparam("key"), _LOANS.c.outcome.is_(None))
    .order_by(_LOANS.c.out_at, _LOANS.c.id)
    .with_for_update(of=[_LOANS, _ASSETS]), many=True)
#: PostgreSQL: an incident id for each open loan (each may be damaged or not returned)
_INCIDENT_IDS = Prepared(
    select(func.nextval(func.pg_get_serial_sequence("incidents", "id")))
    .select_from(func.generate_series(1, select(func.count())
                                      .select_from(_LOANS.join(_PEOPLE, _PEOPLE.c.id ==
                                                               _LOANS.c.person_id))
                                      .where(_PEOPLE.c.staff_key == bindparam("key"),
                                             _LOANS.c.outcome.is_(None))
                                      .scalar_subquery())), many=True)


def prefetch_leaver_return(uow: UnitOfWork, code: str, signed: bool) -> None:
    """Every read of :func:`app.services.leavers.leaver_return` for ``code``, one flight."""
    key = staff_key(code)
    reads: list[tuple[Prepared, dict[str, Any]]] = [
        (PERSON_FOR_UPDATE, {"key": key}), (PERSON_BY_BADGE, {"key": badge_key(code)}),
        (_OPEN_LOANS_OF, {"key": key}), *receipt_reads(uow, "leaver_return")]
    ids: dict[type[Any], int | tuple[Prepared, dict[str, Any]]] = {
        Receipt: 1, Incident: (_INCIDENT_IDS, {"key": key})}
    if signed:
        ids[Signature] = 1
    uow.prefetch(reads, ids=ids)


def locked_open_loans_of(uow: UnitOfWork, person: Person) -> list[tuple[Loan, EncryptionState]]:
    """``person``'s open loans, oldest first, locked with their assets (``loan.asset``),
    each with its asset's encryption state."""
    rows = cast(tuple[tuple[Any, ...], ...] | None,
                uow.fetch_one(_OPEN_LOANS_OF, {"key": person.staff_key})) or ()
    n_loan, n_asset = len(_LOANS.columns), len(_ASSETS.columns)
    out = []
    for row in rows:
        asset = uow.loaded(Asset, row[n_loan:n_loan + n_asset])
        loan = uow.loaded(Loan, row[:n_loan], asset=asset, person=person)
        check_id, encrypted, method, verified_at, verified_by = row[n_loan + n_asset:]
        state = EncryptionState(None) if check_id is None else \
            EncryptionState(encrypted, method, verified_at.isoformat(), verified_by)
        out.append((loan, state))
    return out
