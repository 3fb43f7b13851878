"""Admin: imports with a preview, labels, settings (with a live pad test), technicians."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.config import Settings
from app.devices.topaz_models import MODELS, model_key
from app.services.technician_views import TechnicianRow
from db.models import ASSET_KINDS
from ui import theme
from ui.widgets.common import Form, button, card, label
from ui.widgets.label_sheet_preview import LabelSheetPreview
from ui.widgets.table import Table


def _spin(lo: int, hi: int, name: str) -> QSpinBox:
    s = QSpinBox()
    s.setRange(lo, hi)
    s.setAccessibleName(name)
    # no arrows (hidden by the theme): Qt paints no text at all in a style-sheeted
    # spin box whose button symbols are NoButtons
    theme.inset_spin_box(s)
    return s


class ImportTab(QWidget):
    preview_clicked = Signal()
    apply_clicked = Signal()
    browse_clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.what = QComboBox()
        self.what.setAccessibleName("What to import")
        self.what.addItem("Staff (MIS/HR export)", "staff")
        self.what.addItem("Assets (ours or Snipe-IT)", "assets")
        self.path = QLineEdit()
        self.path.setAccessibleName("CSV file")
        self.path.setPlaceholderText("Path of the CSV file")
        self.browse = button("Browse…", "Choose the CSV file")
        row.addWidget(self.what)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        lay.addLayout(row)
        brow = QHBoxLayout()
        self.preview = button("Preview changes", "Preview changes", primary=True)
        self.apply = button("Apply import", "Apply import")
        self.apply.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Import progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        brow.addWidget(self.preview)
        brow.addWidget(self.apply)
        brow.addWidget(self.progress, 1)
        lay.addLayout(brow)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setAccessibleName("Import report")
        self.report.setPlaceholderText("Choose a CSV file and press Preview: nothing changes until "
                                       "you Apply.")
        lay.addWidget(self.report, 1)
        self.preview.clicked.connect(self.preview_clicked.emit)
        self.apply.clicked.connect(self.apply_clicked.emit)
        self.browse.clicked.connect(self.browse_clicked.emit)

    def working(self, on: bool) -> None:
        self.progress.setRange(0, 0 if on else 1)
        self.progress.setValue(0 if on else 1)
        self.preview.setEnabled(not on)


class LabelsTab(QWidget):
    preview_changed = Signal()
    save_clicked = Signal()
    print_clicked = Signal()

    def __init__(self, templates: list[tuple[str, str, int, int]]) -> None:
        super().__init__()
        lay = QHBoxLayout(self)
        left = QVBoxLayout()
        form = Form()
        self.tags = QLineEdit()
        self.tags.setAccessibleName("Asset tags")
        self.tags.setPlaceholderText("LT-0001 LT-0002 … (or choose a kind)")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of asset")
        self.kind.addItem("— the tags above —", "")
        for k in ASSET_KINDS:
            self.kind.addItem(f"All {k}s", k)
        self.template = QComboBox()
        self.template.setAccessibleName("Label template")
        for key, name, cols, rows in templates:
            self.template.addItem(name, (key, cols, rows))
        self.start = _spin(1, 200, "Start position")
        form.addRow("Assets", self.tags)
        form.addRow("Or", self.kind)
        form.addRow("Template", self.template)
        form.addRow("Start at label", self.start)
        left.addLayout(form)
        self.count = label("", name="Labels to print")
        left.addWidget(self.count)
        row = QHBoxLayout()
        self.save = button("Save PDF and open", "Save labels PDF and open it", primary=True)
        self.print = button("Print labels", "Print labels")
        row.addWidget(self.save)
        row.addWidget(self.print)
        row.addStretch(1)
        left.addLayout(row)
        left.addStretch(1)
        lay.addLayout(left, 2)
        self.sheet = LabelSheetPreview()
        lay.addWidget(self.sheet, 1)
        for sig in (self.tags.textChanged, self.kind.currentIndexChanged,
                    self.template.currentIndexChanged, self.start.valueChanged):
            sig.connect(lambda *_a: self.preview_changed.emit())
        self.save.clicked.connect(self.save_clicked.emit)
        self.print.clicked.connect(self.print_clicked.emit)


class SettingsTab(QScrollArea):
    save_clicked = Signal()
    test_pad_clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        inner = QWidget()
        self.setWidget(inner)
        grid = QGridLayout(inner)
        school_box, sl = card()
        sl.addWidget(label("School", ""))
        f = Form()
        self.school = QLineEdit()
        self.school.setAccessibleName("School name")
        self.logo = QLineEdit()
        self.logo.setAccessibleName("Logo file")
        f.addRow("Name", self.school)
        f.addRow("Logo (PNG/JPEG)", self.logo)
        sl.addLayout(f)
        sl.addStretch(1)
        grid.addWidget(school_box, 0, 0)
        loans_box, ll = card()
        ll.addWidget(label("Default loan periods (days) and kiosk", ""))
        f = Form()
        self.days = {k: _spin(1, 365, f"Loan days for {k}") for k in ASSET_KINDS}
        for k, s in self.days.items():
            f.addRow(k.title(), s)
        self.idle = _spin(30, 3600, "Kiosk lock after seconds")
        f.addRow("Kiosk lock after (s)", self.idle)
        self.sound = QCheckBox("Success and error sounds")
        self.sound.setAccessibleName("Success and error sounds")
        f.addRow("", self.sound)
        ll.addLayout(f)
        ll.addStretch(1)
        grid.addWidget(loans_box, 0, 1)
        scan_box, scl = card()
        scl.addWidget(label("Scanner", ""))
        f = Form()
        self.prefix = QLineEdit()
        self.prefix.setAccessibleName("Label prefix")
        self.min_length = _spin(1, 64, "Scan minimum length")
        self.max_avg = _spin(1, 500, "Average gap at most (ms)")
        self.max_gap = _spin(1, 1000, "Longest gap at most (ms)")
        self.end_timeout = _spin(10, 2000, "Scan ends after silence (ms)")
        self.serial_port = QLineEdit()
        self.serial_port.setAccessibleName("Serial scanner port")
        f.addRow("Label prefix", self.prefix)
        f.addRow("Minimum length", self.min_length)
        f.addRow("Average gap ≤ (ms)", self.max_avg)
        f.addRow("Longest gap ≤ (ms)", self.max_gap)
        f.addRow("Ends after silence (ms)", self.end_timeout)
        f.addRow("Serial scanner port", self.serial_port)
        scl.addLayout(f)
        scl.addStretch(1)
        grid.addWidget(scan_box, 1, 0)
        pad_box, pl = card()
        pl.addWidget(label("Signature pad and printer", ""))
        f = Form()
        self.pad_protocol = QComboBox()
        self.pad_protocol.setAccessibleName("Pad protocol")
        for key, text in (("", "No pad (sign with the mouse)"), ("topaz", "Topaz"), ("isdv4", "ISDV4")):
            self.pad_protocol.addItem(text, key)
        self.pad_model = QComboBox()
        self.pad_model.setAccessibleName("Pad model")
        self.pad_model.addItem("Not set (Topaz: 19200 8N1)", "")
        for m in MODELS:
            self.pad_model.addItem(f"{m.name} ({m.line.label()})", m.key)
        self.pad_port = QComboBox()
        self.pad_port.setEditable(True)
        self.pad_port.setAccessibleName("Pad port")
        self.printer = QLineEdit()
        self.printer.setAccessibleName("Printer")
        self.printer.setPlaceholderText("System default printer")
        f.addRow("Pad protocol", self.pad_protocol)
        f.addRow("Pad model", self.pad_model)
        f.addRow("Pad port", self.pad_port)
        f.addRow("Printer", self.printer)
        pl.addLayout(f)
        self.test_pad = button("Test pad", "Test the signature pad")
        pl.addWidget(self.test_pad)
        self.pad_panel = QVBoxLayout()
        pl.addLayout(self.pad_panel)
        pl.addStretch(1)  # the heading stays at the top, as in the other boxes
        grid.addWidget(pad_box, 1, 1)
        self.save = button("Save settings", "Save settings", primary=True)
        grid.addWidget(self.save, 2, 1)
        self.save.clicked.connect(self.save_clicked.emit)
        self.test_pad.clicked.connect(self.test_pad_clicked.emit)

    def show_settings(self, s: Settings, ports: list[str]) -> None:
        self.school.setText(s.school.name)
        self.logo.setText(s.school.logo)
        for k, spin in self.days.items():
            spin.setValue(s.loans.days_for(k))
        self.idle.setValue(s.kiosk.idle_lock_seconds)
        self.sound.setChecked(s.kiosk.sound)
        self.prefix.setText(s.scanner.prefix)
        self.min_length.setValue(s.scanner.min_length)
        self.max_avg.setValue(s.scanner.max_avg_gap_ms)
        self.max_gap.setValue(s.scanner.max_gap_ms)
        self.end_timeout.setValue(s.scanner.end_timeout_ms)
        self.serial_port.setText(s.scanner.serial_port)
        self.pad_protocol.setCurrentIndex(max(0, self.pad_protocol.findData(s.pad.protocol)))
        self.pad_model.setCurrentIndex(max(0, self.pad_model.findData(model_key(s.pad.model))))
        self.pad_port.clear()
        self.pad_port.addItems(ports)
        self.pad_port.setCurrentText(s.pad.port)
        self.printer.setText(s.printing.printer)

    def apply_to(self, s: Settings) -> None:
        s.school.name = self.school.text().strip() or s.school.name
        s.school.logo = self.logo.text().strip()
        for k, spin in self.days.items():
            setattr(s.loans, f"days_{k}", spin.value())
        s.kiosk.idle_lock_seconds = self.idle.value()
        s.kiosk.sound = self.sound.isChecked()
        s.scanner.prefix = self.prefix.text().strip()
        s.scanner.min_length = self.min_length.value()
        s.scanner.max_avg_gap_ms = self.max_avg.value()
        s.scanner.max_gap_ms = self.max_gap.value()
        s.scanner.end_timeout_ms = self.end_timeout.value()
        s.scanner.serial_port = self.serial_port.text().strip()
        s.pad.protocol = str(self.pad_protocol.currentData())
        s.pad.model = str(self.pad_model.currentData())
        s.pad.port = self.pad_port.currentText().strip()
        s.printing.printer = self.printer.text().strip()


class TechniciansTab(QWidget):
    add_clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        lay = QHBoxLayout(self)
        self.table = Table(["Username", "Name", "Role", "Badge", "Active"], "Technicians",
                           "No technicians.", stretch=1)
        lay.addWidget(self.table, 3)
        box, bl = card()
        bl.addWidget(label("Add a technician", ""))
        f = Form()
        self.username = QLineEdit()
        self.username.setAccessibleName("New technician username")
        self.display = QLineEdit()
        self.display.setAccessibleName("New technician name")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName("New technician PIN")
        self.badge = QLineEdit()
        self.badge.setAccessibleName("New technician badge")
        self.admin = QCheckBox("Admin")
        self.admin.setAccessibleName("New technician is an admin")
        f.addRow("Username", self.username)
        f.addRow("Name", self.display)
        f.addRow("PIN", self.pin)
        f.addRow("Badge (optional)", self.badge)
        f.addRow("", self.admin)
        bl.addLayout(f)
        self.add = button("Add technician", "Add technician", primary=True)
        bl.addWidget(self.add)
        bl.addStretch(1)
        lay.addWidget(box, 2)
        self.add.clicked.connect(self.add_clicked.emit)

    def show_rows(self, rows: list[TechnicianRow]) -> None:
        self.table.set_rows([[r.username, r.display_name, r.role, "yes" if r.badge else "",
                              "yes" if r.active else "no"] for r in rows])

    def clear_form(self) -> None:
        for w in (self.username, self.display, self.pin, self.badge):
            w.clear()
        self.admin.setChecked(False)


class AdminView(QWidget):
    def __init__(self, templates: list[tuple[str, str, int, int]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 10, 20, 10)
        lay.addWidget(label("Admin", "title", name="Admin"))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Admin sections")
        self.imports = ImportTab()
        self.labels = LabelsTab(templates)
        self.settings = SettingsTab()
        self.technicians = TechniciansTab()
        self.tabs.addTab(self.imports, "Import")
        self.tabs.addTab(self.labels, "Labels")
        self.tabs.addTab(self.settings, "Settings")
        self.tabs.addTab(self.technicians, "Technicians")
        lay.addWidget(self.tabs, 1)
