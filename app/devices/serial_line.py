"""Opening a serial port the way Loan Kiosk's devices need it: framing set first, locked, checked.

Every line parameter is set before the port opens; the port is locked against
other programs (pyserial's ``exclusive``, a ``flock``); a port another program
holds, or that the kernel's tablet driver has claimed (:mod:`app.devices.port_claim`),
raises :class:`PortBusy` with who has it; and with parity on, characters that fail
it are dropped by the tty.
"""

from __future__ import annotations

import sys

import serial

from app.devices.line import LineSettings
from app.devices.pad import PadError
from app.devices.port_claim import busy_reason, claimed_reason, holders, is_busy_error, line_discipline

if sys.platform != "win32":
    import termios

_PARITY = {"N": serial.PARITY_NONE, "O": serial.PARITY_ODD, "E": serial.PARITY_EVEN}


class PortBusy(PadError):
    """Another program, or the kernel's tablet driver, has the port."""


def _strict_parity(ser: serial.SerialBase) -> None:
    """With parity on, have the tty drop characters with a parity or framing error (INPCK,
    IGNPAR; pyserial leaves parity unchecked) so a bad byte costs its packet instead of
    being decoded, and a wrong framing shows as errors — topaz-dext sets INPCK too
    (``lib/TopazKit.swift`` line 234)."""
    fd = getattr(ser, "fd", None)
    if sys.platform == "win32" or not isinstance(fd, int) or ser.parity == serial.PARITY_NONE:
        return
    try:
        attrs = termios.tcgetattr(fd)
        attrs[0] |= termios.INPCK | termios.IGNPAR
        termios.tcsetattr(fd, termios.TCSANOW, attrs)
    except termios.error:  # not a tty (a test double): nothing to set
        pass


def open_line(port: str, line: LineSettings, *, timeout: float, dtr: bool = True,
              rts: bool = True) -> serial.SerialBase:
    """Open ``port`` with ``line``'s framing set before it opens, locked against other
    programs; raises :class:`PortBusy` if someone else has it, else ``OSError``."""
    ser = serial.serial_for_url(port, do_not_open=True)
    ser.baudrate = line.baud
    ser.bytesize = line.bytesize
    ser.parity = _PARITY[line.parity]
    ser.stopbits = line.stopbits if line.stopbits != 1.0 else serial.STOPBITS_ONE
    ser.xonxoff = False
    ser.rtscts = False
    ser.dsrdtr = False
    ser.timeout = timeout
    ser.write_timeout = 1.0
    ser.dtr = dtr  # some pads draw power from DTR/RTS; a pty ignores them
    ser.rts = rts
    ser.exclusive = True
    try:
        ser.open()
    except OSError as exc:
        if is_busy_error(exc):
            raise PortBusy(busy_reason(port, holders(port))) from exc
        raise
    fd = getattr(ser, "fd", None)
    claimed = claimed_reason(port, line_discipline(fd) if isinstance(fd, int) else None,
                             holders(port) if isinstance(fd, int) else [])
    if claimed is not None:
        ser.close()
        raise PortBusy(claimed)
    _strict_parity(ser)
    return ser
