"""Finding things by what a technician types or scans (tags, staff codes, badges)."""

from __future__ import annotations

from sqlalchemy import select

from app.errors import NotFound
from app.keys import badge_key, staff_key, tag_key
from app.uow import UnitOfWork
from db.models import Asset, EncryptionCheck, Loan, Person, Trip


def find_asset(uow: UnitOfWork, tag: str) -> Asset | None:
    return uow.session.execute(select(Asset).where(Asset.tag_key == tag_key(tag))).scalar_one_or_none()


def get_asset(uow: UnitOfWork, tag: str, *, for_update: bool = False) -> Asset:
    q = select(Asset).where(Asset.tag_key == tag_key(tag))
    if for_update:
        q = q.with_for_update()
    asset = uow.session.execute(q).scalar_one_or_none()
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
    q = select(Person).where(Person.staff_key == staff_key(code))
    if for_update:
        q = q.with_for_update()
    person = uow.session.execute(q).scalar_one_or_none()
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


def open_loan(uow: UnitOfWork, asset_id: int, *, for_update: bool = False) -> Loan | None:
    q = select(Loan).where(Loan.asset_id == asset_id, Loan.outcome.is_(None))
    if for_update:
        q = q.with_for_update()
    return uow.session.execute(q).scalar_one_or_none()


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
