"""An admin reverses a mistaken check-out, check-in or leaver return.

A reversal never edits history: the reversed action's audit event stays where it
is, and the reversal is a new audited event (``checkout_reversed``,
``checkin_reversed``, ``leaver_return_reversed``) naming it by sequence number,
with a :class:`~db.models.Reversal` row that keeps what was undone. The state
before the action comes back:

* a check-out: the loan is closed as ``reversed`` (it never was a loan) and the
  asset is available again;
* a check-in: the loan is open again, the asset on loan again, a damage incident
  the check-in opened is withdrawn;
* a leaver return: every loan on the receipt is open again, the assets on loan
  again, the "not returned" incidents withdrawn, and the person's status and
  leaving date are what they were before.

Only within ``reversal.window_hours`` (default 24) of the action, and only while
nothing else has happened to the assets since (a later loan, a repair...).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app import audit_seal
from app.audit import canonical_json
from app.errors import NotFound, Refused
from app.services.lookup import find_asset, find_person
from app.uow import UnitOfWork
from db.models import Asset, AuditEvent, Incident, Loan, Person, Receipt, Reversal
from printing.dates import date_time_text

WHAT = {"checkout": "check-out", "checkin": "check-in", "leaver_return": "leaver return"}
#: loan columns a check-in (or leaver return) set, put back as they were before it
_RETURN_COLUMNS = ("in_at", "in_by", "condition_in", "outcome", "note_in", "signature_in_id",
                   "data_in", "data_note", "receipt_id")


@dataclass(frozen=True)
class Reversible:
    """The last reversible action on an asset (or a leaver return), as plain data."""

    action: str
    at: dt.datetime
    by: str
    #: "the check-in of LT-0001 from Siân Ó Briain (AB1)"
    description: str
    #: what reversing it brings back
    effect: str
    deadline: dt.datetime
    tag: str | None = None
    receipt_number: str | None = None
    #: why it cannot be reversed now (None: it can)
    blocked: str | None = None


@dataclass(frozen=True)
class ReversalResult:
    action: str
    reversed_seq: int
    message: str
    tag: str | None
    receipt_number: str | None


@dataclass
class _Target:
    action: str
    at: dt.datetime
    by: str
    loan: Loan | None = None
    receipt: Receipt | None = None
    asset: Asset | None = None


def _who(p: Person) -> str:
    return f"{p.name} ({p.staff_code})"


def _stamp(at: dt.datetime) -> str:
    return date_time_text(at.astimezone())


def _leaver_receipt(uow: UnitOfWork, loan: Loan) -> Receipt | None:
    if loan.receipt_id is None:
        return None
    receipt = uow.session.get(Receipt, loan.receipt_id)
    return receipt if receipt is not None and receipt.kind == "leaver_return" else None


def _target_for_asset(uow: UnitOfWork, asset: Asset, *, lock: bool) -> _Target:
    q = (select(Loan).where(Loan.asset_id == asset.id)
         .order_by(Loan.out_at.desc(), Loan.id.desc()).limit(1))
    loan = uow.session.execute(q.with_for_update() if lock else q).scalar_one_or_none()
    if loan is None:
        raise Refused(f"nothing to reverse: {asset.tag} has never been lent")
    if loan.outcome is None:
        return _Target("checkout", loan.out_at, loan.out_by, loan=loan, asset=asset)
    if loan.outcome == "reversed":
        raise Refused(f"nothing to reverse: the last check-out of {asset.tag} was already reversed")
    receipt = _leaver_receipt(uow, loan)
    if receipt is not None:
        return _Target("leaver_return", receipt.created_at, receipt.created_by, receipt=receipt)
    if loan.outcome != "returned" or loan.in_at is None or loan.in_by is None:
        raise Refused(f"{asset.tag} was reported lost; if it has turned up, book it in as found "
                      "(loan-kiosk asset found)")
    return _Target("checkin", loan.in_at, loan.in_by, loan=loan, asset=asset)


def _resolve(uow: UnitOfWork, code: str, *, lock: bool) -> _Target:
    """An asset tag; else a leaver receipt's number; else a staff code (their leaver return)."""
    asset = find_asset(uow, code)
    if asset is not None:
        return _target_for_asset(uow, asset, lock=lock)
    receipt = uow.session.execute(
        select(Receipt).where(Receipt.number == code.strip().upper())).scalar_one_or_none()
    person = None
    if receipt is None:
        person = find_person(uow, code)
        if person is None:
            raise NotFound(f"{code.strip()!r} is not an asset tag, a leaver receipt number or a "
                           "staff code")
        receipt = uow.session.execute(
            select(Receipt).where(Receipt.person_id == person.id,
                                  Receipt.kind == "leaver_return")
            .order_by(Receipt.id.desc()).limit(1)).scalar_one_or_none()
        if receipt is None:
            raise Refused(f"nothing to reverse: {_who(person)} has no leaver return")
    if receipt.kind != "leaver_return":
        raise Refused(f"{receipt.number} is not a leaver receipt: reverse the check-out or "
                      "check-in by the asset's tag")
    return _Target("leaver_return", receipt.created_at, receipt.created_by, receipt=receipt)


def _event(uow: UnitOfWork, action: str, entity: str, entity_id: int) -> AuditEvent:
    """The newest such event, sealed (a reversal names it by its number)."""
    query = (select(AuditEvent).where(AuditEvent.entity == entity,
                                      AuditEvent.entity_id == str(entity_id),
                                      AuditEvent.action == action)
             .order_by(AuditEvent.id.desc()).limit(1))
    ev = uow.session.execute(query).scalar_one_or_none()
    if ev is None:
        raise Refused(f"the {WHAT[action]} has no audit event, so it cannot be reversed here")
    if ev.seq is None:  # appended unsealed by a PostgreSQL desk: seal it now (committed)
        audit_seal.seal_committed(uow.session)
        uow.session.refresh(ev)
    if ev.seq is None:
        raise Refused(f"the {WHAT[action]}'s audit event is not sealed yet; try again")
    return ev


def _seq(ev: AuditEvent) -> int:
    assert ev.seq is not None  # _event seals it
    return ev.seq


def _receipt_loans(uow: UnitOfWork, receipt: Receipt, *, lock: bool) -> list[Loan]:
    q = select(Loan).where(Loan.receipt_id == receipt.id).order_by(Loan.id)
    return list(uow.session.execute(q.with_for_update() if lock else q).scalars())


def _latest_loan_id(uow: UnitOfWork, asset_id: int) -> int | None:
    return uow.session.execute(
        select(Loan.id).where(Loan.asset_id == asset_id)
        .order_by(Loan.out_at.desc(), Loan.id.desc()).limit(1)).scalar_one_or_none()


def _changed_since(uow: UnitOfWork, loan: Loan) -> str | None:
    """Why ``loan``'s asset is no longer as the return left it (None: it is)."""
    asset = loan.asset
    if _latest_loan_id(uow, asset.id) != loan.id:
        return f"{asset.tag} has been lent again since"
    if loan.outcome == "returned":
        expected = "in_repair" if loan.condition_in == "damaged" else "available"
    else:  # not returned: recorded lost
        expected = "lost"
        if loan.in_at is not None:
            return f"{asset.tag} has come back since (booked in as found)"
    if asset.status != expected:
        return f"{asset.tag} has changed since (it is now {asset.status.replace('_', ' ')})"
    return None


def _blocked(uow: UnitOfWork, t: _Target) -> str | None:
    if t.action == "checkin":
        assert t.loan is not None
        return _changed_since(uow, t.loan)
    if t.action == "leaver_return":
        assert t.receipt is not None
        if uow.session.execute(select(Reversal.id).where(Reversal.receipt_id == t.receipt.id,
                                                         Reversal.action == "leaver_return")
                               ).first():
            return f"leaver return {t.receipt.number} was already reversed"
        for loan in _receipt_loans(uow, t.receipt, lock=False):
            why = _changed_since(uow, loan)
            if why:
                return why
    return None


def _describe(uow: UnitOfWork, t: _Target) -> tuple[str, str, str | None, str | None]:
    """(description, effect, tag, receipt number)."""
    if t.action == "leaver_return":
        assert t.receipt is not None and t.receipt.person is not None
        p = t.receipt.person
        return (f"the leaver return of {_who(p)} (receipt {t.receipt.number})",
                f"{p.name} is no longer recorded as left and holds those items again",
                None, t.receipt.number)
    assert t.loan is not None
    loan, tag = t.loan, t.loan.asset.tag
    if t.action == "checkout":
        return (f"the check-out of {tag} to {_who(loan.person)}",
                f"{tag} is available again and the loan is void", tag, None)
    return (f"the check-in of {tag} from {_who(loan.person)}",
            f"{tag} is on loan to {loan.person.name} again", tag, None)


def last_reversible(uow: UnitOfWork, code: str) -> Reversible:
    """What ``reverse`` would undo for ``code`` (an asset tag, leaver receipt or staff code)."""
    t = _resolve(uow, code, lock=False)
    hours = uow.settings.reversal.window_hours
    deadline = t.at + dt.timedelta(hours=hours)
    description, effect, tag, number = _describe(uow, t)
    blocked = _blocked(uow, t)
    if blocked is None and uow.now > deadline:
        blocked = (f"it was done on {_stamp(t.at)}, and an admin can reverse an action only "
                   f"within {hours} hours (setting reversal.window_hours)")
    return Reversible(t.action, t.at, t.by, description, effect, deadline, tag, number, blocked)


def reverse(uow: UnitOfWork, code: str, *, reason: str | None = None) -> ReversalResult:
    """Reverse the last reversible action on ``code`` (admin only; see the module docstring)."""
    uow.actor.require_admin("reverse a check-out, check-in or leaver return")
    reason = (reason or "").strip() or None
    t = _resolve(uow, code, lock=True)
    found = last_reversible(uow, code)
    if found.blocked:
        raise Refused(f"cannot reverse {found.description}: {found.blocked}")
    loan, receipt = t.loan, t.receipt
    refs: dict[str, Any] = {"asset_id": loan.asset_id, "loan_id": loan.id,
                            "receipt_id": loan.receipt_id, "person_id": loan.person_id} \
        if loan is not None else {"receipt_id": receipt.id if receipt else None,
                                  "person_id": receipt.person_id if receipt else None}
    if t.action == "checkout":
        seq, undone = _undo_checkout(uow, t, reason)
    elif t.action == "checkin":
        seq, undone = _undo_checkin(uow, t)
    else:
        seq, undone = _undo_leaver_return(uow, t)
    row = Reversal(at=uow.now, by=uow.actor.name, action=t.action, event_seq=seq, reason=reason,
                   undone=json.loads(canonical_json(undone)), **refs)
    uow.session.add(row)
    uow.session.flush()
    uow.audit(f"{t.action}_reversed", row, reverses_seq=seq, reverses=t.action,
              tag=found.tag, receipt=found.receipt_number, reason=reason)
    uow.commit()
    return ReversalResult(t.action, seq, f"Reversed {found.description}: {found.effect}.",
                          found.tag, found.receipt_number)


def _undo_checkout(uow: UnitOfWork, t: _Target, reason: str | None) -> tuple[int, dict[str, Any]]:
    loan = t.loan
    assert loan is not None
    seq = _seq(_event(uow, "checkout", "loans", loan.id))
    loan.outcome = "reversed"
    loan.in_at = uow.now
    loan.in_by = uow.actor.name
    loan.note_in = "check-out reversed" + (f": {reason}" if reason else "")
    loan.asset.status = "available"
    return seq, {"loan": loan.id, "asset_status": "on_loan", "outcome": None}


def _reopen(uow: UnitOfWork, loan: Loan) -> dict[str, Any]:
    """Put ``loan`` back as it was before its return; what the return had set, as it was."""
    before = {c: getattr(loan, c) for c in _RETURN_COLUMNS}
    for c in _RETURN_COLUMNS:
        setattr(loan, c, None)
    was = loan.asset.status
    loan.asset.status = "on_loan"
    withdrawn = []
    for incident in uow.session.execute(
            select(Incident).where(Incident.loan_id == loan.id, Incident.status == "open")
            .with_for_update()).scalars():
        incident.status = "withdrawn"
        incident.closed_at = uow.now
        incident.closed_by = uow.actor.name
        incident.resolution = "the action that opened it was reversed"
        uow.audit("incident_withdrawn", incident, kind=incident.kind, tag=loan.asset.tag)
        withdrawn.append(incident.id)
    return {"loan": loan.id, "tag": loan.asset.tag, "asset_status": was, **before,
            "incidents_withdrawn": withdrawn}


def _undo_checkin(uow: UnitOfWork, t: _Target) -> tuple[int, dict[str, Any]]:
    loan = t.loan
    assert loan is not None
    seq = _seq(_event(uow, "checkin", "loans", loan.id))
    return seq, _reopen(uow, loan)


def _undo_leaver_return(uow: UnitOfWork, t: _Target) -> tuple[int, dict[str, Any]]:
    receipt = t.receipt
    assert receipt is not None and receipt.person_id is not None
    ev = _event(uow, "leaver_return", "receipts", receipt.id)
    person = uow.session.execute(
        select(Person).where(Person.id == receipt.person_id).with_for_update()).scalar_one()
    details = json.loads(ev.details)
    loans = [_reopen(uow, loan) for loan in _receipt_loans(uow, receipt, lock=True)]
    undone = {"receipt": receipt.number, "person_status": person.status,
              "leaving_date": person.leaving_date, "loans": loans}
    # before this was recorded with the return, a leaving date meant "leaving"
    person.status = details.get("previous_status") or (
        "leaving" if person.leaving_date else "active")
    if "previous_leaving_date" in details:
        previous = details["previous_leaving_date"]
        person.leaving_date = dt.date.fromisoformat(previous) if previous else None
    return _seq(ev), undone
