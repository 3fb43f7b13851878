"""Trip phones end to end: create a trip, scan its phone list (duplicates refused), leader signs once,
the sheet prints; phones scanned back; the trip shows which are still out."""

from __future__ import annotations

from sqlalchemy import select

from app.uow import SYSTEM
from db.models import AuditEvent, Loan, Receipt
from tests.factories import add_asset, school
from tests.ui.desk import sign_in, visible_text, wait_idle
from tests.ui.keys import scan
from tests.ui.pad import sign_with_mouse


def test_trip_phone_list_signed_once_then_phones_come_back(qtbot, desk, printer) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    add_asset(desk.ctx, "PH-0003", "phone", encrypted=True, method="android")
    sign_in(qtbot, desk)
    desk.header.nav["trips"].click()
    wait_idle(qtbot, desk)
    view = desk.controller("trips").view
    assert "No trips yet" in visible_text(view)
    view.name.setText("Year 10 Paris")
    view.destination.setText("Paris")
    scan("CD2")  # the leader's staff card
    wait_idle(qtbot, desk)
    assert view.leader_label.text() == "Leader: Łukasz Żółć (CD2)"
    view.create_button.click()
    wait_idle(qtbot, desk)
    assert view.page == "phones"
    for tag in ("PH-0001", "PH-0002", "PH-0001", "PH-0003"):
        scan(tag)
        wait_idle(qtbot, desk)
    listed = [view.phones.item(i).text() for i in range(view.phones.count())]
    assert [k.split(" — ")[0] for k in listed] == ["1. PH-0001", "2. PH-0002", "3. PH-0003"]
    view.sign.click()
    assert "3 phones" in view.signature.what.text()
    sign_with_mouse(view.signature.widget.canvas)
    view.signature.widget.accept_button.click()
    wait_idle(qtbot, desk)
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=15000)
    wait_idle(qtbot, desk)
    assert "3 still out, 0 back" in view.status_title.text()
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        loans = list(uow.session.execute(select(Loan)).scalars())
        assert {ln.asset.tag for ln in loans} == {"PH-0001", "PH-0002", "PH-0003"}
        assert len({ln.signature_out_id for ln in loans}) == 1
        assert all(ln.trip is not None and ln.person.staff_code == "CD2" for ln in loans)
        assert uow.session.execute(select(Receipt.kind)).scalar_one() == "trip_sheet"
    # back from the trip
    scan("PH-0002")
    wait_idle(qtbot, desk)
    assert "1 back" in view.status_title.text() and "2 still out" in view.status_title.text()
    texts = view.status.row_texts()
    assert [r[0] for r in texts if r[3] == "STILL OUT"] == ["PH-0001", "PH-0003"]
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        actions = [(e.actor, e.action) for e in uow.session.execute(select(AuditEvent)).scalars()]
    assert ("alice", "trip_created") in actions and ("alice", "checkin") in actions
