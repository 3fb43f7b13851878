"""Where a scan goes: the screen showing first, then by what was scanned — but never away
from work in progress.

Every scan, from whichever source and on whichever screen, comes to
:meth:`ScanRouter.handle`: it is resolved on the worker, offered to the screen showing
(a check-out takes assets and a borrower, a leaver return ticks items off...), and
otherwise opens what was scanned: an available asset a check-out, an asset on loan its
check-in, any other asset its card, a staff card the person's card, a receipt's QR code
its verification. While the screen showing holds a task (a check-out being made, a
leaver's items being ticked...), a scan it does not take — unknown, refused, or simply
something else — is said on that screen, and the desk stays where it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from app.services.cards import ScanInfo
    from app.uow import UnitOfWork
    from ui.main_window import MainWindow


def _what(info: ScanInfo) -> str:
    if info.type == "asset" and info.asset is not None:
        a = info.asset
        holder = f" (on loan to {a.holder_name})" if a.holder_name else ""
        return f"{a.tag} is {a.kind_word.lower()} {a.title}, {a.status_word.lower()}{holder}"
    if info.type == "person" and info.person is not None:
        return f"{info.person.name} ({info.person.staff_code}) was scanned"
    if info.type == "receipt":
        return f"receipt {info.receipt_number or info.text} was scanned"
    if info.advice:  # what the text looks like (a scanner typing in another layout...)
        return info.advice.rstrip(".")
    return f"“{info.text}” is not an asset tag, a staff card or a receipt this desk knows"


class ScanRouter:
    def __init__(self, desk: MainWindow) -> None:
        self.desk = desk

    def handle(self, text: str) -> None:
        desk = self.desk
        text = text.strip()
        if not text:
            return
        if not desk.session.is_signed_in:
            desk.controller("sign_in").badge_scanned(text)
            return
        if desk.question is not None:
            desk.notify("warn", f"Answer the question on the screen first, then scan {text} "
                                "again.")
            return
        form = QApplication.activeModalWidget()
        take_scan = getattr(form, "take_scan", None)
        if take_scan is not None and take_scan(text):
            return  # a form open on top (an asset's serial, IMEI...) takes it into its field
        desk.read(lambda uow: _describe_scan(uow, text), self._offer)

    def _offer(self, info: ScanInfo) -> None:
        desk = self.desk
        with desk.banner.replacing():  # a warning the new screen gives replaces the last one
            current = desk.current
            if current is not None and current.offer_scan(info):
                return
            task = current.task() if current is not None else None
            if task:
                level = "error" if info.type == "unknown" else "warn"
                desk.notify(level, f"{_what(info)}. It is not part of {task}: finish or cancel "
                                   f"{task} first (nothing in it was lost).")
                return
            self.route(info)

    def route(self, info: ScanInfo) -> None:
        """What a scan does when the screen showing has no use for it."""
        desk = self.desk
        if info.type == "asset" and info.asset is not None:
            a = info.asset
            desk.banner.clear()
            if a.status == "available":
                desk.show_screen("checkout")
                desk.controller("checkout").add_asset(a)
            elif a.status == "on_loan":
                desk.controller("checkin").load(a)  # filled, then shown: laid out once
                desk.show_screen("checkin")
            else:
                desk.open_asset(a.tag)
        elif info.type == "person" and info.person is not None:
            desk.banner.clear()
            desk.open_person(info.person.staff_code)
        elif info.type == "receipt":
            desk.banner.clear()
            desk.show_screen("receipt")
            desk.controller("receipt").load(info)
        else:
            desk.notify("error", info.advice or f"{_what(info)}. Search for it below, or check "
                                                "the label.")
            desk.show_screen("scan")
            desk.controller("scan").show_unknown(info.text, bool(info.advice))


def _describe_scan(uow: UnitOfWork, text: str) -> ScanInfo:
    from app.services.cards import describe_scan

    return describe_scan(uow, text)
