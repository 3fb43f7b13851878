"""Admin tabs for e-mail notices: the outbox (queued, sent, failed; resend, withdraw) and the
templates (edit a notice's wording with a live preview of both bodies)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.common import button, label
from ui.widgets.table import Table

#: the outbox's states, as the table words them
STATE_WORDS = {"queued": "Waiting", "sending": "Sending", "sent": "Sent", "failed": "Failed",
               "cancelled": "Withdrawn"}


class OutboxTab(QWidget):
    refresh_clicked = Signal()
    send_clicked = Signal()
    run_clicked = Signal()
    resend_clicked = Signal()
    cancel_clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = label("", name="Outbox summary")
        top.addWidget(self.summary, 1)
        self.run = button("Run today's notices", "Run today's notices")
        self.send = button("Send waiting now", "Send waiting messages now", primary=True)
        self.refresh = button("Refresh", "Refresh the outbox")
        for b in (self.run, self.send, self.refresh):
            top.addWidget(b)
        lay.addLayout(top)
        self.table = Table(["#", "State", "When", "Notice", "To", "Subject", "Server's reply"],
                           "Outbox", "No messages yet: notices appear here once mail is set up "
                           "([mail] in Settings) and the daily run or a leaver return queues one.",
                           stretch=(5, 6))
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.resend = button("Resend selected", "Resend the selected message")
        self.cancel = button("Withdraw selected", "Withdraw the selected message")
        row.addWidget(self.resend)
        row.addWidget(self.cancel)
        row.addStretch(1)
        lay.addLayout(row)
        self._ids: list[int] = []
        self.refresh.clicked.connect(self.refresh_clicked.emit)
        self.send.clicked.connect(self.send_clicked.emit)
        self.run.clicked.connect(self.run_clicked.emit)
        self.resend.clicked.connect(self.resend_clicked.emit)
        self.cancel.clicked.connect(self.cancel_clicked.emit)

    def show_rows(self, summary: str, rows: list[tuple[int, str, str, str, str, str, str]]) -> None:
        self.summary.setText(summary)
        self._ids = [r[0] for r in rows]
        colours = {"Failed": "#b00020", "Waiting": "#8a5a00", "Sending": "#8a5a00"}
        self.table.set_rows([[str(r[0]), STATE_WORDS.get(r[1], r[1]), *r[2:]] for r in rows],
                            [colours.get(STATE_WORDS.get(r[1], r[1])) for r in rows])

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        i = rows[0].row()
        return self._ids[i] if 0 <= i < len(self._ids) else None

    def select_row(self, i: int) -> None:
        self.table.selectRow(i)

    def working(self, on: bool) -> None:
        for b in (self.run, self.send):
            b.setEnabled(not on)


class TemplatesTab(QWidget):
    changed = Signal()
    save_clicked = Signal()
    default_clicked = Signal()

    def __init__(self, kinds: list[tuple[str, str]]) -> None:
        super().__init__()
        lay = QHBoxLayout(self)
        left = QVBoxLayout()
        pick = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName("Notice")
        for key, words in kinds:
            self.kind.addItem(words, key)
        self.part = QComboBox()
        self.part.setAccessibleName("Part of the notice")
        for key, words in (("subject", "Subject"), ("text", "Plain text"), ("html", "HTML")):
            self.part.addItem(words, key)
        pick.addWidget(self.kind, 1)
        pick.addWidget(self.part)
        left.addLayout(pick)
        self.source = QPlainTextEdit()
        self.source.setAccessibleName("Template text")
        left.addWidget(self.source, 1)
        self.placeholders = label("", name="Placeholders")
        left.addWidget(self.placeholders)
        self.problem = label("", "error", name="Template problem")
        left.addWidget(self.problem)
        row = QHBoxLayout()
        self.save = button("Save template", "Save this template", primary=True)
        self.default = button("Back to the default", "Use the default wording again")
        row.addWidget(self.save)
        row.addWidget(self.default)
        row.addStretch(1)
        left.addLayout(row)
        lay.addLayout(left, 1)
        right = QVBoxLayout()
        self.subject = label("", name="Preview subject")
        right.addWidget(self.subject)
        self.preview = QTabWidget()
        self.preview.setAccessibleName("Preview")
        self.html = QTextBrowser()
        self.html.setAccessibleName("HTML preview")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Plain text preview")
        self.preview.addTab(self.html, "As HTML")
        self.preview.addTab(self.text, "As plain text")
        right.addWidget(self.preview, 1)
        lay.addLayout(right, 1)
        self.kind.currentIndexChanged.connect(lambda *_a: self.changed.emit())
        self.part.currentIndexChanged.connect(lambda *_a: self.changed.emit())
        self.save.clicked.connect(self.save_clicked.emit)
        self.default.clicked.connect(self.default_clicked.emit)

    def current(self) -> tuple[str, str]:
        return str(self.kind.currentData()), str(self.part.currentData())

    def show_source(self, source: str, placeholders: str) -> None:
        self.source.blockSignals(True)
        self.source.setPlainText(source)
        self.source.blockSignals(False)
        self.placeholders.setText(placeholders)

    def show_preview(self, subject: str, text: str, html: str, problem: str = "") -> None:
        self.subject.setText(f"Subject: {subject}")
        self.text.setPlainText(text)
        self.html.setHtml(html)
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
