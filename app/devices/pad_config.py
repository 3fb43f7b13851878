"""Which pad, on which port, with which line framing: ``[pad]`` settings made concrete.

A Topaz ``model`` preset (:mod:`app.devices.topaz_models`) fills the line framing
(baud, data bits, parity, stop bits) and the inked window; each setting that is
not empty overrides its part of the preset. ISDV4 pads run at 38400 8N1 and fall
back to 19200 (their window is what the pad reports).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.devices import isdv4
from app.devices.line import LineSettings
from app.devices.pad import PROTOCOLS, PadError, Window
from app.devices.topaz_models import TopazModel, find_model
from app.errors import InvalidInput

if TYPE_CHECKING:
    from app.config import PadSettings

READ_TIMEOUT_S = 0.05  # how long one read waits: bounds how long close() takes
RETRY_INTERVAL_S = 1.0


def configured_protocol(pad: PadSettings) -> str:
    """The protocol the settings ask for: a Topaz model implies ``topaz``."""
    return pad.protocol or ("topaz" if pad.model else "")


@dataclass(frozen=True)
class SerialPadConfig:
    port: str
    protocol: str
    baud: int = 0  # 0: the model's, else the protocol's (ISDV4 then falls back to the other)
    window: Window | None = None  # Topaz only (None: the model's); ISDV4 reports its own
    dtr: bool = True
    rts: bool = True
    read_timeout: float = READ_TIMEOUT_S
    retry_interval: float = RETRY_INTERVAL_S
    model: str = ""  # a Topaz model preset; "" is the generic line
    bytesize: int = 0  # 0: the model's; 7 means the 7-bit packet format
    parity: str = ""  # "": the model's; N/O/E or none/odd/even
    stopbits: float = 0.0  # 0: the model's

    def __post_init__(self) -> None:
        if self.protocol not in PROTOCOLS:
            raise PadError(f"unknown pad protocol {self.protocol!r} (use one of: "
                           f"{', '.join(PROTOCOLS)})")
        if not self.port:
            raise PadError("no pad port configured")
        try:
            self.line  # noqa: B018 - checks model, parity, data and stop bits
        except InvalidInput as exc:
            raise PadError(exc.message) from None
        if self.window is not None:
            x0, y0, x1, y1 = self.window
            if not (x1 > x0 and y1 > y0):
                raise PadError(f"pad window {list(self.window)} must be [xmin, ymin, xmax, ymax]")

    @classmethod
    def from_settings(cls, pad: PadSettings, *, port: str | None = None,
                      protocol: str | None = None, baud: int | None = None,
                      model: str | None = None, bytesize: int | None = None,
                      parity: str | None = None, stopbits: float | None = None) -> SerialPadConfig:
        """The configured pad; command-line options override single settings."""
        w = pad.window
        if w and len(w) != 4:
            raise PadError("setting pad.window must be [xmin, ymin, xmax, ymax] (or [] for the "
                           "model's)")
        model = pad.model if model is None else model
        return cls(port=port or pad.port,
                   protocol=protocol or pad.protocol or ("topaz" if model else ""),
                   baud=pad.baud if baud is None else baud,
                   window=(float(w[0]), float(w[1]), float(w[2]), float(w[3])) if w else None,
                   dtr=pad.dtr, rts=pad.rts, model=model,
                   bytesize=pad.bytesize if bytesize is None else bytesize,
                   parity=pad.parity if parity is None else parity,
                   stopbits=pad.stopbits if stopbits is None else stopbits)

    # -- what the settings come to ---------------------------------------------------------------
    @property
    def topaz_model(self) -> TopazModel:
        return find_model(self.model)

    @property
    def line(self) -> LineSettings:
        """The framing of the first attempt (ISDV4: 38400 8N1 unless overridden)."""
        base = (self.topaz_model.line if self.protocol == "topaz"
                else LineSettings(isdv4.BAUD, 8, "N", 1.0))
        return base.replace(baud=self.baud, bytesize=self.bytesize, parity=self.parity,
                            stopbits=self.stopbits)

    @property
    def seven_bit(self) -> bool:
        return self.protocol == "topaz" and self.line.bytesize == 7

    @property
    def inked_window(self) -> Window:
        """Topaz: the window inked signatures are drawn in."""
        return self.window if self.window is not None else self.topaz_model.window

    def lines(self) -> list[LineSettings]:
        """Framings to try, in order (ISDV4: the other speed after the first)."""
        first = self.line
        if self.protocol == "topaz":
            return [first]
        other = isdv4.FALLBACK_BAUD if first.baud == isdv4.BAUD else isdv4.BAUD
        return [first, first.replace(baud=other)]

    def bauds(self) -> list[int]:
        return [line.baud for line in self.lines()]

    def kind(self) -> str:
        """What the signature says the pad was, e.g. ``Topaz SigLite 1x5``."""
        if self.protocol == "isdv4":
            return "Wacom ISDV4"
        return "Topaz 5-byte" if not self.model else f"Topaz {self.topaz_model.name}"
