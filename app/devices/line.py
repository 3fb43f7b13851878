"""Serial line framing: baud rate, data bits, parity and stop bits, as a setting and as a label.

``LineSettings(19200, 8, "O", 1)`` is what a technician would write ``19200 8O1``.
Parity is one letter (``N`` none, ``O`` odd, ``E`` even); settings and command
lines may also spell it ``none`` / ``odd`` / ``even``.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import InvalidInput

PARITIES = {"n": "N", "none": "N", "o": "O", "odd": "O", "e": "E", "even": "E"}
PARITY_WORDS = {"N": "none", "O": "odd", "E": "even"}
BYTESIZES = (7, 8)
STOPBITS = (1.0, 1.5, 2.0)


def parse_parity(text: str) -> str:
    """``"odd"``/``"O"``/... → ``"O"``; raises :class:`InvalidInput` for anything else."""
    try:
        return PARITIES[text.strip().lower()]
    except KeyError:
        raise InvalidInput(f"parity {text!r} is not one of none, odd, even") from None


def check_bytesize(bits: int) -> int:
    if bits not in BYTESIZES:
        raise InvalidInput(f"data bits {bits} must be 7 or 8")
    return bits


def check_stopbits(bits: float) -> float:
    if float(bits) not in STOPBITS:
        raise InvalidInput(f"stop bits {bits:g} must be 1, 1.5 or 2")
    return float(bits)


@dataclass(frozen=True)
class LineSettings:
    baud: int
    bytesize: int = 8
    parity: str = "N"  # N, O or E
    stopbits: float = 1.0

    def label(self) -> str:
        """``19200 8O1``."""
        return f"{self.baud} {self.bytesize}{self.parity}{self.stopbits:g}"

    def replace(self, *, baud: int = 0, bytesize: int = 0, parity: str = "",
                stopbits: float = 0.0) -> LineSettings:
        """These settings with the non-empty arguments put in their place."""
        return LineSettings(baud or self.baud,
                            check_bytesize(bytesize) if bytesize else self.bytesize,
                            parse_parity(parity) if parity else self.parity,
                            check_stopbits(stopbits) if stopbits else self.stopbits)
