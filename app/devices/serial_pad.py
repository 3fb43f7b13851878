"""A signature pad on a serial line (RS-232, USB virtual COM port, or a pty), via pyserial.

One reader thread per pad owns the port: it opens it (running the ISDV4
start-up handshake where needed), reads whatever has arrived, decodes it and
hands the samples to the listeners. When the port fails (unplugged: pyserial
raises ``SerialException``, an ``OSError``) the thread reports
``DISCONNECTED``, closes the port and tries to open it again every second
(``RECONNECTING``), so a pad that comes back, even as a new device behind the
same ``/dev/serial/by-id/…`` link, resumes by itself. Nothing here raises into
the app once the pad is open; :meth:`SerialPad.close` stops the thread and
waits for it.
"""

from __future__ import annotations

import errno
import os
import threading
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import serial

from app.devices import isdv4, topaz
from app.devices.isdv4 import Isdv4Decoder, QueryReply
from app.devices.pad import (
    PROTOCOLS,
    DecoderStats,
    PadDecoder,
    PadError,
    PadStatus,
    SignaturePad,
    StatusEvent,
    Window,
)
from app.devices.topaz import TopazDecoder

if TYPE_CHECKING:
    from app.config import PadSettings

READ_TIMEOUT_S = 0.05  # how long one read waits: bounds how long close() takes
RETRY_INTERVAL_S = 1.0
ISDV4_SETTLE_S = 0.25  # after "0" (stop), before flushing
ISDV4_QUERY_TIMEOUT_S = 1.0
#: the size the simulator and the one real device we know of report, until the pad answers
ISDV4_DEFAULT_LIMITS = QueryReply(24576, 18432, 1023)

#: errors that mean "the device is not there" rather than "the device is there but unusable"
_ABSENT_ERRNOS = {errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.EIO}


@dataclass(frozen=True)
class SerialPadConfig:
    port: str
    protocol: str
    baud: int = 0  # 0: the protocol's default (ISDV4 then falls back to the other speed)
    window: Window = (500.0, 400.0, 2650.0, 2100.0)  # Topaz only; ISDV4 reports its own
    dtr: bool = True
    rts: bool = True
    read_timeout: float = READ_TIMEOUT_S
    retry_interval: float = RETRY_INTERVAL_S

    def __post_init__(self) -> None:
        if self.protocol not in PROTOCOLS:
            raise PadError(f"unknown pad protocol {self.protocol!r} (use one of: "
                           f"{', '.join(PROTOCOLS)})")
        if not self.port:
            raise PadError("no pad port configured")
        x0, y0, x1, y1 = self.window
        if not (x1 > x0 and y1 > y0):
            raise PadError(f"pad window {list(self.window)} must be [xmin, ymin, xmax, ymax]")

    @classmethod
    def from_settings(cls, pad: PadSettings, *, port: str | None = None,
                      protocol: str | None = None, baud: int | None = None) -> SerialPadConfig:
        """The configured pad; command-line options override single settings."""
        w = pad.window
        if len(w) != 4:
            raise PadError("setting pad.window must be [xmin, ymin, xmax, ymax]")
        return cls(port=port or pad.port, protocol=protocol or pad.protocol,
                   baud=pad.baud if baud is None else baud,
                   window=(float(w[0]), float(w[1]), float(w[2]), float(w[3])),
                   dtr=pad.dtr, rts=pad.rts)

    def bauds(self) -> list[int]:
        """Speeds to try, in order."""
        if self.protocol == "topaz":
            return [self.baud or topaz.BAUD]
        first = self.baud or isdv4.BAUD
        other = isdv4.FALLBACK_BAUD if first == isdv4.BAUD else isdv4.BAUD
        return [first, other]


def _reason(exc: OSError) -> str:
    """Plain words for an OS error (pyserial wraps them in longer messages)."""
    if exc.errno:
        return os.strerror(exc.errno)
    # e.g. "Could not configure port: (25, 'Inappropriate ioctl for device')" from termios
    cause = exc.__cause__ or exc.__context__
    args: tuple[object, ...] = tuple(getattr(cause, "args", ()))
    if len(args) == 2 and isinstance(args[0], int) and isinstance(args[1], str):
        return args[1]
    return str(exc) or exc.__class__.__name__


def _is_absent(exc: OSError) -> bool:
    return isinstance(exc, FileNotFoundError) or exc.errno in _ABSENT_ERRNOS


class SerialPad(SignaturePad):
    """A Topaz-style or ISDV4 pad on a serial port."""

    def __init__(self, config: SerialPadConfig) -> None:
        super().__init__()
        self.config = config
        self._decoder: PadDecoder = (TopazDecoder() if config.protocol == "topaz"
                                     else Isdv4Decoder())
        self._limits: QueryReply | None = None
        self._ser: serial.SerialBase | None = None
        self._baud = config.bauds()[0]
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._t0 = time.monotonic()

    # -- SignaturePad ------------------------------------------------------------------------------
    @property
    def window(self) -> Window:
        if self.config.protocol == "topaz":
            return self.config.window
        lim = self._limits or ISDV4_DEFAULT_LIMITS
        return (0.0, 0.0, float(lim.x_max), float(lim.y_max))

    @property
    def description(self) -> str:
        kind = "Topaz 5-byte" if self.config.protocol == "topaz" else "Wacom ISDV4"
        return f"{kind} on {self.config.port}"

    @property
    def stats(self) -> DecoderStats:
        return replace(self._decoder.stats)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def open(self, *, must_connect: bool = True) -> None:
        if self._thread is not None:
            raise PadError("the pad is already open")
        self._stop.clear()
        self._t0 = time.monotonic()
        if must_connect:
            try:
                self._ser = self._connect()
            except OSError as exc:
                raise PadError(f"cannot open pad port {self.config.port}: {_reason(exc)}") from exc
        self._thread = threading.Thread(target=self._run, name=f"pad-reader {self.config.port}",
                                        daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5.0)
        self._close_port()

    # -- the reader thread -----------------------------------------------------------------------
    def _run(self) -> None:
        try:
            if self._ser is not None:
                self._connected()
            while not self._stop.is_set():
                if self._ser is None:
                    try:
                        self._ser = self._connect()
                    except (OSError, PadError) as exc:
                        self._unavailable(exc)
                        self._stop.wait(self.config.retry_interval)
                        continue
                    self._connected()
                try:
                    data = self._read_chunk(self._ser)
                except OSError as exc:  # SerialException included: the device went away
                    self._close_port()
                    self._emit_status(StatusEvent(PadStatus.DISCONNECTED, self.config.port,
                                                  str(exc)))
                    self._stop.wait(self.config.retry_interval)
                    continue
                if data:
                    now = (time.monotonic() - self._t0) * 1000
                    samples = self._decoder.feed(data, now, 10_000 / self._baud)
                    self._emit_samples(samples)
        finally:
            self._close_port()

    def _connected(self) -> None:
        self._decoder.reset()
        self._emit_status(StatusEvent(PadStatus.CONNECTED, self.config.port,
                                      f"{self._baud} baud"))

    def _unavailable(self, exc: OSError | PadError) -> None:
        if isinstance(exc, OSError) and _is_absent(exc):
            previous = self.status.status if self.status else None
            status = (PadStatus.RECONNECTING
                      if previous in (PadStatus.DISCONNECTED, PadStatus.RECONNECTING)
                      else PadStatus.DISCONNECTED)
            self._emit_status(StatusEvent(status, self.config.port, "port not found"))
            return
        message = exc.message if isinstance(exc, PadError) else _reason(exc)
        self._emit_status(StatusEvent(PadStatus.ERROR, self.config.port, message))

    def _read_chunk(self, ser: serial.SerialBase) -> bytes:
        data = ser.read(1)  # waits up to read_timeout
        if data:
            waiting = ser.in_waiting
            if waiting:
                data += ser.read(waiting)
        return bytes(data)

    def _close_port(self) -> None:
        ser, self._ser = self._ser, None
        if ser is not None:
            try:
                ser.close()
            except OSError:
                pass

    # -- opening -------------------------------------------------------------------------------------
    def _open_port(self, baud: int) -> serial.SerialBase:
        """Open with every line parameter set before the port opens."""
        ser = serial.serial_for_url(self.config.port, do_not_open=True)
        ser.baudrate = baud
        ser.bytesize = serial.EIGHTBITS
        ser.parity = serial.PARITY_NONE
        ser.stopbits = serial.STOPBITS_ONE
        ser.xonxoff = False
        ser.rtscts = False
        ser.dsrdtr = False
        ser.timeout = self.config.read_timeout
        ser.write_timeout = 1.0
        ser.dtr = self.config.dtr  # some pads draw power from DTR/RTS; a pty ignores them
        ser.rts = self.config.rts
        ser.open()
        return ser

    def _connect(self) -> serial.SerialBase:
        """Open the port and start the pad; raises OSError or PadError."""
        if self.config.protocol == "topaz":
            self._baud = self.config.bauds()[0]
            return self._open_port(self._baud)
        for baud in self.config.bauds():
            ser = self._open_port(baud)
            try:
                reply = self._isdv4_start(ser)
            except OSError:
                ser.close()
                raise
            if reply is not None:
                self._baud = baud
                self._limits = reply
                assert isinstance(self._decoder, Isdv4Decoder)
                self._decoder.set_limits(reply)
                return ser
            ser.close()
            if self._stop.is_set():
                break
        speeds = " or ".join(str(b) for b in self.config.bauds())
        raise PadError(f"no answer from the ISDV4 pad at {speeds} baud")

    def _isdv4_start(self, ser: serial.SerialBase) -> QueryReply | None:
        """Stop, flush, query, start: the W8001 start-up. None if the query gets no answer."""
        ser.write(isdv4.CMD_STOP)
        ser.flush()
        if self._stop.wait(ISDV4_SETTLE_S):
            return None
        ser.reset_input_buffer()
        ser.write(isdv4.CMD_QUERY)
        ser.flush()
        probe = Isdv4Decoder()
        deadline = time.monotonic() + ISDV4_QUERY_TIMEOUT_S
        while time.monotonic() < deadline and not self._stop.is_set():
            probe.feed(self._read_chunk(ser))
            if probe.query_reply is not None:
                ser.write(isdv4.CMD_START)
                ser.flush()
                return probe.query_reply
        return None
