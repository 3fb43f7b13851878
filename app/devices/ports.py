"""Serial port discovery (for ``loan-kiosk pad list`` and the settings screen)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from serial.tools import list_ports as _list_ports

BY_ID_DIR = Path("/dev/serial/by-id")


@dataclass(frozen=True)
class PortInfo:
    device: str  # e.g. /dev/ttyUSB0 or COM3
    description: str
    hwid: str  # e.g. "USB VID:PID=0403:6001 SER=A12345 LOCATION=1-1"
    stable_path: str = ""  # a /dev/serial/by-id link to it, which survives replugging

    def to_dict(self) -> dict[str, str]:
        return {"device": self.device, "description": self.description, "hwid": self.hwid,
                "stable_path": self.stable_path}


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


def list_ports() -> list[PortInfo]:
    """Serial ports the OS knows of, sorted by device name."""
    links = _by_id_links()
    found = []
    for p in _list_ports.comports():
        description = p.description if p.description and p.description != "n/a" else ""
        hwid = p.hwid if p.hwid and p.hwid != "n/a" else ""
        found.append(PortInfo(p.device, description, hwid,
                              links.get(os.path.realpath(p.device), "")))
    return sorted(found, key=lambda info: info.device)
