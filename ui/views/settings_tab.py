"""The admin screen's Settings tab: the desk's settings in cards, Save always in view.

Number fields take any number typed: one outside what the desk accepts is not
clamped or put back behind the technician's back; the field says why under it
(the admin controller checks as it is typed), and Save refuses with the reasons.
Save sits below the scrolling cards, so a banner above never pushes it out of reach.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.choices import ASSET_KINDS
from app.config import Settings
from app.devices.topaz_models import MODELS, model_key
from ui import theme
from ui.widgets.common import Form, button, card, label

#: a spin box takes anything up to this; what is acceptable is checked, not enforced
_TYPED_MAX = 999_999


class SettingsTab(QWidget):
    save_clicked = Signal()
    test_pad_clicked = Signal()
    #: a number setting changed: "section.key" and its value
    number_changed = Signal(str, int)

    def __init__(self) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        self.scroll_area.setWidget(inner)
        outer.addWidget(self.scroll_area, 1)
        grid = QGridLayout(inner)
        #: every number field by its setting ("loans.days_laptop"), and its message line
        self.spins: dict[str, QSpinBox] = {}
        self.problems: dict[str, QLabel] = {}

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

        desk_box, dl = card()
        dl.addWidget(label("Loan periods and the desk", ""))
        f = Form()
        self.days = {k: self._spin(f, f"loans.days_{k}", f"{k.title()} (days)",
                                   f"Loan days for {k}") for k in ASSET_KINDS}
        self.idle_lock = QCheckBox("Lock the desk when nobody uses it")
        self.idle_lock.setAccessibleName("Lock the desk when idle")
        f.addRow("", self.idle_lock)
        self.idle = self._spin(f, "kiosk.idle_lock_seconds", "Lock after (seconds)",
                               "Lock after seconds idle")
        self.checkout_pause = self._spin(f, "kiosk.checkout_pause_seconds", "Check-out pause (seconds)",
                                "A check-out left this long asks before going on (seconds)")
        self.reverse_hours = self._spin(f, "reversal.window_hours", "Reverse within (hours)",
                                 "Admins may reverse an action within (hours)")
        self.sound = QCheckBox("Success and error sounds")
        self.sound.setAccessibleName("Success and error sounds")
        f.addRow("", self.sound)
        dl.addLayout(f)
        dl.addStretch(1)
        grid.addWidget(desk_box, 0, 1, 2, 1)

        scan_box, scl = card()
        scl.addWidget(label("Scanner", ""))
        f = Form()
        self.prefix = QLineEdit()
        self.prefix.setAccessibleName("Label prefix")
        f.addRow("Label prefix", self.prefix)
        self.min_length = self._spin(f, "scanner.min_length", "Shortest scan (characters)",
                                     "Scan minimum length")
        self.max_avg = self._spin(f, "scanner.max_avg_gap_ms", "Average gap at most (ms)",
                                  "Average gap at most (ms)")
        self.max_gap = self._spin(f, "scanner.max_gap_ms", "Longest gap at most (ms)",
                                  "Longest gap at most (ms)")
        self.end_timeout = self._spin(f, "scanner.end_timeout_ms", "Ends after silence (ms)",
                                      "Scan ends after silence (ms)")
        self.serial_port = QLineEdit()
        self.serial_port.setAccessibleName("Serial scanner port")
        f.addRow("Serial scanner port", self.serial_port)
        scl.addLayout(f)
        scl.addWidget(label("A scanner set to wait 40–50 ms between characters: shortest 6, "
                            "average 60, longest 90, silence 150 (see docs/hardware.md).",
                            "hint"))
        scl.addStretch(1)
        grid.addWidget(scan_box, 1, 0, 2, 1)

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
        self.on_return = QComboBox()
        self.on_return.setAccessibleName("Signature on return")
        for key, text in (("never", "Never"), ("personal-data loans", "Personal-data loans"),
                          ("always", "Always")):
            self.on_return.addItem(text, key)
        f.addRow("Pad protocol", self.pad_protocol)
        f.addRow("Pad model", self.pad_model)
        f.addRow("Pad port", self.pad_port)
        f.addRow("Printer", self.printer)
        f.addRow("Sign on return", self.on_return)
        pl.addLayout(f)
        self.test_pad = button("Test pad", "Test the signature pad")
        pl.addWidget(self.test_pad)
        self.pad_panel = QVBoxLayout()
        pl.addLayout(self.pad_panel)
        pl.addStretch(1)  # the heading stays at the top, as in the other boxes
        grid.addWidget(pad_box, 2, 1)
        grid.addWidget(self._mail_card(), 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        footer = QHBoxLayout()
        footer.setContentsMargins(0, 6, 0, 0)
        self.summary = label("", "overdue", name="Settings problems")
        self.summary.hide()
        footer.addWidget(self.summary, 1)
        self.save = button("Save settings", "Save settings", primary=True)
        footer.addWidget(self.save, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        outer.addLayout(footer)
        self.save.clicked.connect(self.save_clicked.emit)
        self.test_pad.clicked.connect(self.test_pad_clicked.emit)

    def _mail_card(self) -> QWidget:
        """E-mail notices: the server, the addresses, when reminders go (docs/notices.md)."""
        box, ml = card()
        ml.addWidget(label("E-mail notices", ""))
        row = QHBoxLayout()
        left, right = Form(), Form()
        self.mail: dict[str, QLineEdit] = {}
        for key, text, hint in (
                ("host", "Mail server", "Empty: no e-mail"),
                ("username", "User name", "Empty: no sign-in"),
                ("from_address", "From", "IT Desk <it@school.example>"),
                ("reply_to", "Reply to", ""),
                ("desk_address", "IT desk (digest)", ""),
                ("hr_address", "HR (copies)", ""),
                ("ca_file", "School CA file", "Only for a school's own CA")):
            edit = QLineEdit()
            edit.setAccessibleName(f"Mail: {text}")
            edit.setPlaceholderText(hint)
            self.mail[key] = edit
            (left if key in ("host", "username", "from_address", "reply_to") else right).addRow(
                text, edit)
        self.mail_port = self._spin(left, "mail.port", "Port (0: usual)", "Mail server port")
        self.mail_security = QComboBox()
        self.mail_security.setAccessibleName("Mail security")
        for key, text in (("starttls", "STARTTLS"), ("tls", "TLS (implicit)"), ("none", "None")):
            self.mail_security.addItem(text, key)
        left.addRow("Security", self.mail_security)
        self.due_soon = self._spin(right, "notices.due_soon_days", "Due-soon notice (days)",
                                   "Due-soon reminder, days before")
        self.overdue_repeat = self._spin(right, "notices.overdue_repeat_days",
                                         "Overdue again every (days)", "Overdue reminder repeats")
        self.leaver_days = QLineEdit()
        self.leaver_days.setAccessibleName("Leaver notices, days before leaving")
        self.leaver_days.setPlaceholderText("14, 3")
        right.addRow("Leaver notices (days)", self.leaver_days)
        row.addLayout(left, 1)
        row.addLayout(right, 1)
        ml.addLayout(row)
        ml.addWidget(label("The password is not kept here: set it with 'loan-kiosk notices "
                           "password' (the system's credential store). Wording and preview: "
                           "the Notice templates tab.", "hint"))
        return box

    def _spin(self, form: Form, key: str, text: str, name: str) -> QSpinBox:
        s = QSpinBox()
        s.setRange(0, _TYPED_MAX)
        s.setAccessibleName(name)
        # no arrows (hidden by the theme): Qt paints no text at all in a style-sheeted
        # spin box whose button symbols are NoButtons
        theme.inset_spin_box(s)
        box = QWidget()
        box.setObjectName("settingField")
        box.setStyleSheet("#settingField { background: transparent; }")  # the card shows through
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(s)
        problem = label("", "overdue", name=f"{name}: problem")
        problem.hide()
        lay.addWidget(problem)
        form.addRow(text, box)
        self.spins[key] = s
        self.problems[key] = problem
        s.valueChanged.connect(lambda v, key=key: self.number_changed.emit(key, v))
        return s

    def show_problems(self, per_field: dict[str, str], others: list[str]) -> None:
        """Say, under each field, what is wrong with it; below, what is wrong between fields."""
        for key, line in self.problems.items():
            text = per_field.get(key, "")
            line.setText(text)
            line.setVisible(bool(text))
        self.summary.setText(" ".join(f"{p}." for p in others))
        self.summary.setVisible(bool(others))

    def numbers(self) -> dict[str, int]:
        """Every number field's value by its setting's key (for the range checks)."""
        return {key: spin.value() for key, spin in self.spins.items()}

    def pad_choice(self) -> tuple[str, str, str]:
        """The pad as chosen on screen (maybe not saved yet): port, protocol, model."""
        return (self.pad_port.currentText().strip(), str(self.pad_protocol.currentData()),
                str(self.pad_model.currentData()))

    def show_pad_test(self, widget: QWidget) -> None:
        """A signature widget on the pad being tested, below the pad settings."""
        self.pad_panel.addWidget(widget)
        self.test_pad.setText("Stop pad test")

    def pad_test_stopped(self) -> None:
        self.test_pad.setText("Test pad")

    def show_settings(self, s: Settings, ports: list[str]) -> None:
        self.school.setText(s.school.name)
        self.logo.setText(s.school.logo)
        for k, spin in self.days.items():
            spin.setValue(s.loans.days_for(k))
        self.idle_lock.setChecked(s.kiosk.idle_lock)
        self.idle.setValue(s.kiosk.idle_lock_seconds)
        self.checkout_pause.setValue(s.kiosk.checkout_pause_seconds)
        self.reverse_hours.setValue(s.reversal.window_hours)
        self.on_return.setCurrentIndex(max(0, self.on_return.findData(s.signature.on_return)))
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
        for key, edit in self.mail.items():
            edit.setText(getattr(s.mail, key))
        self.mail_port.setValue(s.mail.port)
        self.mail_security.setCurrentIndex(max(0, self.mail_security.findData(s.mail.security)))
        self.due_soon.setValue(s.notices.due_soon_days)
        self.overdue_repeat.setValue(s.notices.overdue_repeat_days)
        self.leaver_days.setText(", ".join(str(d) for d in s.notices.leaver_days))

    def apply_to(self, s: Settings) -> None:
        s.school.name = self.school.text().strip()
        s.school.logo = self.logo.text().strip()
        for k, spin in self.days.items():
            setattr(s.loans, f"days_{k}", spin.value())
        s.kiosk.idle_lock = self.idle_lock.isChecked()
        s.kiosk.idle_lock_seconds = self.idle.value()
        s.kiosk.checkout_pause_seconds = self.checkout_pause.value()
        s.reversal.window_hours = self.reverse_hours.value()
        s.signature.on_return = str(self.on_return.currentData())
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
        for key, edit in self.mail.items():
            setattr(s.mail, key, edit.text().strip())
        s.mail.port = self.mail_port.value()
        s.mail.security = str(self.mail_security.currentData())
        s.notices.due_soon_days = self.due_soon.value()
        s.notices.overdue_repeat_days = self.overdue_repeat.value()
        # digits only: "14, 3" or "14 3"; anything out of range is refused on saving
        s.notices.leaver_days = [int(d) for d in re.findall(r"\d+", self.leaver_days.text())]
