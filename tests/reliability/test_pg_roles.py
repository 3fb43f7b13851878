"""PostgreSQL with two roles: the owner migrates, a desk role runs the desk and can
add to the audit chain but never edit, delete or roll it back (issue 17).

A real second login role is created on the local server (trust authentication)
and dropped afterwards.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from app import audit
from app.bootstrap import AppContext, bootstrap
from app.config import Settings
from app.services import stocktakes
from app.services.loans import check_in, check_out
from app.uow import Actor
from db.roles import grant_desk
from tests.conftest import (
    PG_URL,
    MutableClock,
    _pg_admin_url,
    _pg_create_database,
    _pg_drop_database,
    skip_or_fail,
    user_folder,
)
from tests.e2e.test_cli import Cli
from tests.factories import add_location, add_site, school

pytestmark = pytest.mark.postgres
ACTOR = Actor("tech")


@pytest.fixture
def owner_url() -> Iterator[str]:
    """A fresh PostgreSQL database, made and migrated by the owner role (``postgres`` here)."""
    if not PG_URL:
        skip_or_fail("PostgreSQL not configured: set LOAN_KIOSK_TEST_PG=postgresql+psycopg://…")
    url = _pg_create_database()
    yield url
    _pg_drop_database(url)


@pytest.fixture
def owner(owner_url: str, tmp_path: Path, clock: MutableClock) -> Iterator[AppContext]:
    ctx = bootstrap(owner_url, data_dir=user_folder(tmp_path) / "owner", settings=Settings(),
                    clock=clock)
    yield ctx
    ctx.close()


@pytest.fixture
def desk_role(owner_url: str) -> Iterator[str]:
    role = f"lk_desk_{uuid.uuid4().hex[:10]}"
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
    yield role
    owner = create_engine(owner_url, isolation_level="AUTOCOMMIT")
    with owner.connect() as conn:
        conn.execute(text(f'DROP OWNED BY "{role}"'))
    owner.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'REVOKE ALL ON DATABASE "{make_url(owner_url).database}" FROM "{role}"'))
        conn.execute(text(f'DROP ROLE "{role}"'))
    admin.dispose()


@pytest.fixture
def desk(owner_url: str, desk_role: str, tmp_path: Path, clock: MutableClock,
         owner: AppContext) -> Iterator[AppContext]:
    """The owner made the schema and the school; the desk connects as the role."""
    school(owner)
    grant_desk(owner.db.engine, desk_role)
    url = make_url(owner_url).set(username=desk_role).render_as_string(hide_password=False)
    ctx = bootstrap(url, data_dir=user_folder(tmp_path) / "desk", settings=Settings(),
                    clock=clock)
    yield ctx
    ctx.close()


def refused(ctx: AppContext, sql: str) -> str:
    with ctx.db.engine.connect() as conn:
        with pytest.raises(DBAPIError) as caught:
            conn.execute(text(sql))
        conn.rollback()
    return str(caught.value.orig)


def test_the_desk_role_works_the_desk_and_keeps_a_sound_chain(desk: AppContext, owner: AppContext,
                                                               clock: MutableClock) -> None:
    with desk.uow(ACTOR) as uow:
        check_out(uow, ["LT-0001", "PH-0001"], "AB1")
    clock.advance(hours=1)
    with desk.uow(ACTOR) as uow:
        check_in(uow, "PH-0001", condition="ok")
    add_site(owner)
    add_location(owner, "ICT1")
    with desk.uow(ACTOR) as uow:  # a stocktake scan's one statement writes its own event
        number = stocktakes.start_stocktake(uow, "ICT1").id
    for code, new in (("LT-0001", True), ("ZZ-9", True), ("lt-0001", False)):
        with desk.uow(ACTOR) as uow:
            assert stocktakes.scan(uow, number, code).new is new
    with desk.uow(ACTOR, readonly=True) as uow:
        assert uow.session.execute(text("SELECT current_user")).scalar_one().startswith("lk_desk_")
        result = audit.verify(uow.session)
    assert result.ok and result.events > 8, result.problem


def test_the_desk_role_cannot_edit_delete_or_roll_back_the_chain(desk: AppContext) -> None:
    with desk.uow(ACTOR) as uow:
        check_out(uow, ["LT-0001"], "AB1")
    with desk.uow(ACTOR, readonly=True) as uow:
        before = audit.head_anchor(uow.session)
    assert "permission denied" in refused(desk, "UPDATE audit_events SET actor = 'x' WHERE seq = 2")
    assert "permission denied" in refused(desk, "DELETE FROM audit_events WHERE seq = 2")
    assert "permission denied" in refused(desk, "TRUNCATE audit_events")
    # the head moves only forward, onto the newest event, whatever the desk may write
    assert "moves only forward" in refused(desk, "UPDATE audit_head SET seq = seq - 1")
    assert "newest audit event" in refused(desk, "UPDATE audit_head SET seq = seq + 5")
    assert "permission denied" in refused(desk, "DELETE FROM audit_head")
    # and it cannot take the guards away
    assert "must be owner" in refused(desk, "ALTER TABLE audit_events DISABLE TRIGGER USER")
    assert "must be owner" in refused(desk, "DROP TRIGGER audit_events_append_only ON audit_events")
    assert "permission denied" in refused(desk, "SET session_replication_role = replica")
    with desk.uow(ACTOR, readonly=True) as uow:
        assert audit.head_anchor(uow.session) == before
        assert audit.verify(uow.session, anchors=[before]).ok


def test_the_trigger_binds_the_owner_too(owner: AppContext) -> None:
    school(owner)
    assert "append-only: UPDATE refused" in refused(owner, "UPDATE audit_events SET actor = 'x'")
    assert "append-only: DELETE refused" in refused(owner, "DELETE FROM audit_events")
    assert "append-only: TRUNCATE refused" in refused(owner, "TRUNCATE audit_events")
    assert "moves only forward" in refused(owner, "UPDATE audit_head SET seq = 0")
    assert "cannot be deleted" in refused(owner, "DELETE FROM audit_head")


def test_desk_role_command(owner_url: str, desk_role: str, tmp_path: Path) -> None:
    cli = Cli(owner_url, tmp_path)
    cli.ok("init")
    out = cli.ok("desk-role", desk_role)
    assert f"{desk_role} may now run desks" in out
    cli.refused("desk-role", "no_such_role_here", match="there is no PostgreSQL role")
    desk = Cli(make_url(owner_url).set(username=desk_role).render_as_string(hide_password=False),
               tmp_path)
    assert desk.ok("audit", "verify").startswith("audit log intact")
    # the tests' technician was registered, so the chain has begun: a token, not the empty one
    assert re.fullmatch(r"\d+(-[A-Z2-7]{4}){4}", desk.ok("audit", "head").strip().splitlines()[-1])
