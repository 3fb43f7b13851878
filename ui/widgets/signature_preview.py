"""Draws a stored signature (vector strokes) so a technician can look at it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget


class SignaturePreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strokes: list[list[list[float]]] = []
        self.window_box: list[float] = [0.0, 0.0, 1.0, 1.0]
        self.setMinimumSize(360, 160)
        self.setAccessibleName("Signature")

    def set_signature(self, strokes: list[list[list[float]]], window: list[float]) -> None:
        self.strokes = strokes
        self.window_box = window
        self.update()

    def paintEvent(self, _event) -> None:  # type: ignore[no-untyped-def]
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        x0, y0, x1, y1 = self.window_box
        sx = (self.width() - 20) / max(1e-6, x1 - x0)
        sy = (self.height() - 20) / max(1e-6, y1 - y0)
        s = min(sx, sy)
        p.setPen(QPen(Qt.GlobalColor.black, 2))
        for stroke in self.strokes:
            path = QPainterPath()
            for i, pt in enumerate(stroke):
                q = QPointF(10 + (pt[1] - x0) * s, 10 + (pt[2] - y0) * s)
                if i == 0:
                    path.moveTo(q)
                else:
                    path.lineTo(q)
            p.drawPath(path)
        if not self.strokes:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No signature")
        p.end()
