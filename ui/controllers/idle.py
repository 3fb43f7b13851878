"""Idle lock: no key, mouse or touch input for a while locks the desk.

``--kiosk`` always locks when idle; the normal desk does when the ``kiosk.idle_lock``
setting is on (the default), after ``kiosk.idle_lock_seconds``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

from app.config import KioskSettings

#: the events that count as someone at the desk (the desk's filter: :mod:`ui.input_watch`)
INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})


class IdleLock(QObject):
    """Calls ``on_idle`` after the idle time without input (told by :meth:`input_seen`), while
    armed (someone is signed in) and enabled (``always``, or the setting)."""

    def __init__(self, settings: KioskSettings, on_idle: Callable[[], None],
                 parent: QObject | None = None, *, always: bool = False) -> None:
        super().__init__(parent)
        self.settings = settings
        self.always = always
        self._armed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(on_idle)
        self.set_seconds(settings.idle_lock_seconds)

    @property
    def enabled(self) -> bool:
        return self.always or self.settings.idle_lock

    def arm(self) -> None:
        """Someone signed in: count down (if enabled)."""
        self._armed = True
        self.apply()

    def disarm(self) -> None:
        self._armed = False
        self.stop()

    def apply(self) -> None:
        """The settings changed (or someone signed in): take them up."""
        self.set_seconds(self.settings.idle_lock_seconds)
        if self._armed and self.enabled:
            self.start()
        else:
            self.stop()

    def set_seconds(self, seconds: int) -> None:
        self._timer.setInterval(max(1, int(seconds)) * 1000)

    def set_interval_ms(self, ms: int) -> None:
        self._timer.setInterval(ms)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def input_seen(self) -> None:
        """Someone is at the desk: count down from the start again (if counting)."""
        if self._timer.isActive():
            self._timer.start()
