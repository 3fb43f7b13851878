"""``db.first_look``: the desk's look at a SQLite file before SQLAlchemy is loaded (issue 15)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.database import open_database
from app.services.technicians import add_technician
from app.uow import SYSTEM
from db.first_look import FirstLook, first_look, sqlite_file


def test_it_counts_the_technicians_of_an_app_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    db = open_database(url)
    try:
        assert first_look(url) == FirstLook(technicians=0)
        with db.uow(SYSTEM) as uow:
            add_technician(uow, "alice", "432100", admin=True)
        assert first_look(url) == FirstLook(technicians=1)
    finally:
        db.dispose()


@pytest.mark.parametrize("url", [
    "postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
    "sqlite://",
    "sqlite:///:memory:",
    "sqlite:///desk.sqlite3?mode=ro",  # options: the full open reads them, not this look
])
def test_it_says_nothing_about_what_it_cannot_open_plainly(url: str) -> None:
    assert first_look(url) is None


def test_it_never_creates_a_file(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    assert first_look(f"sqlite:///{path}") is None
    assert not path.exists()


def test_a_file_that_is_not_a_desk_database_gives_no_answer(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    assert first_look(f"sqlite:///{junk}") is None
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    assert first_look(f"sqlite:///{other}") is None  # no technicians table


def test_file_urls_are_read_as_sqlalchemy_reads_them(tmp_path: Path) -> None:
    assert sqlite_file(f"sqlite:///{tmp_path}/a b.sqlite3") == tmp_path / "a b.sqlite3"
    assert sqlite_file("sqlite+pysqlite:///rel/desk.sqlite3") == Path("rel/desk.sqlite3")
    assert sqlite_file("sqlite:///:memory:") is None
