"""What the desk shows about one asset, one person or one scan, as plain read-only data.

The desk runs these on a worker thread and shows the result on the GUI thread, so they
return frozen dataclasses, never ORM objects (which die with their unit of work).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select

from app.clock import local_date
from app.services.asset_view import AssetView
from app.services.encryption import GATED_KINDS, METHOD_LABELS, EncryptionState, encryption_state
from app.services.kits import KitCard
from app.services.lookup import find_asset, find_person, get_asset, get_person, open_loan, open_loans_of
from app.services.places import PlaceLabel
from app.services.record_history import ChangeRow, changes_of
from app.services.reversals import Reversible
from app.services.scan import place_label, resolve_scan
from app.services.site_scope import read_only_note
from app.status_words import lent_to, status_label
from app.uow import UnitOfWork
from db.models import Asset, EncryptionCheck, Incident, Loan, Person, Receipt, Signature, Trip
from db.places import Location
from printing.dates import date_text

KIND_WORDS = {"laptop": "Laptop", "phone": "Phone", "tablet": "Tablet", "other": "Other"}


@dataclass(frozen=True)
class AssetSummary:
    tag: str
    kind: str
    make: str
    model: str
    serial: str
    status: str
    accessories: list[str]
    encrypted: bool | None
    encryption_label: str
    gated: bool  # the encryption gate applies to this kind of device
    last_condition: str | None
    holder_code: str | None = None
    holder_name: str | None = None
    out_at: dt.datetime | None = None
    due_on: dt.date | None = None
    overdue: bool = False
    trip: str | None = None
    phone_number: str | None = None
    default_days: int = 14
    personal_data: bool = False  # its open loan was made "with personal data"
    where: str = ""  # for the card: "At NHS › ICT office" (app.services.places_text)
    read_only: str = ""  # for the card: another school's, why it cannot be changed here

    @property
    def title(self) -> str:
        return " ".join(x for x in (self.make, self.model) if x) or KIND_WORDS.get(self.kind, self.kind)

    @property
    def kind_word(self) -> str:
        return KIND_WORDS.get(self.kind, self.kind.title())

    @property
    def status_word(self) -> str:
        return status_label(self.status)


@dataclass(frozen=True)
class PersonSummary:
    staff_code: str
    name: str
    department: str | None
    email: str | None
    status: str
    leaving_date: dt.date | None
    items: list[AssetSummary] = field(default_factory=list)

    @property
    def overdue_count(self) -> int:
        return sum(1 for a in self.items if a.overdue)

    @property
    def status_word(self) -> str:
        return status_label(self.status)


@dataclass(frozen=True)
class ReceiptSummary:
    number: str
    kind: str
    created_at: dt.datetime
    created_by: str
    person: str | None
    content: dict[str, object]
    file: str | None
    matches: bool | None = None  # for a scanned receipt QR: does its code match the record


@dataclass(frozen=True)
class ScanInfo:
    type: str  # asset | kit | person | receipt | unknown
    text: str
    asset: AssetSummary | None = None
    kit: KitCard | None = None
    person: PersonSummary | None = None
    receipt: ReceiptSummary | None = None
    receipt_number: str | None = None
    advice: str | None = None  # an unknown code a keyboard-layout mismatch explains: the fix
    place: PlaceLabel | None = None  # an unknown code that is a room's (location's) label


@dataclass(frozen=True)
class HistoryRow:
    tag: str
    staff_code: str
    borrower: str
    out_at: dt.datetime
    out_by: str
    due_on: dt.date
    in_at: dt.datetime | None
    in_by: str | None
    condition: str | None
    outcome: str
    note: str | None
    signature_out_id: int | None
    signature_in_id: int | None
    trip: str | None
    override_reason: str | None
    #: a personal-data loan's return: removed, wiped or kept
    data: str | None = None
    #: lent "with personal data", and the admin who overrode the encryption gate (if one did)
    personal_data: bool = False
    override_by: str | None = None

    @property
    def personal_data_text(self) -> str:
        """"", "yes", or "yes — admin override by ada: head's laptop, encryption booked"."""
        if not self.personal_data:
            return ""
        if self.override_reason:
            return f"yes — admin override by {self.override_by or 'an admin'}: " \
                   f"{self.override_reason}"
        return "yes"

    @property
    def outcome_text(self) -> str:
        """"returned", "not returned — came back 3 Dec 2026" (found later), "reversed"…"""
        words = self.outcome.replace("_", " ")
        if self.outcome in ("not_returned", "lost") and self.in_at is not None:
            words += f" — came back {date_text(local_date(self.in_at))}"
        if self.data:
            words += f" — personal data {self.data}"
        return words


@dataclass(frozen=True)
class CheckRow:
    verified_at: dt.datetime
    verified_by: str
    encrypted: bool
    method: str | None
    note: str | None


@dataclass(frozen=True)
class IncidentRow:
    id: int
    kind: str
    reported_at: dt.datetime
    reported_by: str
    tag: str | None
    person: str | None
    description: str | None
    status: str
    outcome: str | None = None
    cost_pence: int | None = None
    resolution: str | None = None

    @property
    def status_text(self) -> str:
        """"open", "closed: repaired, £45.50", "withdrawn"."""
        if self.outcome is None:
            return self.status
        from app.services.incidents import OUTCOME_WORDS, money

        cost = f", {money(self.cost_pence)}" if self.cost_pence is not None else ""
        return f"{self.status}: {OUTCOME_WORDS.get(self.outcome, self.outcome)}{cost}"


@dataclass(frozen=True)
class AssetCard:
    asset: AssetSummary
    history: list[HistoryRow]
    checks: list[CheckRow]
    incidents: list[IncidentRow]
    notes: str | None
    imei: str | None
    #: the last action an admin could reverse now (None: nothing, or too late)
    reversible: Reversible | None = None
    retired_reason: str | None = None
    #: edits, additions, status changes and reversals of the asset itself, newest first
    changes: list[ChangeRow] = field(default_factory=list)


@dataclass(frozen=True)
class PersonCard:
    person: PersonSummary
    history: list[HistoryRow]
    receipts: list[ReceiptSummary]
    incidents: list[IncidentRow]
    #: their leaver return, while an admin could still reverse it
    reversible: Reversible | None = None
    #: edits, additions, reactivation and reversals of the person's record, newest first
    changes: list[ChangeRow] = field(default_factory=list)
    read_only: str = ""  # another school's: why they cannot be changed here


@dataclass(frozen=True)
class SignatureStrokes:
    strokes: list[list[list[float]]]
    window: list[float]
    captured_at: dt.datetime
    device: str | None
    purged: bool


def _split(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split(",") if p.strip()]


def summarise_asset(uow: UnitOfWork, asset: Asset, state: EncryptionState | None = None,
                    loan: Loan | None = None, *, with_loan: bool = True) -> AssetSummary:
    state = state or encryption_state(uow, asset)
    if with_loan and loan is None:
        loan = open_loan(uow, asset.id)
    today = local_date(uow.now)
    last_condition = uow.session.execute(
        select(Loan.condition_in).where(Loan.asset_id == asset.id, Loan.condition_in.is_not(None))
        .order_by(Loan.in_at.desc()).limit(1)
    ).scalar_one_or_none()
    trip = None
    if loan is not None and loan.trip_id is not None:
        t = uow.session.get(Trip, loan.trip_id)
        trip = t.name if t else None
    return AssetSummary(
        tag=asset.tag, kind=asset.kind, make=asset.make or "", model=asset.model or "",
        serial=asset.serial or "", status=asset.status, accessories=_split(asset.accessories),
        encrypted=state.encrypted, encryption_label=state.label, gated=asset.kind in GATED_KINDS,
        last_condition=last_condition or ("damaged" if asset.status == "in_repair" else None),
        holder_code=loan.person.staff_code if loan else None,
        holder_name=lent_to(loan.person.name, _room(uow, loan)) if loan else None,
        out_at=loan.out_at if loan else None, due_on=loan.due_on if loan else None,
        overdue=bool(loan and loan.due_on < today), trip=trip,
        phone_number=asset.phone_number, default_days=uow.settings.loans.days_for(asset.kind),
        personal_data=bool(loan and loan.personal_data),
    )


def _room(uow: UnitOfWork, loan: Loan) -> str | None:
    """The room a loan went to, if it went to one."""
    if loan.location_id is None:
        return None
    room = uow.session.get(Location, loan.location_id)
    return room.name if room is not None else None


def summarise_view(uow: UnitOfWork, view: AssetView) -> AssetSummary:
    """:func:`summarise_asset` of a scanned asset, from the one row the scan already read."""
    a, loan = view.asset, view.loan
    state = view.encryption
    holder = loan.person if loan else None
    return AssetSummary(
        tag=a.tag, kind=a.kind, make=a.make or "", model=a.model or "", serial=a.serial or "",
        status=a.status, accessories=_split(a.accessories), encrypted=state.encrypted,
        encryption_label=state.label, gated=a.kind in GATED_KINDS,
        last_condition=a.last_condition or ("damaged" if a.status == "in_repair" else None),
        holder_code=holder.staff_code if holder else None,
        holder_name=lent_to(holder.name, loan.location) if holder and loan else None,
        out_at=loan.out_at if loan else None, due_on=loan.due_on if loan else None,
        overdue=bool(loan and loan.due_on < local_date(uow.now)),
        trip=loan.trip if loan else None, personal_data=bool(loan and loan.personal_data),
        phone_number=a.phone_number, default_days=uow.settings.loans.days_for(a.kind),
        read_only=read_only_note(uow, a.site_id, a.tag),  # another school's: no query if not
    )


def summarise_person(uow: UnitOfWork, person: Person) -> PersonSummary:
    items = [summarise_asset(uow, ln.asset, loan=ln) for ln in open_loans_of(uow, person.id)]
    return PersonSummary(person.staff_code, person.name, person.department, person.email,
                         person.status, person.leaving_date, items)


def summarise_receipt(r: Receipt, matches: bool | None = None) -> ReceiptSummary:
    return ReceiptSummary(r.number, r.kind, r.created_at, r.created_by,
                          r.person.name if r.person else None, dict(r.content), r.file, matches)


def describe_scan(uow: UnitOfWork, text: str) -> ScanInfo:
    """Whatever was scanned, as the desk shows it."""
    res = resolve_scan(uow, text)
    if res.type == "asset" and res.asset is not None:
        return ScanInfo("asset", text, asset=summarise_view(uow, res.asset))
    if res.type == "kit" and res.kit is not None:
        return ScanInfo("kit", text, kit=res.kit)
    if res.type == "person" and res.person is not None:
        return ScanInfo("person", text, person=summarise_person(uow, res.person))
    if res.type == "receipt":
        rs = summarise_receipt(res.receipt, bool(res.receipt_matches)) if res.receipt else None
        return ScanInfo("receipt", text, receipt=rs, receipt_number=res.receipt_number)
    return ScanInfo("unknown", text.strip(), advice=res.advice, place=place_label(uow, text))


def asset_summary(uow: UnitOfWork, tag: str) -> AssetSummary:
    return summarise_asset(uow, get_asset(uow, tag))


def person_summary(uow: UnitOfWork, code: str) -> PersonSummary:
    return summarise_person(uow, get_person(uow, code))


def _history(uow: UnitOfWork, where: object) -> list[HistoryRow]:
    q = select(Loan).where(where).order_by(Loan.out_at.desc(), Loan.id.desc())  # type: ignore[arg-type]
    rows = []
    for ln in uow.session.execute(q).scalars():
        rows.append(HistoryRow(
            ln.asset.tag, ln.person.staff_code, ln.person.name, ln.out_at, ln.out_by, ln.due_on,
            ln.in_at, ln.in_by, ln.condition_in, ln.outcome or "on loan", ln.note_in,
            ln.signature_out_id, ln.signature_in_id, ln.trip.name if ln.trip else None,
            ln.override_reason, ln.data_in, ln.personal_data, ln.override_by,
        ))
    return rows


def _incidents(uow: UnitOfWork, where: object) -> list[IncidentRow]:
    q = select(Incident).where(where).order_by(Incident.id.desc())  # type: ignore[arg-type]
    return [IncidentRow(i.id, i.kind, i.reported_at, i.reported_by, i.asset.tag if i.asset else None,
                        i.person.name if i.person else None, i.description, i.status,
                        i.outcome, i.cost_pence, i.resolution)
            for i in uow.session.execute(q).scalars()]


def _reversible(uow: UnitOfWork, code: str) -> Reversible | None:
    """What an admin could reverse now for ``code`` (None: nothing, or no longer)."""
    from app.errors import LoanKioskError
    from app.services.reversals import last_reversible

    try:
        found = last_reversible(uow, code)
    except LoanKioskError:
        return None
    return None if found.blocked else found


def asset_card(uow: UnitOfWork, tag: str) -> AssetCard:
    asset = get_asset(uow, tag)
    checks = [CheckRow(c.verified_at, c.verified_by, c.encrypted, c.method, c.note)
              for c in uow.session.execute(
                  select(EncryptionCheck).where(EncryptionCheck.asset_id == asset.id)
                  .order_by(EncryptionCheck.id.desc())).scalars()]
    from app.services.places_text import with_where
    return AssetCard(with_where(uow, asset, summarise_asset(uow, asset)),
                     _history(uow, Loan.asset_id == asset.id), checks,
                     _incidents(uow, Incident.asset_id == asset.id), asset.notes, asset.imei,
                     _reversible(uow, asset.tag), asset.retired_reason,
                     changes_of(uow, "assets", asset.id))


def person_card(uow: UnitOfWork, code: str) -> PersonCard:
    person = find_person(uow, code) or get_person(uow, code)
    receipts = [summarise_receipt(r) for r in uow.session.execute(
        select(Receipt).where(Receipt.person_id == person.id).order_by(Receipt.id.desc())).scalars()]
    back = _reversible(uow, person.staff_code) if person.status == "left" else None
    return PersonCard(summarise_person(uow, person), _history(uow, Loan.person_id == person.id),
                      receipts, _incidents(uow, Incident.person_id == person.id), back,
                      changes_of(uow, "people", person.id), read_only_note(uow, person.site_id, person.name))


def signature_strokes(uow: UnitOfWork, signature_id: int) -> SignatureStrokes | None:
    sig = uow.session.get(Signature, signature_id)
    if sig is None:
        return None
    return SignatureStrokes(list(sig.strokes or []), list(sig.window or [0, 0, 1, 1]),
                            sig.captured_at, sig.device, sig.purged_at is not None)


def method_word(method: str | None) -> str:
    return METHOD_LABELS.get(method or "", method or "")


def gate_blocks(asset: AssetSummary, personal_data: bool) -> bool:
    """The encryption policy would refuse this loan (rule 3), unless an admin overrides."""
    return personal_data and asset.gated and asset.encrypted is not True


def find_asset_tag(uow: UnitOfWork, text: str) -> str | None:
    a = find_asset(uow, text)
    return a.tag if a else None
