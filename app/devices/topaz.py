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

from app.devices.pad import DecoderStats, PenSample

BAUD = 19200
PACKET_LEN = 5
COORD_MAX = 4095
SYNC = 0x80
PROXIMITY = 0x40
TIP = 0x01
_HIGH_BITS = 0xE0  # must be clear in b2 and b4


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
        out: list[PenSample] = []
        last = len(data) - 1
        for i, byte in enumerate(data):
            if byte & SYNC:
                if self._buf:
                    self._drop(len(self._buf))
                self._buf = bytearray((byte,))
                self._in_stray_run = False
                continue
            if not self._buf:
                # a byte outside any packet: count the run once
                self.stats.dropped_bytes += 1
                if not self._in_stray_run:
                    self.stats.resyncs += 1
                    self._in_stray_run = True
                continue
            self._buf.append(byte)
            if len(self._buf) == PACKET_LEN:
                sample = self._decode(bytes(self._buf), t_ms - (last - i) * byte_ms)
                self._buf.clear()
                if sample is not None:
                    out.append(sample)
        return out

    def _drop(self, n: int) -> None:
        self.stats.resyncs += 1
        self.stats.dropped_bytes += n

    def _decode(self, pkt: bytes, t_ms: float) -> PenSample | None:
        b0, b1, b2, b3, b4 = pkt
        if (b2 & _HIGH_BITS) or (b4 & _HIGH_BITS):
            self.stats.rejected += 1
            return None
        self.stats.packets += 1
        self.stats.samples += 1
        prox_bit = bool(b0 & PROXIMITY)
        down = bool(b0 & TIP)
        return PenSample(
            t_ms=t_ms,
            x=b1 | (b2 << 7),
            y=b3 | (b4 << 7),
            pressure=1.0 if down else 0.0,
            pen_down=down,
            in_proximity=prox_bit if self.proximity_bit_means_near else not prox_bit,
        )


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
