"""Admin → Audit anchor: the admin prints today's anchor on one page (through the print
queue: a printer that is away keeps it), saves it as a PDF, or mails it to the DPO through
the outbox (a real SMTP server, aiosmtpd on 127.0.0.1). Everything audited."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import select

from app import audit
from app.uow import SYSTEM
from db.models import AuditEvent, PrintJob
from tests.factories import school
from tests.smtp_server import MailServer
from tests.ui.desk import sign_in, wait_idle
from tests.unit.printing.pdfs import page_count, page_texts


def open_anchor(qtbot, desk):  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk)
    desk.header.nav["admin"].click()
    wait_idle(qtbot, desk)
    view = desk.controller("admin").view
    view.tabs.setCurrentWidget(view.audit)
    wait_idle(qtbot, desk)
    assert view.audit.print.isEnabled() and view.audit.email.isEnabled()
    return view.audit


def token_now(desk) -> str:  # type: ignore[no-untyped-def]
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        return audit.head_anchor(uow.session).token


def actions(desk) -> list[str]:  # type: ignore[no-untyped-def]
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        return list(uow.session.execute(select(AuditEvent.action).order_by(AuditEvent.seq))
                    .scalars())


def test_print_the_anchor_and_a_printer_that_is_away(qtbot, desk, printer) -> None:  # type: ignore[no-untyped-def]
    tab = open_anchor(qtbot, desk)
    shown = tab.token.text()
    if shot := os.environ.get("LOAN_KIOSK_SHOT_DIR"):  # docs/screenshots
        desk.grab().save(str(Path(shot) / "admin-audit-anchor.png"))
    tab.print.click()
    wait_idle(qtbot, desk)
    assert desk.banner.message == "The audit anchor sent to DeskPrinter.", desk.banner.message
    (job,) = printer.jobs
    text = " ".join(page_texts(job.data)[0].split())
    assert page_count(job.data) == 1 and shown in text and "Data Protection Officer" in text
    assert "print_queued" in actions(desk)

    printer.go_offline()
    tab.print.click()
    wait_idle(qtbot, desk)
    assert desk.banner.level == "warn"
    assert desk.banner.message.startswith("Printer 'DeskPrinter' is offline — the audit anchor "
                                          "is saved and will print when it is back (")
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        states = [(j.title.split()[0:2], j.state) for j in uow.session.execute(
            select(PrintJob).order_by(PrintJob.id)).scalars()]
    assert states == [(["Audit", "anchor"], "done"), (["Audit", "anchor"], "queued")]
    printer.go_online()
    assert desk.upkeep.retry_prints()
    wait_idle(qtbot, desk)
    assert len(printer.jobs) == 2  # nothing was lost


def test_save_the_anchor_as_a_pdf_but_never_into_the_apps_folder(qtbot, desk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    tab = open_anchor(qtbot, desk)
    anchors = desk.controller("admin").anchor
    tab.save.click()
    dialog = anchors.file_dialog
    assert dialog is not None and dialog.isVisible()
    target = tmp_path / "for the DPO" / "anchor.pdf"
    dialog.fileSelected.emit(str(target))
    dialog.close()
    wait_idle(qtbot, desk)
    assert desk.banner.message.startswith(f"The audit anchor is saved as {target}")
    pdf = target.read_bytes()
    assert token_now(desk) in " ".join(page_texts(pdf)[0].split())
    assert oct(target.stat().st_mode & 0o777) == "0o600"

    inside = desk.ctx.paths.data_dir / "anchor.pdf"
    tab.save.click()
    dialog = anchors.file_dialog
    dialog.fileSelected.emit(str(inside))
    dialog.close()
    wait_idle(qtbot, desk)
    assert desk.banner.level == "error" and "inside Loan Kiosk's data folder" in \
        desk.banner.message
    assert not inside.exists()


def test_email_the_anchor_to_the_dpo_through_the_outbox(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    server = MailServer().start()
    try:
        mail = desk.ctx.settings.mail
        mail.host, mail.port, mail.security = "127.0.0.1", server.port, "none"
        mail.from_address = "it@school.example"
        desk.ctx.settings.notices.desk_daily_run = False  # only the anchor
        tab = open_anchor(qtbot, desk)
        tab.address.setText("not an address")
        tab.email.click()
        wait_idle(qtbot, desk)
        assert desk.banner.level == "error" and "does not look like an email address" in \
            desk.banner.message
        token = tab.token.text()
        tab.address.setText("dpo@school.example")
        tab.email.click()
        wait_idle(qtbot, desk)
        assert desk.banner.message.startswith(f"Anchor {token} queued for dpo@school.example")
        qtbot.waitUntil(lambda: len(server.inbox.received) == 1, timeout=20000)
        got = server.inbox.received[0]
        assert got.rcpt_tos == ["dpo@school.example"]
        assert got.message["Subject"].startswith(f"Audit anchor {token}")
        body = got.message.get_body(preferencelist=("plain",)).get_content()
        assert token in body and "Data Protection Officer" in body
        assert "notice_queued" in actions(desk)
        qtbot.waitUntil(lambda: not desk.upkeep.mail_ops.busy, timeout=10000)
        # sending it was audited, so the chain moved on: a second click sends the newer anchor
        tab.email.click()
        wait_idle(qtbot, desk)
        assert desk.banner.message.startswith("Anchor ") and token not in desk.banner.message
        qtbot.waitUntil(lambda: len(server.inbox.received) == 2, timeout=20000)
        qtbot.waitUntil(lambda: not desk.upkeep.mail_ops.busy, timeout=10000)
    finally:
        server.stop()


def test_email_with_mail_off_says_what_to_do_instead(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    tab = open_anchor(qtbot, desk)
    tab.address.setText("dpo@school.example")
    tab.email.click()
    wait_idle(qtbot, desk)
    assert desk.banner.level == "error"
    assert "e-mail is not set up on this desk" in desk.banner.message
