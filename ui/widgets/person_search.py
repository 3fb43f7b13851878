"""Type part of a name (or a staff code) and pick the person: type-ahead over all staff.

The widget only shows; the lookup is a function the owner passes in, run on the
worker, so typing never waits for the database.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QListWidgetItem, QVBoxLayout, QWidget

from app.services.search import PersonHit
from ui.widgets.common import text_list

Lookup = Callable[[str, Callable[[list[PersonHit]], None]], None]


class PersonSearch(QWidget):
    chosen = Signal(str, str)  # staff code, name

    def __init__(self, lookup: Lookup, placeholder: str = "Type part of a name or a staff code",
                 name: str = "Find a member of staff", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lookup = lookup
        self._asked = ""
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setAccessibleName(name)
        self.edit.setProperty("ownsEnter", True)
        self.edit.setClearButtonEnabled(True)
        self.results = text_list(f"{name}: matches")
        self.results.setMaximumHeight(170)
        self.results.hide()
        lay.addWidget(self.edit)
        lay.addWidget(self.results)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self._ask)
        self.edit.textEdited.connect(lambda _t: self._timer.start())
        self.edit.returnPressed.connect(self._choose_first)
        self.results.itemActivated.connect(self._choose)
        # one click on a name chooses them: a selected but unchosen name, then the screen's
        # button, was refused with "choose who borrows" (activation is a double click here)
        self.results.itemClicked.connect(self._choose)
        self.edit.installEventFilter(self)
        self.results.installEventFilter(self)

    def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QEvent

        if event.type() != QEvent.Type.KeyPress:
            return False
        if (obj is self.edit and self.results.count()
                and event.key() == Qt.Key.Key_Down):
            self.results.setFocus()
            self.results.setCurrentRow(0)
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Enter chooses, and stops here: a line edit and a list pass the key on to their
            # parents once handled, and the desk's Enter (the screen's primary action) would
            # then go straight on to the signature
            if obj is self.edit:
                self._choose_first()
            elif obj is self.results and self.results.currentItem() is not None:
                self._choose(self.results.currentItem())
            return True
        return False

    def _ask(self) -> None:
        text = self.edit.text().strip()
        self._asked = text
        if len(text) < 2:
            self.show_hits([])
            return
        def answer(hits: list[PersonHit], asked: str = text) -> None:
            self._answer(asked, hits)

        self._lookup(text, answer)

    def _answer(self, asked: str, hits: list[PersonHit]) -> None:
        if asked != self.edit.text().strip():
            return  # the user typed on; a newer answer is coming
        self.show_hits(hits)

    def show_hits(self, hits: list[PersonHit]) -> None:
        self.results.clear()
        for h in hits:
            extra = f" — {h.department}" if h.department else ""
            status = "" if h.status == "active" else f" ({h.status})"
            item = QListWidgetItem(f"{h.name} ({h.staff_code}){extra}{status}")
            item.setData(Qt.ItemDataRole.UserRole, (h.staff_code, h.name))
            self.results.addItem(item)
        if not hits and len(self.edit.text().strip()) >= 2:
            item = QListWidgetItem("No one matches — check the spelling or scan their card.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(item)
        self.results.setVisible(self.results.count() > 0)

    def _choose_first(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._ask()
        for i in range(self.results.count()):
            item = self.results.item(i)
            if item.data(Qt.ItemDataRole.UserRole):
                self._choose(item)
                return

    def _choose(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if not data:
            return
        code, name = data
        self.chosen.emit(code, name)
        self.clear()

    def clear(self) -> None:
        self.edit.clear()
        self.results.clear()
        self.results.hide()

    def hit_texts(self) -> list[str]:
        return [self.results.item(i).text() for i in range(self.results.count())]
