"""The desk's notices (issue 23), with the demo school and a real SMTP server (aiosmtpd):
signing in does the day's run off the GUI thread; the admin screen's outbox shows sent and
failed messages and resends one; the template editor previews an edit and refuses a
placeholder the notice does not have. Pictures at 1280×720, 1366×768 and 1920×1080.

Run with ``LOAN_KIOSK_SCREENSHOTS=1`` to (re)write ``docs/screenshots/screen-admin-outbox-*``
``screen-admin-notice-templates-*`` and ``screen-admin-settings-mail-*``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.demo_identity import DEMO_ACTOR
from app.notices import outbox
from app.notices.messages import Builder, Item, Recipient, School
from app.notices.templates import Templates
from db.models import AuditEvent, OutboxMessage
from tests.e2e.desk_shots import SIZES, demo_desk, shots_dir, sign_in_demo
from tests.smtp_server import MailServer
from tests.ui.desk import wait_idle


@pytest.mark.slow
def test_outbox_and_template_preview(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.layout_check import look_at_sizes

    server = MailServer().start()
    out = shots_dir(tmp_path)
    win, ctx = demo_desk(qtbot, tmp_path)
    try:
        mail = ctx.settings.mail
        mail.host, mail.port, mail.security = "127.0.0.1", server.port, "none"
        mail.from_address = "it@example-academy.sch.uk"
        mail.desk_address = "it@example-academy.sch.uk"
        mail.hr_address = "hr@example-academy.sch.uk"
        builder = Builder(Templates(None), School(ctx.settings.school.name))
        with ctx.uow(DEMO_ACTOR) as uow:  # a notice to an address the server refuses
            outbox.queue(uow, builder.overdue(
                Recipient("Rita Reject", "Rita", "reject.me@example-academy.sch.uk", None, "RR1"),
                [Item("LT-9999", "Laptop, Dell Latitude 5440")], "overdue:demo:reject", []))
            uow.commit()
        sign_in_demo(qtbot, win)
        upkeep = win.upkeep
        qtbot.waitUntil(lambda: upkeep.notices_day is not None and not upkeep.mail_ops.busy,
                        timeout=60000)
        assert server.inbox.received, "signing in did the day's notices run"
        with ctx.uow(DEMO_ACTOR, readonly=True) as uow:
            failed = uow.session.execute(select(OutboxMessage).where(
                OutboxMessage.state == "failed")).scalar_one()
            assert "550 5.1.1" in (failed.last_error or "")
            failed_id = failed.id
            sent = len(uow.session.execute(select(OutboxMessage.id).where(
                OutboxMessage.state == "sent")).all())
        admin = win.controller("admin")
        view = admin.view

        def outbox_tab() -> None:
            win._navigate("admin")
            view.tabs.setCurrentWidget(view.outbox)
            wait_idle(qtbot, win)

        shots: list[Path] = []

        def picture(name: str):  # type: ignore[no-untyped-def]
            def at(w: int, h: int) -> Path:
                shots.append(out / f"screen-admin-{name}-{w}x{h}.png")
                return shots[-1]
            return at

        cut = look_at_sizes(win, "outbox", SIZES, lambda: wait_idle(qtbot, win), outbox_tab,
                            picture("outbox"))
        rows = view.outbox.table.row_texts()
        assert rows[0][1] == "Failed" and "550 5.1.1" in rows[0][6]
        assert sum(1 for r in rows if r[1] == "Sent") == sent
        assert view.outbox.summary.text().endswith(f"{sent} sent, 1 failed")
        # resend the failed one: the server refuses it again, and says so
        view.outbox.select_row(0)
        view.outbox.resend.click()
        qtbot.waitUntil(lambda: not upkeep.mail_ops.busy and not win.ops.busy, timeout=20000)
        qtbot.waitUntil(lambda: "failed 1" in win.banner.text.text(),
                        timeout=20000)
        with ctx.uow(DEMO_ACTOR, readonly=True) as uow:
            actions = uow.session.execute(select(AuditEvent.action).where(
                AuditEvent.entity_id == str(failed_id))).scalars().all()
        assert "notice_resend" in actions and actions.count("notice_failed") == 2

        tpl = view.notice_templates

        def templates_tab() -> None:
            win._navigate("admin")
            view.tabs.setCurrentWidget(tpl)
            tpl.kind.setCurrentIndex(tpl.kind.findData("leaver"))
            tpl.part.setCurrentIndex(tpl.part.findData("html"))
            wait_idle(qtbot, win)

        cut += look_at_sizes(win, "notice templates", SIZES, lambda: wait_idle(qtbot, win),
                             templates_tab, picture("notice-templates"))
        assert "LT-0042" in tpl.html.toPlainText() and "Before you leave" in tpl.subject.text()
        # an edit shows at once; a placeholder the notice lacks is named, and not saved
        tpl.part.setCurrentIndex(tpl.part.findData("subject"))
        tpl.source.setPlainText("Leaving ${school}: $first_name, please bring back your kit")
        assert tpl.subject.text() == ("Subject: Leaving Example Academy: Alex, please bring back "
                                      "your kit")
        tpl.save.click()
        wait_idle(qtbot, win)
        saved = ctx.paths.data_dir / "templates" / "leaver.subject.txt"
        assert saved.read_text(encoding="utf-8").startswith("Leaving ${school}")
        tpl.source.setPlainText("Hello $nickname")
        assert "$nickname" in tpl.problem.text() and tpl.problem.isVisible()
        tpl.save.click()
        wait_idle(qtbot, win)
        assert saved.read_text(encoding="utf-8").startswith("Leaving ${school}")
        tpl.default.click()
        wait_idle(qtbot, win)
        assert not saved.exists()
        def mail_card() -> None:  # Admin → Settings, scrolled to the e-mail card
            win._navigate("admin")
            view.tabs.setCurrentWidget(view.settings)
            wait_idle(qtbot, win)
            bar = view.settings.scroll_area.verticalScrollBar()
            bar.setValue(bar.maximum())

        cut += look_at_sizes(win, "mail settings", SIZES, lambda: wait_idle(qtbot, win),
                             mail_card, picture("settings-mail"))
        assert view.settings.mail["host"].text() == "127.0.0.1"
        assert not cut, "\n".join(cut)
        assert all(p.stat().st_size > 10_000 for p in shots) and len(shots) == 3 * len(SIZES)
    finally:
        win.close()
        ctx.close()
        server.stop()
