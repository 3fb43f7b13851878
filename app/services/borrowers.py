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
from printing.dates import date_text


def _when(day: dt.date) -> str:
    return date_text(day)


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
    return (f"{name} leaves on {_when(leaving_date)}: the loan is due back by then (their "
            "leaving date)")


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


@dataclass(frozen=True)
class BorrowerFacts:
    """What the desk says as soon as a borrower is chosen, before anything is signed."""

    staff_code: str
    name: str
    #: why they cannot borrow (None: they can)
    refusal: str | None
    #: their leaving date, when loans to them are capped at it
    leaving_date: dt.date | None
    overdue: list[OverdueItem]

    def notes(self) -> list[str]:
        """What to tell the technician (capped due date, overdue items), in words."""
        out = []
        if self.leaving_date is not None:
            out.append(f"{self.name} leaves on {_when(self.leaving_date)}: anything lent to "
                       "them is due back by then.")
        if self.overdue:
            out.append(overdue_warning(self.name, self.overdue) + ".")
        return out


def borrower_facts(uow: UnitOfWork, code: str) -> BorrowerFacts:
    """Can ``code`` (a staff or badge code) borrow today, until when, and what is overdue."""
    from app.clock import local_date
    from app.errors import LoanKioskError
    from app.services.lookup import get_person

    person = get_person(uow, code)
    today = local_date(uow.now)
    try:
        refuse_borrower(person, today)
        refusal = None
    except LoanKioskError as exc:
        refusal = exc.message
    capped = person.leaving_date if person.status == "leaving" else None
    return BorrowerFacts(person.staff_code, person.name, refusal, capped,
                         overdue_items(uow, person.id, today))
