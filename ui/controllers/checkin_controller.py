"""Check-in: the normal case is one confirmation; damage opens an incident; loss is one click away.

A loan made with personal data says how the data was dealt with before it is checked in;
when the ``signature.on_return`` setting asks for it, the borrower signs and a short return
receipt is made and printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.services.cards import AssetSummary, ScanInfo
from app.services.loans import check_in, report_lost
from app.uow import UnitOfWork
from ink.signature import SignatureData
from ui.controllers.base import ScreenController
from ui.views.checkin_view import CheckInView

if TYPE_CHECKING:
    from ui.controllers.desk import Desk
    from ui.ops import OpError

SCREEN_CHECK = ("screen", "Screen and body undamaged")


def checklist_for(a: AssetSummary) -> list[tuple[str, str]]:
    """What to look at when this kind of device comes back."""
    items = [(f"acc:{x}", f"{x[0].upper()}{x[1:]} returned") for x in a.accessories]
    if a.kind in ("laptop", "tablet", "phone"):
        items.append(SCREEN_CHECK)
    if not items:
        items.append(("complete", "Everything that went out has come back"))
    return items


@dataclass(frozen=True)
class _Return:
    tag: str
    condition: str
    note: str | None
    data: str | None
    data_note: str | None


class CheckInController(ScreenController):
    name = "checkin"
    title = "Check in"

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk)
        self._view = CheckInView(desk.ctx.settings.signature)
        self.asset: AssetSummary | None = None
        #: what is being checked in while the borrower signs
        self.pending: _Return | None = None
        self._view.checklist_changed.connect(self._suggest)
        self._view.confirm_clicked.connect(self.confirm)
        self._view.back_clicked.connect(self.back)
        self._view.on_signed(self._signed)
        self._view.details_clicked.connect(lambda: self.asset and self.desk.open_asset(self.asset.tag))
        self._view.lost_confirmed.connect(self._lost)

    @property
    def view(self) -> CheckInView:
        return self._view

    def load(self, a: AssetSummary) -> None:
        """Fill the screen for ``a`` (before it is shown: laid out once). An overdue loan says
        so on the holder line — "due …, OVERDUE", in bold red — not in the banner as well:
        the banner's words changing on every scan laid the whole window out again (≈ 0.3 ms
        of the scan's way to the screen, bench scan-to-screen) to repeat what the card says."""
        self.back()  # a signature in progress is for the previous asset
        self.asset = a
        self._view.show_asset(a, checklist_for(a))

    def reset(self) -> None:
        self._view.end_signature()
        self._view.show_page("form")
        self.asset = None
        self.pending = None

    def task(self) -> str | None:
        if self.asset is not None and self._view.page == "sign":
            return f"the return of {self.asset.tag}"
        return None

    def deactivated(self) -> None:
        self.back()

    def back(self) -> bool:
        if self._view.page == "sign":
            self._view.end_signature()
            self._view.show_page("form")
            self.pending = None
            return True
        return False

    def offer_scan(self, info: ScanInfo) -> bool:
        if self._view.page == "sign" and info.type in ("asset", "person"):
            self.desk.notify("warn", "The borrower is signing for this return: finish, or press "
                                     "Esc to go back, before scanning something else.")
            return True
        return False  # any scan here starts afresh (another asset opens its own check-in)

    def _suggest(self) -> None:
        missing = self._view.missing()
        if any(key == SCREEN_CHECK[0] for key, _t in missing):
            self._view.set_condition("damaged")
        elif missing:
            self._view.set_condition("incomplete")
        else:
            self._view.set_condition("ok")

    def primary(self) -> None:
        if self._view.page == "sign":
            self._view.accept_signature()
            return
        if self._view.reporting_loss():
            return
        self.confirm()

    def confirm(self) -> None:
        if self.asset is None:
            return
        tag = self.asset.tag
        condition = self._view.condition()
        missing = [text for _k, text in self._view.missing()]
        note_parts = [self._view.note_text()]
        if missing:
            note_parts.append("not right at check-in: " + "; ".join(missing))
        note = " — ".join(p for p in note_parts if p) or None
        if condition == "damaged" and not note:
            self.desk.notify("error", "Say what is damaged in the note, so the repair has a start.")
            self._view.focus_note()
            return
        data = self._view.data_handling() if self.asset.personal_data else None
        if self.asset.personal_data and data is None:
            self.desk.notify("error", f"{tag} was lent with personal data: say how it was dealt "
                                      "with (removed, wiped, or kept for a handover).")
            return
        r = _Return(tag, condition, note, data,
                    self._view.data_note_text() or None if data else None)
        if self.desk.ctx.settings.signature.needed_on_return(self.asset.personal_data):
            self.pending = r
            who = self.asset.holder_name or "The borrower"
            self._view.show_page("sign")
            self._view.begin_signature(f"{who}: please sign to confirm you returned {tag} "
                                       f"(condition {condition}).", self.desk.pad)
            return
        self._check_in(r, None)

    def _signed(self, sig: SignatureData) -> None:
        self._view.end_signature()
        if self.pending is not None:
            self._check_in(self.pending, sig)

    def _check_in(self, r: _Return, sig: SignatureData | None) -> None:
        def work(uow: UnitOfWork) -> tuple[str, str | None]:
            res = check_in(uow, r.tag, condition=r.condition, note=r.note, data=r.data,
                           data_note=r.data_note, signature=sig)
            text = f"{r.tag} checked in from {res.loan.person.name} — condition {r.condition}."
            if res.incident is not None:
                text += f" Incident #{res.incident.id} opened; the asset is marked in repair."
            if res.receipt is not None:
                text += f" Return receipt {res.receipt.number}."
            return text, res.receipt.number if res.receipt else None

        def done(answer: tuple[str, str | None]) -> None:
            text, number = answer
            self.reset()
            self.desk.show_screen("scan")
            self.desk.notify("ok", text)
            if number is not None:
                self.desk.print_receipt(number)

        def failed(e: OpError) -> None:
            self.back()
            self.desk.notify("error", e.message)

        self.desk.run(work, done, failed)

    def _lost(self, kind: str, note: str) -> None:
        if self.asset is None:
            return
        tag = self.asset.tag

        def work(uow: UnitOfWork) -> str:
            res = report_lost(uow, tag, note=note or None, kind=kind)
            who = f" from {res.loan.person.name}" if res.loan else ""
            return f"{tag}{who} recorded as {kind}; incident #{res.incident.id} opened."

        def done(text: str) -> None:
            self.asset = None
            self.desk.show_screen("scan")
            self.desk.notify("ok", text)

        self.desk.run(work, done)
