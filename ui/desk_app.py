"""Start the desk: ``loan-kiosk`` (or ``--demo`` / ``--kiosk``) opens this window.

The window shows first and the database opens meanwhile, on a thread of its own
(:func:`app.bootstrap.bootstrap_in_background`): importing SQLAlchemy and the
models was ~0.6 s of a 0.7 s cold start, before the technician could see or type
anything. Nothing imported on the way to the first window needs SQLAlchemy;
the sign-in screen takes the username and PIN while the database opens, and its
check runs on the worker, which waits for the database if it is not open yet.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from app.bootstrap import AppContext, bootstrap, bootstrap_in_background
from app.config import choose_database
from app.config import demo_data_dir as demo_data_dir  # where the tests and docs look for it
from app.demo_identity import DEMO_ACTOR as DEMO_ACTOR  # who fills the demo school

if TYPE_CHECKING:
    from app.uow import UnitOfWork
    from ui.main_window import MainWindow


def open_context(args: argparse.Namespace, *, background: bool = False,
                 start: bool = True) -> AppContext:
    """The app context for the desk's arguments; ``background``: the database opens on a
    thread of its own (``start=False``: once :meth:`AppContext.start_opening` is called)."""
    data_dir = Path(args.data_dir) if getattr(args, "data_dir", None) else None
    db_url, data_dir = choose_database(getattr(args, "db", None) or None, data_dir,
                                       demo=bool(getattr(args, "demo", False)))
    if background:
        return bootstrap_in_background(db_url, data_dir=data_dir, start=start)
    return bootstrap(db_url, data_dir=data_dir)


def warm_up() -> None:
    """Load the document machinery (modules, fonts) once, at start-up, before the first receipt.

    Loading it while a signature streams would make that first render slow and
    allocation-heavy; done here, it is part of what :func:`tune_gc` freezes.
    """
    import app.services.documents  # noqa: F401
    import printing.receipt  # noqa: F401
    from printing.fonts import register_fonts

    register_fonts()


def tune_gc() -> None:
    """Keep the GUI thread free of long garbage-collection pauses.

    A full collection holds the GIL while it walks every object, whichever thread
    triggers it; with Qt, SQLAlchemy and ReportLab loaded that took over 150 ms when
    a receipt rendered on the worker, and froze the window meanwhile. Objects that
    exist once the desk is up live for the whole session: freezing them takes them
    out of every later collection.
    """
    gc.collect()
    gc.freeze()
    # hand the GIL over sooner: the GUI thread waits at most ~1 ms, not 5, behind a worker
    sys.setswitchinterval(0.001)


def _needs_demo_data(uow: UnitOfWork) -> bool:
    from sqlalchemy import select

    from db.models import Person

    return uow.session.execute(select(Person.id).limit(1)).first() is None


def fill_demo_in_background(window: MainWindow, ctx: AppContext) -> None:
    """Fill the demo school on the worker; the sign-in screen says when it is ready."""
    from app.demo import fill_demo

    window.notify("info", "Setting up the demo school — this takes a few seconds…")

    def done(summary: str) -> None:
        tune_gc()
        window.notify("ok", summary[0].upper() + summary[1:] + ".")
        window.controller("sign_in").activated()

    # fill_demo opens its own units of work: it is not one to run again as a whole
    window.ops.run(DEMO_ACTOR, lambda _uow: fill_demo(ctx, DEMO_ACTOR), ok=done, retry=False,
                   err=lambda e: window.notify("error", f"Demo data could not be set up: {e.message}"))


def build_window(ctx: AppContext, *, demo: bool = False, kiosk: bool = False,
                 install_scanner: bool = True) -> MainWindow:
    from ui import theme
    from ui.main_window import MainWindow

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app)
    window = MainWindow(ctx, demo=demo, kiosk=kiosk, install_scanner=install_scanner)
    if demo:  # an empty demo database is filled first (on the worker, once it is open)
        window.ops.run(DEMO_ACTOR, _needs_demo_data, readonly=True,
                       ok=lambda empty: empty and fill_demo_in_background(window, ctx))
    return window


class _DatabaseWatch(QObject):
    """Carries "the database is open and warmed up" (or why it could not open) from the
    opening thread to the window, on the GUI thread."""

    settled = Signal(object)  # None, or the exception

    def __init__(self) -> None:
        super().__init__()
        self.window: MainWindow | None = None
        self.settled.connect(self._on_settled, Qt.ConnectionType.QueuedConnection)

    def tell(self, error: BaseException | None) -> None:
        """From the opening thread."""
        try:
            self.settled.emit(error)
        except RuntimeError:  # the window (and this) closed before the database opened
            pass

    def _on_settled(self, error: object) -> None:
        window = self.window
        if window is None:
            return
        if isinstance(error, BaseException):
            window.database_failed(error)
            return
        window.open_pad()
        tune_gc()  # after the warm-up: freeze what start-up loaded


def start(args: argparse.Namespace) -> tuple[MainWindow, AppContext]:
    """What :func:`run` does before the event loop: the window shown, the database opening."""
    watch = _DatabaseWatch()

    def settled(error: BaseException | None) -> None:  # on the opening thread
        if error is not None:
            watch.tell(error)
            return
        try:
            warm_up()  # the document machinery, before the first receipt needs it
        finally:
            watch.tell(None)

    ctx = open_context(args, background=True, start=False)
    ctx.when_db_ready(settled)
    window = build_window(ctx, demo=bool(getattr(args, "demo", False)),
                          kiosk=bool(getattr(args, "kiosk", False)), install_scanner=False)
    watch.window = window
    watch.setParent(window)
    window.start_serial_scanner()
    show_window(window, kiosk=bool(getattr(args, "kiosk", False)))
    # Once the window is up, at the event loop's first turn:
    # * the database starts opening (the thread and the first paint would share the GIL);
    # * the application-wide filters go in (the wedge scanner; in kiosk mode the idle lock).
    #   The first internal Qt object a Python event filter is handed (a QWidgetWindow)
    #   makes PySide6 resolve every lazily loaded Qt class — some 190 Python enum types,
    #   ~40 ms — which need not delay the window; nobody can scan a badge within a
    #   millisecond of it appearing.
    QTimer.singleShot(0, ctx.start_opening)
    QTimer.singleShot(0, window.install_scanner)
    return window, ctx


#: the desk's size on a screen with room to spare; on a smaller one it takes the whole screen
PREFERRED_SIZE = (1366, 768)


def show_window(window: QWidget, *, kiosk: bool = False) -> None:
    """Show the desk on the primary screen: ``kiosk`` full screen and frameless, else at its
    preferred size (or maximised on a screen no bigger than that).

    Full screen and maximised are requests to the window manager; a kiosk PC may run
    none (an X session that starts only Loan Kiosk), so the window is also given the
    screen's geometry itself, and follows the screen when its resolution changes.
    """
    screen = QGuiApplication.primaryScreen()
    if kiosk:
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.setGeometry(screen.geometry())
        screen.geometryChanged.connect(window.setGeometry)
        window.showFullScreen()
    else:
        room = screen.availableGeometry()
        width, height = PREFERRED_SIZE
        if room.width() <= width or room.height() <= height:
            window.setGeometry(room)
            window.showMaximized()
        else:
            window.resize(width, height)
            window.move(room.center() - window.rect().center())
            window.show()
    # the keyboard (and so the scanner) types into the desk wherever the pointer is
    window.activateWindow()


def configure_logging() -> None:
    """The desk's log on stderr: warnings and errors (and what the person was told when it
    was a refusal); ``LOAN_KIOSK_LOG=INFO`` for everything the banner said."""
    import logging
    import os

    level = os.environ.get("LOAN_KIOSK_LOG", "WARNING").upper()
    logging.basicConfig(level=level if level in logging.getLevelNamesMapping() else "WARNING",
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def run(args: argparse.Namespace) -> int:
    configure_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Loan Kiosk")
    window, ctx = start(args)
    try:
        status = int(app.exec())
        return 2 if window.database_error is not None else status
    finally:
        ctx.close()
