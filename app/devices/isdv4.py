"""Wacom ISDV4 / W8001 serial digitisers: a pure decoder, the query reply, and encoders.

Wire facts (``/work/shared/hardware/signature-pads.md`` §2, after Linux
``wacom_w8001.c`` and xf86-input-wacom ``isdv4.h``): 38400 8N1 (19200 on older
devices). The host sends ``0`` (stop), waits, flushes, sends ``*`` (query),
reads an 11-byte reply giving x_max / y_max / pressure_max, then sends ``1``
(start). Pen packets are 9 bytes with 16-bit coordinates and 10-bit pressure.
Touch packets (b0 & 0x10; 5, 7 or 13 bytes by sensor) and control packets
(b0 & 0x40, 11 bytes) carry no pen data and are skipped.

Resynchronisation: only b0 has bit 7 set, so bytes are skipped up to the next
byte with bit 7 set (one *resync* per run), and a bit-7 byte inside a packet
restarts the packet there (the partial one is dropped: a *resync*). Touch
packets are skipped up to the next sync byte whatever their length. Once the
pad's limits are known, a pen packet with X or Y beyond them is *rejected*
(a corrupted high bit would otherwise draw a spike across the signature).

Cost of each fault: noise between packets, none (a phantom sample only if the
noise holds a well-formed 9-byte packet); a dropped byte, a flipped sync bit, a
start mid-packet or a stray bit-7 byte inside a packet, that one packet; a
flipped bit in b0's type bits turns the packet into a skipped touch/control
packet, again one packet. The next packet decodes exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.devices.pad import DecoderStats, PenSample

BAUD = 38400
FALLBACK_BAUD = 19200
PEN_LEN = 9
CONTROL_LEN = 11
SYNC = 0x80
CONTROL = 0x40
PROXIMITY = 0x20
TOUCH = 0x10
ERASER = 0x04
SIDE_SWITCH = 0x02
TIP = 0x01

CMD_STOP = b"0"
CMD_START = b"1"
CMD_QUERY = b"*"
CMD_RESET = b"&"

DEFAULT_PRESSURE_MAX = 1023  # 10-bit pressure, used until the pad tells us otherwise
_NO_LIMIT = 1 << 16  # above any 16-bit coordinate: nothing is rejected before the pad's limits are known
#: a sync byte and the non-sync bytes after it, or a run of bytes outside any packet
_RUN = re.compile(rb"[\x80-\xff][\x00-\x7f]*|[\x00-\x7f]+")


@dataclass(frozen=True, slots=True)
class QueryReply:
    """The pad's answer to ``*``."""

    x_max: int
    y_max: int
    pressure_max: int
    tilt_x: int = 0
    tilt_y: int = 0
    version: int = 0
    data_id: int = 0


def parse_query(pkt: bytes) -> QueryReply | None:
    """Decode an 11-byte control packet; None if it is not one."""
    if len(pkt) != CONTROL_LEN or (pkt[0] & (SYNC | CONTROL)) != (SYNC | CONTROL):
        return None
    if any(b & SYNC for b in pkt[1:]):
        return None
    b = pkt
    return QueryReply(
        x_max=(b[1] << 9) | (b[2] << 2) | ((b[6] >> 5) & 3),
        y_max=(b[3] << 9) | (b[4] << 2) | ((b[6] >> 3) & 3),
        pressure_max=((b[6] & 7) << 7) | b[5],
        tilt_x=b[7],
        tilt_y=b[8],
        version=(b[9] << 7) | b[10],
        data_id=b[0] & 0x3F,
    )


def encode_query_reply(reply: QueryReply) -> bytes:
    x, y, p = reply.x_max, reply.y_max, reply.pressure_max
    return bytes((
        SYNC | CONTROL | (reply.data_id & 0x3F),
        (x >> 9) & 0x7F, (x >> 2) & 0x7F,
        (y >> 9) & 0x7F, (y >> 2) & 0x7F,
        p & 0x7F,
        ((x & 3) << 5) | ((y & 3) << 3) | ((p >> 7) & 7),
        reply.tilt_x & 0x7F, reply.tilt_y & 0x7F,
        (reply.version >> 7) & 0x7F, reply.version & 0x7F,
    ))


def encode_pen(x: int, y: int, pressure: int, *, pen_down: bool, in_proximity: bool = True,
               eraser: bool = False, side_switch: bool = False,
               tilt_x: int = 0, tilt_y: int = 0) -> bytes:
    """One 9-byte pen packet (x, y 0..65535; pressure 0..1023, all clamped)."""
    x = min(0xFFFF, max(0, int(x)))
    y = min(0xFFFF, max(0, int(y)))
    p = min(0x3FF, max(0, int(pressure)))
    b0 = SYNC
    if in_proximity:
        b0 |= PROXIMITY
    if eraser:
        b0 |= ERASER
    if side_switch:
        b0 |= SIDE_SWITCH
    if pen_down:
        b0 |= TIP
    return bytes((
        b0,
        (x >> 9) & 0x7F, (x >> 2) & 0x7F,
        (y >> 9) & 0x7F, (y >> 2) & 0x7F,
        p & 0x7F,
        ((x & 3) << 5) | ((y & 3) << 3) | ((p >> 7) & 7),
        tilt_x & 0x7F, tilt_y & 0x7F,
    ))


def encode_touch(x: int = 0, y: int = 0, *, touching: bool = True) -> bytes:
    """A 5-byte one-finger touch packet (what the decoder must skip)."""
    return bytes((SYNC | TOUCH | (1 if touching else 0), (x >> 7) & 0x7F, x & 0x7F,
                  (y >> 7) & 0x7F, y & 0x7F))


class Isdv4Decoder:
    """Feed it bytes as they arrive; get back the pen samples they complete.

    The last query reply seen is kept in :attr:`query_reply`; call
    :meth:`set_limits` with it so pressure is scaled to 0..1 and impossible
    coordinates are rejected.
    """

    def __init__(self, limits: QueryReply | None = None) -> None:
        self.stats = DecoderStats()
        self.query_reply: QueryReply | None = None
        self.limits: QueryReply | None = None
        self._pressure_max = DEFAULT_PRESSURE_MAX
        self._buf = bytearray()
        self._skipping = False  # inside a touch packet of unknown length
        self._in_stray_run = False
        if limits is not None:
            self.set_limits(limits)

    def set_limits(self, limits: QueryReply) -> None:
        self.limits = limits
        self._pressure_max = limits.pressure_max if limits.pressure_max > 0 else DEFAULT_PRESSURE_MAX

    def reset(self) -> None:
        self._buf.clear()
        self._skipping = False
        self._in_stray_run = False

    def feed(self, data: bytes, t_ms: float = 0.0, byte_ms: float = 0.0) -> list[PenSample]:
        # The bytes are cut into runs by one regular expression (in C): a sync
        # byte with the non-sync bytes after it, or a run of bytes outside any
        # packet. Walking them byte by byte in Python, with a bytearray per
        # packet, cost about four times a bare framing loop.
        if not data:
            return []
        out: list[PenSample] = []
        carried = len(self._buf)  # a partial packet from the last read continues here
        stream = bytes(self._buf) + data if carried else data
        self._buf = bytearray()
        end = len(stream)
        last = len(data) - 1 + carried  # samples are stamped by their last byte's position
        limits = self.limits
        x_max = limits.x_max if limits is not None else _NO_LIMIT
        y_max = limits.y_max if limits is not None else _NO_LIMIT
        pressure_max = self._pressure_max
        skipping, stray = self._skipping, self._in_stray_run
        packets = samples = skipped = rejected = resyncs = dropped = 0
        for run in _RUN.finditer(stream):
            start, stop = run.span()
            b0 = stream[start]
            n = stop - start
            if not b0 & SYNC:
                if skipping:  # the rest of a touch packet
                    continue
                dropped += n  # bytes outside any packet: count the run once
                if not stray:
                    resyncs += 1
                    stray = True
                continue
            if skipping:  # a touch packet's end is only known when the next packet starts
                skipping = False
                packets += 1
                skipped += 1
            stray = False
            if b0 & TOUCH and not b0 & CONTROL:
                skipping = True
                continue
            size = CONTROL_LEN if b0 & CONTROL else PEN_LEN
            if n < size:
                if stop == end:
                    self._buf = bytearray(stream[start:stop])  # the rest comes in the next read
                else:  # cut short by the next sync byte
                    resyncs += 1
                    dropped += n
                continue
            if size == CONTROL_LEN:
                packets += 1
                skipped += 1
                reply = parse_query(bytes(stream[start:start + CONTROL_LEN]))
                if reply is not None:
                    self.query_reply = reply
            else:
                _, b1, b2, b3, b4, b5, b6, _, _ = stream[start:start + PEN_LEN]
                x = (b1 << 9) | (b2 << 2) | ((b6 >> 5) & 3)
                y = (b3 << 9) | (b4 << 2) | ((b6 >> 3) & 3)
                if x > x_max or y > y_max:
                    rejected += 1
                else:
                    packets += 1
                    samples += 1
                    out.append(PenSample(
                        t_ms - (last - (start + PEN_LEN - 1)) * byte_ms,
                        x,
                        y,
                        min(1.0, (((b6 & 7) << 7) | b5) / pressure_max),
                        bool(b0 & TIP),
                        bool(b0 & PROXIMITY),
                    ))
            if n > size:  # stray bytes after a complete packet
                dropped += n - size
                resyncs += 1
                stray = True
        self._skipping, self._in_stray_run = skipping, stray
        stats = self.stats
        stats.packets += packets
        stats.samples += samples
        stats.skipped += skipped
        stats.rejected += rejected
        stats.resyncs += resyncs
        stats.dropped_bytes += dropped
        return out
