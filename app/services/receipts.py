"""Receipt records: numbering and the canonical content a printed document proves.

The content is a plain JSON document frozen at the moment of the transaction;
its SHA-256 is stored beside it and printed (first 16 hex digits) in the
receipt's verification block, so a printed receipt can be checked against the
record at the desk.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import BigInteger, Table, bindparam, func, select

from app import anchors
from app.errors import NotFound
from app.fingerprint import content_sha256
from app.prepared import Prepared
from app.services.encryption import EncryptionState
from app.services.lookup import find_receipt
from app.services.site_scope import desk_school_name
from app.uow import UnitOfWork
from db.models import Asset, AuditHead, Loan, Person, Receipt, Technician

PREFIX = {"leaver_return": "R", "loan_ack": "A", "trip_sheet": "T", "loan_return": "C"}


_RECEIPTS = cast(Table, Receipt.__table__)
_TECHNICIANS = cast(Table, Technician.__table__)
_HEAD = cast(Table, AuditHead.__table__)
#: PostgreSQL: the transaction-long lock two desks numbering receipts take in turn
#: (SQLite's write transactions are exclusive already)
NUMBER_LOCK = 0x4C4B52  # "LKR"
_NUMBER_LOCK = Prepared(select(func.pg_advisory_xact_lock(bindparam("lock", type_=BigInteger))))
_LAST_NUMBER = Prepared(select(func.max(_RECEIPTS.c.number))
                        .where(_RECEIPTS.c.number.like(bindparam("prefix"))))
_TECHNICIAN = Prepared(select(_TECHNICIANS.c.username, _TECHNICIANS.c.display_name)
                       .where(_TECHNICIANS.c.id == bindparam("id")))
_HEAD_NOW = Prepared(select(_HEAD.c.seq, _HEAD.c.hash).where(_HEAD.c.id == 1))


def _prefix(uow: UnitOfWork, kind: str) -> str:
    return f"{PREFIX[kind]}-{uow.now.year}-"


def receipt_reads(uow: UnitOfWork, kind: str) -> list[tuple[Prepared, dict[str, Any]]]:
    """What :func:`create_receipt` reads, for a service to send ahead in its first flight
    (:meth:`UnitOfWork.prefetch`): the number lock and the last number, the technician,
    the chain's head."""
    reads: list[tuple[Prepared, dict[str, Any]]] = []
    if not uow.db.is_sqlite:
        reads.append((_NUMBER_LOCK, {"lock": NUMBER_LOCK}))
    reads.append((_LAST_NUMBER, {"prefix": f"{_prefix(uow, kind)}%"}))
    if uow.actor.technician_id is not None:
        reads.append((_TECHNICIAN, {"id": uow.actor.technician_id}))
    reads.append((_HEAD_NOW, {}))
    return reads


def next_number(uow: UnitOfWork, kind: str) -> str:
    """R-2026-0001 style numbers, one sequence per kind and year.

    On PostgreSQL a transaction-long advisory lock is taken first, so two desks never
    take the same number (and the unique index has the last word).
    """
    if not uow.db.is_sqlite:
        uow.fetch_one(_NUMBER_LOCK, {"lock": NUMBER_LOCK})
    prefix = _prefix(uow, kind)
    found = uow.fetch_one(_LAST_NUMBER, {"prefix": f"{prefix}%"})
    last = found[0] if found else None
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
        tech = uow.fetch_one(_TECHNICIAN, {"id": uow.actor.technician_id})
        if tech is not None:
            return {"username": tech[0], "name": tech[1]}
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
        # the school of the desk it is issued at (its site; else the [school] name setting)
        "school": desk_school_name(uow),
        "technician": technician_block(uow),
        "signature_id": signature_id,
        # the chain's head as it stood at issue: printed on the paper, so every receipt
        # handed out is an anchor kept off the desk PC
        "anchor": _head_anchor(uow),
        **content,
    }
    values = dict(number=number, kind=kind, person_id=person.id if person else None,
                  trip_id=trip_id, created_at=uow.now, created_by=uow.actor.name,
                  signature_id=signature_id, content=content,
                  content_sha256=content_sha256(content))
    related = {"person": person} if person is not None else {}
    return uow.insert(Receipt, values, **related)


def _head_anchor(uow: UnitOfWork) -> str:
    head = uow.fetch_one(_HEAD_NOW, {})
    if head is None:
        raise RuntimeError("the audit head row is missing")
    return anchors.for_event(int(head[0]), str(head[1])).token


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
