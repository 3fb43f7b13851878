"""Trips and visits: the school lends its own mobiles so staff never use personal phones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.clock import local_date
from app.errors import InvalidInput, Refused
from app.services.borrowers import refuse_borrower
from app.services.lookup import get_person, get_trip
from app.uow import UnitOfWork
from db.models import Loan, Trip


def create_trip(uow: UnitOfWork, name: str, *, leader: str, start: dt.date, end: dt.date,
                destination: str | None = None) -> Trip:
    name = name.strip()
    if not name:
        raise InvalidInput("a trip needs a name")
    if len(name) > 200:
        raise InvalidInput("a trip name can be at most 200 characters")
    if end < start:
        raise InvalidInput(f"the trip ends ({end.isoformat()}) before it starts ({start.isoformat()})")
    if uow.session.execute(select(Trip.id).where(Trip.name == name)).first():
        raise Refused(f"there is already a trip called {name!r}")
    person = get_person(uow, leader)
    refuse_borrower(person, local_date(uow.now))
    trip = Trip(name=name, destination=(destination or None), start_date=start, end_date=end,
                leader_id=person.id)
    uow.session.add(trip)
    uow.audit("trip_created", trip, name=name, leader=person.staff_code,
              start=start, end=end, destination=destination)
    uow.commit()
    return trip


@dataclass
class TripStatus:
    trip: Trip
    out: list[Loan]
    back: list[Loan]


def trip_status(uow: UnitOfWork, name: str) -> TripStatus:
    trip = get_trip(uow, name)
    loans = list(uow.session.execute(
        select(Loan).where(Loan.trip_id == trip.id).order_by(Loan.id)
    ).scalars())
    return TripStatus(trip, [ln for ln in loans if ln.outcome is None],
                      [ln for ln in loans if ln.outcome is not None])
