"""The bar across the top: school, the signed-in technician (always), navigation, Lock."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from ui import theme
from ui.widgets.common import set_by_name, set_shortcut

NAV = (
    ("scan", "Scan", "F1"),
    ("dashboard", "Dashboard", "F2"),
    ("leaver", "Leavers", "F3"),
    ("trips", "Trips", "F4"),
    ("admin", "Admin", "F5"),
    ("kits", "Kits", "F6"),
    ("bookings", "Bookings", "F7"),
    ("stocktake", "Stocktake", "F8"),
)


class HeaderView(QFrame):
    navigate = Signal(str)
    lock_requested = Signal()

    def __init__(self, school: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("header")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 6, 12, 6)
        # a long school or technician name wraps onto a second line instead of pushing the
        # window wider than a 1280-pixel screen
        self.school = QLabel(school)
        self.school.setStyleSheet("font-size: 15pt; font-weight: 700;")
        self.school.setAccessibleName("School")
        self.school.setWordWrap(True)
        lay.addWidget(self.school)
        lay.addSpacing(12)
        self.nav: dict[str, QPushButton] = {}
        for key, text, shortcut in NAV:
            b = QPushButton(text)
            b.setToolTip(f"{text} ({shortcut})")
            b.setAccessibleDescription(f"Shortcut {shortcut}")
            b.setCheckable(True)
            b.setAccessibleName(text)
            set_shortcut(b, shortcut)
            set_by_name(b, "focusPolicy", "TabFocus")
            b.clicked.connect(lambda _c=False, k=key: self.navigate.emit(k))
            self.nav[key] = b
            lay.addWidget(b)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setFixedWidth(90)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Working")
        self.busy.setVisible(False)
        lay.addWidget(self.busy)
        self.scanner = QLabel()
        self.scanner.setAccessibleName("Serial scanner status")
        self.scanner.setVisible(False)
        lay.addWidget(self.scanner)
        lay.addSpacing(8)
        self.technician = QLabel("Not signed in")
        self.technician.setAccessibleName("Signed-in technician")
        self.technician.setStyleSheet("font-size: 14pt;")
        self.technician.setWordWrap(True)
        set_by_name(self.technician, "alignment", "AlignRight|AlignVCenter")
        lay.addWidget(self.technician, 1)
        self.lock = QPushButton("Lock")
        self.lock.setToolTip("Lock the desk (F12 or Ctrl+L)")
        self.lock.setAccessibleName("Lock the desk")
        set_shortcut(self.lock, "F12")
        set_by_name(self.lock, "focusPolicy", "TabFocus")
        self.lock.clicked.connect(self.lock_requested.emit)
        lay.addWidget(self.lock)

    def show_technician(self, name: str | None, admin: bool, *, trust: bool = False) -> None:
        signed_in = name is not None
        role = " (trust admin)" if trust else " (admin)" if admin else ""
        self.technician.setText(f"Technician: {name}{role}" if signed_in else "Not signed in")
        self.lock.setVisible(signed_in)
        for key, b in self.nav.items():
            b.setVisible(signed_in and (key != "admin" or admin))

    def show_scanner(self, text: str, ok: bool | None, detail: str = "") -> None:
        """The serial scanner's state (``ok`` None: no serial scanner, nothing shown)."""
        self.scanner.setVisible(ok is not None)
        self.scanner.setText(text)
        self.scanner.setToolTip(detail)
        self.scanner.setAccessibleDescription(detail)
        colour = theme.HEADER_OK if ok else theme.HEADER_WARN
        self.scanner.setStyleSheet(f"color: {colour}; font-weight: 700;")

    def mark(self, screen: str) -> None:
        for key, b in self.nav.items():
            b.setChecked(key == screen)
