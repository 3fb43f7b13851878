"""Bookings: today's and tomorrow's (what must be ready, where, and what is in the way),
mark ready, cancel or move one; make a booking (an asset, a kit or "12 phones") for a
member of staff by periods, times or whole days, once or weekly; export a calendar."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.booking_views import BookingRow
from app.services.site_scope import ListScope
from ui import theme
from ui.widgets.common import Form, button, card, label
from ui.widgets.person_search import Lookup, PersonSearch
from ui.widgets.school_scope import AllSchoolsBox, SchoolScoped
from ui.widgets.screen import Screen
from ui.widgets.table import Table

HEADERS = ["#", "When", "What", "For", "Where", "Status", "Warnings"]


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class BookingsView(SchoolScoped, Screen):
    book_clicked = Signal()
    ready_clicked = Signal(bool)
    cancel_clicked = Signal()
    move_clicked = Signal()
    export_clicked = Signal()
    person_chosen = Signal(str, str)  # staff code, name
    #: "All schools" ticked or cleared: list every school's bookings, or this desk's school's
    all_schools_toggled = Signal(bool)

    def __init__(self, lookup: Lookup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 10, 20, 10)
        top = QHBoxLayout()
        self.title = label("Bookings", "title", name="Bookings")
        top.addWidget(self.title, 1)
        self.all_schools = AllSchoolsBox("Show every school's bookings")
        self.all_schools.toggled.connect(self.all_schools_toggled)
        top.addWidget(self.all_schools)
        outer.addLayout(top)
        body = QHBoxLayout()
        outer.addLayout(body, 1)

        left = QVBoxLayout()
        self.days = QTabWidget()
        self.days.setAccessibleName("Which day")
        self._several = False  # an "All schools" view: each row names its school
        self.today = Table(HEADERS, "Today's bookings", "Nothing is booked for today.",
                           stretch=(1, 2, 3, 4, 6), school=True)
        self.tomorrow = Table(HEADERS, "Tomorrow's bookings", "Nothing is booked for tomorrow.",
                              stretch=(1, 2, 3, 4, 6), school=True)
        self.days.addTab(self.today, "Today")
        self.days.addTab(self.tomorrow, "Tomorrow")
        left.addWidget(self.days, 1)
        row = QHBoxLayout()
        self.ready = button("Mark ready", "Mark ready", primary=True)
        self.not_ready = button("Not ready", "Not ready after all")
        self.move_button = button("Move to the form's time", "Move to the form's time")
        self.cancel = button("Cancel booking", "Cancel booking", danger=True)
        for b in (self.ready, self.not_ready, self.move_button, self.cancel):
            row.addWidget(b)
        row.addStretch(1)
        left.addLayout(row)
        body.addLayout(left, 3)

        fbox, fl = card()
        fl.addWidget(label("New booking", "", name="New booking"))
        form = Form()
        self.item = QLineEdit()
        self.item.setAccessibleName("What to book")
        self.item.setPlaceholderText("tag, kit, 12 phones")
        self.first = QDateEdit()
        self.first.setAccessibleName("From date")
        self.last = QDateEdit()
        self.last.setAccessibleName("To date")
        for d in (self.first, self.last):
            d.setCalendarPopup(True)
            d.setDisplayFormat("d MMM yyyy")
        self.when = QLineEdit()
        self.when.setAccessibleName("Periods or times")
        self.when.setPlaceholderText("P3, P1-P3, 9:00-15:00")
        self.purpose = QLineEdit()
        self.purpose.setAccessibleName("Purpose")
        self.weekly = QCheckBox("Repeat weekly until")
        self.until = QDateEdit()
        self.until.setAccessibleName("Repeat until")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("d MMM yyyy")
        form.addRow("Book", self.item)
        form.addRow("From", self.first)
        form.addRow("To", self.last)
        form.addRow("Periods", self.when)
        form.addRow("Purpose", self.purpose)
        form.addRow(self.weekly)
        form.addRow("Until", self.until)
        fl.addLayout(form)
        fl.addWidget(label("Book a tag, a kit's tag or a number of a kind (12 phones); "
                           "periods or times (9:00-15:00), or none for whole days.", "hint"))
        self.person_label = label("For: scan their staff card or type their name", name="For")
        fl.addWidget(self.person_label)
        self.person_search = PersonSearch(lookup, name="Booking for")
        fl.addWidget(self.person_search)
        self.book = button("Book", "Book", primary=True)
        fl.addWidget(self.book)
        self.export = button("Export calendar (.ics)", "Export calendar")
        fl.addWidget(self.export)
        fl.addStretch(1)
        body.addWidget(fbox, 2)

        self._ids: dict[int, list[int]] = {0: [], 1: []}
        self.book.clicked.connect(self.book_clicked.emit)
        self.ready.clicked.connect(lambda: self.ready_clicked.emit(True))
        self.not_ready.clicked.connect(lambda: self.ready_clicked.emit(False))
        self.cancel.clicked.connect(self.cancel_clicked.emit)
        self.move_button.clicked.connect(self.move_clicked.emit)
        self.export.clicked.connect(self.export_clicked.emit)
        self.person_search.chosen.connect(self.person_chosen)

    # -- the lists -----------------------------------------------------------------------------
    def show_scope(self, scope: ListScope) -> None:
        """Whose bookings the lists show (the school their items are lent from): the desk's
        school's, or every school's."""
        self.all_schools.show_scope(scope)
        self.title.setText(scope.heading("Bookings"))
        self._several = scope.several

    def show_days(self, today: list[BookingRow], tomorrow: list[BookingRow]) -> None:
        for i, (table, rows) in enumerate(((self.today, today), (self.tomorrow, tomorrow))):
            self._ids[i] = [r.id for r in rows]
            table.set_rows(
                [[str(r.id), r.hours, r.what + (f" — {r.purpose}" if r.purpose else ""),
                  f"{r.name} ({r.staff_code})", "; ".join(r.where) or "—",
                  r.status.capitalize(), "; ".join(r.warnings)] for r in rows],
                [theme.ERROR if r.warnings else theme.OK if r.status == "ready" else None
                 for r in rows],
                schools=[(r.site, r.school or r.site) if r.site else None for r in rows]
                if self._several else None)
        self.days.setTabText(0, f"Today ({len(today)})")
        self.days.setTabText(1, f"Tomorrow ({len(tomorrow)})")

    def selected_booking(self) -> int | None:
        i = self.days.currentIndex()
        table = self.today if i == 0 else self.tomorrow
        row = table.currentRow()
        ids = self._ids[i]
        return ids[row] if 0 <= row < len(ids) else None

    def select_booking(self, booking_id: int) -> bool:
        for i, table in enumerate((self.today, self.tomorrow)):
            if booking_id in self._ids[i]:
                self.days.setCurrentIndex(i)
                table.selectRow(self._ids[i].index(booking_id))
                return True
        return False

    # -- the form ------------------------------------------------------------------------------
    def set_default_dates(self, today: dt.date) -> None:
        for d in (self.first, self.last):
            d.setDate(_qdate(today))
        self.until.setDate(_qdate(today + dt.timedelta(days=28)))

    def set_item(self, text: str) -> None:
        self.item.setText(text)

    def show_person(self, code: str | None, name: str | None) -> None:
        self.person_label.setText(f"For: {name} ({code})" if code
                                  else "For: scan their staff card or type their name")

    def form(self) -> tuple[str, dt.date, dt.date, str, str, dt.date | None]:
        """What to book, from, to, periods or times, purpose, repeat until (None: once)."""
        return (self.item.text().strip(), _pydate(self.first.date()), _pydate(self.last.date()),
                self.when.text().strip(), self.purpose.text().strip(),
                _pydate(self.until.date()) if self.weekly.isChecked() else None)

    def clear_form(self) -> None:
        for e in (self.item, self.when, self.purpose):
            e.clear()
        self.weekly.setChecked(False)
