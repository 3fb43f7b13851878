"""The asset card: load it, lend or check in from it, record encryption checks, report loss —
and every way out of its status: back in service, found, retired (and un-retired), its
incidents closed, an admin's reversal of its last check-out, check-in or leaver return."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.services.asset_status import asset_found, retire_asset, return_to_service
from app.services.cards import AssetCard, SignatureStrokes, asset_card, signature_strokes
from app.services.encryption import record_check
from app.services.incidents import close_incident, money
from app.services.loans import report_lost
from app.uow import UnitOfWork
from ui.controllers.base import ScreenController
from ui.controllers.record_editing import AssetEditing
from ui.controllers.reversing import confirm_reversal
from ui.views.asset_card_view import AssetCardView

if TYPE_CHECKING:
    from ui.controllers.desk import Desk


class AssetController(ScreenController):
    name = "asset"
    title = "Asset"

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk)
        self._view = AssetCardView()
        self.card: AssetCard | None = None
        self._view.lend_clicked.connect(self._lend)
        self._view.check_in_clicked.connect(self._check_in)
        self._view.lost_confirmed.connect(self._report_lost)
        self._view.check_saved.connect(self._save_check)
        self._view.signature_requested.connect(self.show_signature)
        v = self._view
        v.service_clicked.connect(self._back_in_service)
        v.found_confirmed.connect(self._found)
        v.retire_confirmed.connect(self._retire)
        v.close_confirmed.connect(self._close_incident)
        v.reverse_clicked.connect(self._reverse)
        v.move_confirmed.connect(self._move)
        self.editing = AssetEditing(desk, self._view)
        self.editing.saved.connect(desk.open_asset)
        v.edit_clicked.connect(self._edit)
        v.add_clicked.connect(self.editing.add)

    @property
    def view(self) -> AssetCardView:
        return self._view

    def load(self, tag: str, *, keep_input: bool = False) -> None:
        def shown(c: AssetCard) -> None:
            self.card = c
            self._view.show_card(c, keep_input=keep_input, admin=self.desk.session.is_admin)

        self.desk.run(lambda uow: asset_card(uow, tag), shown, readonly=True)

    def reload_shown(self) -> None:
        """Another desk may have lent, returned or checked it: the card again, keeping the
        encryption-check form and an open lost report as they are."""
        if self.card is not None:
            self.load(self.card.asset.tag, keep_input=True)

    def primary(self) -> None:
        if self.card is None:
            return
        if self.card.asset.status == "available":
            self._lend()
        elif self.card.asset.status == "on_loan":
            self._check_in()

    def _done(self, message: str, tag: str) -> None:
        """A change went through: say so, and show the card as it is now."""
        self.desk.notify("ok", message)
        self.load(tag)

    def _lend(self) -> None:
        if self.card is not None:
            self.desk.lend(self.card.asset)

    def _check_in(self) -> None:
        if self.card is not None:
            self.desk.check_in(self.card.asset)

    def _edit(self) -> None:
        if self.card is not None:
            self.editing.edit(self.card.asset.tag)

    def _report_lost(self, kind: str, note: str) -> None:
        if self.card is None:
            return
        tag = self.card.asset.tag

        def work(uow: UnitOfWork) -> str:
            res = report_lost(uow, tag, note=note or None, kind=kind)
            who = f" (was with {res.loan.person.name})" if res.loan else ""
            return f"{tag} recorded as {kind}{who}; incident #{res.incident.id} opened."

        self.desk.run(work, lambda msg: self._done(msg, tag))

    def _save_check(self, encrypted: bool, method: str, note: str) -> None:
        if self.card is None:
            return
        tag = self.card.asset.tag

        def work(uow: UnitOfWork) -> str:
            record_check(uow, tag, encrypted=encrypted, method=method if encrypted else None,
                         note=note or None)
            return f"Encryption check recorded for {tag}: " + ("encrypted." if encrypted else
                                                               "not encrypted.")

        self.desk.run(work, lambda msg: self._done(msg, tag))

    # -- the ways out ------------------------------------------------------------------------
    def _change(self, work: Callable[[UnitOfWork], str]) -> None:
        """Run a correction on the worker; say what happened and show the card again."""
        if self.card is None:
            return
        tag = self.card.asset.tag
        self.desk.run(work, lambda msg: self._done(msg[:1].upper() + msg[1:] + ".", tag))

    def claims_scan(self, text: str) -> bool:
        """With Move… open, a scan is the room's (or cupboard's, trolley's) label."""
        return self._view.take_location_scan(text)

    def _back_in_service(self) -> None:
        if self.card is not None:
            tag = self.card.asset.tag
            self._change(lambda uow: return_to_service(uow, tag).message)

    def _found(self, condition: str, note: str) -> None:
        if self.card is not None:
            tag = self.card.asset.tag
            self._change(lambda uow: asset_found(uow, tag, note=note or None,
                                                 condition=condition).message)

    def _move(self, location: str, home: bool) -> None:
        if self.card is not None:
            from app.services.moves import move_asset

            tag = self.card.asset.tag

            def work(uow: UnitOfWork) -> str:
                moved = move_asset(uow, tag, location, home=home)
                return f"{moved.tag} moved to {moved.now}" + (" (its home now)" if moved.home
                                                               else "")

            self._change(work)

    def _retire(self, reason: str) -> None:
        if self.card is not None:
            tag = self.card.asset.tag
            self._change(lambda uow: retire_asset(uow, tag, reason=reason).message)

    def _close_incident(self, incident_id: int, outcome: str, cost: str, note: str) -> None:
        def work(uow: UnitOfWork) -> str:
            done = close_incident(uow, incident_id, outcome, cost=cost or None, note=note or None)
            spent = f", cost {money(done.cost_pence)}" if done.cost_pence is not None else ""
            return f"incident #{done.id} closed: {done.outcome_word}{spent}"

        self._change(work)

    def _reverse(self) -> None:
        """An admin reverses the last action on this asset."""
        if self.card is None or self.card.reversible is None:
            return
        tag = self.card.asset.tag
        confirm_reversal(self.desk, self.card.reversible, tag,
                         lambda msg: self._done(msg, tag))

    def show_signature(self, signature_id: int) -> None:
        def shown(s: SignatureStrokes | None) -> None:
            if s is not None:
                self._view.show_signature(s)

        self.desk.run(lambda uow: signature_strokes(uow, signature_id), shown, readonly=True)
