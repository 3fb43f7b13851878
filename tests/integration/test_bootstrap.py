"""The composition root opening the database on a thread of its own (the desk's cold start)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from app.bootstrap import bootstrap_in_background
from app.database import open_database
from app.uow import SYSTEM
from db.schema import SchemaError


def _opening_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "open-database"]


def test_paths_and_settings_are_ready_at_once_and_the_database_opens_on_its_thread(
        db_url: str, tmp_path: Path) -> None:
    ctx = bootstrap_in_background(db_url, data_dir=tmp_path / "data", start=False)
    try:
        assert ctx.paths.data_dir == tmp_path / "data"
        assert ctx.settings.school.name
        assert not ctx.db_ready and not _opening_threads()  # nothing started yet
        told: list[tuple[BaseException | None, str]] = []
        ctx.when_db_ready(lambda error: told.append((error, threading.current_thread().name)))
        ctx.start_opening()
        ctx.start_opening()  # a second call is harmless
        with ctx.uow(SYSTEM, readonly=True) as uow:  # waits for the database
            assert uow.session.execute(text("SELECT 1")).scalar() == 1
        for t in _opening_threads():
            t.join(10)
        assert ctx.db_ready and told == [(None, "open-database")]  # once, on the opening thread
    finally:
        ctx.close()


def test_using_the_database_starts_the_opening_itself(db_url: str, tmp_path: Path) -> None:
    ctx = bootstrap_in_background(db_url, data_dir=tmp_path / "data", start=False)
    try:
        assert ctx.db.url == db_url
    finally:
        ctx.close()


def test_a_database_that_opens_when_told_keeps_its_users_waiting_till_then(
        db_url: str, tmp_path: Path) -> None:
    """The desk's way: nothing opens before its window has painted, whoever asks first."""
    ctx = bootstrap_in_background(db_url, data_dir=tmp_path / "data", start=False,
                                  opens_on_use=False)
    got: list[str] = []
    user = threading.Thread(target=lambda: got.append(ctx.db.url))
    try:
        user.start()
        user.join(0.3)
        assert user.is_alive() and not _opening_threads() and not got
        ctx.start_opening()
        user.join(30)
        assert got == [db_url]
    finally:
        ctx.start_opening()  # never leave the waiting thread behind
        user.join(30)
        ctx.close()


def test_a_database_that_cannot_open_is_told_to_whoever_waits(db_url: str, tmp_path: Path) -> None:
    db = open_database(db_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    db.dispose()
    ctx = bootstrap_in_background(db_url, data_dir=tmp_path / "data")
    told: list[BaseException | None] = []
    ctx.when_db_ready(told.append)
    with pytest.raises(SchemaError, match="newer than this version"):
        _ = ctx.db
    assert ctx.db_ready
    assert len(told) == 1 and isinstance(told[0], SchemaError)
    ctx.close()  # nothing was opened: nothing to close, and no error


def test_closing_before_the_opening_started_opens_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'never.sqlite3'}"
    ctx = bootstrap_in_background(url, data_dir=tmp_path / "data", start=False)
    ctx.close()
    assert not _opening_threads()
    assert not (tmp_path / "never.sqlite3").exists()
