"""The hardware adapters, built where the composition root wires them: plain factories.

* the printer documents go to (:func:`printer_factory`, :func:`build_printer`): CUPS, or
  Qt's print support on the desk side;
* the signature pad on a serial port (:func:`build_pad`), opened and reconnecting by itself;
* the serial (virtual COM) scanner reader (:func:`build_scanner_reader`).

Each factory takes the settings it needs and returns the adapter, or None where the
settings say there is no such device. :func:`app.bootstrap.bootstrap` hands them to the
:class:`~app.bootstrap.AppContext` (``printer_factory``, ``pad_factory``,
``scanner_factory``); the desk and the CLI build their devices through those, and tests
hand in fakes instead. Importing this module loads no device code.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.config import PRINT_BACKENDS, PadSettings, ScannerSettings, Settings

if TYPE_CHECKING:
    from app.devices.pad import SignaturePad
    from app.devices.printer import Printer, PrinterFactory
    from app.devices.serial_scanner import SerialScanner

#: builds the configured signature pad (None: no pad set up); raises on a bad setting
PadFactory = Callable[[PadSettings], "SignaturePad | None"]
#: builds the configured serial scanner reader (None: no serial scanner set up)
ScannerFactory = Callable[[ScannerSettings], "SerialScanner | None"]

#: the desk-side module with the printer on Qt's print support (loaded by name: ``app``
#: never imports Qt, and the CLI loads Qt only when it prints through it)
QT_PRINTER_MODULE = "ui.printing.qt_printer"


def default_print_backend(platform: str = sys.platform) -> str:
    """The backend when ``[printing] backend`` is empty: Qt's print support on Windows (which
    has no CUPS) and macOS (Qt prints through macOS's own printing system there); CUPS on
    Linux, which reports job ids and why a queue is unavailable (stopped, refusing jobs)
    and needs no display."""
    return "qt" if platform in ("win32", "cygwin", "darwin") else "cups"


def build_printer(settings: Settings, name: str | None = None, *, backend: str | None = None,
                  platform: str = sys.platform) -> Printer:
    """The printer for queue ``name`` (else the settings', else the system default) on
    ``backend``, else ``[printing] backend``, else the platform's default."""
    from app.devices.printer import CupsPrinter, UnusablePrinter

    queue = name or settings.printing.printer or None
    chosen = backend or settings.printing.backend or default_print_backend(platform)
    if chosen == "cups":
        return CupsPrinter(queue)
    if chosen != "qt":
        return UnusablePrinter(queue, f"cannot be used: the setting printing.backend is "
                                      f"{chosen!r}; use one of {', '.join(PRINT_BACKENDS)}")
    try:
        module = importlib.import_module(QT_PRINTER_MODULE)
    except ImportError as exc:  # a bundle built without QtPrintSupport or PDFium, say
        return UnusablePrinter(queue, f"cannot be used: Qt's print support is incomplete in "
                                      f"this installation ({exc.name or exc} is missing)")
    printer: Printer = module.make_qt_printer(queue, page_size=settings.printing.page_size)
    return printer


def printer_factory(backend: str | None = None, *, platform: str = sys.platform) -> PrinterFactory:
    """What the services print through: :func:`build_printer`, reading the settings at each
    call (the admin screen may change them), on ``backend`` if given (``--backend``)."""
    def make(settings: Settings, name: str | None = None) -> Printer:
        return build_printer(settings, name, backend=backend, platform=platform)

    return make


def build_pad(settings: PadSettings) -> SignaturePad | None:
    """The signature pad the settings name, opened; it reconnects by itself when unplugged.

    None when no pad is set up (port and protocol). A setting that cannot work raises, and
    the desk says so and lets people sign with the mouse.
    """
    if not (settings.port and settings.protocol):
        return None
    from app.devices.serial_pad import SerialPad, SerialPadConfig

    pad = SerialPad(SerialPadConfig.from_settings(settings))
    pad.open(must_connect=False)
    return pad


def build_scanner_reader(settings: ScannerSettings) -> SerialScanner | None:
    """The serial (virtual COM) scanner reader the settings name, not yet started; None when
    the scanner is a keyboard-wedge one (no serial port set)."""
    if not settings.serial_port:
        return None
    from app.devices.serial_scanner import SerialScanner

    return SerialScanner(settings.serial_port, settings.serial_baud)
