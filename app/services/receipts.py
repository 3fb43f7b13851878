"""Receipt records: numbering and the canonical content a printed document proves.

The content is a plain JSON document frozen at the moment of the transaction;
its SHA-256 is stored beside it and printed (first 16 hex digits) in the
receipt's verification block, so a printed receipt can be checked against the
record at the desk.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select

from app import audit
from app.errors import NotFound
from app.fingerprint import content_sha256
from app.services.encryption import EncryptionState
from app.services.lookup import find_receipt
from app.uow import UnitOfWork
from db.models import Asset, AuditHead, Loan, Person, Receipt, Technician

PREFIX = {"leaver_return": "R", "loan_ack": "A", "trip_sheet": "T", "loan_return": "C"}


def next_number(uow: UnitOfWork, kind: str) -> str:
    """R-2026-0001 style numbers, one sequence per kind and year.

    The audit head row is locked first, so two desks never take the same number.
    """
    uow.session.execute(select(AuditHead.id).where(AuditHead.id == 1).with_for_update())
    prefix = f"{PREFIX[kind]}-{uow.now.year}-"
    last = uow.session.execute(
        select(func.max(Receipt.number)).where(Receipt.number.like(f"{prefix}%"))
    ).scalar_one_or_none()
    n = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{n:04d}"


def person_block(p: Person) -> dict[str, Any]:
    return {
        "staff_code": p.staff_code,
        "first_name": p.first_name,
        "last_name": p.last_name,
        "name": p.name,
        "department": p.department,
        "email": p.email,
        "leaving_date": p.leaving_date.isoformat() if p.leaving_date else None,
    }


def technician_block(uow: UnitOfWork) -> dict[str, Any]:
    name = uow.actor.name
    if uow.actor.technician_id is not None:
        tech = uow.session.get(Technician, uow.actor.technician_id)
        if tech is not None:
            return {"username": tech.username, "name": tech.display_name}
    return {"username": name, "name": name}


def asset_block(asset: Asset, state: EncryptionState) -> dict[str, Any]:
    return {
        "tag": asset.tag,
        "kind": asset.kind,
        "make": asset.make,
        "model": asset.model,
        "serial": asset.serial,
        "encryption": state.label,
        "encrypted": state.encrypted,
    }


def create_receipt(uow: UnitOfWork, kind: str, content: dict[str, Any], *,
                   person: Person | None, signature_id: int | None,
                   trip_id: int | None = None, number: str | None = None) -> Receipt:
    number = number or next_number(uow, kind)
    content = {
        "number": number,
        "kind": kind,
        "issued_at": uow.now.isoformat(),
        "school": uow.settings.school.name,
        "technician": technician_block(uow),
        "signature_id": signature_id,
        # the chain as it stood at issue (the head is locked by next_number): printed on
        # the paper, so every receipt handed out is an anchor kept off the desk PC
        "anchor": audit.head_anchor(uow.session).token,
        **content,
    }
    receipt = Receipt(
        number=number, kind=kind, person_id=person.id if person else None, trip_id=trip_id,
        created_at=uow.now, created_by=uow.actor.name, signature_id=signature_id,
        content=content, content_sha256=content_sha256(content),
    )
    uow.session.add(receipt)
    uow.session.flush()
    return receipt


def loan_ack(uow: UnitOfWork, loans: list[Loan]) -> Receipt:
    """A loan acknowledgement record for loans made together (one signature)."""
    from app.services.encryption import encryption_state

    person = loans[0].person
    items = []
    for loan in loans:
        block = asset_block(loan.asset, encryption_state(uow, loan.asset))
        block.update(due_on=loan.due_on.isoformat(), purpose=loan.purpose,
                     personal_data=loan.personal_data)
        items.append(block)
    receipt = create_receipt(uow, "loan_ack", {"person": person_block(person), "items": items},
                             person=person, signature_id=loans[0].signature_out_id)
    uow.audit("receipt_created", receipt, number=receipt.number, kind="loan_ack",
              sha256=receipt.content_sha256)
    from app.notices.events import queue_loan_ack_copy

    queue_loan_ack_copy(uow, receipt, person)
    return receipt


def acknowledge_loans(uow: UnitOfWork, loan_ids: Sequence[int]) -> str:
    """The acknowledgement of loans just lent together, recorded and committed: its number.

    Lending commits first and this runs in a unit of work of its own, so a failure here
    leaves the loans standing (the desk and ``checkout --print-ack`` say so) rather than
    undoing them.
    """
    loans = [uow.session.get(Loan, i) for i in loan_ids]
    receipt = loan_ack(uow, [ln for ln in loans if ln is not None])
    from app.services.documents.staging import stage

    stage(uow, receipt)  # its PDF, archived with it or not at all
    uow.commit()
    return receipt.number


def returned_item(loan: Loan, block: dict[str, Any]) -> dict[str, Any]:
    """An item block as a returned loan left it: condition, notes, personal data, dates."""
    block.update(condition=loan.condition_in, outcome=loan.outcome, note=loan.note_in,
                 out_at=loan.out_at.isoformat(), due_on=loan.due_on.isoformat(),
                 personal_data=bool(loan.personal_data))
    if loan.personal_data or loan.data_in:
        block.update(data=loan.data_in, data_note=loan.data_note)
    return block


def return_receipt(uow: UnitOfWork, loan: Loan | Sequence[Loan], signature_id: int) -> Receipt:
    """The short receipt of a signed check-in (``signature.on_return``), made with it.

    ``loan`` (or several, a kit's, all of one borrower) has just been closed as returned, in
    this unit of work.
    """
    from app.services.encryption import encryption_state

    loans = [loan] if isinstance(loan, Loan) else list(loan)
    person = loans[0].person
    items = [returned_item(ln, asset_block(ln.asset, encryption_state(uow, ln.asset)))
             for ln in loans]
    receipt = create_receipt(uow, "loan_return", {"person": person_block(person), "items": items},
                             person=person, signature_id=signature_id)
    for ln in loans:
        uow.update(ln, receipt_id=receipt.id)
    uow.audit("receipt_created", receipt, number=receipt.number, kind="loan_return",
              tag=loans[0].asset.tag if len(loans) == 1 else [ln.asset.tag for ln in loans],
              sha256=receipt.content_sha256)
    return receipt


def get_receipt(uow: UnitOfWork, number: str) -> Receipt:
    r = find_receipt(uow, number)
    if r is None:
        raise NotFound(f"no receipt numbered {number.strip()!r}")
    return r
