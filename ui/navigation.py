"""Which screen the desk shows, and the typed ways to each screen with something in hand.

The window's stack holds the screens (built on first use, :class:`ui.controllers.screens.Screens`);
:class:`Navigator` shows one at a time, tells the one left and the one shown, steps back
on Esc, and carries work from one screen to another ("lend this asset", "show this
receipt") as typed calls — the controllers reach these through :class:`ui.controllers.desk.Desk`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ui.controllers.screens import Screens

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QStackedWidget

    from app.services.cards import AssetSummary
    from app.services.kits import KitCard
    from ui.controllers.base import ScreenController
    from ui.controllers.desk import Desk
    from ui.controllers.session import DeskSession


class Navigator:
    """The screen showing (:attr:`current`) and the ways to the others.

    ``mark`` tells the header which screen shows; ``clear_message`` empties the banner
    when the technician leaves a screen on purpose.
    """

    def __init__(self, desk: Desk, session: DeskSession, stack: QStackedWidget,
                 mark: Callable[[str], object], clear_message: Callable[[], object], *,
                 parent: QObject | None = None, demo: bool = False) -> None:
        self._session = session
        self._stack = stack
        self._mark = mark
        self._clear_message = clear_message
        #: every screen by name; each is built on first use
        self.screens = Screens(desk, stack.addWidget, parent=parent, demo=demo)
        self.current: ScreenController | None = None

    def show_screen(self, name: str) -> ScreenController:
        if name != "sign_in" and not self._session.is_signed_in:
            name = "sign_in"
        controller = self.screens[name]
        previous, self.current = self.current, controller
        if previous is not None and previous is not controller:
            previous.deactivated()
        self._stack.setCurrentWidget(controller.view)
        self._mark(name)
        controller.activated()
        return controller

    def navigate(self, name: str) -> None:
        """The technician chose a screen (header button or its key)."""
        self._clear_message()
        self.show_screen(name)

    def go_back(self) -> None:
        """Esc: a step back inside the screen, else to the Scan screen."""
        if self.current is None or not self._session.is_signed_in:
            return
        if self.current.back():
            return
        if self.current.name != "scan":
            self._clear_message()
            self.show_screen("scan")

    def reload_shown(self) -> None:
        """Re-load the screen showing from the database (other desks' changes), keeping input."""
        if self._session.is_signed_in and self.current is not None:
            self.current.reload_shown()

    # -- with something in hand -----------------------------------------------------------------
    def open_asset(self, tag: str) -> None:
        self.show_screen("asset")
        self.screens.asset.load(tag)

    def open_person(self, code: str) -> None:
        self.show_screen("person")
        self.screens.person.load(code)

    def open_receipt(self, number: str) -> None:
        self.show_screen("receipt")
        self.screens.receipt.load_number(number)

    def lend(self, asset: AssetSummary) -> None:
        self.show_screen("checkout")
        self.screens.checkout.add_asset(asset)

    def lend_to(self, staff_code: str, name: str) -> None:
        self.show_screen("checkout")
        self.screens.checkout.set_borrower(staff_code, name)

    def check_in(self, asset: AssetSummary) -> None:
        self.screens.checkin.load(asset)  # filled, then shown: laid out once
        self.show_screen("checkin")

    def open_kit(self, kit: KitCard) -> None:
        """A kit's label scanned: its check-in when it is out, else its card."""
        self.show_screen("kits")
        self.screens.kits.open_scanned(kit)

    def leaver_return(self, staff_code: str) -> None:
        self.show_screen("leaver")
        self.screens.leaver.load(staff_code)

    # -- the session ------------------------------------------------------------------------------
    def signed_in(self, technician: str) -> None:
        """Show the Scan screen, then let a screen take up work kept from before the lock."""
        self.show_screen("scan")
        for c in self.screens.built():
            if c.resume(technician):
                break

    def locked(self, technician: str) -> None:
        """Every screen forgets (or keeps) its work; the sign-in screen shows."""
        for c in self.screens.built():
            c.locked(technician)
        self.show_screen("sign_in")

    def shutdown(self) -> None:
        """The window is closing: screens with threads or devices of their own let go."""
        for c in self.screens.built():
            c.shutdown()
