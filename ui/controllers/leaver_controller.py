"""Leaver return: everything they hold, ticked off by scanning; signature; PIN; receipt ×2; left.

State rules (docs/ui.md): ticks are only "to be confirmed by the leaver's signature" until
they sign (nothing is saved before the PIN confirms it); someone not marked leaving is only
started after a question naming them; another leaver's card scanned mid-return asks before
the ticks go; the desk locking keeps the return for the technician who started it, and
asks anyone else whether to continue or discard it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.services.cards import PersonSummary, ScanInfo, person_summary, summarise_receipt
from app.services.leavers import leaver_return, leaving_soon
from app.services.lookup import open_loans_of
from app.services.site_scope import ListScope, list_scope
from app.services.technicians import verify_pin
from app.uow import UnitOfWork
from ink.signature import SignatureData
from ui.controllers.base import ScreenController
from ui.ops import OpError
from ui.views.leaver_view import LeaverView
from ui.widgets.common import fmt_date

if TYPE_CHECKING:
    from ui.controllers.desk import Desk


class LeaverController(ScreenController):
    name = "leaver"
    title = "Leavers"

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk)
        self._view = LeaverView(desk.people_lookup, desk.ctx.settings.signature)
        self.person: PersonSummary | None = None
        self.signature: SignatureData | None = None
        self.receipt_number: str | None = None
        #: the person is not marked leaving, and the technician confirmed them anyway
        self.confirmed_not_leaving = False
        #: the technician whose return was kept when the desk locked
        self.parked_by: str | None = None
        v = self._view
        v.leaver_picked.connect(self.load)
        v.all_schools_toggled.connect(lambda _on: self.refresh_soon())
        v.continue_clicked.connect(self.to_signature)
        v.back_clicked.connect(self.back)
        v.on_signed(self._signed)
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
        self._view.end_signature()
        self.person = None
        self.signature = None
        self.receipt_number = None
        self.confirmed_not_leaving = False
        self.parked_by = None
        self._view.clear_pin()
        self._view.clear_search()
        self._view.show_page("pick")

    # -- state rules ---------------------------------------------------------------------
    def task(self) -> str | None:
        if self.person is not None and self._view.page in ("items", "sign", "pin"):
            return f"{self.person.name}'s leaver return"
        return None

    def deactivated(self) -> None:
        if self._view.page in ("sign", "pin"):
            self.back()  # they sign again when the return is taken up again

    def locked(self, technician: str) -> None:
        """Keep a return in progress (ticks and notes; the signature is asked for again)."""
        if self.task() is None:
            self.reset()
            return
        self._view.end_signature()
        self.signature = None
        self._view.clear_pin()
        self._view.show_page("items")
        self.parked_by = technician

    def resume(self, technician: str) -> bool:
        if self.parked_by is None or self.person is None:
            return False
        person, owner = self.person, self.parked_by
        self.parked_by = None
        self.desk.show_screen("leaver")
        if owner == technician:
            self.desk.notify("info", f"{person.name}'s leaver return is as you left it: "
                                     f"{self._view.progress_text()}.")
            return True

        def answer(key: str, _typed: str) -> None:
            if key == "discard":
                self.reset()
                self.refresh_soon()
                self.desk.notify("info", f"{person.name}'s unfinished leaver return was "
                                         "discarded; nothing had been recorded.")
            else:
                self.desk.notify("info", f"{person.name}'s leaver return, continued: "
                                         f"{self._view.progress_text()}.")

        self.desk.ask(
            "Unfinished leaver return",
            f"{owner} was doing {person.name}'s leaver return ({self._view.progress_text()}) "
            "when the desk locked. Nothing has been recorded yet. Continue it, or discard it?",
            [("keep", "Continue it"), ("discard", "Discard it")], answer, safe="keep")
        return True

    def refresh_soon(self) -> None:
        site = self._view.school_choice()  # None: the desk's school's leavers

        def work(uow: UnitOfWork) -> tuple[list[tuple[str, str, str, int]], ListScope]:
            return [(p.name, p.staff_code, fmt_date(p.leaving_date) or "marked leaving",
                     len(open_loans_of(uow, p.id))) for p in leaving_soon(uow, 30, site=site)
                    ], list_scope(uow, site)

        def shown(got: tuple[list[tuple[str, str, str, int]], ListScope]) -> None:
            self._view.show_scope(got[1])
            self._view.show_soon(got[0])

        self.desk.run(work, shown, readonly=True)

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
        """Start ``code``'s return: asks first about someone not marked leaving, and before
        dropping the ticks of another leaver's return in progress."""
        def shown(p: PersonSummary) -> None:
            if p.status == "left":
                self.desk.notify("error", f"{p.name} ({p.staff_code}) is already recorded as left.")
                return
            current = self.person
            if current is not None and current.staff_code == p.staff_code and self.task():
                return  # already theirs
            if current is not None and self.task() and self._view.has_changes():
                self.desk.ask(
                    "Another leaver?",
                    f"{current.name}'s leaver return is in progress "
                    f"({self._view.progress_text()}). Leave it (nothing is recorded) and start "
                    f"{p.name}'s?",
                    [("switch", f"Start {p.name}'s"), ("stay", f"Stay with {current.name}'s")],
                    lambda key, _t: self._start(p) if key == "switch" else None)
                return
            self._start(p)

        self.desk.run(lambda uow: person_summary(uow, code), shown, readonly=True)

    def _start(self, p: PersonSummary) -> None:
        if p.status == "leaving":
            self._show(p, confirmed=False)
            return
        self.desk.ask(
            "Not marked as leaving",
            f"{p.name} ({p.staff_code}) is not marked as leaving. A leaver return records them "
            "as left and anything not handed back as not returned. Is this the right person?",
            [("yes", f"Yes, {p.name} is leaving"), ("no", "No, go back")],
            lambda key, _t: self._show(p, confirmed=True) if key == "yes" else None)

    def _show(self, p: PersonSummary, *, confirmed: bool) -> None:
        self.person = p
        self.signature = None
        self.confirmed_not_leaving = confirmed
        self.parked_by = None
        self.desk.clear_message()
        self._view.show_person(p)

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
            self.load(info.person.staff_code)  # asks before dropping this return's ticks
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
        self.desk.notify("pending", f"{a.tag} ticked as handed back — to be confirmed by "
                                    f"{self.person.name}'s signature.")

    # -- steps -------------------------------------------------------------------------------
    def primary(self) -> None:
        page = self._view.page
        if page == "items":
            self.to_signature()
        elif page == "sign":
            self._view.accept_signature()
        elif page == "pin":
            self.finish()

    def back(self) -> bool:
        page = self._view.page
        if page == "sign":
            self._view.end_signature()
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
        unsaid = [tag for tag, (how, _n) in self._view.data_states().items() if not how]
        if unsaid:
            self.desk.notify("error", "Say how the personal data was dealt with on "
                             + ", ".join(unsaid) + " (lent with personal data).")
            return
        self.desk.clear_message()
        st = self._view.states()
        back = [t for t, ok, _n in st if ok]
        kept = [t for t, ok, _n in st if not ok]
        text = f"{self.person.name}: please sign to confirm you returned " + (
            ", ".join(back) if back else "no items")
        if kept:
            text += f" and did not return {', '.join(kept)}"
        self._view.show_page("sign")
        self._view.begin_signature(text + ".", self.desk.pad)

    def _signed(self, sig: SignatureData) -> None:
        self.signature = sig
        self._view.end_signature()
        self._view.ask_pin(self.person.name if self.person else "the leaver",
                           self.desk.ctx.settings.printing.receipt_copies)

    def finish(self) -> None:
        if self.person is None or self.signature is None:
            return
        pin = self._view.typed_pin()
        code = self.person.staff_code
        st = self._view.states()
        returned = [t for t, ok, _n in st if ok]
        notes = {t: n for t, ok, n in st if n and not ok}
        data_states = self._view.data_states()
        data = {t: how for t, (how, _n) in data_states.items()}
        data_notes = {t: n for t, (_h, n) in data_states.items() if n}
        sig = self.signature
        confirmed = self.confirmed_not_leaving

        def work(uow: UnitOfWork) -> Any:
            verify_pin(uow, pin)
            receipt = leaver_return(uow, code, returned_tags=returned, notes=notes, data=data,
                                    data_notes=data_notes, signature=sig,
                                    confirm_not_leaving=confirmed)
            return summarise_receipt(receipt)

        def failed(e: OpError) -> None:
            self.desk.notify("error", e.message)
            self._view.ask_pin_again()

        self.desk.run(work, self._done, failed)

    def _done(self, r: Any) -> None:
        self.receipt_number = r.number
        person = self.person
        self._view.show_done(f"Receipt {r.number}: {person.name if person else ''} is now "
                             "recorded as left.", r.content.get("items") or [])
        self._view.show_print_status("Rendering and printing two copies…")
        self.desk.notify("ok", f"Leaver return done: receipt {r.number}.")
        self.desk.print_receipt(r.number, done=self._printed, failed=self._not_archived)
        # the e-mail copy was queued with the return: send it now, not at the next tick
        self.desk.send_notices()

    def _printed(self, outcome: Any) -> None:
        self._view.show_print_status(outcome.message)

    def _not_archived(self, e: OpError) -> None:
        """The return is committed; its receipt is not archived: say both, and the way out."""
        self._view.show_print_status(
            f"The return IS recorded (receipt {self.receipt_number}), but its receipt could not "
            f"be saved or printed: {e.message.rstrip('.')}. Nothing is lost: put that right, "
            "then press Print again to save and print it.")

    def _print(self) -> None:
        if self.receipt_number:
            self.desk.print_receipt(self.receipt_number, done=self._printed,
                                    failed=self._not_archived)

    def _open(self) -> None:
        if self.receipt_number:
            self.desk.open_receipt(self.receipt_number)

