"""The audit chain verifies after any sequence of operations, and breaks on any edit
made behind the app's back: to an event, or to any audited row."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from app import audit
from app.bootstrap import AppContext
from app.errors import LoanKioskError
from app.services.encryption import record_check
from app.services.leavers import leaver_return
from app.services.loans import check_in, check_out, report_lost
from app.uow import Actor
from db.models import AUDITED_MODELS
from tests.factories import school

ACTOR = Actor("tech")


def verify(ctx: AppContext) -> audit.VerifyResult:
    with ctx.uow(ACTOR, readonly=True) as uow:
        return audit.verify(uow.session)


@pytest.fixture
def ctx(app_ctx: AppContext) -> AppContext:
    school(app_ctx)
    with app_ctx.uow(ACTOR) as uow:
        check_out(uow, ["LT-0001", "PH-0001"], "AB1")
    with app_ctx.uow(ACTOR) as uow:
        check_in(uow, "PH-0001", condition="damaged", note="bent")
    with app_ctx.uow(ACTOR) as uow:
        leaver_return(uow, "AB1", confirm_not_leaving=True)
    return app_ctx


def raw(ctx: AppContext, sql: str, **params: object) -> None:
    """An edit behind the app's back. On PostgreSQL the audit tables refuse edits by
    trigger (tests/reliability/test_pg_roles.py); a superuser can switch triggers
    off, so the chain's own checks are tested as such an edit."""
    with ctx.db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text(sql), params)


def test_chain_intact(ctx: AppContext) -> None:
    result = verify(ctx)
    assert result.ok, result.problem
    assert result.events > 10


@pytest.mark.parametrize(
    ("sql", "problem"),
    [
        ("UPDATE loans SET outcome = 'not_returned' WHERE id = 1", "loans #1 was changed"),
        ("UPDATE people SET first_name = 'Sian' WHERE staff_code = 'AB1'", "was changed"),
        ("UPDATE assets SET status = 'available' WHERE tag = 'PH-0001'", "was changed"),
        ("UPDATE receipts SET content_sha256 = 'x'", "receipts #1 was changed"),
        ("UPDATE encryption_checks SET encrypted = true WHERE id = 2", "encryption_checks #2"),
        ("UPDATE incidents SET status = 'closed'", "incidents #1 was changed"),
        ("DELETE FROM incidents", "incidents #1 was deleted"),
        ("UPDATE audit_events SET actor = 'someone-else' WHERE seq = 3", "audit event #3"),
        ("UPDATE audit_events SET details = '{}' WHERE seq = 5", "audit event #5 "),
        ("DELETE FROM audit_events WHERE seq = 4", "audit event #4 is missing"),
        ("DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)",
         "truncated"),
    ],
)
def test_any_single_edit_is_detected(ctx: AppContext, sql: str, problem: str) -> None:
    raw(ctx, sql)
    result = verify(ctx)
    assert not result.ok
    assert problem in (result.problem or "")


def test_a_row_inserted_behind_the_back_is_detected(ctx: AppContext) -> None:
    raw(ctx, "INSERT INTO people (staff_code, staff_key, first_name, last_name, status, "
        "search_name) VALUES ('ZZ', 'zz', 'Mal', 'Lory', 'active', 'mal lory')")
    result = verify(ctx)
    assert not result.ok and "added outside Loan Kiosk" in (result.problem or "")


def test_every_audited_table_is_covered(ctx: AppContext) -> None:
    names = {m.__tablename__ for m in AUDITED_MODELS}
    assert {"people", "assets", "loans", "encryption_checks", "trips", "signatures", "receipts",
            "incidents", "technicians", "print_jobs"} <= names
    assert "audit_events" not in names and "audit_head" not in names


OPS = st.lists(
    st.tuples(
        st.sampled_from(["out", "in", "damaged", "lost", "encrypt", "leaver"]),
        st.sampled_from(["LT-0001", "LT-0002", "LT-0003", "PH-0001", "PH-0002", "TB-0001",
                         "AV-0001", "LT-0009"]),
        st.sampled_from(["AB1", "CD2", "LV3", "GN4"]),
    ),
    max_size=12,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_chain_verifies_after_any_sequence(app_ctx: AppContext, ops: list[tuple[str, str, str]]) -> None:
    # hypothesis reuses the function-scoped database across examples: start each one clean
    with app_ctx.db.engine.begin() as conn:
        from db.models import Base

        if conn.dialect.name == "postgresql":  # the audit tables' append-only triggers off
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
        conn.execute(text("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, :h)"),
                     {"h": audit.GENESIS})
    school(app_ctx)
    for op, tag, who in ops:
        try:
            with app_ctx.uow(Actor("fuzz", "admin")) as uow:
                if op == "out":
                    check_out(uow, tag, who)
                elif op in ("in", "damaged"):
                    check_in(uow, tag, condition="ok" if op == "in" else "damaged")
                elif op == "lost":
                    report_lost(uow, tag)
                elif op == "encrypt":
                    record_check(uow, tag, encrypted=True, method="bitlocker")
                else:
                    leaver_return(uow, who, confirm_not_leaving=True, returned_tags=[])
        except LoanKioskError:
            pass
    result = verify(app_ctx)
    assert result.ok, result.problem
    with app_ctx.uow(ACTOR, readonly=True) as uow:  # and the open-loan invariant holds
        rows = uow.session.execute(
            select(text("asset_id")).select_from(text("loans")).where(text("outcome IS NULL"))
        ).all()
        assert len(rows) == len(set(rows))
