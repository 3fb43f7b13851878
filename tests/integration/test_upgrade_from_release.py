"""A database written by an earlier release upgrades in place and its audit log still holds.

The databases in tests/data/releases were written by the code of an earlier commit (their
README says which), not by this build: what a school upgrading would have on disk.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from app import audit
from app.actor import SYSTEM
from db import schema
from tests.conftest import PG_URL, _pg_admin_url, _pg_drop_database, skip_or_fail, user_folder

RELEASES = Path(__file__).resolve().parents[1] / "data" / "releases"


def _load_pg(sql: str) -> str:
    import uuid

    from sqlalchemy.engine import make_url

    name = f"lk_release_{uuid.uuid4().hex[:10]}"
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    import psycopg

    with psycopg.connect(make_url(url).set(drivername="postgresql").render_as_string(False),
                         autocommit=True) as conn:
        conn.execute(sql.encode("utf-8"))  # a whole script, no parameters: nothing is parsed
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def i17_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The demo school as the release before sites and kits wrote it."""
    if request.param == "sqlite":
        folder = user_folder(tmp_path)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "i17.sqlite"
        shutil.copyfile(RELEASES / "i17.sqlite", path)
        yield f"sqlite:///{path}"
        return
    if not PG_URL:
        skip_or_fail("PostgreSQL not configured: set LOAN_KIOSK_TEST_PG=postgresql+psycopg://…")
    url = _load_pg((RELEASES / "i17.pg.sql").read_text(encoding="utf-8"))
    yield url
    _pg_drop_database(url)


def _rows(url: str, table: str) -> list[tuple[object, ...]]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(text(f"SELECT * FROM {table} ORDER BY id"))]
    engine.dispose()
    return rows


def test_the_fixture_is_the_old_schema() -> None:
    with sqlite3.connect(RELEASES / "i17.sqlite") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("i17_append_only_audit",)]
        assert "site_id" not in {r[1] for r in conn.execute("PRAGMA table_info(assets)")}


def test_upgrade_keeps_every_row_and_the_audit_log_holds(i17_url: str) -> None:
    tables = ("people", "assets", "loans", "technicians", "receipts", "audit_events")
    before = {t: _rows(i17_url, t) for t in tables}
    assert before["assets"] and before["loans"] and before["audit_events"]

    engine = create_engine(i17_url)
    schema.upgrade(engine)
    assert schema.current_revision(engine) == schema.HEAD
    with Session(engine) as session:
        result = audit.verify(session)
    engine.dispose()
    assert result.ok, result.problem
    assert result.events == len(before["audit_events"])

    for table in tables:
        after = _rows(i17_url, table)
        assert len(after) == len(before[table]), table
        # every old column keeps its value; the new columns come after them, empty
        for old, new in zip(before[table], after, strict=True):
            assert new[: len(old)] == old, (table, old[0])
            assert all(v is None for v in new[len(old):]), (table, old[0])


def test_a_row_edited_behind_the_apps_back_is_still_caught_after_upgrade(i17_url: str) -> None:
    engine = create_engine(i17_url)
    schema.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE assets SET site_id = NULL, make = 'Forged' WHERE id = 1"))
    with Session(engine) as session:
        result = audit.verify(session)
    engine.dispose()
    assert not result.ok
    assert result.problem == "assets #1 was changed outside Loan Kiosk"


def test_opening_the_upgraded_database_places_every_row_in_one_school(i17_url: str,
                                                                      tmp_path: Path) -> None:
    """Zero configuration: the one school is made on open, every row put in it and the
    legacy free-text locations turned into rooms, in one audited transaction."""
    from app.bootstrap import bootstrap
    from app.config import Settings

    before = _rows(i17_url, "audit_events")
    texts = {r[0] for r in _texts(i17_url)}
    settings = Settings()
    settings.school.name = "Northfield High School"
    ctx = bootstrap(i17_url, data_dir=user_folder(tmp_path) / "data", settings=settings)
    try:
        with ctx.uow(SYSTEM, readonly=True) as uow:
            session = uow.session
            assert session.execute(text("SELECT code, name FROM sites")).all() == [
                ("MAIN", "Northfield High School")]
            for table in ("people", "assets", "technicians"):
                assert session.execute(text(
                    f"SELECT count(*) FROM {table} WHERE site_id IS NULL")).scalar_one() == 0
            rooms = {r[0]: r[1] for r in session.execute(text("SELECT name, id FROM locations"))}
            assert set(rooms) == texts  # (the demo school of i17 had none)
            assert session.execute(text(
                "SELECT count(*) FROM assets WHERE location IS NOT NULL")).scalar_one() == 0
            placed = session.execute(text(
                "SELECT count(*) FROM assets WHERE home_location_id IS NOT NULL "
                "AND current_location_id = home_location_id")).scalar_one()
            assert placed == _count_located(i17_url)
            result = audit.verify(session)
            assert result.ok, result.problem
            actions = [r[0] for r in session.execute(text(
                "SELECT action FROM audit_events ORDER BY seq"))][len(before):]
        assert actions[0] == "site_added" and actions[-1] == "sites_settled"
        assert actions.count("location_added") == len(texts)
    finally:
        ctx.close()
    # opened again: nothing more to do, nothing more written
    ctx = bootstrap(i17_url, data_dir=user_folder(tmp_path) / "data", settings=settings)
    ctx.close()
    assert len(_rows(i17_url, "audit_events")) == len(before) + len(actions)


def _texts(url: str) -> list[tuple[str]]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = [(r[0].strip(),) for r in conn.execute(text(
            "SELECT DISTINCT location FROM assets WHERE location IS NOT NULL"))
            if r[0].strip()]
    engine.dispose()
    return rows


def _count_located(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM assets WHERE location IS NOT NULL "
                              "AND trim(location) <> ''")).scalar_one()
    engine.dispose()
    return int(n)


@pytest.mark.postgres
@pytest.mark.parametrize("i17_url", ["postgresql"], indirect=True)
def test_after_upgrade_on_postgresql_the_desk_role_says_which_rows_only_the_owner_checks(
        i17_url: str) -> None:
    """Technicians' rows recorded before PIN hashes were guarded (issue 18) have digests
    that include the hash: the owner checks them; the desk role, which may not read the
    hash, says so instead of passing them unchecked (or failing with a driver error)."""
    import uuid

    from sqlalchemy.engine import make_url

    from db.roles import grant_desk

    engine = create_engine(i17_url)
    schema.upgrade(engine)
    role = f"lk_desk_{uuid.uuid4().hex[:10]}"
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
    try:
        grant_desk(engine, role)
        with Session(engine) as session:
            assert audit.verify(session).ok  # the owner: every row checked
        desk = create_engine(make_url(i17_url).set(username=role))
        with Session(desk) as session:
            result = audit.verify(session)
        desk.dispose()
        assert not result.ok
        assert result.problem is not None and result.problem.startswith("technicians #")
        assert "run 'loan-kiosk audit verify' as the owner role" in result.problem
    finally:
        with engine.begin() as conn:
            conn.execute(text(f'DROP OWNED BY "{role}"'))
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'REVOKE ALL ON DATABASE "{make_url(i17_url).database}" '
                              f'FROM "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
        admin.dispose()
