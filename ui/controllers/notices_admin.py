"""The admin screen's notices tabs: the outbox and the templates with their preview.

Everything that touches the database or the mail server runs off the GUI thread: the
outbox through the desk's worker, sending and the daily run on the mail worker of
:class:`ui.controllers.upkeep.DeskUpkeep` (a batch of mail must not hold up a scan).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.notices.preview import LABELS
from app.notices.templates import COMMON, PLACEHOLDERS
from ui.views.notices_view import OutboxTab, TemplatesTab

if TYPE_CHECKING:
    from app.notices.daily import RunReport
    from app.notices.messages import Builder
    from app.notices.sender import SendReport
    from app.uow import UnitOfWork
    from ui.controllers.desk import Desk
    from ui.ops import OpError

OutboxRows = tuple[str, list[tuple[int, str, str, str, str, str, str]]]


def load_outbox(uow: UnitOfWork) -> OutboxRows:
    from app.notices.outbox import counts, list_outbox

    n = counts(uow)
    summary = (f"{n.get('queued', 0) + n.get('sending', 0)} waiting, {n.get('sent', 0)} sent, "
               f"{n.get('failed', 0)} failed")
    rows = []
    for r in list_outbox(uow):
        when = r.sent_at or (r.next_attempt_at if r.state == "queued" else r.created_at)
        local = when.astimezone()
        rows.append((r.id, r.state, f"{local:%d %b %H:%M}", LABELS.get(r.kind, r.kind), r.to,
                     r.subject, "" if r.state == "sent" else (r.last_error or "")))
    return summary, rows


class NoticesAdmin(QObject):
    def __init__(self, desk: Desk, outbox_tab: OutboxTab, templates_tab: TemplatesTab,
                 parent: QObject | None = None) -> None:
        super().__init__(parent or outbox_tab)
        self.desk = desk
        self.outbox = outbox_tab
        self.templates = templates_tab
        outbox_tab.refresh_clicked.connect(self.refresh)
        outbox_tab.resend_clicked.connect(lambda: self._correct(resend=True))
        outbox_tab.cancel_clicked.connect(lambda: self._correct(resend=False))
        outbox_tab.send_clicked.connect(self.send_now)
        outbox_tab.run_clicked.connect(self.run_today)
        templates_tab.changed.connect(self.show_template)
        templates_tab.source.textChanged.connect(self.preview)
        templates_tab.save_clicked.connect(lambda: self.save_template(default=False))
        templates_tab.default_clicked.connect(lambda: self.save_template(default=True))

    # -- outbox ----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.desk.run(load_outbox, lambda rows: self.outbox.show_rows(*rows), readonly=True)

    def _correct(self, *, resend: bool) -> None:
        message_id = self.outbox.selected_id()
        if message_id is None:
            self.desk.notify("warn", "Choose a message in the outbox first.")
            return

        def work(uow: UnitOfWork) -> str:
            from app.notices import outbox

            row = outbox.resend(uow, message_id) if resend else outbox.cancel(uow, message_id)
            uow.commit()
            return row.to

        def done(to: str) -> None:
            self.desk.notify("ok", f"Message {message_id} to {to} "
                             + ("will be sent again." if resend else "was withdrawn."))
            self.refresh()
            if resend:
                self.send_now()

        self.desk.run(work, done)

    def send_now(self) -> None:
        def done(report: SendReport) -> None:
            self.desk.notify("warn" if report.problem or report.failed else "ok",
                             _send_words(report))
            self.refresh()

        if not self.desk.send_notices(done, self._failed):
            self.desk.notify("warn", "Mail is not set up yet: set the [mail] settings first.")
        else:
            self.outbox.working(True)

    def run_today(self) -> None:
        def done(report: RunReport) -> None:
            words = report.skipped or f"Queued {sum(report.queued.values())} notices."
            self.desk.notify("warn" if report.send.problem else "ok",
                             f"{words} {_send_words(report.send)}")
            self.refresh()

        if not self.desk.run_notices(done, self._failed):
            self.desk.notify("warn", "Mail is not set up yet: set the [mail] settings first.")
        else:
            self.outbox.working(True)

    def _failed(self, error: OpError) -> None:
        self.outbox.working(False)
        self.desk.notify("error", f"Notices: {error.message}")

    # -- templates -------------------------------------------------------------------------
    def _builder(self) -> Builder:
        from app.notices.school import builder_for

        return builder_for(self.desk.ctx.settings, self.desk.ctx.paths.data_dir)

    def show_template(self) -> None:
        kind, part = self.templates.current()
        source = self._builder().templates.source(kind, part)
        names = ", ".join(f"${n}" for n in (*COMMON, *PLACEHOLDERS[kind]))
        if part == "html":
            names += " (and ${items_html}, ${logo_html} where the text has them)"
        self.templates.show_source(source, f"Placeholders: {names}")
        self.preview()

    def preview(self) -> None:
        """The notice for a sample borrower with the text being edited (a few ms: no I/O
        beyond the school's template files)."""
        from app.errors import InvalidInput
        from app.notices.preview import sample
        from app.notices.templates import fill

        kind, part = self.templates.current()
        edited = self.templates.source.toPlainText()
        problem = ""
        draft = sample(self._builder(), kind, dt.date.today())
        values = draft.values
        try:
            filled = fill(edited, part, values) if values is not None else ""
        except InvalidInput as exc:
            problem = exc.message
        else:
            if part == "subject":
                draft.subject = filled
            elif part == "text":
                draft.text = filled
            else:
                draft.html = filled
        self.templates.show_preview(draft.subject, draft.text, draft.html, problem)

    def save_template(self, *, default: bool) -> None:
        from app.errors import InvalidInput
        from app.notices.preview import sample
        from app.notices.templates import default_source, fill, save_source

        kind, part = self.templates.current()
        builder = self._builder()
        source = default_source(kind, part) if default else self.templates.source.toPlainText()
        values = sample(builder, kind, dt.date.today()).values
        if values is not None:
            try:
                fill(source, part, values)
            except InvalidInput as exc:
                self.desk.notify("error", f"Not saved: {exc.message}.")
                return

        def work(uow: UnitOfWork) -> str:
            uow.actor.require_admin("change the wording of notices")
            uow.audit("notice_template_changed", "settings", None, kind=kind, part=part,
                      default=default)
            path = save_source(builder.templates, kind, part, source)
            uow.commit()
            return str(path)

        def done(_path: str) -> None:
            self.desk.notify("ok", f"The {LABELS[kind].lower()} notice's "
                             f"{'subject' if part == 'subject' else part + ' body'} was saved"
                             + (" (the default wording)." if default else "."))
            self.show_template()

        self.desk.run(work, done)


def _send_words(report: SendReport) -> str:
    words = (f"Sent {len(report.sent)}, waiting to retry {len(report.retried)}, "
             f"failed {len(report.failed)}"
             + (" (the Outbox tab shows the mail server's reply)." if report.failed else "."))
    if report.problem:
        words += f" The mail server: {report.problem}."
    return words

