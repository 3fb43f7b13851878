"""The desk's one window: header, status banner, and a stack of screens.

Every scan, from whichever source and on whichever screen, comes to
:meth:`MainWindow.handle_scan` and is routed by :class:`ui.controllers.routing.ScanRouter`.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from ui.controllers.base import ScreenController
from ui.controllers.idle import IdleLock
from ui.controllers.session import DeskSession
from ui.ops import OpError, OpRunner
from ui.scanner import ScanFilter
from ui.views.header_view import HeaderView
from ui.widgets.busy import DelayedBusy
from ui.widgets.feedback_banner import FeedbackBanner, SoundPlayer

if TYPE_CHECKING:
    # The window shows before SQLAlchemy is loaded (ui.desk_app opens the database on a
    # thread of its own): what needs the database is imported where it runs, on the worker.
    from app.actor import Actor
    from app.bootstrap import AppContext
    from app.devices.pad import SignaturePad
    from app.devices.printer import PrinterFactory
    from app.devices.serial_scanner import SerialScanner
    from app.services.cards import ScanInfo
    from app.services.search import PersonHit
    from app.uow import UnitOfWork
    from ui.widgets.question import Question

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, app_ctx: AppContext, *, demo: bool = False, kiosk: bool = False,
                 install_scanner: bool = True, printer_factory: PrinterFactory | None = None) -> None:
        super().__init__()
        self.ctx = app_ctx
        #: where documents and labels print (the composition root's unless a test hands one in)
        self.printer_factory: PrinterFactory = printer_factory or app_ctx.printer_factory
        self.demo = demo
        self.kiosk = kiosk
        self.setWindowTitle(f"Loan Kiosk — {app_ctx.settings.school.name}" + (" (demo)" if demo else ""))
        self.setAccessibleName("Loan Kiosk desk")
        self.ops = OpRunner(app_ctx, self)
        self.session = DeskSession(self)
        self.sound = SoundPlayer(app_ctx.settings.kiosk.sound)
        self.scanner = ScanFilter(app_ctx.settings.scanner, self)
        self.scanner.scanned.connect(self.handle_scan)
        self._scanner_installed = False
        #: the signature pad, owned here and lent to whichever signature step is showing
        self.pad: SignaturePad | None = None

        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.header = HeaderView(app_ctx.settings.school.name)
        lay.addWidget(self.header)
        banner_box = QWidget()
        bl = QVBoxLayout(banner_box)
        bl.setContentsMargins(10, 6, 10, 0)
        self.banner = FeedbackBanner(self.sound)
        bl.addWidget(self.banner)
        lay.addWidget(banner_box)
        self.stack = QStackedWidget()
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        from ui.serial_scanner import DeskSerialScanner

        self.serial_scanner = DeskSerialScanner(self.handle_scan, self.header.show_scanner,
                                                self.notify, self)

        from ui.controllers.screens import Screens

        #: every screen by name; each is built on first use
        self.controllers = Screens(self)
        self.current: ScreenController | None = None
        from ui.controllers.routing import ScanRouter

        self.router = ScanRouter(self)
        #: the question being asked (one at a time), if any
        self.question: Question | None = None

        self.header.navigate.connect(self._navigate)
        self.header.lock_requested.connect(self.lock)
        self.busy_shown = DelayedBusy(self.header.busy, self.ops.busy_changed, self)
        self.ops.error.connect(self._op_failed)
        self.ops.retrying.connect(self._another_desk_busy)
        self.session.signed_in.connect(self._on_signed_in)
        self.session.locked.connect(self._on_locked)
        esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        esc.activated.connect(self.go_back)
        lock = QShortcut(QKeySequence("Ctrl+L"), self)
        lock.activated.connect(self.lock)

        self.idle = IdleLock(app_ctx.settings.kiosk, self.lock, self, always=kiosk)
        from ui.controllers.upkeep import DeskUpkeep

        #: backups checked at each sign-in; waiting print jobs retried every minute
        self.upkeep = DeskUpkeep(self)
        self.upkeep.print_timer.start()
        if install_scanner:
            self.install_scanner()
        #: several desks share the database: coming back to this one re-loads the screen shown
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)  # the app and window activations arrive together
        self._reload_timer.timeout.connect(self.reload_shown)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._application_state_changed)
        self.header.show_technician(None, False)
        self.show_screen("sign_in")

    # -- construction ----------------------------------------------------------
    @property
    def scanner_installed(self) -> bool:
        """The application-wide filters are in (from the desk's first event-loop turn)."""
        return self._scanner_installed

    def install_scanner(self) -> None:
        """Put in the desk's application-wide event filters: the wedge scanner and the idle
        lock (``ui.desk_app.start`` does it once the window is up)."""
        app = QApplication.instance()
        if app is not None and not self._scanner_installed:
            app.installEventFilter(self.scanner)
            app.installEventFilter(self.idle)
            self._scanner_installed = True

    def start_serial_scanner(self, reader: SerialScanner | None = None) -> None:
        """The serial scanner (``reader``, else the configured one): scans to :meth:`handle_scan`."""
        from ui.serial_scanner import scanner_from_settings

        self.serial_scanner.start(reader or scanner_from_settings(self.ctx.settings.scanner))

    # -- what controllers use ----------------------------------------------------
    @property
    def actor(self) -> Actor | None:
        return self.session.actor

    def run(self, fn: Callable[[UnitOfWork], Any], ok: Callable[[Any], Any] | None = None,
            err: Callable[[OpError], Any] | None = None, *, readonly: bool = False) -> bool:
        """Run ``fn(uow)`` on the worker as the signed-in technician (nothing if locked).

        A write runs again after a transient conflict with another desk (see ``OpRunner``).
        """
        actor = self.session.actor
        if actor is None:
            return False
        guarded_ok, guarded_err = self._guarded(ok, err)
        self.ops.run(actor, fn, ok=guarded_ok, err=guarded_err, readonly=readonly)
        return True

    def read(self, fn: Callable[[UnitOfWork], Any], ok: Callable[[Any], Any] | None = None,
             err: Callable[[OpError], Any] | None = None) -> bool:
        """A short read as the signed-in technician, at once where the database is quick
        (:meth:`ui.ops.OpRunner.read`); nothing if locked."""
        actor = self.session.actor
        if actor is None:
            return False
        guarded_ok, guarded_err = self._guarded(ok, err)
        self.ops.read(actor, fn, ok=guarded_ok, err=guarded_err)
        return True

    def _guarded(self, ok: Callable[[Any], Any] | None, err: Callable[[OpError], Any] | None
                 ) -> tuple[Callable[[Any], None], Callable[[OpError], None]]:
        """``ok`` and ``err`` dropped when the desk has locked since (another technician's)."""
        generation = self._generation

        def guarded_ok(result: Any) -> None:
            if generation == self._generation and ok is not None:
                ok(result)

        def guarded_err(error: OpError) -> None:
            if generation != self._generation:
                return
            if err is not None:
                err(error)
            else:
                self.notify("error", error.message)

        return guarded_ok, guarded_err

    _generation = 0

    @property
    def generation(self) -> int:
        """Goes up at every lock: answers to an earlier session's requests are dropped."""
        return self._generation

    def people_lookup(self, text: str, answer: Callable[[list[PersonHit]], None]) -> None:
        """Type-ahead over staff, on the worker (for every person-search field)."""
        def work(uow: UnitOfWork) -> list[PersonHit]:
            from app.services.search import search_people

            return search_people(uow, text)

        self.run(work, answer, lambda _e: None, readonly=True)

    def open_pad(self) -> None:
        """Open the configured pad; it reconnects by itself, and signing falls back to the mouse."""
        s = self.ctx.settings.pad
        if not (s.port and s.protocol):
            return
        from app.devices.serial_pad import SerialPad, SerialPadConfig

        try:
            pad = SerialPad(SerialPadConfig.from_settings(s))
            pad.open(must_connect=False)
        except Exception as exc:  # noqa: BLE001 - a bad pad setting must not stop the desk
            self.notify("warn", f"Signature pad not available ({exc}); sign with the mouse.")
            return
        self.set_pad(pad)

    def apply_settings(self) -> None:
        """Settings changed on the admin screen: take them up where they live."""
        s = self.ctx.settings
        self.sound.enabled = s.kiosk.sound
        self.idle.apply()
        self.header.school.setText(s.school.name)
        self.set_pad(None)
        self.open_pad()
        self.start_serial_scanner()

    def set_pad(self, pad: SignaturePad | None) -> None:
        if self.pad is not None and self.pad is not pad:
            self.pad.close()
        self.pad = pad

    def notify(self, level: str, message: str) -> None:
        log.log(logging.WARNING if level in ("error", "warn") else logging.INFO, "%s: %s",
                level, message)  # the desk's log says what the person was told
        self.banner.show_message(level, message)

    def ask(self, title: str, text: str, answers: list[tuple[str, str]],
            then: Callable[[str, str], Any], *, field: str | None = None,
            safe: str | None = None) -> Question:
        """Ask before going on; ``then(answer, typed)`` runs with the answer (Esc gives
        ``safe``, by default the last answer: the one that changes nothing). One question at
        a time: a newer one replaces it."""
        from ui.widgets.question import Question

        if self.question is not None:
            self.question.reject()
        q = Question(self, title, text, answers, field=field, safe=safe)
        self.question = q

        def answered(key: str, typed: str) -> None:
            if self.question is q:
                self.question = None
            then(key, typed)

        q.answered.connect(answered)
        q.open()
        return q

    #: why the database could not be opened (set once; the desk then only says so)
    database_error: BaseException | None = None

    def database_failed(self, error: BaseException) -> None:
        """The database did not open (it opens while the window shows): say why, stay still."""
        from app.errors import LoanKioskError

        self.database_error = error
        why = error.message if isinstance(error, LoanKioskError) else str(error) or type(error).__name__
        print(f"error: the database could not be opened: {why}", file=sys.stderr, flush=True)
        self.notify("error", f"The database could not be opened: {why}. Close Loan Kiosk, put the "
                             "setting or the server right, and start it again.")
        self.stack.setEnabled(False)

    def _op_failed(self, message: str) -> None:
        if self.database_error is None:  # otherwise every answer is that same failure
            self.notify("error", message)

    def _another_desk_busy(self, message: str) -> None:
        """A write is waiting for another desk; the op's own answer replaces this."""
        self.notify("warn", message[:1].upper() + message[1:])

    def show_screen(self, name: str) -> ScreenController:
        if name != "sign_in" and not self.session.is_signed_in:
            name = "sign_in"
        controller = self.controllers[name]
        previous, self.current = self.current, controller
        if previous is not None and previous is not controller:
            previous.deactivated()
        self.stack.setCurrentWidget(controller.view)
        self.header.mark(name)
        controller.activated()
        return controller

    def reload_shown(self) -> None:
        """Re-load the screen showing from the database (other desks' changes), keeping input."""
        if self.session.is_signed_in and self.current is not None:
            self.current.reload_shown()

    def _application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self._reload_timer.start()

    def _navigate(self, name: str) -> None:
        self.banner.clear()
        self.show_screen(name)

    def controller(self, name: str) -> Any:
        return self.controllers[name]

    def go_back(self) -> None:
        if self.current is None or not self.session.is_signed_in:
            return
        if self.current.back():
            return
        if self.current.name != "scan":
            self.banner.clear()
            self.show_screen("scan")

    # -- scans -----------------------------------------------------------------------
    def handle_scan(self, text: str) -> None:
        self.router.handle(text)

    def route(self, info: ScanInfo) -> None:
        """What a scan does when the screen showing has no use for it."""
        self.router.route(info)

    def print_receipt(self, number: str, copies: int | None = None,
                      done: Callable[[Any], Any] | None = None) -> None:
        """Archive and print a receipt on the worker; the banner says what happened."""
        from ui.controllers.desk_documents import print_receipt

        print_receipt(self, number, copies, done)

    def open_asset(self, tag: str) -> None:
        self.show_screen("asset")
        self.controller("asset").load(tag)

    def open_person(self, code: str) -> None:
        self.show_screen("person")
        self.controller("person").load(code)

    # -- session -------------------------------------------------------------------------
    def lock(self) -> None:
        self.session.lock()

    def _on_signed_in(self, actor: Actor) -> None:
        self.header.show_technician(self.session.display_name, actor.is_admin)
        self.banner.clear()
        self.idle.arm()
        self.show_screen("scan")
        for c in self.controllers.built():
            if c.resume(actor.name):  # work kept from before the lock
                break
        self.upkeep.check_backups()

    def _on_locked(self) -> None:
        self._generation += 1  # answers to the locked-out technician's requests are dropped
        self.idle.disarm()
        self.header.show_technician(None, False)
        if self.question is not None:
            self.question.reject()  # its safe answer: nothing changes
        self.banner.clear()
        who = self.session.previous.name if self.session.previous else ""
        for c in self.controllers.built():
            c.locked(who)
        self.show_screen("sign_in")

    # -- keys --------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current is not None:
            focus = QApplication.focusWidget()
            if focus is None or not focus.property("ownsEnter"):
                primary = getattr(self.current, "primary", None)
                if primary is not None:
                    primary()
                    return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            self._reload_timer.start()
        return super().event(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.scanner)
            app.removeEventFilter(self.idle)
        if isinstance(app, QGuiApplication):
            try:
                app.applicationStateChanged.disconnect(self._application_state_changed)
            except (RuntimeError, TypeError):  # already gone
                pass
        self._reload_timer.stop()
        self.upkeep.print_timer.stop()
        self.serial_scanner.stop()
        for c in self.controllers.built():
            shutdown = getattr(c, "shutdown", None)
            if shutdown is not None:
                shutdown()
        self.ops.close()
        if self.pad is not None:
            self.pad.close()
        super().closeEvent(event)

