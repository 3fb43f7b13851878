"""Check-out: the items (scan more to add), the borrower, terms, the encryption gate, signing."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.config import SignatureSettings
from app.services.cards import AssetSummary
from ui import theme
from ui.widgets.common import Form, button, card, fmt_date, label
from ui.widgets.person_search import Lookup, PersonSearch
from ui.widgets.screen import Screen
from ui.widgets.signature_step import SignatureStep, SigningView
from ui.widgets.table import Table

POLICY = ("School policy: personal data may only be kept on devices the school has verified as "
          "encrypted.")


class CheckOutView(SigningView, Screen):
    remove_clicked = Signal(int)
    change_borrower = Signal()
    continue_clicked = Signal()
    back_clicked = Signal()
    print_clicked = Signal()
    new_clicked = Signal()
    cancel_clicked = Signal()
    personal_data_changed = Signal(bool)
    borrower_chosen = Signal(str, str)  # staff code, name
    due_changed = Signal(QDate)

    def __init__(self, lookup: Lookup, signature: SignatureSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 10, 20, 10)
        self.title = label("Lend", "title", name="Check-out")
        outer.addWidget(self.title)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)

        # -- page 0: details ----------------------------------------------------------
        details = QWidget()
        dl = QHBoxLayout(details)
        dl.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(label("Items — scan another label to add it to this check-out", "hint"))
        self.items = Table(["Tag", "Item", "Encryption", "Condition", "Accessories"], "Items to lend",
                           "No items yet: scan an asset label.", stretch=(1, 2, 4))
        left.addWidget(self.items, 1)
        self.remove = button("Remove selected item", "Remove selected item")
        left.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignLeft)
        dl.addLayout(left, 3)
        right = QVBoxLayout()
        bbox, bl = card()
        bl.addWidget(label("Borrower", "", name="Borrower heading"))
        self.borrower = label("Scan their staff card, or type part of their name:", name="Borrower")
        self.borrower.setStyleSheet("font-size: 16pt; font-weight: 700;")
        bl.addWidget(self.borrower)
        self.search = PersonSearch(lookup, name="Borrower search")
        bl.addWidget(self.search)
        self.change = button("Change borrower", "Change borrower")
        self.change.hide()
        bl.addWidget(self.change, 0, Qt.AlignmentFlag.AlignLeft)
        #: what to know before lending to them: a leaving date that caps the due date,
        #: overdue items they already hold
        self.borrower_note = label("", name="About the borrower")
        self.borrower_note.setStyleSheet(f"color: {theme.WARN}; font-weight: 600;")
        self.borrower_note.hide()
        bl.addWidget(self.borrower_note)
        right.addWidget(bbox)
        form = Form()
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("ddd d MMM yyyy")
        self.due.setAccessibleName("Due back")
        # lent to a room (a trolley to a classroom: the borrower is responsible for it),
        # beside the due date: a row of its own pushed the encryption gate off a 1280x720 screen
        self.room = QLineEdit()
        self.room.setAccessibleName("To a room")
        self.room.setPlaceholderText("optional")
        due_row = QHBoxLayout()
        due_row.addWidget(self.due)
        due_row.addWidget(label("To a room", wrap=False, name="To a room heading"))
        due_row.addWidget(self.room, 1)
        form.addRow("Due back", due_row)
        self.purpose = QLineEdit()
        self.purpose.setAccessibleName("Purpose")
        self.purpose.setPlaceholderText("e.g. Report writing")
        form.addRow("Purpose", self.purpose)
        right.addLayout(form)
        self.personal = QCheckBox("Will personal data be kept on this device?")
        self.personal.setAccessibleName("Will personal data be kept on this device?")
        right.addWidget(self.personal)
        self.gate, gl = card()
        self.gate.setStyleSheet(f"QFrame {{ border: 2px solid {theme.ERROR}; }}")
        self.gate_text = label("", name="Encryption policy")
        self.gate_text.setStyleSheet(f"color: {theme.ERROR}; border: none;")
        gl.addWidget(self.gate_text)
        self.override = QLineEdit()
        self.override.setAccessibleName("Override reason")
        self.override.setPlaceholderText("Admin override: why is this acceptable?")
        gl.addWidget(self.override)
        self.gate.hide()
        right.addWidget(self.gate)
        right.addStretch(1)
        actions = QHBoxLayout()
        self.cancel = button("Cancel check-out (Esc)", "Cancel check-out")
        self.cont = button("Continue to signature", "Continue to signature", primary=True)
        actions.addWidget(self.cancel)
        actions.addStretch(1)
        actions.addWidget(self.cont)
        right.addLayout(actions)
        dl.addLayout(right, 2)
        self.pages.addWidget(details)

        # -- page 1: signature ----------------------------------------------------------
        sign = QWidget()
        sl = QVBoxLayout(sign)
        sl.setContentsMargins(0, 0, 0, 0)
        self.signature = SignatureStep(signature)
        sl.addWidget(self.signature, 1)
        self.back = button("Back to details", "Back to details")
        sl.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        self.pages.addWidget(sign)

        # -- page 2: done -----------------------------------------------------------------
        done = QWidget()
        dn = QVBoxLayout(done)
        dn.addStretch(1)
        self.done_text = label("", "title", name="Check-out done")
        self.done_text.setStyleSheet(f"color: {theme.OK};")
        self.done_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        dn.addWidget(self.done_text)
        row = QHBoxLayout()
        row.addStretch(1)
        self.print = button("Print acknowledgement", "Print acknowledgement")
        self.new = button("Next scan", "Next scan", primary=True)
        row.addWidget(self.print)
        row.addWidget(self.new)
        row.addStretch(1)
        dn.addLayout(row)
        dn.addStretch(2)
        self.pages.addWidget(done)

        self.remove.clicked.connect(lambda: self.remove_clicked.emit(self.items.currentRow()))
        self.change.clicked.connect(self.change_borrower.emit)
        self.cont.clicked.connect(self.continue_clicked.emit)
        self.cancel.clicked.connect(self.cancel_clicked.emit)
        self.back.clicked.connect(self.back_clicked.emit)
        self.print.clicked.connect(self.print_clicked.emit)
        self.new.clicked.connect(self.new_clicked.emit)
        self.personal.toggled.connect(self.personal_data_changed.emit)
        self.search.chosen.connect(self.borrower_chosen)
        self.due.dateChanged.connect(self.due_changed)

    @property
    def page(self) -> str:
        return ("details", "sign", "done")[self.pages.currentIndex()]

    def show_page(self, page: str) -> None:
        self.pages.setCurrentIndex(("details", "sign", "done").index(page))

    def show_items(self, items: list[AssetSummary]) -> None:
        self.items.set_rows(
            [[a.tag, f"{a.kind_word}: {a.title}", a.encryption_label, a.last_condition or "ok",
              ", ".join(a.accessories) or "none"] for a in items],
            [theme.ERROR if a.gated and a.encrypted is not True and self.personal.isChecked() else None
             for a in items])
        self.remove.setEnabled(bool(items))
        n = len(items)
        self.title.setText(f"Lend {n} item{'s' if n != 1 else ''}" if n else "Lend")

    def show_borrower(self, code: str | None, name: str | None, notes: list[str] | None = None,
                      latest: dt.date | None = None) -> None:
        """The borrower (None: ask for one), what to know about them, and the latest due date
        allowed (their leaving date)."""
        if code:
            self.borrower.setText(f"{name} ({code})")
            self.search.hide()
            self.change.show()
        else:
            self.borrower.setText("Scan their staff card, or type part of their name:")
            self.search.show()
            self.change.hide()
        self.borrower_note.setText("\n".join(notes or []))
        self.borrower_note.setVisible(bool(notes))
        self.due.setMaximumDate(QDate(latest.year, latest.month, latest.day) if latest
                                else QDate(7999, 12, 31))

    def focus_search(self) -> None:
        """The borrower search, ready to type in."""
        self.search.edit.setFocus()

    def personal_data(self) -> bool:
        """Will personal data be kept on the devices (the box is ticked)."""
        return self.personal.isChecked()

    def purpose_text(self) -> str:
        return self.purpose.text().strip()

    def room_code(self) -> str:
        """The room it is lent to (a location code), "" for none."""
        return self.room.text().strip()

    def override_reason(self) -> str:
        """An admin's reason for lending unverified devices with personal data ("" if none)."""
        return self.override.text().strip()

    def focus_details(self) -> None:
        """After choosing the borrower: the loan details (due date, purpose, personal data)."""
        self.due.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_due(self, due: dt.date) -> None:
        self.due.blockSignals(True)
        self.due.setDate(QDate(due.year, due.month, due.day))
        self.due.blockSignals(False)

    def due_date(self) -> dt.date:
        d = self.due.date()
        return dt.date(d.year(), d.month(), d.day())

    def show_gate(self, blocked: list[AssetSummary], admin: bool) -> None:
        if not blocked:
            self.gate.hide()
            return
        tags = ", ".join(f"{a.tag} ({a.encryption_label.lower()})" for a in blocked)
        text = f"Not verified as encrypted: {tags}. {POLICY} "
        if admin:
            text += ("Untick personal data, record an encryption check first, or override with a "
                     "reason (recorded with your name).")
            self.override.show()
        else:
            text += ("Untick personal data, record an encryption check first, or ask an admin to "
                     "override.")
            self.override.hide()
        self.gate_text.setText(text)
        self.gate.show()

    def show_done(self, text: str) -> None:
        self.done_text.setText(text)
        self.show_page("done")
        self.new.setFocus()

    def reset(self) -> None:
        self.items.set_rows([])
        self.purpose.clear()
        self.room.clear()
        self.personal.setChecked(False)
        self.override.clear()
        self.gate.hide()
        self.search.clear()
        self.show_borrower(None, None)
        self.show_page("details")

    def summary(self) -> str:
        return fmt_date(self.due_date())
