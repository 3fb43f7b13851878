"""Leaver return (rule 6): a member of staff who leaves returns all school equipment
and gets a signed receipt; what is not returned is recorded for the school to recover.

All of it — check-ins, "not returned" outcomes, the signature, the person's
status and the receipt record — happens in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select

from app.clock import local_date
from app.errors import InvalidInput, Refused
from app.keys import tag_key
from app.services.leaver_rows import locked_open_loans_of, prefetch_leaver_return
from app.services.loans import (
    check_data_handling,
    close_loan_returned,
    holder_text,
    open_incident,
    store_signature,
)
from app.services.locked_rows import locked_borrower
from app.services.lookup import get_asset, get_person, open_loan, open_loans_of
from app.services.receipts import asset_block, create_receipt, person_block
from app.uow import UnitOfWork
from db.models import Loan, Person, Receipt
from ink.signature import SignatureData


@dataclass
class LeaverPreview:
    """What the desk shows before the leaver signs: everything they hold."""

    person: Person
    loans: list[Loan]


def preview(uow: UnitOfWork, staff_code: str) -> LeaverPreview:
    person = get_person(uow, staff_code)
    return LeaverPreview(person, open_loans_of(uow, person.id))


def leaving_soon(uow: UnitOfWork, days: int = 30, *, site: str | None = None) -> list[Person]:
    """People marked leaving, or with a leaving date in the next ``days`` days, not yet left:
    of the desk's school, or the school ``site`` names (ALL: every school's). Their schools
    are read in the same statement (:func:`app.services.site_scope.school_of` then names
    each one's without asking the database)."""
    from app.services.site_scope import note_schools, resolve_scope
    from db.places import Site

    site_id = resolve_scope(uow, site).site_id
    today = local_date(uow.now)
    horizon = today + dt.timedelta(days=days)
    q = (
        select(Person, Site)
        .outerjoin(Site, Site.id == Person.site_id)
        .where(Person.status != "left")
        .where((Person.status == "leaving") | (Person.leaving_date <= horizon))
        .order_by(Person.leaving_date, Person.last_name, Person.first_name)
    )
    if site_id is not None:
        q = q.where(Person.site_id == site_id)
    rows = uow.session.execute(q).all()
    note_schools(uow, (site for _person, site in rows))
    return [person for person, _site in rows]


def leaver_return(
    uow: UnitOfWork,
    staff_code: str,
    *,
    returned_tags: Iterable[str] | None = None,
    notes: Mapping[str, str] | None = None,
    conditions: Mapping[str, str] | None = None,
    data: Mapping[str, str] | None = None,
    data_notes: Mapping[str, str] | None = None,
    signature: SignatureData | None = None,
    confirm_not_leaving: bool = False,
) -> Receipt:
    """Check in what was handed back, record the rest as not returned, mark the person left.

    ``returned_tags`` None means every outstanding item was handed back.
    ``notes``, ``conditions`` and, for items lent with personal data, ``data`` (removed,
    wiped or kept) and ``data_notes`` are keyed by tag (any case). A person who is not
    marked leaving is refused unless ``confirm_not_leaving`` (the desk asks, naming them).
    """
    # one round trip on PostgreSQL for every read below (app.services.leaver_rows)
    prefetch_leaver_return(uow, staff_code, signature is not None)
    person = locked_borrower(uow, staff_code)
    if person.status == "left":
        raise Refused(f"{person.name} ({person.staff_code}) is already recorded as left")
    if person.status != "leaving" and not confirm_not_leaving:
        raise Refused(
            f"{person.name} ({person.staff_code}) is not marked as leaving: a leaver return "
            "records them as left. Check it is the right person, then confirm "
            "(--confirm-not-leaving)")
    before = {"status": person.status,
              "leaving_date": person.leaving_date.isoformat() if person.leaving_date else None}
    held = locked_open_loans_of(uow, person)
    loans = [ln for ln, _ in held]
    states = {id(ln): state for ln, state in held}
    by_key = {tag_key(ln.asset.tag): ln for ln in loans}
    notes_k = {tag_key(k): v for k, v in (notes or {}).items()}
    cond_k = {tag_key(k): v for k, v in (conditions or {}).items()}
    data_k = {tag_key(k): check_data_handling(v) for k, v in (data or {}).items()}
    data_note_k = {tag_key(k): v for k, v in (data_notes or {}).items()}

    if returned_tags is None:
        returned = set(by_key)
    else:
        returned = set()
        for tag in returned_tags:
            key = tag_key(tag)
            if key in by_key:
                returned.add(key)
                continue
            asset = get_asset(uow, tag)
            other = open_loan(uow, asset.id)
            if other is not None:
                raise Refused(f"{asset.tag} is not {person.name}'s: it is on loan to {holder_text(other)}")
            raise Refused(f"{asset.tag} is not on loan to {person.name} (it is not on loan at all)")
    for key in list(notes_k) + list(cond_k) + list(data_k) + list(data_note_k):
        if key not in by_key:
            raise InvalidInput(f"{key.upper()} is not one of the items {person.name} holds")

    sig = store_signature(uow, signature, person)
    items = []
    for key, loan in by_key.items():
        asset = loan.asset
        block = asset_block(asset, states[id(loan)])
        note = notes_k.get(key)
        if key in returned:
            condition = cond_k.get(key, "ok")
            close_loan_returned(uow, loan, condition, note, sig, data=data_k.get(key),
                                data_note=data_note_k.get(key))
            block.update(condition=condition, outcome="returned")
            if loan.personal_data or loan.data_in:
                block.update(personal_data=bool(loan.personal_data), data=loan.data_in,
                             data_note=loan.data_note)
        else:
            uow.update(loan, outcome="not_returned", note_in=note or None)
            uow.update(asset, status="lost")
            open_incident(uow, "lost", asset, person, loan,
                          f"not returned by leaver {person.name} ({person.staff_code})"
                          + (f": {note}" if note else ""))
            block.update(condition=None, outcome="not_returned")
            if loan.personal_data:
                block.update(personal_data=True, data=None, data_note=None)
        block.update(note=note or None, out_at=loan.out_at.isoformat(),
                     due_on=loan.due_on.isoformat())
        items.append(block)

    uow.update(person, status="left", leaving_date=person.leaving_date or local_date(uow.now))
    receipt = create_receipt(
        uow, "leaver_return", {"person": person_block(person), "items": items},
        person=person, signature_id=sig.id if sig else None,
    )
    for loan in loans:
        uow.update(loan, receipt_id=receipt.id)
    uow.audit(
        "leaver_return", receipt, number=receipt.number, staff_code=person.staff_code,
        returned=sorted(by_key[k].asset.tag for k in returned),
        not_returned=sorted(ln.asset.tag for k, ln in by_key.items() if k not in returned),
        sha256=receipt.content_sha256, previous_status=before["status"],
        previous_leaving_date=before["leaving_date"],
    )
    from app.notices.events import queue_receipt_copy

    queue_receipt_copy(uow, receipt, person)  # with the return, or not at all
    from app.services.documents.staging import stage

    stage(uow, receipt)  # its PDF, archived with the return or not at all
    uow.commit()
    return receipt
