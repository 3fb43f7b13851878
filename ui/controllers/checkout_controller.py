"""Check-out: gather items and a borrower, apply the encryption gate, sign, lend, acknowledge."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from app.clock import local_date
from app.services.cards import AssetSummary, ScanInfo, gate_blocks
from app.services.loans import check_out
from app.services.receipts import loan_ack
from app.signatures import SignatureData
from app.uow import UnitOfWork
from db.models import Loan
from ui.controllers.base import ScreenController
from ui.views.checkout_view import CheckOutView

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.ops import OpError


class CheckOutController(ScreenController):
    name = "checkout"
    title = "Lend"

    def __init__(self, desk: MainWindow) -> None:
        super().__init__(desk)
        self._view = CheckOutView(desk.people_lookup, desk.ctx.settings.signature)
        self.items: list[AssetSummary] = []
        self.borrower: tuple[str, str] | None = None
        self.due_touched = False
        self.receipt_number: str | None = None
        v = self._view
        v.search.chosen.connect(self.set_borrower)
        v.change_borrower.connect(self._change_borrower)
        v.remove_clicked.connect(self._remove)
        v.continue_clicked.connect(self.to_signature)
        v.back_clicked.connect(self.back)
        v.signature.accepted.connect(self._signed)
        v.print_clicked.connect(self._print)
        v.new_clicked.connect(lambda: self.desk.show_screen("scan"))
        v.personal_data_changed.connect(lambda _on: self._refresh())
        v.due.dateChanged.connect(self._due_changed)

    @property
    def view(self) -> CheckOutView:
        return self._view

    # -- state -----------------------------------------------------------------------
    def reset(self) -> None:
        self._view.signature.end()
        self.items = []
        self.borrower = None
        self.due_touched = False
        self.receipt_number = None
        self._view.reset()
        self._refresh()

    def activated(self) -> None:
        if self._view.page == "done":
            self.reset()
        if not self.borrower:
            self._view.search.edit.setFocus()

    def today(self) -> dt.date:
        return local_date(self.desk.ctx.db.clock())

    def add_asset(self, a: AssetSummary) -> None:
        if self._view.page == "done":
            self.reset()
        if self._view.page == "sign":
            self.back()
        if any(x.tag == a.tag for x in self.items):
            self.desk.notify("warn", f"{a.tag} is already in this check-out.")
            return
        if a.status != "available":
            who = f" to {a.holder_name} ({a.holder_code})" if a.holder_name else ""
            self.desk.notify("error", f"{a.tag} is {a.status_word.lower()}{who} and cannot be lent.")
            return
        self.items.append(a)
        self.desk.notify("ok", f"{a.tag} added: {a.kind_word} {a.title}, {a.encryption_label}.")
        self._refresh()

    def set_borrower(self, code: str, name: str) -> None:
        self.borrower = (code, name)
        self._view.show_borrower(code, name)
        self._view.purpose.setFocus()
        self._refresh()

    def set_borrower_from(self, info: ScanInfo) -> None:
        p = info.person
        assert p is not None
        if p.status != "active":
            self.desk.notify("error", f"{p.name} ({p.staff_code}) is {p.status_word.lower()} and "
                                      "cannot borrow; they can only return equipment.")
            return
        self.desk.banner.clear()
        self.set_borrower(p.staff_code, p.name)

    def _change_borrower(self) -> None:
        self.borrower = None
        self._view.show_borrower(None, None)
        self._view.search.edit.setFocus()

    def _remove(self, row: int) -> None:
        if 0 <= row < len(self.items):
            del self.items[row]
            self._refresh()

    def _due_changed(self) -> None:
        self.due_touched = True

    def default_due(self) -> dt.date:
        days = min((a.default_days for a in self.items), default=14)
        return self.today() + dt.timedelta(days=days)

    def blocked(self) -> list[AssetSummary]:
        personal = self._view.personal.isChecked()
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
            if not self._view.override.text().strip():
                return "Give a reason for the override, or untick personal data."
        return None

    def primary(self) -> None:
        page = self._view.page
        if page == "details":
            self.to_signature()
        elif page == "sign":
            self._view.signature.accept()
        else:
            self.desk.show_screen("scan")

    def to_signature(self) -> None:
        problem = self.problems()
        if problem:
            self.desk.notify("error", problem)
            return
        assert self.borrower is not None
        self.desk.banner.clear()
        tags = ", ".join(a.tag for a in self.items)
        self._view.show_page("sign")
        self._view.signature.begin(
            f"{self.borrower[1]}: please sign for {tags}, due back {self._view.summary()}.",
            self.desk.pad)

    def back(self) -> bool:
        if self._view.page == "sign":
            self._view.signature.end()
            self._view.show_page("details")
            return True
        return False

    def _signed(self, sig: SignatureData) -> None:
        assert self.borrower is not None
        self._view.signature.end()
        tags = [a.tag for a in self.items]
        code = self.borrower[0]
        due = self._view.due_date()
        due_arg = None if (not self.due_touched and due == self.default_due()) else due
        purpose = self._view.purpose.text().strip() or None
        personal = self._view.personal.isChecked()
        reason = self._view.override.text().strip() or None if self.blocked() else None

        # two units of work, each run again by itself after a conflict with another desk
        # (running the check-out again once it committed would refuse it as already on loan)
        def lend(uow: UnitOfWork) -> tuple[list[int], str]:
            res = check_out(uow, tags, code, due=due_arg, purpose=purpose, personal_data=personal,
                            override_reason=reason, signature=sig)
            n = len(tags)
            due_text = res.loans[0].due_on.strftime("%a %-d %b %Y")
            return ([ln.id for ln in res.loans],
                    f"Lent {n} item{'s' if n != 1 else ''} to {res.person.name}: "
                    f"{', '.join(tags)}. Due back {due_text}.")

        def acknowledge(lent: tuple[list[int], str]) -> None:
            loan_ids, text = lent

            def ack(uow: UnitOfWork) -> tuple[str, str]:
                loans = [uow.session.get(Loan, i) for i in loan_ids]
                receipt = loan_ack(uow, [ln for ln in loans if ln is not None])
                uow.commit()
                return text, receipt.number

            self.desk.run(ack, done, ack_failed)

        def done(answer: tuple[str, str]) -> None:
            text, number = answer
            self.receipt_number = number
            self.desk.notify("ok", text)
            self._view.show_done(text + f"\nAcknowledgement {number}.")

        def ack_failed(e: OpError) -> None:
            # the loans stand; only the acknowledgement record is missing
            self.desk.notify("error", f"The items are lent, but the acknowledgement could not "
                                      f"be recorded: {e.message}")
            self._view.show_done("The items are lent; no acknowledgement was recorded.")

        def failed(e: Any) -> None:
            self.desk.notify("error", e.message)
            self._view.show_page("details")

        self.desk.run(lend, acknowledge, failed)

    def _print(self) -> None:
        if self.receipt_number:
            self.desk.print_receipt(self.receipt_number)

