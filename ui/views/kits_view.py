"""Kits: the list and a new-kit form; a kit's card (members and their state, filled by
scanning); lending it (borrower, or a room with the member of staff responsible) under one
signature; taking it back with a checklist of its members."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.config import SignatureSettings
from app.services.kits import KINDS, KitCard, KitRow
from app.services.site_scope import ListScope
from ui import theme
from ui.widgets.common import Form, button, card, label, text_list
from ui.widgets.person_search import Lookup, PersonSearch
from ui.widgets.school_scope import AllSchoolsBox, SchoolScoped
from ui.widgets.screen import Screen
from ui.widgets.signature_step import SignatureStep, SigningView
from ui.widgets.table import Table

PAGES = ("list", "kit", "lend", "return", "sign")
#: how personal data on devices lent "with personal data" was dealt with, at the kit's return
DATA_CHOICES = (("removed", "removed by the borrower"), ("wiped", "wiped by IT"),
                ("kept", "kept (a handover)"))


def _row(*buttons: QWidget, primary_last: bool = True) -> QHBoxLayout:
    row = QHBoxLayout()
    for b in buttons[:-1] if primary_last else buttons:
        row.addWidget(b)
    row.addStretch(1)
    if primary_last:
        row.addWidget(buttons[-1])
    return row


class KitsView(SchoolScoped, SigningView, Screen):
    create_clicked = Signal()
    kit_opened = Signal(str)
    remove_clicked = Signal(int)
    label_clicked = Signal()
    lend_clicked = Signal()
    return_clicked = Signal()
    sign_clicked = Signal()
    checkin_clicked = Signal()
    back_clicked = Signal()
    borrower_chosen = Signal(str, str)  # staff code, name
    #: "All schools" ticked or cleared: list every school's kits, or this desk's school's
    all_schools_toggled = Signal(bool)

    def __init__(self, lookup: Lookup, signature: SignatureSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 10, 20, 10)
        self.title = label("Kits", "title", name="Kits")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        self.all_schools = AllSchoolsBox("Show every school's kits")
        self.all_schools.toggled.connect(self.all_schools_toggled)
        top.addWidget(self.all_schools)
        outer.addLayout(top)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)
        self._tags: list[str] = []
        self._personal = False  # the kit being checked in was lent with personal data

        # -- the list ----------------------------------------------------------------------
        lst = QWidget()
        ll = QHBoxLayout(lst)
        ll.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(label("Kits (double-click to open, or scan a kit's label)", "hint"))
        self._heading = "Kits"
        self._several = False  # an "All schools" view: each row names its school
        self.kits = Table(["Kit", "Name", "Kind", "Members", "Out"], "Kits",
                          "No kits yet: create one on the right.", stretch=1, school=True)
        self.kits.cellDoubleClicked.connect(self._open_row)
        self.kits.cellActivated.connect(self._open_row)
        left.addWidget(self.kits, 1)
        ll.addLayout(left, 3)  # the form: wide enough for its tag hint at 1280×720
        fbox, fl = card()
        fl.addWidget(label("New kit", "", name="New kit"))
        form = Form()
        self.new_tag = QLineEdit()
        self.new_tag.setAccessibleName("Kit tag")
        self.new_tag.setPlaceholderText("e.g. KIT-TROLLEY-A (not an asset's tag)")
        self.new_name = QLineEdit()
        self.new_name.setAccessibleName("Kit name")
        self.new_kind = QComboBox()
        self.new_kind.setAccessibleName("Kit kind")
        self.new_kind.addItems(list(KINDS))
        form.addRow("Tag", self.new_tag)
        form.addRow("Name", self.new_name)
        form.addRow("Kind", self.new_kind)
        fl.addLayout(form)
        fl.addWidget(label("Then scan the assets that belong in it.", "hint"))
        self.create_button = button("Create kit", "Create kit", primary=True)
        fl.addWidget(self.create_button)
        fl.addStretch(1)
        ll.addWidget(fbox, 2)
        self.pages.addWidget(lst)

        # -- a kit's card --------------------------------------------------------------------
        kit = QWidget()
        kl = QVBoxLayout(kit)
        kl.setContentsMargins(0, 0, 0, 0)
        self.facts = label("", name="Kit")
        self.facts.setStyleSheet("font-size: 15pt; font-weight: 700;")
        kl.addWidget(self.facts)
        kl.addWidget(label("Scan an asset to put it in this kit; scan a staff card to lend the "
                           "kit to them.", "hint"))
        self.members = Table(["Tag", "Kind", "State"], "Kit members",
                             "No members yet: scan the assets that belong in this kit.",
                             stretch=2)
        kl.addWidget(self.members, 1)
        self.back = button("All kits", "All kits")
        self.remove = button("Take selected out of the kit", "Take selected out of the kit")
        self.label_button = button("Print kit label", "Print kit label")
        self.return_button = button("Check kit in", "Check kit in")
        self.lend = button("Lend kit", "Lend kit", primary=True)
        kl.addLayout(_row(self.back, self.remove, self.label_button, self.return_button,
                          self.lend))
        self.pages.addWidget(kit)

        # -- lending -------------------------------------------------------------------------
        lend = QWidget()
        dl = QVBoxLayout(lend)
        dl.setContentsMargins(0, 0, 0, 0)
        self.lend_facts = label("", name="Lending")
        self.lend_facts.setStyleSheet("font-size: 15pt; font-weight: 700;")
        dl.addWidget(self.lend_facts)
        self.borrower_label = label("Borrower: scan their staff card or type their name",
                                    name="Borrower")
        dl.addWidget(self.borrower_label)
        self.borrower_search = PersonSearch(lookup, name="Kit borrower search")
        dl.addWidget(self.borrower_search)
        form = Form()
        self.room = QLineEdit()
        self.room.setAccessibleName("Lend to a room")
        self.room.setPlaceholderText("location code, e.g. NHS-R12 (blank: to the person)")
        form.addRow("To a room", self.room)
        dl.addLayout(form)
        dl.addWidget(label("With a room, the member of staff above is the one responsible for "
                           "the kit there.", "hint"))
        self.personal = QCheckBox("Personal data will be kept on these devices")
        self.personal.setAccessibleName("Personal data")
        dl.addWidget(self.personal)
        self.missing_note = label("", name="Members that cannot go")
        self.missing_note.setStyleSheet(f"color: {theme.ERROR};")
        dl.addWidget(self.missing_note)
        self.lend_rest = QCheckBox("Lend the others without them")
        self.lend_rest.setAccessibleName("Lend the rest")
        dl.addWidget(self.lend_rest)
        dl.addStretch(1)
        self.lend_back = button("Back to the kit", "Back to the kit")
        self.sign = button("Borrower signs for the kit", "Borrower signs for the kit",
                           primary=True)
        dl.addLayout(_row(self.lend_back, self.sign))
        self.pages.addWidget(lend)

        # -- taking it back ------------------------------------------------------------------
        ret = QWidget()
        rl = QVBoxLayout(ret)
        rl.setContentsMargins(0, 0, 0, 0)
        self.return_facts = label("", name="Checking in")
        self.return_facts.setStyleSheet("font-size: 15pt; font-weight: 700;")
        rl.addWidget(self.return_facts)
        rl.addWidget(label("Ticked members come back. Untick (or leave unscanned) any that did "
                           "not: they stay on loan and are listed.", "hint"))
        self.checklist = text_list("Kit members out with the kit")
        self.checklist.setStyleSheet("font-size: 15pt;")
        rl.addWidget(self.checklist, 1)
        self.report_lost = QCheckBox("Report the missing ones lost (opens an incident each)")
        self.report_lost.setAccessibleName("Report missing lost")
        rl.addWidget(self.report_lost)
        drow = QHBoxLayout()
        self.data_label = label("Lent with personal data; on the devices back, it was:",
                                name="Personal data")
        self.data = QComboBox()
        self.data.setAccessibleName("How personal data was dealt with")
        for key, text in DATA_CHOICES:
            self.data.addItem(text, key)
        drow.addWidget(self.data_label)
        drow.addWidget(self.data)
        drow.addStretch(1)
        rl.addLayout(drow)
        self.return_back = button("Back to the kit", "Back to the kit")
        self.checkin = button("Check kit in", "Check kit in now", primary=True)
        rl.addLayout(_row(self.return_back, self.checkin))
        self.pages.addWidget(ret)

        # -- signing -------------------------------------------------------------------------
        sign = QWidget()
        sg = QVBoxLayout(sign)
        sg.setContentsMargins(0, 0, 0, 0)
        self.signature = SignatureStep(signature)
        sg.addWidget(self.signature, 1)
        self.sign_back = button("Back", "Back (no signature)")
        sg.addWidget(self.sign_back, 0, Qt.AlignmentFlag.AlignLeft)
        self.pages.addWidget(sign)

        self.create_button.clicked.connect(self.create_clicked.emit)
        self.remove.clicked.connect(lambda: self.remove_clicked.emit(self.members.currentRow()))
        self.label_button.clicked.connect(self.label_clicked.emit)
        self.lend.clicked.connect(self.lend_clicked.emit)
        self.return_button.clicked.connect(self.return_clicked.emit)
        self.sign.clicked.connect(self.sign_clicked.emit)
        self.checkin.clicked.connect(self.checkin_clicked.emit)
        for b in (self.back, self.lend_back, self.return_back, self.sign_back):
            b.clicked.connect(self.back_clicked.emit)
        self.borrower_search.chosen.connect(self.borrower_chosen)

    # -- pages -------------------------------------------------------------------------------
    @property
    def page(self) -> str:
        return PAGES[self.pages.currentIndex()]

    def show_page(self, page: str) -> None:
        self.pages.setCurrentIndex(PAGES.index(page))
        self.all_schools.list_showing(page == "list")
        if page == "list":
            self.title.setText(self._heading)

    # -- the list ----------------------------------------------------------------------------
    def show_scope(self, scope: ListScope) -> None:
        """Whose kits the list shows: the desk's school's, or every school's."""
        self.all_schools.show_scope(scope)
        self._heading = scope.heading("Kits")
        self._several = scope.several
        if self.page == "list":
            self.title.setText(self._heading)

    def show_kits(self, rows: list[KitRow]) -> None:
        self._tags = [r.tag for r in rows]
        self.kits.set_rows([[r.tag, r.name, r.kind, str(r.members), str(r.out) if r.out else ""]
                            for r in rows],
                           schools=[(r.site, r.school or r.site) if r.site else None
                                    for r in rows] if self._several else None)

    def _open_row(self, row: int, _c: int) -> None:
        if 0 <= row < len(self._tags):
            self.kit_opened.emit(self._tags[row])

    def new_kit(self) -> tuple[str, str, str]:
        return (self.new_tag.text().strip(), self.new_name.text().strip(),
                self.new_kind.currentText())

    def clear_new_kit(self) -> None:
        self.new_tag.clear()
        self.new_name.clear()

    # -- a kit -------------------------------------------------------------------------------
    def show_card(self, k: KitCard) -> None:
        self.title.setText(f"Kit {k.tag}")
        home = f" · lives in {k.home}" if k.home else ""
        self.facts.setText(f"{k.name} ({k.kind}) · {k.summary}{home}")
        self.members.set_rows([[m.tag, m.kind, m.state_text] for m in k.members],
                              [theme.OK if m.status == "available" else
                               (None if m.with_kit else theme.ERROR) for m in k.members])
        out = bool(k.out_with_kit)
        self.lend.setEnabled(k.active and bool(k.available))
        self.return_button.setEnabled(out)
        self.remove.setEnabled(bool(k.members))
        self.label_button.setEnabled(k.active)

    def member_tag(self, row: int) -> str | None:
        rows = self.members.row_texts()
        return rows[row][0] if 0 <= row < len(rows) else None

    # -- lending -----------------------------------------------------------------------------
    def show_lending(self, k: KitCard, cannot_go: list[str]) -> None:
        n = len(k.available)
        self.lend_facts.setText(f"Lend kit {k.tag} {k.name}: {n} item{'s' if n != 1 else ''} "
                                f"({', '.join(m.tag for m in k.available)})")
        self.missing_note.setText("Cannot go: " + "; ".join(cannot_go) if cannot_go else "")
        self.missing_note.setVisible(bool(cannot_go))
        self.lend_rest.setVisible(bool(cannot_go))
        self.lend_rest.setChecked(False)

    def show_borrower(self, code: str | None, name: str | None) -> None:
        self.borrower_label.setText(f"Borrower: {name} ({code})" if code else
                                    "Borrower: scan their staff card or type their name")

    def lending_choices(self) -> tuple[str, bool, bool]:
        """The room's code (or ""), personal data, lend the rest."""
        return self.room.text().strip(), self.personal.isChecked(), self.lend_rest.isChecked()

    def clear_lending(self) -> None:
        self.room.clear()
        self.personal.setChecked(False)
        self.lend_rest.setChecked(False)
        self.borrower_search.clear()

    # -- taking it back ----------------------------------------------------------------------
    def show_return(self, k: KitCard) -> None:
        self.return_facts.setText(f"Check kit {k.tag} {k.name} in")
        self.checklist.clear()
        for m in k.out_with_kit:
            item = QListWidgetItem(f"{m.tag} ({m.kind}) — {m.holder}")
            item.setData(Qt.ItemDataRole.UserRole, m.tag)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.checklist.addItem(item)
        self.report_lost.setChecked(False)
        personal = any(m.personal_data for m in k.out_with_kit)
        self._personal = personal
        self.data_label.setVisible(personal)
        self.data.setVisible(personal)
        self.data.setCurrentIndex(0)

    def tick(self, tag: str) -> bool:
        """Tick a member scanned back (False: it is not on the list)."""
        for i in range(self.checklist.count()):
            item = self.checklist.item(i)
            if str(item.data(Qt.ItemDataRole.UserRole)).casefold() == tag.casefold():
                item.setCheckState(Qt.CheckState.Checked)
                self.checklist.setCurrentRow(i)
                return True
        return False

    def unticked(self) -> list[str]:
        return [str(self.checklist.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.checklist.count())
                if self.checklist.item(i).checkState() != Qt.CheckState.Checked]

    def missing_lost(self) -> bool:
        return self.report_lost.isChecked()

    def data_handling(self) -> str | None:
        """For a kit lent with personal data: removed, wiped or kept (None otherwise)."""
        return str(self.data.currentData()) if self._personal else None
