"""Trip phones: create or pick a trip, scan phones onto the trip's phone list, leader signs
once, sheet printed; scan phones back and see which are still out."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.config import SignatureSettings
from app.services.site_scope import ListScope
from app.services.trip_views import TripDetail, TripRow
from ui import theme
from ui.widgets.common import Form, button, card, fmt_range, fmt_when, label, text_list
from ui.widgets.person_search import Lookup, PersonSearch
from ui.widgets.school_scope import AllSchoolsBox, SchoolScoped
from ui.widgets.screen import Screen
from ui.widgets.signature_step import SignatureStep, SigningView
from ui.widgets.table import Table

PAGES = ("list", "phones", "sign")


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class TripsView(SchoolScoped, SigningView, Screen):
    create_clicked = Signal()
    trip_opened = Signal(str)
    sign_clicked = Signal()
    remove_clicked = Signal(int)
    back_clicked = Signal()
    print_clicked = Signal()
    leader_chosen = Signal(str, str)  # staff code, name
    #: "All schools" ticked or cleared: list every school's trips, or this desk's school's
    all_schools_toggled = Signal(bool)

    def __init__(self, lookup: Lookup, signature: SignatureSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 10, 20, 10)
        self.title = label("Trips", "title", name="Trips")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        self.all_schools = AllSchoolsBox("Show every school's trips")
        self.all_schools.toggled.connect(self.all_schools_toggled)
        top.addWidget(self.all_schools)
        outer.addLayout(top)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)

        lst = QWidget()
        ll = QHBoxLayout(lst)
        ll.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(label("Trips (double-click to open)", "hint"))
        self._heading = "Trips"
        self.trips = Table(["Trip", "Destination", "Dates", "Leader", "Out", "Back"], "Trips",
                           "No trips yet: create one on the right.", stretch=(0, 1, 3),
                           school=True)
        self._several = False  # an "All schools" view: each row names its school
        self.trips.cellDoubleClicked.connect(self._open_row)
        self.trips.cellActivated.connect(self._open_row)
        left.addWidget(self.trips, 1)
        ll.addLayout(left, 2)  # the list has six columns; the form needs less
        fbox, fl = card()
        fl.addWidget(label("New trip", "", name="New trip"))
        form = Form()
        self.name = QLineEdit()
        self.name.setAccessibleName("Trip name")
        self.destination = QLineEdit()
        self.destination.setAccessibleName("Destination")
        self.start = QDateEdit()
        self.start.setAccessibleName("Start date")
        self.start.setCalendarPopup(True)
        self.end = QDateEdit()
        self.end.setAccessibleName("End date")
        self.end.setCalendarPopup(True)
        for d in (self.start, self.end):
            d.setDisplayFormat("ddd d MMM yyyy")
        form.addRow("Name", self.name)
        form.addRow("Destination", self.destination)
        form.addRow("Starts", self.start)
        form.addRow("Ends", self.end)
        fl.addLayout(form)
        self.leader_label = label("Leader: scan their staff card or type their name", name="Leader")
        fl.addWidget(self.leader_label)
        self.leader_search = PersonSearch(lookup, name="Trip leader search")
        fl.addWidget(self.leader_search)
        self.create_button = button("Create trip", "Create trip", primary=True)
        fl.addWidget(self.create_button)
        fl.addStretch(1)
        ll.addWidget(fbox, 1)
        self.pages.addWidget(lst)

        phones = QWidget()
        kl = QHBoxLayout(phones)
        kl.setContentsMargins(0, 0, 0, 0)
        kleft = QVBoxLayout()
        self.trip_facts = label("", name="Trip")
        self.trip_facts.setStyleSheet("font-size: 15pt; font-weight: 700;")
        kleft.addWidget(self.trip_facts)
        kleft.addWidget(label("Scan phones one after another to add them to the trip's phone list.", "hint"))
        self.phones = text_list("Phones for this trip")
        self.phones.setStyleSheet("font-size: 16pt;")
        kleft.addWidget(self.phones, 1)
        krow = QHBoxLayout()
        self.remove = button("Remove selected phone", "Remove selected phone")
        self.sign = button("Leader signs for the phones", "Leader signs for the phones", primary=True)
        self.back = button("All trips", "All trips")
        krow.addWidget(self.back)
        krow.addWidget(self.remove)
        krow.addStretch(1)
        krow.addWidget(self.sign)
        kleft.addLayout(krow)
        kl.addLayout(kleft, 3)
        sbox, sl = card()
        self.status_title = label("Phones on this trip", "", name="Trip phones heading")
        sl.addWidget(self.status_title)
        self.status = Table(["Tag", "Phone", "Number", "Status"], "Trip phones",
                            "No phones lent for this trip yet.", stretch=1)
        sl.addWidget(self.status, 1)
        self.print = button("Print trip phone sheet", "Print trip phone sheet")
        sl.addWidget(self.print)
        kl.addWidget(sbox, 3)
        self.pages.addWidget(phones)

        sign = QWidget()
        sg = QVBoxLayout(sign)
        sg.setContentsMargins(0, 0, 0, 0)
        self.signature = SignatureStep(signature)
        sg.addWidget(self.signature, 1)
        self.sign_back = button("Back to the phone list", "Back to the phone list")
        sg.addWidget(self.sign_back, 0, Qt.AlignmentFlag.AlignLeft)
        self.pages.addWidget(sign)

        self.create_button.clicked.connect(self.create_clicked.emit)
        self.leader_search.chosen.connect(self.leader_chosen)
        self.sign.clicked.connect(self.sign_clicked.emit)
        self.remove.clicked.connect(lambda: self.remove_clicked.emit(self.phones.currentRow()))
        self.back.clicked.connect(self.back_clicked.emit)
        self.sign_back.clicked.connect(self.back_clicked.emit)
        self.print.clicked.connect(self.print_clicked.emit)
        self._names: list[str] = []

    @property
    def page(self) -> str:
        return PAGES[self.pages.currentIndex()]

    def show_page(self, page: str) -> None:
        self.pages.setCurrentIndex(PAGES.index(page))
        self.all_schools.list_showing(page == "list")

    def set_default_dates(self, today: dt.date) -> None:
        self.start.setDate(_qdate(today))
        self.end.setDate(_qdate(today + dt.timedelta(days=1)))

    def dates(self) -> tuple[dt.date, dt.date]:
        return _pydate(self.start.date()), _pydate(self.end.date())

    def new_trip(self) -> tuple[str, str]:
        """The new-trip form's name and destination, as typed."""
        return self.name.text().strip(), self.destination.text().strip()

    def clear_new_trip(self) -> None:
        self.name.clear()
        self.destination.clear()

    def show_list_title(self) -> None:
        self.title.setText(self._heading)

    def show_scope(self, scope: ListScope) -> None:
        """Whose trips the list shows (its leader's school): the desk's school's, or every
        school's."""
        self.all_schools.show_scope(scope)
        self._heading = scope.heading("Trips")
        self._several = scope.several
        if self.page == "list":
            self.title.setText(self._heading)

    def show_trips(self, rows: list[TripRow]) -> None:
        self._names = [r.name for r in rows]
        self.trips.set_rows([[r.name, r.destination, fmt_range(r.start, r.end),
                              r.leader, str(r.out), str(r.back)] for r in rows],
                            schools=[r.school for r in rows] if self._several else None)

    def _open_row(self, row: int, _c: int) -> None:
        if 0 <= row < len(self._names):
            self.trip_opened.emit(self._names[row])

    def show_leader(self, code: str | None, name: str | None) -> None:
        if code:
            self.leader_label.setText(f"Leader: {name} ({code})")
        else:
            self.leader_label.setText("Leader: scan their staff card or type their name")

    def show_detail(self, d: TripDetail) -> None:
        t = d.trip
        self.title.setText(f"Trip: {t.name}")
        self.trip_facts.setText(f"{t.destination or 'No destination'} · {fmt_range(t.start, t.end)} · "
                                f"Leader {t.leader} ({t.leader_code})")
        out = sum(1 for p in d.phones if p.out)
        self.status_title.setText(f"Phones on this trip: {out} still out, "
                                  f"{len(d.phones) - out} back")
        self.status.set_rows([[p.tag, p.model, p.phone_number,
                               "STILL OUT" if p.out else f"back {fmt_when(p.returned_at)}"]
                              for p in d.phones],
                             [theme.ERROR if p.out else theme.OK for p in d.phones])
        self.print.setEnabled(out > 0)

    def show_phones(self, tags: list[tuple[str, str]]) -> None:
        self.phones.clear()
        for i, (tag, model) in enumerate(tags, 1):
            self.phones.addItem(f"{i}. {tag} — {model}")
        if not tags:
            self.phones.addItem("No phones scanned yet.")
        self.sign.setEnabled(bool(tags))
        self.remove.setEnabled(bool(tags))
