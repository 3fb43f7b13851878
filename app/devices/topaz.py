"""Topaz 5-byte serial packets: a pure decoder for the 8-bit and 7-bit formats, and encoders.

What the drivers do (docs/hardware.md has the table with every source line):

* **8-bit format** (most models; waxbee ``topaz_serial.cpp`` lines 54-89, topaz-dext
  ``lib/topaz.js`` lines 317-356): b0 has bit 7 set (sync), b1..b4 never do.
  X = b1 | (b2 & 0x1F) << 7, Y = b3 | (b4 & 0x1F) << 7 (12 bits). b0 bit 6 is
  proximity (pen near), bit 0 the tip.
* **Packet type** = b0 bits 4..2 (topaz.js line 345): 0, 1 and 4 are pen data,
  7 carries pressure in the Y field ((b4 & 7) << 7 | b3, 10 bits; line 359),
  2 is device information (model and serial; lines 365-367), 3 a command reply,
  5 and 6 reserved. Only pen data is ink.
* **Noise**: X = Y = 0x0FFF is dropped whatever the type (topaz.js line 356,
  ``TopazKit.swift`` line 101).
* **Pressure** belongs to the pen samples after it: "the last received pressure
  value applies to subsequent position packets" (topaz-dext README line 166,
  ``TopazKit.swift`` lines 268 and 280-282). A pad that never sends pressure
  inks at 1.0.
* **7-bit format** (SignatureGem LCD 1x5, line 7O1): X = (b1 & 0x3F) | (b2 & 0x3F) << 6,
  Y likewise, proximity is b0 bit 2, type and tip as above (topaz.js lines 352-353
  and 373). topaz-dext starts a packet at any byte with ``(b & 0x70) != 0x30``
  (topaz.js line 317) — but its own masks read six data bits from every data
  byte, and a data byte of 0x00-0x2F would then cut its packet. So here a byte
  outside a packet starts one when ``(b & 0x70) != 0x30`` (topaz-dext's rule), and
  inside a packet only a byte with bit 6 set (which no 6-bit data byte has)
  starts the next one. Every whole packet topaz-dext accepts decodes the same here.

Resynchronisation and what each fault costs: a sync byte always starts a new
packet (the partial packet before it is dropped: a *resync*); bytes outside a
packet are dropped (one *resync* per run); an 8-bit pen packet whose b2 or b4 has
bit 5 or 6 set is *rejected* (waxbee line 80). Noise between packets costs no
real packet; a dropped byte, a flipped sync bit, a start mid-packet or a stray
sync byte inside a packet cost that one packet. A flipped coordinate bit cannot
be detected (the protocol has no checksum).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from app.devices.pad import DecoderStats, PenSample

BAUD = 19200
PACKET_LEN = 5
COORD_MAX = 4095
PRESSURE_MAX = 1023
SYNC = 0x80
PROXIMITY = 0x40  # 8-bit format
PROXIMITY_7BIT = 0x04  # 7-bit format (topaz.js line 373)
SYNC_7BIT = 0x40  # what the encoder sets, and what restarts a 7-bit packet
TIP = 0x01
NOISE = 0x0FFF
_HIGH_BITS = 0x60  # X/Y bits that must be clear in b2 and b4 of an 8-bit pen packet

# packet types (b0 bits 4..2) and what they carry
PEN_TYPES = (0, 1, 4)
TYPE_PRESSURE = 7
TYPE_INFO = 2
TYPE_REPLY = 3
PEN, PRESSURE, INFO, REPLY, OTHER = range(5)
_KIND_OF_TYPE = {0: PEN, 1: PEN, 4: PEN, 7: PRESSURE, 2: INFO, 3: REPLY, 5: OTHER, 6: OTHER}
#: the kind of packet each first byte makes: one table lookup per packet
KIND = bytes(_KIND_OF_TYPE[(b >> 2) & 7] for b in range(256))

#: 8-bit: a sync byte and the non-sync bytes after it, or a run of bytes outside any packet
_RUN = re.compile(rb"[\x80-\xff][\x00-\x7f]*|[\x00-\x7f]+")
#: 8-bit: 1 for a sync byte, 0 for any other (to check at C speed that a read is whole packets)
_SYNC_FLAGS = bytes(b >> 7 for b in range(256))
#: 7-bit byte classes: inside a packet only _START restarts; outside, _START and _EITHER start one
_DATA, _EITHER, _START, _INVALID = range(4)
_CLASS7 = bytes(_INVALID if b & 0x80 else _START if b & 0x40 else _DATA if (b & 0x70) == 0x30
                else _EITHER for b in range(256))


class DeviceInfo(NamedTuple):
    """What a type-2 packet says (topaz.js lines 365-367)."""

    model: int  # 6 bits
    serial: int  # 18 bits


Packet = tuple[int, int, int, int, int, int]  # index of its last byte, b0..b4


class TopazDecoder:
    """Feed it bytes as they arrive; get back the pen samples they complete."""

    def __init__(self, *, seven_bit: bool = False, proximity_bit_means_near: bool = True) -> None:
        self.seven_bit = seven_bit
        # the polarity of the proximity bit is not documented anywhere: a setting
        self.proximity_bit_means_near = proximity_bit_means_near
        self.stats = DecoderStats()
        self.device_info: DeviceInfo | None = None
        self.pressure: int | None = None  # the last pressure packet's value, 0..1023
        self._buf = b""
        self._in_stray_run = False

    def reset(self) -> None:
        """Forget a partial packet and the pressure (after reopening the port)."""
        self._buf = b""
        self._in_stray_run = False
        self.pressure = None

    def feed(self, data: bytes, t_ms: float = 0.0, byte_ms: float = 0.0) -> list[PenSample]:
        if not data:
            return []
        stream = self._buf + data if self._buf else bytes(data)
        self._buf = b""
        packets = self._frame7(stream) if self.seven_bit else self._frame8(stream)
        return self._decode(packets, t_ms - (len(stream) - 1) * byte_ms, byte_ms)

    # -- framing ----------------------------------------------------------------------------------
    def _frame8(self, stream: bytes) -> Iterable[Packet]:
        n = len(stream)
        whole = n - n % PACKET_LEN
        flags = stream.translate(_SYNC_FLAGS)
        heads = flags[0::PACKET_LEN]
        if heads.count(1) == len(heads) == flags.count(1):
            # the usual read: whole packets (and the start of the next), framed at C speed
            self._buf = stream[whole:]
            self._in_stray_run = False
            s = stream[:whole]
            return zip(range(PACKET_LEN - 1, whole, PACKET_LEN), s[0::5], s[1::5], s[2::5],
                       s[3::5], s[4::5], strict=False)
        return self._frame8_runs(stream)

    def _frame8_runs(self, stream: bytes) -> list[Packet]:
        # Anything else is cut into runs by one regular expression (in C): a sync byte
        # with the non-sync bytes after it, or a run of bytes outside any packet.
        packets: list[Packet] = []
        end = len(stream)
        stray = self._in_stray_run
        resyncs = dropped = 0
        for run in _RUN.finditer(stream):
            start, stop = run.span()
            n = stop - start
            if not stream[start] & SYNC:  # bytes outside any packet: count the run once
                dropped += n
                if not stray:
                    resyncs += 1
                    stray = True
                continue
            stray = False
            if n < PACKET_LEN:
                if stop == end:
                    self._buf = stream[start:stop]  # the rest comes in the next read
                else:  # cut short by the next sync byte
                    resyncs += 1
                    dropped += n
                continue
            last = start + PACKET_LEN - 1
            packets.append((last, *stream[start:last + 1]))
            if n > PACKET_LEN:  # stray bytes after a complete packet
                dropped += n - PACKET_LEN
                resyncs += 1
                stray = True
        self._in_stray_run = stray
        self.stats.resyncs += resyncs
        self.stats.dropped_bytes += dropped
        return packets

    def _frame7(self, stream: bytes) -> list[Packet]:
        packets: list[Packet] = []
        classes = stream.translate(_CLASS7)
        stray = self._in_stray_run
        resyncs = dropped = 0
        start = -1  # where the packet being collected began
        for i, c in enumerate(classes):
            if start >= 0:
                if c < _START:  # data (any 6-bit byte) inside a packet
                    if i - start == PACKET_LEN - 1:
                        packets.append((i, *stream[start:i + 1]))
                        start = -1
                    continue
                resyncs += 1  # a new packet, or an invalid byte, cuts this one short
                dropped += i - start
                start = -1
            if c in (_START, _EITHER):
                start = i
                stray = False
                continue
            dropped += 1  # outside any packet (or not a 7-bit byte at all)
            if not stray:
                resyncs += 1
                stray = True
        if start >= 0:
            self._buf = stream[start:]  # the rest comes in the next read
        self._in_stray_run = stray
        self.stats.resyncs += resyncs
        self.stats.dropped_bytes += dropped
        return packets

    # -- decoding -----------------------------------------------------------------------------------
    def _decode(self, packets: Iterable[Packet], t0: float, byte_ms: float) -> list[PenSample]:
        """``t0``: the time of the stream's first byte."""
        out: list[PenSample] = []
        append = out.append
        seven = self.seven_bit
        near_mask = PROXIMITY_7BIT if seven else PROXIMITY
        near_when = self.proximity_bit_means_near
        pressure = 1.0 if self.pressure is None else self.pressure / PRESSURE_MAX
        samples = rejected = noise = pressures = infos = replies = others = 0
        for end, b0, b1, b2, b3, b4 in packets:
            if seven:
                x = (b1 & 0x3F) | (b2 & 0x3F) << 6
                y = (b3 & 0x3F) | (b4 & 0x3F) << 6
            else:
                x = b1 | (b2 & 0x1F) << 7
                y = b3 | (b4 & 0x1F) << 7
            if x == NOISE and y == NOISE:
                noise += 1
                continue
            kind = KIND[b0]
            if kind == PEN:
                if not seven and (b2 | b4) & _HIGH_BITS:
                    rejected += 1
                    continue
                samples += 1
                down = b0 & TIP
                append(PenSample(t0 + end * byte_ms, x, y, pressure if down else 0.0,
                                 down == TIP, bool(b0 & near_mask) == near_when))
            elif kind == PRESSURE:
                pressures += 1
                self.pressure = ((b4 & 7) << 7) | b3
                pressure = self.pressure / PRESSURE_MAX
            elif kind == INFO:
                infos += 1
                d0 = b1 | (b2 << 7)
                self.device_info = DeviceInfo((d0 & 0xFC) >> 2, ((d0 & 3) << 16) | b3 | (b4 << 7))
            elif kind == REPLY:
                replies += 1
            else:
                others += 1
        stats = self.stats
        skipped = pressures + infos + replies + others
        stats.packets += samples + skipped
        stats.samples += samples
        stats.skipped += skipped
        stats.rejected += rejected
        stats.noise += noise
        stats.pressure += pressures
        stats.info += infos
        stats.replies += replies
        return out


# -- encoders (the simulator, tests) --------------------------------------------------------------


def _fields(v1: int, v2: int, *, seven_bit: bool) -> tuple[int, int, int, int]:
    """Two 12-bit coordinates as b1..b4."""
    if seven_bit:
        return v1 & 0x3F, (v1 >> 6) & 0x3F, v2 & 0x3F, (v2 >> 6) & 0x3F
    return v1 & 0x7F, (v1 >> 7) & 0x1F, v2 & 0x7F, (v2 >> 7) & 0x1F


def _seven(value: int, seven_bit: bool, what: str) -> tuple[int, int]:
    """A 14-bit field read as (b & 0x7F) | (b' & 0x7F) << 7: as two bytes."""
    lo, hi = value & 0x7F, (value >> 7) & 0x7F
    if seven_bit and (lo | hi) & 0x40:
        raise ValueError(f"{what} {value} has a bit a 7-bit line cannot carry (bit 6 or 13)")
    return lo, hi


def _first(kind_type: int, *, tip: bool = False, near: bool = True, seven_bit: bool = False,
           proximity_bit_means_near: bool = True) -> int:
    if seven_bit:
        return SYNC_7BIT | (kind_type << 2) | (TIP if tip else 0)
    b0 = SYNC | (kind_type << 2) | (TIP if tip else 0)
    if near == proximity_bit_means_near:
        b0 |= PROXIMITY
    return b0


def encode(x: int, y: int, *, pen_down: bool, in_proximity: bool = True,
           proximity_bit_means_near: bool = True, seven_bit: bool = False) -> bytes:
    """One pen packet as the pad sends it (coordinates clamped to 0..4095).

    8-bit: type 0. 7-bit: type 1 when near, 0 when not (the proximity bit is type bit 0).
    """
    x = min(COORD_MAX, max(0, int(x)))
    y = min(COORD_MAX, max(0, int(y)))
    pen_type = (1 if in_proximity else 0) if seven_bit else 0
    b0 = _first(pen_type, tip=pen_down, near=in_proximity, seven_bit=seven_bit,
                proximity_bit_means_near=proximity_bit_means_near)
    return bytes((b0, *_fields(x, y, seven_bit=seven_bit)))


def encode_pressure(pressure: int, *, seven_bit: bool = False) -> bytes:
    """A type-7 packet: pressure 0..1023 in the Y field (X = 0)."""
    p = min(PRESSURE_MAX, max(0, int(pressure)))
    if seven_bit and p & 0x40:
        raise ValueError(f"pressure {p} has bit 6 set, which a 7-bit line cannot carry")
    return bytes((_first(TYPE_PRESSURE, seven_bit=seven_bit), 0, 0, p & 0x7F, (p >> 7) & 0x07))


def encode_info(model: int, serial: int, *, seven_bit: bool = False) -> bytes:
    """A type-2 packet: a 6-bit model number and an 18-bit serial number."""
    d0 = ((model & 0x3F) << 2) | ((serial >> 16) & 3)
    d1 = serial & 0x3FFF
    if serial != ((serial >> 16) << 16) | d1:
        raise ValueError(f"serial {serial} has bits 14-15 set, which the packet cannot carry")
    return bytes((_first(TYPE_INFO, seven_bit=seven_bit), *_seven(d0, seven_bit, "model/serial"),
                  *_seven(d1, seven_bit, "serial")))


def encode_reply(payload: bytes = b"\x00\x00\x00\x00", *, seven_bit: bool = False) -> bytes:
    """A type-3 packet (a command reply): four data bytes, passed through masked."""
    mask = 0x3F if seven_bit else 0x7F
    return bytes((_first(TYPE_REPLY, seven_bit=seven_bit), *(b & mask for b in payload[:4])))


def encode_noise(*, seven_bit: bool = False) -> bytes:
    """Line noise as the drivers see it: X = Y = 0x0FFF."""
    return bytes((_first(0, seven_bit=seven_bit), *_fields(NOISE, NOISE, seven_bit=seven_bit)))
