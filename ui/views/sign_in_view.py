"""Sign in with a username (or a badge scan) and PIN; on first run, create the first admin."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.widgets.common import Form, button, card, label
from ui.widgets.screen import Screen

#: the shortest PIN the services accept (app.services.technicians.MIN_PIN_LENGTH; the
#: screen shows before SQLAlchemy and the services load)
MIN_PIN = 6


def _pushed(widget: QWidget, *, before: int = 0, after: int = 0) -> QHBoxLayout:
    """``widget`` at its preferred width in a row, pushed by stretches before and after it."""
    row = QHBoxLayout()
    row.setSpacing(0)
    if before:
        row.addStretch(before)
    row.addWidget(widget)
    if after:
        row.addStretch(after)
    return row


class SignInView(Screen):
    sign_in_requested = Signal(str, str)  # username or badge, PIN
    create_admin_requested = Signal(str, str, str, str)  # username, display name, PIN, PIN again
    change_pin_requested = Signal(str, str)  # new PIN, new PIN again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box, lay = card()
        box.setMaximumWidth(620)
        box.setMinimumWidth(460)
        self._box = box
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
        # the padding as contents margins, which the label's height-for-width counts (a style
        # sheet's padding it did not: the two-line hint was cut by 4 px)
        self.demo_hint.setStyleSheet("background: #fff3cd; border: 1px solid #8a4b00;")
        self.demo_hint.setContentsMargins(8, 8, 8, 8)
        self.demo_hint.hide()
        lay.addSpacing(6)
        lay.addWidget(self.demo_hint)
        self.submit = button("Sign in", primary=True)
        # the button at the card's right, the card in the middle: by stretches, not by an
        # alignment (named through PySide6's Qt namespace: see ui.widgets.common.set_by_name).
        # Centred by an alignment, the card was given the height its contents need at the
        # whole window's width, and squeezed the form's spacing out (tests/ui/test_first_screen.py)
        lay.addLayout(_pushed(self.submit, before=1))
        outer.addLayout(_pushed(box, before=1, after=1))
        outer.addStretch(2)
        self.submit.clicked.connect(self._submit)
        for w in (self.username, self.display_name, self.pin, self.pin2):
            w.returnPressed.connect(self._next_or_submit)
            w.setProperty("ownsEnter", True)
        self.creating = False
        #: signed in with a PIN that is too short: asking for a new one
        self.changing = False
        self.set_mode(creating=False)

    def _label(self, field: QWidget) -> QLabel:
        return cast(QLabel, self._form.labelForField(field))

    def set_mode(self, *, creating: bool) -> None:
        self.creating = creating
        self.changing = False
        self.username.setReadOnly(False)
        self._label(self.pin).setText("PIN")
        self._label(self.pin2).setText("PIN again")
        for w in (self.display_name, self.pin2):
            w.setVisible(creating)
            self._form.labelForField(w).setVisible(creating)
        if creating:
            self.title.setText("Welcome — create the first admin")
            self.subtitle.setText("Nobody can use this desk yet. Choose a username and a PIN "
                                  f"({MIN_PIN} to 12 digits) for the first admin technician.")
            self.submit.setText("Create admin and sign in")
        else:
            self.title.setText("Sign in")
            self.subtitle.setText("Type your username or scan your technician badge, then your PIN.")
            self.submit.setText("Sign in")
        self.submit.setAccessibleName(self.submit.text())

    def ask_new_pin(self, username: str) -> None:
        """The PIN was right but shorter than the minimum: ask for a new one before going on."""
        self.set_mode(creating=False)
        self.changing = True
        self.username.setText(username)
        self.username.setReadOnly(True)
        self.pin.clear()
        self.pin2.clear()
        self.pin2.setVisible(True)
        self._form.labelForField(self.pin2).setVisible(True)
        self._label(self.pin).setText("New PIN")
        self._label(self.pin2).setText("New PIN again")
        self.title.setText("Choose a new PIN")
        self.subtitle.setText(f"Your PIN is shorter than {MIN_PIN} digits, which is no longer "
                              f"safe enough. Choose a new PIN of {MIN_PIN} to 12 digits to "
                              "go on.")
        self.submit.setText("Change PIN and sign in")
        self.submit.setAccessibleName(self.submit.text())
        self.show_message("")
        self.pin.setFocus()

    def show_demo(self, username: str, pin: str) -> None:
        self.demo_hint.setText(f"Demo desk: sign in as “{username}”, PIN {pin}")
        self.demo_hint.show()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        # a wrapped label's height is not asked again as the card settles: give it the
        # height of its text at the card's narrowest, so the fields above never squeeze
        width = self._box.minimumWidth() - 28  # the card's margins
        self.message.setMinimumHeight(self.message.heightForWidth(width) if text else 0)

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
        if (self.creating or self.changing) and not self.pin2.text():
            self.pin2.setFocus()
            return
        self._submit()

    def _submit(self) -> None:
        if self.changing:
            self.change_pin_requested.emit(self.pin.text(), self.pin2.text())
        elif self.creating:
            self.create_admin_requested.emit(self.username.text().strip(),
                                             self.display_name.text().strip(),
                                             self.pin.text(), self.pin2.text())
        else:
            self.sign_in_requested.emit(self.username.text().strip(), self.pin.text())
