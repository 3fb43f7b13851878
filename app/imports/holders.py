"""Who holds an asset in a Snipe-IT export: its ``Checked Out To`` cell made into a loan.

Snipe-IT exports the holder as it shows them (a full name, sometimes a username
or an email). A cell becomes an open loan here only when it names exactly one
member of staff, by staff code, email or full name (case and accents ignored);
otherwise the asset is imported without a loan and the row is listed with the
reason. The loan starts on the export's ``Checkout Date`` (else today) and is due
on its ``Expected Checkin Date`` (else after the usual loan period for its kind),
never after a leaving borrower's leaving date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app import keys
from app.clock import local_date
from app.imports import cells
from app.imports.cells import RowRejected, shown
from app.imports.export_dates import export_date
from app.uow import UnitOfWork
from db.models import Loan, Person


@dataclass(frozen=True)
class PlannedLoan:
    """A loan the import makes (or, in a dry run, would make)."""

    line: int
    tag: str
    person_id: int
    staff_code: str
    name: str
    out_on: dt.date
    due_on: dt.date

    def describe(self) -> str:
        return (f"line {self.line}: {self.tag} on loan to {self.name} ({self.staff_code}) "
                f"since {self.out_on.isoformat()}, due {self.due_on.isoformat()}")


@dataclass(frozen=True)
class _Holder:
    id: int
    staff_code: str
    name: str
    status: str
    leaving_date: dt.date | None


def _name_key(text: str) -> str:
    return " ".join(keys.search_name(text, "").split())


class Holders:
    """Everyone who could hold an asset, indexed by staff code, email and full name."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._by: dict[str, dict[str, set[int]]] = {"code": {}, "email": {}, "name": {}}
        self._people: dict[int, _Holder] = {}
        rows = uow.session.execute(select(
            Person.id, Person.staff_code, Person.staff_key, Person.email, Person.first_name,
            Person.last_name, Person.status, Person.leaving_date))
        for pid, code, key, email, first, last, status, leaving in rows:
            name = f"{first} {last}".strip()
            self._people[pid] = _Holder(pid, code, name, status, leaving)
            self._by["code"].setdefault(key, set()).add(pid)
            if email:
                self._by["email"].setdefault(email.strip().casefold(), set()).add(pid)
            self._by["name"].setdefault(_name_key(name), set()).add(pid)

    def get(self, person_id: int) -> _Holder:
        return self._people[person_id]

    def match(self, cell: str) -> _Holder:
        """The one person ``cell`` names; RowRejected saying why when it names none or several."""
        wanted = [cell]
        if found := re.fullmatch(r"(.+?)\s*\(([^()]+)\)", cell):  # "Jane Doe (jdoe)"
            wanted += [found.group(1), found.group(2)]
        ids: set[int] = set()
        for text in wanted:
            ids |= self._by["code"].get(keys.staff_key(text), set())
            ids |= self._by["email"].get(text.strip().casefold(), set())
            ids |= self._by["name"].get(_name_key(text), set())
        if not ids:
            raise RowRejected(f"Checked Out To {shown(cell)} matches no one here (by staff code, "
                              "email or full name): imported without a loan; import the staff "
                              "list first, or lend it at the desk")
        if len(ids) > 1:
            who = ", ".join(sorted(f"{p.name} ({p.staff_code})"
                                   for p in (self._people[i] for i in ids)))
            raise RowRejected(f"Checked Out To {shown(cell)} matches {len(ids)} people ({who}): "
                              "imported without a loan; put their staff code or email in the "
                              "cell, or lend it at the desk")
        return self._people[ids.pop()]


def plan(uow: UnitOfWork, holders: Holders, values: dict[str, str], *, line: int, tag: str,
         kind: str, status: str, holder_here: int | None) -> PlannedLoan | None:
    """The loan a row's ``Checked Out To`` asks for: None when there is nothing to do
    (blank cell, or already on loan here to that person); RowRejected when it cannot be made."""
    cell = cells.text(values.get("checked_out_to"), "Checked Out To", 400)
    if cell is None:
        return None
    person = holders.match(cell)
    who = f"{person.name} ({person.staff_code})"
    if holder_here is not None:
        if holder_here == person.id:
            return None
        other = holders.get(holder_here)
        raise RowRejected(f"Checked Out To {who}, but it is on loan here to {other.name} "
                          f"({other.staff_code}): the loan here is kept; check it in first "
                          "if it has changed hands")
    if status != "available":
        raise RowRejected(f"Checked Out To {who}, but its status here is "
                          f"{status.replace('_', ' ')}: imported without a loan")
    if person.status == "left":
        raise RowRejected(f"Checked Out To {who}, who has left: imported without a loan; "
                          "record it as not returned or lend it again at the desk")
    today = local_date(uow.now)
    out_on = export_date(values.get("checkout_date"), "Checkout Date") or today
    if out_on > today:
        raise RowRejected(f"Checkout Date {out_on.isoformat()} is in the future")
    due_on = export_date(values.get("expected_checkin"), "Expected Checkin Date") \
        or out_on + dt.timedelta(days=uow.settings.loans.days_for(kind))
    if person.status == "leaving" and person.leaving_date is not None:
        due_on = min(due_on, max(person.leaving_date, out_on))
    return PlannedLoan(line, tag, person.id, person.staff_code, person.name, out_on, max(due_on, out_on))


def open_holders(uow: UnitOfWork) -> dict[int, int]:
    """asset id → the person id of its open loan here."""
    return dict(uow.session.execute(
        select(Loan.asset_id, Loan.person_id).where(Loan.outcome.is_(None))).all())


def write(uow: UnitOfWork, planned: list[PlannedLoan], asset_ids: dict[str, int],
          source_name: str) -> None:
    """Make the planned loans (``asset_ids``: by tag key); one audited check-out each."""
    records: list[dict[str, Any]] = []
    for loan in planned:
        out_at = dt.datetime.combine(loan.out_on, dt.time(12), tzinfo=dt.UTC) \
            if loan.out_on != local_date(uow.now) else uow.now
        records.append({
            "asset_id": asset_ids[keys.tag_key(loan.tag)], "person_id": loan.person_id,
            "out_at": out_at,
            "out_by": uow.actor.name, "due_on": loan.due_on, "condition_out": "ok",
            "personal_data": False,
            "purpose": f"imported from {source_name} line {loan.line}"[:500],
        })
    for loan, loan_id in zip(planned, uow.insert_many(Loan, records), strict=True):
        uow.audit("checkout", "loans", loan_id, tag=loan.tag, staff_code=loan.staff_code,
                  due_on=loan.due_on, personal_data=False, imported=source_name,
                  line=loan.line)
