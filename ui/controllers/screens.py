"""Every screen of the desk, in one list; each is built the first time it is wanted.

Building all eleven screens at start-up imported the label and receipt machinery
(ReportLab, qrcode, pypdf) and the admin, leaver and trip screens before the
sign-in screen could show (``python -X importtime``: ~0.4 s of a ~2 s start);
the sign-in screen is all a cold desk needs.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from ui.controllers.base import ScreenController

if TYPE_CHECKING:
    from ui.main_window import MainWindow

#: screen name -> (module, controller class), in the desk's order
SCREENS: dict[str, tuple[str, str]] = {
    "sign_in": ("ui.controllers.sign_in_controller", "SignInController"),
    "scan": ("ui.controllers.scan_controller", "ScanController"),
    "asset": ("ui.controllers.asset_controller", "AssetController"),
    "person": ("ui.controllers.person_controller", "PersonController"),
    "receipt": ("ui.controllers.receipt_controller", "ReceiptController"),
    "checkout": ("ui.controllers.checkout_controller", "CheckOutController"),
    "checkin": ("ui.controllers.checkin_controller", "CheckInController"),
    "leaver": ("ui.controllers.leaver_controller", "LeaverController"),
    "trips": ("ui.controllers.trips_controller", "TripsController"),
    "dashboard": ("ui.controllers.dashboard_controller", "DashboardController"),
    "admin": ("ui.controllers.admin_controller", "AdminController"),
}


def build_one(desk: MainWindow, name: str) -> ScreenController:
    module, cls = SCREENS[name]
    factory = getattr(importlib.import_module(module), cls)
    if name == "sign_in":
        controller: ScreenController = factory(desk, demo=desk.demo)
    else:
        controller = factory(desk)
    return controller


class Screens(Mapping[str, ScreenController]):
    """The desk's screens by name: every name is known, a screen is built on first access."""

    def __init__(self, desk: MainWindow) -> None:
        self._desk = desk
        self._built: dict[str, ScreenController] = {}

    def __getitem__(self, name: str) -> ScreenController:
        controller = self._built.get(name)
        if controller is None:
            if name not in SCREENS:
                raise KeyError(name)
            controller = build_one(self._desk, name)
            self._built[name] = controller
            self._desk.stack.addWidget(controller.view)
        return controller

    def __contains__(self, name: object) -> bool:
        return name in SCREENS

    def __iter__(self) -> Iterator[str]:
        return iter(SCREENS)

    def __len__(self) -> int:
        return len(SCREENS)

    def built(self) -> list[ScreenController]:
        """The screens built so far (what needs resetting or shutting down)."""
        return list(self._built.values())


def build(desk: MainWindow) -> list[ScreenController]:
    """Every screen, built now."""
    return [build_one(desk, name) for name in SCREENS]
