"""Lending what a check-out gathered, once signed: the loans, then their acknowledgement.

Two units of work, each run again by itself after a conflict with another desk (running
the check-out again once it committed would refuse it as already on loan).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from app.services.loans import check_out
from app.services.places import get_location
from app.services.receipts import acknowledge_loans
from app.status_words import lent_to
from app.uow import UnitOfWork
from ink.signature import SignatureData
from printing.dates import date_text

if TYPE_CHECKING:
    from ui.controllers.desk import Desk
    from ui.ops import OpError


@dataclass(frozen=True)
class LendRequest:
    tags: list[str]
    staff_code: str
    due: dt.date | None
    purpose: str | None
    personal_data: bool
    override_reason: str | None
    signature: SignatureData
    #: lent to a room (location code); the borrower is then the one responsible
    to_location: str | None = None
    #: lend although another person's booking begins today (the reason, audited)
    booking_override: str | None = None


def lend_and_acknowledge(desk: Desk, r: LendRequest,
                         done: Callable[[str, str | None], None],
                         failed: Callable[[str], None]) -> None:
    """Lend on the worker; ``done(text, acknowledgement number)`` (None: the loans stand but
    the acknowledgement could not be recorded, said in the banner), or ``failed(message)``.

    An item booked for someone else from today is not a dead end: the desk asks whether to
    lend it anyway with a reason (audited), then lends with the same signature."""

    def lend(uow: UnitOfWork) -> tuple[list[int], str]:
        res = check_out(uow, r.tags, r.staff_code, due=r.due, purpose=r.purpose,
                        personal_data=r.personal_data, override_reason=r.override_reason,
                        signature=r.signature, to_location=r.to_location,
                        booking_override=r.booking_override)
        n = len(r.tags)
        room = get_location(uow, r.to_location).name if r.to_location else None
        due_text = date_text(res.loans[0].due_on, weekday=True)
        capped = " (their leaving date)" if res.capped_at is not None else ""
        booked = "".join(f" {note.partition(': ')[2][:1].upper()}{note.partition(': ')[2][1:]}."
                         for note in (res.bookings.notes if res.bookings else []))
        return ([ln.id for ln in res.loans],
                f"Lent {n} item{'s' if n != 1 else ''} to "
                f"{lent_to(res.person.name, room)}: "
                f"{', '.join(r.tags)}. Due back {due_text}{capped}.{booked}")

    def acknowledge(lent: tuple[list[int], str]) -> None:
        loan_ids, text = lent

        def ack(uow: UnitOfWork) -> tuple[str, str]:
            return text, acknowledge_loans(uow, loan_ids)

        def ack_failed(e: OpError) -> None:
            desk.notify("error", f"The items are lent, but the acknowledgement could not be "
                                 f"recorded: {e.message}")
            done(text, None)

        desk.run(ack, lambda answer: done(*answer), ack_failed)

    def refused(e: OpError) -> None:
        from app.services.booking_loans import BookedForSomeoneElse

        if not isinstance(e.original, BookedForSomeoneElse) or r.booking_override:
            failed(e.message)
            return

        def answered(answer: str, reason: str) -> None:
            if answer == "override" and reason.strip():
                lend_and_acknowledge(desk, replace(r, booking_override=reason.strip()), done,
                                     failed)
            elif answer == "override":
                failed("Give a reason to lend it although it is booked.")
            else:
                failed(e.message)

        desk.ask("Booked for someone else", e.message + "\n\nLend it anyway? Say why "
                 "(recorded in the audit log).",
                 [("override", "Lend it anyway"), ("back", "Back")], answered,
                 field="Reason", safe="back")

    desk.run(lend, acknowledge, refused)
