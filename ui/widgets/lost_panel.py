"""Report lost: one confirmation with an optional note (lost or stolen)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from ui.widgets.common import button, card, label


class LostPanel(QWidget):
    confirmed = Signal(str, str)  # kind (lost|stolen), note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box, lay = card()
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(box)
        lay.addWidget(label("Report this asset lost or stolen. Its loan is closed and an incident "
                            "is opened.", name="Report lost"))
        row = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName("Lost or stolen")
        self.kind.addItem("Lost", "lost")
        self.kind.addItem("Stolen", "stolen")
        self.note = QLineEdit()
        self.note.setAccessibleName("What happened")
        self.note.setPlaceholderText("What happened (where, when)")
        self.confirm = button("Confirm report", "Confirm lost report", danger=True)
        self.cancel = button("Cancel", "Cancel lost report")
        row.addWidget(self.kind)
        row.addWidget(self.note, 1)
        row.addWidget(self.confirm)
        row.addWidget(self.cancel)
        lay.addLayout(row)
        self.confirm.clicked.connect(
            lambda: self.confirmed.emit(str(self.kind.currentData()), self.note.text().strip()))
        self.cancel.clicked.connect(self.hide)
        self.hide()

    def open(self) -> None:
        self.note.clear()
        self.show()
        self.note.setFocus()
