"""The desk's one application-wide event filter, in front of the wedge scanner and the idle lock.

Every event of every widget (paints, shows, layout requests: some 200 for a scan that opens
the check-in screen) passes through each application-wide filter, and with PySide each one
is a crossing into Python. The desk needs two watchers of input: the wedge scanner (key
events, :class:`ui.scanner.ScanFilter`) and the idle lock (any input,
:class:`ui.controllers.idle.IdleLock`). One filter hands each its events, so every other
event crosses into Python once, not once per watcher.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from ui.controllers.idle import INPUT_EVENTS, IdleLock
from ui.scanner import ScanFilter

_KEYS = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease})


class InputWatch(QObject):
    def __init__(self, scanner: ScanFilter, idle: IdleLock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scanner = scanner
        self.idle = idle

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        etype = event.type()
        if etype in INPUT_EVENTS:
            self.idle.input_seen()
        if etype in _KEYS:
            return self.scanner.eventFilter(obj, event)
        return False
