"""Check-in: the normal case is one confirmation; damage opens an incident; loss is one click away."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.services.cards import AssetSummary, ScanInfo
from app.services.loans import check_in, report_lost
from app.uow import UnitOfWork
from ui.controllers.base import ScreenController
from ui.views.checkin_view import CheckInView

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SCREEN_CHECK = ("screen", "Screen and body undamaged")


def checklist_for(a: AssetSummary) -> list[tuple[str, str]]:
    """What to look at when this kind of device comes back."""
    items = [(f"acc:{x}", f"{x[0].upper()}{x[1:]} returned") for x in a.accessories]
    if a.kind in ("laptop", "tablet", "phone"):
        items.append(SCREEN_CHECK)
    if not items:
        items.append(("complete", "Everything that went out has come back"))
    return items


class CheckInController(ScreenController):
    name = "checkin"
    title = "Check in"

    def __init__(self, desk: MainWindow) -> None:
        super().__init__(desk)
        self._view = CheckInView()
        self.asset: AssetSummary | None = None
        self._view.checklist_changed.connect(self._suggest)
        self._view.confirm_clicked.connect(self.confirm)
        self._view.details_clicked.connect(lambda: self.asset and self.desk.open_asset(self.asset.tag))
        self._view.lost_panel.confirmed.connect(self._lost)

    @property
    def view(self) -> CheckInView:
        return self._view

    def load(self, a: AssetSummary) -> None:
        self.asset = a
        self._view.show_asset(a, checklist_for(a))
        if a.overdue:
            self.desk.notify("warn", f"{a.tag} is overdue: it was due back on "
                                     f"{a.due_on.strftime('%-d %b %Y') if a.due_on else '?'}.")

    def reset(self) -> None:
        self.asset = None

    def offer_scan(self, info: ScanInfo) -> bool:
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
        if self._view.lost_panel.isVisible():
            return
        self.confirm()

    def confirm(self) -> None:
        if self.asset is None:
            return
        tag = self.asset.tag
        condition = self._view.condition()
        missing = [text for _k, text in self._view.missing()]
        note_parts = [self._view.note.text().strip()]
        if missing:
            note_parts.append("not right at check-in: " + "; ".join(missing))
        note = " — ".join(p for p in note_parts if p) or None
        if condition == "damaged" and not note:
            self.desk.notify("error", "Say what is damaged in the note, so the repair has a start.")
            self._view.note.setFocus()
            return

        def work(uow: UnitOfWork) -> str:
            res = check_in(uow, tag, condition=condition, note=note)
            text = f"{tag} checked in from {res.loan.person.name} — condition {condition}."
            if res.incident is not None:
                text += f" Incident #{res.incident.id} opened; the asset is marked in repair."
            return text

        def done(text: str) -> None:
            self.asset = None
            self.desk.show_screen("scan")
            self.desk.notify("ok", text)

        self.desk.run(work, done)

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
