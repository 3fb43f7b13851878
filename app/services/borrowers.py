"""Who may borrow, and until when (rule 2 as the school runs it).

A member of staff marked *leaving* may still borrow — UK notice periods run to
months — but nothing is lent past their leaving date: the due date is capped
at it. Once they have left (recorded as left, or their leaving date has
passed) they cannot borrow. Someone with overdue items is not refused, but
the desk and the command line say so before lending.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.errors import Refused
from app.uow import UnitOfWork
from db.models import Asset, Loan, Person


def _when(day: dt.date) -> str:
    return day.strftime("%-d %b %Y")


def refuse_borrower(person: Person, today: dt.date) -> None:
    """Rule 2: a person who has left cannot borrow; a leaver needs a leaving date to borrow."""
    who = f"{person.name} ({person.staff_code})"
    if person.status == "left":
        raise Refused(f"{who} has left the school and cannot borrow")
    if person.status != "leaving":
        return
    if person.leaving_date is None:
        raise Refused(f"{who} is marked leaving with no leaving date, so a loan could not be due "
                      "back before they go: they can return equipment, not borrow it (import the "
                      "staff list with their leaving date to lend to them until then)")
    if person.leaving_date < today:
        raise Refused(f"{who} left on {_when(person.leaving_date)} (their leaving date): they can "
                      "return equipment, not borrow it")


def cap_due(person: Person, due: dt.date) -> dt.date:
    """``due``, or the leaving date of a leaving borrower if that comes first."""
    if person.status == "leaving" and person.leaving_date is not None \
            and person.leaving_date < due:
        return person.leaving_date
    return due


def cap_note(name: str, leaving_date: dt.date) -> str:
    """What the desk and the command line say when a due date was capped."""
    return (f"{name} is leaving on {_when(leaving_date)}: the loan is due back by then, "
            "their leaving date")


@dataclass(frozen=True)
class OverdueItem:
    tag: str
    due_on: dt.date


_OVERDUE = (select(Asset.tag, Loan.due_on).join(Asset, Asset.id == Loan.asset_id)
            .order_by(Loan.due_on, Asset.tag))


def overdue_items(uow: UnitOfWork, person_id: int, today: dt.date) -> list[OverdueItem]:
    """What ``person_id`` holds past its due date (a check-out warns about these)."""
    q = _OVERDUE.where(Loan.person_id == person_id, Loan.outcome.is_(None), Loan.due_on < today)
    return [OverdueItem(tag, due) for tag, due in uow.session.execute(q)]


def overdue_warning(name: str, items: list[OverdueItem]) -> str:
    """"Siân Ó Briain already holds 2 overdue items: LT-0002 (due 1 Dec 2026), …"."""
    listed = ", ".join(f"{i.tag} (due {_when(i.due_on)})" for i in items)
    n = len(items)
    return f"{name} already holds {n} overdue item{'s' if n != 1 else ''}: {listed}"
