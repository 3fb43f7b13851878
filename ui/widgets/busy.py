"""The header's "working" indicator, shown only for work a person would otherwise wonder about."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, SignalInstance
from PySide6.QtWidgets import QWidget

#: work that ends sooner than this never shows the indicator
DELAY_MS = 300


class DelayedBusy(QObject):
    """Shows ``indicator`` once ``busy`` has said True for :data:`DELAY_MS` without a False.

    A scan's lookup takes a few milliseconds: showing the animated bar for it, then hiding
    it, laid the header out twice per scan and flashed on screen for no one to read.
    """

    def __init__(self, indicator: QWidget, busy: SignalInstance, parent: QObject | None = None,
                 delay_ms: int = DELAY_MS) -> None:
        super().__init__(parent)
        self._indicator = indicator
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(lambda: self._indicator.setVisible(self._busy))
        busy.connect(self._changed)

    def _changed(self, busy: bool) -> None:
        self._busy = busy
        if busy:
            if not self._timer.isActive() and not self._indicator.isVisible():
                self._timer.start()
        else:
            self._timer.stop()
            self._indicator.setVisible(False)
