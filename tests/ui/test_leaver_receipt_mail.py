"""A leaver return at the desk e-mails the signed receipt at once (a real SMTP server,
aiosmtpd on 127.0.0.1), off the GUI thread; the copy was queued with the return."""

from __future__ import annotations

import datetime as dt

from app.services.loans import check_out
from app.uow import Actor
from tests.factories import add_asset, add_person
from tests.smtp_server import MailServer
from tests.ui.desk import ADMIN_PIN, sign_in, wait_idle
from tests.ui.keys import scan
from tests.ui.pad import sign_with_mouse


def test_the_receipt_copy_goes_as_soon_as_the_leaver_has_signed(qtbot, desk, printer) -> None:  # type: ignore[no-untyped-def]
    server = MailServer().start()
    try:
        mail = desk.ctx.settings.mail
        mail.host, mail.port, mail.security = "127.0.0.1", server.port, "none"
        mail.from_address, mail.hr_address = "it@school.example", "hr@school.example"
        desk.ctx.settings.notices.desk_daily_run = False  # only the receipt copy
        add_asset(desk.ctx, "LT-0007", encrypted=True)
        add_person(desk.ctx, "NX5", "Aoife", "MacLeod", status="leaving",
                   leaving_date=dt.date(2026, 12, 10), email="aoife@school.example")
        with desk.ctx.uow(Actor("earlier")) as uow:
            check_out(uow, "LT-0007", "NX5")
        sign_in(qtbot, desk)
        desk.header.nav["leaver"].click()
        wait_idle(qtbot, desk)
        view = desk.controller("leaver").view
        view.soon.cellDoubleClicked.emit(0, 0)
        wait_idle(qtbot, desk)
        scan("LT-0007")
        wait_idle(qtbot, desk)
        view.cont.click()
        sign_with_mouse(view.signature.widget.canvas)
        view.signature.widget.accept_button.click()
        view.pin.setText(ADMIN_PIN)
        view.finish.click()
        wait_idle(qtbot, desk)
        assert view.page == "done"
        qtbot.waitUntil(lambda: len(server.inbox.received) == 1, timeout=20000)
        got = server.inbox.received[0]
        assert sorted(got.rcpt_tos) == ["aoife@school.example", "hr@school.example"]
        (pdf,) = list(got.message.iter_attachments())
        assert pdf.get_filename().startswith("R-") and pdf.get_content().startswith(b"%PDF")
        qtbot.waitUntil(lambda: not desk.upkeep.mail_ops.busy, timeout=10000)
    finally:
        server.stop()
