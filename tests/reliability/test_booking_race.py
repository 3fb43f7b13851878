"""Several desks (real processes) booking the same slots: the database decides, exactly one
desk wins each asset's slot, every loser is told who has it, and no two active bookings of
one asset overlap afterwards. A pool ("2 phones") raced the same way is never overbooked.
Runs on one SQLite file and on PostgreSQL (the exclusion constraint)."""

from __future__ import annotations

import random
import re

import pytest
from sqlalchemy import select, text

from app import audit
from app.bootstrap import AppContext
from app.uow import Actor
from db.bookings import Booking
from tests.factories import add_asset, add_person
from tests.reliability.procs import race

pytestmark = pytest.mark.slow

DESKS = 6
TAGS = ["TR-0001", "TR-0002", "TR-0003"]
# overlapping slots, so a desk that wins one slot of an asset loses the others of it
SLOTS = ["2027-01-12T09:00:00+00:00/2027-01-12T11:00:00+00:00",
         "2027-01-12T10:00:00+00:00/2027-01-12T12:00:00+00:00"]
POOL = "2 phones@2027-01-13T09:00:00+00:00/2027-01-13T15:00:00+00:00"

OVERLAPS = text("""
    SELECT a.id, b.id FROM booking_items a JOIN booking_items b
      ON a.asset_id = b.asset_id AND a.id < b.id
     WHERE a.active AND b.active AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at""")


def test_desks_racing_for_the_same_slot(app_ctx: AppContext) -> None:
    for d in range(DESKS):
        add_person(app_ctx, f"D{d}", f"Desk{d}", "Booker")
    for tag in TAGS:
        add_asset(app_ctx, tag)
    for n in range(3):
        add_asset(app_ctx, f"PH-{n:04d}", "phone")
    rng = random.Random(24)
    args = []
    for d in range(DESKS):
        wanted = [f"{tag}@{slot}" for tag in TAGS for slot in SLOTS] + [POOL]
        rng.shuffle(wanted)
        args.append(["race-book", app_ctx.db.url, str(app_ctx.paths.data_dir), f"desk-{d}",
                     f"D{d}", *wanted])
    results = race(args, app_ctx.paths.data_dir)

    won: dict[str, list[str]] = {tag: [] for tag in TAGS}
    pool_won = []
    for d, lines in enumerate(results):
        assert lines[-1]["state"] == "done"
        for op in (x for x in lines if x.get("op") == "book"):
            tag = op["want"].partition("@")[0]
            if op["ok"]:
                (pool_won if tag == "2 phones" else won[tag]).append(f"D{d}")
            elif tag == "2 phones":
                assert re.match(r"only [01] of the 3 phones here are free", op["error"]), op
            else:
                assert re.match(rf"{tag} is already booked for Desk\d Booker \(D\d\) ",
                                op["error"]), op
    for tag in TAGS:
        # the two slots overlap: exactly one booking of each asset, by one desk
        assert len(won[tag]) == 1, won[tag]
    assert len(pool_won) == 1, pool_won  # 3 phones, 2 each: only one pool booking fits
    with app_ctx.uow(Actor("check"), readonly=True) as uow:
        assert uow.session.execute(OVERLAPS).all() == []
        made = uow.session.execute(select(Booking)).scalars().all()
        assert len(made) == sum(len(v) for v in won.values()) + 1
        assert audit.verify(uow.session).ok
