"""Signature pad decoding: a recorded-style stream of packets, fed as the serial reader feeds it.

Ours: :class:`app.devices.topaz.TopazDecoder` and
:class:`app.devices.isdv4.Isdv4Decoder` fed the stream in 64-byte reads (what
the serial reader hands over), producing pen samples.

Floor: the plainest fast code doing the same work on the same reads — one
regular expression frames whole packets (in C), a partial packet is carried to
the next read, and each packet is classified by its type bits: pen packets
become (x, y, pressure, tip, proximity) tuples; Topaz pressure packets (type 7)
set the last sample's pressure; device-information and reply packets (Topaz
types 2/3, ISDV4 control and touch packets) are skipped; Topaz line noise
(X = Y = 0x0FFF) is dropped.

The stream holds the packet types the decoder classifies: ISDV4 pen packets with
touch packets and a query reply among them; Topaz pen packets (types 0, 1 and 4)
and, once the decoder tells the types apart (issue 13: it skips an
information packet instead of inking it), pressure, information, reply and
noise packets as well.

What a person waits for is far less than a megabyte: a signature is a few KB
(a Topaz pad sends about 120 five-byte packets a second), decoded read by read
while it is being written; the row's note gives the time for 4 KB.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.context import BenchContext
from bench.gate import Measurement
from bench.report import Result
from bench.timing import compare

CHUNK = 64
#: what a person's signature is, in bytes (for the note)
SIGNATURE_BYTES = 4096

# Topaz sync byte: bit 7 sync, bit 6 proximity, bit 0 tip, bits 2-4 the packet type
# (waxbee topaz_serial.cpp; issue 13 for the type field).
T_PEN_TYPES = (0, 1, 4)
T_PRESSURE, T_INFO, T_REPLY = 7, 2, 3
T_NOISE = 0x0FFF


def pen_path(n: int) -> list[tuple[int, int, bool]]:
    """A looping signature path of ``n`` points with pen lifts, in 0..1 units × 1000."""
    pts = []
    for i in range(n):
        t = i / 200
        down = (i // 150) % 5 != 4
        pts.append((int(500 + 400 * math.sin(t * 3.1) + i % 97),
                    int(500 + 300 * math.cos(t * 1.7)), down))
    return pts


def _topaz_packet(kind: int, b0_flags: int, x: int, y: int) -> bytes:
    return bytes((0x80 | (kind << 2) | b0_flags, x & 0x7F, x >> 7, y & 0x7F, y >> 7))


def topaz_stream(size: int, *, mixed: bool) -> tuple[bytes, int]:
    """(stream, pen samples in it). ``mixed``: with pressure, information, reply and
    noise packets among the pen packets."""
    from app.devices.topaz import PACKET_LEN, encode

    out = []
    pens = 0
    for i, (x, y, down) in enumerate(pen_path(size // PACKET_LEN)):
        if not mixed:
            out.append(encode(x * 4, y * 4, pen_down=down))
            pens += 1
        elif i % 50 == 7:
            out.append(_topaz_packet((T_INFO, T_REPLY)[i % 2], 0, i % 128, 3))
        elif i % 50 == 19:
            out.append(_topaz_packet(0, 0x41, T_NOISE, T_NOISE))
        elif i % 6 == 5:
            out.append(_topaz_packet(T_PRESSURE, 0x41, (i * 13) % 1024, 0))
        else:
            pen_type = T_PEN_TYPES[(i // 40) % 3]
            out.append(_topaz_packet(pen_type, 0x40 | int(down), x * 4, y * 4))
            pens += 1
    return b"".join(out), pens


def isdv4_stream(size: int) -> tuple[bytes, int]:
    """(stream, pen samples in it): a query reply, then pen packets with touch packets."""
    from app.devices.isdv4 import PEN_LEN, QueryReply, encode_pen, encode_query_reply, encode_touch

    out = [encode_query_reply(QueryReply(x_max=26000, y_max=16000, pressure_max=1023))]
    pens = 0
    for i, (x, y, d) in enumerate(pen_path(size // PEN_LEN)):
        if i % 40 == 13:
            out.append(encode_touch(x, y))
        else:
            out.append(encode_pen(x * 20, y * 20, 600 if d else 0, pen_down=d))
            pens += 1
    return b"".join(out), pens


_TOPAZ_PACKET = re.compile(rb"[\x80-\xff][\x00-\x7f]{4}")
_TOPAZ_TAIL = re.compile(rb"[\x80-\xff][\x00-\x7f]{0,3}\Z")
#: ISDV4: a sync byte and what follows it up to the next (packets differ in length)
_ISDV4_RUN = re.compile(rb"[\x80-\xff][\x00-\x7f]*")


#: the floor's pen sample: x, y, pressure, tip down, in proximity
Sample = tuple[int, int, float, bool, bool]


def floor_topaz(reads: list[bytes]) -> list[Sample]:
    samples: list[Sample] = []
    tail = b""
    for read in reads:
        data = tail + read if tail else read
        for m in _TOPAZ_PACKET.finditer(data):
            b0, b1, b2, b3, b4 = m.group()
            kind = (b0 >> 2) & 7
            if kind == 0 or kind == 1 or kind == 4:
                x, y = b1 | b2 << 7, b3 | b4 << 7
                if x != T_NOISE or y != T_NOISE:
                    samples.append((x, y, 1.0 if b0 & 1 else 0.0, bool(b0 & 1), bool(b0 & 0x40)))
            elif kind == T_PRESSURE and samples:
                x, y, _p, tip, near = samples[-1]
                samples[-1] = (x, y, (b1 | b2 << 7) / 1023, tip, near)
        t = _TOPAZ_TAIL.search(data, max(0, len(data) - 4))
        tail = t.group() if t else b""
    return samples


def floor_isdv4(reads: list[bytes]) -> list[Sample]:
    samples: list[Sample] = []
    tail = b""
    for read in reads:
        data = tail + read if tail else read
        tail = b""
        for m in _ISDV4_RUN.finditer(data):
            packet = m.group()
            b0 = packet[0]
            if b0 & 0x40 or b0 & 0x10:  # control (query reply) or touch: no pen data
                continue
            if len(packet) < 9:
                if m.end() == len(data):
                    tail = packet  # the rest comes in the next read
                continue
            _, b1, b2, b3, b4, b5, b6, _, _ = packet[:9]
            samples.append(((b1 << 9) | (b2 << 2) | ((b6 >> 5) & 3),
                            (b3 << 9) | (b4 << 2) | ((b6 >> 3) & 3),
                            (((b6 & 7) << 7) | b5) / 1023, bool(b0 & 1), bool(b0 & 0x20)))
    return samples


def topaz_classifies() -> bool:
    """Does the Topaz decoder tell packet types apart (an information packet inks nothing)?"""
    from app.devices.topaz import TopazDecoder

    return not TopazDecoder().feed(_topaz_packet(T_INFO, 0, 5, 3))


def _decoder_feed(make: Callable[[], Any], reads: list[bytes]) -> Callable[[], int]:
    def feed() -> int:
        decoder = make()
        n = 0
        for read in reads:
            n += len(decoder.feed(read))
        return n

    return feed


@dataclass(frozen=True)
class _Stream:
    key: str
    name: str
    data: bytes
    pens: int
    decoder: Callable[[], Any]
    floor: Callable[[list[bytes]], list[Sample]]
    what: str


def _measure(ctx: BenchContext, stream: _Stream, runs: int) -> list[Result]:
    data = stream.data
    reads = [data[i:i + CHUNK] for i in range(0, len(data), CHUNK)]
    ours = _decoder_feed(stream.decoder, reads)
    got, want = ours(), len(stream.floor(reads))
    assert got == want == stream.pens, (stream.name, got, want, stream.pens)
    slow = ctx.slowed(stream.key, ours)
    t_ours, t_floor = compare(lambda _i: slow(), lambda _i: stream.floor(reads), runs=runs,
                              warmup=1)
    per_sig = t_ours.median_ms * SIGNATURE_BYTES / len(data)
    return [Result(f"pad decoding, {len(data) / 1e6:.2g} MB of {stream.name} packets", 3.0,
                   key=stream.key, ours=t_ours, floor=t_floor,
                   note=f"{stream.what}; a {SIGNATURE_BYTES // 1024} KB signature decodes in "
                        f"{per_sig:.2f} ms, read by read as it is written")]


def measurements(ctx: BenchContext) -> list[Measurement]:
    from app.devices.isdv4 import Isdv4Decoder
    from app.devices.topaz import TopazDecoder

    size = ctx.scale.pad_bytes
    runs = ctx.runs(7 if ctx.quick else 11)
    mixed = topaz_classifies()
    topaz, topaz_pens = topaz_stream(size, mixed=mixed)
    isdv4, isdv4_pens = isdv4_stream(size)
    streams = (
        _Stream("pad-topaz", "Topaz", topaz, topaz_pens, TopazDecoder, floor_topaz,
                "pen (types 0/1/4), pressure, information, reply and noise packets" if mixed
                else "pen packets only (this decoder inks every packet type: see issue 13)"),
        _Stream("pad-isdv4", "ISDV4", isdv4, isdv4_pens, Isdv4Decoder, floor_isdv4,
                "pen packets, touch packets and a query reply"),
    )
    return [Measurement((s.key,), functools.partial(_measure, ctx, s, runs)) for s in streams]
