"""Scanner input: keyboard-wedge bursts recognised by timing.

A keyboard-wedge scanner types like a keyboard, only faster. :class:`ScanFilter`
is an application-wide event filter: it holds back printable key presses for a
moment and looks at their timing. A burst of at least ``min_length`` characters
whose average gap is at most ``max_avg_gap_ms`` and with no gap over
``max_gap_ms``, ended by Enter/Tab or by ``end_timeout_ms`` of silence, is a
scan: its key events are swallowed (nothing is typed into the focused field)
and ``scanned(text)`` is emitted. Anything else is typing, and the held keys
are delivered to the widget they were meant for, in order, untouched.

Times come from ``QKeyEvent.timestamp()`` (when the key was pressed, not when
the GUI thread got round to it); synthetic events may carry 0, and then the
monotonic clock is used.

Serial (virtual COM) scanners: :mod:`app.devices.serial_scanner`, wired to the
desk by :mod:`ui.serial_scanner`.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QWidget

from app.config import ScannerSettings

log = logging.getLogger(__name__)

END_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
_BLOCKING_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                       | Qt.KeyboardModifier.MetaModifier)


@dataclass
class _HeldKey:
    """A key press held back while we decide whether it is part of a scan."""

    target: QWidget
    key: int
    text: str
    modifiers: Qt.KeyboardModifier
    native_scan_code: int
    native_virtual_key: int
    native_modifiers: int
    at_ms: float
    stamped: bool  # at_ms came from the event's own timestamp


class ScanFilter(QObject):
    """Install with ``app.installEventFilter(filter)``; connect ``scanned``."""

    scanned = Signal(str)

    def __init__(self, settings: ScannerSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.enabled = True
        self._held: list[_HeldKey] = []
        self._swallowed_releases: dict[int, int] = {}
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_silence)

    # -- timing ---------------------------------------------------------------
    @staticmethod
    def _now(event: QKeyEvent) -> tuple[float, bool]:
        ts = int(event.timestamp())
        if ts > 0:
            return float(ts), True
        return time.monotonic() * 1000.0, False

    @staticmethod
    def _gap(a: _HeldKey, b_ms: float, b_stamped: bool) -> float:
        if a.stamped == b_stamped:
            return b_ms - a.at_ms
        return 0.0 if not b_stamped else b_ms - a.at_ms  # mixed sources: cannot tell, assume fast

    def _is_scan(self, end_gap_ms: float | None = None) -> bool:
        s = self.settings
        held = self._held
        if len(held) < max(1, s.min_length):
            return False
        gaps = [held[i].at_ms - held[i - 1].at_ms if held[i].stamped == held[i - 1].stamped else 0.0
                for i in range(1, len(held))]
        if end_gap_ms is not None:
            gaps.append(end_gap_ms)
        if not gaps:
            return False
        if max(gaps) > s.max_gap_ms:
            return False
        return sum(gaps) / len(gaps) <= s.max_avg_gap_ms

    # -- the filter -----------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        etype = event.type()
        if etype not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if self._replaying or not self.enabled:
            return False
        # Key events reach the QWindow first, then the focus widget (then its parents if
        # ignored). Decide once, at the widget that would receive the text.
        if isinstance(obj, QWindow) or not isinstance(obj, QWidget):
            return False
        assert isinstance(event, QKeyEvent)
        if etype == QEvent.Type.KeyRelease:
            return self._on_release(event)
        return self._on_press(obj, event)

    def _on_release(self, event: QKeyEvent) -> bool:
        key = int(event.key())
        n = self._swallowed_releases.get(key, 0)
        if n and not event.isAutoRepeat():
            if n == 1:
                del self._swallowed_releases[key]
            else:
                self._swallowed_releases[key] = n - 1
            return True
        return False

    def _on_press(self, target: QWidget, event: QKeyEvent) -> bool:
        key = event.key()
        text = event.text()
        at_ms, stamped = self._now(event)
        if key in END_KEYS and self._held and not (event.modifiers() & _BLOCKING_MODIFIERS):
            last = self._held[-1]
            end_gap = at_ms - last.at_ms if last.stamped == stamped else 0.0
            if self._is_scan(end_gap):
                self._timer.stop()
                self._swallowed_releases[int(key)] = self._swallowed_releases.get(int(key), 0) + 1
                self._emit_scan()
                return True
            self._flush_as_typing()
            return False
        printable = (
            len(text) == 1 and text.isprintable()
            and not (event.modifiers() & _BLOCKING_MODIFIERS)
            and not event.isAutoRepeat()
        )
        if not printable:
            self._flush_as_typing()
            return False
        if self._held:
            gap = self._gap(self._held[-1], at_ms, stamped)
            if gap > self.settings.max_gap_ms or self._held[-1].target is not target:
                # Too slow to belong with what is held: that was typing.
                self._flush_as_typing()
        self._held.append(_HeldKey(
            target, int(key), text, event.modifiers(), event.nativeScanCode(),
            event.nativeVirtualKey(), event.nativeModifiers(), at_ms, stamped,
        ))
        self._swallowed_releases[int(key)] = self._swallowed_releases.get(int(key), 0) + 1
        self._timer.start(max(1, self.settings.end_timeout_ms))
        return True

    def _on_silence(self) -> None:
        if not self._held:
            return
        if self._is_scan():
            self._emit_scan()
        else:
            self._flush_as_typing()

    def _emit_scan(self) -> None:
        text = "".join(h.text for h in self._held)
        self._held.clear()
        self.scanned.emit(text)

    def _flush_as_typing(self) -> None:
        """Deliver held keys, in order, to the widgets they were meant for."""
        self._timer.stop()
        held, self._held = self._held, []
        if not held:
            return
        self._replaying = True
        try:
            for h in held:
                for etype in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    ev = QKeyEvent(etype, h.key, h.modifiers, h.native_scan_code,
                                   h.native_virtual_key, h.native_modifiers, h.text)
                    try:
                        QApplication.sendEvent(h.target, ev)
                    except RuntimeError:  # the widget has gone
                        break
        finally:
            self._replaying = False

    def flush(self) -> None:
        """Decide now about anything held (used before the window changes screens)."""
        self._on_silence()
