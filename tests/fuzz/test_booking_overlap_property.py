"""Property: whatever sequence of bookings, cancellations and moves the desks try, no two
accepted (active) bookings of one asset overlap: each attempt either succeeds or is refused
with nothing changed. Checked on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from app.bootstrap import AppContext
from app.errors import LoanKioskError
from app.services import booking_changes as changes
from app.services.bookings import Slot, book
from app.uow import Actor
from db.bookings import Booking
from tests.factories import add_asset, add_person

TECH = Actor("prop-tech")
BASE = dt.datetime(2027, 1, 4, 8, 0, tzinfo=dt.UTC)
TAGS = ["A1", "A2", "A3"]
_window = itertools.count()

# start in quarter hours over two days, 15 minutes to 6 hours long
slots = st.builds(lambda q, n: (q * 15, n * 15), st.integers(0, 191), st.integers(1, 24))
ops = st.lists(st.one_of(
    st.tuples(st.just("book"), st.sampled_from([*TAGS, "2 laptops"]), st.sampled_from(["P1", "P2"]),
              slots),
    st.tuples(st.just("cancel"), st.integers(0, 30)),
    st.tuples(st.just("move"), st.integers(0, 30), slots),
), min_size=1, max_size=25)


@pytest.fixture
def ready(app_ctx: AppContext) -> AppContext:
    add_person(app_ctx, "P1", "Pat", "One")
    add_person(app_ctx, "P2", "Sam", "Two")
    for tag in TAGS:
        add_asset(app_ctx, tag)
    return app_ctx


def _slot(base: dt.datetime, spec: tuple[int, int]) -> Slot:
    start = base + dt.timedelta(minutes=spec[0])
    return Slot(start, start + dt.timedelta(minutes=spec[1]))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=ops)
def test_no_two_accepted_bookings_of_an_asset_overlap(ready: AppContext, steps: list) -> None:  # type: ignore[type-arg]
    base = BASE + dt.timedelta(days=3 * next(_window))  # each example in its own days
    made: list[int] = []
    for step in steps:
        try:
            with ready.uow(TECH) as uow:
                if step[0] == "book":
                    made += [b.id for b in book(uow, step[1], step[2], [_slot(base, step[3])])]
                elif step[0] == "cancel" and made:
                    changes.cancel_booking(uow, made[step[1] % len(made)])
                elif step[0] == "move" and made:
                    changes.change_booking(uow, made[step[1] % len(made)], _slot(base, step[2]))
        except LoanKioskError:
            pass  # refused: nothing changed
    with ready.uow(TECH, readonly=True) as uow:
        overlaps = uow.session.execute(text("""
            SELECT a.id, b.id FROM booking_items a JOIN booking_items b
              ON a.asset_id = b.asset_id AND a.id < b.id
             WHERE a.active AND b.active AND a.starts_at < b.ends_at
               AND b.starts_at < a.ends_at""")).all()
        assert overlaps == []
        # and the pools: at no moment more laptops promised than there are
        active = uow.session.execute(select(Booking).where(
            Booking.status.in_(("booked", "ready")))).scalars().all()
        moments = {b.starts_at for b in active}
        for t in moments:
            promised = sum((b.quantity or 1) for b in active if b.starts_at <= t < b.ends_at)
            assert promised <= len(TAGS), (t, promised)
