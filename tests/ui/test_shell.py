"""The desk shell: first run, sign-in, the header, Lock, the Scan screen and unknown codes."""

from __future__ import annotations

from sqlalchemy import select

from app.uow import SYSTEM
from db.models import AuditEvent, Technician
from tests.factories import add_asset, add_person
from tests.ui.desk import ADMIN_PIN, TECH_PIN, sign_in, visible_text, wait_idle
from tests.ui.keys import scan, type_slowly
from ui.main_window import MainWindow


def actions(ctx) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with ctx.uow(SYSTEM, readonly=True) as uow:
        return [(e.actor, e.action) for e in uow.session.execute(
            select(AuditEvent).order_by(AuditEvent.seq)).scalars()]


def test_first_run_asks_for_the_first_admin(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(ui_ctx)
    qtbot.addWidget(win)
    win.show()
    view = win.controller("sign_in").view
    qtbot.waitUntil(lambda: view.creating)
    assert "create the first admin" in view.title.text()
    view.username.setText("mia")
    view.display_name.setText("Mia Owen")
    view.pin.setText("135700")
    view.pin2.setText("137500")
    view.submit.click()
    assert "different" in view.message.text()
    view.pin2.setText("135700")
    view.submit.click()
    qtbot.waitUntil(lambda: win.session.is_signed_in)
    assert win.header.technician.text() == "Technician: Mia Owen (admin)"
    assert win.current.name == "scan"
    with ui_ctx.uow(SYSTEM, readonly=True) as uow:
        tech = uow.session.execute(select(Technician)).scalar_one()
        assert (tech.username, tech.role) == ("mia", "admin")
    assert ("mia", "technician_added") in actions(ui_ctx)
    win.close()


def test_sign_in_shows_the_technician_and_lock_returns_to_sign_in(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    assert desk.current.name == "sign_in"
    assert not desk.header.lock.isVisible()
    sign_in(qtbot, desk, "bob", TECH_PIN)
    assert desk.header.technician.text() == "Technician: Bob Tech"
    assert not desk.header.nav["admin"].isVisible()  # not an admin
    assert "Scan an asset label or a staff card" in visible_text(desk.stack.currentWidget())
    desk.header.lock.click()
    assert desk.current.name == "sign_in"
    assert desk.header.technician.text() == "Not signed in"
    assert ("bob", "sign_in") in actions(desk.ctx)


def test_wrong_pins_are_refused_then_rate_limited(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    view = desk.controller("sign_in").view
    wait_idle(qtbot, desk)
    for _ in range(5):
        view.username.setText("alice")
        view.pin.setText("000000")
        view.submit.click()
        wait_idle(qtbot, desk)
    assert "Too many wrong PINs" in view.message.text()
    view.pin.setText(ADMIN_PIN)
    view.submit.click()
    wait_idle(qtbot, desk)
    assert not desk.session.is_signed_in
    assert "Try again in" in view.message.text()
    assert actions(desk.ctx).count(("alice", "sign_in_failed")) == 5


def test_a_badge_scan_on_the_sign_in_screen_fills_the_username(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    view = desk.controller("sign_in").view
    wait_idle(qtbot, desk)
    view.username.setFocus()
    scan("TECH-BADGE-7", view.username)
    assert view.username.text() == "TECH-BADGE-7"
    assert view.pin.hasFocus()
    type_slowly(TECH_PIN, view.pin, gap_ms=150)
    qtbot.waitUntil(lambda: view.pin.text() == TECH_PIN)
    view.submit.click()
    qtbot.waitUntil(lambda: desk.session.is_signed_in)
    assert desk.session.actor.name == "bob"


def test_unknown_scan_says_so_and_offers_a_search(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    add_person(desk.ctx, "AB1", "Siân", "Ó Briain")
    add_asset(desk.ctx, "LT-0001")
    sign_in(qtbot, desk)
    view = desk.controller("scan").view
    scan("XX-9999", view.entry)
    wait_idle(qtbot, desk)
    assert desk.banner.level == "error"
    assert "XX-9999" in desk.banner.message
    assert view.unknown.isVisible()
    view.entry.setText("sian")
    view.entry.textEdited.emit("sian")
    qtbot.waitUntil(lambda: any("Siân Ó Briain (AB1)" in t for t in view.match_texts()))
    view.matches.setCurrentRow(0)
    view.matches.itemActivated.emit(view.matches.item(0))
    wait_idle(qtbot, desk)
    assert desk.current.name == "person"


def test_typing_by_hand_in_the_scan_field_is_not_a_scan_until_enter(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    view = desk.controller("scan").view
    view.entry.setFocus()
    type_slowly("XX-1", view.entry)
    qtbot.waitUntil(lambda: view.entry.text() == "XX-1")
    assert desk.banner.message == ""


def test_a_pin_shorter_than_six_digits_must_be_changed_at_sign_in(  # type: ignore[no-untyped-def]
        qtbot, desk, tmp_path) -> None:
    """A 4-digit PIN from an older version still signs in, but only to choose a new one."""
    from app.services.technicians import hash_pin

    with desk.ctx.uow(SYSTEM) as uow:  # as an older version stored it
        uow.session.execute(select(Technician).where(Technician.username == "bob")).scalar_one() \
            .pin_hash = hash_pin("2468")
        uow.audit("test_setup")
        uow.commit()
    view = desk.controller("sign_in").view
    wait_idle(qtbot, desk)
    view.username.setText("bob")
    view.pin.setText("2468")
    view.submit.click()
    qtbot.waitUntil(lambda: view.changing, timeout=15000)
    assert not desk.session.is_signed_in
    assert view.title.text() == "Choose a new PIN"
    assert "shorter than 6 digits" in view.subtitle.text()
    assert view.username.isReadOnly() and view.username.text() == "bob"
    assert view.pin2.isVisible()
    qtbot.wait(50)  # a layout pass for the new labels
    desk.grab().save(str(tmp_path / "sign-in-new-pin.png"))
    view.pin.setText("8642")
    view.pin2.setText("8642")
    view.submit.click()
    wait_idle(qtbot, desk)
    assert "6 to 12 digits" in view.message.text() and not desk.session.is_signed_in
    view.pin.setText("864213")
    view.pin2.setText("864231")
    view.submit.click()
    assert "different" in view.message.text()
    view.pin2.setText("864213")
    view.submit.click()
    qtbot.waitUntil(lambda: desk.session.is_signed_in, timeout=15000)
    assert desk.header.technician.text() == "Technician: Bob Tech"
    assert ("bob", "pin_changed") in actions(desk.ctx)
    desk.header.lock.click()
    sign_in(qtbot, desk, "bob", "864213")  # the new PIN is the one that works now
