"""Sign in with a username (or a badge scan) and PIN; on first run, create the first admin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from ui.widgets.common import Form, button, card, label


class SignInView(QWidget):
    sign_in_requested = Signal(str, str)  # username or badge, PIN
    create_admin_requested = Signal(str, str, str, str)  # username, display name, PIN, PIN again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box, lay = card()
        box.setMaximumWidth(620)
        box.setMinimumWidth(460)
        self.title = label("Sign in", "title")
        self.subtitle = label("Type your username or scan your technician badge, then your PIN.", "hint")
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        form = Form()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(10)
        self.username = QLineEdit()
        self.username.setAccessibleName("Username or badge")
        self.display_name = QLineEdit()
        self.display_name.setAccessibleName("Your name")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName("PIN")
        self.pin.setMaxLength(12)
        self.pin2 = QLineEdit()
        self.pin2.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin2.setAccessibleName("PIN again")
        self.pin2.setMaxLength(12)
        form.addRow("Username", self.username)
        form.addRow("Your name", self.display_name)
        form.addRow("PIN", self.pin)
        form.addRow("PIN again", self.pin2)
        self._form = form
        lay.addLayout(form)
        self.message = label("", "overdue", name="Sign-in message")
        self.message.hide()
        lay.addWidget(self.message)
        self.demo_hint = label("", name="Demo sign-in")
        self.demo_hint.setStyleSheet("background: #fff3cd; border: 1px solid #8a4b00; padding: 8px;")
        self.demo_hint.hide()
        lay.addSpacing(6)
        lay.addWidget(self.demo_hint)
        self.submit = button("Sign in", primary=True)
        lay.addWidget(self.submit, 0, Qt.AlignmentFlag.AlignRight)
        row = QVBoxLayout()
        row.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addLayout(row)
        outer.addStretch(2)
        self.submit.clicked.connect(self._submit)
        for w in (self.username, self.display_name, self.pin, self.pin2):
            w.returnPressed.connect(self._next_or_submit)
            w.setProperty("ownsEnter", True)
        self.creating = False
        self.set_mode(creating=False)

    def set_mode(self, *, creating: bool) -> None:
        self.creating = creating
        for w in (self.display_name, self.pin2):
            w.setVisible(creating)
            self._form.labelForField(w).setVisible(creating)
        if creating:
            self.title.setText("Welcome — create the first admin")
            self.subtitle.setText("Nobody can use this desk yet. Choose a username and a PIN "
                                  "(4 to 12 digits) for the first admin technician.")
            self.submit.setText("Create admin and sign in")
        else:
            self.title.setText("Sign in")
            self.subtitle.setText("Type your username or scan your technician badge, then your PIN.")
            self.submit.setText("Sign in")
        self.submit.setAccessibleName(self.submit.text())

    def show_demo(self, username: str, pin: str) -> None:
        self.demo_hint.setText(f"Demo desk: sign in as “{username}” with PIN {pin}.")
        self.demo_hint.show()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def clear(self) -> None:
        for w in (self.username, self.display_name, self.pin, self.pin2):
            w.clear()
        self.show_message("")
        self.username.setFocus()

    def ask_pin_again(self) -> None:
        """The PIN was refused: an empty PIN field, ready to type in."""
        self.pin.clear()
        self.pin.setFocus()

    def badge_scanned(self, text: str) -> None:
        self.username.setText(text)
        self.pin.clear()
        self.pin.setFocus()

    def _next_or_submit(self) -> None:
        if not self.username.text().strip():
            self.username.setFocus()
            return
        if self.creating and not self.display_name.text().strip() and self.sender() is self.username:
            self.display_name.setFocus()
            return
        if not self.pin.text():
            self.pin.setFocus()
            return
        if self.creating and not self.pin2.text():
            self.pin2.setFocus()
            return
        self._submit()

    def _submit(self) -> None:
        if self.creating:
            self.create_admin_requested.emit(self.username.text().strip(),
                                             self.display_name.text().strip(),
                                             self.pin.text(), self.pin2.text())
        else:
            self.sign_in_requested.emit(self.username.text().strip(), self.pin.text())
