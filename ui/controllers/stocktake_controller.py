"""The Stocktake screen's decisions: while it shows, every scan is the stocktake's.

With no stocktake open here, a scan (or typed code) names the place: its stocktake going on
is resumed, or a new one starts. With one open, each scan is recorded on the worker (one
statement, its audit and the commit) and the counts and lists follow at once: an expected
item moves to *found* here without reading the result again; anything else (unexpected,
unknown) re-reads the result. Confirm moves, mark lost, pause/resume and close run on the
worker too; closing archives the PDF report and opens it.
"""

from __future__ import annotations

import dataclasses
from datetime import tzinfo
from typing import TYPE_CHECKING

from app.keys import tag_key
from app.services import stocktake_results as results
from app.services import stocktakes
from app.services.documents.stocktake_reports import Closed, close_stocktake
from app.timetable import school_zone
from printing.wording import fmt_datetime
from ui.controllers.base import ScreenController
from ui.views.stocktake_view import StocktakeView

if TYPE_CHECKING:
    from app.services.cards import ScanInfo
    from app.uow import UnitOfWork
    from ui.controllers.desk import Desk


def item_cells(item: results.Item, zone: tzinfo | None = None
               ) -> tuple[str, str, str, str, str, str]:
    """A row of a tab; its time in ``zone`` (the school's, ``[timetable] timezone``)."""
    scanned = ""
    if item.scanned_at is not None:
        scanned = f"{fmt_datetime(item.scanned_at.isoformat(), zone)}, {item.scanned_by or ''}"
    return (item.tag, item.description, item.home, item.current, scanned, item.note)


def _listed(result: results.StocktakeResult, done: stocktakes.Scanned) -> bool:
    """Whether this desk's result already shows a scan the database says was made."""
    if done.asset_id is not None:
        return any(i.asset_id == done.asset_id for i in (*result.found, *result.unexpected))
    key = tag_key(done.code)
    return any(tag_key(i.tag) == key for i in result.unknown)


class StocktakeController(ScreenController):
    name = "stocktake"
    title = "Stocktake"

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk)
        self._view = StocktakeView()
        self.result: results.StocktakeResult | None = None
        self.desk_name = stocktakes.this_desk()
        v = self._view
        v.start_requested.connect(self.start)
        v.open_requested.connect(self.open)
        v.tab_changed.connect(lambda _name: self._show_rows())
        v.scan_typed.connect(self.scan)
        v.moves_clicked.connect(self.confirm_moves)
        v.lost_clicked.connect(self.mark_lost)
        v.pause_clicked.connect(self.pause_or_resume)
        v.close_clicked.connect(self.close)
        v.leave_clicked.connect(self.leave)

    @property
    def view(self) -> StocktakeView:
        return self._view

    # -- screen ----------------------------------------------------------------------------------
    def activated(self) -> None:
        if self.result is None:
            self.load_list()
        else:
            self.open(self.result.stocktake.id)

    def reload_shown(self) -> None:
        self.activated()  # other desks scan into the same stocktake

    def claims_scan(self, text: str) -> bool:
        """Every scan while this screen shows: into the open stocktake, or naming a place."""
        if self.result is not None and self.result.stocktake.status == "open":
            self.scan(text)
        elif self.result is None:
            self.start(text)
        else:
            self.desk.notify("warn", f"Stocktake #{self.result.stocktake.id} is "
                                     f"{self.result.stocktake.status}: {text} was not recorded.")
        return True

    def offer_scan(self, info: ScanInfo) -> bool:
        return True  # claims_scan took it before it was looked up

    def task(self) -> str | None:
        if self.result is not None and self.result.stocktake.status == "open":
            return f"stocktake #{self.result.stocktake.id}"
        return None

    def reset(self) -> None:
        self.result = None
        self._view.show_list([])

    # -- the list --------------------------------------------------------------------------------
    def load_list(self) -> None:
        def work(uow: UnitOfWork) -> list[tuple[int, str, str, int, str]]:
            rows = stocktakes.list_stocktakes(uow, limit=50)
            zone = school_zone(uow.settings.timetable)
            return [(s.id, s.place, s.status, s.scans,
                     fmt_datetime(s.started_at.isoformat(), zone)) for s in rows]

        self.desk.run(work, self._view.show_list, readonly=True)

    def start(self, code: str) -> None:
        self.desk.run(lambda uow: stocktakes.start_or_resume(uow, code),
                      lambda info: self._scanning(info.id))

    def _scanning(self, stocktake_id: int) -> None:
        """Open (again) for scans: a warning left from before ("… is paused: LT-3 was not
        recorded") is no longer true, so it goes."""
        self.desk.clear_message()
        self.open(stocktake_id)

    def open(self, stocktake_id: int) -> None:
        self.desk.run(lambda uow: results.stocktake_result(uow, stocktake_id), self.show,
                      readonly=True)

    def show(self, result: results.StocktakeResult) -> None:
        if self.result is None or self.result.stocktake.id != result.stocktake.id:
            self._view.show_last("")  # the last scan line was another stocktake's
        self.result = result
        st = result.stocktake
        self._view.show_stocktake(f"Stocktake #{st.id}: {st.place}", st.status, result.counts(),
                                  result.expected, result.movable, result.other_schools)
        self._show_rows()

    def _show_rows(self) -> None:
        if self.result is not None:
            items = self.result.section(self._view.current_tab())
            zone = school_zone(self.desk.ctx.settings.timetable)
            self._view.show_rows([item_cells(i, zone) for i in items])

    def leave(self) -> None:
        self.result = None
        self.load_list()

    # -- scanning --------------------------------------------------------------------------------
    def scan(self, text: str) -> None:
        result = self.result
        if result is None:
            return
        number, desk = result.stocktake.id, self.desk_name
        self.desk.run(lambda uow: stocktakes.scan(uow, number, text, desk=desk), self._scanned)

    def _scanned(self, done: stocktakes.Scanned) -> None:
        result = self.result
        if result is None:
            return
        if not done.new:
            self._view.show_last(f"{done.code}: already scanned")
            if not _listed(result, done):  # another desk scanned it first: show it here too
                self.open(result.stocktake.id)
            return
        self._view.show_last(f"{done.code}: recorded")
        self.desk.play_sound("ok")
        moved = self._found_here(result, done)
        if moved:
            self._view.show_counts(result.stocktake.status, result.counts(), result.expected)
            self._show_rows()
        else:  # unexpected or unknown: where it belongs is read with the result
            self.open(result.stocktake.id)

    def _found_here(self, result: results.StocktakeResult, done: stocktakes.Scanned) -> bool:
        """An expected item moves from missing (or on loan) to found, in place (no read)."""
        if done.asset_id is None or done.asset_id not in result.expected_ids:
            return False
        for name in ("missing", "on_loan"):
            items = result.section(name)
            for i, item in enumerate(items):
                if item.asset_id == done.asset_id:
                    del items[i]
                    by = f"{self.desk.actor.name if self.desk.actor else ''} at {self.desk_name}"
                    result.found.append(dataclasses.replace(
                        item, scanned_at=self.desk.ctx.db.clock(), scanned_by=by))
                    return True
        return False

    # -- acting on the result ----------------------------------------------------------------------
    def confirm_moves(self) -> None:
        if self.result is None:
            return
        number = self.result.stocktake.id

        def done(moves: results.Moves) -> None:
            n = len(moves.moved)
            text = f"{n} item{'s' if n != 1 else ''} recorded as here now" + (
                f": {', '.join(m.tag for m in moves.moved)}." if n else ".")
            if moves.kept:
                text += " Not moved: " + "; ".join(f"{t} {why}" for t, why in moves.kept) + "."
            self.desk.notify("warn" if moves.kept else "ok", text)
            self.open(number)

        self.desk.run(lambda uow: results.confirm_moves(uow, number), done)

    def mark_lost(self) -> None:
        if self.result is None or not self.result.missing:
            return
        number, n = self.result.stocktake.id, len(self.result.missing)

        def answer(choice: str, _typed: str) -> None:
            if choice != "lost":
                return

            def done(marked: results.MarkedLost) -> None:
                n = len(marked.lost)
                text = f"{n} item{'s' if n != 1 else ''} recorded as lost, an incident opened " \
                       "for each."
                if marked.kept:
                    text += " Left as they were: " + "; ".join(
                        f"{t} {why}" for t, why in marked.kept) + "."
                self.desk.notify("warn" if marked.kept else "ok", text)
                self.open(number)

            self.desk.run(lambda uow: results.mark_missing_lost(uow, number), done)

        self.desk.ask("Mark missing items as lost",
                      f"Record the {n} missing item{'s' if n != 1 else ''} of stocktake #{number} "
                      "as lost? Each gets a lost incident; one that turns up is booked back in "
                      "from its card.", [("lost", "Mark them lost"), ("cancel", "Cancel")],
                      answer, safe="cancel")

    def pause_or_resume(self) -> None:
        if self.result is None:
            return
        number, paused = self.result.stocktake.id, self.result.stocktake.status == "paused"
        action = stocktakes.resume_stocktake if paused else stocktakes.pause_stocktake
        self.desk.run(lambda uow: action(uow, number),
                      lambda _info: self._scanning(number) if paused else self.open(number))

    def close(self) -> None:
        if self.result is None or self.desk.actor is None:
            return
        number, ctx, actor = self.result.stocktake.id, self.desk.ctx, self.desk.actor

        def answer(choice: str, _typed: str) -> None:
            if choice != "close":
                return

            def done(closed: Closed) -> None:
                from ui.controllers.desk_documents import open_file

                path = closed.path
                self.desk.notify("ok", f"Stocktake #{number} closed; its report is archived at "
                                       f"{path}.")
                self.open(number)
                open_file(self.desk, path, f"Stocktake #{number}")

            self.desk.ops.run_plain(lambda: close_stocktake(ctx, actor, number), ok=done,
                                    err=lambda e: self.desk.notify("error", e.message))

        self.desk.ask("Close the stocktake",
                      f"Close stocktake #{number}? No more scans are taken; its PDF report is "
                      "made and archived, and it stays in the history.",
                      [("close", "Close it"), ("cancel", "Cancel")], answer, safe="cancel")
