"""A person's card: items held (overdue in red), past loans, receipts, incidents."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from app.services.cards import PersonCard
from ui import theme
from ui.widgets.changes_table import changes_table, show_changes
from ui.widgets.common import button, card, fmt_date, fmt_when, label, record_buttons
from ui.widgets.screen import Screen
from ui.widgets.table import Table

RECEIPT_KINDS = {"leaver_return": "Leaver receipt", "loan_ack": "Loan acknowledgement",
                 "trip_sheet": "Trip phone sheet", "loan_return": "Return receipt"}


class PersonCardView(Screen):
    lend_clicked = Signal()
    leaver_clicked = Signal()
    reverse_clicked = Signal()
    asset_opened = Signal(str)
    receipt_opened = Signal(str)
    edit_clicked = Signal()
    add_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 12, 20, 12)
        box, bl = card()
        self.title = label("", "title", name="Person")
        self.facts = label("", name="Person details")
        self.summary = label("", name="Items summary")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        bl.addLayout(top)
        bl.addWidget(self.facts)
        bl.addWidget(self.summary)
        lay.addWidget(box)
        # another school's person (a scan finds any school's): to look at, not to change
        self.read_only = label("", "overdue", name="Another school's person")
        self.read_only.setWordWrap(True)
        self.read_only.hide()
        lay.addWidget(self.read_only)
        row = QHBoxLayout()
        self.lend = button("Lend to this person", primary=True)
        self.leaver = button("Leaver return")
        self.reverse = button("Reverse the leaver return…", "Reverse this person's leaver return")
        row.addWidget(self.lend)
        row.addWidget(self.leaver)
        row.addWidget(self.reverse)
        row.addStretch(1)
        lay.addLayout(row)
        # in the header, but after the actions in the focus chain: the screen's first button
        # (which takes the focus, and Enter) stays its main action
        self.edit = button("Edit details…", "Edit this person's details")
        self.add_new = button("Add a member of staff…", "Add a member of staff")
        top.addWidget(record_buttons(self.edit, self.add_new))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Person records")
        self.items = Table(["Tag", "Item", "Since", "Due", "Encryption"], "Items held",
                           "Holds nothing at the moment.", stretch=(1, 4))
        self.items.cellDoubleClicked.connect(self._open_item)
        self.tabs.addTab(self.items, "Items held")
        self.history = Table(["Tag", "Out", "Due", "Back", "Condition", "Outcome", "Note",
                              "Personal data"], "Past loans", "Has never borrowed anything.",
                             stretch=(6, 7))
        self.tabs.addTab(self.history, "Past loans")
        self.receipts = Table(["Number", "Kind", "Issued", "By"], "Receipts", "No receipts.")
        self.receipts.cellDoubleClicked.connect(self._open_receipt)
        self.tabs.addTab(self.receipts, "Receipts")
        self.incidents = Table(["Reported", "Kind", "Tag", "Description", "Status"], "Incidents",
                               "No incidents.", stretch=3)
        self.tabs.addTab(self.incidents, "Incidents")
        self.changes = changes_table()
        self.tabs.addTab(self.changes, "Changes")
        lay.addWidget(self.tabs, 1)
        self.lend.clicked.connect(self.lend_clicked.emit)
        self.leaver.clicked.connect(self.leaver_clicked.emit)
        self.reverse.clicked.connect(self.reverse_clicked.emit)
        self.edit.clicked.connect(self.edit_clicked.emit)
        self.add_new.clicked.connect(self.add_clicked.emit)
        self._tags: list[str] = []
        self._numbers: list[str] = []

    def show_card(self, c: PersonCard, *, admin: bool = False) -> None:
        p = c.person
        self.title.setText(f"{p.name} ({p.staff_code})")
        facts = [x for x in (p.department, p.email) if x]
        facts.append(f"Status: {p.status_word}")
        if p.leaving_date:
            facts.append(f"Leaving date: {fmt_date(p.leaving_date)}")
        self.facts.setText(" · ".join(facts))
        n = len(p.items)
        text = f"Holds {n} item{'s' if n != 1 else ''}" if n else "Holds nothing"
        if p.overdue_count:
            text += f" — {p.overdue_count} OVERDUE"
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {theme.ERROR}; font-weight: 700;" if p.overdue_count else "")
        # someone leaving may borrow until their leaving date (capped at the check-out)
        self.lend.setVisible(p.status in ("active", "leaving"))
        # another school's person (a scan finds any school's): their record is not to change
        # here; lending them this school's equipment is
        self.leaver.setVisible(p.status != "left" and not c.read_only)
        self.reverse.setVisible(admin and c.reversible is not None and not c.read_only)
        self.edit.setVisible(not c.read_only)
        self.read_only.setText(c.read_only)
        self.read_only.setVisible(bool(c.read_only))
        self._tags = [a.tag for a in p.items]
        self.items.set_rows(
            [[a.tag, f"{a.kind_word}: {a.title}", fmt_date(a.out_at),
              fmt_date(a.due_on) + (" — OVERDUE" if a.overdue else ""), a.encryption_label]
             for a in p.items],
            [theme.ERROR if a.overdue else None for a in p.items])
        past = [h for h in c.history if h.outcome != "on loan"]
        self.history.set_rows([[h.tag, fmt_when(h.out_at), fmt_date(h.due_on), fmt_when(h.in_at),
                                h.condition or "", h.outcome_text, h.note or "",
                                h.personal_data_text]
                               for h in past],
                              [theme.ERROR if h.outcome in ("lost", "not_returned") else None
                               for h in past])
        self._numbers = [r.number for r in c.receipts]
        self.receipts.set_rows([[r.number, RECEIPT_KINDS.get(r.kind, r.kind), fmt_when(r.created_at),
                                 r.created_by] for r in c.receipts])
        self.incidents.set_rows([[fmt_when(i.reported_at), i.kind, i.tag or "", i.description or "",
                                  i.status_text] for i in c.incidents])
        show_changes(self.changes, c.changes)

    def _open_item(self, row: int, _c: int) -> None:
        if 0 <= row < len(self._tags):
            self.asset_opened.emit(self._tags[row])

    def _open_receipt(self, row: int, _c: int) -> None:
        if 0 <= row < len(self._numbers):
            self.receipt_opened.emit(self._numbers[row])
