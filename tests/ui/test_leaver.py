"""Leaver return end to end: pick, tick off by scanning, refuse others' items, notes, sign, PIN,
receipt printed twice, person marked left."""

from __future__ import annotations

import datetime as dt
import os

from sqlalchemy import select

from app.services.loans import check_out
from app.uow import SYSTEM, Actor
from db.models import AuditEvent, Loan, Person, Receipt
from tests.factories import add_asset, add_person, school
from tests.ui.desk import ADMIN_PIN, answer, sign_in, visible_text, wait_idle
from tests.ui.keys import scan
from tests.ui.pad import sign_with_mouse


def test_leaver_return_with_one_item_not_handed_back(qtbot, desk, printer) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    add_asset(desk.ctx, "LT-0004", encrypted=True)
    add_person(desk.ctx, "NX5", "Aoife", "MacLeod", leaving_date=dt.date(2026, 12, 10))
    with desk.ctx.uow(Actor("earlier")) as uow:
        check_out(uow, ["LT-0001", "PH-0001"], "NX5")
        check_out(uow, "LT-0004", "AB1")
    sign_in(qtbot, desk)
    desk.header.nav["leaver"].click()
    wait_idle(qtbot, desk)
    view = desk.controller("leaver").view
    assert view.soon.row_texts()[0][:2] == ["Aoife MacLeod", "NX5"]
    view.soon.cellDoubleClicked.emit(0, 0)
    wait_idle(qtbot, desk)
    # Aoife has a leaving date but is not marked leaving: the desk asks, naming her
    answer(qtbot, desk, "yes", "Aoife MacLeod (NX5) is not marked as leaving")
    assert view.page == "items"
    assert "0 of 2 ticked as handed back — to be confirmed by Aoife MacLeod's signature" \
        in view.progress.text()
    scan("LT-0001")
    wait_idle(qtbot, desk)
    assert view.states()[0] == ("LT-0001", True, "")
    scan("LT-0004")  # Siân's laptop
    wait_idle(qtbot, desk)
    assert desk.banner.level == "error"
    assert "LT-0004 is not Aoife MacLeod's: it is on loan to Siân Ó Briain (AB1)" in desk.banner.message
    view.cont.click()
    assert "Write a note for each item not handed back: PH-0001" in desk.banner.message
    view.note_edit(1).setText("says it is at home; will post it")
    view.cont.click()
    assert view.page == "sign"
    assert "did not return PH-0001" in view.signature.what.text()
    sign_with_mouse(view.signature.widget.canvas)
    view.signature.widget.accept_button.click()
    assert view.page == "pin"
    view.pin.setText("999900")
    view.finish.click()
    wait_idle(qtbot, desk)
    assert "PIN is not right" in desk.banner.message
    view.pin.setText(ADMIN_PIN)
    view.finish.click()
    wait_idle(qtbot, desk)
    assert view.page == "done"
    qtbot.waitUntil(lambda: len(printer.jobs) == 2, timeout=15000)
    wait_idle(qtbot, desk)
    assert "Rendering" not in view.print_status.text()
    text = visible_text(view)
    assert "is now recorded as left" in text and "not returned" in text
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        person = uow.session.execute(select(Person).where(Person.staff_code == "NX5")).scalar_one()
        assert person.status == "left"
        outcomes = {ln.asset.tag: ln.outcome for ln in uow.session.execute(
            select(Loan).where(Loan.person_id == person.id)).scalars()}
        assert outcomes == {"LT-0001": "returned", "PH-0001": "not_returned"}
        receipt = uow.session.execute(select(Receipt)).scalar_one()
        assert receipt.kind == "leaver_return" and receipt.file
        actions = [(e.actor, e.action) for e in uow.session.execute(select(AuditEvent)).scalars()]
    assert ("alice", "leaver_return") in actions
    assert actions.count(("alice", "print_queued")) == 2
    assert all(job.data.startswith(b"%PDF") for job in printer.jobs)


def test_a_leaver_return_whose_receipt_cannot_be_made_saves_nothing_and_can_be_finished(
        qtbot, desk, printer) -> None:  # type: ignore[no-untyped-def]
    """The receipt's PDF is archived in the same step as the return (issue 17): when it
    cannot be made, nothing is recorded, the desk says so and keeps everything typed and
    signed; put right, Finish records the return with its receipt."""
    school(desk.ctx)
    with desk.ctx.uow(Actor("earlier")) as uow:
        check_out(uow, ["PH-0001"], "LV3")
    sign_in(qtbot, desk)
    desk.header.nav["leaver"].click()
    wait_idle(qtbot, desk)
    view = desk.controller("leaver").view
    row = next(i for i, r in enumerate(view.soon.row_texts()) if r[1] == "LV3")
    view.soon.cellDoubleClicked.emit(row, 0)
    wait_idle(qtbot, desk)
    scan("PH-0001")
    wait_idle(qtbot, desk)
    view.cont.click()
    sign_with_mouse(view.signature.widget.canvas)
    view.signature.widget.accept_button.click()
    desk.ctx.settings.printing.page_size = "A3"  # the PDF cannot be made
    view.pin.setText(ADMIN_PIN)
    view.finish.click()
    wait_idle(qtbot, desk)
    assert desk.banner.level == "error"
    assert desk.banner.message.startswith("nothing was saved: cannot make the PDF of R-")
    assert "unknown page size 'A3'" in desk.banner.message
    assert view.page != "done" and printer.jobs == []
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        assert uow.session.execute(select(Receipt)).first() is None
        assert uow.session.execute(select(Person.status).where(Person.staff_code == "LV3")
                                   ).scalar_one() != "left"
    if shot := os.environ.get("LOAN_KIOSK_SHOT_DIR"):  # to look at it
        desk.grab().save(os.path.join(shot, "leaver-receipt-not-made.png"))
    # put right, the same Finish records it, with its receipt archived
    desk.ctx.settings.printing.page_size = "A4"
    view.pin.setText(ADMIN_PIN)
    view.finish.click()
    wait_idle(qtbot, desk)
    assert view.page == "done"
    qtbot.waitUntil(lambda: len(printer.jobs) >= 1, timeout=15000)
    wait_idle(qtbot, desk)
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        assert uow.session.execute(select(Receipt)).scalar_one().file
