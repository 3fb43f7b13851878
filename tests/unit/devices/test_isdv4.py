"""The ISDV4 decoder against byte vectors worked out by hand from the drivers' bit layouts.

Sources (pinned commits; line numbers refer to them):

* w8001 = torvalds/linux @ 3746e56, ``drivers/input/touchscreen/wacom_w8001.c``
* isdv4.h = linuxwacom/xf86-input-wacom @ 426e25d, ``include/isdv4.h``
* wcmISDV4.c = linuxwacom/xf86-input-wacom @ e4094a7 (the last commit with it), ``src/wcmISDV4.c``
"""

from __future__ import annotations

from app.devices import isdv4
from app.devices.isdv4 import Isdv4Decoder, QueryReply, TouchReply
from app.devices.pad import PenSample

LIMITS = QueryReply(24576, 18432, 1023)

# b0 bits (w8001 109-112, isdv4.h 208-211): 0x80 sync, 0x20 proximity (rdy), 0x04 f2
# (eraser / second side switch), 0x02 f1 (side switch), 0x01 tip (tsw).
# X = b1 << 9 | b2 << 2 | (b6 >> 5) & 3; Y = b3 << 9 | b4 << 2 | (b6 >> 3) & 3;
# pressure = (b6 & 7) << 7 | b5 (w8001 114-123, isdv4.h 213-216).

# pen tip down at X = 0x10 << 9 | 0x40 << 2 | 0 = 8192 + 256 = 8448, Y = 0x08 << 9 | 0x20 << 2 = 4224,
# pressure = (0x02 & 7) << 7 | 0x10 = 256 + 16 = 272: b0 0xA1 = sync | rdy | tsw
PEN_DOWN = bytes([0xA1, 0x10, 0x40, 0x08, 0x20, 0x10, 0x02, 0x00, 0x00])
# the same place and pressure with f2 set: b0 0xA5 = sync | rdy | f2 | tsw
F2_DOWN = bytes([0xA5, 0x10, 0x40, 0x08, 0x20, 0x10, 0x02, 0x00, 0x00])
# hovering in proximity, nothing pressed: b0 0xA0
HOVER = bytes([0xA0, 0x10, 0x40, 0x08, 0x20, 0x00, 0x00, 0x00, 0x00])
# out of proximity: b0 0x80 (rdy clear)
AWAY = bytes([0x80, 0x10, 0x40, 0x08, 0x20, 0x00, 0x00, 0x00, 0x00])
# beyond the reported maximum: X = 0x7F << 9 | 0x7F << 2 | 3 = 65535 (b6 0x60), Y = 0x30 << 9 = 24576
# > y_max 18432: b0 0xA1, pressure (0x60 & 7) << 7 | 0x3C = 60
BEYOND = bytes([0xA1, 0x7F, 0x7F, 0x30, 0x00, 0x3C, 0x60, 0x00, 0x00])


def samples(d: Isdv4Decoder, data: bytes) -> list[tuple[int, int, bool, bool]]:
    return [(s.x, s.y, s.pen_down, s.in_proximity) for s in d.feed(data)]


def test_pen_packet_gives_the_exact_sample() -> None:
    d = Isdv4Decoder(LIMITS)
    assert d.feed(PEN_DOWN, t_ms=7.0) == [PenSample(7.0, 8448, 4224, 272 / 1023, True, True)]


def test_coming_into_proximity_with_the_eraser_flag_draws_no_ink() -> None:
    # KEY_RESERVED (out of proximity) + f2 -> BTN_TOOL_RUBBER (w8001 239-241; wcmISDV4.c 684-688)
    d = Isdv4Decoder(LIMITS)
    got = samples(d, F2_DOWN + F2_DOWN + F2_DOWN)
    assert got == [(8448, 4224, False, True)] * 3
    assert d.stats.eraser == 3 and d.stats.samples == 3


def test_the_eraser_flag_clearing_hands_over_to_the_pen() -> None:
    # BTN_TOOL_RUBBER and f2 cleared -> BTN_TOOL_PEN for this very packet (w8001 227-235)
    d = Isdv4Decoder(LIMITS)
    assert samples(d, F2_DOWN + PEN_DOWN) == [(8448, 4224, False, True), (8448, 4224, True, True)]


def test_f2_set_while_the_pen_is_already_in_proximity_is_a_side_switch_and_inks() -> None:
    # already BTN_TOOL_PEN: f2 is reported as BTN_STYLUS2 (w8001 220, 244-245)
    d = Isdv4Decoder(LIMITS)
    assert samples(d, HOVER + F2_DOWN) == [(8448, 4224, False, True), (8448, 4224, True, True)]
    assert d.stats.eraser == 0


def test_leaving_proximity_lets_the_next_entry_choose_the_tool_again() -> None:
    # !rdy -> KEY_RESERVED (w8001 257-258): the pen end next time inks, the eraser again does not
    d = Isdv4Decoder(LIMITS)
    got = samples(d, F2_DOWN + AWAY + PEN_DOWN + AWAY + F2_DOWN)
    assert [g[2] for g in got] == [False, False, True, False, False]
    assert d.stats.eraser == 2


def test_coordinates_beyond_the_reported_maximum_are_clamped_not_dropped() -> None:
    d = Isdv4Decoder(LIMITS)
    assert d.feed(BEYOND) == [PenSample(0.0, 24576, 18432, 60 / 1023, True, True)]
    assert d.stats.clamped == 1 and d.stats.rejected == 0 and d.stats.samples == 1
    # before the pad has said its size, nothing is clamped
    assert samples(Isdv4Decoder(), BEYOND) == [(65535, 24576, True, True)]


# the query reply (w8001 428-449, isdv4.h 120-128): b0 0xC0 = sync | control, data id 0;
# x_max = 0x30 << 9 | 0x00 << 2 | (0x00 >> 5) & 3 = 24576, y_max = 0x24 << 9 = 18432,
# pressure_max = (0x00 & 7) << 7 | 0x7F = 127, version = 0x00 << 7 | 0x0E = 14
QUERY_REPLY = bytes([0xC0, 0x30, 0x00, 0x24, 0x00, 0x7F, 0x00, 0x00, 0x00, 0x00, 0x0E])
# the touch query reply (w8001 190-200, isdv4.h 147-154): b0 0xC1 (data id 1); panel_res = b1 = 10;
# b2 0x7D: sensor_id = 0x7D & 7 = 5, x low = (0x7D >> 5) & 3 = 3, y low = (0x7D >> 3) & 3 = 3;
# x_max = 0x07 << 9 | 0x7F << 2 | 3 = 3584 + 508 + 3 = 4095; y_max = 0x05 << 9 | 0x40 << 2 | 3
# = 2560 + 256 + 3 = 2819; capacity_res = b7 = 3; version = 0x00 << 7 | 0x02 = 2
TOUCH_REPLY = bytes([0xC1, 0x0A, 0x7D, 0x07, 0x7F, 0x05, 0x40, 0x03, 0x00, 0x00, 0x02])
# a pen-only device answering % with an empty second byte (w8001 473-477)
NO_TOUCH_REPLY = bytes([0xC1, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00])
# an early single-finger model: x = y = 0, panel_res 10 -> 1 << 10 = 1024 (w8001 202-207)
EARLY_TOUCH_REPLY = bytes([0xC1, 0x0A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00])


def test_query_reply_is_read_and_kept() -> None:
    assert isdv4.parse_query(QUERY_REPLY) == QueryReply(24576, 18432, 127, 0, 0, 14, 0)
    d = Isdv4Decoder()
    assert d.feed(QUERY_REPLY) == []
    assert d.query_reply == QueryReply(24576, 18432, 127, 0, 0, 14, 0)
    assert (d.stats.control, d.stats.skipped, d.stats.samples) == (1, 1, 0)


def test_touch_query_reply_names_the_sensor_and_its_packet_length() -> None:
    reply = isdv4.parse_touch_query(TOUCH_REPLY)
    assert reply == TouchReply(sensor_id=5, x_max=4095, y_max=2819, panel_resolution=10,
                               capacity_resolution=3, version=2, data_id=1)
    assert reply.packet_len == 13  # sensor 5: W8001_PKTLEN_TOUCH2FG (w8001 517-518)
    assert isdv4.encode_touch_reply(reply) == TOUCH_REPLY
    assert isdv4.parse_touch_query(NO_TOUCH_REPLY) is None
    early = isdv4.parse_touch_query(EARLY_TOUCH_REPLY)
    assert early is not None and (early.x_max, early.y_max, early.packet_len) == (1024, 1024, 5)


def test_touch_packets_of_every_length_are_skipped_and_counted() -> None:
    # b0 & 0x10 is a touch packet (w8001 36-37, 297): 5, 7 or 13 bytes by sensor (w8001 47-51)
    touch5 = bytes([0x91, 0x01, 0x02, 0x03, 0x04])
    touch7 = bytes([0x91]) + bytes(6)
    touch13 = bytes([0x93]) + bytes(12)
    d = Isdv4Decoder(LIMITS)
    got = samples(d, PEN_DOWN + touch5 + touch7 + PEN_DOWN + touch13 + QUERY_REPLY + PEN_DOWN)
    assert got == [(8448, 4224, True, True)] * 3
    assert (d.stats.touch, d.stats.control, d.stats.skipped) == (3, 1, 4)
    assert d.stats.resyncs == 0


def test_encoders_write_the_vectors() -> None:
    assert isdv4.encode_pen(8448, 4224, 272, pen_down=True) == PEN_DOWN
    assert isdv4.encode_pen(8448, 4224, 272, pen_down=True, eraser=True) == F2_DOWN
    assert isdv4.encode_query_reply(QueryReply(24576, 18432, 127, version=14)) == QUERY_REPLY
