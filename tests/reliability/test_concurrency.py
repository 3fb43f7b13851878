"""Several desks (real processes) on one database: the database decides every race.

Runs on PostgreSQL and on one SQLite file. Each desk goes through the real
services inside ``run_with_retry``; the test checks that exactly one desk wins
each asset and each leaver return, that every loser is told who has it, that
every success a desk reported is in the database, and that the audit chain
verifies afterwards.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import audit
from app.bootstrap import AppContext
from app.services.loans import check_out
from app.uow import Actor
from db.models import Asset, AuditEvent, Loan, Person, Receipt
from tests.factories import add_asset, add_person
from tests.reliability.procs import race

pytestmark = pytest.mark.slow

DESKS = 6
TAGS = [f"LT-{n:04d}" for n in range(1, 9)]


def _data_dir(app_ctx: AppContext) -> Path:
    return app_ctx.paths.data_dir


def test_desks_racing_for_the_same_assets(app_ctx: AppContext) -> None:
    names = {}
    for d in range(DESKS):
        code = f"D{d}"
        names[code] = f"Desk{d} Borrower"
        add_person(app_ctx, code, f"Desk{d}", "Borrower")
    for tag in TAGS:
        add_asset(app_ctx, tag)
    rng = random.Random(6)
    args = []
    for d in range(DESKS):
        order = TAGS[:]
        rng.shuffle(order)
        args.append(["race-checkout", app_ctx.db.url, str(_data_dir(app_ctx)), f"desk-{d}", f"D{d}",
                     *order])
    results = race(args, _data_dir(app_ctx))

    winners: dict[str, list[tuple[str, int]]] = {t: [] for t in TAGS}
    losers: dict[str, list[str]] = {t: [] for t in TAGS}
    for d, lines in enumerate(results):
        ops = [x for x in lines if x.get("op") == "checkout"]
        assert len(ops) == len(TAGS), lines
        assert lines[-1]["state"] == "done"
        for op in ops:
            if op["ok"]:
                winners[op["tag"]].append((f"D{d}", op["loan_id"]))
            else:
                losers[op["tag"]].append(op["error"])

    with app_ctx.uow(Actor("check"), readonly=True) as uow:
        for tag in TAGS:
            assert len(winners[tag]) == 1, (tag, winners[tag])
            code, loan_id = winners[tag][0]
            assert len(losers[tag]) == DESKS - 1
            for message in losers[tag]:
                # the clear message, naming the desk that won
                assert re.match(rf"{tag} is already on loan to {names[code]} \({code}\) since ", message), \
                    message
            loan = uow.session.get(Loan, loan_id)
            assert loan is not None and loan.outcome is None and loan.person.staff_code == code
            assert loan.asset.tag == tag and loan.asset.status == "on_loan"
        assert uow.session.scalar(select(func.count()).select_from(Loan)) == len(TAGS)
        assert uow.session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "checkout")
        ) == len(TAGS)
        result = audit.verify(uow.session)
        assert result.ok, result.problem


def test_desks_racing_to_run_the_same_leaver_returns(app_ctx: AppContext) -> None:
    leavers = [f"L{n}" for n in range(4)]
    for n, code in enumerate(leavers):
        add_person(app_ctx, code, f"Leaver{n}", "Person", status="leaving")
        for k in range(2):
            tag = f"LV-{n}{k}"
            add_asset(app_ctx, tag)
    # they borrowed while still active; now they are leaving
    with app_ctx.uow(Actor("setup")) as uow:
        for p in uow.session.execute(select(Person)).scalars():
            p.status = "active"
        uow.audit("test_setup")
        uow.commit()
    for n, code in enumerate(leavers):
        with app_ctx.uow(Actor("setup")) as uow:
            check_out(uow, [f"LV-{n}0", f"LV-{n}1"], code)
    rng = random.Random(7)
    args = []
    for d in range(DESKS):
        order = leavers[:]
        rng.shuffle(order)
        args.append(["race-leaver", app_ctx.db.url, str(_data_dir(app_ctx)), f"desk-{d}", *order])
    results = race(args, _data_dir(app_ctx))

    won: dict[str, list[str]] = {c: [] for c in leavers}
    for lines in results:
        for op in (x for x in lines if x.get("op") == "leaver"):
            if op["ok"]:
                won[op["staff_code"]].append(op["number"])
            else:
                assert re.fullmatch(r"Leaver\d Person \(L\d\) is already recorded as left", op["error"]), op
    numbers = [n for ns in won.values() for n in ns]
    assert all(len(ns) == 1 for ns in won.values()), won
    assert len(set(numbers)) == len(leavers)  # no receipt number handed out twice
    with app_ctx.uow(Actor("check"), readonly=True) as uow:
        assert uow.session.scalar(select(func.count()).select_from(Receipt)) == len(leavers)
        for code in leavers:
            person = uow.session.execute(select(Person).where(Person.staff_code == code)).scalar_one()
            assert person.status == "left"
            loans = uow.session.execute(select(Loan).where(Loan.person_id == person.id)).scalars().all()
            receipt = uow.session.execute(
                select(Receipt).where(Receipt.number == won[code][0])).scalar_one()
            assert receipt.person_id == person.id
            assert {ln.outcome for ln in loans} == {"returned"}
            assert {ln.receipt_id for ln in loans} == {receipt.id}
        assert set(uow.session.execute(select(Asset.status)).scalars()) == {"available"}
        result = audit.verify(uow.session)
        assert result.ok, result.problem
