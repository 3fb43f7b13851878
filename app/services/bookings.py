"""Bookings: hold an asset, a kit or "N of a kind" for a member of staff.

Each function is one audited transaction. The clash rule (no two active bookings of one
asset overlap) is the database's (:mod:`db.bookings`): the check here finds who holds the
slot to say so, and a desk that races us past it trips the constraint and gets the same
answer. Loans share the timeline: an open loan holds its asset until the start of its due
date, so a booking cannot start before then. Pool bookings ("12 phones") count against
the assets of that kind at the site, under a lock (PostgreSQL: an advisory lock on the
site and kind; SQLite: the write transaction is already exclusive).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from app.errors import InvalidInput, NotFound, Refused
from app.keys import tag_key
from app.services.booking_reads import slot_check
from app.services.lookup import get_person
from app.timetable import Timetable, timetable
from app.uow import UnitOfWork
from db.bookings import ACTIVE_STATUSES, ITEM_ACTIVE, Booking, BookingItem
from db.kits import Kit, KitMember
from db.models import ASSET_KINDS, Asset, Loan, Person

#: "12 phones", "12xphone", "3 × laptops": a pool booking's target
POOL_RE = re.compile(r"^\s*(\d{1,4})\s*[x×*]?\s*(" + "|".join(ASSET_KINDS) + r")s?\s*$",
                     re.IGNORECASE)
#: the longest single booking
MAX_LENGTH = dt.timedelta(days=366)


@dataclass(frozen=True)
class Slot:
    """A booking's time range, UTC, end excluded."""

    starts_at: dt.datetime
    ends_at: dt.datetime


@dataclass
class Target:
    """What is booked: one of an asset, a kit (with its members) or a pool."""

    kind: str
    asset: Asset | None = None
    kit: Kit | None = None
    members: tuple[Asset, ...] = ()
    pool_kind: str | None = None
    quantity: int | None = None

    @property
    def assets(self) -> tuple[Asset, ...]:
        return (self.asset,) if self.asset is not None else self.members

    @property
    def label(self) -> str:
        if self.asset is not None:
            return self.asset.tag
        if self.kit is not None:
            return f"kit {self.kit.tag}"
        return f"{self.quantity} × {self.pool_kind}"


def spans_days(tt: Timetable, slot: Slot) -> bool:
    """Whether ``slot`` runs past midnight of the day it starts (school time)."""
    return slot.ends_at > tt.day_bounds(tt.local(slot.starts_at).date())[1]


def school_timetable(uow: UnitOfWork) -> Timetable:
    return timetable(uow.settings.timetable)


def when_text(tt: Timetable, starts_at: dt.datetime, ends_at: dt.datetime) -> str:
    """"Tue 9 Mar 2027 11:10–12:10" in the school's time (two dates when it spans days)."""
    a, b = tt.local(starts_at), tt.local(ends_at)
    first = f"{a:%a} {a.day} {a:%b %Y} {a:%H:%M}"
    if a.date() == b.date() or (b - a <= dt.timedelta(days=1) and b.time() == dt.time()
                                and a.time() != dt.time()):
        return f"{first}–{b:%H:%M}"
    return f"{first} – {b:%a} {b.day} {b:%b %Y} {b:%H:%M}"


def resolve_target(uow: UnitOfWork, text_: str) -> Target:
    """An asset tag, a kit tag, or a pool ("12 phones")."""
    pool = POOL_RE.match(text_)
    if pool:
        quantity, kind = int(pool.group(1)), pool.group(2).lower()
        if quantity < 1:
            raise InvalidInput("a pool booking is for at least one item")
        return Target("pool", pool_kind=kind, quantity=quantity)
    key = tag_key(text_)
    kit = uow.session.execute(select(Kit).where(Kit.tag_key == key)).scalar_one_or_none()
    if kit is not None:
        if not kit.active:
            raise Refused(f"kit {kit.tag} is no longer in use")
        members = tuple(uow.session.execute(
            select(Asset).join(KitMember, KitMember.asset_id == Asset.id)
            .where(KitMember.kit_id == kit.id).order_by(Asset.tag_key)).scalars())
        if not members:
            raise Refused(f"kit {kit.tag} has nothing in it to book")
        return Target("kit", kit=kit, members=members)
    asset = uow.session.execute(select(Asset).where(Asset.tag_key == key)).scalar_one_or_none()
    if asset is None:
        raise NotFound(f"no asset or kit with tag {text_.strip()!r}")
    return Target("asset", asset=asset)


def _check_slot(uow: UnitOfWork, slot: Slot) -> None:
    if slot.ends_at <= slot.starts_at:
        raise InvalidInput("a booking must end after it starts")
    if slot.ends_at - slot.starts_at > MAX_LENGTH:
        raise InvalidInput("a booking can be at most a year long")
    if slot.ends_at <= uow.now:
        raise InvalidInput("that time is already over; a booking is for the future")


def _refuse_person(person: Person, tt: Timetable, slot: Slot) -> None:
    who = f"{person.name} ({person.staff_code})"
    if person.status == "left":
        raise Refused(f"{who} has left the school and cannot book")
    if person.leaving_date is not None and person.leaving_date < tt.local(slot.ends_at).date():
        raise Refused(f"{who} leaves on {person.leaving_date.isoformat()}, before the booking "
                      "ends")


def holder(uow: UnitOfWork, asset_id: int, slot: Slot,
           exclude_booking: int | None = None) -> Booking | None:
    """The active booking that holds ``asset_id`` during ``slot`` (None: it is free)."""
    q = (select(Booking).join(BookingItem, BookingItem.booking_id == Booking.id)
         .where(BookingItem.asset_id == asset_id, ITEM_ACTIVE,
                BookingItem.ends_at > slot.starts_at, BookingItem.starts_at < slot.ends_at)
         .order_by(BookingItem.starts_at).limit(1))
    if exclude_booking is not None:
        q = q.where(Booking.id != exclude_booking)
    return uow.session.execute(q).scalar_one_or_none()


def clash_text(uow: UnitOfWork, tt: Timetable, asset: Asset, booking: Booking) -> str:
    p = uow.session.get(Person, booking.person_id)
    who = f"{p.name} ({p.staff_code})" if p is not None else "someone"
    return (f"{asset.tag} is already booked for {who} "
            f"{when_text(tt, booking.starts_at, booking.ends_at)} (booking {booking.id})")


def _refuse_loan(uow: UnitOfWork, tt: Timetable, asset: Asset, slot: Slot) -> None:
    """An open loan holds its asset until the start of its due date."""
    loan = uow.session.execute(
        select(Loan).where(Loan.asset_id == asset.id, Loan.outcome.is_(None))).scalar_one_or_none()
    if loan is None:
        return
    free_from = tt.at(loan.due_on, dt.time())
    if free_from > slot.starts_at:
        raise Refused(f"{asset.tag} is on loan to {loan.person.name} ({loan.person.staff_code}) "
                      f"until {loan.due_on.isoformat()}: a booking can start from that day")


def _lock_pool(uow: UnitOfWork, site_id: int | None, kind: str) -> None:
    """Serialise bookings of one kind at one site (PostgreSQL; SQLite's write transaction
    is exclusive already)."""
    if uow.db.is_sqlite:
        uow.session.execute(select(1))  # begins BEGIN IMMEDIATE: no other writer from here
        return
    digest = hashlib.sha256(f"loan-kiosk booking {site_id} {kind}".encode()).digest()
    uow.session.execute(text("SELECT pg_advisory_xact_lock(:k)"),
                        {"k": int.from_bytes(digest[:8], "big", signed=True)})


def pool_use(uow: UnitOfWork, tt: Timetable, site_id: int | None, kind: str,
             slot: Slot, exclude_booking: int | None = None) -> tuple[int, int]:
    """(the most assets of ``kind`` at the site lent or booked at once during ``slot``, how
    many there are)."""
    in_site = [Asset.kind == kind, Asset.status.not_in(("lost", "retired"))]
    if site_id is not None:
        in_site.append(Asset.site_id == site_id)
    supply = uow.session.execute(select(func.count()).where(*in_site)).scalar_one()
    spans: list[tuple[dt.datetime, dt.datetime, int]] = []
    for due_on, in uow.session.execute(
            select(Loan.due_on).join(Asset, Asset.id == Loan.asset_id)
            .where(Loan.outcome.is_(None), *in_site)):
        free_from = tt.at(due_on, dt.time())
        if free_from > slot.starts_at:
            spans.append((uow.now, free_from, 1))
    for a, b in uow.session.execute(
            select(BookingItem.starts_at, BookingItem.ends_at)
            .join(Asset, Asset.id == BookingItem.asset_id)
            .where(ITEM_ACTIVE, BookingItem.ends_at > slot.starts_at,
                   BookingItem.starts_at < slot.ends_at, *in_site)):
        spans.append((a, b, 1))
    pools = select(Booking.starts_at, Booking.ends_at, Booking.quantity).where(
        Booking.pool_kind == kind, Booking.status.in_(ACTIVE_STATUSES),
        Booking.ends_at > slot.starts_at, Booking.starts_at < slot.ends_at,
        Booking.site_id.is_(None) if site_id is None else Booking.site_id == site_id)
    if exclude_booking is not None:
        pools = pools.where(Booking.id != exclude_booking)
    for a, b, n in uow.session.execute(pools):
        spans.append((a, b, n or 0))
    # the most in use at once during the slot: at its start, or where a span begins in it
    points = [slot.starts_at] + [a for a, _b, _n in spans if slot.starts_at < a < slot.ends_at]
    busiest = max((sum(n for a, b, n in spans if a <= t < b) for t in points), default=0)
    return busiest, supply


def _hold(uow: UnitOfWork, tt: Timetable, booking: Booking, assets: tuple[Asset, ...],
          slot: Slot) -> None:
    for asset in assets:
        # one indexed statement (the bench's "booking check"); the rows behind an answer
        # that refuses are read only to say who holds it
        found = slot_check(uow, asset.tag, slot.starts_at, slot.ends_at)
        assert found is not None
        if found[3] is not None:
            held = uow.session.get(Booking, found[3])
            assert held is not None
            raise Refused(clash_text(uow, tt, asset, held))
        if found[4] is not None:
            _refuse_loan(uow, tt, asset, slot)
    for asset in assets:
        uow.session.add(BookingItem(booking_id=booking.id, asset_id=asset.id,
                                    starts_at=slot.starts_at, ends_at=slot.ends_at, active=True))


def _site_of(uow: UnitOfWork, target: Target, person: Person, site_code: str | None) -> int | None:
    if site_code:
        from app.services.places import get_site

        return get_site(uow, site_code).id
    if target.kit is not None:
        return target.kit.site_id
    if target.asset is not None:
        return target.asset.site_id
    return person.site_id


def book(uow: UnitOfWork, target_text: str, staff_code: str, slots: list[Slot], *,
         purpose: str | None = None, site_code: str | None = None) -> list[Booking]:
    """Book ``target_text`` for a member of staff over each of ``slots`` (a weekly booking
    gives several; all or none are booked). Refused, naming who holds it, on a clash."""
    if not slots:
        raise InvalidInput("no time to book")
    purpose = " ".join((purpose or "").split()) or None
    if purpose is not None and len(purpose) > 500:
        raise InvalidInput(f"the purpose is too long ({len(purpose)} characters, at most 500)")
    tt = school_timetable(uow)
    for slot in slots:
        _check_slot(uow, slot)
    target = resolve_target(uow, target_text)
    person = get_person(uow, staff_code)
    for slot in slots:
        _refuse_person(person, tt, slot)
    for asset in target.assets:
        if asset.status in ("lost", "retired"):
            raise Refused(f"{asset.tag} is {asset.status} and cannot be booked")
    site_id = _site_of(uow, target, person, site_code)
    kinds = sorted({a.kind for a in target.assets}
                   | ({target.pool_kind} if target.pool_kind else set()))
    for kind in kinds:
        _lock_pool(uow, site_id, str(kind))
    made: list[Booking] = []
    try:
        for slot in slots:
            booking = Booking(
                person_id=person.id, made_at=uow.now, made_by=uow.actor.name, kind=target.kind,
                asset_id=target.asset.id if target.asset else None,
                kit_id=target.kit.id if target.kit else None, pool_kind=target.pool_kind,
                quantity=target.quantity, site_id=site_id, purpose=purpose,
                starts_at=slot.starts_at, ends_at=slot.ends_at, status="booked",
                multi_day=spans_days(tt, slot),
                series_id=made[0].id if made else None)
            uow.session.add(booking)
            uow.session.flush()
            if len(slots) > 1 and not made:
                booking.series_id = booking.id
            _hold(uow, tt, booking, target.assets, slot)
            uow.session.flush()
            _check_pools(uow, tt, site_id, kinds, slot, target)
            made.append(booking)
    except IntegrityError as exc:
        if "booking_clash" not in str(exc) and "ex_booking_items_no_overlap" not in str(exc):
            raise
        raise Refused(raced_text(uow, tt, target, slots)) from exc
    for b in made:
        uow.audit("booking_made", b, what=target.label, staff_code=person.staff_code,
                  starts_at=b.starts_at, ends_at=b.ends_at, purpose=purpose,
                  tags=[a.tag for a in target.assets], series_id=b.series_id)
    uow.commit()
    return made


def _check_pools(uow: UnitOfWork, tt: Timetable, site_id: int | None, kinds: list[str],
                 slot: Slot, target: Target) -> None:
    """After this booking's rows are written: no kind at the site is over-promised."""
    for kind in kinds:
        if target.kind != "pool" and not uow.session.execute(
                select(Booking.id).where(Booking.pool_kind == kind,
                                         Booking.status.in_(ACTIVE_STATUSES),
                                         Booking.ends_at > slot.starts_at,
                                         Booking.starts_at < slot.ends_at).limit(1)).first():
            continue  # no pool booking shares the slot: the asset rule is enough
        busiest, supply = pool_use(uow, tt, site_id, kind, slot)
        if busiest > supply:
            wanted = (target.quantity or 1) if target.kind == "pool" else 1
            free = max(0, supply - (busiest - wanted))
            raise Refused(f"only {free} of the {supply} {kind}s here are free "
                          f"{when_text(tt, slot.starts_at, slot.ends_at)}; {wanted} wanted")


def raced_text(uow: UnitOfWork, tt: Timetable, target: Target, slots: list[Slot]) -> str:
    """What to say when another desk booked the same slot between our check and our write:
    read (in a new transaction, ours is spoilt) who holds it now."""
    with UnitOfWork(uow.db, uow.actor, readonly=True) as fresh:
        for slot in slots:
            for asset in target.assets:
                found = holder(fresh, asset.id, slot)
                if found is not None:
                    return clash_text(fresh, tt, asset, found)
    return "another desk has just booked that; look again to see who has it"
