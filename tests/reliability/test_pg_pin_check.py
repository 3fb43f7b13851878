"""PostgreSQL: a desk role checks PINs without reading a PIN hash (issue 18).

It connects as a real second login role (fixtures of test_pg_roles.py): it cannot
read ``technicians.pin_hash`` nor reset a lock-out, yet signs in, is locked out
after five wrong PINs however many arrive at once, and changes a PIN, all through
the owner's ``SECURITY DEFINER`` functions.
"""

from __future__ import annotations

import importlib
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import DBAPIError

from app import audit
from app.bootstrap import AppContext
from app.errors import PermissionDenied
from app.services.technicians import MAX_FAILURES, add_technician, change_pin, sign_in, verify_pin
from app.uow import Actor
from db.models import AuditEvent, Technician
from tests.conftest import _pg_admin_url
from tests.reliability.test_pg_roles import desk, desk_role, owner, owner_url, refused  # noqa: F401

pytestmark = pytest.mark.postgres
migration = importlib.import_module("db.migrations.versions.0012_i18_pin_check")
ADMIN = Actor("tech", "admin")
PIN = "271828"
WRONG = "Unknown technician or wrong PIN."


def _failed_checks(ctx: AppContext) -> int:
    with ctx.uow(ADMIN, readonly=True) as uow:
        return len(uow.session.execute(
            select(AuditEvent.id).where(AuditEvent.action == "sign_in_failed")).all())


def test_the_desk_role_cannot_read_hashes_or_reset_a_lock_out(desk: AppContext) -> None:  # noqa: F811
    with desk.uow(ADMIN) as uow:
        add_technician(uow, "ann", PIN)
    assert "permission denied" in refused(desk, "SELECT pin_hash FROM technicians")
    assert "permission denied" in refused(desk, "SELECT * FROM technicians")
    assert "permission denied" in refused(desk, "UPDATE technicians SET failed_attempts = 0")
    assert "permission denied" in refused(desk, "UPDATE technicians SET locked_until = NULL")
    assert "permission denied" in refused(desk, "UPDATE technicians SET pin_hash = 'x'")
    with desk.db.engine.connect() as conn:  # everything else about a technician it may read
        row = conn.execute(text("SELECT username, role, failed_attempts FROM technicians "
                                "WHERE username = 'ann'")).one()
        assert tuple(row) == ("ann", "admin", 0)  # the first technician
        # the salt and scrypt parameters are not secret; the digest is never given out
        params = conn.execute(text("SELECT pin_params(id) FROM technicians "
                                   "WHERE username = 'ann'")).scalar_one()
        assert params.startswith("scrypt$16384$8$1$") and params.count("$") == 4
        with pytest.raises(DBAPIError, match="not a PIN hash"):
            conn.execute(text("SELECT pin_set(id, 'x', 'plain') FROM technicians "
                              "WHERE username = 'ann'"))


def test_the_desk_role_signs_in_changes_a_pin_and_confirms_it(desk: AppContext) -> None:  # noqa: F811
    with desk.uow(ADMIN) as uow:
        add_technician(uow, "ann", PIN)
    with desk.uow(Actor("desk")) as uow:
        result = sign_in(uow, "ANN", PIN)
    assert result.ok and result.actor is not None and result.actor.name == "ann"
    with desk.uow(Actor("desk")) as uow:
        assert sign_in(uow, "ann", "000000").message == WRONG
    with desk.uow(result.actor) as uow, pytest.raises(PermissionDenied, match="not right"):
        change_pin(uow, "ann", "999999", "314159")
    with desk.uow(result.actor) as uow:
        change_pin(uow, "ann", PIN, "314159")
    with desk.uow(Actor("desk")) as uow:
        assert not sign_in(uow, "ann", PIN).ok
    with desk.uow(Actor("desk")) as uow:  # the right PIN clears the two wrong ones
        assert sign_in(uow, "ann", "314159").ok
    with desk.uow(result.actor) as uow, pytest.raises(PermissionDenied, match="not right"):
        verify_pin(uow, PIN)
    with desk.uow(result.actor) as uow:
        verify_pin(uow, "314159")
    with desk.uow(ADMIN, readonly=True) as uow:
        tech = uow.session.execute(select(Technician).where(Technician.username == "ann")).scalar_one()
        assert tech.failed_attempts == 0 and tech.locked_until is None
        actions = [e.action for e in uow.session.execute(
            select(AuditEvent).order_by(AuditEvent.seq)).scalars()][-6:]
        assert actions == ["sign_in", "sign_in_failed", "sign_in_failed", "pin_changed",
                           "sign_in_failed", "sign_in"]
        assert audit.verify(uow.session).ok  # and the chain, rows included, holds


def test_forty_parallel_wrong_pins_as_the_desk_role_check_only_five(desk: AppContext) -> None:  # noqa: F811
    with desk.uow(ADMIN) as uow:
        add_technician(uow, "ann", PIN)
    start = threading.Barrier(40)

    def attempt(i: int) -> str:
        start.wait()
        with desk.uow(Actor("attacker")) as uow:
            return sign_in(uow, "ann", f"{100000 + i}").message

    with ThreadPoolExecutor(40) as pool:
        messages = list(pool.map(attempt, range(40)))
    wrong = [m for m in messages if m == WRONG]
    locked = [m for m in messages if m.startswith("Too many wrong PINs. Try again in ")]
    assert (len(wrong), len(locked)) == (MAX_FAILURES - 1, 40 - MAX_FAILURES + 1), messages
    assert _failed_checks(desk) == MAX_FAILURES
    with desk.uow(ADMIN) as uow:  # the right PIN waits out the lock, on the server's clock
        assert sign_in(uow, "ann", PIN).message.startswith("Too many wrong PINs")
    # nor can a PIN be changed meanwhile
    with desk.uow(ADMIN) as uow, pytest.raises(PermissionDenied, match="Too many wrong PINs"):
        change_pin(uow, "ann", PIN, "314159")


def test_the_upgrade_takes_the_hashes_from_roles_granted_before_it(owner: AppContext,  # noqa: F811
                                                                   owner_url: str) -> None:  # noqa: F811
    """A desk role set up before this migration had every column: upgrading closes that."""
    role = f"lk_old_{uuid.uuid4().hex[:10]}"
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
    owner_engine = owner.db.engine
    try:
        with owner_engine.begin() as conn:
            conn.execute(text(f'GRANT SELECT, INSERT, UPDATE, DELETE ON technicians TO "{role}"'))
            conn.execute(text(migration.CLOSE_EXISTING))
        with owner_engine.connect() as conn:
            conn.execute(text(f'SET LOCAL ROLE "{role}"'))
            conn.execute(text("SELECT id, username FROM technicians"))
            conn.execute(text("SELECT pin_params(0)"))
            with pytest.raises(DBAPIError, match="permission denied"):
                conn.execute(text("SELECT pin_hash FROM technicians"))
            conn.rollback()
    finally:
        with owner_engine.begin() as conn:
            conn.execute(text(f'DROP OWNED BY "{role}"'))
        with admin.connect() as conn:
            conn.execute(text(f'DROP ROLE "{role}"'))
        admin.dispose()
