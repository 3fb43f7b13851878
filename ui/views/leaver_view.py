"""Leaver return: pick the leaver, tick off what comes back, note what does not, sign, PIN, receipt."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QStackedWidget,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.config import SignatureSettings
from app.services.cards import PersonSummary
from app.services.site_scope import ListScope
from ui import theme
from ui.widgets.common import Form, button, card, fmt_date, label
from ui.widgets.person_search import Lookup, PersonSearch
from ui.widgets.school_scope import AllSchoolsBox, SchoolScoped
from ui.widgets.screen import Screen
from ui.widgets.signature_step import SignatureStep, SigningView
from ui.widgets.table import Table

#: a row of the leaving-soon list: name, staff code, leaving, items held, school (code, name)
SoonRow = tuple[str, str, str, int, "tuple[str, str] | None"]

PAGES = ("pick", "items", "sign", "pin", "done")
#: how personal data on an item lent "with personal data" was dealt with
DATA_CHOICES = (("", "— say how —"), ("removed", "Removed by them"), ("wiped", "Wiped by IT"),
                ("kept", "Kept for a handover"))


class LeaverView(SchoolScoped, SigningView, Screen):
    leaver_picked = Signal(str)
    #: "All schools" ticked or cleared: list every school's leavers, or this desk's school's
    all_schools_toggled = Signal(bool)
    continue_clicked = Signal()
    back_clicked = Signal()
    finish_clicked = Signal()
    print_clicked = Signal()
    open_clicked = Signal()

    def __init__(self, lookup: Lookup, signature: SignatureSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 10, 20, 10)
        self.title = label("Leaver return", "title", name="Leaver return")
        outer.addWidget(self.title)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)

        pick = QWidget()
        pl = QVBoxLayout(pick)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(label("Scan the leaver's staff card, find them by name, or pick from the list "
                           "(leaving in the next 30 days, or marked leaving). Double-click to open.",
                           "hint"))
        self.search = PersonSearch(lookup, name="Find the leaver")
        pl.addWidget(self.search)
        soon_row = QHBoxLayout()
        self.soon_heading = label("Leaving soon", "", name="Leaving soon heading")
        soon_row.addWidget(self.soon_heading, 1)
        self.all_schools = AllSchoolsBox("Show every school's leavers")
        self.all_schools.toggled.connect(self.all_schools_toggled)
        soon_row.addWidget(self.all_schools)
        pl.addLayout(soon_row)
        self._several = False  # an "All schools" view: each row names its school
        self.soon = Table(["Name", "Staff code", "Leaving", "Items held"], "Leaving soon",
                          "Nobody is leaving in the next 30 days.", stretch=0, school=True)
        self.soon.cellActivated.connect(self._pick_row)
        self.soon.cellDoubleClicked.connect(self._pick_row)
        pl.addWidget(self.soon, 1)
        self.pages.addWidget(pick)

        items = QWidget()
        il = QVBoxLayout(items)
        il.setContentsMargins(0, 0, 0, 0)
        pbox, pbl = card()
        self.person = label("", name="Leaver")
        self.person.setStyleSheet("font-size: 16pt; font-weight: 700;")
        pbl.addWidget(self.person)
        self.progress = label("", name="Returned so far")
        pbl.addWidget(self.progress)
        il.addWidget(pbox)
        il.addWidget(label("Scan each item handed back: it ticks off. Nothing is recorded until the "
                           "leaver signs. For anything not handed back, say why in its note; for "
                           "an item lent with personal data, say how the data was dealt with.",
                           "hint"))
        self.items = QTableWidget(0, 5)
        self.items.setHorizontalHeaderLabels(["Handed back", "Tag", "Item", "Personal data",
                                              "Note (needed if not handed back)"])
        self.items.setAccessibleName("Items held by the leaver")
        self.items.verticalHeader().setVisible(False)
        self.items.verticalHeader().setDefaultSectionSize(46)
        self.items.verticalHeader().setMinimumSectionSize(46)
        # a long item name wraps (the row grows) rather than squeezing out the note
        self.items.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.items.setWordWrap(True)
        self.items.setTextElideMode(Qt.TextElideMode.ElideNone)
        # a checklist, not a list to pick from: no selected-cell colour beside the boxes
        self.items.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        # box and tag as wide as their text, item and note share the rest (sizing every column
        # to its contents after filling undid the stretch: at 1920 wide the table ended mid-screen)
        header = self.items.horizontalHeader()
        for col in (0, 1, 3):  # box, tag, personal data: as wide as they need
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        il.addWidget(self.items, 1)
        self.empty = label("Holds nothing: they can sign for a clean return.", "hint")
        il.addWidget(self.empty)
        row = QHBoxLayout()
        self.back = button("Back", "Back")
        self.cont = button("Continue to signature", "Continue to signature", primary=True)
        row.addWidget(self.back)
        row.addStretch(1)
        row.addWidget(self.cont)
        il.addLayout(row)
        self.pages.addWidget(items)

        sign = QWidget()
        sl = QVBoxLayout(sign)
        sl.setContentsMargins(0, 0, 0, 0)
        self.signature = SignatureStep(signature)
        sl.addWidget(self.signature, 1)
        self.sign_back = button("Back to the items", "Back to the items")
        sl.addWidget(self.sign_back, 0, Qt.AlignmentFlag.AlignLeft)
        self.pages.addWidget(sign)

        pin = QWidget()
        pn = QVBoxLayout(pin)
        pn.addStretch(1)
        pbox2, pl2 = card()
        pbox2.setFixedWidth(600)
        pl2.addWidget(label("Technician: confirm the return", "", name="Confirm the return"))
        self.pin_text = label("", name="Confirm with PIN")
        self.pin_text.setStyleSheet("font-weight: 400;")
        pl2.addWidget(self.pin_text)
        pin_form = Form()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName("Your PIN")
        self.pin.setPlaceholderText("The PIN you sign in with")
        self.pin.setProperty("ownsEnter", True)
        pin_form.addRow("Your PIN", self.pin)
        pl2.addLayout(pin_form)
        prow = QHBoxLayout()
        self.pin_back = button("Back to the items", "Back to the items")
        self.finish = button("Confirm and make the receipt", "Confirm and make the receipt",
                             primary=True)
        prow.addWidget(self.pin_back)
        prow.addStretch(1)
        prow.addWidget(self.finish)
        pl2.addLayout(prow)
        centred = QHBoxLayout()  # not an alignment flag: that lost the label's last line
        centred.addStretch(1)
        centred.addWidget(pbox2)
        centred.addStretch(1)
        pn.addLayout(centred)
        pn.addStretch(2)
        self.pages.addWidget(pin)

        done = QWidget()
        dl = QVBoxLayout(done)
        self.done_text = label("", "title", name="Leaver receipt")
        self.done_text.setStyleSheet(f"color: {theme.OK};")
        dl.addWidget(self.done_text)
        self.receipt_items = Table(["Tag", "Item", "Outcome", "Note"], "Receipt items",
                                   "No items: a clean return.", stretch=(1, 3))
        dl.addWidget(self.receipt_items, 1)
        self.print_status = label("", name="Printing")
        dl.addWidget(self.print_status)
        drow = QHBoxLayout()
        self.print = button("Print again", "Print the receipt again")
        self.open = button("Open PDF", "Open the receipt PDF")
        drow.addWidget(self.print)
        drow.addWidget(self.open)
        drow.addStretch(1)
        dl.addLayout(drow)
        self.pages.addWidget(done)

        self.cont.clicked.connect(self.continue_clicked.emit)
        self.back.clicked.connect(self.back_clicked.emit)
        self.sign_back.clicked.connect(self.back_clicked.emit)
        self.pin_back.clicked.connect(self.back_clicked.emit)
        self.finish.clicked.connect(self.finish_clicked.emit)
        self.pin.returnPressed.connect(self.finish_clicked.emit)
        self.print.clicked.connect(self.print_clicked.emit)
        self.open.clicked.connect(self.open_clicked.emit)
        self.search.chosen.connect(lambda code, _n: self.leaver_picked.emit(code))
        self._soon_codes: list[str] = []

    @property
    def page(self) -> str:
        return PAGES[self.pages.currentIndex()]

    def show_page(self, page: str) -> None:
        self.pages.setCurrentIndex(PAGES.index(page))

    def ask_pin(self, name: str, copies: int) -> None:
        """The PIN page: what confirming does, for this leaver."""
        printed = {0: "saved", 1: "printed"}.get(copies, f"printed ({copies} copies)")
        self.pin_text.setText(f"Type your PIN to finish {name}'s return: the signed receipt is then "
                              f"made and {printed}, and {name} is recorded as left.")
        self.pin.clear()
        self.show_page("pin")
        self.pin.setFocus()

    def typed_pin(self) -> str:
        return self.pin.text()

    def clear_pin(self) -> None:
        self.pin.clear()

    def ask_pin_again(self) -> None:
        """The PIN was refused: an empty PIN field, ready to type in."""
        self.pin.clear()
        self.pin.setFocus()

    def clear_search(self) -> None:
        self.search.clear()

    def progress_text(self) -> str:
        """How far the return is, in words ("2 of 3 returned")."""
        return self.progress.text()

    def show_done(self, text: str, items: list[dict[str, Any]]) -> None:
        """The receipt made: what it says, and each item's outcome."""
        self.done_text.setText(text)
        self.receipt_items.set_rows([[str(i.get("tag")),
                                      " ".join(str(x) for x in (i.get("make"), i.get("model")) if x),
                                      str(i.get("outcome", "")).replace("_", " "),
                                      str(i.get("note") or "")] for i in items])
        self.show_page("done")

    def show_print_status(self, text: str) -> None:
        self.print_status.setText(text)

    def show_scope(self, scope: ListScope) -> None:
        """Whose leavers the list shows: the desk's school's, or every school's."""
        self.all_schools.show_scope(scope)
        self.soon_heading.setText(scope.heading("Leaving soon"))
        self._several = scope.several

    def show_soon(self, rows: list[SoonRow]) -> None:
        """Name, staff code, leaving, items held, and the person's school (code, name)."""
        self._soon_codes = [r[1] for r in rows]
        self.soon.set_rows([[name, code, when, str(n)] for name, code, when, n, _s in rows],
                           schools=[r[4] for r in rows] if self._several else None)

    def _pick_row(self, row: int, _c: int) -> None:
        if 0 <= row < len(self._soon_codes):
            self.leaver_picked.emit(self._soon_codes[row])

    _signer = "the leaver"

    def show_person(self, p: PersonSummary) -> None:
        self._signer = p.name
        when = f" — leaving {fmt_date(p.leaving_date)}" if p.leaving_date else ""
        self.person.setText(f"{p.name} ({p.staff_code}){when}")
        self.items.setRowCount(len(p.items))
        for r, a in enumerate(p.items):
            cb = QCheckBox()
            cb.setAccessibleName(f"{a.tag} returned")
            cb.setStyleSheet("QCheckBox { margin-left: 12px; }")  # not against the cell's edge
            cb.toggled.connect(lambda _on: self.update_progress())
            self.items.setCellWidget(r, 0, cb)
            self.items.setItem(r, 1, _item(a.tag))
            self.items.setItem(r, 2, _item(f"{a.kind_word}: {a.title}"
                                           + (" — OVERDUE" if a.overdue else "")))
            if a.personal_data:
                data = QComboBox()
                data.setAccessibleName(f"Personal data on {a.tag}")
                for key, words in DATA_CHOICES:
                    data.addItem(words, key)
                data.currentIndexChanged.connect(lambda _i: self.update_progress())
                self.items.setCellWidget(r, 3, data)
            else:
                self.items.setItem(r, 3, _item("—"))
            note = QLineEdit()
            note.setAccessibleName(f"Note for {a.tag}")
            note.setPlaceholderText("Why not returned?")
            self.items.setCellWidget(r, 4, note)
        self.items.setVisible(bool(p.items))
        self.empty.setVisible(not p.items)
        self.update_progress()
        self.show_page("items")

    def update_person(self, p: PersonSummary) -> None:
        """Re-show ``p`` (a re-load), keeping the ticks and notes made so far. Only when
        another desk changed what they hold are the rows rebuilt (focus stays otherwise)."""
        tags = [a.tag for a in p.items]
        current = [self.items.item(r, 1).text() for r in range(self.items.rowCount())]  # type: ignore[union-attr]
        if tags == current:
            when = f" — leaving {fmt_date(p.leaving_date)}" if p.leaving_date else ""
            self.person.setText(f"{p.name} ({p.staff_code}){when}")
            for r, a in enumerate(p.items):
                self.items.setItem(r, 2, _item(f"{a.kind_word}: {a.title}"
                                               + (" — OVERDUE" if a.overdue else "")))
            return
        kept = {self.items.item(r, 1).text(): (self.returned_box(r).isChecked(),  # type: ignore[union-attr]
                                                self.note_edit(r).text(), self.data_box(r))
                for r in range(self.items.rowCount())}
        kept_data = {tag: box.currentIndex() for tag, (_t, _n, box) in kept.items() if box}
        self.show_person(p)
        for r, tag in enumerate(tags):
            if tag in kept:
                ticked, note, _box = kept[tag]
                self.returned_box(r).setChecked(ticked)
                self.note_edit(r).setText(note)
                box = self.data_box(r)
                if box is not None and tag in kept_data:
                    box.setCurrentIndex(kept_data[tag])
        self.update_progress()

    def row_of(self, tag: str) -> int:
        for r in range(self.items.rowCount()):
            item = self.items.item(r, 1)
            if item is not None and item.text().casefold() == tag.casefold():
                return r
        return -1

    def _text(self, row: int, column: int) -> str:
        item = self.items.item(row, column)
        return item.text() if item is not None else ""

    def returned_box(self, row: int) -> QCheckBox:
        w = self.items.cellWidget(row, 0)
        assert isinstance(w, QCheckBox)
        return w

    def note_edit(self, row: int) -> QLineEdit:
        w = self.items.cellWidget(row, 4)
        assert isinstance(w, QLineEdit)
        return w

    def data_box(self, row: int) -> QComboBox | None:
        """The personal-data choice of an item lent with personal data (None: it was not)."""
        w = self.items.cellWidget(row, 3)
        return w if isinstance(w, QComboBox) else None

    def states(self) -> list[tuple[str, bool, str]]:
        return [(self._text(r, 1), self.returned_box(r).isChecked(),
                 self.note_edit(r).text().strip()) for r in range(self.items.rowCount())]

    def data_states(self) -> dict[str, tuple[str, str]]:
        """Items lent with personal data and handed back: tag -> (how, note); "" not said."""
        out = {}
        for r, (tag, ok, note) in enumerate(self.states()):
            box = self.data_box(r)
            if box is not None and ok:
                how = str(box.currentData())
                out[tag] = (how, note if how == "kept" else "")
        return out

    def has_changes(self) -> bool:
        """Anything ticked, noted or chosen so far (what a switch of leaver would lose)."""
        return any(ok or note for _t, ok, note in self.states()) or any(
            box.currentIndex() > 0 for r in range(self.items.rowCount())
            if (box := self.data_box(r)) is not None)

    def update_progress(self) -> None:
        signer = self._signer
        st = self.states()
        back = sum(1 for _t, ok, _n in st if ok)
        self.progress.setText(f"{back} of {len(st)} ticked as handed back — to be confirmed by "
                              f"{signer}'s signature" if st else "Holds nothing")
        for r, (_t, ok, _n) in enumerate(st):
            box = self.data_box(r)
            if box is not None:
                box.setEnabled(ok)
            kept = box is not None and ok and box.currentData() == "kept"
            edit = self.note_edit(r)
            edit.setEnabled(not ok or kept)
            edit.setPlaceholderText("Kept for whom?" if kept else "Why not returned?")


def _item(text: str):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QTableWidgetItem

    it = QTableWidgetItem(text)
    it.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return it
