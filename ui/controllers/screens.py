"""Every screen of the desk, in one list (the main window builds them from here)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.controllers.base import ScreenController

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def build(desk: MainWindow) -> list[ScreenController]:
    from ui.controllers.admin_controller import AdminController
    from ui.controllers.asset_controller import AssetController
    from ui.controllers.checkin_controller import CheckInController
    from ui.controllers.checkout_controller import CheckOutController
    from ui.controllers.dashboard_controller import DashboardController
    from ui.controllers.leaver_controller import LeaverController
    from ui.controllers.person_controller import PersonController
    from ui.controllers.receipt_controller import ReceiptController
    from ui.controllers.scan_controller import ScanController
    from ui.controllers.sign_in_controller import SignInController
    from ui.controllers.trips_controller import TripsController

    screens: list[ScreenController] = [
        SignInController(desk, demo=desk.demo), ScanController(desk), AssetController(desk),
        PersonController(desk), ReceiptController(desk), CheckOutController(desk),
        CheckInController(desk), LeaverController(desk), TripsController(desk),
        DashboardController(desk), AdminController(desk),
    ]
    return screens
