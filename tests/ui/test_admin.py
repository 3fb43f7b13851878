"""Admin: staff import with a preview, technicians, settings, labels; and the kiosk idle lock."""

from __future__ import annotations

from sqlalchemy import func, select

from app.config import load_settings
from app.uow import SYSTEM
from db.models import AuditEvent, Person, Technician
from tests.factories import school
from tests.ui.desk import TECH_PIN, sign_in, wait_idle

CSV = (b"Staff Code,Forename,Surname,Department\r\n"
       b"T100,Grace,Hughes,Science\r\n"
       b"T101,Kwame,Mensah,Maths\r\n"
       b",No,Code,Art\r\n")


def people(ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.uow(SYSTEM, readonly=True) as uow:
        return int(uow.session.execute(select(func.count(Person.id))).scalar_one())


def test_staff_import_previews_then_applies(qtbot, desk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    csv = tmp_path / "staff.csv"
    csv.write_bytes(CSV)
    sign_in(qtbot, desk)
    desk.header.nav["admin"].click()
    wait_idle(qtbot, desk)
    tab = desk.controller("admin").view.imports
    tab.path.setText(str(csv))
    assert not tab.apply.isEnabled()
    tab.preview.click()
    wait_idle(qtbot, desk)
    report = tab.report.toPlainText()
    assert "nothing has changed yet" in report
    assert "created 2" in report and "rejected 1" in report and "line 4" in report
    assert people(desk.ctx) == 0
    tab.apply.click()
    wait_idle(qtbot, desk)
    assert people(desk.ctx) == 2
    assert "Import done: created 2" in desk.banner.message
    assert tab.progress.value() == tab.progress.maximum()


def test_admin_adds_a_technician_and_plain_technicians_see_no_admin(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    desk.header.nav["admin"].click()
    wait_idle(qtbot, desk)
    tt = desk.controller("admin").view.technicians
    assert [r[0] for r in tt.table.row_texts()] == ["alice", "bob"]
    tt.username.setText("carol")
    tt.display.setText("Carol Jones")
    tt.pin.setText("555500")
    tt.add.click()
    wait_idle(qtbot, desk)
    assert "Technician carol added (technician)" in desk.banner.message
    assert [r[0] for r in tt.table.row_texts()] == ["alice", "bob", "carol"]
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        assert uow.session.execute(select(Technician.role).where(Technician.username == "carol")
                                   ).scalar_one() == "technician"
        assert ("alice", "technician_added") in [(e.actor, e.action) for e in uow.session.execute(
            select(AuditEvent)).scalars()]
    desk.lock()
    sign_in(qtbot, desk, "bob", TECH_PIN)
    assert not desk.header.nav["admin"].isVisible()
    desk.show_screen("admin")
    assert desk.current.name == "scan"


def test_settings_are_saved_and_take_effect(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    desk.header.nav["admin"].click()
    wait_idle(qtbot, desk)
    st = desk.controller("admin").view.settings
    st.school.setText("Ysgol Example")
    st.days["phone"].setValue(3)
    st.max_gap.setValue(60)
    assert st.pad_model.currentText() == "Not set (Topaz: 19200 8N1)"
    st.pad_model.setCurrentIndex(st.pad_model.findText("SigLite 1x5 (19200 8O1)"))
    st.save.click()
    wait_idle(qtbot, desk)
    saved = load_settings(desk.ctx.paths.settings_file)
    assert saved.school.name == "Ysgol Example" and saved.loans.days_phone == 3
    assert saved.pad.model == "siglite-1x5"
    assert desk.ctx.settings.scanner.max_gap_ms == 60
    assert desk.scanner.settings.max_gap_ms == 60  # the live scanner filter uses it at once
    assert desk.header.school.text() == "Ysgol Example"


def test_labels_print_through_the_printer(qtbot, desk, printer) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk)
    desk.header.nav["admin"].click()
    wait_idle(qtbot, desk)
    lt = desk.controller("admin").view.labels
    lt.tags.setText("LT-0001 LT-0002 PH-0001")
    lt.start.setValue(4)
    assert lt.sheet.start == 4 and lt.sheet.count == 3
    lt.print.click()
    wait_idle(qtbot, desk)
    assert len(printer.jobs) == 1 and printer.jobs[0].data.startswith(b"%PDF")
    assert "Labels sent to DeskPrinter" in desk.banner.message


def test_kiosk_locks_after_inactivity(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.desk import add_techs
    from ui.main_window import MainWindow

    add_techs(ui_ctx)
    win = MainWindow(ui_ctx, kiosk=True)
    qtbot.addWidget(win)
    win.show()
    assert ui_ctx.settings.kiosk.idle_lock_seconds == 300
    assert win.idle._timer.interval() == 300_000
    sign_in(qtbot, win)
    assert win.idle.active
    win.idle.set_interval_ms(50)  # don't wait five minutes in a test
    win.idle.start()
    qtbot.waitUntil(lambda: not win.session.is_signed_in, timeout=5000)
    assert win.current.name == "sign_in"
    win.close()


def test_the_normal_desk_locks_after_inactivity_too(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    assert not desk.kiosk and desk.ctx.settings.kiosk.idle_lock  # on by default
    sign_in(qtbot, desk)
    assert desk.idle.active
    desk.idle.set_interval_ms(50)
    desk.idle.start()
    qtbot.waitUntil(lambda: not desk.session.is_signed_in, timeout=5000)
    assert desk.current.name == "sign_in"


def test_idle_lock_is_a_setting_of_the_normal_desk(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    desk.header.nav["admin"].click()
    wait_idle(qtbot, desk)
    st = desk.controller("admin").view.settings
    assert st.idle_lock.isChecked()
    st.idle_lock.setChecked(False)
    st.save.click()
    wait_idle(qtbot, desk)
    assert load_settings(desk.ctx.paths.settings_file).kiosk.idle_lock is False
    assert not desk.idle.active  # stopped at once
    desk.lock()
    sign_in(qtbot, desk)
    assert not desk.idle.active
    desk.header.nav["admin"].click()
    wait_idle(qtbot, desk)
    st.idle_lock.setChecked(True)
    st.idle.setValue(45)
    st.save.click()
    wait_idle(qtbot, desk)
    assert desk.idle.active and desk.idle._timer.interval() == 45_000


def test_kiosk_locks_when_idle_whatever_the_setting(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.desk import add_techs
    from ui.main_window import MainWindow

    add_techs(ui_ctx)
    ui_ctx.settings.kiosk.idle_lock = False
    win = MainWindow(ui_ctx, kiosk=True)
    qtbot.addWidget(win)
    win.show()
    sign_in(qtbot, win)
    assert win.idle.active
    win.close()


def test_a_plain_technician_cannot_save_settings_even_on_the_screen(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk, "bob", TECH_PIN)
    admin = desk.controller("admin")  # reached without the navigation (which refuses him)
    admin.view.settings.school.setText("Bob's School")
    admin.save()
    wait_idle(qtbot, desk)
    assert "only an admin technician can change settings" in desk.banner.message
    assert desk.banner.level == "error"
    assert not desk.ctx.paths.settings_file.exists()
    assert desk.ctx.settings.school.name != "Bob's School"
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        assert "settings_changed" not in uow.session.execute(select(AuditEvent.action)).scalars().all()


def test_an_admins_settings_change_is_audited_and_becomes_the_live_settings(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    desk.header.nav["admin"].click()
    wait_idle(qtbot, desk)
    live = desk.ctx.settings
    st = desk.controller("admin").view.settings
    st.days["laptop"].setValue(21)
    st.save.click()
    wait_idle(qtbot, desk)
    assert "Settings saved" in desk.banner.message
    assert desk.ctx.settings is live and live.loans.days_laptop == 21
    assert desk.ctx.db.settings is live  # what the services read in a unit of work
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        events = uow.session.execute(select(AuditEvent).where(
            AuditEvent.action == "settings_changed")).scalars().all()
        assert [e.actor for e in events] == ["alice"]
        assert "loans.days_laptop" in str(events[0].details)


def open_settings(qtbot, desk):  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    desk.header.nav["admin"].click()
    wait_idle(qtbot, desk)
    desk.controller("admin").view.tabs.setCurrentIndex(2)
    return desk.controller("admin").view.settings


def test_an_out_of_range_number_says_why_and_is_not_put_back(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    st = open_settings(qtbot, desk)
    st.idle.setFocus()
    st.idle.selectAll()
    QTest.keyClicks(st.idle, "5")
    QTest.keyClick(st.idle, Qt.Key.Key_Tab)  # leave the field: Qt used to put 30 back silently
    assert st.idle.text() == "5" and st.idle.value() == 5
    why = st.problems["kiosk.idle_lock_seconds"]
    assert why.isVisible()
    assert why.text() == "The idle time before the desk locks must be 30 to 3600 seconds, not 5"
    st.save.click()
    wait_idle(qtbot, desk)
    assert desk.banner.level == "error"
    assert "Settings not saved: The idle time before the desk locks must be 30 to 3600" in \
        desk.banner.message
    assert not desk.ctx.paths.settings_file.exists()
    assert desk.ctx.settings.kiosk.idle_lock_seconds == 300
    st.idle.setValue(600)
    assert not why.isVisible()
    st.save.click()
    wait_idle(qtbot, desk)
    assert load_settings(desk.ctx.paths.settings_file).kiosk.idle_lock_seconds == 600


def test_scanner_timings_that_cannot_work_together_say_why(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    st = open_settings(qtbot, desk)
    st.max_gap.setValue(120)  # longer than the 100 ms of silence that ends a scan
    assert st.summary.isVisible()
    assert "The silence that ends a scan (100 ms) must be longer than the longest gap between " \
           "its keys (120 ms)" in st.summary.text()
    assert not any(p.isVisible() for p in st.problems.values())  # each number is fine alone
    st.save.click()
    wait_idle(qtbot, desk)
    assert "Settings not saved" in desk.banner.message and "cut short" in desk.banner.message
    st.end_timeout.setValue(150)
    assert not st.summary.isVisible()


def test_the_slow_scanner_settings_the_screen_suggests_are_accepted(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    st = open_settings(qtbot, desk)
    st.max_avg.setValue(60)
    st.max_gap.setValue(90)
    st.end_timeout.setValue(150)
    st.save.click()
    wait_idle(qtbot, desk)
    assert "Settings saved" in desk.banner.message
    assert (desk.scanner.settings.max_avg_gap_ms, desk.scanner.settings.max_gap_ms,
            desk.scanner.settings.end_timeout_ms) == (60, 90, 150)


def test_save_stays_in_view_with_a_banner_showing_at_1280x720(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QApplication

    desk.resize(1280, 720)
    st = open_settings(qtbot, desk)
    desk.notify("error", "A long message that wraps onto a second line of the banner, as the "
                         "message about a printer or a keyboard layout does on a small screen. " * 2)
    QApplication.processEvents()
    top_left = st.save.mapTo(desk, QPoint(0, 0))
    assert QRect(0, 0, desk.width(), desk.height()).contains(QRect(top_left, st.save.size()))
    assert st.save.visibleRegion().boundingRect().size() == st.save.size()  # not clipped


def test_admin_sees_todays_audit_anchor(qtbot, desk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    from pathlib import Path

    from app import anchors, audit

    school(desk.ctx)
    sign_in(qtbot, desk)
    desk.header.nav["admin"].click()
    wait_idle(qtbot, desk)
    view = desk.controller("admin").view
    view.tabs.setCurrentWidget(view.audit)
    wait_idle(qtbot, desk)
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        now = audit.head_anchor(uow.session)
    assert view.audit.token.text() == now.token
    assert anchors.parse(view.audit.token.text()) == now
    assert view.audit.status.text().startswith("✓ Audit log intact (")
    if shot := os.environ.get("LOAN_KIOSK_SHOT_DIR"):  # to look at it (docs/screenshots)
        desk.grab().save(str(Path(shot) / "admin-audit-anchor.png"))
    # a broken log gives no anchor, and says so
    with desk.ctx.db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
        conn.exec_driver_sql("UPDATE audit_events SET actor = 'someone' WHERE seq = 1")
    view.audit.refresh.click()
    wait_idle(qtbot, desk)
    assert view.audit.token.text() == "no anchor"
    assert "The audit log is BROKEN: audit event #1" in view.audit.status.text()
