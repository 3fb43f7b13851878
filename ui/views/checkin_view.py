"""Check-in: who has it and since when (overdue in red), a short checklist, condition, done."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.services.cards import AssetSummary
from ui.views.asset_card_view import AssetHeader
from ui.widgets.common import button, card, label
from ui.widgets.lost_panel import LostPanel

CONDITIONS = (("ok", "OK"), ("incomplete", "Incomplete (something missing)"),
              ("damaged", "Damaged (opens an incident)"))


class CheckInView(QWidget):
    checklist_changed = Signal()
    confirm_clicked = Signal()
    details_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 10, 20, 10)
        lay.addWidget(label("Check in", "title", name="Check-in"))
        self.header = AssetHeader()
        lay.addWidget(self.header)
        row = QHBoxLayout()
        box, bl = card()
        bl.addWidget(label("Checklist — untick anything not right", "", name="Checklist"))
        self.checklist_box = QVBoxLayout()
        bl.addLayout(self.checklist_box)
        bl.addStretch(1)  # heading and ticks at the top, level with "Condition"
        row.addWidget(box, 1)
        cbox, cl = card()
        cl.addWidget(label("Condition", "", name="Condition heading"))
        self.condition_group = QButtonGroup(self)
        self.conditions: dict[str, QRadioButton] = {}
        for key, text in CONDITIONS:
            rb = QRadioButton(text)
            rb.setAccessibleName(f"Condition: {key}")
            self.condition_group.addButton(rb)
            self.conditions[key] = rb
            cl.addWidget(rb)
        self.note = QLineEdit()
        self.note.setAccessibleName("Check-in note")
        self.note.setPlaceholderText("Note (what is missing or damaged)")
        cl.addWidget(self.note)
        row.addWidget(cbox, 1)
        lay.addLayout(row)
        actions = QHBoxLayout()
        self.confirm = button("Check in (Enter)", "Check in", primary=True)
        self.lost = button("Report lost", "Report lost", danger=True)
        self.details = button("Asset card", "Open the asset card")
        actions.addWidget(self.confirm)
        actions.addWidget(self.lost)
        actions.addWidget(self.details)
        actions.addStretch(1)
        lay.addLayout(actions)
        self.lost_panel = LostPanel()
        lay.addWidget(self.lost_panel)
        lay.addStretch(1)
        self.checks: list[QCheckBox] = []
        self.confirm.clicked.connect(self.confirm_clicked.emit)
        self.lost.clicked.connect(self.lost_panel.open)
        self.details.clicked.connect(self.details_clicked.emit)

    def show_asset(self, a: AssetSummary, checklist: list[tuple[str, str]]) -> None:
        self.header.show_asset(a)
        # Reuse the checkboxes of the last asset (new widgets cost a style polish each,
        # most of a scan's time on this screen); build only the ones missing.
        while len(self.checks) < len(checklist):
            cb = QCheckBox()
            cb.toggled.connect(lambda _on: self.checklist_changed.emit())
            self.checklist_box.addWidget(cb)
            self.checks.append(cb)
        for cb, (key, text) in zip(self.checks, checklist, strict=False):
            cb.blockSignals(True)
            cb.setChecked(True)
            cb.blockSignals(False)
            cb.setText(text)
            cb.setAccessibleName(text)
            cb.setProperty("check", key)
            cb.show()
        for cb in self.checks[len(checklist):]:
            cb.hide()
        self.conditions["ok"].setChecked(True)
        self.note.clear()
        self.lost_panel.hide()
        self.confirm.setFocus(Qt.FocusReason.OtherFocusReason)

    def missing(self) -> list[tuple[str, str]]:
        return [(str(cb.property("check")), cb.text()) for cb in self.checks
                if not cb.isHidden() and not cb.isChecked()]

    def condition(self) -> str:
        for key, rb in self.conditions.items():
            if rb.isChecked():
                return key
        return "ok"

    def set_condition(self, key: str) -> None:
        self.conditions[key].setChecked(True)
