"""Leaver return: everything they hold, ticked off by scanning; signature; PIN; receipt ×2; left."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.services.cards import PersonSummary, ScanInfo, person_summary, summarise_receipt
from app.services.leavers import leaver_return, leaving_soon
from app.services.lookup import open_loans_of
from app.services.technicians import verify_pin
from app.signatures import SignatureData
from app.uow import UnitOfWork
from ui.controllers.base import ScreenController
from ui.ops import OpError
from ui.views.leaver_view import LeaverView
from ui.widgets.common import fmt_date

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class LeaverController(ScreenController):
    name = "leaver"
    title = "Leavers"

    def __init__(self, desk: MainWindow) -> None:
        super().__init__(desk)
        self._view = LeaverView(desk.people_lookup, desk.ctx.settings.signature)
        self.person: PersonSummary | None = None
        self.signature: SignatureData | None = None
        self.receipt_number: str | None = None
        v = self._view
        v.leaver_picked.connect(self.load)
        v.continue_clicked.connect(self.to_signature)
        v.back_clicked.connect(self.back)
        v.signature.accepted.connect(self._signed)
        v.finish_clicked.connect(self.finish)
        v.print_clicked.connect(self._print)
        v.open_clicked.connect(lambda: self.receipt_number and self._open())

    @property
    def view(self) -> LeaverView:
        return self._view

    def activated(self) -> None:
        if self._view.page in ("pick", "done"):
            self.reset()
            self.refresh_soon()

    def reset(self) -> None:
        self._view.signature.end()
        self.person = None
        self.signature = None
        self.receipt_number = None
        self._view.pin.clear()
        self._view.search.clear()
        self._view.show_page("pick")

    def refresh_soon(self) -> None:
        def work(uow: UnitOfWork) -> list[tuple[str, str, str, int]]:
            return [(p.name, p.staff_code, fmt_date(p.leaving_date) or "marked leaving",
                     len(open_loans_of(uow, p.id))) for p in leaving_soon(uow, 30)]

        self.desk.run(work, self._view.show_soon, readonly=True)

    def reload_shown(self) -> None:
        """The leaving-soon list (the search typed is kept), or the leaver's items with the
        ticks and notes made so far; nothing while they sign or the PIN is entered."""
        page = self._view.page
        if page == "pick":
            self.refresh_soon()
        elif page == "items" and self.person is not None:
            code = self.person.staff_code

            def shown(p: PersonSummary) -> None:
                if self._view.page != "items" or self.person is None or \
                        self.person.staff_code != p.staff_code:
                    return
                if p.status == "left":
                    self.desk.notify("warn", f"{p.name} ({p.staff_code}) was recorded as left at "
                                             "another desk.")
                    self.reset()
                    self.refresh_soon()
                    return
                self.person = p
                self._view.update_person(p)

            self.desk.run(lambda uow: person_summary(uow, code), shown, readonly=True)

    def load(self, code: str) -> None:
        def shown(p: PersonSummary) -> None:
            if p.status == "left":
                self.desk.notify("error", f"{p.name} ({p.staff_code}) is already recorded as left.")
                return
            self.person = p
            self.signature = None
            self._view.show_person(p)

        self.desk.run(lambda uow: person_summary(uow, code), shown, readonly=True)

    # -- scans -----------------------------------------------------------------------------
    def offer_scan(self, info: ScanInfo) -> bool:
        page = self._view.page
        if page == "pick":
            if info.type == "person" and info.person is not None:
                self.load(info.person.staff_code)
                return True
            return False
        if page == "items" and info.type == "asset" and info.asset is not None:
            self.tick(info)
            return True
        if page == "items" and info.type == "person" and info.person is not None:
            self.load(info.person.staff_code)
            return True
        if page in ("sign", "pin") and info.type in ("asset", "person"):
            self.desk.notify("warn", "Finish this leaver's return first (or press Esc to go back).")
            return True
        return False

    def tick(self, info: ScanInfo) -> None:
        assert info.asset is not None and self.person is not None
        a = info.asset
        row = self._view.row_of(a.tag)
        if row < 0:
            if a.holder_name:
                msg = (f"{a.tag} is not {self.person.name}'s: it is on loan to {a.holder_name} "
                       f"({a.holder_code}). Keep it aside and return it separately.")
            else:
                msg = f"{a.tag} is not on loan to {self.person.name} (it is not on loan at all)."
            self.desk.notify("error", msg)
            return
        box = self._view.returned_box(row)
        if box.isChecked():
            self.desk.notify("warn", f"{a.tag} is already ticked as handed back.")
            return
        box.setChecked(True)
        self.desk.notify("ok", f"{a.tag} handed back.")

    # -- steps -------------------------------------------------------------------------------
    def primary(self) -> None:
        page = self._view.page
        if page == "items":
            self.to_signature()
        elif page == "sign":
            self._view.signature.accept()
        elif page == "pin":
            self.finish()

    def back(self) -> bool:
        page = self._view.page
        if page == "sign":
            self._view.signature.end()
            self._view.show_page("items")
            return True
        if page == "pin":
            self._view.show_page("items")
            return True
        if page == "items":
            self.reset()
            self.refresh_soon()
            return True
        return False

    def to_signature(self) -> None:
        if self.person is None:
            return
        missing = [tag for tag, ok, note in self._view.states() if not ok and not note]
        if missing:
            self.desk.notify("error", "Write a note for each item not handed back: "
                             + ", ".join(missing) + ".")
            return
        self.desk.banner.clear()
        st = self._view.states()
        back = [t for t, ok, _n in st if ok]
        kept = [t for t, ok, _n in st if not ok]
        text = f"{self.person.name}: please sign to confirm you returned " + (
            ", ".join(back) if back else "no items")
        if kept:
            text += f" and did not return {', '.join(kept)}"
        self._view.show_page("sign")
        self._view.signature.begin(text + ".", self.desk.pad)

    def _signed(self, sig: SignatureData) -> None:
        self.signature = sig
        self._view.signature.end()
        self._view.ask_pin(self.person.name if self.person else "the leaver",
                           self.desk.ctx.settings.printing.receipt_copies)

    def finish(self) -> None:
        if self.person is None or self.signature is None:
            return
        pin = self._view.pin.text()
        code = self.person.staff_code
        st = self._view.states()
        returned = [t for t, ok, _n in st if ok]
        notes = {t: n for t, ok, n in st if n and not ok}
        sig = self.signature

        def work(uow: UnitOfWork) -> Any:
            verify_pin(uow, pin)
            receipt = leaver_return(uow, code, returned_tags=returned, notes=notes, signature=sig)
            return summarise_receipt(receipt)

        def failed(e: OpError) -> None:
            self.desk.notify("error", e.message)
            self._view.pin.clear()
            self._view.pin.setFocus()

        self.desk.run(work, self._done, failed)

    def _done(self, r: Any) -> None:
        self.receipt_number = r.number
        person = self.person
        self._view.done_text.setText(f"Receipt {r.number}: {person.name if person else ''} is now "
                                     "recorded as left.")
        items = r.content.get("items") or []
        self._view.receipt_items.set_rows([[str(i.get("tag")),
                                            " ".join(str(x) for x in (i.get("make"), i.get("model")) if x),
                                            str(i.get("outcome", "")).replace("_", " "),
                                            str(i.get("note") or "")] for i in items])
        self._view.show_page("done")
        self._view.print_status.setText("Rendering and printing two copies…")
        self.desk.notify("ok", f"Leaver return done: receipt {r.number}.")
        self.desk.print_receipt(r.number, done=self._printed)

    def _printed(self, outcome: Any) -> None:
        self._view.print_status.setText(outcome.message)

    def _print(self) -> None:
        if self.receipt_number:
            self.desk.print_receipt(self.receipt_number, done=self._printed)

    def _open(self) -> None:
        self.desk.show_screen("receipt")
        self.desk.controller("receipt").load_number(self.receipt_number)

