"""Check-in end to end: one confirmation for the normal case; damage opens an incident; lost."""

from __future__ import annotations

from sqlalchemy import select

from app.services.loans import check_out
from app.uow import SYSTEM, Actor
from db.models import Asset, AuditEvent, Incident, Loan
from tests.factories import school
from tests.ui.desk import TECH_PIN, press_enter_on, sign_in, visible_text, wait_idle
from tests.ui.keys import scan


def lend(ctx, tag: str, code: str = "AB1") -> None:  # type: ignore[no-untyped-def]
    with ctx.uow(Actor("earlier")) as uow:
        check_out(uow, tag, code)


def state(ctx, tag: str):  # type: ignore[no-untyped-def]
    with ctx.uow(SYSTEM, readonly=True) as uow:
        asset = uow.session.execute(select(Asset).where(Asset.tag == tag)).scalar_one()
        loan = uow.session.execute(select(Loan).where(Loan.asset_id == asset.id)
                                   .order_by(Loan.id.desc())).scalars().first()
        incidents = [(i.kind, i.reported_by) for i in uow.session.execute(select(Incident)).scalars()]
        actions = [(e.actor, e.action) for e in uow.session.execute(select(AuditEvent)).scalars()]
        return asset.status, loan.outcome, loan.condition_in, loan.in_by, loan.note_in, incidents, actions


def test_normal_check_in_is_one_enter(qtbot, desk, clock) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    lend(desk.ctx, "LT-0001")
    clock.advance(days=40)  # laptops are lent for 30 days: now overdue
    sign_in(qtbot, desk, "bob", TECH_PIN)
    scan("LT-0001")
    wait_idle(qtbot, desk)
    assert desk.current.name == "checkin"
    view = desk.controller("checkin").view
    text = visible_text(view)
    assert "On loan to Siân Ó Briain (AB1) since" in text and "OVERDUE" in text
    assert view.header.holder.property("role") == "overdue"
    # said once, on the card (and to a screen reader through the holder line), not again in
    # a banner above it
    assert "OVERDUE" in view.header.holder.accessibleDescription()
    assert not desk.banner.isVisible()
    press_enter_on(desk)
    wait_idle(qtbot, desk)
    assert desk.current.name == "scan"
    assert desk.banner.level == "ok" and "LT-0001 checked in from Siân Ó Briain" in desk.banner.message
    status, outcome, cond, by, _note, incidents, actions = state(desk.ctx, "LT-0001")
    assert (status, outcome, cond, by, incidents) == ("available", "returned", "ok", "bob", [])
    assert ("bob", "checkin") in actions


def test_an_unticked_screen_check_means_damage_and_an_incident(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    lend(desk.ctx, "PH-0001")
    sign_in(qtbot, desk)
    scan("PH-0001")
    wait_idle(qtbot, desk)
    view = desk.controller("checkin").view
    labels = [cb.text() for cb in view.checks]
    assert labels == ["Screen and body undamaged"]  # PH-0001 has no accessories recorded
    view.checks[0].setChecked(False)
    assert view.condition() == "damaged"
    view.note.setText("cracked screen")
    view.confirm.click()
    wait_idle(qtbot, desk)
    assert "Incident #1 opened" in desk.banner.message
    status, outcome, cond, _by, note, incidents, _a = state(desk.ctx, "PH-0001")
    assert (status, outcome, cond, incidents) == ("in_repair", "returned", "damaged",
                                                  [("damaged", "alice")])
    assert "cracked screen" in note


def test_report_lost_is_one_action_away(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    lend(desk.ctx, "TB-0001")
    sign_in(qtbot, desk)
    scan("TB-0001")
    wait_idle(qtbot, desk)
    view = desk.controller("checkin").view
    view.lost.click()
    view.lost_panel.note.setText("left on the coach")
    view.lost_panel.confirm.click()
    wait_idle(qtbot, desk)
    assert "TB-0001 from Siân Ó Briain recorded as lost" in desk.banner.message
    status, outcome, *_rest, incidents, actions = state(desk.ctx, "TB-0001")
    assert (status, outcome) == ("lost", "lost")
    assert incidents == [("lost", "alice")]
    assert ("alice", "report_lost") in actions


def test_condition_and_note_show_when_something_is_not_right(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    lend(desk.ctx, "LT-0001")
    lend(desk.ctx, "TB-0001")
    sign_in(qtbot, desk)
    scan("LT-0001")
    wait_idle(qtbot, desk)
    view = desk.controller("checkin").view
    # most things come back in order: one button where the condition and note will be
    assert view.more.isVisible() and not view.conditions.isVisible() and not view.note.isVisible()
    assert view.confirm.hasFocus()  # Enter checks it in
    view.more.click()  # one step to both, the condition focused (Alt+C reaches it too)
    assert view.conditions.isVisible() and view.note.isVisible() and not view.more.isVisible()
    assert view.conditions.hasFocus() and view.condition() == "ok"
    assert view.condition_label.buddy() is view.conditions
    assert [view.conditions.itemData(i) for i in range(view.conditions.count())] == \
        ["ok", "incomplete", "damaged"]
    view.set_condition("incomplete")
    view.note.setText("scuffed lid")
    scan("TB-0001")  # the next asset starts closed and clean
    wait_idle(qtbot, desk)
    assert desk.controller("checkin").asset.tag == "TB-0001"
    assert view.more.isVisible() and not view.note.isVisible()
    assert view.condition() == "ok" and view.note_text() == ""
    view.checks[-1].setChecked(False)  # the screen check off: damaged, shown at once
    assert view.condition() == "damaged" and view.note.isVisible()
    view.checks[-1].setChecked(True)  # back on: OK again, still shown
    assert view.condition() == "ok" and view.note.isVisible()
    view.conditions.setCurrentIndex(2)  # damaged, chosen by hand with every tick on
    view.confirm.click()  # damaged needs a note: said, and the note takes the focus
    assert desk.banner.level == "error" and view.note.hasFocus()
    assert desk.current.name == "checkin"
