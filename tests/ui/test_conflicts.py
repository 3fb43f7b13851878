"""Another desk holding the database: the desk's write waits, says so, and then goes through."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import select

import db.engine
from app.retry import BUSY_MESSAGE
from app.uow import SYSTEM
from db.engine import sqlite_path
from db.models import Loan, Receipt
from tests.factories import school
from tests.ui.desk import TECH_PIN, scan_into_checkout, sign_in, sqlite_only_db, wait_idle
from tests.ui.pad import sign_with_mouse

#: widget-level: stays on SQLite
db_url = sqlite_only_db


def test_a_check_out_waits_for_another_desks_write_lock_then_goes_through(
        qtbot, desk, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    if not desk.ctx.db.is_sqlite:
        pytest.skip("holds an SQLite write lock from a second connection")
    # a short busy timeout, so the held lock turns into "database is locked" (and a retry) at once
    monkeypatch.setattr(db.engine, "BUSY_TIMEOUT_MS", 50)
    desk.ctx.db.engine.dispose()
    school(desk.ctx)
    sign_in(qtbot, desk, "bob", TECH_PIN)
    view = scan_into_checkout(qtbot, desk).view
    view.cont.click()
    sign_with_mouse(view.signature.widget.canvas)

    locked, notice_seen = threading.Event(), threading.Event()

    def other_desk() -> None:  # a second connection in the middle of a write
        con = sqlite3.connect(sqlite_path(desk.ctx.db.url), isolation_level=None)
        try:
            con.execute("BEGIN IMMEDIATE")
            locked.set()
            # held until the desk has said it is waiting (at most 5 s): holding it for a fixed
            # second could outlast the bounded, jittered retries and make the test flaky
            notice_seen.wait(5)
            con.execute("ROLLBACK")
        finally:
            con.close()

    shown: list[tuple[str, str]] = []

    def on_retry(_message: str) -> None:  # connected after the window's own slot: banner is set
        shown.append((desk.banner.level, desk.banner.message))
        notice_seen.set()

    desk.ops.retrying.connect(on_retry)
    thread = threading.Thread(target=other_desk)
    thread.start()
    try:
        assert locked.wait(5)
        view.signature.widget.accept_button.click()
        wait_idle(qtbot, desk)
    finally:
        notice_seen.set()
        thread.join(10)
    assert shown and shown[0] == ("warn", "Another desk is busy, trying again…")
    assert BUSY_MESSAGE == "another desk is busy, trying again…"
    assert view.page == "done", desk.banner.message
    assert desk.banner.level == "ok" and "Lent 1 item to Siân Ó Briain" in desk.banner.message
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        assert [ln.asset.tag for ln in uow.session.execute(select(Loan)).scalars()] == ["LT-0001"]
        assert uow.session.execute(select(Receipt.kind)).scalars().all() == ["loan_ack"]
