"""``import staff``: create or update people from an HR/MIS CSV, keyed on staff code.

Rows are matched on the normalised staff code. Optional columns missing from
the file leave existing values alone; a blank cell in a present column clears
the value. A leaving date (past, today or future) marks an active person
``leaving``; withdrawing the date (a blank cell where there was one) makes them
active again; an import never changes the status of anyone who has ``left``,
and a file without a Leaving Date column changes no one's status.
"""

from __future__ import annotations

import re

from app import keys
from app.imports import cells
from app.imports.cells import RowRejected, shown
from app.imports.csv_source import Column, CsvRow, read_table
from app.imports.places import Places
from app.imports.report import ImportReport
from app.imports.upsert import (
    Owners,
    Record,
    count,
    finish,
    gc_paused,
    load,
    max_length,
    reject,
    write,
)
from app.uow import UnitOfWork
from db.models import Person

COLUMNS = (
    Column("staff_code", "Staff Code",
           ("Staff ID", "Employee ID", "Staff Number", "Employee Number"), required=True),
    Column("first_name", "Forename", ("First Name", "Given Name"), required=True),
    Column("last_name", "Surname", ("Last Name", "Family Name"), required=True),
    Column("email", "Email", ("Email Address", "E-mail")),
    Column("department", "Department", ("Dept",)),
    Column("badge", "Badge", ("Badge Code", "Badge Number")),
    Column("leaving_date", "Leaving Date", ("Leave Date", "Date of Leaving")),
    Column("site", "Site", ("School",)),
)

#: the Person columns an import reads and writes
FIELDS = ("staff_code", "staff_key", "first_name", "last_name", "email", "department",
          "badge_code", "badge_key", "status", "leaving_date", "search_name", "site_id")

_NEW_PERSON: Record = {
    "email": None, "department": None, "badge_code": None, "badge_key": None,
    "status": "active", "leaving_date": None, "site_id": None,
}


@gc_paused
def import_staff(uow: UnitOfWork, data: bytes, *, source_name: str = "staff.csv",
                 dry_run: bool = False) -> ImportReport:
    """Upsert people from CSV ``data``; commits (with one audit event) unless ``dry_run``."""
    uow.actor.require_admin("import staff")
    table = read_table(data, COLUMNS)
    ids, state = load(uow.session, Person, "staff_key", FIELDS)
    badges = Owners(state, "badge_key")
    first_seen: dict[str, int] = {}
    changes: dict[str, Record] = {}
    report = ImportReport(dry_run=dry_run)
    present = table.fields
    leaving_dates = "leaving_date" in present
    places = Places(uow, dry_run=dry_run)

    for row in table.rows:
        raw_code = row.values.get("staff_code")
        try:
            if row.problem:
                raise RowRejected(row.problem)
            code, key = _staff_code(raw_code)
            if key in first_seen:
                raise RowRejected(
                    f"duplicate staff code {shown(code)}, first seen on line {first_seen[key]}"
                )
            first_seen[key] = row.line
            old = state.get(key)
            new = _parse(row, present, old or _NEW_PERSON)
            new["staff_code"], new["staff_key"] = code, key
            _site(places, row, old, new)
            if leaving_dates:
                new["status"] = _status(old, new)
            holder = badges.other_owner(new["badge_key"], key)
            if holder is not None:
                other = state[holder]
                raise RowRejected(
                    f"badge {shown(new['badge_code'])} is already used by "
                    f"{shown(other['first_name'] + ' ' + other['last_name'])} "
                    f"(staff code {shown(other['staff_code'])})"
                )
        except RowRejected as exc:
            reject(report, row.line, exc.reason, raw_code)
            continue
        if count(report, old, new):
            badges.move(key, old["badge_key"] if old else None, new["badge_key"])
            state[key] = changes[key] = new

    if not dry_run and changes:
        write(uow, Person, "staff_key", ids, changes, unique=("badge_key",))
    finish(uow, report, action="import_staff", entity="people", source_name=source_name)
    return report


_CODE_LEN = max_length(Person, "staff_code")
_KEY_LEN = max_length(Person, "staff_key")
_NAME_LEN = max_length(Person, "first_name")
_LAST_LEN = max_length(Person, "last_name")
_SEARCH_LEN = max_length(Person, "search_name")
_EMAIL_LEN = max_length(Person, "email")
_DEPT_LEN = max_length(Person, "department")
_BADGE_LEN = max_length(Person, "badge_code")
_BADGE_KEY_LEN = max_length(Person, "badge_key")
#: a light sanity check: something@something, no spaces
_EMAIL = re.compile(r"[^\s@]\S*@\S*[^\s@]")


def _staff_code(raw: str | None) -> tuple[str, str]:
    code = cells.text(raw, "Staff Code", _CODE_LEN, code=True)
    if code is None:
        raise RowRejected("Staff Code is blank")
    return code, cells.key(code, "Staff Code", _KEY_LEN, keys.staff_key)


def _parse(row: CsvRow, present: frozenset[str], base: Record) -> Record:
    """A copy of ``base`` with the Person columns this row sets (those whose CSV column is
    present): one dict per row, not the row's columns and then ``base`` merged with them."""
    values = row.values
    first = cells.text(values.get("first_name"), "Forename", _NAME_LEN)
    last = cells.text(values.get("last_name"), "Surname", _LAST_LEN)
    if first is None:
        raise RowRejected("Forename is blank")
    if last is None:
        raise RowRejected("Surname is blank")
    search = _search_name(first, last)
    if len(search) > _SEARCH_LEN:
        raise RowRejected(f"Forename and Surname together are too long (at most {_SEARCH_LEN})")
    out = {**base, "first_name": first, "last_name": last, "search_name": search}
    if "email" in present:
        email = cells.text(values.get("email"), "Email", _EMAIL_LEN)
        if email is not None and not _EMAIL.fullmatch(email):
            raise RowRejected(f"Email {shown(email)} does not look like an email address")
        out["email"] = email
    if "department" in present:
        out["department"] = cells.text(values.get("department"), "Department", _DEPT_LEN)
    if "badge" in present:
        badge = cells.text(values.get("badge"), "Badge", _BADGE_LEN, code=True)
        out["badge_code"] = badge
        out["badge_key"] = (
            None if badge is None else cells.key(badge, "Badge", _BADGE_KEY_LEN, keys.badge_key)
        )
    if "leaving_date" in present:
        out["leaving_date"] = cells.date(values.get("leaving_date"), "Leaving Date")
    return out


def _site(places: Places, row: CsvRow, old: Record | None, new: Record) -> None:
    """The row's school: its Site cell, else as it was (someone new: the desk's school).
    People may move school; only to and from schools the technician works at."""
    def what() -> str:
        return f"staff member {shown(new['staff_code'])}"

    if old is not None:
        places.may_write(old["site_id"], what)
    cell = row.values.get("site")
    if cell is not None and cell.strip():
        new["site_id"] = places.site(cell)
    elif old is None:
        new["site_id"] = places.default_site
    places.may_write(new["site_id"], what)


def _search_name(first: str, last: str) -> str:
    """:func:`keys.search_name`, without its per-character accent walk for plain ASCII names.

    ``first`` and ``last`` are trimmed, non-blank and free of control
    characters (:func:`cells.text`); for ASCII text the Unicode
    normalisations change nothing, there are no accents to strip and
    ``casefold`` is ``lower``, so the result is the same. The walk was the
    costliest step of a 20,000-row import's validation.
    """
    name = f"{first} {last}"
    if name.isascii():
        return name.lower()
    return keys.search_name(first, last)


def _status(old: Record | None, new: Record) -> str:
    """Status after an import with a Leaving Date column: left stays left, a date means leaving.

    A date already past still means ``leaving``, not ``left``: the person
    has not been through the leaver return here yet (and cannot borrow).
    """
    current: str = old["status"] if old else "active"
    if current == "left":
        return current
    if new["leaving_date"] is not None:
        return "leaving"
    if current == "leaving" and old is not None and old["leaving_date"] is not None:
        return "active"  # HR withdrew the leaving date this status came from
    return current
