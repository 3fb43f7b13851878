"""The signature pad interface: pen samples, status, and strokes assembled into a signature.

A pad delivers :class:`PenSample` batches and :class:`StatusEvent` changes to
listeners, *on its reader thread*. Listeners must return quickly and must not
touch the GUI: the Qt side bridges them onto the GUI thread with a queued
signal (see ``ui.widgets.signature_widget``), the CLI puts them on a queue.
"""

from __future__ import annotations

import abc
import enum
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from app.errors import LoanKioskError
from ink.signature import Point, SignatureData

log = logging.getLogger(__name__)

Window = tuple[float, float, float, float]  # xmin, ymin, xmax, ymax in pad coordinates

PROTOCOLS = ("topaz", "isdv4")


class PenSample(NamedTuple):
    """One decoded pen report (immutable).

    ``t_ms`` is host time in milliseconds since the pad was opened (pads in
    these protocols send no clock); ``pressure`` is 0..1 (a pad without
    pressure reports 1.0 while the tip is down, 0.0 otherwise).

    A named tuple rather than a frozen dataclass: a pad streams hundreds of
    samples a second and decoding a recorded megabyte builds 200,000 of them;
    a frozen dataclass's ``__init__`` (one ``object.__setattr__`` per field)
    cost about three times as much per sample as the decoding itself.
    """

    t_ms: float
    x: int
    y: int
    pressure: float
    pen_down: bool
    in_proximity: bool


@dataclass
class DecoderStats:
    """What a decoder made of the bytes it was fed (shown by ``pad test``).

    ``packets``: well-formed packets of any kind; ``samples``: pen packets decoded;
    ``skipped``: well-formed packets that carry no pen data; ``rejected``: complete
    packets that failed a check and were dropped; ``resyncs``: times bytes were thrown
    away to find a packet boundary again (a partial packet cut short, or a run of stray
    bytes); ``dropped_bytes``: how many.

    By kind — Topaz: ``pressure``, ``info`` (device information), ``replies``
    (command replies), ``noise`` (X = Y = 0x0FFF, dropped); ISDV4: ``touch`` and
    ``control`` packets (skipped), ``eraser`` (samples with the eraser end: no ink),
    ``clamped`` (samples beyond the pad's reported maximum, clamped to it).
    """

    packets: int = 0
    samples: int = 0
    rejected: int = 0
    resyncs: int = 0
    dropped_bytes: int = 0
    skipped: int = 0
    pressure: int = 0
    info: int = 0
    replies: int = 0
    noise: int = 0
    touch: int = 0
    control: int = 0
    eraser: int = 0
    clamped: int = 0


class PadDecoder(Protocol):
    """A pure byte → sample decoder: no I/O, never raises on garbage."""

    stats: DecoderStats

    def feed(self, data: bytes, t_ms: float = 0.0, byte_ms: float = 0.0) -> list[PenSample]:
        """Decode ``data``; samples get ``t_ms`` minus ``byte_ms`` per byte that followed them."""
        ...

    def reset(self) -> None:
        """Forget any partial packet (after reopening the port)."""
        ...


class PadStatus(enum.Enum):
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"  # the port went away (unplugged, or never there)
    RECONNECTING = "reconnecting"  # retrying the port every second
    ERROR = "error"  # the port is there but unusable (permission, no answer); still retrying
    BUSY = "busy"  # another program, or the kernel's tablet driver, has the port; still retrying


@dataclass(frozen=True, slots=True)
class StatusEvent:
    status: PadStatus
    port: str
    message: str = ""

    def describe(self) -> str:
        """The plain words the desk shows."""
        if self.status is PadStatus.CONNECTED:
            return f"Pad connected on {self.port}"
        if self.status is PadStatus.DISCONNECTED:
            return "Pad unplugged — reconnecting…"
        if self.status is PadStatus.RECONNECTING:
            return "Pad unplugged — reconnecting…"
        if self.status is PadStatus.BUSY:
            return f"Pad port {self.port} is {self.message}."
        return f"Pad problem on {self.port}: {self.message} — retrying…"


SampleListener = Callable[[Sequence[PenSample]], None]
StatusListener = Callable[[StatusEvent], None]


class PadError(LoanKioskError):
    """The pad could not be opened or did not answer."""


class SignaturePad(abc.ABC):
    """A source of pen samples. Listeners run on the pad's own thread."""

    def __init__(self) -> None:
        self._sample_listeners: list[SampleListener] = []
        self._status_listeners: list[StatusListener] = []
        self._listener_lock = threading.Lock()
        self._status: StatusEvent | None = None

    # -- what a pad is -------------------------------------------------------------------------
    @property
    @abc.abstractmethod
    def window(self) -> Window:
        """The inked area in pad coordinates (for ISDV4, known once the pad has answered)."""

    @property
    @abc.abstractmethod
    def description(self) -> str:
        """e.g. ``Topaz 5-byte on /dev/ttyUSB0`` (goes into the signature)."""

    @abc.abstractmethod
    def open(self, *, must_connect: bool = True) -> None:
        """Start reading. With ``must_connect``, raise :class:`PadError` if the port cannot be
        opened now; without it, keep retrying in the background and report status."""

    @abc.abstractmethod
    def close(self) -> None:
        """Stop reading and release the port; returns once the reader thread has ended."""

    # -- listeners ------------------------------------------------------------------------------
    @property
    def status(self) -> StatusEvent | None:
        return self._status

    def add_sample_listener(self, fn: SampleListener) -> None:
        with self._listener_lock:
            self._sample_listeners.append(fn)

    def add_status_listener(self, fn: StatusListener) -> None:
        with self._listener_lock:
            self._status_listeners.append(fn)

    def remove_listener(self, fn: SampleListener | StatusListener) -> None:
        with self._listener_lock:
            for lst in (self._sample_listeners, self._status_listeners):
                while fn in lst:
                    lst.remove(fn)  # type: ignore[arg-type]

    def _emit_samples(self, samples: Sequence[PenSample]) -> None:
        if not samples:
            return
        with self._listener_lock:
            listeners = list(self._sample_listeners)
        for fn in listeners:
            try:
                fn(samples)
            except Exception:  # a broken listener must not stop the reader
                log.exception("pad sample listener failed")

    def _emit_status(self, event: StatusEvent) -> None:
        if self._status == event:
            return
        self._status = event
        with self._listener_lock:
            listeners = list(self._status_listeners)
        for fn in listeners:
            try:
                fn(event)
            except Exception:
                log.exception("pad status listener failed")


class StrokeAssembler:
    """Turns a stream of samples into a signature: strokes are pen-down runs.

    Times in the signature start at 0 at the first ink. Not thread-safe: feed it
    from one thread (the GUI thread in the widget, the main thread in the CLI).
    """

    def __init__(self, window: Window, device: str = "") -> None:
        self.window = window
        self.device = device
        self.incomplete = False
        self._strokes: list[list[Point]] = []
        self._pen_down = False
        self._t0: float | None = None
        self.last_ink_ms: float | None = None

    @property
    def strokes(self) -> list[list[Point]]:
        return self._strokes

    @property
    def pen_down(self) -> bool:
        return self._pen_down

    @property
    def has_ink(self) -> bool:
        return bool(self._strokes)

    @property
    def point_count(self) -> int:
        return sum(len(s) for s in self._strokes)

    def add(self, sample: PenSample) -> bool:
        """Feed one sample; True when it added ink."""
        if not sample.pen_down:
            self._pen_down = False
            return False
        self.add_point(sample.t_ms, sample.x, sample.y, sample.pressure, new_stroke=not self._pen_down)
        return True

    def add_point(self, t_ms: float, x: float, y: float, pressure: float, *,
                  new_stroke: bool) -> None:
        """Ink from any source (the pad, or a mouse/tablet/touch fallback in window coordinates)."""
        if self._t0 is None:
            self._t0 = t_ms
        if new_stroke or not self._strokes:
            self._strokes.append([])
        self._pen_down = True
        self._strokes[-1].append((t_ms - self._t0, float(x), float(y),
                                  min(1.0, max(0.0, float(pressure)))))
        self.last_ink_ms = t_ms

    def lift(self) -> None:
        self._pen_down = False

    def extend(self, samples: Sequence[PenSample]) -> int:
        """Feed samples in order; returns how many added ink."""
        return sum(1 for s in samples if self.add(s))

    def mark_incomplete(self) -> None:
        """The pad vanished mid-signature: keep what arrived and say so."""
        if self._strokes:
            self.incomplete = True
        self._pen_down = False

    def clear(self) -> None:
        self._strokes = []
        self._pen_down = False
        self._t0 = None
        self.last_ink_ms = None
        self.incomplete = False

    def signature(self) -> SignatureData:
        return SignatureData([list(s) for s in self._strokes], self.window, self.device,
                             self.incomplete)
