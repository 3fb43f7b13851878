"""Incident rows as both the incident and the asset-status services change them: the open
incidents of an asset, and closing one. Kept apart so :mod:`app.services.incidents` (which
may settle an asset) and :mod:`app.services.asset_status` (which closes incidents) do not
import each other."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from app.uow import UnitOfWork
from db.models import Asset, Incident


def settle(uow: UnitOfWork, incident: Incident, outcome: str, *, cost_pence: int | None = None,
           note: str | None = None) -> None:
    """Close one open incident (the caller audits what made it close)."""
    incident.status = "closed"
    incident.outcome = outcome
    incident.cost_pence = cost_pence
    incident.closed_at = uow.now
    incident.closed_by = uow.actor.name
    incident.resolution = (note or "").strip() or None


def open_incidents_of(uow: UnitOfWork, asset: Asset, kinds: Iterable[str]) -> list[Incident]:
    return list(uow.session.execute(
        select(Incident).where(Incident.asset_id == asset.id, Incident.status == "open",
                               Incident.kind.in_(tuple(kinds)))
        .order_by(Incident.id).with_for_update()).scalars())
