"""The desk's read-only table.

Apart from :mod:`ui.widgets.common` because the sign-in screen (all a cold desk
shows) has no table, and loading ``QTableWidget`` creates ~15 Python enum types.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget


class Table(QTableWidget):
    """A read-only table with an empty-state line.

    When every column fits on one line, columns fit their contents and the first
    ``stretch`` column (or the last column) takes the spare width. When they do not (a
    long borrower name, model or note, a small screen), the ``stretch`` columns (the long
    ones) share what is left and their text wraps onto more lines, the row growing,
    rather than being cut off with "…".
    """

    def __init__(self, headers: list[str], name: str, empty: str = "Nothing to show.",
                 parent: QWidget | None = None, *, stretch: int | tuple[int, ...] | None = None,
                 school: bool = False) -> None:
        super().__init__(0, len(headers) + (1 if school else 0), parent)
        #: a list that can hold several schools' rows has a last **School** column (the
        #: school's code; its name as tooltip and accessible text), shown only when
        #: :meth:`set_rows` is given each row's school (an "All schools" view)
        self._school_column = len(headers) if school else None
        self.setHorizontalHeaderLabels(headers + (["School"] if school else []))
        if self._school_column is not None:
            self.setColumnHidden(self._school_column, True)
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
        last = len(headers) - 1
        self._long: tuple[int, ...] = ((last,) if stretch is None
                                       else (stretch,) if isinstance(stretch, int) else stretch)
        self._wrapping: bool | None = None
        self._fit_columns()

    def _fit_columns(self) -> None:
        """One line a row when everything fits, else the long columns share and wrap."""
        hh = self.horizontalHeader()
        natural = sum(max(hh.sectionSizeHint(c), self.sizeHintForColumn(c))
                      for c in range(self.columnCount()) if not self.isColumnHidden(c))
        wrapping = natural > self.viewport().width()
        if wrapping == self._wrapping:
            return
        self._wrapping = wrapping
        for c in range(self.columnCount()):
            share = c in self._long if wrapping else c == self._long[0]
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if share
                                    else QHeaderView.ResizeMode.ResizeToContents)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def set_rows(self, rows: list[list[str]], colours: list[str | None] | None = None,
                 schools: list[tuple[str, str] | None] | None = None) -> None:
        """``schools``: each row's school as (code, name), for a list that shows several
        schools' rows (the School column shows); None hides the column (one school's view)."""
        self.clearSpans()
        if self._school_column is not None:
            showing = schools is not None
            if showing != (not self.isColumnHidden(self._school_column)):
                self.setColumnHidden(self._school_column, not showing)
                self._wrapping = None  # what fits has changed
            if schools is not None:
                rows = [[*row, school[0] if school else ""]
                        for row, school in zip(rows, schools, strict=True)]
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
            self._fit_columns()
            return
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if colours and colours[r]:
                    from PySide6.QtGui import QColor

                    item.setForeground(QColor(colours[r]))
                if c == self._school_column and schools is not None and schools[r]:
                    name = schools[r][1]  # type: ignore[index]
                    item.setToolTip(name)
                    item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{name} ({text})")
                self.setItem(r, c, item)
        # the columns size themselves (ResizeToContents); resizeColumnsToContents() here
        # would take the stretch column's spare width away until the next resize
        self._fit_columns()

    def row_texts(self) -> list[list[str]]:
        """The text of each row's shown columns (a hidden School column is not there)."""
        out = []
        for r in range(self.rowCount()):
            out.append([item.text() if (item := self.item(r, c)) is not None else ""
                        for c in range(self.columnCount()) if not self.isColumnHidden(c)])
        return out

    def headers(self) -> list[str]:
        """The shown columns' headings."""
        return [item.text() if (item := self.horizontalHeaderItem(c)) is not None else ""
                for c in range(self.columnCount()) if not self.isColumnHidden(c)]
