"""The home screen: "Scan an asset label or a staff card" — or type, and pick from matches."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QListWidgetItem, QVBoxLayout, QWidget

from app.services.search import AssetHit, PersonHit
from ui.widgets.common import button, label, text_list
from ui.widgets.school_scope import AllSchoolsBox, SchoolScoped
from ui.widgets.screen import Screen


class ScanView(SchoolScoped, Screen):
    submitted = Signal(str)  # typed text, handled like a scan
    search_changed = Signal(str)
    picked = Signal(str)  # a tag or staff code from the matches
    #: "All schools" ticked or cleared: search every school's people and assets, or this
    #: desk's school's (a scan finds any school's, whatever the box says)
    all_schools_toggled = Signal(bool)
    #: "Start or resume its stocktake": the room whose label was scanned (show_place)
    count_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(40, 30, 40, 20)
        lay.addStretch(1)
        self.prompt = label("Scan an asset label or a staff card", "prompt", name="Scan prompt")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.prompt)
        self.hint = label("Or type an asset tag, a staff code or part of a name and press Enter.",
                          "hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.hint)
        self.entry = QLineEdit()
        self.entry.setAccessibleName("Tag, staff code or name")
        self.entry.setProperty("ownsEnter", True)
        self.entry.setPlaceholderText("e.g. LT-0042, S1001 or Patel")
        self.entry.setStyleSheet("font-size: 18pt;")
        self.entry.setMaximumWidth(700)
        self.entry.setMinimumWidth(520)  # the whole example shows, not "e.g. LT-0042, S10…"
        lay.addWidget(self.entry, 0, Qt.AlignmentFlag.AlignHCenter)
        self.unknown = label("", "overdue", name="Not found")
        self.unknown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unknown.hide()
        lay.addWidget(self.unknown)
        # a room's label scanned here: what it is, and the way to its stocktake
        self.place = label("", "hint", name="Room scanned")
        self.place.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.place.setWordWrap(True)
        self.place.hide()
        lay.addWidget(self.place)
        self.count = button("Start or resume its stocktake (F8)", "Stocktake of this room")
        self.count.clicked.connect(self.count_clicked)
        self.count.hide()
        lay.addWidget(self.count, 0, Qt.AlignmentFlag.AlignHCenter)
        self.matches = text_list("Matches")
        self.matches.setMaximumWidth(700)
        self.matches.setMinimumWidth(520)
        self.matches.setMaximumHeight(260)
        self.matches.hide()
        lay.addWidget(self.matches, 0, Qt.AlignmentFlag.AlignHCenter)
        self.go = button("Look up", "Look up", primary=True)
        go_row = QHBoxLayout()
        go_row.addStretch(1)
        go_row.addWidget(self.go)
        self.all_schools = AllSchoolsBox("Search every school")
        self.all_schools.setText("Search all schools")
        self.all_schools.toggled.connect(self.all_schools_toggled)
        go_row.addWidget(self.all_schools)
        go_row.addStretch(1)
        lay.addLayout(go_row)
        lay.addStretch(2)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(lambda: self.search_changed.emit(self.entry.text().strip()))
        self.entry.textEdited.connect(lambda _t: self._timer.start())
        self.entry.returnPressed.connect(self._submit)
        self.go.clicked.connect(self._submit)
        self.matches.itemActivated.connect(self._pick)

    def _submit(self) -> None:
        text = self.entry.text().strip()
        if self.matches.currentItem() is not None and self.matches.hasFocus():
            self._pick(self.matches.currentItem())
            return
        if text:
            self.submitted.emit(text)

    def _pick(self, item: QListWidgetItem) -> None:
        code = item.data(Qt.ItemDataRole.UserRole)
        if code:
            self.picked.emit(code)

    def entry_text(self) -> str:
        """What is typed in the entry now."""
        return self.entry.text().strip()

    def show_unknown(self, text: str, layout_mismatch: bool = False) -> None:
        self.unknown.setText(
            f"“{text}” came from a scanner set for another keyboard layout (see above)."
            if layout_mismatch else f"Nothing here is known as “{text}”. Search by name or tag below.")
        self.unknown.show()
        self.place.hide()
        self.count.hide()
        self.entry.setText(text)
        self.entry.selectAll()
        self.entry.setFocus()

    def show_place(self, text: str, code: str | None) -> None:
        """A room's label: ``text`` says what it is; with ``code``, the button to count it."""
        self.reset()
        self.place.setText(text)
        self.place.show()
        if code is not None:
            self.count.setText(f"Start or resume the stocktake of {code} (F8)")
        self.count.setVisible(code is not None)
        if code is not None:
            self.count.setFocus()

    def show_matches(self, people: list[PersonHit], assets: list[AssetHit]) -> None:
        self.matches.clear()
        several = self.all_schools.wanted()  # every school's: each match names its school

        def whose(item: QListWidgetItem, school: tuple[str, str] | None) -> None:
            if several and school is not None:
                item.setText(f"{item.text()} · {school[0]}")
                item.setToolTip(school[1])
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{item.text()}, {school[1]}")

        for p in people:
            item = QListWidgetItem(f"Person: {p.name} ({p.staff_code})"
                                   + (f" — {p.department}" if p.department else ""))
            item.setData(Qt.ItemDataRole.UserRole, p.staff_code)
            whose(item, p.school)
            self.matches.addItem(item)
        for a in assets:
            item = QListWidgetItem(f"{a.kind.title()}: {a.tag} — {a.model} ({a.status.replace('_', ' ')})")
            item.setData(Qt.ItemDataRole.UserRole, a.tag)
            whose(item, a.school)
            self.matches.addItem(item)
        if not people and not assets and len(self.entry.text().strip()) >= 2:
            item = QListWidgetItem("No matches.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.matches.addItem(item)
        self.matches.setVisible(self.matches.count() > 0)

    def reset(self) -> None:
        self.entry.clear()
        self.unknown.hide()
        self.place.hide()
        self.count.hide()
        self.matches.clear()
        self.matches.hide()
        self.entry.setFocus()

    def match_texts(self) -> list[str]:
        return [self.matches.item(i).text() for i in range(self.matches.count())]
