"""A leaver return and a check-in of the same item at two desks, interleaved on purpose.

Desk B checks the item in as incomplete (no charger); while B's transaction is still open, desk
A starts the leaver return. The database must make A see B's check-in (or make
A wait and then see it): B's record — incomplete, checked in by B — must survive.
(A damaged check-in happens to be safe already: its incident's foreign key
locks the person row, which the leaver return locks first.) The interleaving
is forced with a third connection holding a lock on the audit events table (B has
locked its rows and waits to write its events and commit: since issue 19 no commit
waits for the audit head, so holding the head no longer stalls one), and waits are
detected in ``pg_stat_activity``, not by sleeping.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app import audit
from app.bootstrap import AppContext
from app.services.leavers import leaver_return
from app.services.loans import check_in, check_out
from app.uow import Actor
from db.models import Asset, Loan
from tests.factories import add_asset, add_person

pytestmark = pytest.mark.postgres


def _wait_for_lock_waiters(engine_url: str, n: int) -> None:
    probe = create_engine(engine_url)
    try:
        with probe.connect() as conn:
            for _ in range(6000):  # bounded: a minute at most
                waiting = conn.execute(text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'")).scalar_one()
                if waiting >= n:
                    return
                conn.rollback()
                time.sleep(0.01)
    finally:
        probe.dispose()
    raise AssertionError(f"never saw {n} desks waiting for a lock")


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_check_in_during_a_leaver_return_is_not_lost(app_ctx: AppContext, tmp_path: Path) -> None:
    add_person(app_ctx, "AB1", "Siân", "Ó Briain", status="active")
    add_asset(app_ctx, "LT-0001")
    add_asset(app_ctx, "LT-0002")
    with app_ctx.uow(Actor("setup")) as uow:
        check_out(uow, ["LT-0001", "LT-0002"], "AB1")

    holder = create_engine(app_ctx.db.url)
    hold = holder.connect()
    hold.execute(text("LOCK TABLE audit_events IN SHARE MODE"))  # stalls every commit
    errors: list[BaseException] = []

    def desk(fn: object) -> threading.Thread:
        def run() -> None:
            try:
                fn()  # type: ignore[operator]
            except BaseException as exc:  # reported below
                errors.append(exc)
        t = threading.Thread(target=run)
        t.start()
        return t

    def desk_b() -> None:
        with app_ctx.uow(Actor("desk-B")) as uow:
            check_in(uow, "LT-0001", condition="incomplete", note="no charger")

    def desk_a() -> None:
        with app_ctx.uow(Actor("desk-A")) as uow:
            leaver_return(uow, "AB1", confirm_not_leaving=True)

    try:
        b = desk(desk_b)
        _wait_for_lock_waiters(app_ctx.db.url, 1)  # B holds LT-0001's rows, waits to commit
        a = desk(desk_a)
        _wait_for_lock_waiters(app_ctx.db.url, 2)  # A is blocked behind B
    finally:
        hold.rollback()
        hold.close()
        holder.dispose()
    b.join(60)
    a.join(60)
    assert not errors, errors
    with app_ctx.uow(Actor("check"), readonly=True) as uow:
        asset = uow.session.query(Asset).filter_by(tag="LT-0001").one()
        loan = uow.session.query(Loan).filter_by(asset_id=asset.id).one()
        assert audit.verify(uow.session).ok
        # B's check-in stands: incomplete, checked in by B, with B's note
        assert (loan.in_by, loan.condition_in, loan.note_in) == ("desk-B", "incomplete", "no charger")
        assert asset.status == "available"
