"""The dashboard: refreshed (on the worker) whenever it is shown or the desk is active again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.services.dashboard import dashboard
from app.services.site_scope import ALL
from ui.controllers.base import ScreenController
from ui.controllers.report_exporting import ReportExporting
from ui.views.dashboard_view import DashboardView

if TYPE_CHECKING:
    from ui.controllers.desk import Desk


class DashboardController(ScreenController):
    name = "dashboard"
    title = "Dashboard"

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk)
        self._view = DashboardView()
        self._view.asset_opened.connect(self.desk.open_asset)
        self._view.person_opened.connect(self.desk.open_person)
        self.exporting = ReportExporting(desk, self._view)
        self._view.export_clicked.connect(self.exporting.open)
        self._view.all_schools_toggled.connect(lambda _on: self.activated())

    @property
    def view(self) -> DashboardView:
        return self._view

    def activated(self) -> None:
        site = ALL if self._view.wants_all_schools() else None
        self.desk.run(lambda uow: dashboard(uow, site), self._view.show_dashboard, readonly=True)

    def reload_shown(self) -> None:
        self.activated()  # read-only: the tab shown is kept
