"""A sketch of a label sheet: which positions will be printed (for partly used sheets)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget


class LabelSheetPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns, self.rows, self.start, self.count = 2, 7, 1, 0
        self.setMinimumSize(200, 260)
        self.setAccessibleName("Label sheet preview")

    def set_sheet(self, columns: int, rows: int, start: int, count: int) -> None:
        self.columns, self.rows, self.start, self.count = columns, rows, start, count
        self.setAccessibleDescription(f"{count} labels from position {start} on a "
                                      f"{columns}×{rows} sheet")
        self.update()

    def paintEvent(self, _event) -> None:  # type: ignore[no-untyped-def]
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#f1f3f5"))
        h = self.height() - 10
        w = min(self.width() - 10, h * 210 / 297)
        page = QRectF((self.width() - w) / 2, 5, w, h)
        p.fillRect(page, Qt.GlobalColor.white)
        p.setPen(QPen(QColor("#5f6b78"), 1))
        p.drawRect(page)
        cw = (page.width() - 12) / self.columns
        ch = (page.height() - 12) / self.rows
        for i in range(self.columns * self.rows):
            r, c = divmod(i, self.columns)
            cell = QRectF(page.left() + 6 + c * cw + 2, page.top() + 6 + r * ch + 2, cw - 4, ch - 4)
            used = self.start - 1 <= i < self.start - 1 + self.count
            p.fillRect(cell, QColor("#0b4f8a") if used else QColor("#e9ecef"))
            p.drawRect(cell)
        p.end()
