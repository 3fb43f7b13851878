"""``padline://MODEL?seed=N``: a Topaz pad of MODEL on a serial line, for pyserial's ``serial_for_url``.

The pad signs (the simulator's handwriting, encoded as that model sends it) at
its own framing; whoever opens the port hears it through :mod:`tests.serial_fakes.uart`
at the framing *they* set — scrambled, cut or dropped as a real UART would make it
when the two disagree. Bytes arrive in real time from the moment the port opens.

Register it with ``serial.protocol_handler_packages.append("tests.serial_fakes")``.
"""

from __future__ import annotations

import random
import time
import urllib.parse
from functools import lru_cache
from typing import Any

from serial.serialutil import PortNotOpenError, SerialBase, SerialException

from app.devices.handwriting import signature_frames
from app.devices.line import LineSettings
from app.devices.pad_simulator import SimulatorStats
from app.devices.pad_stream import PacketWriter
from app.devices.topaz_models import find_model
from tests.serial_fakes.uart import Waveform, receive, transmit

SECONDS = 4.0  # how much of the pad's signing is on the line
RATE_HZ = 150.0


@lru_cache(maxsize=8)
def pad_line(model: str, seed: int, extras: tuple[str, ...] = ()) -> tuple[Waveform, LineSettings]:
    """The waveform a pad of ``model`` puts on the line while signing for SECONDS."""
    m = find_model(model)
    writer = PacketWriter("topaz", SimulatorStats("topaz"), seven_bit=m.seven_bit, extras=extras)
    rng = random.Random(seed)
    frames: list[tuple[float, bytes]] = []
    t = 0.0
    while t < SECONDS:
        lead, _ = writer.signature_start(m.window)
        for i, frame in enumerate(signature_frames(rng, m.window, RATE_HZ, short=True)):
            data = writer.frame(frame).data
            frames.append((t, lead + data if i == 0 else data))
            t += 1.0 / RATE_HZ
        t += 0.3  # the pen away between signatures
    return transmit(frames, m.line), m.line


class Serial(SerialBase):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._received: list[tuple[float, int]] = []
        self._pos = 0
        self._opened_at = 0.0
        super().__init__(*args, **kwargs)

    def open(self) -> None:
        if self.is_open:
            raise SerialException("Port is already open.")
        parts = urllib.parse.urlsplit(self.portstr or "")
        query = urllib.parse.parse_qs(parts.query)
        seed = int(query.get("seed", ["1"])[0])
        extras = tuple(e for e in query.get("mix", [""])[0].split(",") if e)
        wave, _ = pad_line(parts.netloc, seed, extras)
        parity = {"N": "N", "O": "O", "E": "E"}[str(self.parity)]
        host = LineSettings(int(self.baudrate), int(self.bytesize), parity, float(self.stopbits))
        self._received = receive(wave, host)
        self._pos = 0
        self._opened_at = time.monotonic()
        self.is_open = True

    def close(self) -> None:
        self.is_open = False

    def _reconfigure_port(self) -> None:
        pass

    def _arrived(self) -> int:
        elapsed = time.monotonic() - self._opened_at
        n = self._pos
        while n < len(self._received) and self._received[n][0] <= elapsed:
            n += 1
        return n - self._pos

    @property
    def in_waiting(self) -> int:
        if not self.is_open:
            raise PortNotOpenError()
        return self._arrived()

    def read(self, size: int = 1) -> bytes:
        if not self.is_open:
            raise PortNotOpenError()
        deadline = time.monotonic() + (self.timeout or 0.0)
        while self._arrived() < size and time.monotonic() < deadline:
            time.sleep(0.005)
        n = min(size, self._arrived())
        chunk = bytes(v for _, v in self._received[self._pos:self._pos + n])
        self._pos += n
        return chunk

    def write(self, data: bytes) -> int:
        return len(data)  # a Topaz pad ignores what it is sent

    def reset_input_buffer(self) -> None:
        self._pos += self._arrived()

    def reset_output_buffer(self) -> None:
        pass

    def flush(self) -> None:
        pass
