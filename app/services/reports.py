"""The reports the desk needs: what is out, what is late, leavers, unencrypted devices, history.

Each report is a list of flat rows (dicts) with fixed field names, so table,
CSV and JSON output all show the same thing. The school reports' rows also carry their
school (``site``, its code; ``school``, its name), read in the same statement: a report of
every school shows it as its first column (:func:`fields_of`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased

from app.clock import local_date
from app.errors import InvalidInput, NotFound
from app.keys import tag_key
from app.services.lookup import find_asset, find_person
from app.status_words import lent_to
from app.uow import UnitOfWork
from db.models import Asset, EncryptionCheck, Loan, Person
from db.places import Location, Site

Row = dict[str, Any]

FIELDS: dict[str, tuple[str, ...]] = {
    "on-loan": ("tag", "kind", "staff_code", "borrower", "out", "due", "overdue"),
    "overdue": ("tag", "kind", "staff_code", "borrower", "out", "due", "overdue"),
    "leavers": ("staff_code", "name", "leaving_date", "tags"),
    "unencrypted": ("tag", "kind", "status", "encryption", "holder"),
    "history": ("tag", "staff_code", "borrower", "out", "out_by", "due", "in", "in_by",
                "condition", "outcome", "note", "data"),
}


def fields_of(name: str, every_school: bool) -> tuple[str, ...]:
    """The report's columns; of every school (``--site ALL``), the row's school first."""
    fields = FIELDS[name]
    return ("site", *fields) if every_school and name != "history" else fields


def _iso(v: Any) -> Any:
    return v.isoformat() if v is not None and hasattr(v, "isoformat") else v


def _loan_rows(uow: UnitOfWork, only_overdue: bool, site_id: int | None = None) -> list[Row]:
    today = local_date(uow.now)
    q = (
        select(Loan.out_at, Loan.due_on, Asset.tag, Asset.kind, Person.staff_code,
               Person.first_name, Person.last_name, Location.name.label("room"),
               Site.code.label("site"), Site.name.label("school"))
        .join(Asset, Asset.id == Loan.asset_id)
        .join(Person, Person.id == Loan.person_id)
        .outerjoin(Site, Site.id == Asset.site_id)
        .outerjoin(Location, Location.id == Loan.location_id)
        .where(Loan.outcome.is_(None))
        .order_by(Loan.due_on, Asset.tag)
    )
    if only_overdue:
        q = q.where(Loan.due_on < today)
    if site_id is not None:
        q = q.where(Asset.site_id == site_id)
    return [
        {
            "tag": r.tag, "kind": r.kind, "staff_code": r.staff_code,
            "borrower": lent_to(f"{r.first_name} {r.last_name}".strip(), r.room),
            "out": _iso(r.out_at), "due": _iso(r.due_on), "overdue": r.due_on < today,
            "site": r.site, "school": r.school,
        }
        for r in uow.session.execute(q)
    ]


def on_loan(uow: UnitOfWork, site_id: int | None = None) -> list[Row]:
    """Everything on loan (``site_id``: of that school's assets only)."""
    return _loan_rows(uow, only_overdue=False, site_id=site_id)


def overdue(uow: UnitOfWork, site_id: int | None = None) -> list[Row]:
    return _loan_rows(uow, only_overdue=True, site_id=site_id)


def leavers(uow: UnitOfWork, site_id: int | None = None) -> list[Row]:
    """People leaving or left who still hold items, or never returned some (``site_id``:
    that school's staff only)."""
    q = (
        select(Person.staff_code, Person.first_name, Person.last_name, Person.leaving_date,
               Asset.tag, Site.code.label("site"), Site.name.label("school"))
        .join(Loan, Loan.person_id == Person.id)
        .join(Asset, Asset.id == Loan.asset_id)
        .outerjoin(Site, Site.id == Person.site_id)
        .where(Person.status.in_(("leaving", "left")))
        .where((Loan.outcome.is_(None)) | (Loan.outcome == "not_returned"))
        .order_by(Person.leaving_date, Person.staff_code, Asset.tag)
    )
    if site_id is not None:
        q = q.where(Person.site_id == site_id)
    rows: dict[str, Row] = {}
    for r in uow.session.execute(q):
        row = rows.setdefault(r.staff_code, {
            "staff_code": r.staff_code, "name": f"{r.first_name} {r.last_name}".strip(),
            "leaving_date": _iso(r.leaving_date), "tags": [], "site": r.site,
            "school": r.school,
        })
        row["tags"].append(r.tag)
    return list(rows.values())


def unencrypted(uow: UnitOfWork, site_id: int | None = None) -> list[Row]:
    """Assets whose latest check is not "encrypted" (or that were never checked)."""
    latest = (
        select(EncryptionCheck.asset_id, func.max(EncryptionCheck.id).label("check_id"))
        .group_by(EncryptionCheck.asset_id)
        .subquery()
    )
    chk = aliased(EncryptionCheck)
    holder = aliased(Person)
    q = (
        select(Asset.tag, Asset.kind, Asset.status, chk.encrypted, holder.staff_code,
               Site.code.label("site"), Site.name.label("school"))
        .outerjoin(Site, Site.id == Asset.site_id)
        .outerjoin(latest, latest.c.asset_id == Asset.id)
        .outerjoin(chk, chk.id == latest.c.check_id)
        .outerjoin(Loan, and_(Loan.asset_id == Asset.id, Loan.outcome.is_(None)))
        .outerjoin(holder, holder.id == Loan.person_id)
        .where((chk.encrypted.is_(None)) | (chk.encrypted.is_(False)))
        .where(Asset.status != "retired")
        .order_by(Asset.tag)
    )
    if site_id is not None:
        q = q.where(Asset.site_id == site_id)
    return [
        {"tag": r.tag, "kind": r.kind, "status": r.status,
         "encryption": "unknown" if r.encrypted is None else "not encrypted",
         "holder": r.staff_code, "site": r.site, "school": r.school}
        for r in uow.session.execute(q)
    ]


def history(uow: UnitOfWork, code: str) -> list[Row]:
    """Every loan of an asset (by tag) or of a person (by staff code or badge)."""
    asset = find_asset(uow, code)
    person = None if asset else find_person(uow, code)
    if asset is None and person is None:
        raise NotFound(f"{code.strip()!r} is neither an asset tag nor a staff code")
    q = (
        select(Loan, Asset.tag, Person.staff_code, Person.first_name, Person.last_name)
        .join(Asset, Asset.id == Loan.asset_id)
        .join(Person, Person.id == Loan.person_id)
        .order_by(Loan.out_at.desc(), Loan.id.desc())
    )
    if asset is not None:
        q = q.where(Loan.asset_id == asset.id)
    else:
        assert person is not None
        q = q.where(Loan.person_id == person.id)
    return [
        {
            "tag": tag, "staff_code": sc, "borrower": f"{fn} {ln}".strip(),
            "out": _iso(loan.out_at), "out_by": loan.out_by, "due": _iso(loan.due_on),
            "in": _iso(loan.in_at), "in_by": loan.in_by, "condition": loan.condition_in,
            "outcome": loan.outcome or "on loan", "note": loan.note_in,
            "data": loan.data_in,
        }
        for loan, tag, sc, fn, ln in uow.session.execute(q)
    ]


REPORTS: dict[str, Callable[[UnitOfWork, int | None], list[Row]]] = {
    "on-loan": on_loan,
    "overdue": overdue,
    "leavers": leavers,
    "unencrypted": unencrypted,
}


def run_report(uow: UnitOfWork, name: str, arg: str | None = None, *,
               site: str | None = None) -> list[Row]:
    """A report's rows: of this desk's school, or of the school ``site`` names (``ALL``:
    every school; see :func:`app.services.site_scope.resolve_scope`). A history is of the
    one asset or person asked for, whatever their school."""
    if name == "history":
        if not arg:
            raise InvalidInput("history needs an asset tag or a staff code")
        return history(uow, arg)
    if name not in REPORTS:
        raise InvalidInput(f"unknown report {name!r}; choose from {', '.join(FIELDS)}")
    from app.services.site_scope import resolve_scope

    return REPORTS[name](uow, resolve_scope(uow, site).site_id)


# -- output formats -----------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """Text for a CSV cell that a spreadsheet will not run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    text = str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def to_csv(rows: Sequence[Row], fields: Sequence[str]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([safe_cell(row.get(f)) for f in fields])
    return buf.getvalue()


def to_json(rows: Sequence[Row]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2)


def to_table(rows: Sequence[Row], fields: Sequence[str]) -> str:
    def cell(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, bool):
            return "yes" if v else ""
        if isinstance(v, list):
            return " ".join(map(str, v))
        text = str(v)
        if "T" in text and len(text) >= 19 and text[4] == "-":
            text = text[:16].replace("T", " ")  # datetimes to the minute
        return "".join(ch if ch.isprintable() else " " for ch in text)

    if not rows:
        return "(nothing to report)\n"
    cells = [[cell(r.get(f)) for f in fields] for r in rows]
    widths = [max(len(f), *(len(c[i]) for c in cells)) for i, f in enumerate(fields)]
    widths = [min(w, 40) for w in widths]
    lines = ["  ".join(f.ljust(w) for f, w in zip(fields, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for c in cells:
        lines.append("  ".join(v[:w].ljust(w) for v, w in zip(c, widths, strict=True)).rstrip())
    return "\n".join(lines) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


def tag_matches(a: str, b: str) -> bool:
    return tag_key(a) == tag_key(b)
