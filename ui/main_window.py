"""The desk's one window: header, status banner, and a stack of screens.

The window puts the desk's parts together and is what every screen's controller sees as
its :class:`ui.controllers.desk.Desk` (nothing more of it): which screen shows is
:mod:`ui.navigation`'s, where a scan goes :mod:`ui.scan_routing`'s, work as the signed-in
technician :mod:`ui.session_work`'s, and the hardware — built by the composition root
(:mod:`ui.desk_app`) and handed in — :mod:`ui.desk_devices`'.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow

from ui.controllers.idle import IdleLock
from ui.controllers.session import DeskSession
from ui.controllers.upkeep import DeskUpkeep
from ui.desk_devices import DeskDevices, DeskHardware, desk_devices
from ui.desk_frame import build_frame, name_the_desk
from ui.desk_return import ReturnReload
from ui.input_watch import InputWatch
from ui.navigation import Navigator
from ui.ops import OpError, OpRunner
from ui.scan_routing import ScanRouter
from ui.scanner import ScanFilter
from ui.serial_scanner import DeskSerialScanner
from ui.session_work import SessionWork
from ui.widgets.busy import DelayedBusy
from ui.widgets.feedback_banner import SoundPlayer

if TYPE_CHECKING:
    # The window shows before SQLAlchemy is loaded (ui.desk_app opens the database on a
    # thread of its own): what needs the database is imported where it runs, on the worker.
    from app.actor import Actor
    from app.bootstrap import AppContext
    from app.config import PadSettings
    from app.devices.pad import SignaturePad
    from app.devices.printer import PrinterFactory
    from app.notices.daily import RunReport
    from app.notices.sender import SendReport
    from app.services.cards import AssetSummary, ScanInfo
    from app.services.documents import PrintOutcome
    from app.services.search import PersonHit
    from app.uow import UnitOfWork
    from ui.controllers.base import ScreenController
    from ui.controllers.screens import Screens
    from ui.widgets.question import Question

log = logging.getLogger(__name__)

T = TypeVar("T")


class MainWindow(QMainWindow):
    def __init__(self, app_ctx: AppContext, *, demo: bool = False, kiosk: bool = False,
                 install_scanner: bool = True, devices: DeskDevices | None = None) -> None:
        super().__init__()
        self.ctx = app_ctx
        self.demo = demo
        self.kiosk = kiosk
        self.setWindowTitle(f"Loan Kiosk — {app_ctx.settings.school.name}" + (" (demo)" if demo else ""))
        self.setAccessibleName("Loan Kiosk desk")
        self.ops = OpRunner(app_ctx, self)
        self.session = DeskSession(self)
        self.work = SessionWork(self.ops, self.session, self.notify)
        self.sound = SoundPlayer(app_ctx.settings.kiosk.sound)
        self.scanner = ScanFilter(app_ctx.settings.scanner, self)
        self._scanner_installed = False

        self.header, self.banner, self.stack = build_frame(self, app_ctx.settings.school.name,
                                                           self.sound)

        #: the printers, the pad and the serial scanner (the composition root's, or the real ones)
        self.hardware = DeskHardware(devices or desk_devices(app_ctx), app_ctx.settings,
                                     self.handle_scan, self.header.show_scanner, self.notify, self)
        self.nav = Navigator(self, self.session, self.stack, self.header.mark,
                             self.banner.clear, parent=self, demo=demo)
        #: the question being asked (one at a time), if any
        self.question: Question | None = None
        self.router = ScanRouter(self, self.nav, self.banner, lambda: self.question is not None)
        self.scanner.scanned.connect(self.handle_scan)

        self.header.navigate.connect(self._navigate)
        self.header.lock_requested.connect(self.lock)
        self.busy_shown = DelayedBusy(self.header.busy, self.ops.busy_changed, self)
        self.ops.error.connect(self._op_failed)
        self.ops.retrying.connect(self._another_desk_busy)
        self.session.signed_in.connect(self._on_signed_in)
        self.session.locked.connect(self._on_locked)
        # by its portable name: Qt.Key would build the Qt namespace's types (ui.desk_return)
        esc = QShortcut(QKeySequence("Esc", QKeySequence.SequenceFormat.PortableText), self)
        esc.activated.connect(self.go_back)
        lock = QShortcut(QKeySequence("Ctrl+L"), self)
        lock.activated.connect(self.lock)

        self.idle = IdleLock(app_ctx.settings.kiosk, self.lock, self, always=kiosk)
        #: the one application-wide filter, handing the scanner and the idle lock their events
        self.input_watch = InputWatch(self.scanner, self.idle, self)
        #: backups checked at each sign-in; waiting print jobs retried every minute
        self.upkeep = DeskUpkeep(self, self)
        self.upkeep.print_timer.start()
        self.upkeep.notices_timer.start()
        if install_scanner:
            self.install_scanner()
        #: several desks share the database: coming back to this one re-loads the screen shown
        self.return_reload = ReturnReload(self.reload_shown, self)
        self.header.show_technician(None, False)
        self.show_screen("sign_in")
        name_the_desk(self, self.header, self.ops, self.demo)  # its school's, not [school] name

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
            app.installEventFilter(self.input_watch)
            self._scanner_installed = True

    # -- hardware (handed in: see ui.desk_devices) ----------------------------------------------
    @property
    def devices(self) -> DeskDevices:
        return self.hardware.devices

    @property
    def printer_factory(self) -> PrinterFactory:
        """Where documents and labels print (the composition root's)."""
        return self.hardware.devices.printer_factory

    @property
    def pad(self) -> SignaturePad | None:
        return self.hardware.pad

    def open_pad(self) -> None:
        """Open the configured pad (once the database is open, and after a settings change)."""
        self.hardware.open_pad()

    def pad_for(self, settings: PadSettings) -> SignaturePad | None:
        return self.hardware.devices.open_pad(settings)

    def set_pad(self, pad: SignaturePad | None) -> None:
        self.hardware.set_pad(pad)

    @property
    def serial_scanner(self) -> DeskSerialScanner:
        return self.hardware.serial_scanner

    def start_serial_scanner(self) -> None:
        """The configured serial scanner, reading: its scans go to :meth:`handle_scan`."""
        self.hardware.start_serial_scanner()

    # -- what controllers use (ui.controllers.desk.Desk) ---------------------------------------
    @property
    def actor(self) -> Actor | None:
        return self.session.actor

    @property
    def generation(self) -> int:
        """Goes up at every lock: answers to an earlier session's requests are dropped."""
        return self.work.generation

    def run(self, fn: Callable[[UnitOfWork], T], ok: Callable[[T], object] | None = None,
            err: Callable[[OpError], object] | None = None, *, readonly: bool = False) -> bool:
        """Run ``fn(uow)`` on the worker as the signed-in technician (nothing if locked)."""
        return self.work.run(fn, ok, err, readonly=readonly)

    def read(self, fn: Callable[[UnitOfWork], T], ok: Callable[[T], object] | None = None,
             err: Callable[[OpError], object] | None = None) -> bool:
        return self.work.read(fn, ok, err)

    def people_lookup(self, text: str, answer: Callable[[list[PersonHit]], None]) -> None:
        self.work.people_lookup(text, answer)

    def apply_settings(self) -> None:
        """Settings changed on the admin screen: take them up where they live."""
        s = self.ctx.settings
        self.sound.enabled = s.kiosk.sound
        self.idle.apply()
        name_the_desk(self, self.header, self.ops, self.demo)
        self.hardware.settings_changed()

    def show_settings_problem(self, message: str) -> None:
        """A setting in the file was out of range (the desk runs on its default): say which,
        on the sign-in screen and in the banner, until an admin corrects it."""
        from ui.controllers.sign_in_controller import SignInController

        self.notify("error", message)
        sign_in = self.controllers["sign_in"]
        if isinstance(sign_in, SignInController):
            sign_in.show_notice()

    def notify(self, level: str, message: str) -> None:
        log.log(logging.WARNING if level in ("error", "warn") else logging.INFO, "%s: %s",
                level, message)  # the desk's log says what the person was told
        self.banner.show_message(level, message)

    def handle_scan(self, text: str) -> None:
        """Every scan, whichever its source (wedge, serial, typed on the Scan screen)."""
        self.router.handle(text)

    def clear_message(self) -> None:
        self.banner.clear()

    def play_sound(self, kind: str) -> None:
        self.sound.play(kind)

    def ask(self, title: str, text: str, answers: list[tuple[str, str]],
            then: Callable[[str, str], object], *, field: str | None = None,
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

    def print_receipt(self, number: str, copies: int | None = None,
                      done: Callable[[PrintOutcome], object] | None = None,
                      failed: Callable[[OpError], object] | None = None) -> None:
        """Archive and print a receipt on the worker; the banner says what happened."""
        from ui.controllers.desk_documents import print_receipt

        print_receipt(self, number, copies, done, failed)

    def send_notices(self, ok: Callable[[SendReport], object] | None = None,
                     err: Callable[[OpError], object] | None = None) -> bool:
        """Send the e-mail waiting in the outbox, on the mail worker (False: mail is off)."""
        return self.upkeep.send_notices(ok or self.upkeep.notices_sent,
                                        err or self.upkeep.quiet_failure)

    def run_notices(self, ok: Callable[[RunReport], object],
                    err: Callable[[OpError], object]) -> bool:
        """Today's notices run now, on the mail worker (False: mail is off)."""
        return self.upkeep.run_notices(ok, err, force=True)

    # -- screens (ui.navigation) ---------------------------------------------------------------
    @property
    def controllers(self) -> Screens:
        return self.nav.screens

    @property
    def current(self) -> ScreenController | None:
        return self.nav.current

    def controller(self, name: str) -> ScreenController:
        """A screen by name, for tests and probes (the desk's own code uses typed calls)."""
        return self.nav.screens[name]

    def show_screen(self, name: str) -> None:
        self.nav.show_screen(name)

    def _navigate(self, name: str) -> None:
        self.nav.navigate(name)

    def go_back(self) -> None:
        self.nav.go_back()

    def reload_shown(self) -> None:
        """Re-load the screen showing from the database (other desks' changes), keeping input."""
        self.nav.reload_shown()

    def open_asset(self, tag: str) -> None:
        self.nav.open_asset(tag)

    def open_person(self, code: str) -> None:
        self.nav.open_person(code)

    def open_receipt(self, number: str) -> None:
        self.nav.open_receipt(number)

    def lend(self, asset: AssetSummary) -> None:
        self.nav.lend(asset)

    def lend_to(self, staff_code: str, name: str) -> None:
        self.nav.lend_to(staff_code, name)

    def check_in(self, asset: AssetSummary) -> None:
        self.nav.check_in(asset)

    def leaver_return(self, staff_code: str) -> None:
        self.nav.leaver_return(staff_code)

    # -- scans (ui.scan_routing) -----------------------------------------------------------------
    def route(self, info: ScanInfo) -> None:
        """What a scan does when the screen showing has no use for it."""
        self.router.route(info)

    # -- failures ------------------------------------------------------------------------------------
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

    # -- session -------------------------------------------------------------------------
    def lock(self) -> None:
        self.session.lock()

    def _on_signed_in(self, actor: Actor) -> None:
        self.return_reload.watch_application()
        self.header.show_technician(self.session.display_name, actor.is_admin,
                                    trust=actor.is_trust_admin)
        self.banner.clear()
        self.idle.arm()
        self.nav.signed_in(actor.name)  # work kept from before the lock is taken up
        self.upkeep.check_backups()
        self.upkeep.notices_tick()  # today's notices, if this desk is the first open today

    def _on_locked(self) -> None:
        self.work.locked()  # answers to the locked-out technician's requests are dropped
        self.idle.disarm()
        self.header.show_technician(None, False)
        if self.question is not None:
            self.question.reject()  # its safe answer: nothing changes
        self.banner.clear()
        who = self.session.previous.name if self.session.previous else ""
        self.nav.locked(who)

    # -- window events -----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        from PySide6.QtCore import Qt  # see ui.desk_return

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
            self.return_reload.window_activated()
        return super().event(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.input_watch)
        self.return_reload.stop()
        self.upkeep.print_timer.stop()
        self.upkeep.notices_timer.stop()
        self.hardware.serial_scanner.stop()
        self.nav.shutdown()
        self.ops.close()
        self.hardware.close()
        super().closeEvent(event)
