"""Topaz pad models: the line framing and the inked window each one needs (``[pad] model``).

Every preset comes from topaz-dext (l1n/topaz-dext @ c2e5ed9), which built its
table from Topaz's SigPlus Java SDK and tested it on a T-LBK462-BSB-R:

* baud, window (``xStart..xStop`` × ``yStart..yStop``) and format (0: 8 data
  bits, 1: 7 data bits): ``lib/topaz.js`` lines 16-23, ``lib/TopazKit.swift``
  lines 65-72;
* odd parity, one stop bit for every model: ``lib/topaz.js`` lines 261-267
  (``parity: 'odd', stopBits: 1``), ``lib/TopazKit.swift`` lines 227-230
  (``PARENB | PARODD``, ``CSTOPB`` cleared), README lines 92-100 ("The parity
  setting is critical").

``generic`` is waxbee's line (popbee/waxbee @ f78e0e6: ``waxbee/topaz_serial.cpp``
line 118 sets the normal speed, which the Topaz template sets to 19200 —
``WaxBeeConfig/config_templates/Topaz Debug.tmpl.txt`` line 177 — and
``waxbee/extdata_gen.h`` line 116 calls "19200 Baud, N-8-1") with the inked window
Loan Kiosk used before models existed; it is what a pad with no ``model`` set gets.
With parity off nothing is checked, so it also hears an odd-parity pad at 19200.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.devices.line import LineSettings
from app.errors import InvalidInput

Window = tuple[float, float, float, float]


@dataclass(frozen=True)
class TopazModel:
    key: str  # what goes in settings.toml: ``model = "siglite-1x5"``
    name: str  # what a technician reads on the pad's label
    line: LineSettings
    window: Window  # xmin, ymin, xmax, ymax in pad coordinates

    @property
    def seven_bit(self) -> bool:
        return self.line.bytesize == 7


def _odd(baud: int, bits: int = 8) -> LineSettings:
    return LineSettings(baud, bits, "O", 1.0)


MODELS: tuple[TopazModel, ...] = (
    TopazModel("signaturegem-1x5", "SignatureGem 1x5", _odd(19200), (400, 350, 2400, 950)),
    TopazModel("signaturegem-lcd-1x5", "SignatureGem LCD 1x5", _odd(19200, 7),
               (400, 350, 2400, 1250)),
    TopazModel("signaturegem-4x5", "SignatureGem 4x5", _odd(19200), (500, 700, 2650, 2100)),
    TopazModel("siglite-1x5", "SigLite 1x5", _odd(19200), (500, 700, 2650, 2100)),
    TopazModel("siglite-lcd-1x5", "SigLite LCD 1x5", _odd(19200), (400, 350, 2400, 1050)),
    TopazModel("siglite-lcd-4x5", "SigLite LCD 4x5", _odd(38400), (500, 500, 2600, 2100)),
    TopazModel("clipgem", "ClipGem", _odd(9600), (485, 170, 2800, 3200)),
    TopazModel("siggem-color-5x7", "SigGem Color 5x7", _odd(115200), (300, 350, 2370, 1950)),
)
GENERIC = TopazModel("generic", "Topaz (no model set)", LineSettings(19200, 8, "N", 1.0),
                     (500, 400, 2650, 2100))


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


_BY_NORM = {_norm(m.key): m for m in (*MODELS, GENERIC)}


def find_model(text: str) -> TopazModel:
    """The model named ``text`` (any case or punctuation: ``SigLite 1x5``, ``SigLite1X5``,
    ``siglite-1x5``); ``""`` is :data:`GENERIC`. Raises :class:`InvalidInput` if unknown."""
    if not text.strip():
        return GENERIC
    model = _BY_NORM.get(_norm(text))
    if model is None:
        names = ", ".join(m.key for m in MODELS)
        raise InvalidInput(f"unknown pad model {text!r} (use one of: {names})")
    return model


def model_key(text: str) -> str:
    """The settings key of the model ``text`` names ("" if none or unknown)."""
    model = _BY_NORM.get(_norm(text))
    return model.key if model is not None and model is not GENERIC else ""


def detect_framings() -> list[LineSettings]:
    """The framings ``pad test --detect`` tries, most likely first: every preset's line,
    then 8N1 (waxbee's) at each of their speeds."""
    seen: list[LineSettings] = []
    for line in [m.line for m in MODELS] + [GENERIC.line] + [
            LineSettings(m.line.baud) for m in MODELS]:
        if line not in seen:
            seen.append(line)
    return seen
