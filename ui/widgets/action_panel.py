"""A small inline form for one correction: what it does in words, a choice, a line or two of
text, Confirm and Cancel (book a found asset back in, retire one, close an incident)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from ui.widgets.common import button, card, label


class ActionPanel(QWidget):
    #: the choice's key ("" without one), then the text of each field
    confirmed = Signal(str, list)

    def __init__(self, text: str, confirm: str, *, choices: list[tuple[str, str]] | None = None,
                 fields: list[str] = (), name: str = "", danger: bool = False,  # type: ignore[assignment]
                 narrow: int = 0, parent: QWidget | None = None) -> None:
        """``narrow``: how many of the first fields are short (a cost), not stretched."""
        super().__init__(parent)
        box, lay = card()
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(box)
        self.text = label(text, name=name or confirm)
        lay.addWidget(self.text)
        row = QHBoxLayout()
        self.choice: QComboBox | None = None
        if choices:
            self.choice = QComboBox()
            self.choice.setAccessibleName(f"{name or confirm}: choice")
            for key, words in choices:
                self.choice.addItem(words, key)
            row.addWidget(self.choice)
        self.fields: list[QLineEdit] = []
        for i, placeholder in enumerate(fields):
            edit = QLineEdit()
            edit.setPlaceholderText(placeholder)
            edit.setAccessibleName(placeholder)
            edit.setProperty("ownsEnter", True)
            edit.returnPressed.connect(self._confirm)
            self.fields.append(edit)
            if i < narrow:
                edit.setFixedWidth(edit.fontMetrics().horizontalAdvance(placeholder) + 40)
                row.addWidget(edit)
            else:
                row.addWidget(edit, 1)
        self.confirm = button(confirm, confirm, danger=danger, primary=not danger)
        self.cancel = button("Cancel", f"Cancel: {confirm}")
        row.addWidget(self.confirm)
        row.addWidget(self.cancel)
        lay.addLayout(row)
        self.confirm.clicked.connect(self._confirm)
        self.cancel.clicked.connect(self.hide)
        self.hide()

    def _confirm(self) -> None:
        key = str(self.choice.currentData()) if self.choice is not None else ""
        self.confirmed.emit(key, [f.text().strip() for f in self.fields])

    def open(self, text: str | None = None, choice: str | None = None) -> None:
        """Show it afresh (``choice``: the one chosen to begin with)."""
        if text is not None:
            self.text.setText(text)
        for f in self.fields:
            f.clear()
        if self.choice is not None:
            self.choice.setCurrentIndex(max(0, self.choice.findData(choice)) if choice else 0)
        self.show()
        (self.fields[0] if self.fields else self.confirm).setFocus()
