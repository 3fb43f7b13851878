"""Where a scan goes: the screen showing first, then by what was scanned — but never away
from work in progress.

Every scan, from whichever source and on whichever screen, comes to
:meth:`ScanRouter.handle`: it is resolved on the worker, offered to the screen showing
(a check-out takes assets and a borrower, a leaver return ticks items off...), and
otherwise opens what was scanned: an available asset a check-out, an asset on loan its
check-in, any other asset (and another school's, which this technician cannot change) its
card, a kit's label the kit (its check-in when it is out), a staff card the person's card,
a receipt's QR code its verification, a room's label what it is with a way to its
stocktake. While the screen showing holds a task (a check-out being made, a leaver's items
being ticked...), a scan it does not take — unknown, refused, or simply something else —
is said on that screen, and the desk stays where it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from app.services.cards import ScanInfo
    from app.services.places import PlaceLabel
    from app.uow import UnitOfWork
    from ui.controllers.desk import Desk
    from ui.navigation import Navigator
    from ui.widgets.feedback_banner import FeedbackBanner


def _what(info: ScanInfo) -> str:
    if info.type == "asset" and info.asset is not None:
        a = info.asset
        holder = f" (on loan to {a.holder_name})" if a.holder_name else ""
        return f"{a.tag} is {a.kind_word.lower()} {a.title}, {a.status_word.lower()}{holder}"
    if info.type == "kit" and info.kit is not None:
        return f"kit {info.kit.tag} ({info.kit.name}) was scanned"
    if info.type == "person" and info.person is not None:
        return f"{info.person.name} ({info.person.staff_code}) was scanned"
    if info.type == "receipt":
        return f"receipt {info.receipt_number or info.text} was scanned"
    if info.place is not None:  # a room's label: no use here, but it is known
        return f"{info.place.words()}, not something to lend"
    if info.advice:  # what the text looks like (a scanner typing in another layout...)
        return info.advice.rstrip(".")
    return f"“{info.text}” is not an asset tag, a kit, a staff card or a receipt this desk knows"


class ScanRouter:
    """Takes every scan (:meth:`handle`) and sends it where it belongs.

    ``desk`` is what every screen may ask of the desk; ``screens`` the screen showing and
    the way to each; ``banner`` the desk's message line; ``asking`` whether a question is
    waiting for an answer.
    """

    def __init__(self, desk: Desk, screens: Navigator, banner: FeedbackBanner,
                 asking: Callable[[], bool]) -> None:
        self.desk = desk
        self.screens = screens
        self.banner = banner
        self.asking = asking

    def handle(self, text: str) -> None:
        desk = self.desk
        text = text.strip()
        if not text:
            return
        if not desk.session.is_signed_in:
            self.screens.screens.sign_in.badge_scanned(text)
            return
        if self.asking():
            desk.notify("warn", f"Answer the question on the screen first, then scan {text} "
                                "again.")
            return
        form = QApplication.activeModalWidget()
        take_scan = getattr(form, "take_scan", None)
        if take_scan is not None and take_scan(text):
            return  # a form open on top (an asset's serial, IMEI...) takes it into its field
        current = self.screens.current
        if current is not None and current.claims_scan(text):
            return  # the stocktake screen: every scan is the stocktake's
        desk.read(lambda uow: _describe_scan(uow, text), self._offer)

    def _offer(self, info: ScanInfo) -> None:
        with self.banner.replacing():  # a warning the new screen gives replaces the last one
            current = self.screens.current
            if current is not None and current.offer_scan(info):
                return
            task = current.task() if current is not None else None
            if task:
                level = "error" if info.type == "unknown" else "warn"
                self.desk.notify(level, f"{_what(info)}. It is not part of {task}: finish or "
                                        f"cancel {task} first (nothing in it was lost).")
                return
            self.route(info)

    def route(self, info: ScanInfo) -> None:
        """What a scan does when the screen showing has no use for it."""
        nav = self.screens
        if info.type == "asset" and info.asset is not None:
            a = info.asset
            self.banner.clear()
            if a.read_only:  # another school's: its card, saying so (lending it would be refused)
                nav.open_asset(a.tag)
            elif a.status == "available":
                nav.lend(a)
            elif a.status == "on_loan":
                nav.check_in(a)
            else:
                nav.open_asset(a.tag)
        elif info.type == "kit" and info.kit is not None:
            self.banner.clear()
            nav.open_kit(info.kit)
        elif info.type == "person" and info.person is not None:
            self.banner.clear()
            nav.open_person(info.person.staff_code)
        elif info.type == "receipt":
            self.banner.clear()
            nav.show_screen("receipt")
            nav.screens.receipt.load(info)
        elif info.place is not None:
            self.show_place(info.place)
        else:
            self.desk.notify("error", info.advice or f"{_what(info)}. Search for it below, or "
                                                     "check the label.")
            nav.show_screen("scan")
            nav.screens.scan.show_unknown(info.text, bool(info.advice))


    def show_place(self, place: PlaceLabel) -> None:
        """A room's (location's) label on the Scan screen: say what it is and what it is for —
        its stocktake (a button opening the Stocktake screen, F8, on it) or an asset's Move…"""
        nav = self.screens
        if place.active:
            self.desk.notify("info", f"{place.words()}: a room's label, not something to lend. "
                                     "To count what is in it, start or resume its stocktake (the "
                                     "button below); to put an asset there, open the asset's card "
                                     "and choose Move…")
        else:
            self.desk.notify("warn", f"{place.words()}: a room's label, not something to lend "
                                     "(nothing can be counted in it or moved to it now).")

        def stocktake() -> None:
            from ui.controllers.stocktake_controller import StocktakeController

            screen = nav.show_screen("stocktake")
            if isinstance(screen, StocktakeController):
                screen.start(place.code)  # its stocktake going on, resumed, or a new one

        nav.show_screen("scan")
        nav.screens.scan.show_place(place, stocktake if place.active else None)


def _describe_scan(uow: UnitOfWork, text: str) -> ScanInfo:
    from app.services.cards import describe_scan

    return describe_scan(uow, text)
