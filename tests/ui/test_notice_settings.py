"""Admin → Settings: the e-mail card saves [mail] and [notices] (never a password), and a
bad address or leaver day is refused with the reason."""

from __future__ import annotations

from app.config import load_settings
from tests.ui.desk import sign_in, wait_idle


def test_mail_settings_are_saved_from_the_desk(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    desk.header.nav["admin"].click()
    wait_idle(qtbot, desk)
    st = desk.controller("admin").view.settings
    st.mail["host"].setText("smtp-relay.gmail.com")
    st.mail["from_address"].setText("IT Desk <it@school.example>")
    st.mail["desk_address"].setText("it@school.example")
    st.mail["hr_address"].setText("hr@school.example")
    st.mail_security.setCurrentIndex(st.mail_security.findData("tls"))
    st.overdue_repeat.setValue(5)
    st.leaver_days.setText("21, 7 and 1")
    st.save.click()
    wait_idle(qtbot, desk)
    saved = load_settings(desk.ctx.paths.settings_file)
    assert saved.mail.host, desk.banner.text.text()
    assert saved.mail.host == "smtp-relay.gmail.com" and saved.mail.security == "tls"
    assert saved.mail.effective_port() == 465 and saved.notices.overdue_repeat_days == 5
    assert saved.notices.leaver_days == [21, 7, 1]
    assert desk.ctx.settings.mail.hr_address == "hr@school.example"  # live at once
    assert "password" not in desk.ctx.paths.settings_file.read_text(encoding="utf-8")
    st.mail["desk_address"].setText("the IT office")
    st.save.click()
    wait_idle(qtbot, desk)
    assert "mail.desk_address must be an e-mail address" in desk.banner.text.text()
    assert load_settings(desk.ctx.paths.settings_file).mail.desk_address == "it@school.example"
