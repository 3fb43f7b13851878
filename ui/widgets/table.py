"""The desk's read-only table.

Apart from :mod:`ui.widgets.common` because the sign-in screen (all a cold desk
shows) has no table, and loading ``QTableWidget`` creates ~15 Python enum types.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget


class Table(QTableWidget):
    """A read-only table with an empty-state line.

    Columns fit their contents; the ``stretch`` column(s) (the long ones: a name, an item,
    a note) share the rest of the width, or without ``stretch`` the last column takes it.
    Text that does not fit its column wraps onto more lines (the row grows) rather than
    being cut off with "…": a long borrower name or model at 1280×720 is read whole.
    """

    def __init__(self, headers: list[str], name: str, empty: str = "Nothing to show.",
                 parent: QWidget | None = None, *, stretch: int | tuple[int, ...] | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.setAccessibleName(name)
        self.empty_text = empty
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh = self.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if stretch is None:
            hh.setStretchLastSection(True)
        else:
            for col in (stretch,) if isinstance(stretch, int) else stretch:
                hh.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)

    def set_rows(self, rows: list[list[str]], colours: list[str | None] | None = None) -> None:
        self.clearSpans()
        if not rows:
            self.setRowCount(1)
            item = QTableWidgetItem(self.empty_text)
            item.setForeground(Qt.GlobalColor.darkGray)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.setItem(0, 0, item)
            for c in range(1, self.columnCount()):
                self.setItem(0, c, QTableWidgetItem(""))
            if self.columnCount() > 1:
                self.setSpan(0, 0, 1, self.columnCount())
            return
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if colours and colours[r]:
                    from PySide6.QtGui import QColor

                    item.setForeground(QColor(colours[r]))
                self.setItem(r, c, item)
        # the columns size themselves (ResizeToContents); resizeColumnsToContents() here
        # would take the stretch column's spare width away until the next resize

    def row_texts(self) -> list[list[str]]:
        out = []
        for r in range(self.rowCount()):
            out.append([(self.item(r, c).text() if self.item(r, c) else "")
                        for c in range(self.columnCount())])
        return out
