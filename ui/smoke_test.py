"""``loan-kiosk --smoke-test``: start the desk as a technician would, then leave once it is usable.

For installers and CI (``packaging/smoke-test.sh`` runs it on the frozen bundle): the
desk starts exactly as ``loan-kiosk`` does; this only watches. It exits 0 once

* the window is shown, on the sign-in screen;
* the database is open (migrations run) and the document machinery warmed up
  (ReportLab, the bundled fonts: :func:`ui.desk_app.warm_up`);
* the sign-in screen has asked the database, on the worker, whether this is a
  first run (sign in, or create the first admin) and shows the answer.

It exits 2 when the database cannot be opened (the desk has said why on stderr), and
1 when the desk came up wrong (which check failed is printed). It never signs in,
writes nothing, and needs no display with ``QT_QPA_PLATFORM=offscreen``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from ui.main_window import MainWindow

#: status when the database could not be opened (as a desk run ends then)
DATABASE_FAILED = 2
#: status when the desk came up, but not as it should have
CHECK_FAILED = 1


def say(text: str) -> None:
    print(f"smoke-test: {text}", flush=True)


class SmokeTest(QObject):
    """Watches one desk start; :meth:`database_settled` is called on the GUI thread once the
    database opened (``None``) or failed to (the exception)."""

    def __init__(self, window: MainWindow, screenshot: Path | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.screenshot = screenshot
        self._done = False
        self._poll = QTimer(self)
        self._poll.setInterval(20)

    def database_settled(self, error: BaseException | None) -> None:
        if error is not None:
            say("failed: the database could not be opened")
            self._finish(DATABASE_FAILED)
            return
        # the sign-in screen's own question to the database (is this a first run?) may not
        # be answered yet: look again every few milliseconds until it is
        self._poll.timeout.connect(self._check)
        self._poll.start()
        self._check()

    def _answered(self) -> bool:
        return self.window.nav.screens.sign_in.mode_known \
            and not self.window.ops.busy

    def problems(self) -> list[str]:
        """What is wrong with the desk as it stands (empty: it is up and usable)."""
        window = self.window
        found = []
        if not window.isVisible():
            found.append("the window is not shown")
        if window.current is None or window.current.name != "sign_in":
            found.append(f"the screen showing is {getattr(window.current, 'name', None)!r}, "
                         "not the sign-in screen")
        if window.database_error is not None:
            found.append("the desk reports a database failure")
        if not window.stack.isEnabled():
            found.append("the screens are disabled")
        return found

    def _check(self) -> None:
        if self._done:
            return
        found = self.problems()
        if not found and not self._answered():
            return  # asked again at the next look
        if found:
            say("failed: " + "; ".join(found))
            self._finish(CHECK_FAILED)
            return
        if self.screenshot is not None and not self._save_screenshot(self.screenshot):
            self._finish(CHECK_FAILED)
            return
        view = self.window.nav.screens.sign_in.view
        mode = "create the first admin" if view.creating else "sign in"
        say(f"ok: the sign-in screen is up ({mode}) and the database is open")
        self._finish(0)

    def _save_screenshot(self, path: Path) -> bool:
        picture = self.window.grab()
        if picture.isNull() or not picture.save(str(path), "PNG"):
            say(f"failed: could not save a picture of the desk to {path}")
            return False
        say(f"picture of the desk saved to {path} ({picture.width()}x{picture.height()})")
        return True

    def _finish(self, status: int) -> None:
        self._done = True
        self._poll.stop()
        app = QApplication.instance()
        if app is None:  # pragma: no cover - the desk always has one
            sys.exit(status)
        app.exit(status)
