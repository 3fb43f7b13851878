"""Incidents (loss, theft, damage): listed, and closed with an outcome, a cost and a note.

Closing is a new audited event; the incident's report stays as it was. Two
outcomes also settle the asset, so no state is left hanging: a lost or stolen
asset whose incident is closed as *recovered* is booked back in as found, and a
damaged one closed as *repaired* goes back into service (see
:mod:`app.services.asset_status`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select

from app.errors import InvalidInput, NotFound, Refused
from app.services import asset_status
from app.services.incident_records import open_incidents_of, settle
from app.uow import UnitOfWork
from db.models import INCIDENT_OUTCOMES, Asset, Incident

OUTCOME_WORDS = {"recovered": "recovered", "repaired": "repaired", "replaced": "replaced",
                 "written_off": "written off", "charged": "charged"}
KIND_WORDS = {"lost": "lost", "stolen": "stolen", "damaged": "damaged", "esafety": "e-safety"}
#: the most a single incident may cost, in pence (a typo guard: £100,000)
MAX_COST_PENCE = 10_000_000


def outcome_of(text: str) -> str:
    """"written off", "written-off" and "Written_Off" are all ``written_off``."""
    value = re.sub(r"[\s\-]+", "_", text.strip().lower())
    if value not in INCIDENT_OUTCOMES:
        raise InvalidInput(f"unknown outcome {text!r}; use one of "
                           + ", ".join(OUTCOME_WORDS[o] for o in INCIDENT_OUTCOMES))
    return value


def parse_cost(text: str | int | float | Decimal | None) -> int | None:
    """A cost in pounds ("45", "45.50", "£1,200.00") as whole pence; None for none."""
    if text is None:
        return None
    raw = str(text).strip().replace(",", "").removeprefix("£").strip()
    if not raw:
        return None
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise InvalidInput(f"{str(text)!r} is not an amount of money (e.g. 45.50)") from None
    if not amount.is_finite() or amount < 0:
        raise InvalidInput(f"the cost cannot be {str(text)!r}: give an amount of 0 or more")
    if amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput(f"the cost {str(text)!r} has more than two decimal places")
    pence = int(amount * 100)
    if pence > MAX_COST_PENCE:
        raise InvalidInput(f"the cost {str(text)!r} is more than £100,000: check the amount")
    return pence


def money(pence: int | None) -> str:
    return "" if pence is None else f"£{pence // 100:,}.{pence % 100:02d}"


@dataclass(frozen=True)
class IncidentInfo:
    """One incident as the desk and ``incident list`` show it (plain data)."""

    id: int
    kind: str
    status: str
    tag: str | None
    asset_status: str | None
    staff_code: str | None
    person: str | None
    reported_at: dt.datetime
    reported_by: str
    description: str | None
    outcome: str | None
    cost_pence: int | None
    closed_at: dt.datetime | None
    closed_by: str | None
    note: str | None
    #: its asset's school's code (a list reads it in its own statement; None: no asset)
    site: str | None = None

    @property
    def outcome_word(self) -> str:
        return OUTCOME_WORDS.get(self.outcome or "", self.outcome or "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "status": self.status, "tag": self.tag,
            "asset_status": self.asset_status, "staff_code": self.staff_code,
            "person": self.person, "reported_at": self.reported_at.isoformat(),
            "reported_by": self.reported_by, "description": self.description,
            "outcome": self.outcome,
            "cost": None if self.cost_pence is None else self.cost_pence / 100,
            "cost_pence": self.cost_pence,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "closed_by": self.closed_by, "note": self.note, "site": self.site,
        }


def info(i: Incident, site: str | None = None) -> IncidentInfo:
    return IncidentInfo(
        i.id, i.kind, i.status, i.asset.tag if i.asset else None,
        i.asset.status if i.asset else None, i.person.staff_code if i.person else None,
        i.person.name if i.person else None, i.reported_at, i.reported_by, i.description,
        i.outcome, i.cost_pence, i.closed_at, i.closed_by, i.resolution, site)


def list_incidents(uow: UnitOfWork, *, open_only: bool = False,
                   asset_id: int | None = None, site: str | None = None) -> list[IncidentInfo]:
    """Incidents, newest first (``open_only``: those still open): of the desk's school's
    assets (and those of no asset), as the dashboard counts them, or of the school ``site``
    names (ALL: every school's). One asset's are all of them. Each with its asset's school's
    code, read (with the asset) in the same statement."""
    from sqlalchemy.orm import aliased

    from db.places import Site

    asset = aliased(Asset)
    q = (select(Incident, asset, Site.code).outerjoin(asset, asset.id == Incident.asset_id)
         .outerjoin(Site, Site.id == asset.site_id).order_by(Incident.id.desc()))
    if open_only:
        q = q.where(Incident.status == "open")
    if asset_id is not None:
        q = q.where(Incident.asset_id == asset_id)
    else:
        from app.services.site_scope import resolve_scope

        site_id = resolve_scope(uow, site).site_id
        if site_id is not None:
            q = q.where((asset.site_id == site_id) | (Incident.asset_id.is_(None)))
    return [info(i, code) for i, _asset, code in uow.session.execute(q)]


def get_incident(uow: UnitOfWork, incident_id: int | str, *, for_update: bool = False) -> Incident:
    text = str(incident_id).strip().lstrip("#")
    if not (text.isascii() and text.isdigit()):
        raise InvalidInput(f"{str(incident_id)[:40]!r} is not an incident number")
    if len(text) > 12:  # more than any database will number (and than a 64-bit id holds)
        raise NotFound(f"no incident #{text[:20]}…")
    q = select(Incident).where(Incident.id == int(text))
    if for_update:
        q = q.with_for_update()
    incident = uow.session.execute(q).scalar_one_or_none()
    if incident is None:
        raise NotFound(f"no incident #{text}")
    return incident


def close_incident(uow: UnitOfWork, incident_id: int | str, outcome: str, *,
                   cost: str | int | float | Decimal | None = None,
                   note: str | None = None) -> IncidentInfo:
    """Close an open incident with how it ended, what it cost and a note."""
    incident = get_incident(uow, incident_id, for_update=True)
    value = outcome_of(outcome)
    pence = parse_cost(cost)
    if incident.status != "open":
        raise Refused(f"incident #{incident.id} is already {incident.status}"
                      + (f" ({OUTCOME_WORDS.get(incident.outcome or '', '')})"
                         if incident.outcome else ""))
    if note is not None and len(note) > 2000:
        raise InvalidInput("the note is too long (at most 2,000 characters)")
    asset = incident.asset
    if value == "recovered" and incident.kind in ("lost", "stolen") and asset is not None \
            and asset.status == "lost":
        # it turned up: book it back in as found, which closes this incident as recovered
        asset_status.found(uow, asset, note=note, cost_pence=pence, commit=False)
    else:
        settle(uow, incident, value, cost_pence=pence, note=note)
        uow.audit("incident_closed", incident, kind=incident.kind,
                  tag=asset.tag if asset else None, outcome=value, cost_pence=pence, note=note)
        if value == "repaired" and incident.kind == "damaged" and asset is not None \
                and asset.status == "in_repair" and not open_incidents_of(uow, asset, ("damaged",)):
            asset_status.back_in_service(uow, asset, note=note or f"incident #{incident.id} repaired")
    result = info(incident)
    uow.commit()
    return result
