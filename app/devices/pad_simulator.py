"""A signature pad simulated on a pseudo-terminal, for demos, tests and trying the app without one.

The simulator holds the master side of a pty; the app opens the slave path like
any serial port. It behaves like a pad on a line:

* it streams only while a program has the port open (a pty reports hang-up on
  the master while nobody has the slave open), after a short settle so the
  opener's input flush cannot eat the first packets;
* as ISDV4 it answers the start-up sequence (``0`` stop, ``*`` query, ``1``
  start, ``&`` reset) and streams only between ``1`` and ``0``;
* it paces packets at the sample rate, never faster than the line's byte rate;
* as a Topaz pad it sends the 8-bit format, or a ``model``'s (the SignatureGem LCD
  1x5's 7-bit format, in that model's window); on request it mixes in the other
  packet kinds real pads send (:mod:`app.devices.pad_stream`: Topaz pressure,
  device information, command replies and line noise; ISDV4 eraser, samples beyond
  the reported maximum, touch packets and an answer to the ``%`` touch query);
* faults can be injected: ``noise`` (random bytes between packets), ``drop``
  (a byte lost), ``flip`` (a bit flipped) and ``disconnect`` (the master is
  closed mid-signature, as when a pad is unplugged; it comes back on a new pty
  a little later, and a ``--link`` symlink is removed and re-pointed the way
  udev handles ``/dev/serial/by-id/…``).

Progress goes to an ``on_event`` callback (the CLI prints one JSON line per
event), :class:`SimulatorStats` says exactly what was sent, :attr:`PadSimulator.ink`
holds the inked points as the decoder must read them, and ``record`` keeps a copy
of every byte put on the line.
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.devices import isdv4
from app.devices.handwriting import PenFrame, signature_frames
from app.devices.pad import PROTOCOLS, PadError, Window
from app.devices.pad_stream import ISDV4_CAPS, PacketWriter, Piece
from app.devices.pty_port import PtyPort
from app.devices.topaz_models import find_model
from app.errors import InvalidInput

FAULTS = ("noise", "drop", "flip", "disconnect")
DEFAULT_RATE_HZ = 150.0
SETTLE_S = 0.3  # after a program opens the port, before streaming
PAUSE_BETWEEN_S = 1.0  # the pen away between signatures (with --loop / --count)
REPLUG_AFTER_S = 2.0
FAULT_EVERY = 40  # packets between injected faults (on average)

EventSink = Callable[[dict[str, Any]], None]


@dataclass
class SimulatorStats:
    """What went down the line in whole, unfaulted signatures (and all packets sent)."""

    protocol: str
    signatures: int = 0  # signatures sent to the end
    packets: int = 0  # pen packets sent while streaming
    samples: int = 0  # == packets: every pen packet is a sample
    strokes: int = 0  # pen-down runs
    points: int = 0  # samples with the pen down
    bounds: list[int] | None = None  # ink bounds [xmin, ymin, xmax, ymax]
    pressure: int = 0  # Topaz extras sent: pressure, info, reply and noise packets
    info: int = 0
    replies: int = 0
    noise: int = 0
    eraser: int = 0  # ISDV4 extras sent: eraser samples, samples beyond x_max, touch packets
    beyond: int = 0
    touch: int = 0
    faults: int = 0
    disconnects: int = 0
    queries_answered: int = 0
    bytes: int = 0
    ports: list[str] = field(default_factory=list)

    def count(self, x: int, y: int, pen_down: bool, was_down: bool) -> None:
        self.packets += 1
        self.samples += 1
        if pen_down:
            self.points += 1
            if not was_down:
                self.strokes += 1
            if self.bounds is None:
                self.bounds = [x, y, x, y]
            else:
                b = self.bounds
                self.bounds = [min(b[0], x), min(b[1], y), max(b[2], x), max(b[3], y)]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class PadSimulator:
    def __init__(self, protocol: str, *, rate_hz: float = DEFAULT_RATE_HZ, loop: bool = False,
                 count: int | None = None, fault: str | None = None, link: Path | None = None,
                 seed: int | None = None, window: Window | None = None,
                 replug_after: float = REPLUG_AFTER_S, short: bool = False,
                 on_event: EventSink | None = None, model: str = "",
                 extras: tuple[str, ...] = (), record: Path | None = None) -> None:
        if protocol not in PROTOCOLS:
            raise PadError(f"unknown pad protocol {protocol!r} (use one of: {', '.join(PROTOCOLS)})")
        if fault is not None and fault not in FAULTS:
            raise PadError(f"unknown fault {fault!r} (use one of: {', '.join(FAULTS)})")
        if not 1 <= rate_hz <= 1000:
            raise PadError("the sample rate must be between 1 and 1000 per second")
        self.protocol = protocol
        self.rate_hz = rate_hz
        self.loop = loop
        self.count = None if loop else (count if count is not None else 1)
        self.fault = fault
        self.port = PtyPort(link)
        self.rng = random.Random(seed)
        self._fault_rng = random.Random(None if seed is None else seed + 1)
        try:
            topaz_model = find_model(model)
        except InvalidInput as exc:
            raise PadError(exc.message) from None
        if model and protocol != "topaz":
            raise PadError("a pad model is a Topaz setting; ISDV4 pads report their own size")
        self.seven_bit = protocol == "topaz" and topaz_model.seven_bit
        if window is None:
            window = (topaz_model.window if protocol == "topaz"
                      else (0.0, 0.0, float(ISDV4_CAPS.x_max), float(ISDV4_CAPS.y_max)))
        self.window = window
        self.replug_after = replug_after
        self.short = short
        self.on_event = on_event or (lambda _event: None)
        self.stats = SimulatorStats(protocol)
        self.writer = PacketWriter(protocol, self.stats, seven_bit=self.seven_bit, extras=extras)
        #: the inked points sent, stroke by stroke, as [x, y, pressure] the decoder reads
        self.ink: list[list[list[float]]] = []
        self.record = record
        if record is not None:
            record.write_bytes(b"")
        line = topaz_model.line if protocol == "topaz" else None
        baud = line.baud if line is not None else isdv4.BAUD
        bits = (1 + line.bytesize + (line.parity != "N") + line.stopbits) if line else 10
        self._byte_s = bits / baud
        self.period = 1.0 / rate_hz
        self._sampling = False  # ISDV4: between "1" and "0"
        self._disconnect_done = False
        self._pen_down = False

    # -- running -------------------------------------------------------------------------------------
    def run(self, stop: threading.Event) -> SimulatorStats:
        """Stream until ``stop`` is set; the port is always closed (and the link removed) after."""
        self._plug()
        self.on_event({"event": "listening", "port": self.port.path})
        try:
            while not stop.is_set():
                if self.count is not None and self.stats.signatures >= self.count:
                    self._idle(stop, 0.05)  # hold the port open, still answering queries
                    continue
                if not self._wait_for_host(stop):
                    continue
                if self._send_signature(stop):
                    self.stats.signatures += 1
                    self.on_event({"event": "signature", "stats": self.stats.to_dict()})
                    self._idle(stop, PAUSE_BETWEEN_S if self._more_to_send() else 0.0)
        finally:
            self.port.close()
        return self.stats

    def _more_to_send(self) -> bool:
        return self.count is None or self.stats.signatures < self.count

    def _plug(self) -> None:
        path = self.port.open()
        self.stats.ports.append(path)
        self._sampling = False

    def _wait_for_host(self, stop: threading.Event) -> bool:
        """True once a program has the port open (and, for ISDV4, has started sampling)."""
        while not stop.is_set():
            self._service_commands()
            if not self.port.client_present():
                self._sampling = False
                stop.wait(0.02)
                continue
            if self.protocol == "topaz":
                # a Topaz pad streams as soon as the line is up; let the opener flush first
                if stop.wait(SETTLE_S):
                    return False
                return self.port.client_present()
            if self._sampling:
                return True
            stop.wait(0.01)
        return False

    def _idle(self, stop: threading.Event, seconds: float) -> None:
        end = time.monotonic() + seconds
        while True:
            self._service_commands()
            left = end - time.monotonic()
            if left <= 0 or stop.wait(min(left, 0.02)):
                return

    def _service_commands(self) -> None:
        """Answer the ISDV4 host; a Topaz pad ignores anything sent to it."""
        data = self.port.read()
        if self.protocol != "isdv4":
            return
        for c in data:
            cmd = bytes((c,))
            if cmd in (isdv4.CMD_STOP, isdv4.CMD_RESET):
                self._sampling = False
            elif cmd == isdv4.CMD_START:
                self._sampling = True
            elif cmd == isdv4.CMD_QUERY:
                self.stats.queries_answered += 1
                self._send(isdv4.encode_query_reply(ISDV4_CAPS), threading.Event())
            elif cmd == isdv4.CMD_TOUCH_QUERY:
                self._send(self.writer.touch_reply, threading.Event())

    def _send(self, data: bytes, stop: threading.Event) -> bool:
        """Put ``data`` on the line (and in the recording); False if the host has gone."""
        if not self.port.write(data, stop):
            return False
        if self.record is not None:
            with self.record.open("ab") as fh:
                fh.write(data)
        return True

    # -- one signature -----------------------------------------------------------------------------
    def _send_signature(self, stop: threading.Event) -> bool:
        """Stream one signature; False if it was cut short (host left, unplugged, stopped)."""
        lead, lead_frames = self.writer.signature_start(self.window)
        frames = signature_frames(self.rng, self.window, self.rate_hz, short=self.short)
        unplug_at = self._unplug_point(frames)
        if unplug_at is not None:
            unplug_at += len(lead_frames)
        frames = lead_frames + frames
        next_t = time.monotonic()
        for i, frame in enumerate(frames):
            if i == unplug_at:
                self._unplug_and_replug(stop)
                return False
            delay = next_t - time.monotonic()
            if delay > 0 and stop.wait(delay):
                return False
            if delay < -0.2:  # fell behind (a slow machine): do not burst to catch up
                next_t = time.monotonic()
            self._service_commands()
            if self.protocol == "isdv4" and not self._sampling:
                return False
            piece = self.writer.frame(frame, eraser=i < len(lead_frames))
            data = self._inject(lead + piece.data) if i == 0 else self._inject(piece.data)
            next_t += max(self.period, len(data) * self._byte_s)
            if not self._send(data, stop):
                self._pen_down = False
                return False
            self.stats.bytes += len(data)
            self._count(piece)
        self._pen_down = False
        return True

    def _count(self, piece: Piece) -> None:
        self.stats.count(piece.x, piece.y, piece.pen_down, self._pen_down)
        if piece.pen_down:
            if not self._pen_down:
                self.ink.append([])
            self.ink[-1].append([piece.x, piece.y, piece.pressure])
        self._pen_down = piece.pen_down

    def _inject(self, packet: bytes) -> bytes:
        if self.fault not in ("noise", "drop", "flip"):
            return packet
        if self._fault_rng.randrange(FAULT_EVERY) != 0:
            return packet
        self.stats.faults += 1
        r = self._fault_rng
        if self.fault == "noise":
            return bytes(r.randrange(256) for _ in range(r.randint(1, 4))) + packet
        pos = r.randrange(len(packet))
        if self.fault == "drop":
            return packet[:pos] + packet[pos + 1:]
        bad = bytearray(packet)
        bad[pos] ^= 1 << r.randrange(8)
        return bytes(bad)

    def _unplug_point(self, frames: list[PenFrame]) -> int | None:
        """With the disconnect fault, the first signature is cut in the middle of its ink."""
        if self.fault != "disconnect" or self._disconnect_done:
            return None
        ink = [i for i, f in enumerate(frames) if f.pen_down]
        return ink[len(ink) // 2] if ink else None

    def _unplug_and_replug(self, stop: threading.Event) -> None:
        self._disconnect_done = True
        self._pen_down = False
        self.stats.disconnects += 1
        self.port.close()
        self.on_event({"event": "unplugged", "stats": self.stats.to_dict()})
        if stop.wait(self.replug_after):
            return
        self._plug()
        self.on_event({"event": "replugged", "port": self.port.path})


def write_stats(path: Path, stats: SimulatorStats) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(stats.to_dict(), indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
