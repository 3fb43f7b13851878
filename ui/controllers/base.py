"""What every screen's controller offers the desk (and :mod:`ui.controllers.desk`, what it may ask)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from app.services.cards import ScanInfo
    from ui.controllers.desk import Desk


class ScreenController(QObject):
    """A screen: its view, what it does when shown, and which scans it takes for itself."""

    name = ""
    title = ""
    #: True: stays available while nobody is signed in
    public = False

    def __init__(self, desk: Desk) -> None:
        super().__init__()  # the desk's screen list gives it its parent (the window)
        self.desk = desk

    @property
    def view(self) -> QWidget:
        raise NotImplementedError

    def activated(self) -> None:
        """The screen has just been shown."""

    def reload_shown(self) -> None:
        """The desk window is active again: re-load what this screen shows from the database
        (another desk may have changed it), keeping whatever is being typed, ticked, scanned
        into a basket or signed. Default: nothing (a flow in progress is left alone)."""

    def claims_scan(self, text: str) -> bool:
        """Take every scan while this screen shows, before it is looked up (True): the
        stocktake screen records each one into the stocktake, the asset card with Move… open
        takes a location's label. Default: no."""
        return False

    def offer_scan(self, info: ScanInfo) -> bool:
        """Take a scan for this screen (True), or let the desk route it (False)."""
        return False

    def task(self) -> str | None:
        """The work in progress here, in words ("this check-out"), or None.

        While there is one, a scan the screen does not take is said on this screen and
        the desk does not jump elsewhere (the work would be left behind)."""
        return None

    def deactivated(self) -> None:
        """Another screen has just been shown instead of this one."""

    def locked(self, technician: str) -> None:
        """The desk locked while ``technician`` was signed in. Default: forget everything."""
        self.reset()

    def resume(self, technician: str) -> bool:
        """Someone signed in: take up work kept from before the lock (True: this screen shows)."""
        return False

    def back(self) -> bool:
        """Esc: step back inside the screen (True), or leave it (False)."""
        return False

    def reset(self) -> None:
        """Forget everything (the desk was locked)."""

    def shutdown(self) -> None:
        """The window is closing: let go of threads and devices of this screen's own."""
