"""Adding and editing one asset or one person from the desk: open the form, save it on the
worker, put each refusal under its field, and say what was saved.

Asks of the desk (:class:`ui.controllers.desk.Desk`) only to run work off the GUI thread and
to say something in the banner; the forms open over the view they were asked from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.errors import FormInvalid
from app.services.asset_records import (
    KIND_CHOICES,
    METHOD_CHOICES,
    AssetForm,
    add_asset,
    asset_form_and_status,
    default_method,
    edit_asset,
)
from app.services.person_records import (
    PersonForm,
    PersonSaved,
    add_person,
    edit_person,
    person_form,
)
from app.status_words import status_in_words, status_label
from app.uow import UnitOfWork
from ui.ops import OpError
from ui.views.asset_form_view import AssetFormView
from ui.views.person_form_view import PersonFormView
from ui.views.record_form_view import RecordFormView

if TYPE_CHECKING:
    from ui.controllers.desk import Desk


def _refused(view: RecordFormView) -> Callable[[OpError], None]:
    """Put a refusal on the form: by field when the service said which, else above it."""
    def shown(error: OpError) -> None:
        view.set_busy(False)
        if isinstance(error.original, FormInvalid):
            view.show_errors(error.original.errors)
        else:
            view.show_errors({}, error.message)
    return shown


class AssetEditing(QObject):
    """Opens the asset form; ``saved`` gives the tag as saved."""

    saved = Signal(str)

    def __init__(self, desk: Desk, parent: QWidget) -> None:
        super().__init__(parent)
        self.desk = desk
        self.view = AssetFormView(KIND_CHOICES, METHOD_CHOICES, parent)
        self.view.save_clicked.connect(self._save)
        self.view.edited.connect(self._edited)
        self._tag: str | None = None
        self._opened: AssetForm | None = None
        #: the technician chose a method: kind and make no longer change it
        self._method_chosen = False
        self._filling = False

    def add(self) -> None:
        self._tag, self._opened, self._method_chosen = None, None, False
        self._fill(AssetForm())
        self.view.for_adding()
        self.view.show_form()

    def edit(self, tag: str) -> None:
        def shown(pair: tuple[AssetForm, str]) -> None:
            form, status = pair
            self._tag, self._opened, self._method_chosen = form.tag, form, True
            self._fill(form)
            self.view.for_editing(form.tag, status_label(status))
            self.view.show_form()

        self.desk.run(lambda uow: asset_form_and_status(uow, tag), shown, readonly=True)

    def _fill(self, form: AssetForm) -> None:
        self._filling = True
        try:
            self.view.set_values(form.texts())
        finally:
            self._filling = False

    def _edited(self, name: str) -> None:
        if self._filling:
            return
        if name == "encryption_method":
            self._method_chosen = True
        elif name in ("kind", "make", "model") and not self._method_chosen:
            self._filling = True
            try:
                self.view.set_value("encryption_method", default_method(
                    self.view.value("kind"), self.view.value("make"), self.view.value("model")))
            finally:
                self._filling = False

    def _save(self) -> None:
        form = AssetForm(**self.view.values())
        tag, opened = self._tag, self._opened
        self.view.set_busy(True)

        def work(uow: UnitOfWork) -> AssetForm:
            if tag is None:
                return add_asset(uow, form)
            return edit_asset(uow, tag, form, opened)

        def done(saved: AssetForm) -> None:
            self.view.set_busy(False)
            self.view.accept()
            self.desk.notify("ok", f"{saved.tag} {'saved' if tag else 'added'}.")
            self.saved.emit(saved.tag)

        self.desk.run(work, done, _refused(self.view))


class PersonEditing(QObject):
    """Opens the person form; ``saved`` gives the staff code as saved."""

    saved = Signal(str)

    def __init__(self, desk: Desk, parent: QWidget) -> None:
        super().__init__(parent)
        self.desk = desk
        self.view = PersonFormView(parent)
        self.view.save_clicked.connect(self._save)
        self._code: str | None = None
        self._opened: PersonForm | None = None

    def add(self) -> None:
        self._code, self._opened = None, None
        self.view.set_values(PersonForm().texts())
        self.view.for_adding()
        self.view.show_form()

    def edit(self, staff_code: str) -> None:
        def shown(current: PersonSaved) -> None:
            form = current.form
            self._code, self._opened = form.staff_code, form
            self.view.set_values(form.texts())
            self.view.for_editing(f"{form.first_name} {form.last_name}",
                                  status_label(current.status),
                                  current.status == "left")
            self.view.show_form()

        self.desk.run(lambda uow: person_form(uow, staff_code), shown, readonly=True)

    def _save(self) -> None:
        form = PersonForm(**self.view.values())
        code, opened = self._code, self._opened
        reactivate, reason = self.view.reactivation()
        self.view.set_busy(True)

        def work(uow: UnitOfWork) -> PersonSaved:
            if code is None:
                return add_person(uow, form)
            return edit_person(uow, code, form, opened, reactivate=reactivate, reason=reason)

        def done(saved: PersonSaved) -> None:
            self.view.set_busy(False)
            self.view.accept()
            name = f"{saved.form.first_name} {saved.form.last_name}"
            status = status_in_words(saved.status)
            self.desk.notify("ok", f"{name} ({saved.form.staff_code}) "
                                   f"{'saved' if code else 'added'}; {status}.")
            self.saved.emit(saved.form.staff_code)

        self.desk.run(work, done, _refused(self.view))
