"""Several desks share the database: coming back to this one re-loads the screen shown.

The window tells :class:`ReturnReload` when it is activated; the application's own
"active again" (Alt+Tab back, a dialog's window) is watched from the first sign-in —
before it there is no screen to re-load (``Navigator.reload_shown`` re-loads only while
signed in) — and not from the window's construction: the signal's argument is a ``Qt``
enum, and PySide6 builds the ``Qt`` namespace's 93 Python enum types at its first use
(~12 ms, which the desk's start does without; docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:
    from PySide6.QtCore import Qt


class ReturnReload(QObject):
    def __init__(self, reload: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # the app and window activations arrive together
        self._timer.timeout.connect(reload)
        self._active: object = None  # Qt.ApplicationState.ApplicationActive, once watching

    @property
    def watching(self) -> bool:
        """Whether the application's state is watched (from the first sign-in)."""
        return self._active is not None

    def window_activated(self) -> None:
        self._timer.start()

    def watch_application(self) -> None:
        """Re-load also when the application becomes active again (once; at sign-in)."""
        app = QGuiApplication.instance()
        if self.watching or not isinstance(app, QGuiApplication):
            return
        # naming the state builds the Qt namespace's types: PySide6 gives the signal's
        # argument to Python only once they exist
        from PySide6.QtCore import Qt

        self._active = Qt.ApplicationState.ApplicationActive
        app.applicationStateChanged.connect(self._application_state_changed)

    def _application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == self._active:
            self._timer.start()

    def stop(self) -> None:
        """The window is closing."""
        app = QGuiApplication.instance()
        if self.watching and isinstance(app, QGuiApplication):
            try:
                app.applicationStateChanged.disconnect(self._application_state_changed)
            except (RuntimeError, TypeError):  # already gone
                pass
        self._active = None
        self._timer.stop()
