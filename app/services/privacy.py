"""UK GDPR: retention purge and subject access export.

Retention runs from the day a person left (``leaving_date`` of someone whose
status is ``left``):

* after ``retention.routine_signatures_years`` (default 1): the ink of their
  routine signatures (check-outs, check-ins) is removed, and their loan
  acknowledgements and trip sheets (which print that ink) are reduced to a
  stub and their PDFs deleted. The signature on a leaver receipt is kept;
* after ``retention.receipts_years`` (default 6): everything personal goes:
  the leaver receipt (record and PDF), every signature, the person's name,
  e-mail, department and badge (the row stays, as ``purged-<id>``, so loan
  history of the equipment still adds up), free-text notes on their loans and
  incidents.

Purging is admin-only and goes through one unit of work, so the audit chain
records *that* data was purged (counts and row ids, with the new row digests)
and stays verifiable; the audit log itself is never rewritten (it holds staff
codes and asset tags, not names). PDFs are deleted after the commit; a purge
interrupted in between finds and deletes the leftovers on its next run.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from app.atomic_files import write_new_file
from app.audit import canonical_json
from app.bootstrap import AppContext
from app.clock import local_date
from app.errors import InvalidInput
from app.fingerprint import content_sha256
from app.private_files import private_dir
from app.services.lookup import get_person
from app.uow import Actor, UnitOfWork
from db.models import AuditEvent, Incident, Loan, Person, Receipt, Reversal, Signature

PURGED_PREFIX = "purged-"
ROUTINE_KINDS = ("loan_ack", "trip_sheet", "loan_return")


@dataclass
class PurgeItem:
    what: str  # "signature", "receipt", "person", "file"
    ref: str  # row id, receipt number or file path (never the personal data itself)
    staff_code: str
    reason: str


@dataclass
class PurgePlan:
    today: dt.date
    applied: bool = False
    items: list[PurgeItem] = field(default_factory=list)

    def count(self, what: str) -> int:
        return sum(1 for i in self.items if i.what == what)

    def to_dict(self) -> dict[str, Any]:
        return {"today": self.today.isoformat(), "applied": self.applied,
                "counts": {w: self.count(w) for w in ("person", "receipt", "signature", "file")},
                "items": [asdict(i) for i in self.items]}

    def format_lines(self) -> list[str]:
        verb = "removed" if self.applied else "would be removed"
        if not self.items:
            return ["nothing is past its retention period"]
        lines = [f"{i.what} {i.ref} ({i.staff_code}): {i.reason}" for i in self.items]
        lines.append(
            f"{self.count('person')} people anonymised, {self.count('receipt')} receipts, "
            f"{self.count('signature')} signatures and {self.count('file')} files {verb}"
            + ("" if self.applied else " (dry run: nothing changed; use --apply)"))
        return lines


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass
class _Work:
    plan: PurgePlan
    people: list[Person] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    receipts: list[Receipt] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def _is_purged(person: Person) -> bool:
    return person.staff_code.startswith(PURGED_PREFIX)


def _collect(uow: UnitOfWork, data_dir: Path) -> _Work:
    today = local_date(uow.now)
    ret = uow.settings.retention
    routine_cut = years_before(today, max(0, ret.routine_signatures_years))
    full_cut = years_before(today, max(0, ret.receipts_years))
    work = _Work(PurgePlan(today))
    s = uow.session
    left = s.execute(
        select(Person).where(Person.status == "left", Person.leaving_date.is_not(None),
                             Person.leaving_date <= routine_cut).order_by(Person.id)
    ).scalars().all()
    for person in left:
        assert person.leaving_date is not None
        full = person.leaving_date <= full_cut
        code = person.staff_code
        horizon = (f"left {person.leaving_date.isoformat()}, over "
                   f"{ret.receipts_years if full else ret.routine_signatures_years} years ago")
        receipts = s.execute(select(Receipt).where(Receipt.person_id == person.id)
                             .order_by(Receipt.id)).scalars().all()
        kept_sigs = {r.signature_id for r in receipts
                     if r.kind == "leaver_return" and r.signature_id is not None and not full}
        for r in receipts:
            if r.content.get("purged"):
                continue
            if full or r.kind in ROUTINE_KINDS:
                work.receipts.append(r)
                work.plan.items.append(PurgeItem("receipt", r.number, code, horizon))
        sigs = s.execute(select(Signature).where(
            Signature.person_id == person.id, Signature.purged_at.is_(None)).order_by(Signature.id)
        ).scalars().all()
        for sig in sigs:
            if sig.id not in kept_sigs:
                work.signatures.append(sig)
                work.plan.items.append(PurgeItem("signature", f"#{sig.id}", code, horizon))
        if full and not _is_purged(person):
            work.people.append(person)
            work.plan.items.append(PurgeItem("person", f"#{person.id}", code, horizon))
    # PDFs of purged receipts (including leftovers of an interrupted purge)
    purged_numbers = [r.number for r in work.receipts]
    purged_numbers += [r.number for r in s.execute(select(Receipt)).scalars()
                       if r.content.get("purged")]
    docs = data_dir / "documents"
    for number in sorted(set(purged_numbers)):
        for pdf in sorted(docs.glob(f"*/{number}.pdf")) + sorted(docs.glob(f"*/{number}-*.pdf")):
            work.files.append(pdf)
            owner = next((i.staff_code for i in work.plan.items if i.ref == number), "purged")
            work.plan.items.append(PurgeItem("file", pdf.relative_to(data_dir).as_posix(), owner,
                                             "the archived PDF of a purged receipt"))
    return work


def purge_plan(app_ctx: AppContext, actor: Actor) -> PurgePlan:
    """What ``apply_purge`` would remove today (admin only; changes nothing)."""
    actor.require_admin("purge personal data")
    with app_ctx.uow(actor, readonly=True) as uow:
        return _collect(uow, app_ctx.paths.data_dir).plan


def apply_purge(app_ctx: AppContext, actor: Actor) -> PurgePlan:
    """Remove what is past its retention period; audited as one event of counts and ids."""
    actor.require_admin("purge personal data")
    with app_ctx.uow(actor) as uow:
        work = _collect(uow, app_ctx.paths.data_dir)
        plan = work.plan
        for sig in work.signatures:
            sig.strokes = None
            sig.window = None
            sig.device = None
            sig.purged_at = uow.now
        for r in work.receipts:
            stub = {"number": r.number, "kind": r.kind, "purged": True,
                    "purged_at": uow.now.isoformat()}
            r.content = stub
            r.content_sha256 = content_sha256(stub)
            r.file = None
            r.file_sha256 = None
        for person in work.people:
            _anonymise(uow, person)
        if work.signatures or work.receipts or work.people:
            uow.audit(
                "privacy_purge", None, None,
                people=[p.id for p in work.people], receipts=[r.number for r in work.receipts],
                signatures=[s.id for s in work.signatures],
                files=[f.relative_to(app_ctx.paths.data_dir).as_posix() for f in work.files],
                routine_years=uow.settings.retention.routine_signatures_years,
                receipts_years=uow.settings.retention.receipts_years,
            )
            uow.commit()
    for path in work.files:
        path.unlink(missing_ok=True)
    plan.applied = True
    return plan


def _anonymise(uow: UnitOfWork, person: Person) -> None:
    s = uow.session
    code = f"{PURGED_PREFIX}{person.id}"
    person.staff_code = code
    person.staff_key = code
    person.first_name = "(purged)"
    person.last_name = ""
    person.email = None
    person.department = None
    person.badge_code = None
    person.badge_key = None
    person.search_name = ""
    for loan in s.execute(select(Loan).where(Loan.person_id == person.id)).scalars():
        loan.purpose = None
        loan.note_in = None
        loan.data_note = None
    for inc in s.execute(select(Incident).where(Incident.person_id == person.id)).scalars():
        inc.description = "(purged)"
        inc.resolution = None
    # a reversal keeps what it undid (notes, dates): of this person, only that it happened
    for rev in s.execute(select(Reversal).where(Reversal.person_id == person.id)).scalars():
        rev.undone = {"purged": True}
        rev.reason = None


# -- subject access ----------------------------------------------------------------------


@dataclass
class ExportResult:
    folder: Path
    json_file: Path
    documents: list[Path]


_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_component(text: str, fallback: str = "person") -> str:
    """A file-name component from user data that cannot leave its folder."""
    name = _SAFE.sub("_", text).strip("._-")[:64]
    return name or fallback


def _row(obj: Any) -> dict[str, Any]:
    from sqlalchemy import inspect

    return {a.key: getattr(obj, a.key) for a in inspect(type(obj)).column_attrs}


def subject_access_export(app_ctx: AppContext, actor: Actor, staff_code: str,
                          out_dir: Path) -> ExportResult:
    """Write everything held about a person (JSON) and copies of their receipts (admin only)."""
    from app.services import documents

    actor.require_admin("export a person's data")
    with app_ctx.uow(actor, readonly=True) as uow:
        person = get_person(uow, staff_code)
        s = uow.session
        loans = s.execute(select(Loan).where(Loan.person_id == person.id).order_by(Loan.id)).scalars().all()
        data: dict[str, Any] = {
            "generated_at": uow.now.isoformat(),
            "school": uow.settings.school.name,
            "person": _row(person),
            "loans": [{**_row(ln), "asset_tag": ln.asset.tag} for ln in loans],
            "signatures": [_row(x) for x in s.execute(
                select(Signature).where(Signature.person_id == person.id).order_by(Signature.id)).scalars()],
            "receipts": [_row(x) for x in s.execute(
                select(Receipt).where(Receipt.person_id == person.id).order_by(Receipt.id)).scalars()],
            "incidents": [_row(x) for x in s.execute(
                select(Incident).where(Incident.person_id == person.id).order_by(Incident.id)).scalars()],
        }
        needle = canonical_json({"staff_code": person.staff_code})[1:-1]
        events = s.execute(select(AuditEvent).where(or_(
            (AuditEvent.entity == "people") & (AuditEvent.entity_id == str(person.id)),
            AuditEvent.details.contains(needle),
        )).order_by(AuditEvent.seq)).scalars().all()
        data["audit_events"] = [
            {"seq": e.seq, "at": e.at, "actor": e.actor, "action": e.action, "entity": e.entity,
             "entity_id": e.entity_id, "details": json.loads(e.details)} for e in events]
        numbers = [r["number"] for r in data["receipts"] if not r["content"].get("purged")]
        code = person.staff_code
        person_id = person.id
    base = out_dir.expanduser().resolve()
    if base.exists() and not base.is_dir():
        raise InvalidInput(f"{out_dir} is not a folder")
    folder = base / f"subject-access-{safe_component(code)}-{local_date(app_ctx.db.clock()).isoformat()}"
    n = 1
    while folder.exists():
        n += 1
        folder = folder.with_name(f"{folder.name.rsplit('~', 1)[0]}~{n}")
    if folder.resolve().parent != base:  # pragma: no cover - guarded by safe_component
        raise InvalidInput("refusing a folder name that leaves the output folder")
    private_dir(folder, exist_ok=False)
    written: list[Path] = []
    for number in numbers:
        archived = documents.archive_receipt(app_ctx, actor, number)
        written.append(write_new_file(folder / f"{safe_component(number, 'receipt')}.pdf",
                                      archived.read_bytes(), pick_new_name=True))
    data["documents"] = [p.name for p in written]
    json_file = write_new_file(
        folder / "personal-data.json",
        json.dumps(data, ensure_ascii=False, indent=2, default=_default).encode("utf-8"))
    with app_ctx.uow(actor) as uow:
        uow.audit("subject_access_export", "people", person_id, staff_code=code,
                  documents=len(written))
        uow.commit()
    return ExportResult(folder, json_file, written)


def _default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")
