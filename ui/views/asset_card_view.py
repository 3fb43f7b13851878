"""An asset's card: what it is, encryption, who has it, full history, checks, incidents."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.choices import ENCRYPTION_METHODS, INCIDENT_OUTCOMES
from app.services.cards import AssetCard, AssetSummary, SignatureStrokes, method_word
from app.services.incidents import OUTCOME_WORDS
from app.status_words import lent_to_with_code
from ui import theme
from ui.widgets.action_panel import ActionPanel
from ui.widgets.changes_table import changes_table, show_changes
from ui.widgets.common import (
    BADGE_ROLES,
    Form,
    button,
    card,
    card_layout,
    fmt_date,
    fmt_when,
    label,
    record_buttons,
)
from ui.widgets.common import update_encryption_badge as _badge
from ui.widgets.lost_panel import LostPanel
from ui.widgets.role_label import RoleLabel
from ui.widgets.screen import Screen
from ui.widgets.signature_preview import SignaturePreview
from ui.widgets.table import Table

FOUND_CONDITIONS = [("ok", "In good order"), ("incomplete", "Something missing"),
                    ("damaged", "Damaged (goes for repair)")]


class AssetHeader(QFrame):
    """The top of an asset card (also used by check-in): a card itself, not a widget holding
    one (one widget fewer to show, lay out and paint on every scan that opens it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = card_layout(self)
        top = self.top = QHBoxLayout()
        self.title = label("", "title", name="Asset")
        top.addWidget(self.title, 1)
        # the badge's colour and the holder line's (overdue or not) change from one asset to
        # the next: a label for each look, shown in turn, none re-polished on a scan
        self.badge = RoleLabel(QLabel, BADGE_ROLES, top)
        _badge(self.badge, None, "Unknown")
        lay.addLayout(top)
        self.facts = label("", name="Asset details")
        lay.addWidget(self.facts)
        self.holder = RoleLabel(label, ("", "overdue"), lay)
        self.holder.setAccessibleName("Holder")

    def show_asset(self, a: AssetSummary) -> None:
        self.title.setText(f"{a.tag} — {a.title}")
        _badge(self.badge, a.encrypted, a.encryption_label)
        facts = [f"{a.kind_word}", f"Status: {a.status_word}"]
        if a.serial:
            facts.append(f"Serial {a.serial}")
        if a.phone_number:
            facts.append(f"Number {a.phone_number}")
        facts.append(f"Condition: {a.last_condition or 'ok'}")
        facts.append("Accessories: " + (", ".join(a.accessories) if a.accessories else "none"))
        if a.where:
            facts.append(a.where)
        self.facts.setText(" · ".join(facts))
        if a.holder_name:
            text = (f"On loan to {lent_to_with_code(a.holder_name, a.holder_code)} since "
                    f"{fmt_date(a.out_at)}")
            text += f" — due {fmt_date(a.due_on)}"
            if a.overdue:
                text += " — OVERDUE"
            if a.trip:
                text += f" — trip: {a.trip}"
            self.holder.setText(text)
            # its name is "Holder": a screen reader hears who has it, and OVERDUE, from this
            self.holder.setAccessibleDescription(text)
            self.holder.set_role("overdue" if a.overdue else "")
            self.holder.show()
        else:
            self.holder.hide()


class AssetCardView(Screen):
    lend_clicked = Signal()
    check_in_clicked = Signal()
    check_saved = Signal(bool, str, str)  # encrypted, method, note
    signature_requested = Signal(int)
    service_clicked = Signal()
    reverse_clicked = Signal()
    found_confirmed = Signal(str, str)  # condition, note
    retire_confirmed = Signal(str)  # reason
    close_confirmed = Signal(int, str, str, str)  # incident id, outcome, cost, note
    lost_confirmed = Signal(str, str)  # kind (lost|stolen), note
    edit_clicked = Signal()
    add_clicked = Signal()
    move_confirmed = Signal(str, bool)  # location code, and make it its home

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 12, 20, 12)
        self.header = AssetHeader()
        lay.addWidget(self.header)
        # another school's asset (a scan finds any school's): to look at, not to change
        self.read_only = label("", "overdue", name="Another school's asset")
        self.read_only.setWordWrap(True)
        self.read_only.hide()
        lay.addWidget(self.read_only)
        row = QHBoxLayout()
        self.lend = button("Lend this", "Lend this asset", primary=True)
        self.check_in = button("Check in", "Check in this asset", primary=True)
        self.lost = button("Report lost", "Report this asset lost", danger=True)
        # the ways out of a status that is not "available" (docs/ui.md)
        self.service = button("Back in service", "Return this asset to service", primary=True)
        self.found = button("Found: book it back in", "Book this lost asset back in as found",
                            primary=True)
        self.retire = button("Retire…", "Retire this asset", danger=True)
        self.reverse = button("Reverse…", "Reverse the last action on this asset")
        self.move_to = button("Move…", "Move this asset to another location")
        for b in (self.lend, self.check_in, self.service, self.found, self.lost, self.retire,
                  self.reverse, self.move_to):
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        # in the header, but after the actions in the focus chain: the screen's first button
        # (which takes the focus, and Enter) stays its main action
        self.edit = button("Edit details…", "Edit this asset's details")
        self.add_new = button("Add an asset…", "Add a new asset")
        self.header.top.addWidget(record_buttons(self.edit, self.add_new))
        self.lost_panel = LostPanel()
        lay.addWidget(self.lost_panel)
        self.found_panel = ActionPanel(
            "Book it back in as found: its lost or stolen incident closes as recovered, and if "
            "someone had not returned it, their record shows it came back.", "Book it in",
            choices=FOUND_CONDITIONS, fields=["Where and how it turned up"], name="Found")
        self.retire_panel = ActionPanel(
            "Retire it for good (an admin can undo this): open incidents are written off.",
            "Retire it", fields=["Why (e.g. beyond economic repair)"], name="Retire",
            danger=True)
        self.close_panel = ActionPanel(
            "", "Close the incident", choices=[(o, OUTCOME_WORDS[o].capitalize())
                                               for o in INCIDENT_OUTCOMES],
            fields=["Cost in £ (optional)", "Note"], name="Close incident", narrow=1)
        self.move_panel = ActionPanel(
            "Move it to another room, cupboard or trolley: type the location's code (another "
            "school's needs a trust admin).", "Move it",
            choices=[("here", "Just put it there"), ("home", "And make it its home")],
            fields=["Location code"], name="Move")
        for panel in (self.found_panel, self.retire_panel, self.close_panel, self.move_panel):
            lay.addWidget(panel)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Asset records")
        self.history = Table(["Borrower", "Out", "By", "Due", "Back", "Condition", "Outcome", "Note",
                              "Personal data", "Signature"], "Loan history", "Never lent yet.",
                             stretch=(0, 7, 8))
        self.history.cellDoubleClicked.connect(self._open_signature)
        self.tabs.addTab(self.history, "History")
        enc = QWidget()
        el = QVBoxLayout(enc)
        form_box, fl = card()
        fl.addWidget(label("Record a new encryption check", "", name="New encryption check"))
        form = Form()
        radios = QHBoxLayout()
        self.enc_yes = QRadioButton("Encrypted")
        self.enc_no = QRadioButton("Not encrypted")
        self.enc_yes.setAccessibleName("Encrypted")
        self.enc_no.setAccessibleName("Not encrypted")
        grp = QButtonGroup(self)
        grp.addButton(self.enc_yes)
        grp.addButton(self.enc_no)
        self.enc_yes.setChecked(True)
        radios.addWidget(self.enc_yes)
        radios.addWidget(self.enc_no)
        radios.addStretch(1)
        form.addRow("Result", radios)
        self.method = QComboBox()
        self.method.setAccessibleName("Encryption method")
        for m in ENCRYPTION_METHODS:
            self.method.addItem(method_word(m), m)
        form.addRow("Method", self.method)
        self.enc_note = QLineEdit()
        self.enc_note.setAccessibleName("Encryption check note")
        form.addRow("Note", self.enc_note)
        fl.addLayout(form)
        self.save_check = button("Save check", "Save encryption check")
        fl.addWidget(self.save_check)
        el.addWidget(form_box)
        self.checks = Table(["When", "By", "Result", "Method", "Note"], "Encryption checks",
                            "Never checked: encryption unknown.", stretch=4)
        el.addWidget(self.checks, 1)
        self.tabs.addTab(enc, "Encryption")
        inc = QWidget()
        il = QVBoxLayout(inc)
        self.incidents = Table(["#", "Reported", "Kind", "By", "Person", "Description", "Status"],
                               "Incidents", "No incidents.", stretch=(4, 5))
        il.addWidget(self.incidents, 1)
        self.close_incident = button("Close the selected incident…", "Close the selected incident")
        il.addWidget(self.close_incident, 0, Qt.AlignmentFlag.AlignLeft)
        self.tabs.addTab(inc, "Incidents")
        self.changes = changes_table()
        self.tabs.addTab(self.changes, "Changes")
        lay.addWidget(self.tabs, 1)
        self.lend.clicked.connect(self.lend_clicked.emit)
        self.check_in.clicked.connect(self.check_in_clicked.emit)
        self.lost.clicked.connect(self.lost_panel.open)
        self.lost_panel.confirmed.connect(self.lost_confirmed)
        self.service.clicked.connect(self.service_clicked.emit)
        self.reverse.clicked.connect(self.reverse_clicked.emit)
        self.edit.clicked.connect(self.edit_clicked.emit)
        self.add_new.clicked.connect(self.add_clicked.emit)
        self.found.clicked.connect(lambda: self.found_panel.open())
        self.move_to.clicked.connect(lambda: self.move_panel.open())
        self.move_panel.confirmed.connect(lambda key, texts: self.move_confirmed.emit(
            texts[0].strip(), key == "home"))
        self.retire.clicked.connect(lambda: self.retire_panel.open())
        self.close_incident.clicked.connect(self._close_selected)
        self.found_panel.confirmed.connect(lambda key, texts: self.found_confirmed.emit(key,
                                                                                        texts[0]))
        self.retire_panel.confirmed.connect(lambda _k, texts: self.retire_confirmed.emit(texts[0]))
        self._open_incidents: list[int | None] = []
        self._closing = 0
        self.close_panel.confirmed.connect(
            lambda key, texts: self.close_confirmed.emit(self._closing, key, texts[0], texts[1]))
        self.save_check.clicked.connect(
            lambda: self.check_saved.emit(self.enc_yes.isChecked(), str(self.method.currentData()),
                                          self.enc_note.text().strip()))
        self.enc_no.toggled.connect(lambda on: self.method.setEnabled(not on))
        self._signatures: list[int | None] = []

    def show_card(self, c: AssetCard, *, keep_input: bool = False, admin: bool = False) -> None:
        """Show the card; ``keep_input`` (a re-load) keeps a typed check note and an open
        lost report. ``admin``: the admin-only ways out show too."""
        a = c.asset
        self.header.show_asset(a)
        if a.status == "retired" and c.retired_reason:
            self.header.facts.setText(self.header.facts.text() + f" · Retired: {c.retired_reason}")
        self.lend.setVisible(a.status == "available")
        self.check_in.setVisible(a.status == "on_loan")
        self.lost.setVisible(a.status not in ("lost", "retired"))
        self.service.setVisible(a.status == "in_repair" or (admin and a.status == "retired"))
        self.found.setVisible(a.status == "lost")
        self.retire.setVisible(admin and a.status not in ("on_loan", "retired"))
        self.move_to.setVisible(a.status not in ("on_loan", "retired"))
        rev = c.reversible
        self.reverse.setVisible(admin and rev is not None)
        self.read_only.setText(a.read_only)
        self.read_only.setVisible(bool(a.read_only))
        if a.read_only:  # every change would be refused: offer none
            for b in (self.lend, self.check_in, self.lost, self.service, self.found, self.retire,
                      self.reverse, self.move_to):
                b.setVisible(False)
        self.edit.setVisible(not a.read_only)
        self.save_check.setEnabled(not a.read_only)
        if rev is not None:
            words = {"checkout": "check-out", "checkin": "check-in",
                     "leaver_return": "leaver return"}[rev.action]
            self.reverse.setText(f"Reverse the {words}…")
            self.reverse.setToolTip(rev.description)
        rows, colours = [], []
        self._signatures = []
        for h in c.history:
            sig = h.signature_out_id or h.signature_in_id
            self._signatures.append(sig)
            rows.append([f"{h.borrower} ({h.staff_code})", fmt_when(h.out_at), h.out_by, fmt_date(h.due_on),
                         fmt_when(h.in_at), h.condition or "", h.outcome_text,
                         h.note or "", h.personal_data_text,
                         "View (double-click)" if sig else ""])
            colours.append(theme.ERROR if h.outcome in ("lost", "not_returned") else None)
        self.history.set_rows(rows, colours)
        self.checks.set_rows([[fmt_when(k.verified_at), k.verified_by,
                               "Encrypted" if k.encrypted else "Not encrypted", method_word(k.method),
                               k.note or ""] for k in c.checks])
        self.incidents.set_rows(
            [[f"#{i.id}", fmt_when(i.reported_at), i.kind, i.reported_by, i.person or "",
              i.description or "", i.status_text] for i in c.incidents],
            [theme.WARN if i.status == "open" else None for i in c.incidents])
        self._open_incidents = [i.id if i.status == "open" else None for i in c.incidents]
        show_changes(self.changes, c.changes)
        self.close_incident.setEnabled(any(self._open_incidents))
        if keep_input:
            if a.status in ("lost", "retired"):
                self.lost_panel.hide()  # nothing left to report
            if a.status != "lost":
                self.found_panel.hide()
            return
        self.enc_note.clear()
        for panel in (self.lost_panel, self.found_panel, self.retire_panel, self.close_panel,
                      self.move_panel):
            panel.hide()

    def take_location_scan(self, text: str) -> bool:
        """A location's label scanned while Move… is open goes into its code field (True);
        the technician then chooses "Just put it there" or "its home" and moves it."""
        if not self.move_panel.isVisible():
            return False
        field = self.move_panel.fields[0]
        field.setText(text.strip())
        field.setFocus()
        return True

    def _close_selected(self) -> None:
        row = self.incidents.currentRow()
        if not 0 <= row < len(self._open_incidents) or self._open_incidents[row] is None:
            row = next((r for r, i in enumerate(self._open_incidents) if i is not None), -1)
            if row < 0:
                return
            self.incidents.selectRow(row)
        self._closing = int(self._open_incidents[row] or 0)
        what = self.incidents.item(row, 2)
        desc = self.incidents.item(row, 5)
        kind = what.text() if what else ""
        self.close_panel.open(f"Close incident #{self._closing} ({kind}: "
                              f"{desc.text() if desc else ''}) with how it ended, what it cost "
                              "and a note.",
                              {"damaged": "repaired", "lost": "recovered",
                               "stolen": "recovered"}.get(kind))

    def show_signature(self, s: SignatureStrokes) -> None:
        """A signature in a window of its own (over the desk)."""
        dlg = QDialog(self.window())
        dlg.setWindowTitle("Signature")
        dlg.setAccessibleName("Signature viewer")
        lay = QVBoxLayout(dlg)
        prev = SignaturePreview()
        prev.set_signature([] if s.purged else s.strokes, s.window)
        lay.addWidget(prev)
        lay.addWidget(label(f"Signed {fmt_when(s.captured_at)}"
                            + (f" on {s.device}" if s.device else "")
                            + (" — strokes removed by the retention policy" if s.purged else "")))
        dlg.resize(600, 320)
        dlg.show()
        self.signature_dialog = dlg

    def _open_signature(self, row: int, _col: int) -> None:
        if 0 <= row < len(self._signatures) and self._signatures[row]:
            self.signature_requested.emit(int(self._signatures[row] or 0))
