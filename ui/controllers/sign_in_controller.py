"""Sign-in: first run creates the first admin; PIN checks are rate-limited by the service."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from app.actor import Actor
from app.demo_identity import DEMO_PIN, DEMO_TECHNICIAN
from ui.controllers.base import ScreenController
from ui.views.sign_in_view import SignInView

if TYPE_CHECKING:
    from app.services.cards import ScanInfo
    from app.uow import UnitOfWork
    from ui.controllers.desk import Desk
    from ui.ops import OpError

# The sign-in screen shows before the database has opened: the services (SQLAlchemy)
# are imported inside the work functions, which run on the worker.

SIGN_IN_ACTOR = "desk"


class SignInController(ScreenController):
    name = "sign_in"
    title = "Sign in"
    public = True

    def __init__(self, desk: Desk, *, demo: bool = False) -> None:
        super().__init__(desk)
        self._view = SignInView()
        self.demo = demo
        #: the screen knows whether it signs in or creates the first admin
        self.mode_known = False
        #: the desk's start-up look at the database (how many technicians), used once
        self._first_look = desk.ctx.first_look
        if demo:
            self._view.show_demo(DEMO_TECHNICIAN, DEMO_PIN)
        self._view.sign_in_requested.connect(self.sign_in)
        self._view.create_admin_requested.connect(self.create_admin)
        self._view.change_pin_requested.connect(self.change_pin)
        #: signed in with a too-short PIN: (username, old PIN, actor, display name)
        self._pending: tuple[str, str, Actor, str] | None = None

    @property
    def view(self) -> SignInView:
        return self._view

    def notice(self) -> str | None:
        """What the screen says each time it opens: a setting the desk could not use, until
        an admin's save corrects the file (``AppContext.settings_problem``)."""
        problem = self.desk.ctx.settings_problem
        if not problem:
            return None
        key = problem.removeprefix("setting ").split(" ", 1)[0]
        return (f"Setting {key} is out of range: the desk uses its default until an admin "
                "corrects it in Admin → Settings.")

    def show_notice(self) -> None:
        self._view.show_message(self.notice() or "")

    def activated(self) -> None:
        self._pending = None
        self._view.clear()
        self.show_notice()
        look, self._first_look = self._first_look, None
        if look is not None:  # the start-up's look at the file answers the first time
            self.set_mode_for(look.technicians)
            return
        # asked at the next event-loop turn: the desk's first window is built before the
        # database starts opening (ui.desk_app.start), and asking now would start it meanwhile
        self.mode_known = False
        QTimer.singleShot(0, self, self._ask_first_run)

    def _ask_first_run(self) -> None:
        def count_technicians(uow: UnitOfWork) -> int:
            from app.services.technicians import count_technicians

            return count_technicians(uow)

        self.desk.ops.run(Actor(SIGN_IN_ACTOR), count_technicians, readonly=True,
                          ok=self.set_mode_for)

    def set_mode_for(self, technicians: int) -> None:
        """Sign in, or — with no technicians yet — create the first admin."""
        self._view.set_mode(creating=technicians == 0)
        self.mode_known = True

    def offer_scan(self, info: ScanInfo) -> bool:
        return True  # never reached while locked; see badge_scanned

    def badge_scanned(self, text: str) -> None:
        self._view.badge_scanned(text.strip())

    def sign_in(self, username: str, pin: str) -> None:
        if not username or not pin:
            self._view.show_message("Type your username (or scan your badge) and your PIN.")
            return

        def work(uow: UnitOfWork) -> tuple[bool, str, Actor | None, str, bool]:
            from app.services.technicians import find_technician, sign_in

            res = sign_in(uow, username, pin)
            display = ""
            if res.ok:
                tech = find_technician(uow, username)
                display = tech.display_name if tech else username
            return res.ok, res.message, res.actor, display, res.must_change_pin

        def answered(answer: tuple[bool, str, Actor | None, str, bool]) -> None:
            ok, message, actor, display, must_change = answer
            if ok and actor is not None and must_change:
                self._pending = (actor.name, pin, actor, display)
                self._view.ask_new_pin(actor.name)
                return
            self._signed_in((ok, message, actor, display))

        self.desk.ops.run(Actor(username[:128] or SIGN_IN_ACTOR), work, ok=answered,
                          err=lambda e: self._view.show_message(e.message))

    def change_pin(self, pin: str, pin2: str) -> None:
        """A technician whose PIN was too short chooses a new one; then they are signed in."""
        if self._pending is None:
            return
        if pin != pin2:
            self._view.show_message("The two PINs are different — type the same PIN twice.")
            return
        username, old, actor, display = self._pending

        def work(uow: UnitOfWork) -> tuple[bool, str, Actor | None, str]:
            from app.services.technicians import change_pin

            change_pin(uow, username, old, pin)
            return True, "", actor, display

        def done(answer: tuple[bool, str, Actor | None, str]) -> None:
            self._pending = None
            self._view.set_mode(creating=False)
            self._signed_in(answer)

        self.desk.ops.run(actor, work, ok=done, err=lambda e: self._view.show_message(e.message))

    def _signed_in(self, answer: tuple[bool, str, Actor | None, str]) -> None:
        ok, message, actor, display = answer
        if not ok or actor is None:
            self._view.show_message(message)
            self._view.ask_pin_again()
            self.desk.play_sound("error")
            return
        self._view.clear()
        self.desk.session.sign_in(actor, display)

    def create_admin(self, username: str, display: str, pin: str, pin2: str) -> None:
        if pin != pin2:
            self._view.show_message("The two PINs are different — type the same PIN twice.")
            return

        def work(uow: UnitOfWork) -> tuple[bool, str, Actor | None, str]:
            from app.services.technicians import add_technician

            tech = add_technician(uow, username, pin, admin=True, display_name=display or username)
            return True, "", Actor(tech.username, tech.role, tech.id, site_id=tech.site_id), tech.display_name

        def failed(e: OpError) -> None:
            self._view.show_message(e.message)

        self.desk.ops.run(Actor(username[:128] or SIGN_IN_ACTOR, "admin"), work,
                          ok=self._signed_in, err=failed)
