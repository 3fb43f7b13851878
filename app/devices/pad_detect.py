"""Find a Topaz pad's line framing by listening at each likely one (``pad test --detect``).

A pad sends nothing until the pen is near it, and no framing can be checked by
asking: the only test is to listen while someone moves the pen and see at which
framing the bytes make valid pen packets. At a wrong speed or data-bit count the
bytes come out scrambled (a sync bit where none belongs, packets cut short) and
the decoder counts resyncs; at the right one they decode cleanly. With parity
on, the tty also drops characters whose parity or framing fails (see
``serial_pad._strict_parity``), so a wrong parity shows the same way.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from app.devices.line import PARITY_WORDS, LineSettings
from app.devices.pad import DecoderStats
from app.devices.serial_line import PortBusy, open_line
from app.devices.topaz import TopazDecoder
from app.devices.topaz_models import MODELS, detect_framings

MIN_SAMPLES = 10  # pen packets before a framing counts as working
MAX_ERROR_RATIO = 0.1  # resyncs + rejected packets per pen packet


@dataclass
class FramingResult:
    line: LineSettings
    stats: DecoderStats = field(default_factory=DecoderStats)
    bytes: int = 0
    points: int = 0  # pen samples with the pen down
    error: str = ""  # why the port could not be opened at this framing

    @property
    def errors(self) -> int:
        return self.stats.resyncs + self.stats.rejected

    @property
    def valid(self) -> bool:
        """Enough pen packets, and few enough of the signs of a wrong framing."""
        return (not self.error and self.stats.samples >= MIN_SAMPLES
                and self.errors <= self.stats.samples * MAX_ERROR_RATIO)

    @property
    def models(self) -> list[str]:
        """The presets that use this framing."""
        return [m.key for m in MODELS if m.line == self.line]

    def to_dict(self) -> dict[str, object]:
        line = self.line
        return {"line": line.label(), "baud": line.baud, "bytesize": line.bytesize,
                "parity": PARITY_WORDS[line.parity],
                "stopbits": line.stopbits, "models": self.models, "bytes": self.bytes,
                "samples": self.stats.samples, "points": self.points, "errors": self.errors,
                "valid": self.valid, "error": self.error}


def listen(port: str, line: LineSettings, seconds: float, *, dtr: bool = True, rts: bool = True,
           stop: threading.Event | None = None) -> FramingResult:
    """Open ``port`` at ``line`` and decode what arrives for ``seconds``."""
    result = FramingResult(line)
    decoder = TopazDecoder(seven_bit=line.bytesize == 7)
    try:
        ser = open_line(port, line, timeout=0.05, dtr=dtr, rts=rts)
    except PortBusy as exc:
        result.error = f"it is {exc.message}"
        return result
    except (OSError, ValueError) as exc:
        result.error = str(exc) or type(exc).__name__
        return result
    try:
        ser.reset_input_buffer()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not (stop is not None and stop.is_set()):
            data = bytes(ser.read(ser.in_waiting or 1))
            result.bytes += len(data)
            result.points += sum(1 for s in decoder.feed(data) if s.pen_down)
    except OSError as exc:
        result.error = f"the port failed while listening: {exc}"
    finally:
        ser.close()
    result.stats = replace(decoder.stats)
    return result


def detect(port: str, seconds: float, *, framings: list[LineSettings] | None = None,
           on_result: Callable[[FramingResult], None] | None = None, dtr: bool = True,
           rts: bool = True) -> list[FramingResult]:
    """Listen at each framing in turn (the presets' first); the results in that order."""
    results = []
    for line in framings if framings is not None else detect_framings():
        result = listen(port, line, seconds, dtr=dtr, rts=rts)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


def best(results: list[FramingResult]) -> FramingResult | None:
    """The first framing (in the presets' order) that gave valid pen packets."""
    return next((r for r in results if r.valid), None)
