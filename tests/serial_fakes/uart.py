"""A serial line at the level of bits: what a UART receives when its framing is not the sender's.

A pseudo-terminal passes bytes whatever baud rate, parity and data bits either
side sets, so a wrong framing cannot be shown on one. Here the sender's bytes
become a waveform (idle high; start bit low, data bits LSB first, parity bit,
stop bits high — the asynchronous framing every UART uses), and a receiver with
its own framing samples it the way a UART does: it waits for a falling edge,
samples each bit in its middle, and checks the parity and stop bit.

What happens to a character that fails them follows Linux's tty layer as
Loan Kiosk configures it (``serial_pad._strict_parity``): with parity on, INPCK
and IGNPAR are set and the character is dropped; with parity off, INPCK is clear
(pyserial clears it) and the character is delivered as sampled, framing error or
not (``n_tty_receive_parity_error``). A 7-bit receiver delivers 7-bit characters.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from app.devices.line import LineSettings


@dataclass
class Waveform:
    """The line level over time: ``edges[i]`` is when it changes; it starts high (idle)."""

    edges: list[float]
    end: float

    def level(self, t: float) -> int:
        return 1 - bisect_right(self.edges, t) % 2

    def next_fall(self, t: float) -> float | None:
        """The first high-to-low change at or after ``t``."""
        i = bisect_left(self.edges, t)
        if i % 2:  # edges alternate, falling first: an odd one rises, the next one falls
            i += 1
        return self.edges[i] if i < len(self.edges) else None


def char_bits(value: int, line: LineSettings) -> list[tuple[int, float]]:
    """One character as (level, duration in bits): start, data LSB first, parity, stop."""
    data = [(value >> k) & 1 for k in range(line.bytesize)]
    bits = [(0, 1.0)] + [(b, 1.0) for b in data]
    if line.parity != "N":
        ones = sum(data)
        bits.append(((ones + 1) % 2 if line.parity == "O" else ones % 2, 1.0))
    bits.append((1, line.stopbits))
    return bits


def transmit(frames: list[tuple[float, bytes]], line: LineSettings) -> Waveform:
    """``frames``: (start time in seconds, bytes sent back to back) — the line they make."""
    edges: list[float] = []
    level = 1
    t_bit = 1.0 / line.baud
    t = 0.0
    for start, data in frames:
        t = max(t, start)
        for value in data:
            for bit, length in char_bits(value, line):
                if bit != level:
                    edges.append(t)
                    level = bit
                t += length * t_bit
    return Waveform(edges, t)


def receive(wave: Waveform, line: LineSettings) -> list[tuple[float, int]]:
    """What a UART at ``line`` delivers: (time it arrived, character)."""
    out: list[tuple[float, int]] = []
    t_bit = 1.0 / line.baud
    t = 0.0
    while True:
        fall = wave.next_fall(t)
        if fall is None or fall + (line.bytesize + 2) * t_bit > wave.end + t_bit:
            return out
        if wave.level(fall + t_bit / 2):  # a glitch, not a start bit
            t = fall + t_bit / 2
            continue
        bits = [wave.level(fall + (k + 1.5) * t_bit) for k in range(line.bytesize)]
        value = sum(b << k for k, b in enumerate(bits))
        at = fall + (line.bytesize + 1.5) * t_bit
        parity_ok = True
        if line.parity != "N":
            want = (sum(bits) + 1) % 2 if line.parity == "O" else sum(bits) % 2
            parity_ok = wave.level(at) == want
            at += t_bit
        framing_ok = wave.level(at) == 1
        t = at
        if line.parity != "N" and not (parity_ok and framing_ok):
            continue  # INPCK | IGNPAR: dropped
        out.append((at, value))
