"""Lending and taking back: check-out, check-in, reporting loss.

Each function is one transaction: it validates everything first, raises a
clear error (nothing changed) or makes all its changes, audits them and
commits. The database has the last word on races: a second desk lending the
same asset trips the open-loan unique index and gets the same "already on
loan" message as the first check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError

from app.clock import local_date
from app.errors import InvalidInput, Refused
from app.keys import staff_key, tag_key
from app.services.booking_loans import LoanBookings, due_with_bookings, fulfil_pool
from app.services.booking_loans import prefetch_reads as booking_reads
from app.services.borrowers import cap_due, refuse_borrower
from app.services.encryption import GATED_KINDS, encryption_state
from app.services.locked_rows import (
    locked_asset,
    locked_borrower,
    locked_open_loan,
    prefetch_check_in,
    prefetch_check_out,
)
from app.services.lookup import get_asset, get_trip, open_loan
from app.status_words import lent_to, status_in_words
from app.uow import UnitOfWork
from db.models import CONDITIONS, DATA_HANDLING, Asset, Incident, Loan, Person, Receipt, Signature, Trip
from db.places import Location
from ink.signature import SignatureData, check_quality
from printing.dates import date_text


def fmt_date(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        value = local_date(value)
    return date_text(value)


def holder_text(loan: Loan) -> str:
    p = loan.person
    who = f"{p.name} ({p.staff_code})"
    if loan.location_id is not None:
        from app.services.places import location_name

        who = lent_to(who, location_name(loan))
    return f"{who} since {fmt_date(loan.out_at)}"


def lending_location(uow: UnitOfWork, code: str) -> Location:
    """The location a loan goes to (a classroom): found by code, and active."""
    from app.services.places import get_location

    location = get_location(uow, code)
    if not location.active:
        raise Refused(f"{location.name} ({location.code}) is no longer in use")
    return location


def refuse_unavailable(uow: UnitOfWork, asset: Asset) -> None:
    """Rule 1: only an available asset can be lent."""
    if asset.status == "on_loan":
        loan = open_loan(uow, asset.id)
        if loan is not None:
            raise Refused(f"{asset.tag} is already on loan to {holder_text(loan)}")
        raise Refused(f"{asset.tag} is marked on loan")
    if asset.status != "available":
        raise Refused(f"{asset.tag} is {status_in_words(asset.status)} and cannot be lent")


def encryption_gate(uow: UnitOfWork, asset: Asset, personal_data: bool,
                    override_reason: str | None) -> bool:
    """Rule 3. Returns True when an admin override lets an unencrypted device through."""
    if not personal_data or asset.kind not in GATED_KINDS:
        return False
    state = encryption_state(uow, asset)
    if state.is_verified_encrypted:
        return False
    reason = (override_reason or "").strip()
    if not reason:
        raise Refused(
            f"{asset.tag} is not verified as encrypted ({state.label.lower()}). School policy: "
            "personal data may only be kept on devices the school has encrypted. Record an "
            "encryption check first, lend it without personal data, or ask an admin to override "
            "with a reason."
        )
    uow.actor.require_admin("override the encryption policy")
    return True


def store_signature(uow: UnitOfWork, sig: SignatureData | None, person: Person | None) -> Signature | None:
    """Keep a signature, once it passes the same quality gate as the desk's signing screen
    (an empty or one-point signature is no signature, from the CLI either)."""
    if sig is None:
        return None
    gate = uow.settings.signature
    verdict = check_quality(sig, min_strokes=gate.min_strokes, min_points=gate.min_points,
                            min_width_fraction=gate.min_width_fraction)
    if not verdict.ok:
        raise InvalidInput(f"the signature is not good enough: {verdict.reason}")
    # on the cursor (app.uow): on PostgreSQL with an id taken ahead, the INSERT waits for
    # the commit's flight
    return uow.insert(Signature, dict(
        person_id=person.id if person else None,
        captured_at=uow.now,
        strokes=[[list(p) for p in s] for s in sig.strokes],
        window=list(sig.window),
        device=sig.device or None,
        incomplete=sig.incomplete,
    ))


def default_due(uow: UnitOfWork, asset: Asset, trip: Trip | None, due: dt.date | None) -> dt.date:
    """Rule 4: trip loans are due at the trip's end; others by kind unless given."""
    today = local_date(uow.now)
    if trip is not None:
        return trip.end_date
    if due is not None:
        if due < today:
            raise InvalidInput(f"the due date {due.isoformat()} is in the past")
        return due
    return today + dt.timedelta(days=uow.settings.loans.days_for(asset.kind))


@dataclass
class CheckoutResult:
    loans: list[Loan]
    person: Person
    signature_id: int | None
    #: the borrower's leaving date, when it cut a loan's due date short
    capped_at: dt.date | None = None
    #: what bookings did to this check-out (fulfilled, due dates capped, overrides)
    bookings: LoanBookings | None = None


def check_out(
    uow: UnitOfWork,
    tags: Sequence[str] | str,
    staff_code: str,
    *,
    due: dt.date | None = None,
    purpose: str | None = None,
    trip: str | None = None,
    personal_data: bool = False,
    override_reason: str | None = None,
    condition_out: str = "ok",
    signature: SignatureData | None = None,
    to_location: str | None = None,
    kit_id: int | None = None,
    commit: bool = True,
    booking_override: str | None = None,
) -> CheckoutResult:
    """Lend one or more assets to a member of staff under one signature.

    ``to_location``: lent to a location (a trolley to a classroom) by its code; the member
    of staff is then the one responsible for it. ``kit_id``: lent as members of this kit
    (:mod:`app.services.kit_loans`, which commits itself: ``commit=False``).

    Bookings (:mod:`app.services.booking_loans`): the borrower's own is fulfilled; a loan
    that would run into someone else's is due when it starts, or (when it begins today or
    has begun) needs ``booking_override``, a reason, which is audited.
    """
    tag_list = [tags] if isinstance(tags, str) else list(tags)
    if not tag_list:
        raise InvalidInput("no asset to lend")
    if condition_out not in CONDITIONS:
        raise InvalidInput(f"unknown condition {condition_out!r}")
    # one round trip on PostgreSQL for every read below (app.flights)
    prefetch_check_out(uow, tag_list, staff_code, signature is not None,
                       booking_reads(uow, [tag_key(t) for t in tag_list], staff_key(staff_code)))
    # row-locked: a leaver return for this person (another desk) waits for us, or we for it
    person = locked_borrower(uow, staff_code)
    refuse_borrower(person, local_date(uow.now))
    if purpose is not None and len(purpose) > 500:
        raise InvalidInput(f"the purpose is too long ({len(purpose)} characters, at most 500)")
    trip_row = get_trip(uow, trip) if trip else None
    location = lending_location(uow, to_location) if to_location else None
    seen: set[int] = set()
    assets: list[tuple[Asset, bool]] = []
    for tag in tag_list:
        asset = locked_asset(uow, tag)
        if asset.id in seen:
            raise InvalidInput(f"{asset.tag} is listed twice")
        seen.add(asset.id)
        refuse_unavailable(uow, asset)
        overridden = encryption_gate(uow, asset, personal_data, override_reason)
        assets.append((asset, overridden))
    sig = store_signature(uow, signature, person)
    if trip_row is not None and sig is not None:
        trip_row.signature_id = sig.id  # the leader's signature on the trip phone sheet
    loans: list[Loan] = []
    capped_at = None
    booked = LoanBookings()
    for asset, overridden in assets:
        wanted = due_with_bookings(uow, asset, person, default_due(uow, asset, trip_row, due),
                                   due is not None or trip_row is not None, booking_override,
                                   booked)
        due_on = cap_due(person, wanted)
        if due_on != wanted:
            capped_at = due_on
        values: dict[str, Any] = dict(
            asset_id=asset.id, person_id=person.id, out_at=uow.now, out_by=uow.actor.name,
            due_on=due_on, purpose=(purpose or None),
            trip_id=trip_row.id if trip_row else None, condition_out=condition_out,
            personal_data=personal_data,
            override_reason=override_reason.strip() if overridden and override_reason else None,
            override_by=uow.actor.name if overridden else None,
            signature_out_id=sig.id if sig else None,
            location_id=location.id if location else None, kit_id=kit_id,
        )
        try:
            loans.append(uow.insert(Loan, values, asset=asset, person=person))
        except IntegrityError as exc:
            raise _lent_meanwhile() from exc
        uow.update(asset, status="on_loan")
    for kind in sorted({asset.kind for asset, _ in assets}):
        fulfil_pool(uow, person, kind, booked)
    for loan, (asset, overridden) in zip(loans, assets, strict=True):
        uow.audit(
            "checkout", loan, tag=asset.tag, staff_code=person.staff_code,
            due_on=loan.due_on, personal_data=personal_data,
            trip=trip_row.name if trip_row else None,
            **({"location": location.code} if location else {}),
        )
        if overridden:
            uow.audit("encryption_override", loan, tag=asset.tag, reason=loan.override_reason)
    if commit:
        try:
            uow.commit()  # on PostgreSQL the loan's INSERT goes with the commit
        except IntegrityError as exc:
            raise _lent_meanwhile() from exc
    return CheckoutResult(loans, person, sig.id if sig else None, capped_at, booked)


def _lent_meanwhile() -> Refused:
    """Another desk lent the asset between our check and our insert (the open-loan index)."""
    return Refused("one of these assets was just lent at another desk; scan it again to see "
                   "who has it")


def open_incident(uow: UnitOfWork, kind: str, asset: Asset | None, person: Person | None,
                  loan: Loan | None, description: str | None) -> Incident:
    incident = uow.insert(Incident, dict(
        asset_id=asset.id if asset else None, person_id=person.id if person else None,
        loan_id=loan.id if loan else None, kind=kind, reported_at=uow.now,
        reported_by=uow.actor.name, description=description, status="open",
    ))
    uow.audit("incident_opened", incident, kind=kind, tag=asset.tag if asset else None)
    return incident


def check_data_handling(data: str | None) -> str | None:
    """``data`` (how personal data was dealt with at return) checked: one of DATA_HANDLING."""
    if data is None:
        return None
    value = data.strip().lower()
    if value not in DATA_HANDLING:
        raise InvalidInput(f"unknown way of dealing with personal data {data!r}; use "
                           "removed (the borrower removed it), wiped (IT wiped the device) or "
                           "kept (it stays, for a handover)")
    return value


def close_loan_returned(uow: UnitOfWork, loan: Loan, condition: str, note: str | None,
                        signature: Signature | None = None, *, data: str | None = None,
                        data_note: str | None = None) -> Incident | None:
    """Mark one open loan returned (shared by check-in, trip returns and leaver returns).

    ``loan`` (and its ``asset``) come from the session, or from ``uow.loaded``.
    ``data``/``data_note``: how personal data on it was dealt with (see DATA_HANDLING).
    """
    if condition not in CONDITIONS:
        raise InvalidInput(f"unknown condition {condition!r}; use ok, damaged or incomplete")
    returned: dict[str, Any] = dict(in_at=uow.now, in_by=uow.actor.name, condition_in=condition,
                                    outcome="returned", note_in=note or None)
    if signature is not None:
        returned["signature_in_id"] = signature.id
    if data is not None:
        returned["data_in"] = check_data_handling(data)
        returned["data_note"] = (data_note or "").strip() or None
    uow.update(loan, **returned)
    asset = loan.asset
    incident = None
    if condition == "damaged":
        uow.update(asset, status="in_repair")
        incident = open_incident(uow, "damaged", asset, loan.person, loan,
                                 note or "returned damaged")
    else:
        uow.update(asset, status="available")
    if asset.home_location_id is not None and asset.current_location_id != asset.home_location_id:
        uow.update(asset, current_location_id=asset.home_location_id)  # back where it lives
    return incident


@dataclass
class CheckinResult:
    loan: Loan
    incident: Incident | None
    #: the return receipt, made when the borrower signed
    receipt: Receipt | None = None


def check_in(uow: UnitOfWork, tag: str, *, condition: str = "ok", note: str | None = None,
             data: str | None = None, data_note: str | None = None,
             signature: SignatureData | None = None,
             put_at: str | None = None) -> CheckinResult:
    """Rule 5: take an asset back. Damage opens an incident.

    ``data``: for a loan made "with personal data", how that data was dealt with
    (removed, wiped or kept, with ``data_note``). ``signature``: the borrower's,
    on return; asked for by the ``signature.on_return`` setting, and then a
    return receipt is made in the same transaction. The asset goes back to its home
    location, or to ``put_at`` (a location code) when given.
    """
    prefetch_check_in(uow, tag)  # one round trip on PostgreSQL for both reads
    asset = locked_asset(uow, tag)
    loan = locked_open_loan(uow, asset)
    if loan is None:
        raise Refused(
            f"{asset.tag} is not on loan (it is {status_in_words(asset.status)}), "
            "so there is nothing to check in"
        )
    if signature is None and uow.settings.signature.needed_on_return(loan.personal_data):
        raise Refused(
            f"{asset.tag} needs {loan.person.name}'s signature on return (the "
            f"signature.on_return setting is \"{uow.settings.signature.on_return}\"): "
            "they sign at the desk, or give the signature file")
    sig = store_signature(uow, signature, loan.person) if signature is not None else None
    incident = close_loan_returned(uow, loan, condition, note, sig, data=data,
                                   data_note=data_note)
    details: dict[str, Any] = {}
    if put_at:  # told otherwise: not back at its home location but here
        from app.services.places import get_location

        where = get_location(uow, put_at)
        if where.site_id != asset.site_id and asset.site_id is not None:
            raise Refused(f"{where.code} is at another school than {asset.tag}: check it in "
                          "here, then move it")
        uow.update(asset, current_location_id=where.id)
        details["put_at"] = where.code
    if loan.data_in is not None:
        details.update(data=loan.data_in, data_note=loan.data_note)
    uow.audit("checkin", loan, tag=asset.tag, staff_code=loan.person.staff_code,
              condition=condition, note=note, **details)
    receipt = None
    if sig is not None:
        from app.services.documents.staging import stage
        from app.services.receipts import return_receipt

        receipt = return_receipt(uow, loan, sig.id)
        stage(uow, receipt)  # its PDF, archived with the check-in or not at all
    uow.commit()
    return CheckinResult(loan, incident, receipt)


@dataclass
class LostResult:
    asset: Asset
    loan: Loan | None
    incident: Incident


def report_lost(uow: UnitOfWork, tag: str, *, note: str | None = None,
                kind: str = "lost") -> LostResult:
    """Rule 5: a lost (or stolen) asset closes its loan as ``lost`` and opens an incident."""
    if kind not in ("lost", "stolen"):
        raise InvalidInput("kind must be lost or stolen")
    asset = get_asset(uow, tag, for_update=True)
    if asset.status in ("lost", "retired"):
        raise Refused(f"{asset.tag} is already {status_in_words(asset.status)}")
    loan = open_loan(uow, asset.id, for_update=True)
    person = None
    if loan is not None:
        loan.outcome = "lost"
        loan.note_in = note or None
        person = loan.person
    asset.status = "lost"
    incident = open_incident(uow, kind, asset, person, loan, note or f"reported {kind}")
    uow.audit("report_lost", asset, tag=asset.tag, kind=kind,
              staff_code=person.staff_code if person else None, note=note)
    uow.commit()
    return LostResult(asset, loan, incident)
