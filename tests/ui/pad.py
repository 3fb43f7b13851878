"""Signing in tests: with the mouse (what a newcomer does), or through the pad simulator."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget


def _mouse(canvas: QWidget, etype: QEvent.Type, x: float, y: float, down: bool) -> None:
    pos = QPointF(x, y)
    buttons = Qt.MouseButton.LeftButton if down else Qt.MouseButton.NoButton
    button = Qt.MouseButton.LeftButton if etype != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    ev = QMouseEvent(etype, pos, canvas.mapToGlobal(pos), button, buttons,
                     Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(canvas, ev)


def sign_with_mouse(canvas: QWidget) -> None:
    """Two wavy strokes across most of the signature area."""
    w, h = canvas.width(), canvas.height()
    for stroke in range(2):
        y0 = h * (0.4 + 0.2 * stroke)
        x_start, x_end = w * 0.12, w * 0.88
        _mouse(canvas, QEvent.Type.MouseButtonPress, x_start, y0, True)
        steps = 40
        for i in range(1, steps + 1):
            x = x_start + (x_end - x_start) * i / steps
            y = y0 + math.sin(i / 3) * h * 0.12
            _mouse(canvas, QEvent.Type.MouseMove, x, y, True)
        _mouse(canvas, QEvent.Type.MouseButtonRelease, x_end, y0, False)
