"""Topaz (8- and 7-bit) and ISDV4 decoders: round trips, and recovery from every fault.

The driver-derived byte vectors are in test_topaz.py and test_isdv4.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.devices import isdv4, topaz
from app.devices.isdv4 import Isdv4Decoder, QueryReply
from app.devices.pad import PadDecoder, PenSample
from app.devices.topaz import TopazDecoder

# -- known packets -----------------------------------------------------------------------------


def test_topaz_proximity_polarity_is_a_setting() -> None:
    # b0 0x81: sync and tip, proximity (bit 6) clear (waxbee topaz_serial.cpp 83; topaz.js 373)
    pkt = bytes([0x81, 0, 0, 0, 0])
    assert TopazDecoder().feed(pkt)[0].in_proximity is False
    assert TopazDecoder(proximity_bit_means_near=False).feed(pkt)[0].in_proximity is True


def test_topaz_encoder_round_trips_the_whole_coordinate_range() -> None:
    d = TopazDecoder()
    for x, y in [(0, 0), (4095, 0), (0, 4095), (4094, 4095), (1301, 691), (127, 128)]:
        for seven_bit in (False, True):
            (s,) = TopazDecoder(seven_bit=seven_bit).feed(
                topaz.encode(x, y, pen_down=True, seven_bit=seven_bit))
            assert (s.x, s.y, s.pen_down, s.in_proximity) == (x, y, True, True)
    # X = Y = 4095 is what the drivers call line noise: never a sample
    assert d.feed(topaz.encode(4095, 4095, pen_down=True)) == []


def test_isdv4_query_reply_low_bits_and_pressure_high_bits() -> None:
    q = QueryReply(x_max=26202, y_max=16503, pressure_max=1023, version=0x1234, data_id=3)
    enc = isdv4.encode_query_reply(q)
    assert len(enc) == 11 and enc[0] == 0xC3
    assert isdv4.parse_query(enc) == q


def test_isdv4_known_pen_packet_gives_exact_sample() -> None:
    # x 12345 = 0x18<<9 | 0x0E<<2 | 1; y 6789 = 0x0D<<9 | 0x21<<2 | 1; pressure 700 = 5<<7 | 0x3C,
    # the low bits in b6 0x2D = 0b01_01_101 (linux wacom_w8001.c @ 3746e56 lines 114-123)
    pkt = bytes([0xA1, 0x18, 0x0E, 0x0D, 0x21, 0x3C, 0x2D, 0x00, 0x00])
    d = Isdv4Decoder()
    assert d.feed(pkt, t_ms=7.0) == [
        PenSample(t_ms=7.0, x=12345, y=6789, pressure=700 / 1023, pen_down=True, in_proximity=True)
    ]
    d.set_limits(QueryReply(24576, 18432, 1023))
    (s,) = d.feed(isdv4.encode_pen(24576, 18432, 1023, pen_down=False, in_proximity=False))
    assert (s.x, s.y, s.pressure, s.pen_down, s.in_proximity) == (24576, 18432, 1.0, False, False)


def test_isdv4_pressure_scales_by_the_pads_reported_maximum() -> None:
    d = Isdv4Decoder(QueryReply(24576, 18432, 127))
    (s,) = d.feed(isdv4.encode_pen(100, 100, 127, pen_down=True))
    assert s.pressure == 1.0
    (s,) = d.feed(isdv4.encode_pen(100, 100, 500, pen_down=True))  # beyond the claim: clamped
    assert s.pressure == 1.0


def test_isdv4_skips_touch_and_control_packets() -> None:
    pen = isdv4.encode_pen(1000, 2000, 300, pen_down=True)
    # b0 & 0x10: touch (linux wacom_w8001.c @ 3746e56 lines 36-37, 297); 13 bytes for two
    # fingers, 7 for one capacitive (lines 48, 51)
    touch13 = bytes([0x91]) + bytes(12)
    touch7 = bytes([0x90]) + bytes(6)
    ctrl = isdv4.encode_query_reply(QueryReply(100, 100, 100))
    d = Isdv4Decoder()
    got = d.feed(pen + touch13 + pen + isdv4.encode_touch(5, 5) + touch7 + ctrl + pen)
    assert [(s.x, s.y) for s in got] == [(1000, 2000)] * 3
    assert d.stats.skipped == 4
    assert d.stats.resyncs == 0 and d.stats.rejected == 0


def test_samples_in_one_chunk_are_stamped_by_their_position() -> None:
    d = TopazDecoder()
    data = topaz.encode(1, 1, pen_down=True) + topaz.encode(2, 2, pen_down=True)
    a, b = d.feed(data, t_ms=100.0, byte_ms=0.5)
    assert b.t_ms == 100.0 and a.t_ms == 100.0 - 5 * 0.5


# -- faults ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proto:
    name: str
    make: Callable[[], PadDecoder]
    encode: Callable[[int, int, bool], bytes]
    packet_len: int


PROTOS = [
    Proto("topaz", TopazDecoder, lambda x, y, d: topaz.encode(x, y, pen_down=d), 5),
    Proto("topaz-7bit", lambda: TopazDecoder(seven_bit=True),
          lambda x, y, d: topaz.encode(x, y, pen_down=d, seven_bit=True), 5),
    Proto("isdv4", Isdv4Decoder,
          lambda x, y, d: isdv4.encode_pen(x * 7, y * 5, (x * 3) % 1024, pen_down=d), 9),
]


def stream(proto: Proto, n: int = 8) -> tuple[list[bytes], list[tuple[int, int, bool]]]:
    pkts, want = [], []
    for i in range(n):
        x, y, down = 100 + 37 * i, 300 + 11 * i, i % 3 != 0
        pkts.append(proto.encode(x, y, down))
        s = proto.make().feed(pkts[-1])[0]
        want.append((s.x, s.y, s.pen_down))
    return pkts, want


def decode(proto: Proto, data: bytes) -> tuple[list[tuple[int, int, bool]], PadDecoder]:
    d = proto.make()
    return [(s.x, s.y, s.pen_down) for s in d.feed(data)], d


@pytest.fixture(params=PROTOS, ids=lambda p: p.name)
def proto(request: pytest.FixtureRequest) -> Proto:
    return request.param


def test_noise_between_packets_costs_no_packet(proto: Proto) -> None:
    pkts, want = stream(proto)
    for noise in (b"\x00\x13\x7f\x22", b"\x85\x01\x02", b"\xff", b"\x81" * 3 + b"\x05"):
        data = b"".join(pkts[:4]) + noise + b"".join(pkts[4:])
        got, d = decode(proto, data)
        assert got == want, noise
        assert d.stats.resyncs >= 1


def test_a_dropped_byte_costs_exactly_that_packet(proto: Proto) -> None:
    pkts, want = stream(proto)
    for k in (0, 3, 7):
        for pos in range(proto.packet_len):
            damaged = pkts[k][:pos] + pkts[k][pos + 1:]
            got, d = decode(proto, b"".join(pkts[:k]) + damaged + b"".join(pkts[k + 1:]))
            assert got == want[:k] + want[k + 1:], (k, pos)
            assert d.stats.resyncs + d.stats.rejected >= 1 or k == len(pkts) - 1


def test_a_flipped_bit_costs_at_most_that_packet(proto: Proto) -> None:
    pkts, want = stream(proto)
    k = 4
    for pos in range(proto.packet_len):
        for bit in range(8):
            bad = bytearray(pkts[k])
            bad[pos] ^= 1 << bit
            got, _ = decode(proto, b"".join(pkts[:k]) + bytes(bad) + b"".join(pkts[k + 1:]))
            # every other packet decodes exactly...
            assert got[:k] == want[:k], (pos, bit)
            assert got[len(got) - (len(want) - k - 1):] == want[k + 1:], (pos, bit)
            # ...and the damaged one is lost or (undetectably) altered, never multiplied
            assert len(want) - 1 <= len(got) <= len(want), (pos, bit)


def test_topaz_detects_flips_of_sync_and_high_bits() -> None:
    proto = PROTOS[0]
    pkts, want = stream(proto)
    k = 4
    detectable = [(0, 7)] + [(p, 7) for p in (1, 2, 3, 4)] + [(p, b) for p in (2, 4) for b in (5, 6)]
    for pos, bit in detectable:
        bad = bytearray(pkts[k])
        bad[pos] ^= 1 << bit
        got, _ = decode(proto, b"".join(pkts[:k]) + bytes(bad) + b"".join(pkts[k + 1:]))
        assert got == want[:k] + want[k + 1:], (pos, bit)


def test_starting_mid_packet_loses_only_the_partial_packet(proto: Proto) -> None:
    pkts, want = stream(proto)
    data = b"".join(pkts)
    for start in range(1, proto.packet_len):
        got, d = decode(proto, data[start:])
        assert got == want[1:], start
        assert d.stats.resyncs == 1 and d.stats.dropped_bytes == proto.packet_len - start


def test_a_bit7_byte_inside_a_packet_costs_at_most_that_packet(proto: Proto) -> None:
    pkts, want = stream(proto)
    k = 3
    for pos in range(1, proto.packet_len):
        for intruder in (0x80, 0xA1, 0xFF):
            bad = pkts[k][:pos] + bytes([intruder]) + pkts[k][pos:]
            got, d = decode(proto, b"".join(pkts[:k]) + bad + b"".join(pkts[k + 1:]))
            assert got[:k] == want[:k]
            assert got[len(got) - (len(want) - k - 1):] == want[k + 1:]
            assert len(want) - 1 <= len(got) <= len(want)
            assert d.stats.resyncs >= 1  # the cut-short partial packet


def test_feeding_in_any_chunks_gives_the_same_samples(proto: Proto) -> None:
    pkts, want = stream(proto)
    data = b"\x01\x02" + b"".join(pkts)
    for size in (1, 2, 3, 7, 64):
        d = proto.make()
        got = []
        for i in range(0, len(data), size):
            got += [(s.x, s.y, s.pen_down) for s in d.feed(data[i:i + size])]
        assert got == want, size


@settings(max_examples=300, deadline=None)
@given(garbage=st.binary(max_size=300), which=st.sampled_from(PROTOS),
       chunk=st.integers(min_value=1, max_value=40))
def test_arbitrary_bytes_never_raise_and_real_packets_after_them_decode(
        garbage: bytes, which: Proto, chunk: int) -> None:
    pkts, want = stream(which, 4)
    data = garbage + b"".join(pkts)
    d = which.make()
    got: list[PenSample] = []
    for i in range(0, len(data), chunk):
        got += d.feed(data[i:i + chunk])
    # a real packet begins with the only kind of byte that starts a packet, so
    # whatever came before, every real packet decodes exactly
    assert [(s.x, s.y, s.pen_down) for s in got[len(got) - len(want):]] == want
    st_ = d.stats
    assert st_.samples == len(got)
    assert min(st_.packets, st_.rejected, st_.resyncs, st_.dropped_bytes) >= 0


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=500))
def test_garbage_alone_never_raises_and_samples_stay_in_range(data: bytes) -> None:
    for d in (TopazDecoder(), Isdv4Decoder(), Isdv4Decoder(QueryReply(24576, 18432, 127))):
        for s in d.feed(data):
            assert 0 <= s.x <= 0xFFFF and 0 <= s.y <= 0xFFFF and 0.0 <= s.pressure <= 1.0
