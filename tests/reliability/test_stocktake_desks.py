"""Several desks (real processes) scanning into one stocktake at the same moment, on
PostgreSQL and on one SQLite file: every item is recorded exactly once, whichever desk got
there first, every desk is told whether its scan was new, and the audit chain verifies.

On PostgreSQL each new scan appends its event unsealed, in the scan's own statement (one
round trip): one desk seals the chain now and then while the others scan (as ``audit
head`` does), and ``audit verify`` seals the rest and checks every event and row."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import func, select

from app import audit
from app.bootstrap import AppContext
from app.services import stocktakes
from app.services.stocktake_results import stocktake_result
from app.uow import Actor
from db.models import AuditEvent, AuditHead
from db.stocktakes import StocktakeScan
from tests.factories import add_asset, add_location, add_site
from tests.reliability.desk_worker import SEAL
from tests.reliability.procs import race

pytestmark = pytest.mark.slow

DESKS = 3
TAGS = [f"LT-{n:03d}" for n in range(1, 91)]
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
        if d == 0:  # and one desk seals the chain every 15 scans, while the others append
            codes = [c for i, c in enumerate(codes) for c in ((c, SEAL) if i % 15 == 14 else (c,))]
        args.append(["race-stocktake", app_ctx.db.url, str(app_ctx.paths.data_dir),
                     f"desk-{d}", str(sid), *codes])
    results = race(args, app_ctx.paths.data_dir)

    new: dict[str, int] = {}
    scanned: set[str] = set()
    seals = 0
    for lines in results:
        assert lines[-1]["state"] == "done"
        seals += len([x for x in lines if x.get("op") == "seal"])
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
    with app_ctx.uow(Actor("lead"), readonly=True) as uow:
        unsealed = uow.session.execute(select(func.count()).select_from(AuditEvent)
                                       .where(AuditEvent.seq.is_(None))).scalar_one()
        total = uow.session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
        head = uow.session.get(AuditHead, 1)
        assert head is not None
    assert seals >= 3 and rows == events == len(scanned)
    assert verified.ok, verified.problem
    assert unsealed == 0 and head.seq == total == verified.events  # every event sealed, in one chain
    assert sorted(i.tag for i in result.found) == sorted(scanned - set(UNKNOWN))
    assert sorted(i.tag for i in result.missing) == sorted(set(TAGS) - scanned)
    assert sorted(i.tag for i in result.unknown) == UNKNOWN
