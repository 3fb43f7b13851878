"""Carrying a signature pad's callbacks from its reader thread to the GUI thread.

A pad calls its listeners on its own reader thread. :class:`PadBridge` only puts what
arrives on a thread-safe queue, and a timer on the GUI thread drains it (100 times a
second) into the canvas: the reader never waits for painting, painting never waits for
the reader, samples and status changes stay in order, and everything that arrived within
a tick is drawn with one paint. (No Python-side ``Signal.emit()`` per sample batch
either: PySide6 6.12.0 on CPython 3.11 loses a reference to ``True`` on each one.)
"""

from __future__ import annotations

import queue
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer

from app.devices.pad import (
    PenSample,
    SignaturePad,
    StatusEvent,
)

SampleHandler = Callable[[list[PenSample]], None]
StatusHandler = Callable[[StatusEvent], None]


class PadBridge(QObject):
    """Carries a pad's callbacks from its reader thread to the GUI thread.

    The reader thread only appends to a queue; a GUI-thread timer drains it and
    calls the handlers, keeping samples and status changes in arrival order and
    merging runs of samples so one paint covers them all.
    """

    DRAIN_MS = 10

    def __init__(self, on_samples: SampleHandler, on_status: StatusHandler,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pad: SignaturePad | None = None
        self._on_samples = on_samples
        self._on_status = on_status
        self._queue: queue.SimpleQueue[tuple[str, object]] = queue.SimpleQueue()
        self._timer = QTimer(self)
        self._timer.setInterval(self.DRAIN_MS)
        self._timer.timeout.connect(self.drain)

    def attach(self, pad: SignaturePad | None) -> None:
        self.detach()
        self.pad = pad
        if pad is not None:
            pad.add_sample_listener(self._samples_from_reader)
            pad.add_status_listener(self._status_from_reader)
            self._timer.start()

    def detach(self) -> None:
        if self.pad is not None:
            self.pad.remove_listener(self._samples_from_reader)
            self.pad.remove_listener(self._status_from_reader)
            self.pad = None
        self._timer.stop()
        self._queue = queue.SimpleQueue()

    # these two run on the pad's reader thread: queue and return, nothing else
    def _samples_from_reader(self, samples: Sequence[PenSample]) -> None:
        self._queue.put(("samples", list(samples)))

    def _status_from_reader(self, event: StatusEvent) -> None:
        self._queue.put(("status", event))

    def drain(self) -> None:
        """GUI thread: hand over everything that has arrived."""
        pending: list[PenSample] = []
        while True:
            try:
                kind, item = self._queue.get_nowait()
            except queue.Empty:
                break
            if kind == "samples":
                pending.extend(item)  # type: ignore[arg-type]
                continue
            if pending:
                self._on_samples(pending)
                pending = []
            self._on_status(item)  # type: ignore[arg-type]
        if pending:
            self._on_samples(pending)
