"""Serial port discovery and names (``loan-kiosk pad list``, the settings screen).

Each port comes with what the device says about itself, through pyserial's
``list_ports``: a friendly name (the USB product and maker, or Windows' own
"USB Serial Port (COM3)"), the USB serial number and VID:PID, so a technician
can tell the pad's adapter from the scanner's. A configured port may be written
in any of the forms the platforms use, and is matched to the port it means:

* Linux: ``/dev/ttyUSB0``, or a stable ``/dev/serial/by-id/usb-…`` link to it;
* macOS: ``/dev/cu.usbserial-…`` (the call-out device; ``/dev/tty.…`` is the same
  port, but opening it waits for carrier detect, so the ``cu`` name is the one to use);
* Windows: ``COM3``, ``com3``, or ``\\\\.\\COM10`` (the form ports above COM9 need
  in the Win32 API; pyserial adds it by itself).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from serial.tools import list_ports as _list_ports

BY_ID_DIR = Path("/dev/serial/by-id")
_WIN_PREFIX = re.compile(r"^\\\\[.?]\\", re.IGNORECASE)
_COM = re.compile(r"^com(\d+)$", re.IGNORECASE)


@dataclass(frozen=True)
class PortInfo:
    device: str  # e.g. /dev/ttyUSB0, /dev/cu.usbserial-A12345 or COM3
    description: str  # what the OS calls it
    hwid: str  # e.g. "USB VID:PID=0403:6001 SER=A12345 LOCATION=1-1"
    stable_path: str = ""  # a /dev/serial/by-id link to it, which survives replugging
    name: str = ""  # a friendly name: "FTDI FT232R USB UART"
    serial_number: str = ""  # the USB serial number, if the device has one
    vid_pid: str = ""  # "0403:6001"

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    def label(self) -> str:
        """One line for a chooser: ``/dev/ttyUSB0 — FTDI FT232R USB UART, serial A12345``."""
        extra = ", ".join(filter(None, (self.name or self.description,
                                        f"serial {self.serial_number}" if self.serial_number else "")))
        return f"{self.stable_path or self.device}" + (f" — {extra}" if extra else "")


def _by_id_links(by_id_dir: Path = BY_ID_DIR) -> dict[str, str]:
    """Real device path → its by-id link (Linux; empty elsewhere)."""
    links: dict[str, str] = {}
    try:
        entries = sorted(by_id_dir.iterdir())
    except OSError:
        return links
    for link in entries:
        try:
            links.setdefault(os.path.realpath(link), str(link))
        except OSError:
            continue
    return links


def _text(value: Any) -> str:
    return "" if value is None or value == "n/a" else str(value).strip()


def friendly_name(p: Any) -> str:
    """What a person would call the port's device: maker and product, else the OS's words."""
    maker, product = _text(getattr(p, "manufacturer", None)), _text(getattr(p, "product", None))
    if product:
        return product if not maker or product.lower().startswith(maker.lower()) else f"{maker} {product}"
    description = _text(getattr(p, "description", None))
    if description and description not in (p.device, getattr(p, "name", None)):
        return description
    return maker


def port_key(port: str, platform: str = sys.platform) -> str:
    """One spelling per port, to compare a setting with what ``list_ports`` reports."""
    text = port.strip().strip('"').strip("'")
    if platform == "win32":
        text = _WIN_PREFIX.sub("", text)
        m = _COM.match(text)
        return f"COM{int(m.group(1))}" if m else text.upper()
    if platform == "darwin" and text.startswith("/dev/tty."):
        return "/dev/cu." + text[len("/dev/tty."):]
    try:
        return os.path.realpath(text) if text.startswith("/") else text
    except OSError:
        return text


def list_ports(comports: Callable[[], Iterable[Any]] = _list_ports.comports,
               by_id_dir: Path = BY_ID_DIR) -> list[PortInfo]:
    """Serial ports the OS knows of, sorted by device name."""
    links = _by_id_links(by_id_dir)
    found = []
    for p in comports():
        vid, pid = getattr(p, "vid", None), getattr(p, "pid", None)
        found.append(PortInfo(
            p.device, _text(p.description), _text(p.hwid),
            links.get(os.path.realpath(p.device), "") if p.device.startswith("/") else "",
            friendly_name(p), _text(getattr(p, "serial_number", None)),
            f"{vid:04X}:{pid:04X}" if vid is not None and pid is not None else ""))
    return sorted(found, key=lambda info: _natural(info.device))


def _natural(device: str) -> tuple[Any, ...]:
    """COM2 before COM10, ttyUSB2 before ttyUSB10."""
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", device))


def find_port(port: str, ports: Iterable[PortInfo], platform: str = sys.platform) -> PortInfo | None:
    """The listed port that ``port`` (in any of its spellings) means, if it is there."""
    key = port_key(port, platform)
    for info in ports:
        if key in (port_key(info.device, platform), port_key(info.stable_path, platform)
                   if info.stable_path else None):
            return info
    return None
