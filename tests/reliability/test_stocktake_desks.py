"""Several desks (real processes) scanning into one stocktake at the same moment, on
PostgreSQL and on one SQLite file: every item is recorded exactly once, whichever desk got
there first, every desk is told whether its scan was new, and the audit chain verifies."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import func, select

from app import audit
from app.bootstrap import AppContext
from app.services import stocktakes
from app.services.stocktake_results import stocktake_result
from app.uow import Actor
from db.models import AuditEvent
from db.stocktakes import StocktakeScan
from tests.factories import add_asset, add_location, add_site
from tests.reliability.procs import race

pytestmark = pytest.mark.slow

DESKS = 3
TAGS = [f"LT-{n:03d}" for n in range(1, 41)]
UNKNOWN = ["NO-SUCH-1", "NO-SUCH-2"]


def test_desks_scanning_one_stocktake_record_each_item_once(app_ctx: AppContext) -> None:
    add_site(app_ctx)
    room = add_location(app_ctx, "ICT1", "ICT suite 1")
    for tag in TAGS:
        add_asset(app_ctx, tag, site_id=1, home_location_id=room)
    with app_ctx.uow(Actor("lead")) as uow:
        sid = stocktakes.start_stocktake(uow, "ICT1").id
    rng = random.Random(20)
    args = []
    for d in range(DESKS):
        # every desk scans most of the room, overlapping with the others, in its own order
        codes = [t for t in TAGS if rng.random() < 0.8] + UNKNOWN
        rng.shuffle(codes)
        args.append(["race-stocktake", app_ctx.db.url, str(app_ctx.paths.data_dir),
                     f"desk-{d}", str(sid), *codes])
    results = race(args, app_ctx.paths.data_dir)

    new: dict[str, int] = {}
    scanned: set[str] = set()
    for lines in results:
        assert lines[-1]["state"] == "done"
        for op in (x for x in lines if x.get("op") == "scan"):
            assert op["ok"], op
            scanned.add(op["code"])
            new[op["code"]] = new.get(op["code"], 0) + int(op["new"])
    assert all(n == 1 for n in new.values()), new  # one desk recorded each; the others were told
    with app_ctx.uow(Actor("lead"), readonly=True) as uow:
        rows = uow.session.execute(select(func.count()).select_from(StocktakeScan)).scalar_one()
        events = uow.session.execute(select(func.count()).select_from(AuditEvent)
                                     .where(AuditEvent.action == "stocktake_scan")).scalar_one()
        result = stocktake_result(uow, sid)
        verified = audit.verify(uow.session)
    assert rows == events == len(scanned)
    assert sorted(i.tag for i in result.found) == sorted(scanned - set(UNKNOWN))
    assert sorted(i.tag for i in result.missing) == sorted(set(TAGS) - scanned)
    assert sorted(i.tag for i in result.unknown) == UNKNOWN
    assert verified.ok, verified.problem
