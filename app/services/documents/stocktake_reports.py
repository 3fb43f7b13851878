"""Closing a stocktake: its PDF report, archived in ``<data dir>/documents/stocktakes/<year>/``.

The result is read in one unit of work and rendered outside any transaction; the file is
written atomically and never overwritten, and the stocktake is closed with the file's path
and SHA-256 in a second unit of work, which refuses if another desk closed it meanwhile.
A closed stocktake stays in history: its result can still be read, its report re-exported.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from app.atomic_files import write_new_file
from app.bootstrap import AppContext
from app.errors import InvalidInput, Refused
from app.services.documents.archive import intact, logo_path
from app.services.stocktake_results import SECTION_TITLES, Item, StocktakeResult, stocktake_result
from app.services.stocktakes import StocktakeInfo, get_stocktake, info
from app.timetable import school_zone
from app.uow import Actor
from printing.stocktake_report import Section, render_stocktake_report
from printing.wording import fmt_datetime

_HEADINGS = {
    "found": ("Tag", "Item", "Belongs in", "Scanned by", "Note"),
    "missing": ("Tag", "Item", "Home", "Last put in", "Status"),
    "unexpected": ("Tag", "Item", "Scanned by", "Where it belongs"),
    "on_loan": ("Tag", "Item", "Home", "Lent"),
    "unknown": ("Code as scanned", "Scanned by", "When"),
}
_WEIGHTS = {
    "found": (1.0, 1.7, 1.0, 2.0, 1.3), "missing": (1.0, 1.7, 1.0, 1.0, 1.0),
    "unexpected": (1.0, 1.7, 2.0, 2.0), "on_loan": (1.0, 1.7, 1.0, 2.5),
    "unknown": (1.5, 1.5, 1.5),
}
#: what needs acting on first: the found list, the longest, last
_REPORT_ORDER = ("missing", "unexpected", "on_loan", "unknown", "found")
_EMPTY = {"found": "Nothing was scanned.", "missing": "Nothing is missing.",
          "unexpected": "Nothing out of place.", "on_loan": "Nothing expected here is on loan.",
          "unknown": "Every code matched an asset."}


def _cells(name: str, item: Item, zone: tzinfo | None) -> list[str]:
    when = fmt_datetime(item.scanned_at.isoformat(), zone) if item.scanned_at else ""
    by = f"{item.scanned_by}, {when}" if item.scanned_by else ""
    if name == "found":
        return [item.tag, item.description, item.home, by, item.note]
    if name == "missing":
        return [item.tag, item.description, item.home, item.current, item.status.replace("_", " ")]
    if name == "unexpected":
        return [item.tag, item.description, by, item.note]
    if name == "on_loan":
        return [item.tag, item.description, item.home, item.note]
    return [item.tag, item.scanned_by or "", when]


def report_sections(result: StocktakeResult, zone: tzinfo | None = None) -> list[Section]:
    """The report's tables, from a stocktake's result (the desk's tabs show the same); times
    in ``zone`` (the school's: :func:`app.timetable.school_zone`)."""
    return [Section(SECTION_TITLES[name], _HEADINGS[name],
                    [_cells(name, item, zone) for item in result.section(name)], _EMPTY[name],
                    _WEIGHTS[name])
            for name in _REPORT_ORDER]


def render_result_pdf(app_ctx: AppContext, result: StocktakeResult, made: str) -> bytes:
    st = result.stocktake
    counts = result.counts()
    zone = school_zone(app_ctx.settings.timetable)  # the school's clock, not UTC
    summary = [
        f"Stocktake #{st.id} of {st.place}, started "
        f"{fmt_datetime(st.started_at.isoformat(), zone)} "
        f"by {st.started_by}.",
        f"Expected here: {result.expected}. Found {counts['found']}, missing "
        f"{counts['missing']}, on loan {counts['on_loan']}; unexpected {counts['unexpected']}, "
        f"unknown codes {counts['unknown']}.",
    ]
    try:
        return render_stocktake_report(
            f"Stocktake #{st.id}: {st.location_code or st.site_code}", summary,
            report_sections(result, zone), school=st.site_name, made=made,  # the school it is of
            logo=logo_path(app_ctx), size=app_ctx.settings.printing.page_size)
    except ValueError as exc:  # a setting the printing code cannot use (a page size…)
        raise InvalidInput(f"cannot make the PDF of stocktake #{st.id}: {exc}") from exc


@dataclass(frozen=True)
class Closed:
    stocktake: StocktakeInfo
    #: the archived report
    path: Path


def close_stocktake(app_ctx: AppContext, actor: Actor, stocktake_id: int | str) -> Closed:
    """Close a stocktake (open or paused) and archive its PDF report; audited."""
    data_dir = app_ctx.paths.data_dir
    with app_ctx.uow(actor, readonly=True) as uow:
        stocktake = get_stocktake(uow, stocktake_id)
        if stocktake.status == "closed":
            raise Refused(f"stocktake #{stocktake.id} is already closed")
        result = stocktake_result(uow, stocktake.id)
        now = uow.now
    made = fmt_datetime(now.isoformat(), school_zone(app_ctx.settings.timetable))
    pdf = render_result_pdf(app_ctx, result, made)
    sha = hashlib.sha256(pdf).hexdigest()
    number = result.stocktake.id
    target = app_ctx.paths.documents_dir / "stocktakes" / str(now.year) / f"stocktake-{number}.pdf"
    written = target if intact(target, sha) else write_new_file(target, pdf, pick_new_name=True)
    relative = written.relative_to(data_dir).as_posix()
    with app_ctx.uow(actor) as uow:
        stocktake = get_stocktake(uow, number, for_update=True)
        if stocktake.status == "closed":
            raise Refused(f"stocktake #{number} was closed meanwhile (by {stocktake.closed_by})")
        stocktake.status = "closed"
        stocktake.closed_at = uow.now
        stocktake.closed_by = actor.name
        stocktake.file = relative
        stocktake.file_sha256 = sha
        uow.audit("stocktake_closed", stocktake, file=relative, sha256=sha,
                  **result.counts())
        done = info(uow, stocktake)
        uow.commit()
    return Closed(done, written)


def report_pdf_path(app_ctx: AppContext, actor: Actor, stocktake_id: int | str) -> Path:
    """A closed stocktake's archived report (refused if it is not closed, or was altered)."""
    with app_ctx.uow(actor, readonly=True) as uow:
        stocktake = get_stocktake(uow, stocktake_id)
        if stocktake.status != "closed" or not stocktake.file:
            raise Refused(f"stocktake #{stocktake.id} is {stocktake.status}: its report is made "
                          "when it is closed")
        path = app_ctx.paths.data_dir / stocktake.file
        if not intact(path, stocktake.file_sha256):
            raise Refused(f"the archived report of stocktake #{stocktake.id} ({path}) is missing "
                          "or was changed (run 'loan-kiosk audit verify')")
    return path
