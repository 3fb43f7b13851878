"""Check-out: gather items and a borrower, apply the encryption gate, sign, lend, acknowledge.

State rules (docs/ui.md): Cancel or Esc clears the items and the borrower. A check-out left
behind — another screen shown, the desk locked, or untouched for
``kiosk.checkout_pause_seconds`` — is never continued silently: the next item scanned
starts a fresh check-out, or, when a borrower is named, the desk asks whether to add it to
their check-out; a borrower chosen then is asked about too. Removing every item clears the
borrower. Choosing the borrower goes to the loan details, never straight to signing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from app.clock import local_date
from app.services.borrowers import BorrowerFacts, borrower_facts
from app.services.cards import AssetSummary, ScanInfo, gate_blocks
from app.status_words import lent_to_with_code
from ink.signature import SignatureData
from ui.controllers.base import ScreenController
from ui.controllers.lending import LendRequest, lend_and_acknowledge
from ui.views.checkout_view import CheckOutView

if TYPE_CHECKING:
    from ui.controllers.desk import Desk


class CheckOutController(ScreenController):
    name = "checkout"
    title = "Lend"

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk)
        self._view = CheckOutView(desk.people_lookup, desk.ctx.settings.signature)
        self.items: list[AssetSummary] = []
        self.borrower: tuple[str, str] | None = None
        self.due_touched = False
        self.receipt_number: str | None = None
        #: the borrower's leaving date and overdue items (None: no borrower yet)
        self.facts: BorrowerFacts | None = None
        #: when the check-out was last changed (desk clock), and whether it was left behind
        self._touched_at: dt.datetime | None = None
        self._left = False
        v = self._view
        v.borrower_chosen.connect(self.set_borrower)
        v.cancel_clicked.connect(self.cancel)
        v.change_borrower.connect(self._change_borrower)
        v.remove_clicked.connect(self._remove)
        v.continue_clicked.connect(self.to_signature)
        v.back_clicked.connect(self.back)
        v.on_signed(self._signed)
        v.print_clicked.connect(self._print)
        v.new_clicked.connect(lambda: self.desk.show_screen("scan"))
        v.personal_data_changed.connect(lambda _on: self._refresh())
        v.due_changed.connect(self._due_changed)

    @property
    def view(self) -> CheckOutView:
        return self._view

    # -- state -----------------------------------------------------------------------
    def reset(self) -> None:
        self._view.end_signature()
        self.items = []
        self.borrower = None
        self.facts = None
        self.due_touched = False
        self.receipt_number = None
        self._touched_at = None
        self._left = False
        self._view.reset()
        self._refresh()

    def activated(self) -> None:
        if self._view.page == "done":
            self.reset()
        if not self.borrower:
            self._view.focus_search()

    def deactivated(self) -> None:
        if self._view.page == "sign":
            self.back()  # the signature is taken again when they come back
        self._left = self.has_work()

    def today(self) -> dt.date:
        return local_date(self.desk.ctx.db.clock())

    # -- state rules ---------------------------------------------------------------------
    def has_work(self) -> bool:
        return bool(self.items or self.borrower) and self._view.page != "done"

    def task(self) -> str | None:
        return "this check-out" if self.has_work() else None

    def left_behind(self) -> bool:
        """Started, then left: another screen shown, or untouched for the pause setting."""
        if not self.has_work():
            return False
        if self._left:
            return True
        pause = self.desk.ctx.settings.kiosk.checkout_pause_seconds
        now = self.desk.ctx.db.clock()
        return self._touched_at is not None and (now - self._touched_at).total_seconds() >= pause

    def _touch(self) -> None:
        self._touched_at = self.desk.ctx.db.clock()
        self._left = False

    def _what_was_started(self) -> str:
        tags = ", ".join(a.tag for a in self.items) or "no items yet"
        who = f"for {self.borrower[1]}" if self.borrower else "with no borrower"
        return f"{tags}, {who}"

    def _start_fresh(self) -> str:
        """Clear a check-out left behind; what was cleared, for the banner."""
        cleared = self._what_was_started()
        self.reset()
        return f"The unfinished check-out ({cleared}) was cleared; nothing had been lent."

    def cancel(self) -> None:
        """Cancel (button or Esc): nothing is lent, items and borrower are cleared."""
        had = self.has_work()
        self.reset()
        self.desk.show_screen("scan")
        if had:
            self.desk.notify("info", "Check-out cancelled: nothing was lent.")

    # -- items ---------------------------------------------------------------------------
    def add_asset(self, a: AssetSummary) -> None:
        if self._view.page == "done":
            self.reset()
        if self._view.page == "sign":
            self.back()
        if any(x.tag == a.tag for x in self.items):
            self.desk.notify("warn", f"{a.tag} is already in this check-out.")
            return
        if a.status != "available":
            who = f" to {lent_to_with_code(a.holder_name, a.holder_code)}" if a.holder_name \
                else ""
            self.desk.notify("error", f"{a.tag} is {a.status_word.lower()}{who} and cannot be lent.")
            return
        if not self.left_behind():
            self._append(a)
            return
        if self.borrower is None:
            self._append(a, self._start_fresh())
            return
        first = self.borrower[1].split()[0]
        started = ", ".join(x.tag for x in self.items) or "no items yet"
        self.desk.ask(
            "Add to the unfinished check-out?",
            f"A check-out for {self.borrower[1]} ({started}) was left unfinished. Add {a.tag} "
            f"to it, or start a new check-out with {a.tag}?",
            [("add", f"Add to {first}'s check-out"), ("new", "Start a new check-out"),
             ("none", "Neither")],
            lambda answer, _t: self._resume_with(answer, a))

    def _resume_with(self, answer: str, a: AssetSummary) -> None:
        if answer == "add":
            self._append(a)
        elif answer == "new":
            self._append(a, self._start_fresh())
        else:
            self.desk.notify("info", f"{a.tag} was not added; the check-out is as it was.")

    def _append(self, a: AssetSummary, before: str = "") -> None:
        self.items.append(a)
        self._touch()
        who = self.borrower[1] if self.borrower else "the borrower"
        self.desk.notify("pending", (before + " " if before else "")
                         + f"{a.tag} added: {a.kind_word} {a.title}, {a.encryption_label}. "
                         f"It is lent once {who} signs.")
        self._refresh()

    def _remove(self, row: int) -> None:
        if 0 <= row < len(self.items):
            del self.items[row]
            self.desk.clear_message()  # what it said was about the check-out as it was
            self._touch()
            if not self.items:  # nothing left to lend: the borrower goes too
                self._clear_borrower()
            self._refresh()

    # -- borrower ------------------------------------------------------------------------
    def set_borrower(self, code: str, name: str) -> None:
        """Choose the borrower (type-ahead, a scanned card, the person card): their facts are
        read on the worker first (left? leaving when? overdue items?)."""
        self.desk.run(lambda uow: borrower_facts(uow, code), self._borrower_known, readonly=True)

    def set_borrower_from(self, info: ScanInfo) -> None:
        assert info.person is not None
        self.set_borrower(info.person.staff_code, info.person.name)

    def _borrower_known(self, f: BorrowerFacts) -> None:
        if f.refusal:
            self.desk.notify("error", f.refusal[:1].upper() + f.refusal[1:] + ".")
            return
        changing = self.borrower is None or self.borrower[0] != f.staff_code
        if self.items and changing and self.left_behind():
            first = f.name.split()[0]
            self.desk.ask(
                f"Lend to {f.name}?",
                f"A check-out was left unfinished ({self._what_was_started()}). Lend "
                f"{', '.join(a.tag for a in self.items)} to {f.name}, or start a new check-out "
                f"for {f.name}?",
                [("keep", f"Lend them to {first}"), ("new", f"New check-out for {first}"),
                 ("none", "Neither")],
                lambda answer, _t: self._borrower_answer(answer, f))
            return
        self._show_borrower(f)

    def _borrower_answer(self, answer: str, f: BorrowerFacts) -> None:
        if answer == "keep":
            self._show_borrower(f)
        elif answer == "new":
            cleared = self._start_fresh()
            self._show_borrower(f)
            self.desk.notify("info", cleared)
        else:
            self.desk.notify("info", f"{f.name} was not made the borrower; the check-out is as "
                                     "it was.")

    def _show_borrower(self, f: BorrowerFacts) -> None:
        before = self.borrower
        self.borrower = (f.staff_code, f.name)
        self.facts = f
        notes = f.notes()
        self._view.show_borrower(f.staff_code, f.name, notes, f.leaving_date)
        self._touch()
        self._refresh()
        self._view.focus_details()
        if notes:
            self.desk.notify("warn", " ".join(notes))
        elif before is not None and before[0] != f.staff_code:
            self.desk.notify("info", f"The borrower is now {f.name} (it was {before[1]}).")
        else:
            self.desk.clear_message()

    def _clear_borrower(self) -> None:
        self.borrower = None
        self.facts = None
        self.due_touched = False
        self._view.show_borrower(None, None)

    def _change_borrower(self) -> None:
        self._clear_borrower()
        self._touch()
        self._refresh()
        self._view.focus_search()

    def _due_changed(self) -> None:
        self.due_touched = True
        self._touch()

    def default_due(self) -> dt.date:
        days = min((a.default_days for a in self.items), default=14)
        due = self.today() + dt.timedelta(days=days)
        if self.facts is not None and self.facts.leaving_date is not None:
            due = min(due, self.facts.leaving_date)
        return due

    def blocked(self) -> list[AssetSummary]:
        personal = self._view.personal_data()
        return [a for a in self.items if gate_blocks(a, personal)]

    def _refresh(self) -> None:
        if not self.due_touched:
            self._view.set_due(self.default_due())
        self._view.show_items(self.items)
        self._view.show_gate(self.blocked(), self.desk.session.is_admin)

    # -- scans ------------------------------------------------------------------------
    def offer_scan(self, info: ScanInfo) -> bool:
        if self._view.page == "done":
            return False
        if info.type == "asset" and info.asset is not None:
            if info.asset.status == "on_loan" and not self.items and not self.borrower:
                return False  # nothing started here: let the desk open the check-in
            self.add_asset(info.asset)
            return True
        if info.type == "person" and info.person is not None:
            if self._view.page == "sign":
                self.desk.notify("warn", "Finish or go back from the signature before changing "
                                         "the borrower.")
                return True
            self.set_borrower_from(info)
            return True
        return False

    # -- steps --------------------------------------------------------------------------
    def problems(self) -> str | None:
        if not self.items:
            return "Scan at least one asset label to lend."
        if not self.borrower:
            return "Choose the borrower: scan their staff card or type part of their name."
        if self._view.due_date() < self.today():
            return "The due date is in the past."
        blocked = self.blocked()
        if blocked:
            if not self.desk.session.is_admin:
                return ("The encryption policy refuses this loan: "
                        + ", ".join(a.tag for a in blocked)
                        + " is not verified as encrypted. Untick personal data or ask an admin.")
            if not self._view.override_reason():
                return "Give a reason for the override, or untick personal data."
        return None

    def primary(self) -> None:
        page = self._view.page
        if page == "details":
            self.to_signature()
        elif page == "sign":
            self._view.accept_signature()
        else:
            self.desk.show_screen("scan")

    def to_signature(self) -> None:
        problem = self.problems()
        if problem:
            self.desk.notify("error", problem)
            return
        assert self.borrower is not None
        self.desk.clear_message()
        tags = ", ".join(a.tag for a in self.items)
        self._view.show_page("sign")
        self._view.begin_signature(
            f"{self.borrower[1]}: please sign for {tags}, due back {self._view.summary()}.",
            self.desk.pad)

    def back(self) -> bool:
        if self._view.page == "sign":
            self._view.end_signature()
            self._view.show_page("details")
            return True
        if self._view.page == "details" and self.has_work():
            self.cancel()
            return True
        return False

    def _signed(self, sig: SignatureData) -> None:
        assert self.borrower is not None
        self._view.end_signature()
        tags = [a.tag for a in self.items]
        code = self.borrower[0]
        due = self._view.due_date()
        due_arg = None if (not self.due_touched and due == self.default_due()) else due
        purpose = self._view.purpose_text() or None
        personal = self._view.personal_data()
        reason = self._view.override_reason() or None if self.blocked() else None

        def done(text: str, number: str | None) -> None:
            self.receipt_number = number
            if number is None:  # the loans stand; only the acknowledgement record is missing
                self._view.show_done("The items are lent; no acknowledgement was recorded.")
                return
            self.desk.notify("ok", text)
            self._view.show_done(text + f"\nAcknowledgement {number}.")

        def failed(message: str) -> None:
            self.desk.notify("error", message)
            self._view.show_page("details")

        lend_and_acknowledge(self.desk, LendRequest(tags, code, due_arg, purpose, personal,
                                                    reason, sig, self._view.room_code() or None),
                             done, failed)

    def _print(self) -> None:
        if self.receipt_number:
            self.desk.print_receipt(self.receipt_number)

