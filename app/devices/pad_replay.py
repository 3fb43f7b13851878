"""Decode a recorded byte stream as the serial reader would (``pad test --replay FILE``).

The bytes are fed in the reader's 64-byte reads, stamped as if they had arrived
at the configured line speed. An ISDV4 recording's first query reply gives the
pad's size (as the start-up handshake would have), else the default size is used.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.devices.isdv4 import DEFAULT_LIMITS, Isdv4Decoder
from app.devices.pad import PadDecoder, PenSample, Window
from app.devices.pad_config import SerialPadConfig
from app.devices.topaz import TopazDecoder

CHUNK = 64


@dataclass
class Replayed:
    decoder: PadDecoder
    samples: list[PenSample]
    window: Window


def replay(config: SerialPadConfig, data: bytes, chunk: int = CHUNK) -> Replayed:
    line = config.line
    bits = 1 + line.bytesize + (line.parity != "N") + line.stopbits
    byte_ms = 1000.0 * bits / line.baud
    decoder: PadDecoder
    if config.protocol == "topaz":
        decoder = TopazDecoder(seven_bit=config.seven_bit)
        window = config.inked_window
    else:
        probe = Isdv4Decoder()
        probe.feed(data)
        limits = probe.query_reply or DEFAULT_LIMITS
        decoder = Isdv4Decoder(limits)
        window = (0.0, 0.0, float(limits.x_max), float(limits.y_max))
    samples: list[PenSample] = []
    for i in range(0, len(data), chunk):
        piece = data[i:i + chunk]
        samples += decoder.feed(piece, (i + len(piece) - 1) * byte_ms, byte_ms)
    return Replayed(decoder, samples, window)
