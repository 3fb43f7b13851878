"""Scanner input: keyboard-wedge bursts recognised by timing.

A keyboard-wedge (USB HID) scanner is a keyboard that types fast. For a capital
letter or a shifted symbol it sends Shift press, the key, Shift release, a few
ms apart (some hold Shift across a run of capitals, some have CapsLock on); it
ends with Enter, Tab, or nothing. :class:`ScanFilter` is an application-wide
event filter that holds back the keys of a burst and looks at their timing:

* a *character* is a key press that types printable text (Shift allowed; Ctrl,
  Alt or Meta held make it a shortcut, not a character);
* a *modifier-only* press or release (Shift, Ctrl, Alt, AltGr, Meta, CapsLock…)
  or a dead key inside a burst belongs to the burst: it is held with it, never
  ends it and never decides it;
* a burst of at least ``min_length`` characters whose average gap is at most
  ``max_avg_gap_ms``, with no gap over ``max_gap_ms``, ended by Enter/Tab or by
  ``end_timeout_ms`` of silence, is a scan: all its key events (and the releases
  still to come of its keys) are swallowed, nothing reaches the focused field,
  and ``scanned(text)`` is emitted with exactly the characters typed;
* anything else is typing: the held events are delivered, in their order, to
  the widgets they were meant for, untouched.

A release is matched to its press by the native scan code (X keycode), which a
release shares with its press even when its key code differs (Shift+; presses
``Key_Colon`` and, after Shift went up, releases ``Key_Semicolon``).

Times come from ``QKeyEvent.timestamp()`` (when the key was pressed, not when
the GUI thread got round to it); synthetic events may carry 0, and then the
monotonic clock is used. Before a burst is ended by silence, key events already
waiting in the queue are taken in (a busy GUI thread must not cut a scan short).

Serial (virtual COM) scanners: :mod:`app.devices.serial_scanner`, wired to the
desk by :mod:`ui.serial_scanner`.
"""

from __future__ import annotations

import functools
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QWidget

from app.config import ScannerSettings

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

log = logging.getLogger(__name__)

_PRESS, _RELEASE = QEvent.Type.KeyPress, QEvent.Type.KeyRelease


@dataclass(frozen=True)
class _Keys:
    end: tuple[int, ...]
    #: keys that only change what the next key types: they belong to whatever burst they are in
    modifiers: frozenset[int]
    dead: range
    #: held with a key, they make it a shortcut, not a character
    blocking: Qt.KeyboardModifier


@functools.cache
def _keys() -> _Keys:
    """The keys the filter tells apart, made at the first key event (the filter goes in once
    the desk is usable): naming them is a use of PySide6's ``Qt`` namespace, whose 93 Python
    enum types it builds at the first use (~12 ms; docs/performance.md)."""
    from PySide6.QtCore import Qt

    k = Qt.Key
    return _Keys(
        end=(int(k.Key_Return), int(k.Key_Enter), int(k.Key_Tab)),
        modifiers=frozenset(int(key) for key in (
            k.Key_Shift, k.Key_Control, k.Key_Alt, k.Key_AltGr, k.Key_Meta, k.Key_CapsLock,
            k.Key_NumLock, k.Key_Super_L, k.Key_Super_R, k.Key_Hyper_L, k.Key_Hyper_R,
            k.Key_Mode_switch,
        )),
        dead=range(int(k.Key_Dead_Grave), int(k.Key_Dead_Longsolidusoverlay) + 1),
        blocking=(Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                  | Qt.KeyboardModifier.MetaModifier),
    )


def is_modifier_key(key: int) -> bool:
    """Shift, Ctrl, Alt, AltGr, Meta, CapsLock… or a dead key: types nothing by itself."""
    keys = _keys()
    return key in keys.modifiers or key in keys.dead


def key_identity(event: QKeyEvent) -> int:
    """What pairs a release with its press: the native scan code, else the key."""
    return event.nativeScanCode() or -int(event.key())


@dataclass
class _Held:
    """A key event held back while we decide whether its burst is a scan."""

    target: QWidget
    etype: QEvent.Type
    key: int
    text: str
    modifiers: Qt.KeyboardModifier
    native_scan_code: int
    native_virtual_key: int
    native_modifiers: int
    auto_repeat: bool
    timestamp: int
    #: for a character: when it was pressed (ms) and whether that came from the event
    at_ms: float = 0.0
    stamped: bool = False
    char: bool = False

    @classmethod
    def of(cls, target: QWidget, event: QKeyEvent, *, at_ms: float = 0.0, stamped: bool = False,
           char: bool = False) -> _Held:
        return cls(target, event.type(), int(event.key()), event.text(), event.modifiers(),
                   event.nativeScanCode(), event.nativeVirtualKey(), event.nativeModifiers(),
                   event.isAutoRepeat(), int(event.timestamp()), at_ms, stamped, char)

    def event(self) -> QKeyEvent:
        ev = QKeyEvent(self.etype, self.key, self.modifiers, self.native_scan_code,
                       self.native_virtual_key, self.native_modifiers, self.text, self.auto_repeat)
        ev.setTimestamp(self.timestamp)
        return ev


class ScanFilter(QObject):
    """Install with ``app.installEventFilter(filter)``; connect ``scanned``."""

    scanned = Signal(str)

    def __init__(self, settings: ScannerSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.enabled = True
        self._held: list[_Held] = []
        #: keys pressed inside the burst held now, not yet released (identity -> count)
        self._down: dict[int, int] = {}
        #: keys of bursts taken as scans whose releases are still to come: swallowed
        self._swallow: dict[int, int] = {}
        self._replaying = False
        self._settling = False
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

    def _chars(self) -> list[_Held]:
        return [h for h in self._held if h.char]

    @staticmethod
    def _gap(a: _Held, b_ms: float, b_stamped: bool) -> float:
        # one from the event, one from our clock: cannot tell, assume fast
        return b_ms - a.at_ms if a.stamped == b_stamped else 0.0

    def _is_scan(self, end_gap_ms: float | None = None) -> bool:
        s = self.settings
        chars = self._chars()
        if sum(len(h.text) for h in chars) < max(1, s.min_length):
            return False
        gaps = [self._gap(a, b.at_ms, b.stamped) for a, b in zip(chars, chars[1:], strict=False)]
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
        if etype not in (_PRESS, _RELEASE):
            return False
        if self._replaying or not self.enabled:
            return False
        # Key events reach the QWindow first, then the focus widget (then its parents if
        # ignored). Decide once, at the widget that would receive the text.
        if isinstance(obj, QWindow) or not isinstance(obj, QWidget):
            return False
        assert isinstance(event, QKeyEvent)
        if etype == _RELEASE:
            return self._on_release(obj, event)
        return self._on_press(obj, event)

    def _on_release(self, target: QWidget, event: QKeyEvent) -> bool:
        ident = key_identity(event)
        if _take(self._down, ident):  # its press is held: so is the release
            self._held.append(_Held.of(target, event))
            return True
        # the press was swallowed with a scan: so is the release
        return _take(self._swallow, ident)

    def _on_press(self, target: QWidget, event: QKeyEvent) -> bool:
        key = int(event.key())
        keys = _keys()
        if is_modifier_key(key):
            if not self._held:
                return False  # not in a burst: nothing to keep it with
            self._hold(target, event)
            return True
        at_ms, stamped = self._now(event)
        if key in keys.end and self._held and not (event.modifiers() & keys.blocking):
            chars = self._chars()
            end_gap = self._gap(chars[-1], at_ms, stamped) if chars else None
            if chars and self._is_scan(end_gap):
                self._timer.stop()
                _add(self._swallow, key_identity(event))
                self._emit_scan()
                return True
            self._flush_as_typing()
            return False
        text = event.text()
        printable = (
            bool(text) and text.isprintable()
            and not (event.modifiers() & keys.blocking)
            # X calls a release and press of one key in the same ms auto-repeat: a scanner's
            # double letter ("tt" in "https") inside a burst; a key held down outside one
            and (not event.isAutoRepeat() or bool(self._held))
        )
        if not printable:
            self._flush_as_typing()
            return False
        chars = self._chars()
        if chars and (self._gap(chars[-1], at_ms, stamped) > self.settings.max_gap_ms
                      or chars[-1].target is not target):
            # Too slow (or somewhere else) to belong with what is held: that was typing.
            self._flush_as_typing()
        self._hold(target, event, at_ms=at_ms, stamped=stamped, char=True)
        self._timer.start(max(1, self.settings.end_timeout_ms))
        return True

    def _hold(self, target: QWidget, event: QKeyEvent, **char: float | bool) -> None:
        self._held.append(_Held.of(target, event, **char))  # type: ignore[arg-type]
        _add(self._down, key_identity(event))

    def _on_silence(self) -> None:
        if not self._held or self._settling:
            return
        # Keys of this burst may be waiting behind a busy GUI thread: take them in first.
        self._settling = True
        try:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
        finally:
            self._settling = False
        if not self._held or self._timer.isActive():
            return  # decided meanwhile, or more characters came: the burst goes on
        if self._is_scan():
            self._emit_scan()
        else:
            self._flush_as_typing()

    def _emit_scan(self) -> None:
        text = "".join(h.text for h in self._held if h.char)
        self._held.clear()
        for ident, n in self._down.items():  # their releases are still to come
            self._swallow[ident] = self._swallow.get(ident, 0) + n
        self._down.clear()
        self.scanned.emit(text)

    def _flush_as_typing(self) -> None:
        """Deliver held events, in order, to the widgets they were meant for."""
        self._timer.stop()
        held, self._held = self._held, []
        self._down.clear()  # releases still to come go where they are sent
        if not held:
            return
        self._replaying = True
        try:
            for h in held:
                try:
                    QApplication.sendEvent(h.target, h.event())
                except RuntimeError:  # the widget has gone
                    continue
        finally:
            self._replaying = False

    def flush(self) -> None:
        """Decide now about anything held (used before the window changes screens)."""
        self._on_silence()


def _add(counts: dict[int, int], ident: int) -> None:
    counts[ident] = counts.get(ident, 0) + 1


def _take(counts: dict[int, int], ident: int) -> bool:
    n = counts.get(ident, 0)
    if not n:
        return False
    if n == 1:
        del counts[ident]
    else:
        counts[ident] = n - 1
    return True

