"""Exporting a report from the desk: the export dialog, then a save dialog, then the
report read, rendered and written on the worker; the banner says where it went."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from app.clock import local_date, system_clock
from app.services.report_export import REPORT_CHOICES, ExportDone, default_file_name, export_report
from ui.ops import OpError
from ui.views.report_export_view import ReportExportView

if TYPE_CHECKING:
    from ui.controllers.desk import Desk

_FILTERS = {"csv": "Spreadsheet (*.csv)", "pdf": "PDF document (*.pdf)"}


class ReportExporting(QObject):
    def __init__(self, desk: Desk, parent: QWidget) -> None:
        super().__init__(parent)
        self.desk = desk
        self.view = ReportExportView(REPORT_CHOICES, parent)
        self.view.save_clicked.connect(self._choose_file)
        #: where the last report was saved (the save dialog starts there)
        self.folder = Path.home()
        self.file_dialog: QFileDialog | None = None

    def open(self, name: str = "on-loan", code: str = "") -> None:
        self.view.set_choice(name, code)
        self.view.set_busy(False)
        self.view.open()

    def _choose_file(self) -> None:
        name, code, fmt = self.view.choice()
        if name == "history" and not code:
            self.view.show_code_error("Type the asset tag or staff code whose history you want")
            return
        self.view.show_code_error("")
        suggested = self.folder / default_file_name(name, code, fmt, local_date(system_clock()))
        dialog = QFileDialog(self.view, "Save the report as", str(suggested), _FILTERS[fmt])
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(fmt)
        dialog.selectFile(str(suggested))
        dialog.fileSelected.connect(lambda path: self._save(name, code, fmt, Path(path)))
        self.file_dialog = dialog
        dialog.open()

    def _save(self, name: str, code: str, fmt: str, path: Path) -> None:
        self.folder = path.parent
        self.view.set_busy(True)

        def done(result: ExportDone) -> None:
            self.view.set_busy(False)
            self.view.accept()
            self.desk.notify("ok", result.message + ".")

        def failed(error: OpError) -> None:
            self.view.set_busy(False)
            self.view.show_problem(error.message)

        self.desk.run(lambda uow: export_report(uow, name, code or None, fmt, path), done, failed,
                      readonly=True)
