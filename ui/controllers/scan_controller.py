"""The Scan screen: typed text is treated as a scan; partial text searches people and assets."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.services.search import search_assets, search_people
from app.services.site_scope import ListScope, list_scope
from app.uow import UnitOfWork
from ui.controllers.base import ScreenController
from ui.views.scan_view import ScanView

if TYPE_CHECKING:
    from app.services.places import PlaceLabel
    from ui.controllers.desk import Desk


class ScanController(ScreenController):
    name = "scan"
    title = "Scan"

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk)
        self._view = ScanView()
        self._view.submitted.connect(lambda text: self.desk.handle_scan(text))
        self._view.picked.connect(lambda code: self.desk.handle_scan(code))
        self._view.search_changed.connect(self.search)
        self._view.all_schools_toggled.connect(lambda _on: self.search(self._view.entry_text()))
        #: how many schools (asked with the first search: the "All schools" box shows for
        #: several; a type-ahead search itself costs no extra round trip)
        self._scope: ListScope | None = None
        #: the Stocktake screen on the room whose label was scanned last (None: none shown)
        self._stocktake: Callable[[], None] | None = None
        self._view.count_clicked.connect(lambda: self._stocktake() if self._stocktake else None)

    @property
    def view(self) -> ScanView:
        return self._view

    def activated(self) -> None:
        self._view.reset()

    def reset(self) -> None:
        self._view.reset()

    def show_unknown(self, text: str, layout_mismatch: bool = False) -> None:
        self._view.show_unknown(text, layout_mismatch)
        self.search(text)

    def show_place(self, place: PlaceLabel, stocktake: Callable[[], None] | None) -> None:
        """A room's label was scanned: what it is, and (``stocktake``) a button to count it."""
        self._stocktake = stocktake
        self._view.show_place(f"{place.words()}.", place.code if stocktake else None)

    def search(self, text: str) -> None:
        if len(text) < 2:
            self._view.show_matches([], [])
            return

        site = self._view.school_choice()  # None: the desk's school's
        ask_scope = self._scope is None

        def work(uow: UnitOfWork):  # type: ignore[no-untyped-def]
            return (search_people(uow, text, site=site), search_assets(uow, text, site=site),
                    list_scope(uow, site) if ask_scope else None)

        def done(found) -> None:  # type: ignore[no-untyped-def]
            if found[2] is not None:
                self._scope = found[2]
                self._view.show_school_scope(found[2])
            if self._view.entry_text() == text:
                self._view.show_matches(found[0], found[1])

        self.desk.run(work, done, readonly=True)
