"""A dialog that edits one record's fields, each with its own message line beneath it.

Shows only: the controller fills it (:meth:`set_values`), reads it (:meth:`values`)
and puts each service message under its field (:meth:`show_errors`). Nothing typed
is lost when a save is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.widgets.common import Form, button, label


@dataclass(frozen=True)
class FieldSpec:
    """One field: its name (the service's), the label shown, and how it is typed."""

    name: str
    label: str
    #: "line" (one line), "text" (several lines) or "choice" (``choices``: value, words)
    kind: str = "line"
    choices: tuple[tuple[str, str], ...] = ()
    hint: str = ""


class RecordFormView(QDialog):
    save_clicked = Signal()
    #: a field's text changed (its name)
    edited = Signal(str)

    def __init__(self, title: str, intro: str, specs: tuple[FieldSpec, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setObjectName("RecordForm")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        self.title = label(title, "title", name="Form title")
        outer.addWidget(self.title)
        self.intro = label(intro, "hint", name="Form help")
        outer.addWidget(self.intro)
        self.problem = label("", "overdue", name="Form problem")
        self.problem.hide()
        outer.addWidget(self.problem)
        body = QWidget()
        self.form = Form(body)
        self._fields: dict[str, QLineEdit | QComboBox | QPlainTextEdit] = {}
        self._errors: dict[str, QLabel] = {}
        for spec in specs:
            field, error = self._field(spec)
            self.form.addRow(spec.label, field)
            self.form.addRow("", error)  # its own row: the label stays level with the field
            self.form.setRowVisible(error, False)
        self.extra = QVBoxLayout()
        self.form.addRow("", self.extra)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self._body, self._scroll = body, scroll
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel = button("Cancel", "Cancel and close the form")
        self.save = button("Save", "Save", primary=True)
        row.addWidget(self.cancel)
        row.addWidget(self.save)
        outer.addLayout(row)
        self.cancel.clicked.connect(self.reject)
        self.save.clicked.connect(self.save_clicked.emit)

    def _field(self, spec: FieldSpec) -> tuple[QWidget, QLabel]:
        widget: QLineEdit | QComboBox | QPlainTextEdit
        if spec.kind == "choice":
            widget = QComboBox()
            for value, words in spec.choices:
                widget.addItem(words, value)
            widget.currentIndexChanged.connect(lambda _i, n=spec.name: self.edited.emit(n))
        elif spec.kind == "text":
            widget = QPlainTextEdit()
            widget.setTabChangesFocus(True)
            widget.setFixedHeight(84)
            widget.textChanged.connect(lambda n=spec.name: self.edited.emit(n))
        else:
            widget = QLineEdit()
            widget.textEdited.connect(lambda _t, n=spec.name: self.edited.emit(n))
        widget.setAccessibleName(spec.label)
        if spec.hint and isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.setPlaceholderText(spec.hint)
        error = label("", name=f"{spec.label} problem")
        error.setStyleSheet(f"color: {theme.ERROR}; font-weight: 700;")
        self._fields[spec.name] = widget
        self._errors[spec.name] = error
        return widget, error

    # -- what the controller uses ---------------------------------------------------------
    def set_values(self, values: dict[str, str]) -> None:
        for name, value in values.items():
            self.set_value(name, value)

    def set_value(self, name: str, value: str) -> None:
        widget = self._fields.get(name)
        if isinstance(widget, QComboBox):
            index = widget.findData(value)
            widget.setCurrentIndex(index if index >= 0 else 0)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        elif widget is not None:
            widget.setText(value)

    def value(self, name: str) -> str:
        widget = self._fields[name]
        if isinstance(widget, QComboBox):
            return str(widget.currentData() or "")
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        return widget.text()

    def values(self) -> dict[str, str]:
        return {name: self.value(name) for name in self._fields}

    def show_errors(self, errors: dict[str, str], problem: str = "") -> None:
        """Each message under its field (the first such field takes the focus); ``problem``
        (or a summary) above the form."""
        first = None
        for name, error in self._errors.items():
            text = errors.get(name, "")
            error.setText(text[:1].upper() + text[1:] if text else "")
            self.form.setRowVisible(error, bool(text))
            if text and first is None:
                first = self._fields[name]
        unplaced = [m for n, m in errors.items() if n not in self._errors]
        summary = problem or " ".join(m[:1].upper() + m[1:] + "." for m in unplaced)
        if not summary and errors:
            n = len(errors)
            summary = f"{n} field{'s' if n != 1 else ''} need{'s' if n == 1 else ''} correcting."
        self.problem.setText(summary)
        self.problem.setVisible(bool(summary))
        if first is not None:
            first.setFocus()
        self.refit()

    def refit(self) -> None:
        """Grow (within the window it belongs to) to show messages just put under fields."""
        window = self.parentWidget()
        if self.isVisible() and window is not None:
            self.fit_into(window.width(), window.height())

    def clear_errors(self) -> None:
        self.show_errors({})

    def show_form(self) -> None:
        """Open it (window-modal, not blocking) with no messages, sized to its fields."""
        self.clear_errors()
        self.set_busy(False)
        self.open()
        self.refit()
        self.focus_first()

    def fit_into(self, width: int, height: int) -> None:
        """As tall as its fields need (messages shown included), within ``width`` × ``height``
        (the desk window): a form that does not fit scrolls."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        chrome = self.sizeHint().height() - self._scroll.sizeHint().height()
        wanted = self._body.sizeHint().height() + chrome + 8
        self.resize(min(720, width - 40), max(min(360, height - 40), min(wanted, height - 40)))

    def take_scan(self, text: str) -> bool:
        """A barcode scanned while the form is open goes into the field being filled in (a
        serial or IMEI label); with no such field, the form says where to put it."""
        for name, widget in self._fields.items():
            if widget.hasFocus() and isinstance(widget, QLineEdit):
                widget.setText(text)
                widget.textEdited.emit(text)
                self.edited.emit(name)
                return True
        self.show_errors({}, f"Scanned “{text}”: click the field it is for, then scan again.")
        return True

    def set_busy(self, busy: bool) -> None:
        self.save.setEnabled(not busy)
        self.save.setText("Saving…" if busy else "Save")

    def focus_first(self) -> None:
        next(iter(self._fields.values())).setFocus()
