"""Wacom ISDV4 / W8001 serial digitisers: a pure decoder, the query replies, and encoders.

What the drivers do (docs/hardware.md has the table with every source line;
``w8001`` is torvalds/linux @ 3746e56 ``drivers/input/touchscreen/wacom_w8001.c``,
``isdv4.h`` is linuxwacom/xf86-input-wacom @ 426e25d ``include/isdv4.h``):

* 38400 8N1 (19200 on older devices). The host sends ``0`` (stop), waits 250 ms,
  sends ``*`` (query) and reads an 11-byte control packet giving x_max, y_max and
  pressure_max (w8001 lines 411-449, isdv4.h lines 123-128); then ``%`` (touch
  query), whose reply gives the touch sensor and its packet length — a device
  without touch may not answer, or answers with b1 = 0 (w8001 lines 470-477,
  isdv4.h lines 147-154); then ``1`` (start).
* Pen packets are 9 bytes (w8001 lines 109-126, isdv4.h lines 208-218): b0 bit 5
  proximity, bit 2 eraser / second side switch, bit 1 side switch, bit 0 tip;
  16-bit X and Y, 10-bit pressure. Touch packets (b0 & 0x10; 5, 7 or 13 bytes by
  sensor) and control packets (b0 & 0x40, 11 bytes) carry no pen data.
* **Eraser**: the bit-2 flag means the eraser end when the pen *comes into
  proximity* with it set; while already in proximity it is the second side
  switch; if it clears while the eraser was assumed, the pen takes over (w8001
  lines 220-241 and 257-258; xf86 ``wcmISDV4.c`` lines 684-688). The eraser draws
  no ink here.
* **Beyond the maximum**: the drivers pass coordinates through as read (w8001 line
  249 reports them unchecked); here they are clamped to the reported maximum.

Resynchronisation: only b0 has bit 7 set (w8001 line 289), so bytes are skipped up
to the next byte with bit 7 set (one *resync* per run), and a bit-7 byte inside a
packet restarts the packet there (the partial one is dropped: a *resync*). Touch
packets are skipped up to the next sync byte whatever their length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
CMD_TOUCH_QUERY = b"%"
CMD_RESET = b"&"

DEFAULT_PRESSURE_MAX = 1023  # 10-bit pressure, used until the pad tells us otherwise
#: touch packet length by sensor id (w8001 lines 501-518)
TOUCH_PACKET_LEN = {0: 5, 2: 5, 1: 7, 3: 7, 4: 7, 5: 13}
#: a sync byte and the non-sync bytes after it, or a run of bytes outside any packet
_RUN = re.compile(rb"[\x80-\xff][\x00-\x7f]*|[\x00-\x7f]+")
#: 1 for the first byte of a pen packet, 2 for any other sync byte, 0 for data
_HEAD = bytes(0 if not b & SYNC else 2 if b & (CONTROL | TOUCH) else 1 for b in range(256))
_NO_TOOL, _PEN, _ERASER = range(3)

PenPacket = tuple[int, int, int, int, int, int, int, int]  # index of its last byte, b0..b6


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


#: the size assumed until a pad says its own: the simulator's, and the one real device we know of
DEFAULT_LIMITS = QueryReply(24576, 18432, 1023)


@dataclass(frozen=True, slots=True)
class TouchReply:
    """The pad's answer to ``%`` (isdv4.h lines 147-154; w8001 lines 190-208)."""

    sensor_id: int
    x_max: int
    y_max: int
    panel_resolution: int = 0
    capacity_resolution: int = 0
    version: int = 0
    data_id: int = 1

    @property
    def packet_len(self) -> int:
        return TOUCH_PACKET_LEN.get(self.sensor_id, 0)

    def describe(self) -> str:
        fingers = "two-finger" if self.sensor_id == 5 else "one-finger"
        return f"{fingers} touch (sensor {self.sensor_id}, {self.x_max}×{self.y_max})"


def _is_control(pkt: bytes) -> bool:
    return (len(pkt) == CONTROL_LEN and (pkt[0] & (SYNC | CONTROL)) == (SYNC | CONTROL)
            and not any(b & SYNC for b in pkt[1:]))


def parse_query(pkt: bytes) -> QueryReply | None:
    """Decode an 11-byte control packet as the reply to ``*``; None if it is not one."""
    if not _is_control(pkt):
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


def parse_touch_query(pkt: bytes) -> TouchReply | None:
    """Decode the reply to ``%``; None if it is not a control packet or says "no touch"
    (b1 = 0, w8001 lines 473-477)."""
    if not _is_control(pkt) or not pkt[1]:
        return None
    b = pkt
    x = (b[3] << 9) | (b[4] << 2) | ((b[2] >> 5) & 3)
    y = (b[5] << 9) | (b[6] << 2) | ((b[2] >> 3) & 3)
    if not x and not y:  # early single-finger models (w8001 lines 202-208)
        x = y = 1 << b[1]
    return TouchReply(sensor_id=b[2] & 7, x_max=x, y_max=y, panel_resolution=b[1],
                      capacity_resolution=b[7], version=(b[9] << 7) | b[10], data_id=b[0] & 0x3F)


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


def encode_touch_reply(reply: TouchReply) -> bytes:
    x, y = reply.x_max, reply.y_max
    return bytes((
        SYNC | CONTROL | (reply.data_id & 0x3F),
        reply.panel_resolution & 0x7F,
        ((x & 3) << 5) | ((y & 3) << 3) | (reply.sensor_id & 7),
        (x >> 9) & 0x7F, (x >> 2) & 0x7F,
        (y >> 9) & 0x7F, (y >> 2) & 0x7F,
        reply.capacity_resolution & 0x7F, 0,
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

    The last control packet seen is kept in :attr:`last_control` (and, read as the
    reply to ``*`` or to ``%``, in :attr:`query_reply` or :attr:`touch`); call
    :meth:`set_limits` with the query reply so pressure is scaled to 0..1 and
    coordinates are clamped to the pad's size.
    """

    def __init__(self, limits: QueryReply | None = None) -> None:
        self.stats = DecoderStats()
        self.query_reply: QueryReply | None = None
        self.last_control: bytes | None = None
        self.limits: QueryReply | None = None
        self.touch: TouchReply | None = None
        self._pressure_max = DEFAULT_PRESSURE_MAX
        self._buf = b""
        self._skipping = False  # inside a touch packet of unknown length
        self._in_stray_run = False
        self._tool = _NO_TOOL
        if limits is not None:
            self.set_limits(limits)

    def set_limits(self, limits: QueryReply) -> None:
        self.limits = limits
        self._pressure_max = limits.pressure_max if limits.pressure_max > 0 else DEFAULT_PRESSURE_MAX

    def reset(self) -> None:
        self._buf = b""
        self._skipping = False
        self._in_stray_run = False
        self._tool = _NO_TOOL

    def feed(self, data: bytes, t_ms: float = 0.0, byte_ms: float = 0.0) -> list[PenSample]:
        if not data:
            return []
        stream = self._buf + data if self._buf else bytes(data)
        self._buf = b""
        n = len(stream)
        flags = stream.translate(_HEAD)
        heads = flags[0::PEN_LEN]
        if not self._skipping and heads.count(1) == len(heads) == n - flags.count(0):
            # the usual read: whole pen packets (and the start of the next), framed at C speed
            whole = n - n % PEN_LEN
            self._buf = stream[whole:]
            self._in_stray_run = False
            s = stream[:whole]
            packets: Iterable[PenPacket] = zip(
                range(PEN_LEN - 1, whole, PEN_LEN), s[0::9], s[1::9], s[2::9], s[3::9], s[4::9],
                s[5::9], s[6::9], strict=False)
        else:
            packets = self._frame_runs(stream)
        return self._decode(packets, t_ms - (n - 1) * byte_ms, byte_ms)

    def _frame_runs(self, stream: bytes) -> list[PenPacket]:
        # Cut into runs by one regular expression (in C): a sync byte with the non-sync
        # bytes after it, or a run of bytes outside any packet.
        pens: list[PenPacket] = []
        end = len(stream)
        skipping, stray = self._skipping, self._in_stray_run
        resyncs = dropped = touch = control = 0
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
                touch += 1
            stray = False
            if b0 & TOUCH and not b0 & CONTROL:
                skipping = True
                continue
            size = CONTROL_LEN if b0 & CONTROL else PEN_LEN
            if n < size:
                if stop == end:
                    self._buf = stream[start:stop]  # the rest comes in the next read
                else:  # cut short by the next sync byte
                    resyncs += 1
                    dropped += n
                continue
            if size == CONTROL_LEN:
                control += 1
                pkt = stream[start:start + CONTROL_LEN]
                self.last_control = pkt
                # the query reply has data id 0, the touch query's 1 or 3 (isdv4.h 59, 70)
                if pkt[0] & 0x3F:
                    self.touch = parse_touch_query(pkt) or self.touch
                else:
                    self.query_reply = parse_query(pkt)
            else:
                last = start + PEN_LEN - 1
                pens.append((last, *stream[start:start + 7]))  # b0..b6
            if n > size:  # stray bytes after a complete packet
                dropped += n - size
                resyncs += 1
                stray = True
        self._skipping, self._in_stray_run = skipping, stray
        stats = self.stats
        stats.packets += touch + control
        stats.skipped += touch + control
        stats.touch += touch
        stats.control += control
        stats.resyncs += resyncs
        stats.dropped_bytes += dropped
        return pens

    def _decode(self, packets: Iterable[PenPacket], t0: float, byte_ms: float) -> list[PenSample]:
        out: list[PenSample] = []
        append = out.append
        limits = self.limits
        x_max = limits.x_max if limits is not None else 0xFFFF
        y_max = limits.y_max if limits is not None else 0xFFFF
        pressure_max = self._pressure_max
        tool = self._tool
        samples = clamped = erasers = 0
        for end, b0, b1, b2, b3, b4, b5, b6 in packets:
            # the eraser flag decides the tool as the pen comes into proximity (w8001 240-241)
            if tool == _ERASER:
                if not b0 & ERASER:
                    tool = _PEN  # the flag cleared: the pen end after all (w8001 227-235)
            elif tool == _NO_TOOL:
                tool = _ERASER if b0 & ERASER else _PEN
            x = (b1 << 9) | (b2 << 2) | ((b6 >> 5) & 3)
            y = (b3 << 9) | (b4 << 2) | ((b6 >> 3) & 3)
            if x > x_max or y > y_max:
                clamped += 1
                x = min(x, x_max)
                y = min(y, y_max)
            samples += 1
            if tool == _ERASER:
                erasers += 1
                append(PenSample(t0 + end * byte_ms, x, y, 0.0, False, bool(b0 & PROXIMITY)))
            else:
                append(PenSample(t0 + end * byte_ms, x, y,
                                 min(1.0, (((b6 & 7) << 7) | b5) / pressure_max),
                                 bool(b0 & TIP), bool(b0 & PROXIMITY)))
            if not b0 & PROXIMITY:
                tool = _NO_TOOL  # out of proximity: the next entry decides again (w8001 257-258)
        self._tool = tool
        stats = self.stats
        stats.packets += samples
        stats.samples += samples
        stats.clamped += clamped
        stats.eraser += erasers
        return out
