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
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from app.bootstrap import AppContext, bootstrap, bootstrap_in_background
from app.config import Settings, choose_database
from app.config import demo_data_dir as demo_data_dir  # where the tests and docs look for it
from app.demo_identity import DEMO_ACTOR as DEMO_ACTOR  # who fills the demo school
from app.errors import InvalidInput
from ui.desk_devices import DeskDevices, desk_devices

if TYPE_CHECKING:
    from app.uow import UnitOfWork
    from ui.main_window import MainWindow


def open_context(args: argparse.Namespace, *, background: bool = False,
                 start: bool = True) -> AppContext:
    """The app context for the desk's arguments; ``background``: the database opens on a
    thread of its own (``start=False``: once :meth:`AppContext.start_opening` is called —
    work that needs it meanwhile waits)."""
    data_dir = Path(args.data_dir) if getattr(args, "data_dir", None) else None
    db_url, data_dir = choose_database(getattr(args, "db", None) or None, data_dir,
                                       demo=bool(getattr(args, "demo", False)))
    settings, problem = _settings_or_defaults(data_dir)
    if background:
        ctx = bootstrap_in_background(db_url, data_dir=data_dir, start=start,
                                      opens_on_use=start, settings=settings)
    else:
        ctx = bootstrap(db_url, data_dir=data_dir, settings=settings)
    ctx.settings_problem = problem
    return ctx


def _settings_or_defaults(data_dir: Path | None) -> tuple[Settings | None, str | None]:
    """A settings file with a value out of range still opens the desk: on that value's
    default, saying which it is, so that an admin can correct it in Admin → Settings.
    (None: the file is fine, or unreadable, which bootstrap reports.)"""
    from app.config import Paths, default_data_dir, load_settings
    from app.settings_rules import BadSetting, load_checked_settings

    path = Paths(data_dir or default_data_dir()).settings_file
    try:
        return load_checked_settings(path), None
    except BadSetting as exc:
        from app.settings_rules import with_defaults_for_bad

        settings, _bad = with_defaults_for_bad(load_settings(path))
        return settings, (f"{exc.message}. The desk uses the default until an admin "
                          "corrects it in Admin → Settings.")
    except InvalidInput:
        return None, None


def _record_outside_settings_edit(ctx: AppContext) -> None:
    """A settings file edited outside the desk is recorded in the audit log (on the thread
    that opened the database; a failure is logged, never in the way of the desk)."""
    import logging

    from app.actor import Actor, current_os_user
    from app.services.settings import record_outside_edit

    try:
        keys = record_outside_edit(ctx.db, ctx.paths, Actor("desk-start", "admin",
                                                            os_user=current_os_user()))
    except Exception:  # noqa: BLE001 - the desk opens whatever happens here
        logging.getLogger(__name__).exception("could not compare the settings file with the log")
        return
    if keys is not None:
        logging.getLogger(__name__).warning("settings file changed outside the desk: %s",
                                            ", ".join(keys) or "(same values)")


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
    gc.enable()  # off during start-up when started from the command line (app.cli.desk)
    # hand the GIL over sooner: the GUI thread waits at most ~1 ms, not 5, behind a worker
    sys.setswitchinterval(0.001)


def _needs_demo_data(uow: UnitOfWork) -> bool:
    from app.services.lookup import has_people  # on the worker: see the module's docstring

    return not has_people(uow)


def fill_demo_in_background(window: MainWindow, ctx: AppContext) -> None:
    """Fill the demo school on the worker; the sign-in screen says when it is ready."""
    from app.demo import fill_demo

    window.notify("info", "Setting up the demo school — this takes a few seconds…")

    def done(summary: str) -> None:
        tune_gc()
        window.notify("ok", summary[0].upper() + summary[1:] + ".")
        window.nav.screens.sign_in.activated()

    # fill_demo opens its own units of work: it is not one to run again as a whole
    window.ops.run(DEMO_ACTOR, lambda _uow: fill_demo(ctx, DEMO_ACTOR), ok=done, retry=False,
                   err=lambda e: window.notify("error", f"Demo data could not be set up: {e.message}"))


def build_window(ctx: AppContext, *, demo: bool = False, kiosk: bool = False,
                 install_scanner: bool = True, devices: DeskDevices | None = None) -> MainWindow:
    """The desk's composition root: the window, with the hardware it uses handed in.

    ``devices`` (tests hand in fakes) defaults to the real ones for ``ctx``: its printers
    (``app.bootstrap``), the serial pad and the serial scanner the settings name.
    """
    from ui import theme
    from ui.main_window import MainWindow

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app)
    window = MainWindow(ctx, demo=demo, kiosk=kiosk, install_scanner=install_scanner,
                        devices=devices or desk_devices(ctx))
    if demo:  # an empty demo database is filled first (on the worker, once it is open)
        window.ops.run(DEMO_ACTOR, _needs_demo_data, readonly=True,
                       ok=lambda empty: fill_demo_in_background(window, ctx) if empty else None)
    return window


class _FirstPaint(QObject):
    """Calls ``then`` once, at the event-loop turn after ``widget`` first paints (or after
    ``fallback_ms`` if it is never painted, e.g. shown on a screen that is off)."""

    def __init__(self, widget: QWidget, then: Callable[[], object], fallback_ms: int) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then: Callable[[], object] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self._fire)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and self._then is not None:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self._widget.removeEventFilter(self)
            then()


def after_first_paint(widget: QWidget, then: Callable[[], object], fallback_ms: int = 250) -> None:
    _FirstPaint(widget, then, fallback_ms)


class _DatabaseWatch(QObject):
    """Carries "the database is open and warmed up" (or why it could not open) from the
    opening thread to the window, on the GUI thread (once :meth:`listen` has been called:
    before the database starts opening)."""

    settled = Signal(object)  # None, or the exception

    def __init__(self) -> None:
        super().__init__()
        self.window: MainWindow | None = None
        #: told too, after the window (``--smoke-test`` watches here)
        self.then: Callable[[BaseException | None], None] | None = None

    def listen(self) -> None:
        """Deliver :attr:`settled` on the GUI thread, queued. Called once the desk is usable:
        naming the connection type is the first use of PySide6's ``Qt`` namespace, whose 93
        Python enum types it builds then (~12 ms, see docs/performance.md)."""
        from PySide6.QtCore import Qt

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
            gc.enable()
            window.database_failed(error)
        else:
            window.open_pad()
            tune_gc()  # after the warm-up: freeze what start-up loaded
        if self.then is not None:
            self.then(error if isinstance(error, BaseException) else None)


def start(args: argparse.Namespace) -> tuple[MainWindow, AppContext]:
    """What :func:`run` does before the event loop: the window shown, the database opening."""
    watch = _DatabaseWatch()

    def settled(error: BaseException | None) -> None:  # on the opening thread
        if error is not None:
            watch.tell(error)
            return
        try:
            _record_outside_settings_edit(ctx)
            warm_up()  # the document machinery, before the first receipt needs it
        finally:
            watch.tell(None)

    ctx = open_context(args, background=True, start=False)
    ctx.when_db_ready(settled)
    window = build_window(ctx, demo=bool(getattr(args, "demo", False)),
                          kiosk=bool(getattr(args, "kiosk", False)), install_scanner=False)
    watch.window = window
    watch.setParent(window)
    if ctx.settings_problem:
        window.show_settings_problem(ctx.settings_problem)
    if getattr(args, "smoke_test", False):
        from ui.smoke_test import SmokeTest

        shot = getattr(args, "smoke_screenshot", None)
        watch.then = SmokeTest(window, Path(shot) if shot else None).database_settled
    window.start_serial_scanner()
    show_window(window, kiosk=bool(getattr(args, "kiosk", False)))
    # Once the window has painted (the event loop's first turns paint it):
    # * the application-wide filters go in (the wedge scanner; in kiosk mode the idle lock).
    #   Every event then passes through Python, and the first internal Qt object handed
    #   to the filter (the style sheet's style) makes PySide6 build QStyle's Python enum
    #   types; neither need delay the first paint;
    # * the database starts opening on its thread (it and the paint would share the GIL),
    #   its watch listening first (the first use of PySide6's Qt namespace: see listen).
    def painted() -> None:
        window.install_scanner()
        watch.listen()
        ctx.start_opening()

    after_first_paint(window, painted)
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
        from PySide6.QtCore import Qt  # see _DatabaseWatch.listen

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
