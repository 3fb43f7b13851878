"""The person card: what they hold, what they held, their receipts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.services.cards import PersonCard, person_card
from ui.controllers.base import ScreenController
from ui.controllers.record_editing import PersonEditing
from ui.controllers.reversing import confirm_reversal
from ui.views.person_card_view import PersonCardView

if TYPE_CHECKING:
    from ui.controllers.desk import Desk


class PersonController(ScreenController):
    name = "person"
    title = "Person"

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk)
        self._view = PersonCardView()
        self.card: PersonCard | None = None
        self._view.lend_clicked.connect(self._lend)
        self._view.leaver_clicked.connect(self._leaver)
        self._view.asset_opened.connect(self.desk.open_asset)
        self._view.receipt_opened.connect(self._receipt)
        self._view.reverse_clicked.connect(self._reverse)
        self.editing = PersonEditing(desk, self._view)
        self.editing.saved.connect(desk.open_person)
        self._view.edit_clicked.connect(self._edit)
        self._view.add_clicked.connect(self.editing.add)

    @property
    def view(self) -> PersonCardView:
        return self._view

    def load(self, code: str) -> None:
        self.desk.run(lambda uow: person_card(uow, code), self._show, readonly=True)

    def reload_shown(self) -> None:
        if self.card is not None:
            self.load(self.card.person.staff_code)

    def _show(self, c: PersonCard) -> None:
        self.card = c
        self._view.show_card(c, admin=self.desk.session.is_admin)

    def primary(self) -> None:
        if self.card is not None and self.card.person.status in ("active", "leaving"):
            self._lend()

    def _edit(self) -> None:
        if self.card is not None:
            self.editing.edit(self.card.person.staff_code)

    def _reverse(self) -> None:
        """An admin reverses a mistaken leaver return."""
        if self.card is None or self.card.reversible is None:
            return
        code = self.card.person.staff_code
        confirm_reversal(self.desk, self.card.reversible, code,
                         lambda msg: self._done(msg, code))

    def _done(self, message: str, code: str) -> None:
        self.desk.notify("ok", message)
        self.load(code)

    def _lend(self) -> None:
        if self.card is not None:
            self.desk.lend_to(self.card.person.staff_code, self.card.person.name)

    def _leaver(self) -> None:
        if self.card is not None:
            self.desk.leaver_return(self.card.person.staff_code)

    def _receipt(self, number: str) -> None:
        self.desk.open_receipt(number)
