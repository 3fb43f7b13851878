"""A word-wrapped label that answers "how tall at this width?" once per width and text."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

#: widths remembered per label (a window being resized asks for many)
_KEEP = 32


class WrapLabel(QLabel):
    """A ``QLabel`` that remembers its height for a width.

    A layout asks each word-wrapped label for its height at a width several times
    whenever the screen is laid out, and QLabel lays its text out again for every
    answer. Showing the check-in screen after a scan did that for every wrapped label
    on it, ~0.3 ms of the 0.8 ms Qt took (bench scan-to-screen, thread CPU time). The
    answer depends on the width, the text, wrapping, the font, the style and the
    margins: remembered per width, forgotten when the text, wrapping, font, style or
    contents margins change. (The text is not part of the key: a scan asks the check-in
    screen's labels about 90 times, and reading ``text()`` back from Qt for each question
    cost more than the question itself.)
    """

    _FORGET = (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.ContentsRectChange)

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._heights: dict[int, int] = {}

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._heights.clear()
        super().setText(text)

    def clear(self) -> None:
        self._heights.clear()
        super().clear()

    def setWordWrap(self, on: bool) -> None:  # noqa: N802 - Qt's name
        self._heights.clear()
        super().setWordWrap(on)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        height = self._heights.get(width)
        if height is None:
            if len(self._heights) >= _KEEP:
                self._heights.clear()
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() in self._FORGET:
            self._heights.clear()
        super().changeEvent(event)
