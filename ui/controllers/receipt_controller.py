"""Receipts: show, verify a scanned QR, print, open the archived PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.services.cards import ReceiptSummary, ScanInfo, summarise_receipt
from app.services.receipts import get_receipt
from ui.controllers.base import ScreenController
from ui.controllers.desk_documents import open_file
from ui.views.receipt_view import ReceiptView

if TYPE_CHECKING:
    from ui.controllers.desk import Desk


class ReceiptController(ScreenController):
    name = "receipt"
    title = "Receipt"

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk)
        self._view = ReceiptView()
        self.receipt: ReceiptSummary | None = None
        self._view.print_clicked.connect(self.print)
        self._view.open_clicked.connect(self.open_pdf)

    @property
    def view(self) -> ReceiptView:
        return self._view

    def load(self, info: ScanInfo) -> None:
        self.receipt = info.receipt
        self._view.show_receipt(info.receipt, info.receipt_number)

    def load_number(self, number: str) -> None:
        def shown(r: ReceiptSummary) -> None:
            self.receipt = r
            self._view.show_receipt(r, r.number)

        self.desk.run(lambda uow: summarise_receipt(get_receipt(uow, number)), shown, readonly=True)

    def print(self) -> None:
        if self.receipt is not None:
            self.desk.print_receipt(self.receipt.number)

    def open_pdf(self) -> None:
        if self.receipt is None or self.desk.actor is None:
            return
        from app.services.documents import archive_receipt

        ctx, actor, number = self.desk.ctx, self.desk.actor, self.receipt.number
        self.desk.ops.run_plain(lambda: archive_receipt(ctx, actor, number),
                                ok=lambda path: open_file(self.desk, path, f"Receipt {number}"),
                                err=lambda e: self.desk.notify("error", e.message))
