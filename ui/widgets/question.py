"""A question the desk must ask before it goes on: a few plain answers, one of them safe.

Opened with ``open()`` (window-modal, never ``exec()``): the event loop keeps running, so
the worker's answers and the pad still arrive. Esc or closing the window gives the answer
that changes nothing (the last one, unless another is named ``safe``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.widgets.common import button, label


class Question(QDialog):
    answered = Signal(str, str)  # the answer's key, the text typed (if a field was asked for)

    def __init__(self, parent: QWidget, title: str, text: str,
                 answers: list[tuple[str, str]], *, field: str | None = None,
                 safe: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        heading = label(title, "", name="Question heading")
        heading.setStyleSheet("font-size: 16pt; font-weight: 700;")
        lay.addWidget(heading)
        self.text = label(text, name="Question")
        self.text.setStyleSheet("font-size: 14pt;")
        lay.addWidget(self.text)
        self.field: QLineEdit | None = None
        if field is not None:
            self.field = QLineEdit()
            self.field.setPlaceholderText(field)
            self.field.setAccessibleName(field)
            lay.addWidget(self.field)
        row = QHBoxLayout()
        row.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}
        for i, (key, words) in enumerate(answers):
            b = button(words, words, primary=i == 0)
            b.setAutoDefault(False)
            b.clicked.connect(lambda _c=False, k=key: self._answer(k))
            self.buttons[key] = b
            row.addWidget(b)
        lay.addLayout(row)
        # as wide as the answers need (a word-wrapped question would squeeze them otherwise)
        margins = lay.contentsMargins()
        wanted = sum(b.sizeHint().width() for b in self.buttons.values()) \
            + row.spacing() * len(self.buttons) + margins.left() + margins.right()
        self.setMinimumWidth(max(560, wanted))
        self._safe = safe or answers[-1][0]
        self._done = False
        self.rejected.connect(lambda: self._answer(self._safe))

    def _answer(self, key: str) -> None:
        if self._done:
            return
        self._done = True
        typed = self.field.text().strip() if self.field is not None else ""
        self.hide()
        parent = self.parentWidget()
        if parent is not None:  # the desk has the keys again (a scanner types into it)
            parent.activateWindow()
        self.answered.emit(key, typed)
        self.deleteLater()

    def choose(self, key: str) -> None:
        """Answer as if the button for ``key`` was clicked."""
        self.buttons[key].click()

    @property
    def answers(self) -> list[str]:
        return list(self.buttons)
