"""Migrations: upgraded on open, never drifting from the models, newer schemas refused."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text

from app.database import open_database
from db.schema import SchemaError, alembic_config, current_revision, head_revision


def test_open_creates_schema_at_head(db_url: str) -> None:
    db = open_database(db_url)
    try:
        assert current_revision(db.engine) == head_revision()
    finally:
        db.dispose()


def test_models_and_migrations_do_not_drift(db_url: str) -> None:
    """`alembic check`: autogenerate finds nothing to add, drop or alter."""
    db = open_database(db_url)
    try:
        command.check(alembic_config(db.engine))
    finally:
        db.dispose()


def test_opening_twice_is_harmless(db_url: str) -> None:
    open_database(db_url).dispose()
    db = open_database(db_url)
    db.dispose()


def test_newer_schema_is_refused_with_a_clear_message(db_url: str) -> None:
    db = open_database(db_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    db.dispose()
    with pytest.raises(SchemaError, match="newer than this version of Loan Kiosk knows"):
        open_database(db_url)


def test_sqlite_pragmas(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = open_database(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert (tmp_path / "x.sqlite3").stat().st_mode & 0o077 == 0  # only the desk's user
    finally:
        db.dispose()


def test_fast_path_head_constant_matches_the_migrations() -> None:
    from db.schema import HEAD

    assert head_revision() == HEAD
