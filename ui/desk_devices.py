"""The desk's hardware: the printers, the signature pad and the serial scanner.

The composition root (:func:`ui.desk_app.build_window`, fed by :func:`app.bootstrap.bootstrap`)
builds a :class:`DeskDevices` — how to get a printer, how to open the pad and the serial
scanner the settings name — and hands it to the window; tests hand in fakes the same way.
The window never builds hardware itself: :class:`DeskHardware` only holds what is open
(the pad, lent to whichever signature step is showing; the serial scanner's reader) and
opens it again, through the same ``DeskDevices``, when the settings change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.hardware import build_pad, build_scanner_reader
from ui.serial_scanner import DeskSerialScanner

if TYPE_CHECKING:
    from app.bootstrap import AppContext
    from app.config import PadSettings, ScannerSettings, Settings
    from app.devices.pad import SignaturePad
    from app.devices.printer import PrinterFactory
    from app.devices.serial_scanner import SerialScanner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeskDevices:
    """How the desk gets its hardware (handed in by the composition root)."""

    #: a printer for the settings and a queue name (None: the configured one)
    printer_factory: PrinterFactory
    #: the pad the settings name, opened; None when none is set up; raises for a bad setting
    open_pad: Callable[[PadSettings], SignaturePad | None] = build_pad
    #: the serial scanner the settings name (not started), or None
    open_scanner: Callable[[ScannerSettings], SerialScanner | None] = build_scanner_reader


def desk_devices(ctx: AppContext) -> DeskDevices:
    """The hardware the composition root built (:mod:`app.hardware`, through
    :func:`app.bootstrap.bootstrap`): the context's printers, pad opener and serial scanner."""
    return DeskDevices(printer_factory=ctx.printer_factory, open_pad=ctx.pad_factory,
                       open_scanner=ctx.scanner_factory)


class DeskHardware(QObject):
    """What is open: the pad and the serial scanner (scans to ``on_scan``, its state to
    ``show_status``, an unplug to ``notify``)."""

    def __init__(self, devices: DeskDevices, settings: Settings,
                 on_scan: Callable[[str], None],
                 show_status: Callable[[str, bool | None, str], None],
                 notify: Callable[[str, str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.devices = devices
        self._settings = settings
        self._notify = notify
        #: the signature pad, owned here and lent to whichever signature step is showing
        self.pad: SignaturePad | None = None
        self.serial_scanner = DeskSerialScanner(on_scan, show_status, notify, self)

    def open_pad(self) -> None:
        """Open the configured pad, if one is set up; it reconnects by itself, and signing falls
        back to the mouse."""
        try:
            pad = self.devices.open_pad(self._settings.pad)
        except Exception as exc:  # noqa: BLE001 - a bad pad setting must not stop the desk
            self._notify("warn", f"Signature pad not available ({exc}); sign with the mouse.")
            return
        if pad is not None:
            self.set_pad(pad)

    def set_pad(self, pad: SignaturePad | None) -> None:
        if self.pad is not None and self.pad is not pad:
            self.pad.close()
        self.pad = pad

    def start_serial_scanner(self) -> None:
        """The configured serial scanner, if any, reading from now on."""
        self.serial_scanner.start(self.devices.open_scanner(self._settings.scanner))

    def settings_changed(self) -> None:
        """The pad and the serial scanner the new settings name."""
        self.set_pad(None)
        self.open_pad()
        self.start_serial_scanner()

    def close(self) -> None:
        self.serial_scanner.stop()
        self.set_pad(None)
