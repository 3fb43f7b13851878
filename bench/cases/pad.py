"""Signature pad decoding: a recorded stream of pen packets, fed as the serial reader feeds it.

Ours: :class:`app.devices.topaz.TopazDecoder` and
:class:`app.devices.isdv4.Isdv4Decoder` fed the stream in 64-byte reads (what
the serial reader hands over), producing pen samples.
Floor: a bare loop over the same bytes that only splits them into packets at
sync bytes (bit 7 set) and keeps the complete ones — no fields decoded.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from bench.context import BenchContext
from bench.report import Result
from bench.timing import compare

CHUNK = 64


def pen_path(n: int) -> list[tuple[int, int, bool]]:
    """A looping signature path of ``n`` points with pen lifts, in 0..1 units × 1000."""
    pts = []
    for i in range(n):
        t = i / 200
        down = (i // 150) % 5 != 4
        pts.append((int(500 + 400 * math.sin(t * 3.1) + i % 97),
                    int(500 + 300 * math.cos(t * 1.7)), down))
    return pts


def topaz_stream(size: int) -> bytes:
    from app.devices.topaz import PACKET_LEN, encode

    n = size // PACKET_LEN
    return b"".join(encode(x * 4, y * 4, pen_down=d) for x, y, d in pen_path(n))


def isdv4_stream(size: int) -> bytes:
    from app.devices.isdv4 import PEN_LEN, encode_pen

    n = size // PEN_LEN
    return b"".join(encode_pen(x * 20, y * 20, 600 if d else 0, pen_down=d)
                    for x, y, d in pen_path(n))


def floor_split(data: bytes, packet_len: int) -> int:
    """Packets found: the plainest byte loop that frames packets at sync bytes."""
    packets = []
    buf = bytearray()
    for i in range(0, len(data), CHUNK):
        for byte in data[i:i + CHUNK]:
            if byte & 0x80:
                buf = bytearray((byte,))
            elif buf:
                buf.append(byte)
                if len(buf) == packet_len:
                    packets.append(bytes(buf))
                    buf = bytearray()
    return len(packets)


def _feeder(make: Callable[[], object], data: bytes) -> Callable[[int], int]:
    def feed(_i: int) -> int:
        decoder = make()
        n = 0
        for i in range(0, len(data), CHUNK):
            n += len(decoder.feed(data[i:i + CHUNK]))  # type: ignore[attr-defined]
        return n

    return feed


def run(ctx: BenchContext) -> list[Result]:
    from app.devices.isdv4 import PEN_LEN, Isdv4Decoder
    from app.devices.topaz import PACKET_LEN, TopazDecoder

    size = ctx.scale.pad_bytes
    results = []
    runs = ctx.runs(5 if ctx.quick else 9)
    for name, data, make, plen in (
        ("Topaz", topaz_stream(size), TopazDecoder, PACKET_LEN),
        ("ISDV4", isdv4_stream(size), Isdv4Decoder, PEN_LEN),
    ):
        ours = _feeder(make, data)
        assert ours(0) == floor_split(data, plen) == len(data) // plen
        t_ours, t_floor = compare(ours, lambda _i, d=data, p=plen: floor_split(d, p),  # type: ignore[misc]
                                  runs=runs, warmup=1)
        results.append(Result(f"pad decoding, {len(data) / 1e6:.2g} MB of {name} packets", 3.0,
                              ours=t_ours, floor=t_floor))
    return results
