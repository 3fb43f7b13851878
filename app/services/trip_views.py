"""What the desk shows about trips: the list, and one trip's phones (out and back)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.services.trips import trip_status
from app.uow import UnitOfWork
from db.models import Loan, Person, Trip
from db.places import Site


@dataclass(frozen=True)
class TripRow:
    name: str
    destination: str
    start: dt.date
    end: dt.date
    leader: str
    leader_code: str
    out: int
    back: int
    #: the trip leader's school: (code, name)
    school: tuple[str, str] | None = None


@dataclass(frozen=True)
class TripPhone:
    tag: str
    model: str
    phone_number: str
    out: bool
    returned_at: dt.datetime | None


@dataclass(frozen=True)
class TripDetail:
    trip: TripRow
    phones: list[TripPhone]


def _row(uow: UnitOfWork, t: Trip) -> TripRow:
    from app.services.site_scope import school_of

    loans = list(uow.session.execute(select(Loan.outcome).where(Loan.trip_id == t.id)).scalars())
    return TripRow(t.name, t.destination or "", t.start_date, t.end_date, t.leader.name,
                   t.leader.staff_code, sum(1 for o in loans if o is None),
                   sum(1 for o in loans if o is not None), school_of(uow, t.leader.site_id))


def trip_rows(uow: UnitOfWork, limit: int = 50, *, site: str | None = None) -> list[TripRow]:
    """The latest trips of the desk's school (its trip leader's), or of the school ``site``
    names (ALL: every school's)."""
    from app.services.site_scope import resolve_scope

    # the leader and their school come in the same statement (the rows then name them
    # from the session, without asking again)
    q = (select(Trip, Person, Site).join(Person, Person.id == Trip.leader_id)
         .outerjoin(Site, Site.id == Person.site_id)
         .order_by(Trip.start_date.desc(), Trip.id.desc()).limit(limit))
    site_id = resolve_scope(uow, site).site_id
    if site_id is not None:
        q = q.where(Person.site_id == site_id)
    rows = uow.session.execute(q).all()
    from app.services.site_scope import note_schools

    note_schools(uow, (site for _t, _leader, site in rows))
    return [_row(uow, t) for t, _leader, _site in rows]


def trip_detail(uow: UnitOfWork, name: str) -> TripDetail:
    st = trip_status(uow, name)
    phones = [TripPhone(ln.asset.tag, " ".join(x for x in (ln.asset.make, ln.asset.model) if x),
                        ln.asset.phone_number or "", ln.outcome is None, ln.in_at)
              for ln in st.out + st.back]
    return TripDetail(_row(uow, st.trip), phones)
