"""The admin screen's Schools & rooms tab: reads the trust's tree and runs the site and
location services on the worker; every change is audited by the service and the tree is
read again after it (a refusal says why in the banner and changes nothing)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from app.services import places, site_admin
from ui.views.places_view import PlaceLine, PlacesTab, SchoolLine

if TYPE_CHECKING:
    from app.uow import UnitOfWork
    from ui.controllers.desk import Desk

Tree = tuple[list[SchoolLine], list[PlaceLine]]


def read_tree(uow: UnitOfWork) -> Tree:
    schools = [SchoolLine(s.code, s.name, s.active, s.assets, s.people)
               for s in site_admin.list_sites(uow)]
    nodes = [PlaceLine(n.code, n.name, n.kind, n.active, n.depth, n.parent, n.site, n.assets)
             for n in site_admin.location_tree(uow)]
    return schools, nodes


class PlacesAdmin(QObject):
    def __init__(self, desk: Desk, tab: PlacesTab, parent: QObject | None = None) -> None:
        super().__init__(parent or tab)
        self.desk = desk
        self.tab = tab
        tab.refresh_clicked.connect(self.refresh)
        tab.add_school_clicked.connect(self.add_school)
        tab.add_location_clicked.connect(self.add_location)
        tab.rename_clicked.connect(self.rename)
        tab.close_clicked.connect(self.close_or_reopen)
        tab.move_clicked.connect(self.move)
        tab.labels_clicked.connect(self.save_labels)

    def refresh(self) -> None:
        self.desk.run(read_tree, lambda tree: self.tab.show_places(*tree), readonly=True)

    def _change(self, work: Callable[[UnitOfWork], str], then: Callable[[], None] | None = None
                ) -> None:
        def done(message: str) -> None:
            self.desk.notify("ok", message)
            if then is not None:
                then()
            self.refresh()

        self.desk.run(work, done)

    def add_school(self, code: str, name: str) -> None:
        self._change(lambda uow: f"School {places.add_site(uow, code, name).code} added.",
                     self.tab.clear_school_form)

    def add_location(self, code: str, name: str, kind: str, site: str, parent: str) -> None:
        def work(uow: UnitOfWork) -> str:
            loc = places.add_location(uow, site, code, name, kind=kind,
                                      parent_code=parent or None)
            return f"{loc.code} ({loc.name}) added at {site}{' in ' + parent if parent else ''}."

        self._change(work, self.tab.clear_location_form)

    def rename(self, kind: str, code: str, name: str) -> None:
        if kind == "site":
            self._change(lambda uow: f"School {site_admin.edit_site(uow, code, name=name).code} "
                                     "renamed.")
        else:
            self._change(lambda uow: f"{site_admin.edit_location(uow, code, name=name).code} "
                                     "renamed.")

    def close_or_reopen(self, kind: str, code: str, reopen: bool) -> None:
        if kind == "site":
            self._change(lambda uow: f"School {site_admin.set_site_active(uow, code, reopen).code}"
                                     f" {'reopened' if reopen else 'closed'}.")
        else:
            self._change(lambda uow: f"{site_admin.set_location_active(uow, code, reopen).code} "
                                     f"{'back in use' if reopen else 'out of use'}.")

    def move(self, code: str, into: str) -> None:
        self._change(lambda uow: f"{site_admin.move_location(uow, code, into or None).code} "
                                 f"{'moved into ' + into if into else 'moved to the top'}.")

    def save_labels(self, codes: list[str]) -> None:
        """Save the chosen locations' QR labels as a PDF (rendered on the worker)."""
        if not codes:
            return
        path, _ = QFileDialog.getSaveFileName(self.tab, "Save location labels",
                                              "location-labels.pdf", "PDF (*.pdf)")
        if not path:
            return
        self.write_labels(codes, Path(path))

    def write_labels(self, codes: list[str], path: Path) -> None:
        from app.services.documents import write_output
        from app.services.documents.labels import render_location_labels

        ctx = self.desk.ctx

        def work(_uow: UnitOfWork) -> Path:
            pdf = render_location_labels(ctx, codes, start=ctx.settings.printing.label_start)
            return write_output(path, pdf, overwrite=True)

        self.desk.run(work, lambda out: self.desk.notify(
            "ok", f"{len(codes)} location label{'s' if len(codes) != 1 else ''} saved as {out}."),
            readonly=True)
