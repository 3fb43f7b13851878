"""The dialog that exports a report: which one (a history needs a tag or staff code), as a
spreadsheet (CSV) or a printable PDF; then a save dialog chooses where."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.widgets.common import Form, button, label


class ReportExportView(QDialog):
    save_clicked = Signal()

    def __init__(self, reports: tuple[tuple[str, str], ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export a report")
        self.setAccessibleName("Export a report")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.addWidget(label("Export a report", "title", name="Export title"))
        lay.addWidget(label("The same rows as the command line's report: a spreadsheet (CSV) to "
                            "sort and filter, or a PDF to print. You choose where it is saved "
                            "next.", "hint", name="Export help"))
        form = Form()
        self.report = QComboBox()
        self.report.setAccessibleName("Report")
        for value, words in reports:
            self.report.addItem(words, value)
        form.addRow("Report", self.report)
        self.code = QLineEdit()
        self.code.setAccessibleName("Asset tag or staff code")
        self.code.setPlaceholderText("Asset tag or staff code, e.g. LT-0042 or JDO")
        form.addRow("Of", self.code)
        self.code_error = label("", name="Asset tag or staff code problem")
        self.code_error.setStyleSheet(f"color: {theme.ERROR}; font-weight: 700;")
        form.addRow("", self.code_error)
        form.setRowVisible(self.code_error, False)
        self._form = form
        formats = QHBoxLayout()
        self.csv = QRadioButton("Spreadsheet (CSV)")
        self.pdf = QRadioButton("Printable (PDF)")
        group = QButtonGroup(self)
        for b in (self.csv, self.pdf):
            b.setAccessibleName(b.text())
            # the theme's bigger indicator is not in the style's size hint: room for the text
            b.setMinimumWidth(b.sizeHint().width() + 16)
            group.addButton(b)
            formats.addWidget(b)
        formats.addStretch(1)
        self.csv.setChecked(True)
        form.addRow("As", formats)
        lay.addLayout(form)
        self.problem = label("", "overdue", name="Export problem")
        self.problem.hide()
        lay.addWidget(self.problem)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel = button("Cancel", "Cancel the export")
        self.save = button("Save as…", "Choose where to save the report", primary=True)
        row.addWidget(self.cancel)
        row.addWidget(self.save)
        lay.addLayout(row)
        self.cancel.clicked.connect(self.reject)
        self.save.clicked.connect(self.save_clicked.emit)
        self.report.currentIndexChanged.connect(lambda _i: self._history_shown())
        self.setMinimumWidth(620)

    def _history_shown(self) -> None:
        history = self.report.currentData() == "history"
        self.code.setEnabled(history)
        if history:
            self.code.setFocus()
        else:
            self.show_code_error("")

    def set_choice(self, name: str, code: str = "") -> None:
        self.report.setCurrentIndex(max(0, self.report.findData(name)))
        self.code.setText(code)
        self._history_shown()
        self.show_problem("")

    def choice(self) -> tuple[str, str, str]:
        """(report, asset tag or staff code, "csv" or "pdf")."""
        return (str(self.report.currentData()), self.code.text().strip(),
                "pdf" if self.pdf.isChecked() else "csv")

    def show_code_error(self, text: str) -> None:
        self.code_error.setText(text)
        self._form.setRowVisible(self.code_error, bool(text))
        if text:
            self.code.setFocus()

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def take_scan(self, text: str) -> bool:
        """A label or staff card scanned while the dialog is open: whose history to export."""
        self.set_choice("history", text)
        return True

    def set_busy(self, busy: bool) -> None:
        self.save.setEnabled(not busy)
        self.save.setText("Saving…" if busy else "Save as…")
