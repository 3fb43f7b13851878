"""Notices an event queues in its own unit of work: the receipt copy after a leaver return,
the loan acknowledgement after a signed check-out (``[notices] loan_ack_copy``).

Queued only when mail is set up (``[mail] host``); the message waits in the outbox if the
network is down, and is rolled back with the event if the event fails.
"""

from __future__ import annotations

from typing import Any

from app.notices import outbox
from app.notices.messages import Item, Recipient
from app.notices.school import builder_for, what
from app.uow import UnitOfWork
from db.models import Person, Receipt

TITLES = {"leaver_return": "Return of school property", "loan_ack": "Loan acknowledgement",
          "loan_return": "Return receipt"}


def _recipient(person: Person) -> Recipient:
    return Recipient(person.name, person.first_name or person.name,
                     (person.email or "").strip() or None, person.id, person.staff_code)


def _summary(content: dict[str, Any]) -> str:
    items = content.get("items") or []
    back = [i["tag"] for i in items if i.get("outcome") == "returned"]
    missing = [i["tag"] for i in items if i.get("outcome") == "not_returned"]
    if not items:
        return "No school equipment was on loan to you when you left."
    words = f"Returned: {', '.join(back) or 'nothing'}."
    if missing:
        words += f" Not returned: {', '.join(missing)} (still school property)."
    return words


def queue_receipt_copy(uow: UnitOfWork, receipt: Receipt, person: Person) -> int | None:
    """Queue the e-mail copy of a leaver's signed receipt (to them and HR), if mail is on."""
    settings = uow.settings
    if not settings.mail.host.strip() or not settings.notices.receipt_copy:
        return None
    builder = builder_for(settings, uow.db.data_dir)
    hr = settings.mail.hr_address.strip()
    draft = builder.receipt_copy(_recipient(person), receipt.number, TITLES[receipt.kind],
                                 _summary(receipt.content), f"receipt_copy:{receipt.number}",
                                 [hr] if hr else [])
    return outbox.queue(uow, draft)


def queue_loan_ack_copy(uow: UnitOfWork, receipt: Receipt, person: Person) -> int | None:
    """Queue the loan acknowledgement to the borrower (``[notices] loan_ack_copy``)."""
    settings = uow.settings
    if not settings.mail.host.strip() or not settings.notices.loan_ack_copy or not person.email:
        return None
    builder = builder_for(settings, uow.db.data_dir)
    items = [Item(i["tag"], what(i.get("kind") or "other", i.get("make"), i.get("model")))
             for i in receipt.content.get("items") or []]
    draft = builder.receipt_copy(_recipient(person), receipt.number, TITLES["loan_ack"], "",
                                 f"loan_ack:{receipt.number}", [], kind="loan_ack", items=items)
    return outbox.queue(uow, draft)
