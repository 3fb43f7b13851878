"""The Qt application Qt's print support needs, created on demand where there is none.

The desk has its ``QApplication``. The command line has none (it never loads Qt
unless it prints through Qt): :func:`ensure_gui_application` makes a
``QGuiApplication`` the first time a Qt printer is used. On Linux and the BSDs
it uses the ``offscreen`` platform unless ``QT_QPA_PLATFORM`` says otherwise:
printing goes to the print system through the print-support plugin (CUPS), never
through the display, and a command run over ssh or from cron has no display —
while an unreachable ``DISPLAY`` would make the xcb platform abort the process.
On Windows and macOS the native platform is used: there it is what prints.
"""

from __future__ import annotations

import os
import sys
import threading

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

_created: list[QGuiApplication] = []  # kept alive for the rest of the process


class NoGuiApplication(RuntimeError):
    """Qt printing was asked for where no Qt GUI application can be made."""


def needs_offscreen(platform: str = sys.platform) -> bool:
    """Whether an on-demand application should use Qt's offscreen platform."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return False  # the user's (or the test's) explicit choice
    return not (platform.startswith(("win", "cygwin")) or platform == "darwin")


def ensure_gui_application() -> QGuiApplication:
    """The running ``QGuiApplication``, made now (offscreen where that fits) if there is none.

    Qt allows its application object to be made on the main thread only; the desk
    always has one, so a worker thread never gets here without it.
    """
    app = QCoreApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    if app is not None:
        raise NoGuiApplication("this program runs Qt without its GUI part, which printing needs")
    if threading.current_thread() is not threading.main_thread():
        raise NoGuiApplication("Qt printing must first be started from the program's main thread")
    argv = ["loan-kiosk"]
    if needs_offscreen():
        argv += ["-platform", "offscreen"]
    if sys.platform == "darwin":  # a command-line print must not put an icon in the Dock
        os.environ.setdefault("QT_MAC_DISABLE_FOREGROUND_APPLICATION_TRANSFORM", "1")
    made = QGuiApplication(argv)
    _created.append(made)
    return made
