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
    "asset_moved": "Moved", "stocktake_move": "Moved where a stocktake found it",
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


#: details naming a school or a location by its id or code: shown by name
_SITE_IDS = frozenset({"site_id"})
_LOCATION_IDS = frozenset({"location_id", "home_location_id", "current_location_id"})
_SITE_CODES = frozenset({"site"})
_LOCATION_CODES = frozenset({"to", "location", "home_location", "put_at"})
_WORDS = {"site_id": "school", "home_location_id": "home location",
          "current_location_id": "location", "location_id": "location", "to": "to",
          "site": "school", "site_changed": "school changed", "home": "made its home"}


class _Names:
    """Schools and locations by id or code, in words ("Laptop cupboard, Example Academy"),
    each looked up once per card."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow
        self._sites: dict[object, str | None] = {}
        self._places: dict[object, str | None] = {}

    def _find(self, model: Any, value: Any) -> Any:
        """The school or location ``value`` names: by its id, or by its code."""
        from app.keys import normalise_code

        if isinstance(value, int) and not isinstance(value, bool):
            return self.uow.session.get(model, value)
        if isinstance(value, str) and value.strip():
            return self.uow.session.scalar(
                select(model).where(model.code_key == normalise_code(value)))
        return None

    def site(self, value: Any) -> str | None:
        if value not in self._sites:
            from db.places import Site

            site = self._find(Site, value)
            self._sites[value] = f"{site.name} ({site.code})" if site is not None else None
        return self._sites[value]

    def place(self, value: Any) -> str | None:
        if value not in self._places:
            from db.places import Location, Site

            loc = self._find(Location, value)
            site = self.uow.session.get(Site, loc.site_id) if loc is not None else None
            self._places[value] = (None if loc is None else
                                   f"{loc.name}, {site.name if site else 'no school'} ({loc.code})")
        return self._places[value]

    def of(self, name: str, value: Any) -> str | None:
        """``value`` of detail ``name`` in words, or None when it names no school or place."""
        if name in _SITE_IDS or name in _SITE_CODES:
            return self.site(value)
        if name in _LOCATION_IDS or name in _LOCATION_CODES:
            # a stocktake of a whole school moves things "to" the school's code
            return self.place(value) or (self.site(value) if name == "to" else None)
        return None


def _value(name: str, value: Any, names: _Names | None = None) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name == "purchase_cost_pence" and isinstance(value, int):
        from app.services.incidents import money

        return money(value)
    if names is not None:
        named = names.of(name, value)
        if named is not None:
            return named
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


def _label(name: str) -> str:
    return _FIELDS.get(name) or _WORDS.get(name) or name.replace("_", " ")


def _details(action: str, details: dict[str, Any], names: _Names | None = None) -> str:
    parts: list[str] = []
    if "reason" in details and details["reason"]:
        parts.append(str(details["reason"]))
    for name, change in (details.get("changes") or {}).items():
        if isinstance(change, dict):
            parts.append(f"{_label(name)}: {_value(name, change.get('before'), names)} → "
                         f"{_value(name, change.get('after'), names)}")
    for name, value in (details.get("fields") or {}).items():
        if value is not None and name not in ("tag", "staff_code"):
            parts.append(f"{_label(name)} {_value(name, value, names)}")
    for name, value in details.items():
        if name not in _QUIET and name != "reason" and value not in (None, "", [], {}):
            parts.append(f"{_label(name)}: {_value(name, value, names)}")
    return "; ".join(parts)


def changes_of(uow: UnitOfWork, entity: str, entity_id: int) -> list[ChangeRow]:
    """What was done to the row ``entity`` #``entity_id`` ("assets" or "people"), newest first."""
    rows: list[ChangeRow] = []
    names = _Names(uow)
    for ev in uow.session.scalars(
            select(AuditEvent).where(AuditEvent.entity == entity,
                                     AuditEvent.entity_id == str(entity_id))
            .order_by(AuditEvent.seq.desc())):
        details = json.loads(ev.details)
        rows.append(ChangeRow(ev.at, ev.actor,
                              _ACTIONS.get(ev.action, ev.action.replace("_", " ").capitalize()),
                              _details(ev.action, details, names)))
    column = Reversal.asset_id if entity == "assets" else Reversal.person_id
    for rev in uow.session.scalars(select(Reversal).where(column == entity_id)):
        rows.append(ChangeRow(rev.at, rev.by, _REVERSED.get(rev.action, rev.action),
                              rev.reason or ""))
    rows.sort(key=lambda r: r.at, reverse=True)  # stable: newest event first within a moment
    return rows
