"""The desk's serial (virtual COM) scanner: the plain reader's callbacks turned into Qt signals.

:class:`app.devices.serial_scanner.SerialScanner` reads on its own thread and calls
back there. :class:`SerialScannerBridge` re-emits those calls as Qt signals; the
bridge lives on the GUI thread, so connected slots run there (queued).
:class:`DeskSerialScanner` is what the main window holds: scans go to the desk's
scan handler, the connection status to the header, and an unplug to the banner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # pyserial loads only when a serial scanner is configured (desk cold start)
    from app.devices.serial_scanner import ScannerEvent, SerialScanner


class SerialScannerBridge(QObject):
    """Owns a :class:`SerialScanner` and re-emits its callbacks as signals."""

    scanned = Signal(str)
    status_changed = Signal(object)  # ScannerEvent

    def __init__(self, reader: SerialScanner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        reader.on_scan = self.scanned.emit  # on the reader thread: only emit
        reader.on_status = self.status_changed.emit

    def start(self) -> None:
        self.reader.start()

    def stop(self) -> None:
        self.reader.stop()


class DeskSerialScanner(QObject):
    """The desk's serial scanner, if one is configured: start, stop, and say how it is."""

    def __init__(self, on_scan: Callable[[str], None],
                 show_status: Callable[[str, bool | None, str], None],
                 notify: Callable[[str, str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_scan = on_scan
        self._show_status = show_status  # (text, ok, detail): ok None hides it
        self._notify = notify
        self.bridge: SerialScannerBridge | None = None
        self.status: ScannerEvent | None = None

    def start(self, reader: SerialScanner | None) -> None:
        self.stop()
        self._show_status("", None, "")
        if reader is None:
            return
        self.bridge = SerialScannerBridge(reader, self)
        self.bridge.scanned.connect(self._on_scan)
        self.bridge.status_changed.connect(self._status)
        self.bridge.start()

    def stop(self) -> None:
        bridge, self.bridge = self.bridge, None
        if bridge is not None:
            bridge.stop()
            bridge.deleteLater()
        self.status = None

    def _status(self, event: ScannerEvent) -> None:
        was_connected = self.status is not None and self.status.connected
        self.status = event
        self._show_status(event.short(), event.connected, event.describe())
        if was_connected and event.status.value == "unplugged":
            self._notify("warn", f"The scanner on {event.port} was unplugged. Plug it back in and "
                                 "it carries on by itself; meanwhile, type codes on the Scan "
                                 "screen.")
