"""Check-in: who has it and since when (overdue in red), a short checklist, condition, how
personal data on it was dealt with (a loan made with personal data), the borrower's signature
when the ``signature.on_return`` setting asks for it, done."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.config import SignatureSettings
from app.services.cards import AssetSummary
from ui.views.asset_card_view import AssetHeader
from ui.widgets.common import button, card, label
from ui.widgets.lost_panel import LostPanel
from ui.widgets.screen import Screen
from ui.widgets.signature_step import SignatureStep, SigningView

CONDITIONS = (("ok", "OK"), ("incomplete", "Incomplete (something missing)"),
              ("damaged", "Damaged (opens an incident)"))
DATA_CHOICES = (("removed", "They removed it"), ("wiped", "IT wiped the device"),
                ("kept", "It stays, for a handover"))


class _Transparent(QWidget):
    """A plain container that paints nothing: the style sheet fills every plain ``QWidget``
    with the page's white (``QWidget { background: … }``), the whole form's area again on
    every scan, over the white of the stack under it."""


class CheckInView(SigningView, Screen):
    checklist_changed = Signal()
    confirm_clicked = Signal()
    details_clicked = Signal()
    back_clicked = Signal()
    lost_confirmed = Signal(str, str)  # kind (lost|stolen), note

    def __init__(self, signature: SignatureSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 10, 20, 10)
        # static text, short enough for any width: not word-wrapped (a wrapped label is asked
        # its height for a width in every layout pass, about a dozen on a scan)
        outer.addWidget(label("Check in", "title", wrap=False, name="Check-in"))
        # the form, or the borrower signing: shown one at a time (not a QStackedWidget, whose
        # page kept the size it had before the focused button's border grew it)
        self.form = _Transparent()
        lay = QVBoxLayout(self.form)
        lay.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.form, 1)
        self.header = AssetHeader()
        lay.addWidget(self.header)
        # -- what came back: the checklist, then (when something is not right) its condition
        # and a note, in one card. Most things come back in order: the condition (a drop-down)
        # and the note show when a tick is taken off or "Condition or note…" is pressed, not on
        # every scan (a scan shows and paints every widget of this screen)
        box, bl = card()
        bl.addWidget(label("Checklist — untick anything not right", wrap=False, name="Checklist"))
        self.checklist_box = QVBoxLayout()
        bl.addLayout(self.checklist_box)
        crow = QHBoxLayout()
        self.more = button("Condition or note…", "Condition or note")
        crow.addWidget(self.more)
        self.condition_label = label("&Condition", wrap=False, name="Condition heading")
        self.conditions = QComboBox()
        self.conditions.setAccessibleName("Condition")
        for key, text in CONDITIONS:
            self.conditions.addItem(text, key)
        self.condition_label.setBuddy(self.conditions)  # Alt+C
        crow.addWidget(self.condition_label)
        crow.addWidget(self.conditions)
        self.note = QLineEdit()
        self.note.setAccessibleName("Check-in note")
        self.note.setPlaceholderText("Note (what is missing or damaged)")
        crow.addWidget(self.note, 1)
        self._condition_parts = (self.condition_label, self.conditions, self.note)
        for w in self._condition_parts:
            w.hide()
        crow.addStretch(0)
        bl.addLayout(crow)
        lay.addWidget(box)
        # -- lent with personal data: how it was dealt with (the acceptable use policy) --------
        self.data_box, dl = card()
        dl.addWidget(label("Lent with personal data: how was it dealt with?", "",
                           name="Personal data heading"))
        drow = QHBoxLayout()
        radios = QVBoxLayout()
        self.data_group, self.data_choices = self._radios(DATA_CHOICES, "Personal data", radios)
        drow.addLayout(radios)
        self.data_note = QLineEdit()
        self.data_note.setAccessibleName("Personal data note")
        self.data_note.setPlaceholderText("Note (for a handover: for whom, until when)")
        drow.addWidget(self.data_note, 1, Qt.AlignmentFlag.AlignBottom)
        dl.addLayout(drow)
        self.data_box.hide()
        lay.addWidget(self.data_box)
        actions = QHBoxLayout()
        self.confirm = button("Check in (Enter)", "Check in", primary=True)
        self.lost = button("Report lost", "Report lost", danger=True)
        self.details = button("Asset card", "Open the asset card")
        actions.addWidget(self.confirm)
        actions.addWidget(self.lost)
        actions.addWidget(self.details)
        actions.addStretch(1)
        lay.addLayout(actions)
        self.lost_panel = LostPanel()
        lay.addWidget(self.lost_panel)
        lay.addStretch(1)
        # -- the borrower signs for the return --------------------------------------------------
        self.sign = QWidget()
        sl = QVBoxLayout(self.sign)
        sl.setContentsMargins(0, 0, 0, 0)
        self.signature = SignatureStep(signature)
        sl.addWidget(self.signature, 1)
        self.back = button("Back to the check-in", "Back to the check-in")
        sl.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        self.sign.hide()
        outer.addWidget(self.sign, 1)
        self.back.clicked.connect(self.back_clicked.emit)
        self.checks: list[QCheckBox] = []
        self.check_keys: list[str] = []
        self.confirm.clicked.connect(self.confirm_clicked.emit)
        self.more.clicked.connect(lambda: self.open_condition(focus=True))
        self.lost.clicked.connect(self.lost_panel.open)
        self.details.clicked.connect(self.details_clicked.emit)
        self.lost_panel.confirmed.connect(self.lost_confirmed)

    def _radios(self, choices: tuple[tuple[str, str], ...], name: str,
                into: QVBoxLayout) -> tuple[QButtonGroup, dict[str, QRadioButton]]:
        """One radio button a choice, in a group, named "<name>: <key>" for screen readers."""
        group = QButtonGroup(self)
        buttons: dict[str, QRadioButton] = {}
        for key, text in choices:
            rb = QRadioButton(text)
            rb.setAccessibleName(f"{name}: {key}")
            # room for the text beside the larger checked mark of the theme (its size hint is
            # the unchecked one's: a checked choice beside a stretching field was cut off)
            rb.setMinimumWidth(rb.fontMetrics().horizontalAdvance(text) + 48)
            group.addButton(rb)
            buttons[key] = rb
            into.addWidget(rb)
        return group, buttons

    def show_asset(self, a: AssetSummary, checklist: list[tuple[str, str]]) -> None:
        self.header.show_asset(a)
        # Reuse the checkboxes of the last asset (new widgets cost a style polish each,
        # most of a scan's time on this screen); build only the ones missing.
        while len(self.checks) < len(checklist):
            cb = QCheckBox()
            cb.toggled.connect(lambda _on: self.checklist_changed.emit())
            self.checklist_box.addWidget(cb)
            self.checks.append(cb)
        # each shown box's key, kept here (a Qt property set on each box per scan was an event
        # through the application's filter each)
        self.check_keys = [key for key, _text in checklist]
        for cb, (_key, text) in zip(self.checks, checklist, strict=False):
            cb.blockSignals(True)
            cb.setChecked(True)
            cb.blockSignals(False)
            cb.setText(text)
            cb.setAccessibleName(text)
            cb.show()
        for cb in self.checks[len(checklist):]:
            cb.hide()
        self.conditions.setCurrentIndex(0)  # OK
        self.note.clear()
        if self.condition_open():  # the last asset's condition or note was open: closed again
            for w in self._condition_parts:
                w.hide()
            self.more.show()
        self.data_group.setExclusive(False)
        for rb in self.data_choices.values():
            rb.setChecked(False)
        self.data_group.setExclusive(True)
        self.data_note.clear()
        self.data_box.setVisible(a.personal_data)
        self.lost_panel.hide()
        self.show_page("form")
        # Enter checks it in. Given now, while the screen is still hidden, the focus moves once,
        # from the Scan screen's field to this button; given after the switch it moved twice
        # (hiding the Scan screen hands it to the next widget in the chain, the header's Scan
        # button, first: measured, bench scan-to-screen)
        self.confirm.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def page(self) -> str:
        return "sign" if self.sign.isVisibleTo(self) else "form"

    def show_page(self, page: str) -> None:
        self.form.setVisible(page == "form")
        self.sign.setVisible(page == "sign")

    def reporting_loss(self) -> bool:
        """The lost/stolen report is open (Enter belongs to it, not to the check-in)."""
        return self.lost_panel.isVisible()

    def condition_open(self) -> bool:
        """The condition and note are showing (a tick was taken off, or asked for)."""
        return not self.note.isHidden()

    def open_condition(self, *, focus: bool = False) -> None:
        """Show the condition and the note in place of "Condition or note…"."""
        if not self.condition_open():
            had_focus = self.more.hasFocus()
            for w in self._condition_parts:
                w.show()
            self.more.hide()
            if had_focus:
                focus = True
        if focus:
            self.conditions.setFocus()

    def note_text(self) -> str:
        return self.note.text().strip()

    def focus_note(self) -> None:
        self.open_condition()
        self.note.setFocus()

    def data_note_text(self) -> str:
        """What was said about the personal data (a handover's who and why)."""
        return self.data_note.text().strip()

    def data_handling(self) -> str | None:
        """How personal data was dealt with (None: not said, or not lent with personal data)."""
        for key, rb in self.data_choices.items():
            if rb.isChecked():
                return key
        return None

    def missing(self) -> list[tuple[str, str]]:
        return [(key, cb.text()) for key, cb in zip(self.check_keys, self.checks, strict=False)
                if not cb.isChecked()]

    def condition(self) -> str:
        return str(self.conditions.currentData())

    def set_condition(self, key: str) -> None:
        """Set the condition; one other than OK (a tick taken off) shows it, with the note."""
        self.conditions.setCurrentIndex(self.conditions.findData(key))
        if key != "ok":
            self.open_condition()
