"""The desk dashboard: what needs attention today, in one read-only query set."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from app.clock import local_date
from app.services import reports
from app.uow import UnitOfWork
from db.models import Incident, Loan


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    on_loan: int
    overdue: list[dict[str, object]]
    due_today: list[dict[str, object]]
    leavers: list[dict[str, object]]
    unencrypted_on_loan: list[dict[str, object]]
    open_incidents: list[tuple[int, str, str, str, str]]  # id, kind, tag, person, description


def dashboard(uow: UnitOfWork) -> Dashboard:
    today = local_date(uow.now)
    on_loan = uow.session.execute(
        select(func.count(Loan.id)).where(Loan.outcome.is_(None))).scalar_one()
    loans = reports.on_loan(uow)
    due_today = [r for r in loans if r["due"] == today.isoformat()]
    overdue = [r for r in loans if r["overdue"]]
    unenc = [r for r in reports.unencrypted(uow) if r["status"] == "on_loan"]
    leavers = [r for r in reports.leavers(uow)]
    incidents = [
        (i.id, i.kind, i.asset.tag if i.asset else "", i.person.name if i.person else "",
         i.description or "")
        for i in uow.session.execute(
            select(Incident).where(Incident.status == "open").order_by(Incident.id.desc()).limit(200)
        ).scalars()
    ]
    return Dashboard(today, int(on_loan), overdue, due_today, leavers, unenc, incidents)
