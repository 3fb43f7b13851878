"""What a simulated pad puts on the line for each pen frame, with the other packet kinds real pads send.

:class:`PacketWriter` turns the handwriting model's pen frames into bytes — a pen
packet per frame, and on request the packets the decoders must not ink:

* Topaz: ``pressure`` (a type-7 packet before every inked sample, as topaz-dext
  describes pressure interleaved with position), ``info`` (a type-2 device
  information packet at the start of each signature), ``reply`` (a type-3 command
  reply now and then), ``noise`` (an X = Y = 0x0FFF packet now and then); in the
  7-bit format too.
* ISDV4: ``eraser`` (before each signature the pen comes in with its eraser end,
  rubs, and leaves), ``beyond`` (now and then an inked sample 500 beyond the
  reported x_max, which the decoder clamps), ``touch`` (one-finger touch packets
  between pen packets; the pad then also answers the ``%`` touch query).

Each frame comes back as a :class:`Piece`: the bytes, and the sample as the
decoder will read it — so the simulator can say exactly which points it inked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from app.devices import isdv4, topaz
from app.devices.handwriting import PenFrame
from app.devices.isdv4 import QueryReply, TouchReply
from app.devices.pad import PadError, Window

EXTRAS = {"topaz": ("pressure", "info", "reply", "noise"), "isdv4": ("eraser", "beyond", "touch")}
NOISE_EVERY = 23  # pen packets between noise packets
REPLY_EVERY = 41
TOUCH_EVERY = 17
BEYOND_EVERY = 19  # inked samples between ones sent beyond x_max
BEYOND_BY = 500
#: what the simulated Topaz pad says it is: representable in both formats (no bit 6 or 13 set)
TOPAZ_INFO = (11, 0x10A25)  # model 11, serial 68133
#: what the simulated ISDV4 pad reports: the real device's size, 10-bit pressure
ISDV4_CAPS = QueryReply(x_max=24576, y_max=18432, pressure_max=1023, version=0x0510, data_id=0)
#: a one-finger capacitive panel (sensor 1: 7-byte touch packets), with ``touch``
ISDV4_TOUCH = TouchReply(sensor_id=1, x_max=4095, y_max=4095, panel_resolution=10, version=2)
#: the reply of a pen-only panel to ``%``: b1 = 0, "touch is not supported" (w8001 lines 473-477)
ISDV4_NO_TOUCH = bytes((isdv4.SYNC | isdv4.CONTROL | 1,)) + bytes(10)


@dataclass(frozen=True)
class Piece:
    """One frame on the line: its bytes, and the pen sample the decoder reads from them."""

    data: bytes
    x: int
    y: int
    pen_down: bool  # it inks
    pressure: float  # as decoded, while inking


class Counts(Protocol):
    """Where the writer counts the extra packets it sends (the simulator's stats)."""

    pressure: int
    info: int
    replies: int
    noise: int
    eraser: int
    beyond: int
    touch: int


def check_extras(protocol: str, extras: tuple[str, ...]) -> None:
    allowed = EXTRAS.get(protocol, ())
    for e in extras:
        if e not in allowed:
            raise PadError(f"{protocol} pads send no {e!r} packets (use: {', '.join(allowed)})")


class PacketWriter:
    def __init__(self, protocol: str, counts: Counts, *, seven_bit: bool = False,
                 extras: tuple[str, ...] = ()) -> None:
        check_extras(protocol, extras)
        self.protocol = protocol
        self.counts = counts
        self.seven_bit = seven_bit
        self.extras = extras
        self._packets = 0  # pen packets written
        self._inked = 0  # of which inked
        self._pressure: int | None = None  # the last pressure the decoder was told

    @property
    def touch_reply(self) -> bytes:
        """The answer to the ISDV4 ``%`` touch query."""
        if "touch" in self.extras:
            return isdv4.encode_touch_reply(ISDV4_TOUCH)
        return ISDV4_NO_TOUCH

    def signature_start(self, window: Window) -> tuple[bytes, list[PenFrame]]:
        """What goes before a signature: bytes (Topaz info), and frames to send first (the
        ISDV4 eraser end coming in, rubbing and leaving)."""
        if self.protocol == "topaz":
            if "info" not in self.extras:
                return b"", []
            self.counts.info += 1
            return topaz.encode_info(*TOPAZ_INFO, seven_bit=self.seven_bit), []
        if "eraser" not in self.extras:
            return b"", []
        x0, y0, x1, y1 = window
        frames = [PenFrame(x0 + (x1 - x0) * (0.2 + 0.03 * i), y0 + (y1 - y0) * 0.5, 0.6, 2 <= i < 12,
                           True) for i in range(14)]
        frames.append(PenFrame(frames[-1].x, frames[-1].y, 0.0, False, False))
        return b"", frames

    def frame(self, frame: PenFrame, *, eraser: bool = False) -> Piece:
        self._packets += 1
        if self.protocol == "topaz":
            return self._topaz(frame)
        return self._isdv4(frame, eraser)

    def _every(self, name: str, n: int, offset: int) -> bool:
        return name in self.extras and self._packets % n == offset

    def _topaz(self, f: PenFrame) -> Piece:
        seven, counts = self.seven_bit, self.counts
        x, y = round(f.x), round(f.y)
        if x == y == topaz.NOISE:
            y -= 1  # a real point never reads as line noise
        out = b""
        if self._every("noise", NOISE_EVERY, NOISE_EVERY // 2):
            counts.noise += 1
            out += topaz.encode_noise(seven_bit=seven)
        if self._every("reply", REPLY_EVERY, 7):
            counts.replies += 1
            out += topaz.encode_reply(b"OK\x00\x00", seven_bit=seven)
        if f.pen_down and "pressure" in self.extras:
            p = round(f.pressure * topaz.PRESSURE_MAX)
            if seven:
                p &= ~0x40  # bit 6 of b3 cannot cross a 7-bit line
            counts.pressure += 1
            self._pressure = p
            out += topaz.encode_pressure(p, seven_bit=seven)
        out += topaz.encode(x, y, pen_down=f.pen_down, in_proximity=f.in_proximity, seven_bit=seven)
        pressure = 1.0 if self._pressure is None else self._pressure / topaz.PRESSURE_MAX
        return Piece(out, x, y, f.pen_down, pressure if f.pen_down else 0.0)

    def _isdv4(self, f: PenFrame, eraser: bool) -> Piece:
        caps, counts = ISDV4_CAPS, self.counts
        x, y = round(f.x), round(f.y)
        p = round(f.pressure * caps.pressure_max)
        sent_x = x
        out = b""
        if self._every("touch", TOUCH_EVERY, 4):
            counts.touch += 1
            out += bytes((isdv4.SYNC | isdv4.TOUCH | 1, 0x10, 0x20, 0x08, 0x30, 0x00, 0x11))
        inks = f.pen_down and not eraser
        if inks:
            self._inked += 1
            if "beyond" in self.extras and self._inked % BEYOND_EVERY == 3:
                counts.beyond += 1
                sent_x, x = caps.x_max + BEYOND_BY, caps.x_max
        if eraser:
            counts.eraser += 1
        out += isdv4.encode_pen(sent_x, y, p, pen_down=f.pen_down, in_proximity=f.in_proximity,
                                eraser=eraser)
        return Piece(out, x, y, inks, min(1.0, p / caps.pressure_max) if inks else 0.0)
