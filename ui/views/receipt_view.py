"""A receipt: its record, and for a scanned QR whether the paper matches the record."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from app.services.cards import ReceiptSummary
from ui.views.person_card_view import RECEIPT_KINDS
from ui.widgets.common import button, card, fmt_when, label, set_role
from ui.widgets.screen import Screen
from ui.widgets.table import Table


class ReceiptView(Screen):
    print_clicked = Signal()
    open_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 12, 20, 12)
        box, bl = card()
        self.title = label("", "title", name="Receipt")
        self.verdict = label("", name="Verification")
        self.facts = label("", name="Receipt details")
        bl.addWidget(self.title)
        bl.addWidget(self.verdict)
        bl.addWidget(self.facts)
        lay.addWidget(box)
        self.items = Table(["Tag", "Item", "Outcome", "Condition", "Note"], "Receipt items",
                           "No items on this receipt.", stretch=(1, 4))
        lay.addWidget(self.items, 1)
        row = QHBoxLayout()
        self.print = button("Print", "Print this receipt", primary=True)
        self.open = button("Open PDF", "Open the receipt PDF")
        row.addWidget(self.print)
        row.addWidget(self.open)
        row.addStretch(1)
        lay.addLayout(row)
        self.print.clicked.connect(self.print_clicked.emit)
        self.open.clicked.connect(self.open_clicked.emit)

    def show_receipt(self, r: ReceiptSummary | None, number: str | None) -> None:
        if r is None:
            self.title.setText(f"Receipt {number or ''}")
            self.verdict.setText("✗ This desk has no record of that receipt. The paper may be forged "
                                 "or from another school's system.")
            set_role(self.verdict, "badge-bad")
            self.facts.setText("")
            self.items.set_rows([])
            self.print.hide()
            self.open.hide()
            return
        self.print.show()
        self.open.show()
        self.title.setText(f"{RECEIPT_KINDS.get(r.kind, r.kind)} {r.number}")
        if r.matches is None:
            self.verdict.hide()
        else:
            self.verdict.show()
            if r.matches:
                self.verdict.setText("✓ This code is genuine — compare the items with the list "
                                     "shown: the paper's print may have been altered.")
                set_role(self.verdict, "badge-ok")
            else:
                self.verdict.setText("✗ The printed code does NOT match the record: the paper was "
                                     "altered or is not this receipt.")
                set_role(self.verdict, "badge-bad")
        c: dict[str, Any] = r.content
        person = c.get("person") or c.get("leader") or {}
        who = person.get("name", "") if isinstance(person, dict) else ""
        tech = c.get("technician") or {}
        tech_name = tech.get("name", r.created_by) if isinstance(tech, dict) else r.created_by
        trip = c.get("trip") if isinstance(c.get("trip"), dict) else None
        facts = [f"Issued {fmt_when(r.created_at)} by {tech_name}"]
        if who:
            facts.append(f"For {who}")
        if trip:
            facts.append(f"Trip: {trip.get('name')}")
        self.facts.setText(" · ".join(facts))
        items = c.get("items") or []
        self.items.set_rows([[str(i.get("tag", "")),
                              " ".join(str(x) for x in (i.get("make"), i.get("model")) if x),
                              str(i.get("outcome") or ("on loan" if r.kind != "leaver_return" else "")
                                  ).replace("_", " "),
                              str(i.get("condition") or ""), str(i.get("note") or "")]
                             for i in items if isinstance(i, dict)])
