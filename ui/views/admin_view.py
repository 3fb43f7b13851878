"""Admin: imports with a preview, labels, settings (with a live pad test), technicians,
today's audit anchor."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.choices import ASSET_KINDS
from app.services.technician_views import TechnicianRow
from ui import theme
from ui.views.audit_anchor_view import AuditTab
from ui.views.notices_view import OutboxTab, TemplatesTab
from ui.views.places_view import PlacesTab
from ui.views.settings_tab import SettingsTab
from ui.widgets.common import Form, button, card, label
from ui.widgets.label_sheet_preview import LabelSheetPreview
from ui.widgets.screen import Screen
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
        self.path.textChanged.connect(lambda _t: self.apply.setEnabled(False))  # preview again

    def chosen(self) -> tuple[str, str]:
        """What to import ("staff" or "assets") and the file's path, as typed."""
        return str(self.what.currentData()), self.path.text().strip()

    def set_path(self, path: str) -> None:
        self.path.setText(path)

    def show_report(self, lines: list[str], *, can_apply: bool) -> None:
        """What an import did (or a preview would do); Apply only after a preview with changes."""
        self.apply.setEnabled(can_apply)
        self.report.setPlainText("\n".join(lines))

    def clear_report(self) -> None:
        self.report.clear()
        self.apply.setEnabled(False)

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

    def typed_tags(self) -> list[str]:
        """The asset tags typed (or scanned) into the list, in order."""
        return self.tags.text().replace(",", " ").split()

    def add_tag(self, tag: str) -> None:
        """A scanned label: these tags, not a whole kind."""
        if self.kind.currentData():
            self.kind.setCurrentIndex(0)
        self.tags.setText(" ".join([*self.typed_tags(), tag]))

    def choice(self) -> tuple[list[str], str | None, str, int]:
        """The tags typed, the kind chosen (None: the tags), the template's key, the start."""
        key, _cols, _rows = self.template.currentData()
        return self.typed_tags(), str(self.kind.currentData()) or None, key, self.start.value()

    def choose_template(self, key: str) -> None:
        """Show the template ``key`` (the printing settings' own), if it is one of the list."""
        for i in range(self.template.count()):
            if self.template.itemData(i)[0] == key:
                self.template.setCurrentIndex(i)
                return

    def template_size(self) -> tuple[int, int]:
        """Columns and rows of the template chosen."""
        _key, cols, rows = self.template.currentData()
        return cols, rows

    def show_preview(self, start: int, count: int, text: str) -> None:
        """The sheet with ``count`` labels from position ``start``, and ``text`` saying so."""
        cols, rows = self.template_size()
        self.start.setMaximum(cols * rows)
        self.sheet.set_sheet(cols, rows, start, min(count, cols * rows - start + 1))
        self.count.setText(text)


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

    def new_technician(self) -> tuple[str, str, str, str | None, bool]:
        """The form: username, name, PIN, badge (None: none), whether an admin."""
        return (self.username.text().strip(), self.display.text().strip(), self.pin.text(),
                self.badge.text().strip() or None, self.admin.isChecked())

    def clear_form(self) -> None:
        for w in (self.username, self.display, self.pin, self.badge):
            w.clear()
        self.admin.setChecked(False)


class RecordsTab(QWidget):
    """One asset or one member of staff at a time, without a CSV file."""

    add_asset_clicked = Signal()
    add_person_clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        box, bl = card()
        bl.addWidget(label("Add one record", "", name="Add one record"))
        bl.addWidget(label("A new laptop, tablet or phone, or a new member of staff, without "
                           "writing a CSV file. To correct one, open its card (scan it or search) "
                           "and choose Edit details.", "hint", name="Add one record help"))
        row = QHBoxLayout()
        self.add_asset = button("Add an asset…", "Add an asset", primary=True)
        self.add_person = button("Add a member of staff…", "Add a member of staff")
        row.addWidget(self.add_asset)
        row.addWidget(self.add_person)
        row.addStretch(1)
        bl.addLayout(row)
        lay.addWidget(box)
        lay.addStretch(1)
        self.add_asset.clicked.connect(self.add_asset_clicked.emit)
        self.add_person.clicked.connect(self.add_person_clicked.emit)


class AdminView(Screen):
    def __init__(self, templates: list[tuple[str, str, int, int]],
                 notice_kinds: list[tuple[str, str]] | None = None,
                 parent: QWidget | None = None) -> None:
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
        self.records = RecordsTab()
        self.places = PlacesTab()
        self.tabs.addTab(self.imports, "Import")
        self.tabs.addTab(self.labels, "Labels")
        self.tabs.addTab(self.settings, "Settings")
        self.tabs.addTab(self.technicians, "Technicians")
        self.tabs.addTab(self.places, "Schools && rooms")
        self.outbox = OutboxTab()
        self.notice_templates = TemplatesTab(notice_kinds or [])
        self.tabs.addTab(self.outbox, "Outbox")
        self.tabs.addTab(self.notice_templates, "Notice templates")
        self.tabs.addTab(self.records, "Records")
        self.audit = AuditTab()
        self.tabs.addTab(self.audit, "Audit anchor")

        lay.addWidget(self.tabs, 1)

    def show_places_tab(self) -> None:
        self.tabs.setCurrentWidget(self.places)

    def labels_showing(self) -> bool:
        """The Labels tab is the one showing (it takes scanned asset labels)."""
        return self.tabs.currentWidget() is self.labels
