"""Bookings at the desk: the day's lists (no-shows let go first), make, move, cancel, mark
ready, and the calendar export. Every change is a service call on the worker."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from app.services import booking_changes as changes
from app.services.booking_views import BookingRow, chosen_bookings, day_bookings, ics_bytes
from app.services.bookings import Slot, book, school_timetable
from app.services.cards import ScanInfo
from app.services.site_scope import ListScope, desk_school_name, list_scope
from app.timetable import form_times
from app.uow import UnitOfWork
from ui.controllers.base import ScreenController
from ui.views.bookings_view import BookingsView

if TYPE_CHECKING:
    from ui.controllers.desk import Desk


Lists = tuple[list[BookingRow], list[BookingRow], ListScope]


def _lists(uow: UnitOfWork, site: str | None = None) -> Lists:
    """Today's and tomorrow's bookings of the desk's school (``site``: ALL, every school's)."""
    today = school_timetable(uow).local(uow.now).date()
    return (day_bookings(uow, today, site=site),
            day_bookings(uow, today + dt.timedelta(days=1), site=site), list_scope(uow, site))


class BookingsController(ScreenController):
    name = "bookings"
    title = "Bookings"

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk)
        self._view = BookingsView(desk.people_lookup)
        self.person: tuple[str, str] | None = None
        v = self._view
        v.person_chosen.connect(self._set_person)
        v.book_clicked.connect(self.make)
        v.ready_clicked.connect(self.mark_ready)
        v.cancel_clicked.connect(self.cancel)
        v.move_clicked.connect(self.move)
        v.export_clicked.connect(self.ask_export)
        v.all_schools_toggled.connect(lambda _on: self.refresh())

    @property
    def view(self) -> BookingsView:
        return self._view

    def activated(self) -> None:
        from app.timetable import timetable

        # the school's day (``[timetable] timezone``), as the lists and the CLI take it
        today = timetable(self.desk.ctx.settings.timetable).local(self.desk.ctx.db.clock()).date()
        self._view.set_default_dates(today)
        self.refresh()

    def reload_shown(self) -> None:
        self.refresh()

    def reset(self) -> None:
        self.person = None
        self._view.show_person(None, None)
        self._view.clear_form()

    def refresh(self, then_select: int | None = None) -> None:
        """Let no-shows go (a write, audited), then show today's and tomorrow's."""
        site = self._view.school_choice()  # None: the desk's school's bookings

        def shown(lists: Lists) -> None:
            self._view.show_scope(lists[2])
            self._view.show_days(lists[0], lists[1])
            if then_select is not None:
                self._view.select_booking(then_select)

        self.desk.run(changes.release_no_shows, lambda _released: self.desk.run(
            lambda uow: _lists(uow, site), shown, readonly=True))

    def _set_person(self, code: str, name: str) -> None:
        self.person = (code, name)
        self._view.show_person(code, name)

    def offer_scan(self, info: ScanInfo) -> bool:
        if info.type == "asset" and info.asset is not None:
            self._view.set_item(info.asset.tag)
            return True
        if info.type == "person" and info.person is not None:
            self._set_person(info.person.staff_code, info.person.name)
            return True
        return False

    # -- making and changing -----------------------------------------------------------------
    def _slots(self, uow: UnitOfWork) -> list[Slot]:
        _item, first, last, when, _purpose, until = self._view.form()
        return [Slot(a, b) for a, b in form_times(school_timetable(uow), first, last, when,
                                                     until)]

    def make(self) -> None:
        item, _first, _last, _when, purpose, _until = self._view.form()
        if not item:
            self.desk.notify("error", "Scan or type what to book: a tag, a kit or e.g. 12 phones.")
            return
        if self.person is None:
            self.desk.notify("error", "Choose who it is for: scan their staff card or type "
                                      "their name.")
            return
        code = self.person[0]

        def work(uow: UnitOfWork) -> list[int]:
            return [b.id for b in book(uow, item, code, self._slots(uow), purpose=purpose)]

        def done(ids: list[int]) -> None:
            many = f"{len(ids)} bookings ({ids[0]}–{ids[-1]})" if len(ids) > 1 \
                else f"booking {ids[0]}"
            self.desk.notify("ok", f"Booked {item} for {self.person[1] if self.person else code}: "
                                   f"{many}.")
            self.reset()
            self.refresh(then_select=ids[0])

        self.desk.run(work, done)

    def _chosen(self) -> int | None:
        booking_id = self._view.selected_booking()
        if booking_id is None:
            self.desk.notify("error", "Choose a booking in the list first.")
        return booking_id

    def mark_ready(self, ready: bool) -> None:
        booking_id = self._chosen()
        if booking_id is None:
            return

        def done(_b: object) -> None:
            self.desk.notify("ok", f"Booking {booking_id} is "
                                   f"{'ready' if ready else 'no longer marked ready'}.")
            self.refresh(then_select=booking_id)

        self.desk.run(lambda uow: changes.mark_ready(uow, booking_id, ready=ready), done)

    def cancel(self) -> None:
        booking_id = self._chosen()
        if booking_id is None:
            return

        def answered(answer: str, reason: str) -> None:
            if answer == "cancel":
                return
            series = answer == "series"

            def work(uow: UnitOfWork) -> int:
                return len(changes.cancel_booking(uow, booking_id, series=series,
                                                  reason=reason or None))

            def done(gone: int) -> None:
                self.desk.notify("ok", f"Cancelled {gone} booking(s).")
                self.refresh()

            self.desk.run(work, done)

        self.desk.ask("Cancel booking", f"Cancel booking {booking_id}? Say why (optional).",
                      [("one", "Cancel this booking"), ("series", "And the later weekly ones"),
                       ("cancel", "Keep it")], answered, field="Reason", safe="cancel")

    def move(self) -> None:
        booking_id = self._chosen()
        if booking_id is None:
            return

        def work(uow: UnitOfWork) -> int:
            slot = self._slots(uow)[0]
            return changes.change_booking(uow, booking_id, slot).id

        def done(moved: int) -> None:
            self.desk.notify("ok", f"Booking {moved} moved to the form's time.")
            self.refresh(then_select=moved)

        self.desk.run(work, done)

    # -- calendar --------------------------------------------------------------------------------
    def ask_export(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self._view, "Export bookings", "bookings.ics",
                                              "Calendar (*.ics)")
        if path:
            self.export(Path(path), person=self.person[0] if self.person else None)

    def export(self, path: Path, *, person: str | None = None) -> None:
        """Write the coming bookings (one person's when chosen) to ``path`` on the worker."""
        site = self._view.school_choice()  # the school's whole calendar, as the lists

        def work(uow: UnitOfWork) -> int:
            rows = chosen_bookings(uow, person=person, since=uow.now - dt.timedelta(days=1),
                                   site=site)
            from app.atomic_files import write_new_file

            name = f"{desk_school_name(uow)} bookings" + (f": {person}" if person else "")
            write_new_file(path, ics_bytes(rows, name=name), mode=0o644, overwrite=True)
            return len(rows)

        self.desk.run(work,
                      lambda n: self.desk.notify("ok", f"{n} booking(s) written to {path}."),
                      readonly=True)
