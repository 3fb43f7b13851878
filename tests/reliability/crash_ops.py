"""What a desk does in the crash loop: imports, check-outs, check-ins, leaver returns and
receipt rendering, one after another, each announced before it starts (``begin``) and
after it committed (``done``) so that the test can check both halves after a kill -9."""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from app.bootstrap import AppContext
from app.imports.assets import import_assets
from app.imports.staff import import_staff
from app.retry import run_with_retry
from app.services import documents
from app.services.leavers import leaver_return
from app.services.loans import check_in, check_out
from app.uow import Actor
from db.models import Asset, Loan, Person, Receipt
from ink.signature import SignatureData

ACTOR = Actor("crash-desk", "admin")
STAFF_BATCH = 12
ASSET_BATCH = 6
SIG = SignatureData(
    strokes=[[(0, 600, 500, 0.5), (10, 900, 800, 0.6), (20, 1200, 600, 0.7)],
             [(40, 1300, 700, 0.5), (50, 1600, 900, 0.5)]],
    window=(500, 400, 2650, 2100), device="crash loop",
)
Emit = Callable[..., None]


def staff_csv(batch: str) -> bytes:
    lines = ["Staff Code,Forename,Surname,Email,Department"]
    for k in range(STAFF_BATCH):
        lines.append(f"{batch}-{k},Zoë{k},Ødegård {batch},{batch.lower()}{k}@example.org,Science")
    return ("\n".join(lines) + "\n").encode("utf-8")


def assets_csv(batch: str) -> bytes:
    lines = ["Asset Tag,Kind,Make,Model,Serial,Encrypted,Encryption Method"]
    for k in range(ASSET_BATCH):
        lines.append(f"{batch}-{k},laptop,Dell,Latitude 5440,SN-{batch}-{k},yes,bitlocker")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _pick(ctx: AppContext, rng: random.Random) -> dict[str, Any]:
    with ctx.uow(ACTOR, readonly=True) as uow:
        s = uow.session
        available = list(s.execute(select(Asset.tag).where(Asset.status == "available")).scalars())
        active = list(s.execute(select(Person.staff_code).where(Person.status == "active")).scalars())
        holders = list(s.execute(
            select(Person.staff_code).join(Loan, Loan.person_id == Person.id)
            .where(Loan.outcome.is_(None), Person.status != "left").distinct()).scalars())
        on_loan = list(s.execute(select(Asset.tag).where(Asset.status == "on_loan")).scalars())
        unarchived = list(s.execute(select(Receipt.number).where(Receipt.file.is_(None))).scalars())
    return {"available": sorted(available), "active": sorted(active), "holders": sorted(holders),
            "on_loan": sorted(on_loan), "unarchived": sorted(unarchived)}


def one_operation(ctx: AppContext, rng: random.Random, emit: Emit) -> None:
    state = _pick(ctx, rng)
    roll = rng.random()
    if roll < 0.2 or len(state["available"]) < 3 or len(state["active"]) < 3:
        batch = f"S{uuid.uuid4().hex[:6].upper()}"
        kind = "staff" if (roll < 0.1 or len(state["active"]) < 3) else "assets"
        data = staff_csv(batch) if kind == "staff" else assets_csv(batch)
        fn = import_staff if kind == "staff" else import_assets
        emit(begin="import", kind=kind, batch=batch)

        def do_import() -> None:
            with ctx.uow(ACTOR) as uow:
                fn(uow, data, source_name=f"{batch}.csv")

        run_with_retry(do_import)
        emit(done="import", kind=kind, batch=batch)
    elif roll < 0.5:
        tags = rng.sample(state["available"], rng.randint(1, 3))
        who = rng.choice(state["active"])
        token = uuid.uuid4().hex

        def do_checkout() -> list[int]:
            with ctx.uow(ACTOR) as uow:
                return [ln.id for ln in check_out(uow, tags, who, purpose=token, signature=SIG).loans]

        emit(begin="checkout", tags=tags, staff_code=who, token=token)
        ids = run_with_retry(do_checkout)
        emit(done="checkout", loan_ids=ids, token=token)
    elif roll < 0.62 and state["on_loan"]:
        tag = rng.choice(state["on_loan"])
        emit(begin="checkin", tag=tag)

        def do_checkin() -> int:
            with ctx.uow(ACTOR) as uow:
                return check_in(uow, tag).loan.id

        loan_id = run_with_retry(do_checkin)
        emit(done="checkin", loan_id=loan_id)
    elif roll < 0.9 and state["holders"]:
        who = rng.choice(state["holders"])
        emit(begin="leaver", staff_code=who)

        def do_leaver() -> str:
            with ctx.uow(ACTOR) as uow:
                return leaver_return(uow, who, confirm_not_leaving=True, signature=SIG).number

        number = run_with_retry(do_leaver)
        emit(done="leaver", staff_code=who, number=number)
        emit(begin="render", number=number)
        documents.archive_receipt(ctx, ACTOR, number)
        emit(done="render", number=number)
    else:
        for number in state["unarchived"]:
            emit(begin="render", number=number)
            documents.archive_receipt(ctx, ACTOR, number)
            emit(done="render", number=number)


def crash_loop(ctx: AppContext, seed: int, emit: Emit | None = None) -> None:
    """Run operations until killed."""
    def _print(**data: Any) -> None:
        import sys

        sys.stdout.write(json.dumps(data) + "\n")
        sys.stdout.flush()

    out = emit or _print
    rng = random.Random(seed)
    out(state="ready")
    # at start-up, finish archiving receipts a previous run left unrendered (not every
    # time: rendering is slow and kill points should also land in the other operations)
    pending = _pick(ctx, rng)["unarchived"] if rng.random() < 0.3 else []
    for number in pending:
        out(begin="render", number=number)
        documents.archive_receipt(ctx, ACTOR, number)
        out(done="render", number=number)
    while True:
        one_operation(ctx, rng, out)
