"""The Topaz decoder against byte vectors worked out by hand from the drivers' own bit layouts.

Sources (pinned commits; line numbers refer to them):

* waxbee = popbee/waxbee @ f78e0e6, ``waxbee/topaz_serial.cpp``
* topaz.js = l1n/topaz-dext @ c2e5ed9, ``lib/topaz.js``
* TopazKit = l1n/topaz-dext @ c2e5ed9, ``lib/TopazKit.swift``
"""

from __future__ import annotations

import pytest

from app.devices import topaz
from app.devices.pad import PenSample
from app.devices.topaz import DeviceInfo, TopazDecoder

# -- 8-bit format: one vector per packet type ------------------------------------------------------

# pen, type 0: b0 0xC1 = sync 0x80 | proximity 0x40 | tip 0x01, (0xC1 >> 2) & 7 = 0
# (topaz.js 345, 371); X = 0x15 | (0x0A & 0x1F) << 7 = 21 + 1280 = 1301,
# Y = 0x33 | 0x05 << 7 = 51 + 640 = 691 (waxbee 85-89, topaz.js 349-350)
PEN_T0 = bytes([0xC1, 0x15, 0x0A, 0x33, 0x05])
# pen, type 1: b0 0xC5 = 0x80 | 0x40 | 0x04 | tip; (0xC5 >> 2) & 7 = 1 (topaz.js 345);
# X = 0x00 | 0x08 << 7 = 1024, Y = 0x7F | 0x04 << 7 = 639
PEN_T1 = bytes([0xC5, 0x00, 0x08, 0x7F, 0x04])
# pen, type 4, hovering: b0 0xD0 = 0x80 | 0x40 | 0x10; (0xD0 >> 2) & 7 = 4, tip clear;
# X = 0x64 | 0x0F << 7 = 100 + 1920 = 2020, Y = 0x01 | 0x10 << 7 = 1 + 2048 = 2049
PEN_T4_HOVER = bytes([0xD0, 0x64, 0x0F, 0x01, 0x10])
# pressure, type 7: b0 0xDC = 0x80 | 0x40 | 0x1C; (0xDC >> 2) & 7 = 7;
# pressure = (0x05 & 7) << 7 | 0x2A = 640 + 42 = 682 (topaz.js 358-359)
PRESSURE_682 = bytes([0xDC, 0x00, 0x00, 0x2A, 0x05])
# device information, type 2: b0 0xC8 = 0x80 | 0x40 | 0x08; (0xC8 >> 2) & 7 = 2;
# d0 = 0x2D | 0x01 << 7 = 173, d1 = 0x39 | 0x30 << 7 = 6201; model = (173 & 0xFC) >> 2 = 43,
# serial = (173 & 3) << 16 | 6201 = 65536 + 6201 = 71737 (topaz.js 364-367)
INFO_43 = bytes([0xC8, 0x2D, 0x01, 0x39, 0x30])
# command reply, type 3: b0 0xCC = 0x80 | 0x40 | 0x0C; (0xCC >> 2) & 7 = 3 (topaz-dext README
# line 134 "Command response"; topaz.js 371 drops it as not pen data)
REPLY = bytes([0xCC, 0x4F, 0x4B, 0x00, 0x00])
# line noise: X = 0x7F | 0x1F << 7 = 4095 = Y (topaz.js 356, TopazKit 101)
NOISE = bytes([0xC0, 0x7F, 0x1F, 0x7F, 0x1F])
# reserved, type 5: b0 0xD4 = 0x80 | 0x40 | 0x14; (0xD4 >> 2) & 7 = 5 (README line 135)
RESERVED = bytes([0xD4, 0x01, 0x01, 0x01, 0x01])
# a pen packet waxbee rejects: b2 = 0x2A has bit 5 set (waxbee 80: "buffer[2] & 0xE0")
BAD_HIGH_BITS = bytes([0xC1, 0x15, 0x2A, 0x33, 0x05])


def xy(samples: list[PenSample]) -> list[tuple[int, int, bool]]:
    return [(s.x, s.y, s.pen_down) for s in samples]


def test_each_pen_type_decodes_to_its_exact_sample() -> None:
    d = TopazDecoder()
    assert d.feed(PEN_T0, t_ms=40.0) == [PenSample(40.0, 1301, 691, 1.0, True, True)]
    assert d.feed(PEN_T1, t_ms=41.0) == [PenSample(41.0, 1024, 639, 1.0, True, True)]
    assert d.feed(PEN_T4_HOVER, t_ms=42.0) == [PenSample(42.0, 2020, 2049, 0.0, False, True)]
    assert (d.stats.packets, d.stats.samples, d.stats.skipped) == (3, 3, 0)


def test_a_stream_of_every_packet_type_inks_exactly_the_pen_packets() -> None:
    d = TopazDecoder()
    stream = (INFO_43 + PEN_T0 + NOISE + PRESSURE_682 + PEN_T1 + REPLY + RESERVED + NOISE
              + PEN_T4_HOVER + BAD_HIGH_BITS + PEN_T0)
    got = d.feed(stream)
    assert xy(got) == [(1301, 691, True), (1024, 639, True), (2020, 2049, False),
                       (1301, 691, True)]
    # pressure applies to the pen samples after it (README 166, TopazKit 268 and 280-282)
    assert [s.pressure for s in got] == [1.0, 682 / 1023, 0.0, 682 / 1023]
    s = d.stats
    assert (s.samples, s.pressure, s.info, s.replies, s.noise, s.rejected) == (4, 1, 1, 1, 2, 1)
    assert s.skipped == 4 and s.packets == 8 and s.resyncs == 0
    assert d.device_info == DeviceInfo(model=43, serial=71737)
    assert d.pressure == 682


def test_noise_is_dropped_whatever_its_type() -> None:
    # a pressure packet carrying X = Y = 0x0FFF is noise too (topaz.js 356 comes before 358)
    noisy_pressure = bytes([0xDC, 0x7F, 0x1F, 0x7F, 0x1F])
    d = TopazDecoder()
    assert d.feed(noisy_pressure + PEN_T0) == [PenSample(0.0, 1301, 691, 1.0, True, True)]
    assert d.stats.noise == 1 and d.stats.pressure == 0 and d.pressure is None


def test_reset_forgets_the_pressure_of_the_last_connection() -> None:
    d = TopazDecoder()
    d.feed(PRESSURE_682)
    d.reset()
    assert d.feed(PEN_T0)[0].pressure == 1.0


def test_encoders_write_the_layouts_the_vectors_were_read_from() -> None:
    assert topaz.encode(1301, 691, pen_down=True) == PEN_T0
    assert topaz.encode_pressure(682) == PRESSURE_682
    assert topaz.encode_info(43, 71737) == INFO_43
    assert topaz.encode_noise() == NOISE
    assert topaz.encode_reply(b"OK\x00\x00") == REPLY


# -- 7-bit format (SignatureGem LCD 1x5) ------------------------------------------------------------

# pen, type 1: b0 0x45 = 0x40 | 0x04 | tip; (0x45 & 0x70) = 0x40 != 0x30 starts it (topaz.js 317);
# (0x45 >> 2) & 7 = 1 pen; near = 0x45 & 0x04 (topaz.js 373);
# X = (0x28 & 0x3F) | (0x0F & 0x3F) << 6 = 40 + 960 = 1000, Y = 0x04 | 0x0E << 6 = 4 + 896 = 900
# (topaz.js 352-353, TopazKit 114-115)
PEN7 = bytes([0x45, 0x28, 0x0F, 0x04, 0x0E])
# pen, type 0, pen away from the surface and not near: b0 0x40; X = 0x3F | 0x00 << 6 = 63,
# Y = 0x00 | 0x20 << 6 = 2048
PEN7_FAR = bytes([0x40, 0x3F, 0x00, 0x00, 0x20])
# a packet topaz-dext itself frames (data bytes 0x30-0x3F, b0 without bit 6): b0 0x05;
# X = 0x3A & 0x3F | (0x31 & 0x3F) << 6 = 58 + 3136 = 3194, Y = 0x35 | 0x30 << 6 = 53 + 3072 = 3125
PEN7_DEXT = bytes([0x05, 0x3A, 0x31, 0x35, 0x30])
# pressure, type 7: b0 0x5C = 0x40 | 0x1C; p = (0x06 & 7) << 7 | 0x15 = 768 + 21 = 789 (topaz.js 359)
PRESSURE7_789 = bytes([0x5C, 0x00, 0x00, 0x15, 0x06])
# noise: X = 0x3F | 0x3F << 6 = 4095 = Y (topaz.js 356)
NOISE7 = bytes([0x44, 0x3F, 0x3F, 0x3F, 0x3F])


def test_seven_bit_packets_decode_with_six_data_bits_and_proximity_in_bit_2() -> None:
    d = TopazDecoder(seven_bit=True)
    got = d.feed(PEN7 + PEN7_FAR + NOISE7 + PRESSURE7_789 + PEN7 + PEN7_DEXT)
    assert [(s.x, s.y, s.pen_down, s.in_proximity) for s in got] == [
        (1000, 900, True, True), (63, 2048, False, False), (1000, 900, True, True),
        (3194, 3125, True, True)]
    assert [s.pressure for s in got] == [1.0, 0.0, 789 / 1023, 789 / 1023]
    assert (d.stats.noise, d.stats.pressure, d.stats.resyncs) == (1, 1, 0)


def test_seven_bit_encoders_match_the_vectors() -> None:
    assert topaz.encode(1000, 900, pen_down=True, seven_bit=True) == PEN7
    assert topaz.encode(63, 2048, pen_down=False, in_proximity=False, seven_bit=True) == PEN7_FAR
    assert topaz.encode_pressure(789, seven_bit=True) == PRESSURE7_789
    with pytest.raises(ValueError):
        topaz.encode_pressure(0x40, seven_bit=True)  # bit 6 of b3 cannot cross a 7-bit line


def test_seven_bit_start_byte_inside_a_packet_restarts_it_and_stray_data_is_dropped() -> None:
    d = TopazDecoder(seven_bit=True)
    # 0x30-0x3F outside a packet is data with no packet: dropped (topaz.js 317-320)
    got = d.feed(b"\x31\x32" + PEN7[:3] + PEN7 + PEN7_DEXT)
    assert xy(got) == [(1000, 900, True), (3194, 3125, True)]
    assert d.stats.resyncs == 2 and d.stats.dropped_bytes == 2 + 3


def test_eight_bit_decoder_drops_a_seven_bit_stream_rather_than_inking_it() -> None:
    got = TopazDecoder().feed((PEN7 + PRESSURE7_789) * 10)
    assert got == []


@pytest.mark.parametrize("seven_bit", [False, True])
def test_any_chunking_gives_the_same_samples(seven_bit: bool) -> None:
    pkts = [topaz.encode(400 + 37 * i, 350 + 11 * i, pen_down=i % 3 != 0, seven_bit=seven_bit)
            for i in range(12)]
    pkts.insert(4, topaz.encode_pressure(300, seven_bit=seven_bit))
    pkts.insert(7, topaz.encode_noise(seven_bit=seven_bit))
    data = b"".join(pkts)
    whole = [(s.x, s.y, s.pressure) for s in TopazDecoder(seven_bit=seven_bit).feed(data)]
    assert len(whole) == 12
    for size in (1, 2, 3, 5, 7, 64):
        d = TopazDecoder(seven_bit=seven_bit)
        got = []
        for i in range(0, len(data), size):
            got += [(s.x, s.y, s.pressure) for s in d.feed(data[i:i + size])]
        assert got == whole, size
