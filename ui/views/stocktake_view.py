"""The Stocktake screen: pick or scan a location to start or resume, then scan the room.

Two pages: the stocktakes going on (with a location code field), and one stocktake being
scanned — live counts, a tab per list (found, missing, unexpected, on loan, unknown) over
one table, and the actions on the result. The table is a model over the result's rows
(:class:`ResultModel`), not a widget per cell, so a room of 2,000 items shows at once.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.common import label
from ui.widgets.screen import Screen
from ui.widgets.table import Table

log = logging.getLogger(__name__)

#: the result's lists, as tabs: (name, title)
TABS = (("found", "Found"), ("missing", "Missing"), ("unexpected", "Unexpected"),
        ("on_loan", "On loan"), ("unknown", "Unknown codes"))
HEADINGS = ("Tag", "Item", "Belongs in", "Last put in", "Scanned", "Note")

_Index = QModelIndex | QPersistentModelIndex


class ResultModel(QAbstractTableModel):
    """Rows of text, shown as they are (the controller turns result items into cells)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Sequence[str]] = []

    def set_rows(self, rows: list[Sequence[str]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADINGS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADINGS[section]
        return None


class StocktakeView(Screen):
    start_requested = Signal(str)
    open_requested = Signal(int)
    tab_changed = Signal(str)
    scan_typed = Signal(str)
    moves_clicked = Signal()
    lost_clicked = Signal()
    pause_clicked = Signal()
    close_clicked = Signal()
    leave_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: what Confirm moves can move (show_counts): None until a result says
        self._movable: int | None = None
        self._others: tuple[str, ...] = ()
        self.pages = QStackedWidget()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.addWidget(self.pages)
        self.pages.addWidget(self._build_list_page())
        self.pages.addWidget(self._build_scan_page())

    # -- the stocktakes going on ------------------------------------------------------------------
    def _build_list_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        title = QLabel("Stocktake")
        title.setStyleSheet("font-size: 18pt; font-weight: 700;")
        lay.addWidget(title)
        lay.addWidget(QLabel("Scan a location's label (or type its code, or a school's code for "
                             "the whole school) to start a stocktake there, or to resume the one "
                             "going on."))
        row = QHBoxLayout()
        self.place = QLineEdit()
        self.place.setPlaceholderText("Location code, e.g. ICT1")
        self.place.setAccessibleName("Location code")
        self.place.returnPressed.connect(self._start)
        start = QPushButton("Start or resume")
        start.setAccessibleName("Start or resume")
        start.clicked.connect(self._start)
        row.addWidget(self.place, 1)
        row.addWidget(start)
        lay.addLayout(row)
        lay.addWidget(QLabel("Stocktakes not closed yet, and the last ones closed:"))
        self.going = Table(["#", "Place", "Status", "Scanned", "Started"], "Stocktakes",
                           "No stocktakes yet.", stretch=1)
        self.going.cellDoubleClicked.connect(self._open_row)
        lay.addWidget(self.going, 1)
        opener = QPushButton("Open the selected stocktake")
        opener.clicked.connect(lambda: self._open_row(self.going.currentRow(), 0))
        lay.addWidget(opener, 0, Qt.AlignmentFlag.AlignLeft)
        self._ids: list[int] = []
        return page

    def _start(self) -> None:
        code = self.place.text().strip()
        if code:
            self.start_requested.emit(code)

    def _open_row(self, row: int, _col: int) -> None:
        if 0 <= row < len(self._ids):
            self.open_requested.emit(self._ids[row])

    def show_list(self, rows: list[tuple[int, str, str, int, str]]) -> None:
        from PySide6.QtWidgets import QTableWidgetItem

        self.pages.setCurrentIndex(0)
        self._ids = [r[0] for r in rows]
        self.going.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for c, value in enumerate(row):
                self.going.setItem(i, c, QTableWidgetItem(f"#{value}" if c == 0 else str(value)))
        self.place.setFocus()
        log.info("stocktake screen: %d stocktake%s listed", len(rows), "" if len(rows) == 1 else "s")

    # -- one stocktake ------------------------------------------------------------------------
    def _build_scan_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 700;")
        self.heading.setWordWrap(True)
        lay.addWidget(self.heading)
        self.counts = QLabel()
        self.counts.setAccessibleName("Counts")
        self.counts.setStyleSheet("font-size: 13pt;")
        lay.addWidget(self.counts)
        row = QHBoxLayout()
        self.code = QLineEdit()
        self.code.setPlaceholderText("Scan each item here (or type its tag and press Enter)")
        self.code.setAccessibleName("Tag")
        self.code.returnPressed.connect(self._typed)
        row.addWidget(self.code, 1)
        self.last = QLabel()
        self.last.setAccessibleName("Last scan")
        row.addWidget(self.last, 1)
        lay.addLayout(row)
        self.tabs = QTabBar()
        for _name, title in TABS:
            self.tabs.addTab(title)
        self.tabs.currentChanged.connect(lambda i: self.tab_changed.emit(TABS[i][0]))
        lay.addWidget(self.tabs)
        self.model = ResultModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Stocktake result")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setWordWrap(False)
        # columns fit what the first rows hold: measuring all 2,000 would cost more than the rows
        self.table.horizontalHeader().setResizeContentsPrecision(60)
        lay.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.moves = QPushButton("Confirm moves (unexpected → here)")
        self.lost = QPushButton("Mark missing as lost…")
        self.pause = QPushButton("Pause")
        self.close_ = QPushButton("Close and make the report…")
        leave = QPushButton("Back to the list")
        for button, signal in ((self.moves, self.moves_clicked), (self.lost, self.lost_clicked),
                               (self.pause, self.pause_clicked),
                               (self.close_, self.close_clicked), (leave, self.leave_clicked)):
            button.setAccessibleName(button.text())
            button.clicked.connect(signal.emit)
            buttons.addWidget(button)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        # why Confirm moves is off while there are unexpected items (another school's)
        self.moves_why = label("", "hint", name="Why nothing can be moved")
        self.moves_why.hide()
        lay.addWidget(self.moves_why)
        return page

    def _typed(self) -> None:
        text = self.code.text().strip()
        self.code.clear()
        if text:
            self.scan_typed.emit(text)

    def show_stocktake(self, heading: str, status: str, counts: dict[str, int],
                       expected: int, movable: int | None = None,
                       others: Sequence[str] = ()) -> None:
        self.pages.setCurrentIndex(1)
        self.heading.setText(heading)
        self._movable = None  # another stocktake: as many as it says
        self.show_counts(status, counts, expected, movable, others)
        self.code.setFocus()

    def show_counts(self, status: str, counts: dict[str, int], expected: int,
                    movable: int | None = None, others: Sequence[str] = ()) -> None:
        """``movable``: the unexpected items Confirm moves would move here (None: as many as
        are unexpected); ``others``: the schools whose unexpected items it would not."""
        done = counts["found"] + counts["on_loan"]
        self.counts.setText(
            f"{status.capitalize()} · expected {expected} · found {counts['found']} · missing "
            f"{counts['missing']} · on loan {counts['on_loan']} · unexpected "
            f"{counts['unexpected']} · unknown {counts['unknown']} · "
            f"{done * 100 // expected if expected else 100}% accounted for")
        log.info("stocktake screen: %s", self.counts.text())
        for i, (name, title) in enumerate(TABS):
            self.tabs.setTabText(i, f"{title} ({counts[name]})")
        closed = status == "closed"
        self.code.setEnabled(status == "open")
        self.pause.setText("Resume" if status == "paused" else "Pause")
        self.pause.setEnabled(not closed)
        self.close_.setEnabled(not closed)
        # a closed stocktake is history: its result is not acted on any more
        if movable is not None:
            self._movable, self._others = movable, tuple(others)
        can_move = (counts["unexpected"] if self._movable is None else self._movable) > 0
        self.moves.setEnabled(can_move and not closed)
        why = ""
        if not can_move and counts["unexpected"] > 0 and not closed:
            why = (f"Nothing to move here: the unexpected items belong to "
                   f"{', '.join(self._others)} — a technician of that school or a trust admin "
                   "moves them." if self._others else
                   "Nothing to move here: the unexpected items are retired.")
        self.moves.setToolTip(why)
        self.moves_why.setText(why)
        self.moves_why.setVisible(bool(why))
        self.lost.setEnabled(counts["missing"] > 0 and not closed)

    def show_rows(self, rows: list[Sequence[str]]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()

    def current_tab(self) -> str:
        return TABS[max(0, self.tabs.currentIndex())][0]

    def show_last(self, text: str) -> None:
        self.last.setText(text)
        log.info("stocktake screen: %s", text)  # what it says (LOAN_KIOSK_LOG=INFO)
