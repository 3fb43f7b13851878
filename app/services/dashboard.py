"""The desk dashboard: what needs attention today, in one read-only query set."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from app.clock import local_date
from app.services import reports
from app.uow import UnitOfWork
from db.models import Asset, Incident, Loan
from db.places import Site


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    on_loan: int
    overdue: list[dict[str, object]]
    due_today: list[dict[str, object]]
    leavers: list[dict[str, object]]
    unencrypted_on_loan: list[dict[str, object]]
    open_incidents: list[tuple[int, str, str, str, str]]  # id, kind, tag, person, description
    #: whose: one school's, or "All schools"
    scope: str = "All schools"
    #: how many schools the trust has (one: nothing to choose between)
    schools: int = 1
    #: each open incident's school (its asset's): (code, name), None without an asset
    incident_schools: list[tuple[str, str] | None] | None = None

    @property
    def several(self) -> bool:
        """Every school's rows of a trust of several: each row names its school (the
        report rows' ``site`` and ``school``, and :attr:`incident_schools`)."""
        return self.scope == "All schools" and self.schools > 1


def dashboard(uow: UnitOfWork, site: str | None = None) -> Dashboard:
    """Today's picture for this desk's school, or the school ``site`` names (ALL: every
    school's)."""
    from app.services.site_scope import resolve_scope

    scope = resolve_scope(uow, site)
    site_id = scope.site_id
    today = local_date(uow.now)
    count = select(func.count(Loan.id)).where(Loan.outcome.is_(None))
    if site_id is not None:
        count = count.join(Asset, Asset.id == Loan.asset_id).where(Asset.site_id == site_id)
    on_loan = uow.session.execute(count).scalar_one()
    loans = reports.on_loan(uow, site_id)
    due_today = [r for r in loans if r["due"] == today.isoformat()]
    overdue = [r for r in loans if r["overdue"]]
    unenc = [r for r in reports.unencrypted(uow, site_id) if r["status"] == "on_loan"]
    leavers = [r for r in reports.leavers(uow, site_id)]
    # each incident's asset and its school in the same statement (the rows then name them
    # from the session)
    asset = aliased(Asset)
    open_ = (select(Incident, asset, Site).outerjoin(asset, asset.id == Incident.asset_id)
             .outerjoin(Site, Site.id == asset.site_id).where(Incident.status == "open"))
    if site_id is not None:
        open_ = open_.where((asset.site_id == site_id) | (Incident.asset_id.is_(None)))
    incidents = []
    incident_schools: list[tuple[str, str] | None] = []
    for i, _asset, school in uow.session.execute(open_.order_by(Incident.id.desc()).limit(200)):
        incidents.append((i.id, i.kind, i.asset.tag if i.asset else "",
                          i.person.name if i.person else "", i.description or ""))
        incident_schools.append((school.code, school.name) if school is not None else None)
    schools = uow.session.execute(select(func.count(Site.id))).scalar_one()
    return Dashboard(today, int(on_loan), overdue, due_today, leavers, unenc, incidents,
                     scope.label(), int(schools), incident_schools)
