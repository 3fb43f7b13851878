"""The changes made to one asset or one person, in words, for the "Changes" tab of its card:
each audited action on the record itself (added, edited, made active again, back in
service, retired, found…) and each reversal that touched it, newest first.

Read from the audit log (``audit_events`` by entity) and the reversals table: what the
card shows is what the tamper-evident log says happened.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.uow import UnitOfWork
from db.models import AuditEvent, Reversal

_ACTIONS = {
    "asset_added": "Added", "asset_edited": "Edited", "person_added": "Added",
    "person_edited": "Edited", "person_reactivated": "Made active again",
    "asset_returned_to_service": "Back in service", "asset_retired": "Retired",
    "asset_found": "Found", "report_lost": "Reported lost or stolen",
    "leaver_return": "Leaver return",
    "stocktake_move": "Moved where a stocktake found it",
    "stocktake_marked_lost": "Marked lost: missing at a stocktake",
}
_REVERSED = {"checkout": "Check-out reversed", "checkin": "Check-in reversed",
             "leaver_return": "Leaver return reversed"}
_FIELDS = {
    "tag": "tag", "kind": "kind", "make": "make", "model": "model", "serial": "serial",
    "imei": "IMEI", "phone_number": "phone number", "accessories": "accessories",
    "encryption_method": "encryption method", "location": "location",
    "purchase_date": "purchase date", "purchase_cost_pence": "purchase cost", "notes": "notes",
    "staff_code": "staff code", "first_name": "first name", "last_name": "last name",
    "email": "email", "department": "department", "badge_code": "badge",
    "leaving_date": "leaving date", "status": "status",
}
#: details that say nothing a person needs on the card
_QUIET = frozenset({"tag", "staff_code", "_rows", "changes", "fields", "reverses_seq"})


@dataclass(frozen=True)
class ChangeRow:
    at: dt.datetime
    by: str
    what: str
    details: str


def _value(name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if name == "purchase_cost_pence" and isinstance(value, int):
        from app.services.incidents import money

        return money(value)
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


def _details(action: str, details: dict[str, Any]) -> str:
    parts: list[str] = []
    if "reason" in details and details["reason"]:
        parts.append(str(details["reason"]))
    for name, change in (details.get("changes") or {}).items():
        if isinstance(change, dict):
            parts.append(f"{_FIELDS.get(name, name)}: {_value(name, change.get('before'))} → "
                         f"{_value(name, change.get('after'))}")
    for name, value in (details.get("fields") or {}).items():
        if value is not None and name not in ("tag", "staff_code"):
            parts.append(f"{_FIELDS.get(name, name)} {_value(name, value)}")
    for name, value in details.items():
        if name not in _QUIET and name != "reason" and value not in (None, "", [], {}):
            parts.append(f"{name.replace('_', ' ')}: {_value(name, value)}")
    return "; ".join(parts)


def changes_of(uow: UnitOfWork, entity: str, entity_id: int) -> list[ChangeRow]:
    """What was done to the row ``entity`` #``entity_id`` ("assets" or "people"), newest first."""
    rows: list[ChangeRow] = []
    for ev in uow.session.scalars(
            select(AuditEvent).where(AuditEvent.entity == entity,
                                     AuditEvent.entity_id == str(entity_id))
            .order_by(AuditEvent.seq.desc())):
        details = json.loads(ev.details)
        rows.append(ChangeRow(ev.at, ev.actor,
                              _ACTIONS.get(ev.action, ev.action.replace("_", " ").capitalize()),
                              _details(ev.action, details)))
    column = Reversal.asset_id if entity == "assets" else Reversal.person_id
    for rev in uow.session.scalars(select(Reversal).where(column == entity_id)):
        rows.append(ChangeRow(rev.at, rev.by, _REVERSED.get(rev.action, rev.action),
                              rev.reason or ""))
    rows.sort(key=lambda r: r.at, reverse=True)  # stable: newest event first within a moment
    return rows
