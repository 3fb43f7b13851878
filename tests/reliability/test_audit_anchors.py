"""Anchors taken outside the database expose every rewrite of history the chain
alone cannot: the six attacks of issue 17, each made with Loan Kiosk's own code
(``tests/reliability/tamper.py``), on SQLite and PostgreSQL.

Each test first shows that ``audit verify`` *without* the anchor accepts the
tampered database (so the tamper is a good one), then that it fails with the
anchor, naming it. The CLI is exercised at the end.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import cast

import pytest
from sqlalchemy import Table, delete, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from app import anchors, audit
from app.bootstrap import AppContext
from app.errors import InvalidInput
from app.services.loans import check_in, check_out
from app.uow import Actor
from db.models import Asset, AuditEvent, Loan
from tests.conftest import MutableClock
from tests.factories import school
from tests.reliability import tamper

ACTOR = Actor("tech")
EVENTS, HEAD = tamper.EVENTS, tamper.HEAD
LOANS = cast(Table, Loan.__table__)


def verify(ctx: AppContext, *given: anchors.Anchor) -> audit.VerifyResult:
    with ctx.uow(ACTOR, readonly=True) as uow:
        return audit.verify(uow.session, anchors=given)


def head(ctx: AppContext) -> anchors.Anchor:
    with ctx.uow(ACTOR, readonly=True) as uow:
        return audit.head_anchor(uow.session)


def anchor_at(ctx: AppContext, seq: int) -> anchors.Anchor:
    """The anchor a desk would have printed when event ``seq`` was the newest."""
    with ctx.uow(ACTOR, readonly=True) as uow:
        h = uow.session.scalars(select(AuditEvent.hash).where(AuditEvent.seq == seq)).one()
    return anchors.for_event(seq, h)


def assert_caught(ctx: AppContext, anchor: anchors.Anchor, why: str) -> None:
    plain = verify(ctx)
    assert plain.ok, f"the tamper was not clean enough to need an anchor: {plain.problem}"
    caught = verify(ctx, anchor)
    assert not caught.ok
    assert caught.problem is not None
    assert f"anchor {anchor.token} does not hold" in caught.problem, caught.problem
    assert why in caught.problem, caught.problem


@pytest.fixture
def ctx(app_ctx: AppContext, clock: MutableClock) -> AppContext:
    school(app_ctx)
    clock.advance(hours=1)
    with app_ctx.uow(ACTOR) as uow:
        check_out(uow, ["LT-0001"], "AB1")
    clock.advance(hours=1)
    with app_ctx.uow(ACTOR) as uow:
        check_out(uow, ["PH-0001", "PH-0002"], "CD2")
    clock.advance(hours=1)
    with app_ctx.uow(ACTOR) as uow:
        check_in(uow, "PH-0001", condition="damaged", note="cracked screen")
    clock.advance(hours=1)
    return app_ctx


def url(ctx: AppContext) -> str:
    return ctx.db.engine.url.render_as_string(hide_password=False)


def test_token_reads_aloud_and_round_trips(ctx: AppContext) -> None:
    a = head(ctx)
    token = a.token
    seq, *groups = token.split("-")
    assert int(seq) == a.seq > 0
    assert [len(g) for g in groups] == [4, 4, 4, 4]
    assert anchors.parse(token) == a
    # as a person copies it: lower case, no dashes inside, look-alike digits
    typed = f"{seq}-" + "".join(groups).lower().replace("o", "0").replace("i", "1")
    assert anchors.parse(typed) == a
    assert verify(ctx, a).ok
    with pytest.raises(InvalidInput, match="is not an audit anchor"):
        anchors.parse("12-ABCD")


def test_rollback_deleting_the_last_events_and_moving_the_head_back(
        ctx: AppContext, clock: MutableClock) -> None:
    with tamper.attacker(url(ctx)) as eng:
        before = tamper.snapshot(eng)
        with ctx.uow(ACTOR) as uow:
            check_in(uow, "LT-0001", condition="ok")
        anchor = head(ctx)
        # delete the check-in's events, move the head back, put its rows as they were
        with eng.begin() as conn:
            kept = max(r["seq"] for r in before["audit_events"])
            conn.execute(delete(EVENTS).where(AuditEvent.seq > kept))
        tamper.load(eng, before)
    assert_caught(ctx, anchor, "ends at event")


def test_forged_back_dated_checkin_with_correct_row_digests(ctx: AppContext) -> None:
    anchor = head(ctx)
    with tamper.attacker(url(ctx)) as eng, Session(eng) as s:
        loan = s.scalars(select(Loan).join(Asset).where(Asset.tag == "LT-0001")).one()
        asset = loan.asset
        when = tamper.utc(loan.out_at) + dt.timedelta(minutes=30)
        loan.in_at, loan.outcome, loan.condition_in = when, "returned", "ok"
        loan.in_by = "tech"
        asset.status = "available"
        s.flush()
        rows: dict[str, str | None] = {audit.row_key(o): audit.row_digest(o) for o in (loan, asset)}
        conn = s.connection()
        audit.append(tamper.executor(conn), when, "tech",
                     [audit.PendingEvent("checkin", "loans", str(loan.id),
                                         {"tag": "LT-0001", "staff_code": "AB1", "condition": "ok"})],
                     rows)
        s.commit()
    assert_caught(ctx, anchor, "back-dated")


def test_rechained_deletion_of_a_middle_event(ctx: AppContext) -> None:
    latest = head(ctx)
    anchor = anchor_at(ctx, latest.seq - 2)  # an older anchor, still inside the shorter chain
    with tamper.attacker(url(ctx)) as eng, eng.begin() as conn:
        events = conn.execute(select(AuditEvent.id, AuditEvent.seq, AuditEvent.details)
                              .order_by(AuditEvent.seq)).all()
        # an event with no row digests of its own (the first of a transaction's events)
        victim = next(e for e in events[3:] if "_rows" not in json.loads(e.details))
        conn.execute(delete(EVENTS).where(AuditEvent.id == victim.id))
        tamper.rechain(conn)
    assert_caught(ctx, anchor, "no longer the event it anchored")
    assert_caught(ctx, latest, "ends at event")


def test_erased_loan_with_its_trail(ctx: AppContext) -> None:
    latest = head(ctx)
    with tamper.attacker(url(ctx)) as eng, eng.begin() as conn:
        tamper._unchecked(conn)
        loan_id = conn.execute(select(Loan.id).join(Asset).where(Asset.tag == "PH-0001")).scalar_one()
        trail = conn.execute(select(AuditEvent.seq).where(
            AuditEvent.entity == "loans", AuditEvent.entity_id == str(loan_id))).scalars().all()
        assert len(trail) >= 2
        # the anchor printed on the day the phone went out
        anchor = anchor_at(ctx, min(trail))
        conn.execute(delete(LOANS).where(Loan.id == loan_id))
        conn.execute(delete(EVENTS).where(AuditEvent.entity == "loans",
                                                        AuditEvent.entity_id == str(loan_id)))
        tamper.drop_row_digests(conn, {f"loans:{loan_id}"})
        tamper.reseal_rows(conn)  # the phone's row was last recorded by the erased check-in
        tamper.rechain(conn)
    assert_caught(ctx, anchor, "no longer the event it anchored")
    assert_caught(ctx, latest, "ends at event")


def test_replaced_history(ctx: AppContext, clock: MutableClock) -> None:
    anchor = head(ctx)
    with tamper.attacker(url(ctx)) as eng, Session(eng) as s:
        s.execute(delete(AuditEvent))
        s.execute(HEAD.update().values(seq=0, hash=audit.GENESIS))
        rows = tamper.rows_digest_all(s)
        audit.append(tamper.executor(s.connection()), clock() - dt.timedelta(days=30), "admin",
                     [audit.PendingEvent("import_done", None, None, {"note": "migrated"})], rows)
        s.commit()
    assert_caught(ctx, anchor, "ends at event")  # a shorter history: the anchored event is gone


def test_replaced_history_as_long_as_the_real_one(ctx: AppContext) -> None:
    anchor = head(ctx)
    with tamper.attacker(url(ctx)) as eng, eng.begin() as conn:
        # the same number of events, with one detail changed in the first
        first = conn.execute(select(AuditEvent.id, AuditEvent.details)
                             .order_by(AuditEvent.seq).limit(1)).one()
        details = json.loads(first.details)
        details["forged"] = True
        conn.execute(EVENTS.update().where(AuditEvent.id == first.id)
                     .values(details=audit.canonical_json(details)))
        tamper.rechain(conn)
    assert_caught(ctx, anchor, "no longer the event it anchored")


def test_an_older_database_copied_back(ctx: AppContext, tmp_path: Path) -> None:
    engine = ctx.db.engine
    old = tmp_path / "old.sqlite3"
    if engine.dialect.name == "sqlite":
        live = Path(str(make_url(url(ctx)).database))
        with sqlite3.connect(live) as src, sqlite3.connect(old) as dst:
            src.backup(dst)
        dump = None
    else:
        with tamper.attacker(url(ctx)) as eng:
            dump = tamper.snapshot(eng)  # an old pg_dump
    with ctx.uow(ACTOR) as uow:
        check_in(uow, "LT-0001", condition="ok")
    anchor = head(ctx)
    if dump is None:
        # the old file copied over the live one, page by page (as `cp` with the desk closed)
        with sqlite3.connect(old) as src, sqlite3.connect(live) as dst:
            src.backup(dst)
        engine.dispose()
    else:
        with tamper.attacker(url(ctx)) as eng:
            tamper.load(eng, dump)
    assert_caught(ctx, anchor, "ends at event")


def test_anchors_taken_earlier_all_hold_on_an_honest_log(ctx: AppContext, clock: MutableClock) -> None:
    taken = [head(ctx)]
    for tag in ("LT-0001", "PH-0002"):
        clock.advance(minutes=5)
        with ctx.uow(ACTOR) as uow:
            check_in(uow, tag, condition="ok")
        taken.append(head(ctx))
    result = verify(ctx, *taken)
    assert result.ok, result.problem
    # the chain's start is an anchor too, and always holds
    assert verify(ctx, anchors.parse("0-AAAA-AAAA-AAAA-AAAA")).ok
