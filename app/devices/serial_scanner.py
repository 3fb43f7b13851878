"""A barcode scanner on a serial line (RS-232, or a USB scanner in virtual COM mode).

The scanner sends each code as a line ended by CR, LF or both. One reader thread
owns the port: it opens it, splits what arrives into lines and hands each code
to ``on_scan``; connection changes go to ``on_status`` as :class:`ScannerEvent`.
When the port fails (unplugged: pyserial raises ``SerialException``, an
``OSError``) the thread says so, and tries to open it again every second, so a
scanner that comes back resumes by itself. Both callbacks run *on the reader
thread*: they must be quick and must not touch the GUI (``ui.serial_scanner``
turns them into Qt signals). Nothing here raises into the caller once started.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

import serial

from app.devices.line import LineSettings
from app.devices.serial_line import PortBusy, open_line

log = logging.getLogger(__name__)

READ_TIMEOUT_S = 0.1  # bounds how long stop() takes
RETRY_INTERVAL_S = 1.0
MAX_LINE = 4096  # a "line" longer than this is noise, not a code


class ScannerStatus(enum.Enum):
    CONNECTED = "connected"
    UNPLUGGED = "unplugged"  # it was there and went away; retrying
    NOT_FOUND = "not_found"  # not there (yet); retrying
    BUSY = "busy"  # another program has the port; retrying
    ERROR = "error"  # there but unusable (permissions...); retrying


@dataclass(frozen=True)
class ScannerEvent:
    status: ScannerStatus
    port: str
    message: str = ""

    @property
    def connected(self) -> bool:
        return self.status is ScannerStatus.CONNECTED

    def short(self) -> str:
        """A few words for a status bar (:meth:`describe` has the port and the reason)."""
        return {ScannerStatus.CONNECTED: "Scanner connected",
                ScannerStatus.UNPLUGGED: "Scanner unplugged — reconnecting…",
                ScannerStatus.NOT_FOUND: "Scanner not found — retrying…",
                ScannerStatus.BUSY: "Scanner port busy — retrying…",
                ScannerStatus.ERROR: "Scanner problem — retrying…"}[self.status]

    def describe(self) -> str:
        """The plain words the desk shows."""
        if self.status is ScannerStatus.CONNECTED:
            return f"Scanner connected on {self.port}"
        if self.status is ScannerStatus.UNPLUGGED:
            return "Scanner unplugged — reconnecting…"
        if self.status is ScannerStatus.NOT_FOUND:
            return f"Scanner not found on {self.port} — retrying…"
        if self.status is ScannerStatus.BUSY:
            return f"Scanner port {self.port} is {self.message} — retrying…"
        return f"Scanner problem on {self.port}: {self.message} — retrying…"


ScanListener = Callable[[str], None]
ScannerStatusListener = Callable[[ScannerEvent], None]


def _split_lines(buf: bytearray) -> list[str]:
    """Take the complete CR/LF-ended lines out of ``buf``; the codes in them, in order."""
    codes = []
    while True:
        cut = [i for i in (buf.find(b"\r"), buf.find(b"\n")) if i >= 0]
        if not cut:
            break
        i = min(cut)
        text = bytes(buf[:i]).decode("utf-8", errors="replace").strip()
        del buf[:i + 1]
        if text:
            codes.append(text)
    if len(buf) > MAX_LINE:
        buf.clear()
    return codes


class SerialScanner:
    """Reads a serial scanner on its own thread; each CR/LF line becomes ``on_scan(code)``."""

    def __init__(self, port: str, baud: int = 9600, *, on_scan: ScanListener | None = None,
                 on_status: ScannerStatusListener | None = None,
                 retry_interval: float = RETRY_INTERVAL_S) -> None:
        self.port = port
        self.line = LineSettings(baud)
        self.retry_interval = retry_interval
        #: called on the reader thread; whoever wires the scanner may set them before start()
        self.on_scan: ScanListener = on_scan or (lambda _code: None)
        self.on_status: ScannerStatusListener = on_status or (lambda _event: None)
        self.status: ScannerEvent | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"serial-scanner {self.port}",
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop reading and release the port; returns once the thread has ended."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5.0)

    def _say(self, status: ScannerStatus, message: str = "") -> None:
        event = ScannerEvent(status, self.port, message)
        if event == self.status:
            return
        self.status = event
        try:
            self.on_status(event)
        except Exception:  # a broken listener must not stop the reader
            log.exception("scanner status listener failed")

    def _run(self) -> None:
        was_connected = False
        while not self._stop.is_set():
            try:
                ser = open_line(self.port, self.line, timeout=READ_TIMEOUT_S)
            except PortBusy as exc:
                self._say(ScannerStatus.BUSY, exc.message)
            except (OSError, ValueError) as exc:
                missing = isinstance(exc, FileNotFoundError) or getattr(exc, "errno", None) == 2
                if was_connected:
                    self._say(ScannerStatus.UNPLUGGED)
                elif missing:
                    self._say(ScannerStatus.NOT_FOUND)
                else:
                    self._say(ScannerStatus.ERROR, getattr(exc, "strerror", None) or str(exc))
            else:
                was_connected = True
                self._say(ScannerStatus.CONNECTED)
                self._read(ser)
            self._stop.wait(self.retry_interval)

    def _read(self, ser: serial.SerialBase) -> None:
        buf = bytearray()
        try:
            while not self._stop.is_set():
                chunk = ser.read(ser.in_waiting or 1)
                if not chunk:
                    continue
                buf += chunk
                for code in _split_lines(buf):
                    try:
                        self.on_scan(code)
                    except Exception:
                        log.exception("scan listener failed")
        except OSError:  # SerialException included: unplugged
            self._say(ScannerStatus.UNPLUGGED)
        finally:
            try:
                ser.close()
            except OSError:
                pass
