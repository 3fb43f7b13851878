"""Finding things by what a technician types or scans (tags, staff codes, badges)."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from app.errors import NotFound
from app.keys import badge_key, staff_key, tag_key
from app.uow import UnitOfWork
from db.models import Asset, EncryptionCheck, Loan, Person, Receipt, Trip


def find_asset(uow: UnitOfWork, tag: str) -> Asset | None:
    return uow.session.execute(select(Asset).where(Asset.tag_key == tag_key(tag))).scalar_one_or_none()


#: built once (same SQL as building them per call, which cost as much as running them)
_ASSET_BY_KEY = select(Asset).where(Asset.tag_key == bindparam("key"))
_ASSET_BY_KEY_FOR_UPDATE = _ASSET_BY_KEY.with_for_update()
_PERSON_BY_KEY = select(Person).where(Person.staff_key == bindparam("key"))
_PERSON_BY_KEY_FOR_UPDATE = _PERSON_BY_KEY.with_for_update()
_OPEN_LOAN = select(Loan).where(Loan.asset_id == bindparam("asset_id"), Loan.outcome.is_(None))
_OPEN_LOAN_FOR_UPDATE = _OPEN_LOAN.with_for_update()
# only the loan row is locked, as without the join (PostgreSQL: FOR UPDATE OF loans)
_OPEN_LOAN_WITH_PERSON_FOR_UPDATE = (
    _OPEN_LOAN.options(joinedload(Loan.person, innerjoin=True)).with_for_update(of=Loan))
_OPEN_LOAN_WITH_PERSON = _OPEN_LOAN.options(joinedload(Loan.person, innerjoin=True))


def get_asset(uow: UnitOfWork, tag: str, *, for_update: bool = False) -> Asset:
    q = _ASSET_BY_KEY_FOR_UPDATE if for_update else _ASSET_BY_KEY
    asset = uow.session.execute(q, {"key": tag_key(tag)}).scalar_one_or_none()
    if asset is None:
        raise NotFound(f"no asset with tag {tag.strip()!r}")
    return asset


def find_person(uow: UnitOfWork, code: str) -> Person | None:
    """By staff code, else by badge code."""
    person = uow.session.execute(
        select(Person).where(Person.staff_key == staff_key(code))
    ).scalar_one_or_none()
    if person is None:
        person = uow.session.execute(
            select(Person).where(Person.badge_key == badge_key(code))
        ).scalar_one_or_none()
    return person


def get_person(uow: UnitOfWork, code: str, *, for_update: bool = False) -> Person:
    q = _PERSON_BY_KEY_FOR_UPDATE if for_update else _PERSON_BY_KEY
    person = uow.session.execute(q, {"key": staff_key(code)}).scalar_one_or_none()
    if person is None:
        person = find_person(uow, code)
    if person is None:
        raise NotFound(f"no member of staff with code {code.strip()!r}")
    return person


def get_trip(uow: UnitOfWork, name: str) -> Trip:
    trip = uow.session.execute(select(Trip).where(Trip.name == name.strip())).scalar_one_or_none()
    if trip is None:
        raise NotFound(f"no trip called {name.strip()!r}")
    return trip


def open_loan(uow: UnitOfWork, asset_id: int, *, for_update: bool = False,
              with_person: bool = False) -> Loan | None:
    """The asset's open loan; ``with_person`` loads its borrower in the same query
    (no lazy load, and so no autoflush, when ``loan.person`` is read after changes)."""
    if with_person:
        q = _OPEN_LOAN_WITH_PERSON_FOR_UPDATE if for_update else _OPEN_LOAN_WITH_PERSON
        return uow.session.execute(q, {"asset_id": asset_id}).unique().scalar_one_or_none()
    q = _OPEN_LOAN_FOR_UPDATE if for_update else _OPEN_LOAN
    return uow.session.execute(q, {"asset_id": asset_id}).scalar_one_or_none()


def open_loans_of(uow: UnitOfWork, person_id: int, *, for_update: bool = False) -> list[Loan]:
    q = (select(Loan).where(Loan.person_id == person_id, Loan.outcome.is_(None))
         .order_by(Loan.out_at, Loan.id))
    if for_update:
        q = q.with_for_update()
    return list(uow.session.execute(q).scalars())


def latest_check(uow: UnitOfWork, asset_id: int) -> EncryptionCheck | None:
    return uow.session.execute(
        select(EncryptionCheck)
        .where(EncryptionCheck.asset_id == asset_id)
        .order_by(EncryptionCheck.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def has_people(uow: UnitOfWork) -> bool:
    """Whether anyone is recorded yet (an empty demo school is filled first)."""
    return uow.session.execute(select(Person.id).limit(1)).first() is not None


def find_receipt(uow: UnitOfWork, number: str) -> Receipt | None:
    """The receipt numbered ``number`` (as printed: any case, surrounding spaces), if any."""
    return uow.session.execute(
        select(Receipt).where(Receipt.number == number.strip().upper())
    ).scalar_one_or_none()
