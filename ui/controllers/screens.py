"""Every screen of the desk, in one list; each is built the first time it is wanted.

Building all eleven screens at start-up imported the label and receipt machinery
(ReportLab, qrcode, pypdf) and the admin, leaver and trip screens before the
sign-in screen could show (``python -X importtime``: ~0.4 s of a ~2 s start);
the sign-in screen is all a cold desk needs.

The screens another part of the desk hands work to have typed accessors
(:attr:`Screens.checkout` ...), so nothing looks a screen up by name and gets ``Any``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, cast

from ui.controllers.base import ScreenController

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QWidget

    from ui.controllers.asset_controller import AssetController
    from ui.controllers.checkin_controller import CheckInController
    from ui.controllers.checkout_controller import CheckOutController
    from ui.controllers.desk import Desk
    from ui.controllers.kits_controller import KitsController
    from ui.controllers.leaver_controller import LeaverController
    from ui.controllers.person_controller import PersonController
    from ui.controllers.receipt_controller import ReceiptController
    from ui.controllers.scan_controller import ScanController
    from ui.controllers.sign_in_controller import SignInController

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
    "kits": ("ui.controllers.kits_controller", "KitsController"),
    "bookings": ("ui.controllers.bookings_controller", "BookingsController"),
    "dashboard": ("ui.controllers.dashboard_controller", "DashboardController"),
    "admin": ("ui.controllers.admin_controller", "AdminController"),
    "stocktake": ("ui.controllers.stocktake_controller", "StocktakeController"),
}


def build_one(desk: Desk, name: str, *, demo: bool = False) -> ScreenController:
    module, cls = SCREENS[name]
    factory = getattr(importlib.import_module(module), cls)
    if name == "sign_in":
        controller: ScreenController = factory(desk, demo=demo)
    else:
        controller = factory(desk)
    return controller


class Screens(Mapping[str, ScreenController]):
    """The desk's screens by name: every name is known, a screen is built on first access
    and its view handed to ``place`` (the window's stack)."""

    def __init__(self, desk: Desk, place: Callable[[QWidget], object], *,
                 parent: QObject | None = None, demo: bool = False) -> None:
        self._desk = desk
        self._place = place
        self._parent = parent
        self._demo = demo
        self._built: dict[str, ScreenController] = {}

    def __getitem__(self, name: str) -> ScreenController:
        controller = self._built.get(name)
        if controller is None:
            if name not in SCREENS:
                raise KeyError(name)
            controller = build_one(self._desk, name, demo=self._demo)
            self._built[name] = controller
            controller.setParent(self._parent)  # goes with the window
            self._place(controller.view)
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

    # -- the screens other parts of the desk hand work to ---------------------------------------
    @property
    def sign_in(self) -> SignInController:
        return cast("SignInController", self["sign_in"])

    @property
    def scan(self) -> ScanController:
        return cast("ScanController", self["scan"])

    @property
    def asset(self) -> AssetController:
        return cast("AssetController", self["asset"])

    @property
    def person(self) -> PersonController:
        return cast("PersonController", self["person"])

    @property
    def checkout(self) -> CheckOutController:
        return cast("CheckOutController", self["checkout"])

    @property
    def checkin(self) -> CheckInController:
        return cast("CheckInController", self["checkin"])

    @property
    def receipt(self) -> ReceiptController:
        return cast("ReceiptController", self["receipt"])

    @property
    def leaver(self) -> LeaverController:
        return cast("LeaverController", self["leaver"])


    @property
    def kits(self) -> KitsController:
        return cast("KitsController", self["kits"])
