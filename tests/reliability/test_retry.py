"""run_with_retry against real conflicts: a SQLite write lock held by another
connection, and PostgreSQL lock and serialization failures."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

import db.engine
from app.bootstrap import AppContext, bootstrap
from app.config import Settings
from app.errors import Busy, Refused
from app.retry import BUSY_MESSAGE, is_transient, run_with_retry
from app.services.loans import check_out
from app.uow import Actor
from tests.conftest import PG_URL, skip_or_fail
from tests.factories import add_asset, add_person


def _no_sleep(_: float) -> None:
    pass


@pytest.fixture
def sqlite_ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppContext:
    # a short busy timeout so a held lock turns into "database is locked" quickly
    monkeypatch.setattr(db.engine, "BUSY_TIMEOUT_MS", 50)
    ctx = bootstrap(f"sqlite:///{tmp_path / 'desk.sqlite3'}", data_dir=tmp_path / "data",
                    settings=Settings())
    add_person(ctx, "AB1", "Siân", "Ó Briain")
    add_asset(ctx, "LT-0001")
    yield ctx  # type: ignore[misc]
    ctx.close()


def _lend(ctx: AppContext) -> int:
    with ctx.uow(Actor("desk-2")) as uow:
        return check_out(uow, "LT-0001", "AB1").loans[0].id


def test_sqlite_lock_held_by_another_desk_is_retried_with_a_friendly_message(
        sqlite_ctx: AppContext) -> None:
    path = sqlite_ctx.db.url.removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another desk is in the middle of a write
    messages: list[str] = []

    def on_retry(message: str) -> None:
        messages.append(message)
        if len(messages) == 2:
            other.execute("ROLLBACK")  # the other desk finishes

    try:
        loan_id = run_with_retry(lambda: _lend(sqlite_ctx), on_retry=on_retry, sleep=_no_sleep)
    finally:
        other.close()
    assert messages == [BUSY_MESSAGE, BUSY_MESSAGE]
    assert BUSY_MESSAGE == "another desk is busy, trying again…"
    assert loan_id > 0


def test_sqlite_lock_never_released_ends_in_busy_and_changes_nothing(sqlite_ctx: AppContext) -> None:
    path = sqlite_ctx.db.url.removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    messages: list[str] = []
    try:
        with pytest.raises(Busy) as err:
            run_with_retry(lambda: _lend(sqlite_ctx), on_retry=messages.append, attempts=3,
                           sleep=_no_sleep)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert len(messages) == 2
    assert "database is locked" not in err.value.message
    assert "another desk" in err.value.message
    with sqlite_ctx.uow(Actor("x"), readonly=True) as uow:
        from db.models import Loan

        assert uow.session.query(Loan).count() == 0


def test_a_refusal_is_not_retried(sqlite_ctx: AppContext) -> None:
    _lend(sqlite_ctx)
    messages: list[str] = []
    with pytest.raises(Refused, match="already on loan to Siân Ó Briain"):
        run_with_retry(lambda: _lend(sqlite_ctx), on_retry=messages.append, sleep=_no_sleep)
    assert messages == []


def test_the_unit_of_work_reports_a_lock_timeout_as_busy_not_a_driver_error(
        sqlite_ctx: AppContext) -> None:
    path = sqlite_ctx.db.url.removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(Busy, match="another desk is busy") as err:
            _lend(sqlite_ctx)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert is_transient(err.value)


@pytest.fixture
def pg_ctx(tmp_path: Path) -> AppContext:
    from tests.conftest import _pg_create_database, _pg_drop_database

    if not PG_URL:
        skip_or_fail("PostgreSQL not configured: set LOAN_KIOSK_TEST_PG=postgresql+psycopg://…")
    url = _pg_create_database()
    ctx = bootstrap(url, data_dir=tmp_path / "data", settings=Settings())
    add_person(ctx, "AB1", "Siân", "Ó Briain")
    add_asset(ctx, "LT-0001")
    yield ctx  # type: ignore[misc]
    ctx.close()
    _pg_drop_database(url)


@pytest.mark.postgres
def test_postgres_lock_not_available_is_retried(pg_ctx: AppContext) -> None:
    other = create_engine(pg_ctx.db.url)
    conn = other.connect()
    conn.execute(text("SELECT id FROM assets FOR UPDATE"))  # another desk holds the row
    messages: list[str] = []

    def attempt() -> int:
        with pg_ctx.uow(Actor("desk-2")) as uow:
            uow.session.execute(text("SELECT id FROM assets FOR UPDATE NOWAIT"))
            return check_out(uow, "LT-0001", "AB1").loans[0].id

    def on_retry(message: str) -> None:
        messages.append(message)
        conn.rollback()

    try:
        assert run_with_retry(attempt, on_retry=on_retry, sleep=_no_sleep) > 0
    finally:
        conn.close()
        other.dispose()
    assert messages == [BUSY_MESSAGE]


@pytest.mark.postgres
def test_postgres_serialization_failure_is_retried(pg_ctx: AppContext) -> None:
    other = create_engine(pg_ctx.db.url)
    calls: list[str] = []

    def attempt() -> str:
        engine = pg_ctx.db.engine.execution_options(isolation_level="REPEATABLE READ")
        with engine.connect() as conn:
            notes = conn.execute(text("SELECT notes FROM assets WHERE tag = 'LT-0001'")).scalar()
            if not calls:
                # another desk changes the row after our snapshot was taken
                with other.begin() as o:
                    o.execute(text("UPDATE assets SET notes = 'other desk' WHERE tag = 'LT-0001'"))
            calls.append(str(notes))
            conn.execute(text("UPDATE assets SET notes = 'this desk' WHERE tag = 'LT-0001'"))
            conn.commit()
            return str(notes)

    messages: list[str] = []
    try:
        seen = run_with_retry(attempt, on_retry=messages.append, sleep=_no_sleep)
    finally:
        other.dispose()
    assert messages == [BUSY_MESSAGE]
    assert calls == ["None", "other desk"] and seen == "other desk"  # attempt 2 saw the other write
