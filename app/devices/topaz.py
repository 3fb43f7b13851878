"""Topaz-style 5-byte serial packets: a pure decoder and the matching encoder.

Wire facts (``/work/shared/hardware/signature-pads.md`` §1, after popbee/waxbee
``topaz_serial.cpp``): 19200 8N1, nothing sent to start. Each packet is
``b0 b1 b2 b3 b4``: b0 has bit 7 set (sync), bit 6 proximity, bit 0 tip;
X = b1 | b2 << 7 and Y = b3 | b4 << 7, 12 bits each; b1..b4 never have bit 7
set, and b2/b4 must have bits 7..5 clear.

Resynchronisation, and what each fault costs:

* a byte with bit 7 set always starts a new packet; a partial packet before it
  is dropped (a *resync*);
* bytes without bit 7 outside a packet are dropped (one *resync* per run);
* a complete packet whose b2 or b4 has bits 6..5 set is *rejected*.

So noise between packets costs no real packet (it can add a phantom sample
only if it happens to contain a well-formed 5-byte packet); a dropped byte, a
flipped sync/high bit, a start mid-packet or a stray bit-7 byte inside a packet
each cost that one packet, and the next packet decodes exactly. A flipped
coordinate bit cannot be detected (the protocol has no checksum). The pad sends
no pressure: samples carry 1.0 while the tip is down.
"""

from __future__ import annotations

import re

from app.devices.pad import DecoderStats, PenSample

BAUD = 19200
PACKET_LEN = 5
COORD_MAX = 4095
SYNC = 0x80
PROXIMITY = 0x40
TIP = 0x01
_HIGH_BITS = 0xE0  # must be clear in b2 and b4
#: a sync byte and the non-sync bytes after it, or a run of bytes outside any packet
_RUN = re.compile(rb"[\x80-\xff][\x00-\x7f]*|[\x00-\x7f]+")


class TopazDecoder:
    """Feed it bytes as they arrive; get back the pen samples they complete."""

    def __init__(self, *, proximity_bit_means_near: bool = True) -> None:
        # the polarity of the proximity bit is not documented anywhere: a setting
        self.proximity_bit_means_near = proximity_bit_means_near
        self.stats = DecoderStats()
        self._buf = bytearray()
        self._in_stray_run = False

    def reset(self) -> None:
        self._buf.clear()
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
        near = self.proximity_bit_means_near
        stray = self._in_stray_run
        samples = rejected = resyncs = dropped = 0
        for run in _RUN.finditer(stream):
            start, stop = run.span()
            b0 = stream[start]
            n = stop - start
            if not b0 & SYNC:  # bytes outside any packet: count the run once
                dropped += n
                if not stray:
                    resyncs += 1
                    stray = True
                continue
            stray = False
            if n < PACKET_LEN:
                if stop == end:
                    self._buf = bytearray(stream[start:stop])  # the rest comes in the next read
                else:  # cut short by the next sync byte
                    resyncs += 1
                    dropped += n
                continue
            _, b1, b2, b3, b4 = stream[start:start + PACKET_LEN]
            if (b2 | b4) & _HIGH_BITS:
                rejected += 1
            else:
                samples += 1
                down = bool(b0 & TIP)
                out.append(PenSample(
                    t_ms - (last - (start + PACKET_LEN - 1)) * byte_ms,
                    b1 | (b2 << 7),
                    b3 | (b4 << 7),
                    1.0 if down else 0.0,
                    down,
                    bool(b0 & PROXIMITY) == near,
                ))
            if n > PACKET_LEN:  # stray bytes after a complete packet
                dropped += n - PACKET_LEN
                resyncs += 1
                stray = True
        self._in_stray_run = stray
        stats = self.stats
        stats.packets += samples
        stats.samples += samples
        stats.rejected += rejected
        stats.resyncs += resyncs
        stats.dropped_bytes += dropped
        return out


def encode(x: int, y: int, *, pen_down: bool, in_proximity: bool = True,
           proximity_bit_means_near: bool = True) -> bytes:
    """One packet as the pad sends it (coordinates clamped to 0..4095)."""
    x = min(COORD_MAX, max(0, int(x)))
    y = min(COORD_MAX, max(0, int(y)))
    b0 = SYNC
    if in_proximity == proximity_bit_means_near:
        b0 |= PROXIMITY
    if pen_down:
        b0 |= TIP
    return bytes((b0, x & 0x7F, x >> 7, y & 0x7F, y >> 7))
