"""Helpers for the tests of an asset's, an incident's and a loan's whole life: state read
straight from the database, refusals that change nothing, and the audit log checked."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from app import audit
from app.bootstrap import AppContext
from app.uow import SYSTEM, Actor
from db.models import AUDITED_MODELS, Asset, AuditEvent, Incident, Loan, Person

ADMIN = Actor("ada-admin", "admin")
TECH = Actor("tom-tech", "technician")


def audit_ok(ctx: AppContext) -> None:
    """``loan-kiosk audit verify`` holds: the chain and every audited row."""
    with ctx.uow(SYSTEM, readonly=True) as uow:
        result = audit.verify(uow.session)
    assert result.ok, result.problem


def asset_status(ctx: AppContext, tag: str) -> str:
    with ctx.uow(SYSTEM, readonly=True) as uow:
        return uow.session.execute(select(Asset.status).where(Asset.tag == tag)).scalar_one()


def person_status(ctx: AppContext, code: str) -> tuple[str, Any]:
    with ctx.uow(SYSTEM, readonly=True) as uow:
        p = uow.session.execute(select(Person).where(Person.staff_code == code)).scalar_one()
        return p.status, p.leaving_date


def loans_of(ctx: AppContext, tag: str) -> list[dict[str, Any]]:
    """Every loan of ``tag``, oldest first, as plain values."""
    with ctx.uow(SYSTEM, readonly=True) as uow:
        rows = uow.session.execute(
            select(Loan).join(Asset, Asset.id == Loan.asset_id).where(Asset.tag == tag)
            .order_by(Loan.id)).scalars()
        return [{c.key: getattr(ln, c.key) for c in Loan.__table__.columns} for ln in rows]


def incidents_of(ctx: AppContext, tag: str) -> list[Incident]:
    with ctx.uow(SYSTEM, readonly=True) as uow:
        rows = list(uow.session.execute(
            select(Incident).join(Asset, Asset.id == Incident.asset_id).where(Asset.tag == tag)
            .order_by(Incident.id)).scalars())
        uow.session.expunge_all()
        return rows


def events(ctx: AppContext, action: str) -> list[AuditEvent]:
    with ctx.uow(SYSTEM, readonly=True) as uow:
        rows = list(uow.session.execute(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq))
            .scalars())
        uow.session.expunge_all()
        return rows


def row_counts(ctx: AppContext) -> dict[str, int]:
    with ctx.uow(SYSTEM, readonly=True) as uow:
        return {m.__tablename__: uow.session.execute(select(func.count()).select_from(m))
                .scalar_one() for m in (*AUDITED_MODELS, AuditEvent)}


def refused(ctx: AppContext, actor: Actor, exc: type[Exception], match: str, fn: Any,
            *args: Any, **kwargs: Any) -> None:
    """``fn(uow, ...)`` is refused with a message matching ``match``, and nothing changes."""
    before = row_counts(ctx)
    statuses = {t: asset_status(ctx, t) for t in ("LT-0001", "LT-0002", "PH-0001")}
    with ctx.uow(actor) as uow, pytest.raises(exc, match=match):
        fn(uow, *args, **kwargs)
    assert row_counts(ctx) == before
    assert {t: asset_status(ctx, t) for t in statuses} == statuses


@pytest.fixture(name="ctx")
def school_ctx(app_ctx: AppContext) -> AppContext:
    """``ctx`` for a module that imports it: the factory school on a fresh database."""
    from tests.factories import school

    school(app_ctx)
    return app_ctx
