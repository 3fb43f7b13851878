"""Admin → Audit anchor: check the chain and show today's anchor; print it, save it as a
PDF, or queue it in the outbox for the DPO (:mod:`app.services.anchor_sheet`). Every
check, page and message is made on the worker."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from app.evidence import AnchorReport, current_anchor
from ui.controllers.desk_documents import open_file
from ui.views.audit_anchor_view import AuditTab

if TYPE_CHECKING:
    from app.services.label_printing import LabelPrintOutcome
    from ui.controllers.desk import Desk
    from ui.ops import OpError


class AnchorAdmin(QObject):
    def __init__(self, desk: Desk, tab: AuditTab, parent: QObject | None = None) -> None:
        super().__init__(parent or tab)
        self.desk = desk
        self.tab = tab
        #: the Save as PDF dialog while it is open (tests answer it)
        self.file_dialog: QFileDialog | None = None
        #: the last address the anchor was mailed to (offered next time)
        self.last_address = ""
        tab.refresh_clicked.connect(self.show_anchor)
        tab.print_clicked.connect(self.print_sheet)
        tab.save_clicked.connect(self.choose_file)
        tab.email_clicked.connect(self.email)

    def _failed(self, error: OpError) -> None:
        self.desk.notify("error", error.message)

    def show_anchor(self) -> None:
        """Check the chain on the worker (it reads every event), then show today's anchor."""
        self.tab.checking()

        def done(r: AnchorReport) -> None:
            self.tab.show_anchor(r.ok, r.events, r.token, r.problem)
            if r.ok and self.last_address:
                self.tab.suggest_address(self.last_address)

        self.desk.run(lambda uow: current_anchor(uow.session), done, readonly=True)

    def print_sheet(self) -> None:
        from app.services.anchor_sheet import print_anchor_sheet

        actor, ctx, factory = self.desk.actor, self.desk.ctx, self.desk.printer_factory
        if actor is None:
            return

        def done(result: LabelPrintOutcome) -> None:
            self.desk.notify("ok" if result.printed else "warn", result.message)

        self.desk.notify("pending", "Printing the audit anchor…")
        self.desk.ops.run_plain(lambda: print_anchor_sheet(ctx, actor, printer_factory=factory),
                                ok=done, err=self._failed)

    def choose_file(self) -> None:
        stamp = self.desk.ctx.db.clock().strftime("%Y-%m-%d")
        suggested = Path.home() / f"audit-anchor-{stamp}.pdf"
        dialog = QFileDialog(self.tab, "Save the audit anchor as", str(suggested),
                             "PDF (*.pdf)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(str(suggested))
        dialog.fileSelected.connect(lambda path: self.save(Path(path)))
        self.file_dialog = dialog
        dialog.open()

    def save(self, target: Path) -> None:
        """Save the page to ``target`` (the dialog asked before replacing a file); never into
        the app's own data folder or over its files."""
        from app.cli.outputs import check_output
        from app.errors import InvalidInput
        from app.services.anchor_sheet import anchor_pdf, save_anchor_sheet

        self.file_dialog = None
        actor, ctx = self.desk.actor, self.desk.ctx
        if actor is None:
            return

        def work() -> Path:
            path = check_output(str(target), data_dir=ctx.paths.data_dir,
                                protected=[ctx.paths.settings_file], force=True)
            sheet = anchor_pdf(ctx, actor)
            try:
                return save_anchor_sheet(ctx, sheet, path)
            except OSError as exc:
                raise InvalidInput(f"cannot write {target}: {exc.strerror or exc}") from exc

        def done(path: Path) -> None:
            self.desk.notify("ok", f"The audit anchor is saved as {path}.")
            open_file(self.desk, path, "The audit anchor")

        self.desk.ops.run_plain(work, ok=done, err=self._failed)

    def email(self, address: str) -> None:
        from app.services.anchor_sheet import email_anchor

        actor, ctx = self.desk.actor, self.desk.ctx
        if actor is None:
            return
        if not address.strip():
            self.desk.notify("error", "Type the address to email the anchor to (your DPO's).")
            return

        def done(message: str) -> None:
            self.last_address = address.strip()
            self.desk.notify("ok", message)
            self.desk.send_notices()  # now, as the receipt copies go

        self.desk.ops.run_plain(lambda: email_anchor(ctx, actor, address), ok=done,
                                err=self._failed)
