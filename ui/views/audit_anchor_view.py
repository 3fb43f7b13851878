"""Admin → Audit anchor: today's anchor, to write down, print, save or mail to the DPO."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from ui.widgets.common import button, card, label, set_role


class AuditTab(QWidget):
    """Today's audit anchor, to write down or send to the DPO (docs/reliability.md)."""

    refresh_clicked = Signal()
    print_clicked = Signal()
    save_clicked = Signal()
    #: the address typed (the controller checks it)
    email_clicked = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        box, bl = card()
        bl.addWidget(label("<b>Today's audit anchor</b>", name="Today's audit anchor"))
        bl.addWidget(label(
            "Write this down, or send it to your Data Protection Officer, at least weekly. "
            "It pins the audit log as it stands now: if anyone later rewrites or rolls back "
            "the history, “loan-kiosk audit verify --anchor” with it will say so. Keep it "
            "off this PC.", "hint", name="About the anchor"))
        self.token = label("", "prompt", wrap=False, name="Audit anchor")
        self.token.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bl.addWidget(self.token)
        self.status = label("", name="Audit log status")
        bl.addWidget(self.status)
        row = QHBoxLayout()
        self.refresh = button("Check the log again", "Check the audit log and show its anchor")
        self.print = button("Print", "Print the anchor on one page for the DPO", primary=True)
        self.save = button("Save as PDF…", "Save the anchor's page as a PDF")
        row.addWidget(self.print)
        row.addWidget(self.save)
        row.addWidget(self.refresh)
        row.addStretch(1)
        bl.addLayout(row)
        mail = QHBoxLayout()
        mail.addWidget(label("Email it to", name="Email it to"))
        self.address = QLineEdit()
        self.address.setAccessibleName("Address to email the anchor to")
        self.address.setPlaceholderText("dpo@school.org.uk")
        mail.addWidget(self.address, 1)
        self.email = button("Email", "Queue the anchor in the outbox for this address")
        mail.addWidget(self.email)
        bl.addLayout(mail)
        lay.addWidget(box)
        lay.addStretch(1)
        self.refresh.clicked.connect(self.refresh_clicked.emit)
        self.print.clicked.connect(self.print_clicked.emit)
        self.save.clicked.connect(self.save_clicked.emit)
        self.email.clicked.connect(lambda: self.email_clicked.emit(self.address.text()))
        self.address.returnPressed.connect(lambda: self.email_clicked.emit(self.address.text()))
        self._set_usable(False)

    def _set_usable(self, usable: bool) -> None:
        for b in (self.print, self.save, self.email):
            b.setEnabled(usable)

    def checking(self) -> None:
        self.token.setText("…")
        self.status.setText("Checking the audit log…")
        set_role(self.status, "")
        self._set_usable(False)

    def show_anchor(self, ok: bool, events: int, token: str | None, problem: str | None) -> None:
        if ok and token:
            self.token.setText(token)
            self.status.setText(f"✓ Audit log intact ({events} events) as of this anchor.")
            set_role(self.status, "badge-ok")
        else:
            self.token.setText("no anchor")
            self.status.setText(f"✗ The audit log is BROKEN: {problem}. No anchor is given for a "
                                "broken log; tell your DPO.")
            set_role(self.status, "badge-bad")
        self._set_usable(bool(ok and token))

    def suggest_address(self, address: str) -> None:
        """Offer ``address`` (the last one used) unless the admin typed one."""
        if not self.address.text().strip():
            self.address.setText(address)
