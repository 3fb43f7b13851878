"""The form that adds one member of staff or edits one, including their leaving date and,
for someone who has left, making them active again with a reason."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from ui import theme
from ui.views.record_form_view import FieldSpec, RecordFormView
from ui.widgets.common import label

PERSON_SPECS = (
    FieldSpec("staff_code", "Staff code", hint="as in the MIS, e.g. JDO"),
    FieldSpec("first_name", "First name"),
    FieldSpec("last_name", "Last name"),
    FieldSpec("email", "Email", hint="name@school.org.uk"),
    FieldSpec("department", "Department"),
    FieldSpec("badge_code", "Badge", hint="what their ID card's barcode carries"),
    FieldSpec("leaving_date", "Leaving date", hint="DD/MM/YYYY (blank: not leaving)"),
)


class PersonFormView(RecordFormView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Add a member of staff", "", PERSON_SPECS, parent)
        self.reactivate = QCheckBox("Make them active again (they have left)")
        self.reactivate.setAccessibleName("Make them active again")
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Why they are active again")
        self.reason.setPlaceholderText("Why: rejoined, recorded as left by mistake…")
        self.reason_error = label("", name="Reason problem")
        self.reason_error.setStyleSheet(f"color: {theme.ERROR}; font-weight: 700;")
        for w in (self.reactivate, self.reason, self.reason_error):
            self.extra.addWidget(w)
            w.hide()
        self.reactivate.toggled.connect(self._reactivate_toggled)

    def for_adding(self) -> None:
        self.setWindowTitle("Add a member of staff")
        self.title.setText("Add a member of staff")
        self.intro.setText("A leaving date marks them leaving: they can borrow until then.")
        self._show_reactivate(False)

    def for_editing(self, name: str, status_words: str, has_left: bool) -> None:
        self.setWindowTitle(f"Edit {name}")
        self.title.setText(f"Edit {name}")
        help_text = f"Status: {status_words}. "
        help_text += ("They have left (their leaver return is done): correct their details, or "
                      "make them active again with a reason." if has_left else
                      "A leaving date marks them leaving; clearing it makes them active again.")
        self.intro.setText(help_text + " Each change is recorded in the audit log.")
        self._show_reactivate(has_left)

    def _show_reactivate(self, on: bool) -> None:
        self.reactivate.setChecked(False)
        self.reason.clear()
        self.reactivate.setVisible(on)
        self.reason.hide()
        self.reason_error.hide()

    def _reactivate_toggled(self, on: bool) -> None:
        self.reason.setVisible(on)
        self.refit()
        if on:
            self.reason.setFocus()
        else:
            self.reason_error.hide()

    def reactivation(self) -> tuple[bool, str]:
        """(make them active again, why)."""
        return self.reactivate.isChecked(), self.reason.text()

    def show_errors(self, errors: dict[str, str], problem: str = "") -> None:
        reason = errors.get("reason", "")
        self.reason_error.setText(reason[:1].upper() + reason[1:])
        self.reason_error.setVisible(bool(reason))
        super().show_errors({k: v for k, v in errors.items() if k != "reason"},
                            problem or ("Say why they are active again." if reason else ""))
        if reason and len(errors) == 1:
            self.reason.setFocus()
        self.refit()
