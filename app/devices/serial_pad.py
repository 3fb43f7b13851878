"""A signature pad on a serial line (RS-232, USB virtual COM port, or a pty), via pyserial.

One reader thread per pad owns the port: it opens it (running the ISDV4
start-up handshake where needed), reads whatever has arrived, decodes it and
hands the samples to the listeners. When the port fails (unplugged: pyserial
raises ``SerialException``, an ``OSError``) the thread reports
``DISCONNECTED``, closes the port and tries to open it again every second
(``RECONNECTING``), so a pad that comes back, even as a new device behind the
same ``/dev/serial/by-id/…`` link, resumes by itself. A port that another
program holds, or that the kernel's tablet driver has claimed, is reported
``BUSY`` (and retried). Nothing here raises into the app once the pad is open;
:meth:`SerialPad.close` stops the thread and waits for it.
"""

from __future__ import annotations

import errno
import os
import threading
import time
from dataclasses import replace

import serial

from app.devices import isdv4
from app.devices.isdv4 import DEFAULT_LIMITS as ISDV4_DEFAULT_LIMITS
from app.devices.isdv4 import Isdv4Decoder, QueryReply, TouchReply
from app.devices.line import LineSettings
from app.devices.pad import (
    DecoderStats,
    PadDecoder,
    PadError,
    PadStatus,
    SignaturePad,
    StatusEvent,
    Window,
)
from app.devices.pad_config import SerialPadConfig
from app.devices.serial_line import PortBusy, open_line
from app.devices.topaz import DeviceInfo, TopazDecoder

__all__ = ["SerialPad", "SerialPadConfig"]

ISDV4_SETTLE_S = 0.25  # after "0" (stop), before flushing
ISDV4_QUERY_TIMEOUT_S = 1.0  # the kernel waits HZ for each reply (wacom_w8001.c line 368)

#: errors that mean "the device is not there" rather than "the device is there but unusable"
_ABSENT_ERRNOS = {errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.EIO}


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
        self._decoder: PadDecoder = (TopazDecoder(seven_bit=config.seven_bit)
                                     if config.protocol == "topaz" else Isdv4Decoder())
        self._limits: QueryReply | None = None
        self.touch: TouchReply | None = None  # what an ISDV4 pad said to the touch query
        self._ser: serial.SerialBase | None = None
        self._line = config.lines()[0]
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._t0 = time.monotonic()
        self.bytes_read = 0  # what arrived while sampling (pad test tells silence from garbage)

    # -- SignaturePad ------------------------------------------------------------------------------
    @property
    def window(self) -> Window:
        if self.config.protocol == "topaz":
            return self.config.inked_window
        lim = self._limits or ISDV4_DEFAULT_LIMITS
        return (0.0, 0.0, float(lim.x_max), float(lim.y_max))

    @property
    def description(self) -> str:
        return f"{self.config.kind()} on {self.config.port}"

    @property
    def stats(self) -> DecoderStats:
        return replace(self._decoder.stats)

    @property
    def line(self) -> LineSettings:
        """The framing in use (ISDV4: the speed that answered)."""
        return self._line

    @property
    def device_info(self) -> DeviceInfo | None:
        """What a Topaz pad said about itself (type-2 packets), if anything."""
        return self._decoder.device_info if isinstance(self._decoder, TopazDecoder) else None

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
            except PortBusy as exc:
                raise PortBusy(f"cannot open pad port {self.config.port}: it is "
                               f"{exc.message}") from exc
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
                    self.bytes_read += len(data)
                    now = (time.monotonic() - self._t0) * 1000
                    samples = self._decoder.feed(data, now, 10_000 / self._line.baud)
                    self._emit_samples(samples)
        finally:
            self._close_port()

    def _connected(self) -> None:
        self._decoder.reset()
        self._emit_status(StatusEvent(PadStatus.CONNECTED, self.config.port,
                                      f"{self._line.baud} baud"))

    def _unavailable(self, exc: OSError | PadError) -> None:
        if isinstance(exc, PortBusy):
            self._emit_status(StatusEvent(PadStatus.BUSY, self.config.port, exc.message))
            return
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
    def _open_port(self, line: LineSettings) -> serial.SerialBase:
        return open_line(self.config.port, line, timeout=self.config.read_timeout,
                         dtr=self.config.dtr, rts=self.config.rts)

    def _connect(self) -> serial.SerialBase:
        """Open the port and start the pad; raises OSError or PadError."""
        if self.config.protocol == "topaz":
            self._line = self.config.lines()[0]
            return self._open_port(self._line)
        for line in self.config.lines():
            ser = self._open_port(line)
            try:
                reply = self._isdv4_start(ser)
            except OSError:
                ser.close()
                raise
            if reply is not None:
                self._line = line
                self._limits = reply
                assert isinstance(self._decoder, Isdv4Decoder)
                self._decoder.set_limits(reply)
                self._decoder.touch = self.touch
                return ser
            ser.close()
            if self._stop.is_set():
                break
        speeds = " or ".join(str(b) for b in self.config.bauds())
        raise PadError(f"no answer from the ISDV4 pad at {speeds} baud")

    def _isdv4_start(self, ser: serial.SerialBase) -> QueryReply | None:
        """Stop, flush, query, touch query, start: the W8001 start-up (wacom_w8001.c lines
        411-415, 428, 470 and 386). None if the query gets no answer."""
        ser.write(isdv4.CMD_STOP)
        ser.flush()
        if self._stop.wait(ISDV4_SETTLE_S):
            return None
        ser.reset_input_buffer()
        reply = self._isdv4_ask(ser, isdv4.CMD_QUERY)
        if reply is None:
            return None
        query = isdv4.parse_query(reply)
        if query is None:
            return None
        # a pen-only device may not answer this, or answers "no touch" (b1 = 0)
        touch = self._isdv4_ask(ser, isdv4.CMD_TOUCH_QUERY)
        self.touch = isdv4.parse_touch_query(touch) if touch is not None else None
        ser.write(isdv4.CMD_START)
        ser.flush()
        return query

    def _isdv4_ask(self, ser: serial.SerialBase, command: bytes) -> bytes | None:
        """Send ``command``; the control packet that answers it, or None within the timeout."""
        ser.write(command)
        ser.flush()
        probe = Isdv4Decoder()
        deadline = time.monotonic() + ISDV4_QUERY_TIMEOUT_S
        while time.monotonic() < deadline and not self._stop.is_set():
            probe.feed(self._read_chunk(ser))
            if probe.last_control is not None:
                return probe.last_control
        return None
