"""The PIN lock-out holds under parallel attack: failures are counted one after another (the
technician's row is locked while its PIN is checked), a locked account's PIN is not even
checked, and each further wrong PIN doubles the wait."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select, text

from app.bootstrap import AppContext
from app.errors import InvalidInput
from app.services.technicians import (
    LOCK_SECONDS,
    MAX_FAILURES,
    MAX_LOCK_SECONDS,
    add_technician,
    lock_seconds,
    sign_in,
)
from app.uow import Actor
from db.models import AuditEvent
from tests.conftest import MutableClock

ADMIN = Actor("admin-tech", "admin")
PIN = "271828"


def _failed_checks(ctx: AppContext) -> int:
    with ctx.uow(ADMIN, readonly=True) as uow:
        return len(uow.session.execute(
            select(AuditEvent.id).where(AuditEvent.action == "sign_in_failed")).all())


def test_forty_parallel_wrong_pins_check_only_five(app_ctx: AppContext) -> None:
    with app_ctx.uow(ADMIN) as uow:
        add_technician(uow, "ann", PIN)
    start = threading.Barrier(40)

    def attempt(i: int) -> str:
        start.wait()
        with app_ctx.uow(Actor("attacker")) as uow:
            return sign_in(uow, "ann", f"{100000 + i}").message

    with ThreadPoolExecutor(40) as pool:
        messages = list(pool.map(attempt, range(40)))
    wrong = [m for m in messages if m == "Unknown technician or wrong PIN."]
    locked = [m for m in messages if m.startswith("Too many wrong PINs. Try again in ")]
    assert (len(wrong), len(locked)) == (MAX_FAILURES - 1, 40 - MAX_FAILURES + 1), messages
    assert _failed_checks(app_ctx) == MAX_FAILURES  # only five PINs were ever checked
    with app_ctx.uow(ADMIN) as uow:  # even the right PIN waits out the lock
        assert not sign_in(uow, "ann", PIN).ok


def wait_out(ctx: AppContext, clock: MutableClock, seconds: int) -> None:
    """Let ``seconds`` pass for the lock-out: the app's clock on SQLite; on PostgreSQL the
    lock-out runs on the server's clock (a desk cannot move it), so the test, as the
    owner, moves the lock's end back by as much instead."""
    clock.advance(seconds=seconds)
    if not ctx.db.is_sqlite:
        with ctx.db.engine.begin() as conn:
            conn.execute(text("UPDATE technicians SET locked_until = locked_until - "
                              "make_interval(secs => :s)"), {"s": seconds})


def test_back_off_doubles_and_a_right_pin_resets_it(app_ctx: AppContext,
                                                    clock: MutableClock) -> None:
    with app_ctx.uow(ADMIN) as uow:
        add_technician(uow, "ann", PIN)
    waits = []
    for _ in range(MAX_FAILURES + 2):
        with app_ctx.uow(ADMIN) as uow:
            result = sign_in(uow, "ann", "000000")
        assert not result.ok
        if result.message.startswith("Too many"):
            waits.append(int(result.message.split()[-2]))
            wait_out(app_ctx, clock, waits[-1] + 1)
    assert waits == [LOCK_SECONDS, 2 * LOCK_SECONDS, 4 * LOCK_SECONDS]
    with app_ctx.uow(ADMIN) as uow:
        assert sign_in(uow, "ann", PIN).ok
    with app_ctx.uow(ADMIN) as uow:  # the count starts again from nothing
        assert sign_in(uow, "ann", "000000").message == "Unknown technician or wrong PIN."
    assert lock_seconds(MAX_FAILURES + 100) == MAX_LOCK_SECONDS


def test_pins_are_at_least_six_digits(app_ctx: AppContext) -> None:
    for short in ("4711", "12345", "１２３４５６", "12345a"):
        with app_ctx.uow(ADMIN) as uow, pytest.raises(InvalidInput, match="6 to 12 digits"):
            add_technician(uow, "ann", short)
    with app_ctx.uow(ADMIN) as uow:
        add_technician(uow, "ann", "123456")
