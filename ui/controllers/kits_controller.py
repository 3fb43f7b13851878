"""Kits: create one, fill and empty it by scanning, print its label, lend it with one
signature (to a person, or to a room with the person responsible) and take it back with a
checklist that flags missing members."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.services.cards import ScanInfo
from app.services.kit_loans import KitCheckinResult, check_in_kit, check_out_kit
from app.services.kits import (
    KitCard,
    KitRow,
    add_kit,
    add_members,
    kit_card,
    list_kits,
    remove_members,
)
from app.services.receipts import acknowledge_loans
from app.services.site_scope import ListScope, list_scope
from app.uow import UnitOfWork
from ink.signature import SignatureData
from ui.controllers.base import ScreenController
from ui.views.kits_view import KitsView

if TYPE_CHECKING:
    from ui.controllers.desk import Desk
    from ui.ops import OpError


def checkin_words(r: KitCheckinResult) -> str:
    """What a kit's check-in did, in one line (read inside its unit of work)."""
    words = [f"Kit {r.kit_tag}: {len(r.returned)} back"]
    if r.missing:
        words.append("MISSING, still on loan: " + ", ".join(
            f"{ln.asset.tag} to {r.holders[ln.asset.tag]}" for ln in r.missing))
    if r.lost:
        words.append(f"reported lost: {', '.join(r.lost)}")
    return "; ".join(words) + "."


def _cannot_go(k: KitCard) -> list[str]:
    """The members a check-out of the kit now would leave behind, and why."""
    return [f"{m.tag} is {m.state_text}" for m in k.members if m.status != "available"]


class KitsController(ScreenController):
    name = "kits"
    title = "Kits"

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk)
        self._view = KitsView(desk.people_lookup, desk.ctx.settings.signature)
        self.kit: KitCard | None = None
        self.borrower: tuple[str, str] | None = None
        #: what the signature being taken is for: lending the kit, or taking it back
        self.signing_for = "lend"
        v = self._view
        v.create_clicked.connect(self.create)
        v.all_schools_toggled.connect(lambda _on: self.refresh())
        v.kit_opened.connect(self.load)
        v.remove_clicked.connect(self._remove)
        v.label_clicked.connect(self.print_label)
        v.lend_clicked.connect(self.to_lending)
        v.return_clicked.connect(self.to_return)
        v.sign_clicked.connect(self.to_signature)
        v.checkin_clicked.connect(self.check_in)
        v.back_clicked.connect(self.back)
        v.borrower_chosen.connect(self._set_borrower)
        v.on_signed(self._signed)

    @property
    def view(self) -> KitsView:
        return self._view

    def activated(self) -> None:
        if self._view.page == "list":
            self.refresh()

    def refresh(self) -> None:
        site = self._view.school_choice()  # None: the desk's school's kits

        def shown(got: tuple[list[KitRow], ListScope]) -> None:
            self._view.show_scope(got[1])
            self._view.show_kits(got[0])

        self.desk.run(lambda uow: (list_kits(uow, site=site), list_scope(uow, site)), shown,
                      readonly=True)

    def reload_shown(self) -> None:
        page = self._view.page
        if page == "list":
            self.refresh()
        elif page == "kit" and self.kit is not None:
            self.load(self.kit.tag)

    def reset(self) -> None:
        self._view.end_signature()
        self.kit = None
        self.borrower = None
        self._view.clear_lending()
        self._view.show_borrower(None, None)
        self._view.show_page("list")

    def task(self) -> str | None:
        page = self._view.page
        if self.kit is not None and page in ("lend", "return", "sign"):
            what = "checking in" if page == "return" or (
                page == "sign" and self.signing_for == "return") else "lending"
            return f"{what} kit {self.kit.tag}"
        return None

    # -- a kit -------------------------------------------------------------------------------
    def load(self, tag: str, *, then: str = "kit") -> None:
        """Show the kit tagged ``tag`` (``then``: "return" opens its check-in)."""
        def shown(card: KitCard) -> None:
            self.kit = card
            self._view.show_card(card)
            if then == "return" and card.out_with_kit:
                self._view.show_return(card)
                self._view.show_page("return")
            elif then == "lend" and self._view.page == "lend":
                self._view.show_lending(card, _cannot_go(card))  # what another desk lent
            elif self._view.page not in ("lend", "sign", "return"):
                self._view.show_page("kit")

        self.desk.run(lambda uow: kit_card(uow, tag), shown, readonly=True)

    def open_scanned(self, card: KitCard) -> None:
        """A kit's label was scanned elsewhere: its check-in if it is out, else its card."""
        self._view.show_page("kit")
        self.load(card.tag, then="return" if card.out_with_kit else "kit")

    def create(self) -> None:
        tag, name, kind = self._view.new_kit()

        def done(card: KitCard) -> None:
            self._view.clear_new_kit()
            self.desk.notify("ok", f"Kit {card.tag} created. Scan the assets that belong in it.")
            self.kit = card
            self._view.show_card(card)
            self._view.show_page("kit")

        self.desk.run(lambda uow: add_kit(uow, tag, name, kind=kind), done)

    def _change(self, work: Any, said: str) -> None:
        def done(result: tuple[KitCard, list[str]]) -> None:
            card, changed = result
            self.kit = card
            self._view.show_card(card)
            if changed:
                self.desk.notify("ok", f"{', '.join(changed)} {said} kit {card.tag} "
                                       f"({card.summary}).")
            else:
                self.desk.notify("info", f"Nothing changed: kit {card.tag} has {card.summary}.")

        self.desk.run(work, done)

    def _remove(self, row: int) -> None:
        tag = self._view.member_tag(row)
        if self.kit is None or tag is None:
            self.desk.notify("error", "Choose the member to take out of the kit first.")
            return
        kit = self.kit.tag
        self._change(lambda uow: remove_members(uow, kit, [tag]), "taken out of")

    def print_label(self) -> None:
        from app.services.documents import render_kit_labels
        from app.services.label_printing import print_labels

        if self.kit is None or self.desk.actor is None:
            return
        ctx, actor, tag = self.desk.ctx, self.desk.actor, self.kit.tag
        factory = self.desk.printer_factory
        self.desk.ops.run_plain(
            lambda: print_labels(ctx, actor, render_kit_labels(ctx, [tag]), 1,
                                 printer_factory=factory),
            ok=lambda r: self.desk.notify("ok" if r.printed else "warn", r.message),
            err=lambda e: self.desk.notify("error", e.message))

    # -- scans -------------------------------------------------------------------------------
    def offer_scan(self, info: ScanInfo) -> bool:
        page = self._view.page
        if info.type == "kit" and info.kit is not None and page in ("list", "kit"):
            self.open_scanned(info.kit)
            return True
        if page == "kit" and self.kit is not None:
            if info.type == "asset" and info.asset is not None:
                kit, tag = self.kit.tag, info.asset.tag
                self._change(lambda uow: add_members(uow, kit, [tag]), "put in")
                return True
            if info.type == "person" and info.person is not None:
                self.to_lending()
                self._set_borrower(info.person.staff_code, info.person.name)
                return True
        if page == "lend" and info.type == "person" and info.person is not None:
            self._set_borrower(info.person.staff_code, info.person.name)
            return True
        if page == "return" and info.type == "asset" and info.asset is not None:
            if self._view.tick(info.asset.tag):
                self.desk.notify("info", f"{info.asset.tag} is back.")
            else:
                self.desk.notify("warn", f"{info.asset.tag} is not out with this kit.")
            return True
        return False

    # -- lending -----------------------------------------------------------------------------
    def _set_borrower(self, code: str, name: str) -> None:
        if self.borrower is None:
            self.desk.clear_message()  # "Choose who borrows the kit…" is answered now
        self.borrower = (code, name)
        self._view.show_borrower(code, name)

    def to_lending(self) -> None:
        k = self.kit
        if k is None:
            return
        if not k.available:
            self.desk.notify("error", f"No member of kit {k.tag} is available to lend.")
            return
        self._view.show_lending(k, _cannot_go(k))
        self._view.show_page("lend")

    def to_signature(self) -> None:
        k = self.kit
        if k is None:
            return
        if self.borrower is None:
            self.desk.notify("error", "Choose who borrows the kit (or is responsible for it in "
                                      "the room): scan their staff card or type their name.")
            return
        room, _personal, rest = self._view.lending_choices()
        if len(k.available) != len(k.members) and not rest:
            self.desk.notify("error", f"Some members of kit {k.tag} cannot go: tick \"Lend "
                                      "the others without them\", or wait until they are back.")
            return
        where = f" in {room}" if room else ""
        self.signing_for = "lend"
        self._view.show_page("sign")
        self._view.begin_signature(
            f"{self.borrower[1]}: please sign for kit {k.tag} {k.name} "
            f"({len(k.available)} items){where}.", self.desk.pad)

    def _signed(self, sig: SignatureData) -> None:
        if self.signing_for == "return":
            self._view.end_signature()
            self._check_in(sig)
            return
        k, who = self.kit, self.borrower
        assert k is not None and who is not None
        self._view.end_signature()
        room, personal, rest = self._view.lending_choices()

        def work(uow: UnitOfWork) -> tuple[str, list[int]]:
            res = check_out_kit(uow, k.tag, who[0], lend_rest=rest, signature=sig,
                                personal_data=personal, to_location=room or None)
            left = f" Left behind: {', '.join(u.tag for u in res.skipped)}." if res.skipped \
                else ""
            to = f"{room} (responsible: {who[1]})" if room else who[1]
            return (f"Kit {k.tag} lent to {to}: {', '.join(res.tags)}.{left}",
                    [ln.id for ln in res.result.loans])

        def done(lent: tuple[str, list[int]]) -> None:
            text, loan_ids = lent
            self.desk.notify("ok", text)
            self.borrower = None
            self._view.clear_lending()
            self._view.show_borrower(None, None)
            self._view.show_page("kit")
            self.load(k.tag)
            self.desk.run(lambda uow: acknowledge_loans(uow, loan_ids),
                          lambda number: self.desk.print_receipt(number),
                          lambda e: self.desk.notify(
                              "error", f"The kit is lent, but the acknowledgement could not be "
                                       f"recorded: {e.message}"))

        def failed(e: OpError) -> None:
            # another desk may have lent a member meanwhile: the page says which, and offers
            # "Lend the others without them"
            self.desk.notify("error", e.message)
            self._view.show_page("lend")
            self.load(k.tag, then="lend")

        self.desk.run(work, done, failed)

    # -- taking it back ----------------------------------------------------------------------
    def to_return(self) -> None:
        if self.kit is None or not self.kit.out_with_kit:
            return
        self._view.show_return(self.kit)
        self._view.show_page("return")

    def check_in(self) -> None:
        """Take the ticked members back; first the borrower's signature when the
        ``signature.on_return`` setting asks for one."""
        k = self.kit
        if k is None:
            return
        back = [m for m in k.out_with_kit if m.tag not in self._view.unticked()]
        personal = any(m.personal_data for m in back)
        if back and self.desk.ctx.settings.signature.needed_on_return(personal):
            holder = back[0].holder or "The borrower"
            self.signing_for = "return"
            self._view.show_page("sign")
            self._view.begin_signature(
                f"{holder}: please sign for returning {len(back)} item"
                f"{'s' if len(back) != 1 else ''} of kit {k.tag} "
                f"({', '.join(m.tag for m in back)}).", self.desk.pad)
            return
        self._check_in(None)

    def _check_in(self, sig: SignatureData | None) -> None:
        k = self.kit
        if k is None:
            return
        missing, lost = self._view.unticked(), self._view.missing_lost()
        data = self._view.data_handling()

        def work(uow: UnitOfWork) -> tuple[bool, str, str | None]:
            r = check_in_kit(uow, k.tag, missing=missing, report_missing_lost=lost, data=data,
                             signature=sig)
            return bool(r.missing or r.lost), checkin_words(r), \
                r.receipt.number if r.receipt else None

        def done(result: tuple[bool, str, str | None]) -> None:
            short, text, receipt = result
            self.desk.notify("warn" if short else "ok", text)
            self._view.show_page("kit")
            self.load(k.tag)
            if receipt:
                self.desk.print_receipt(receipt)

        def failed(e: OpError) -> None:
            self.desk.notify("error", e.message)
            self._view.show_page("return")

        self.desk.run(work, done, failed)

    # -- keys --------------------------------------------------------------------------------
    def primary(self) -> None:
        page = self._view.page
        if page == "list":
            self.create()
        elif page == "kit":
            self.to_lending()
        elif page == "lend":
            self.to_signature()
        elif page == "return":
            self.check_in()
        elif page == "sign":
            self._view.accept_signature()

    def back(self) -> bool:
        page = self._view.page
        if page == "sign":
            self._view.end_signature()
            self._view.show_page("return" if self.signing_for == "return" else "lend")
            return True
        if page in ("lend", "return"):
            self._view.show_page("kit")
            return True
        if page == "kit":
            self.kit = None
            self._view.show_page("list")
            self.refresh()
            return True
        return False

    def deactivated(self) -> None:
        if self._view.page == "sign":
            self._view.end_signature()
            self._view.show_page("return" if self.signing_for == "return" else "lend")
