"""Exporting a report from the desk: the same rows as ``loan-kiosk report``, saved as CSV
(through the command line's injection-safe writer) or as a printable PDF.

:func:`export_report` reads, renders and writes in one go, so the desk runs all of it on
its worker; the file appears whole or not at all (written beside, then moved into place).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.atomic_files import write_new_file
from app.errors import InvalidInput
from app.services import reports
from app.services.site_scope import desk_school_name
from app.uow import UnitOfWork
from printing.report_table import render_report
from printing.wording import fmt_date, fmt_datetime, kind_label

#: (name, what the desk calls it); "history" needs an asset tag or a staff code
REPORT_CHOICES = (
    ("on-loan", "On loan now"),
    ("overdue", "Overdue"),
    ("leavers", "Leavers holding equipment"),
    ("unencrypted", "Not verified as encrypted"),
    ("history", "History of an asset or a person"),
)
FORMATS = ("csv", "pdf")

_TITLES = dict(REPORT_CHOICES)
_HEADINGS = {
    "tag": "Asset tag", "kind": "Kind", "staff_code": "Staff code", "borrower": "Borrower",
    "out": "Out", "due": "Due", "overdue": "Overdue", "name": "Name",
    "leaving_date": "Leaving date", "tags": "Holding", "status": "Status",
    "encryption": "Encryption", "holder": "Holder", "out_by": "Lent by", "in": "Back",
    "in_by": "Taken back by", "condition": "Condition", "outcome": "Outcome", "note": "Note",
    "data": "Personal data",
}
#: how much of a PDF page's width each column gets
_WEIGHTS = {"borrower": 2.0, "name": 2.0, "note": 2.5, "tags": 2.5, "out": 1.5, "in": 1.5,
            "data": 1.2}
_DATETIMES = frozenset({"out", "in"})
_DATES = frozenset({"due", "leaving_date"})


@dataclass(frozen=True)
class ExportDone:
    """What was saved: where, how many rows, in words for the banner."""

    path: Path
    rows: int
    message: str


def _pdf_cell(field: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if field in _DATETIMES:
        return fmt_datetime(str(value))
    if field in _DATES:
        return fmt_date(str(value))
    if field == "kind":
        return kind_label(str(value))
    return str(value).replace("_", " ") if field in ("outcome", "status") else str(value)


def title_of(name: str, arg: str | None) -> str:
    if name == "history":
        return f"History of {(arg or '').strip()}"
    return _TITLES.get(name, name)


def default_file_name(name: str, arg: str | None, fmt: str, today: dt.date) -> str:
    """``on-loan-2026-12-06.csv``, ``history-LT-0001-2026-12-06.pdf``."""
    what = name if name != "history" else "history-" + "".join(
        c if c.isalnum() or c in "-_" else "-" for c in (arg or "").strip())
    return f"{what}-{today.isoformat()}.{fmt}"


def export_report(uow: UnitOfWork, name: str, arg: str | None, fmt: str, path: Path) -> ExportDone:
    """Run report ``name`` (``arg``: the tag or staff code of a history) and save it at
    ``path`` as ``fmt`` ("csv" or "pdf"), replacing a file the technician chose to replace."""
    if fmt not in FORMATS:
        raise InvalidInput(f"unknown format {fmt!r}: choose csv or pdf")
    rows = reports.run_report(uow, name, arg)
    fields = reports.FIELDS[name]
    title = title_of(name, arg)
    if fmt == "csv":
        # as `loan-kiosk report --format csv --out`: a BOM so Excel reads UTF-8
        data = reports.to_csv(rows, fields).encode("utf-8-sig")
    else:
        school = uow.settings.school
        logo = Path(school.logo) if school.logo else None
        made = fmt_datetime(uow.now.isoformat())
        n = len(rows)
        data = render_report(
            title, [_HEADINGS.get(f, f) for f in fields],
            [[_pdf_cell(f, row.get(f)) for f in fields] for row in rows],
            school=desk_school_name(uow), made=made, logo=logo,
            summary=f"{n} row{'s' if n != 1 else ''}, made {made} by {uow.actor.name}.",
            weights=[_WEIGHTS.get(f, 1.0) for f in fields], size=uow.settings.printing.page_size)
    try:
        saved = write_new_file(path, data, mode=0o600, overwrite=True)
    except OSError as exc:
        raise InvalidInput(f"Cannot save the report as {path} ({exc.strerror or exc}): "
                           "choose another folder or name") from exc
    n = len(rows)
    return ExportDone(saved, n, f"{title}: {n} row{'s' if n != 1 else ''} saved to {saved}")
