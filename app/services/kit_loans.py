"""Lending a kit with one scan and one signature, and taking it back with missing members
flagged.

:func:`check_out_kit` lends every member in one transaction (through
:func:`app.services.loans.check_out`, so every rule a single loan obeys — the borrower, the
encryption and personal-data policy, the due date — holds for each member) with
``loans.kit_id`` set. Members that cannot go (on loan, lost, in repair) refuse the whole kit
with their list, unless the technician chose to lend the rest, which the audit records.
Two desks lending the same kit, or members of it, race on the members' row locks and the
open-loan unique index: exactly one wins each member, and the loser's whole transaction
rolls back, so no kit is ever half lent by a failed check-out.

:func:`check_in_kit` returns the members that came back; each missing one stays on loan and
is listed (or reported lost, opening an incident). Scanning members back one by one with
:func:`app.services.loans.check_in` works too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from app.errors import InvalidInput, Refused
from app.keys import tag_key
from app.services.kits import get_kit
from app.services.loans import (
    CheckoutResult,
    check_out,
    close_loan_returned,
    open_incident,
    store_signature,
)
from app.status_words import lent_to, status_in_words
from app.uow import UnitOfWork
from db.kits import KitMember
from db.models import Asset, Incident, Loan, Receipt
from ink.signature import SignatureData


@dataclass(frozen=True)
class Unavailable:
    tag: str
    why: str


@dataclass
class KitCheckoutResult:
    kit_tag: str
    kit_name: str
    result: CheckoutResult
    #: members left behind because they could not be lent (with lend_rest)
    skipped: list[Unavailable] = field(default_factory=list)

    @property
    def tags(self) -> list[str]:
        return [ln.asset.tag for ln in self.result.loans]


def _holder(uow: UnitOfWork, loan: Loan) -> str:
    """"Siân Ó Briain (AB1)", or for a loan to a room "Room 12 (responsible: Siân Ó Briain
    (AB1))"."""
    from db.places import Location

    room = uow.session.get(Location, loan.location_id) if loan.location_id else None
    return lent_to(f"{loan.person.name} ({loan.person.staff_code})",
                   room.name if room is not None else None)


def _why(uow: UnitOfWork, asset: Asset) -> str:
    if asset.status == "on_loan":
        loan = uow.session.execute(select(Loan).where(
            Loan.asset_id == asset.id, Loan.outcome.is_(None))).scalar_one_or_none()
        if loan is not None:
            return f"on loan to {_holder(uow, loan)}"
    return status_in_words(asset.status)


def _refuse_none_available(uow: UnitOfWork, kit_id: int, kit_tag: str, listed: str) -> None:
    """Not one member can go: the kit is out already (say with whom), or says why each
    cannot — never "lend the other 0 without them"."""
    out = uow.session.execute(select(Loan).where(Loan.kit_id == kit_id, Loan.outcome.is_(None))
                              .order_by(Loan.id)).scalars().first()
    if out is not None:
        raise Refused(f"kit {kit_tag} is out already, lent to {_holder(uow, out)}: check it in "
                      "before lending it again")
    raise Refused(f"no member of kit {kit_tag} is available to lend: {listed}")


class KitNotWhole(Refused):
    """A kit refused whole: some members cannot go, ``others`` could (``lend_rest`` lends
    them). ``how`` names the way to lend them where the refusal is read (the desk's box; the
    command line's ``--lend-rest``)."""

    def __init__(self, kit_tag: str, listed: str, others: int, how: str = "") -> None:
        super().__init__(f"kit {kit_tag} cannot go out whole: {listed}. Lend the other {others} "
                         f"without them{how}, or wait until they are back")
        self.kit_tag, self.listed, self.others = kit_tag, listed, others


def kit_members(uow: UnitOfWork, kit_id: int) -> list[Asset]:
    """The kit's members, by asset id (the order every desk locks them in)."""
    return list(uow.session.execute(
        select(Asset).join(KitMember, KitMember.asset_id == Asset.id)
        .where(KitMember.kit_id == kit_id).order_by(Asset.id)).scalars())


def unavailable_members(uow: UnitOfWork, kit_tag: str) -> list[Unavailable]:
    """The members that a check-out of the kit now would leave behind, and why (read-only)."""
    kit = get_kit(uow, kit_tag)
    return [Unavailable(a.tag, _why(uow, a)) for a in kit_members(uow, kit.id)
            if a.status != "available"]


def check_out_kit(uow: UnitOfWork, kit_tag: str, staff_code: str, *, lend_rest: bool = False,
                  **options: Any) -> KitCheckoutResult:
    """Lend every member of the kit to ``staff_code`` (or, with ``to_location``, to a room
    they are responsible for) in one transaction under one signature.

    ``options`` are :func:`app.services.loans.check_out`'s (due, purpose, trip,
    personal_data, override_reason, condition_out, signature, to_location).
    """
    kit = get_kit(uow, kit_tag)
    if not kit.active:
        raise Refused(f"kit {kit.tag} is inactive and cannot be lent")
    members = kit_members(uow, kit.id)
    if not members:
        raise Refused(f"kit {kit.tag} has no members: scan assets into it first")
    skipped = [Unavailable(a.tag, _why(uow, a)) for a in members if a.status != "available"]
    if len(skipped) == len(members):
        _refuse_none_available(uow, kit.id, kit.tag,
                               "; ".join(f"{u.tag} is {u.why}" for u in skipped))
    if skipped and not lend_rest:
        raise KitNotWhole(kit.tag, "; ".join(f"{u.tag} is {u.why}" for u in skipped),
                          len(members) - len(skipped))
    tags = [a.tag for a in members if a.status == "available"]
    if not tags:
        raise Refused(f"no member of kit {kit.tag} is available to lend")
    # the session's copies are not written: check_out reads and locks each row itself
    uow.session.expunge_all()
    result = check_out(uow, tags, staff_code, kit_id=kit.id, commit=False, **options)
    uow.audit("kit_checkout", "kits", kit.id, kit=kit.tag, staff_code=result.person.staff_code,
              tags=tags, left_behind=[{"tag": u.tag, "why": u.why} for u in skipped],
              location=options.get("to_location"))
    uow.commit()
    return KitCheckoutResult(kit.tag, kit.name, result, skipped)


@dataclass
class KitCheckinResult:
    kit_tag: str
    kit_name: str
    returned: list[Loan]
    #: members still on loan with the kit (not brought back)
    missing: list[Loan]
    incidents: list[Incident]
    #: missing members reported lost (their loans closed as lost)
    lost: list[str] = field(default_factory=list)
    receipt: Receipt | None = None
    #: tag → who still has each missing member: "Siân Ó Briain (AB1)", or for a kit lent to
    #: a room "Room 12 (responsible: Siân Ó Briain (AB1))"
    holders: dict[str, str] = field(default_factory=dict)


def open_kit_loans(uow: UnitOfWork, kit_id: int, *, for_update: bool = False) -> list[Loan]:
    q = (select(Loan).join(Asset, Asset.id == Loan.asset_id)
         .where(Loan.kit_id == kit_id, Loan.outcome.is_(None)).order_by(Asset.id))
    if for_update:
        q = q.with_for_update(of=Loan)
    return list(uow.session.execute(q).scalars())


def check_in_kit(uow: UnitOfWork, kit_tag: str, *, missing: Sequence[str] = (),
                 report_missing_lost: bool = False, condition: str = "ok",
                 note: str | None = None, data: str | None = None, data_note: str | None = None,
                 signature: SignatureData | None = None) -> KitCheckinResult:
    """Take a kit back: every member out with it returns, except those listed ``missing``
    (they stay on loan, listed in the result; ``report_missing_lost`` closes their loans as
    lost and opens an incident each)."""
    kit = get_kit(uow, kit_tag)
    loans = open_kit_loans(uow, kit.id, for_update=True)
    if not loans:
        raise Refused(f"kit {kit.tag} is not out on loan, so there is nothing to check in "
                      "(members lent on their own are checked in on their own)")
    by_key = {tag_key(ln.asset.tag): ln for ln in loans}
    wanted_missing: list[Loan] = []
    for tag in missing:
        if not tag.strip():
            continue
        loan = by_key.get(tag_key(tag))
        if loan is None:
            raise InvalidInput(f"{tag.strip()} is not out with kit {kit.tag}")
        if loan not in wanted_missing:
            wanted_missing.append(loan)
    back = [ln for ln in loans if ln not in wanted_missing]
    if not back and not report_missing_lost:
        raise Refused(f"every member out with kit {kit.tag} is listed missing, so nothing "
                      "comes back: report them lost, or check in what did come back")
    people = {ln.person_id for ln in back}
    personal = any(ln.personal_data for ln in back)
    if back and signature is None and uow.settings.signature.needed_on_return(personal):
        raise Refused(f"kit {kit.tag} needs {back[0].person.name}'s signature on return (the "
                      f"signature.on_return setting is \"{uow.settings.signature.on_return}\")")
    sig = store_signature(uow, signature, back[0].person) \
        if signature is not None and back and len(people) == 1 else None
    incidents: list[Incident] = []
    for loan in back:
        incident = close_loan_returned(uow, loan, condition, note, sig,
                                       data=data if loan.personal_data else None,
                                       data_note=data_note)
        if incident is not None:
            incidents.append(incident)
        details: dict[str, Any] = {}
        if loan.data_in is not None:
            details.update(data=loan.data_in, data_note=loan.data_note)
        uow.audit("checkin", loan, tag=loan.asset.tag, staff_code=loan.person.staff_code,
                  condition=condition, note=note, kit=kit.tag, **details)
    lost: list[str] = []
    if report_missing_lost:
        for loan in wanted_missing:
            asset = loan.asset
            loan.outcome = "lost"
            loan.note_in = f"missing when kit {kit.tag} came back"
            asset.status = "lost"
            incidents.append(open_incident(uow, "lost", asset, loan.person, loan,
                                           f"missing when kit {kit.tag} came back"))
            uow.audit("report_lost", asset, tag=asset.tag, kind="lost",
                      staff_code=loan.person.staff_code, note=loan.note_in, kit=kit.tag)
            lost.append(asset.tag)
    uow.audit("kit_checkin", "kits", kit.id, kit=kit.tag,
              returned=[ln.asset.tag for ln in back],
              missing=[ln.asset.tag for ln in wanted_missing], reported_lost=lost)
    receipt = None
    if sig is not None and back:
        from app.services.documents.staging import stage
        from app.services.receipts import return_receipt

        receipt = return_receipt(uow, back, sig.id)
        stage(uow, receipt)  # its PDF, archived with the check-in or not at all
    uow.commit()
    still_out = [] if report_missing_lost else wanted_missing
    return KitCheckinResult(kit.tag, kit.name, back, still_out, incidents, lost, receipt,
                            {ln.asset.tag: _holder(uow, ln) for ln in still_out})
