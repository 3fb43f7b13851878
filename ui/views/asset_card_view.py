"""An asset's card: what it is, encryption, who has it, full history, checks, incidents."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.cards import AssetCard, AssetSummary, method_word
from db.models import ENCRYPTION_METHODS
from ui import theme
from ui.widgets.common import (
    Form,
    button,
    card,
    encryption_badge,
    fmt_date,
    fmt_when,
    label,
    set_role,
)
from ui.widgets.common import update_encryption_badge as _badge
from ui.widgets.lost_panel import LostPanel
from ui.widgets.table import Table


class AssetHeader(QWidget):
    """The top of an asset card (also used by check-out and check-in)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box, lay = card(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(box)
        top = QHBoxLayout()
        self.title = label("", "title", name="Asset")
        self.badge = encryption_badge(None, "Unknown")
        top.addWidget(self.title, 1)
        top.addWidget(self.badge)
        lay.addLayout(top)
        self.facts = label("", name="Asset details")
        lay.addWidget(self.facts)
        self.holder = label("", name="Holder")
        lay.addWidget(self.holder)

    def show_asset(self, a: AssetSummary) -> None:
        self.title.setText(f"{a.tag} — {a.title}")
        _badge(self.badge, a.encrypted, a.encryption_label)
        facts = [f"{a.kind_word}", f"Status: {a.status_word}"]
        if a.serial:
            facts.append(f"Serial {a.serial}")
        if a.phone_number:
            facts.append(f"Number {a.phone_number}")
        facts.append(f"Condition: {a.last_condition or 'ok'}")
        facts.append("Accessories: " + (", ".join(a.accessories) if a.accessories else "none"))
        self.facts.setText(" · ".join(facts))
        if a.holder_name:
            text = f"On loan to {a.holder_name} ({a.holder_code}) since {fmt_date(a.out_at)}"
            text += f" — due {fmt_date(a.due_on)}"
            if a.overdue:
                text += " — OVERDUE"
            if a.trip:
                text += f" — trip: {a.trip}"
            self.holder.setText(text)
            role = "overdue" if a.overdue else ""
            if self.holder.property("role") != role:  # a re-polish is costly: only on change
                set_role(self.holder, role)
            self.holder.show()
        else:
            self.holder.hide()


class AssetCardView(QWidget):
    lend_clicked = Signal()
    check_in_clicked = Signal()
    check_saved = Signal(bool, str, str)  # encrypted, method, note
    signature_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 12, 20, 12)
        self.header = AssetHeader()
        lay.addWidget(self.header)
        row = QHBoxLayout()
        self.lend = button("Lend this", "Lend this asset", primary=True)
        self.check_in = button("Check in", "Check in this asset", primary=True)
        self.lost = button("Report lost", "Report this asset lost", danger=True)
        for b in (self.lend, self.check_in, self.lost):
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        self.lost_panel = LostPanel()
        lay.addWidget(self.lost_panel)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Asset records")
        self.history = Table(["Borrower", "Out", "By", "Due", "Back", "Condition", "Outcome", "Note",
                              "Signature"], "Loan history", "Never lent yet.", stretch=(0, 7))
        self.history.cellDoubleClicked.connect(self._open_signature)
        self.tabs.addTab(self.history, "History")
        enc = QWidget()
        el = QVBoxLayout(enc)
        form_box, fl = card()
        fl.addWidget(label("Record a new encryption check", "", name="New encryption check"))
        form = Form()
        radios = QHBoxLayout()
        self.enc_yes = QRadioButton("Encrypted")
        self.enc_no = QRadioButton("Not encrypted")
        self.enc_yes.setAccessibleName("Encrypted")
        self.enc_no.setAccessibleName("Not encrypted")
        grp = QButtonGroup(self)
        grp.addButton(self.enc_yes)
        grp.addButton(self.enc_no)
        self.enc_yes.setChecked(True)
        radios.addWidget(self.enc_yes)
        radios.addWidget(self.enc_no)
        radios.addStretch(1)
        form.addRow("Result", radios)
        self.method = QComboBox()
        self.method.setAccessibleName("Encryption method")
        for m in ENCRYPTION_METHODS:
            self.method.addItem(method_word(m), m)
        form.addRow("Method", self.method)
        self.enc_note = QLineEdit()
        self.enc_note.setAccessibleName("Encryption check note")
        form.addRow("Note", self.enc_note)
        fl.addLayout(form)
        self.save_check = button("Save check", "Save encryption check")
        fl.addWidget(self.save_check)
        el.addWidget(form_box)
        self.checks = Table(["When", "By", "Result", "Method", "Note"], "Encryption checks",
                            "Never checked: encryption unknown.", stretch=4)
        el.addWidget(self.checks, 1)
        self.tabs.addTab(enc, "Encryption")
        self.incidents = Table(["Reported", "Kind", "By", "Person", "Description", "Status"],
                               "Incidents", "No incidents.", stretch=(3, 4))
        self.tabs.addTab(self.incidents, "Incidents")
        lay.addWidget(self.tabs, 1)
        self.lend.clicked.connect(self.lend_clicked.emit)
        self.check_in.clicked.connect(self.check_in_clicked.emit)
        self.lost.clicked.connect(self.lost_panel.open)
        self.save_check.clicked.connect(
            lambda: self.check_saved.emit(self.enc_yes.isChecked(), str(self.method.currentData()),
                                          self.enc_note.text().strip()))
        self.enc_no.toggled.connect(lambda on: self.method.setEnabled(not on))
        self._signatures: list[int | None] = []

    def show_card(self, c: AssetCard, *, keep_input: bool = False) -> None:
        """Show the card; ``keep_input`` (a re-load) keeps a typed check note and an open
        lost report."""
        a = c.asset
        self.header.show_asset(a)
        self.lend.setVisible(a.status == "available")
        self.check_in.setVisible(a.status == "on_loan")
        self.lost.setVisible(a.status not in ("lost", "retired"))
        rows, colours = [], []
        self._signatures = []
        for h in c.history:
            sig = h.signature_out_id or h.signature_in_id
            self._signatures.append(sig)
            rows.append([f"{h.borrower} ({h.staff_code})", fmt_when(h.out_at), h.out_by, fmt_date(h.due_on),
                         fmt_when(h.in_at), h.condition or "", h.outcome.replace("_", " "),
                         h.note or (f"override: {h.override_reason}" if h.override_reason else ""),
                         "View (double-click)" if sig else ""])
            colours.append(theme.ERROR if h.outcome in ("lost", "not_returned") else None)
        self.history.set_rows(rows, colours)
        self.checks.set_rows([[fmt_when(k.verified_at), k.verified_by,
                               "Encrypted" if k.encrypted else "Not encrypted", method_word(k.method),
                               k.note or ""] for k in c.checks])
        self.incidents.set_rows([[fmt_when(i.reported_at), i.kind, i.reported_by, i.person or "",
                                  i.description or "", i.status] for i in c.incidents])
        if keep_input:
            if a.status in ("lost", "retired"):
                self.lost_panel.hide()  # nothing left to report
            return
        self.enc_note.clear()
        self.lost_panel.hide()

    def _open_signature(self, row: int, _col: int) -> None:
        if 0 <= row < len(self._signatures) and self._signatures[row]:
            self.signature_requested.emit(int(self._signatures[row] or 0))
