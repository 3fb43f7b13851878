"""The ways out at the desk: the asset card (back in service, found, retire, close an
incident, an admin's reversal), the person card (reverse a leaver return), the check-in
(personal data, a signature on return with its receipt) and the trip's phone list (a non-phone asks,
removing an item clears the banner)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app import audit
from app.services.leavers import leaver_return
from app.services.loans import check_in, check_out, report_lost
from app.services.trips import create_trip
from app.uow import SYSTEM, Actor
from db.models import Asset, Incident, Loan, Receipt
from tests.factories import school
from tests.ui.desk import TECH_PIN, answer, sign_in, visible_text, wait_idle
from tests.ui.keys import scan
from tests.ui.pad import sign_with_mouse


def state(desk, tag: str) -> str:  # type: ignore[no-untyped-def]
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        return uow.session.execute(select(Asset.status).where(Asset.tag == tag)).scalar_one()


def audit_ok(desk) -> None:  # type: ignore[no-untyped-def]
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        result = audit.verify(uow.session)
    assert result.ok, result.problem


def test_asset_card_repair_found_and_retire(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    with desk.ctx.uow(Actor("earlier")) as uow:
        check_out(uow, ["LT-0001", "PH-0001"], "AB1")
    with desk.ctx.uow(Actor("earlier")) as uow:
        check_in(uow, "LT-0001", condition="damaged", note="hinge")
    with desk.ctx.uow(Actor("earlier")) as uow:
        report_lost(uow, "PH-0001", note="on the coach")
    sign_in(qtbot, desk, "bob", TECH_PIN)
    scan("LT-0001")  # in repair: its card opens
    wait_idle(qtbot, desk)
    card = desk.controller("asset").view
    assert card.service.isVisible() and not card.retire.isVisible()  # bob is not an admin
    card.service.click()
    wait_idle(qtbot, desk)
    assert desk.banner.message == ("LT-0001 is back in service (it was in repair); incident #1 "
                                   "closed as repaired.")
    assert state(desk, "LT-0001") == "available" and card.lend.isVisible()
    desk.open_asset("PH-0001")
    wait_idle(qtbot, desk)
    assert card.found.isVisible() and not card.lend.isVisible()
    card.found.click()
    card.found_panel.fields[0].setText("the coach company posted it")
    card.found_panel.confirm.click()
    wait_idle(qtbot, desk)
    assert "PH-0001 booked back in as found" in desk.banner.message
    assert "it was lost by Siân Ó Briain (AB1); their record now shows it came back" \
        in desk.banner.message
    assert state(desk, "PH-0001") == "available"
    assert "lost — came back" in visible_text(card.history)
    desk.lock()
    sign_in(qtbot, desk)  # alice, an admin
    desk.open_asset("LT-0009")
    wait_idle(qtbot, desk)
    card.retire.click()
    card.retire_panel.confirm.click()  # no reason
    wait_idle(qtbot, desk)
    assert desk.banner.level == "error" and "give the reason" in desk.banner.message
    card.retire_panel.fields[0].setText("beyond economic repair")
    card.retire_panel.confirm.click()
    wait_idle(qtbot, desk)
    assert desk.banner.message == "LT-0009 retired: beyond economic repair."
    assert "Retired: beyond economic repair" in card.header.facts.text()
    assert card.service.isVisible()  # an admin can undo a mistaken retirement
    audit_ok(desk)


def test_asset_card_closes_an_incident_with_outcome_cost_and_note(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    with desk.ctx.uow(Actor("earlier")) as uow:
        check_out(uow, "LT-0002", "AB1")
    with desk.ctx.uow(Actor("earlier")) as uow:
        check_in(uow, "LT-0002", condition="damaged", note="keyboard")
    sign_in(qtbot, desk, "bob", TECH_PIN)
    desk.open_asset("LT-0002")
    wait_idle(qtbot, desk)
    card = desk.controller("asset").view
    card.tabs.setCurrentIndex(2)
    assert card.incidents.row_texts()[0][-1] == "open"
    card.close_incident.click()
    assert card.close_panel.isVisible() and "Close incident #1 (damaged: keyboard)" in \
        card.close_panel.text.text()
    panel = card.close_panel
    assert panel.choice is not None
    panel.choice.setCurrentIndex(panel.choice.findData("charged"))
    panel.fields[0].setText("12.5O")  # a typo
    panel.confirm.click()
    wait_idle(qtbot, desk)
    assert desk.banner.level == "error" and "'12.5O' is not an amount of money" in \
        desk.banner.message
    panel.fields[0].setText("12.50")
    panel.fields[1].setText("charged to the science department")
    panel.confirm.click()
    wait_idle(qtbot, desk)
    assert desk.banner.message == "Incident #1 closed: charged, cost £12.50."
    assert card.incidents.row_texts()[0][-1] == "closed: charged, £12.50"
    assert state(desk, "LT-0002") == "in_repair"  # charged: still to be repaired
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        incident = uow.session.execute(select(Incident)).scalar_one()
        assert (incident.cost_pence, incident.resolution, incident.closed_by) == \
            (1250, "charged to the science department", "bob")
    audit_ok(desk)


def test_an_admin_reverses_a_mistaken_check_in_from_the_asset_card(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    with desk.ctx.uow(Actor("bob", "technician")) as uow:
        check_out(uow, "LT-0001", "AB1")
    with desk.ctx.uow(Actor("bob", "technician")) as uow:
        check_in(uow, "LT-0001")
    sign_in(qtbot, desk, "bob", TECH_PIN)
    desk.open_asset("LT-0001")
    wait_idle(qtbot, desk)
    card = desk.controller("asset").view
    assert not card.reverse.isVisible()  # only for an admin
    desk.lock()
    sign_in(qtbot, desk)
    desk.open_asset("LT-0001")
    wait_idle(qtbot, desk)
    assert card.reverse.isVisible() and card.reverse.text() == "Reverse the check-in…"
    card.reverse.click()
    desk.question.field.setText("she still has it: wrong laptop scanned")
    answer(qtbot, desk, "reverse", "Reverse the check-in of LT-0001 from Siân Ó Briain (AB1), "
                                   "done by bob")
    wait_idle(qtbot, desk)
    assert desk.banner.message == ("Reversed the check-in of LT-0001 from Siân Ó Briain (AB1): "
                                   "LT-0001 is on loan to Siân Ó Briain again.")
    assert state(desk, "LT-0001") == "on_loan" and card.check_in.isVisible()
    assert card.reverse.text() == "Reverse the check-out…"  # the next one back
    audit_ok(desk)


def test_an_admin_reverses_a_leaver_return_from_the_person_card(qtbot, desk, printer) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    with desk.ctx.uow(Actor("bob", "technician")) as uow:
        check_out(uow, "LT-0001", "LV3")
    with desk.ctx.uow(Actor("bob", "technician")) as uow:
        leaver_return(uow, "LV3", returned_tags=[], notes={"LT-0001": "at home"})
    sign_in(qtbot, desk)
    desk.open_person("LV3")
    wait_idle(qtbot, desk)
    view = desk.controller("person").view
    assert view.reverse.isVisible() and not view.lend.isVisible()
    view.reverse.click()
    answer(qtbot, desk, "reverse", "Reverse the leaver return of Zoë Ødegård (LV3) (receipt "
                                   "R-2026-0001)")
    wait_idle(qtbot, desk)
    assert "Zoë Ødegård is no longer recorded as left" in desk.banner.message
    assert "Status: Leaving" in view.facts.text() and view.items.row_texts()[0][0] == "LT-0001"
    assert view.lend.isVisible() and not view.reverse.isVisible()
    audit_ok(desk)


def test_check_in_of_a_personal_data_loan_with_a_signature_on_return(qtbot, desk, printer) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    desk.ctx.settings.signature.on_return = "personal-data loans"
    with desk.ctx.uow(Actor("earlier")) as uow:
        check_out(uow, "LT-0001", "AB1", personal_data=True)
    sign_in(qtbot, desk, "bob", TECH_PIN)
    scan("LT-0001")
    wait_idle(qtbot, desk)
    view = desk.controller("checkin").view
    assert desk.current.name == "checkin" and view.data_box.isVisible()
    view.confirm.click()
    assert desk.banner.level == "error"
    assert desk.banner.message == ("LT-0001 was lent with personal data: say how it was dealt "
                                   "with (removed, wiped, or kept for a handover).")
    view.data_choices["wiped"].setChecked(True)
    view.confirm.click()
    assert view.page == "sign"
    assert "Siân Ó Briain: please sign to confirm you returned LT-0001" in \
        view.signature.what.text()
    scan("NOPE-1")  # refused mid-signature: said here, the signature step stays
    wait_idle(qtbot, desk)
    assert desk.current.name == "checkin" and view.page == "sign"
    sign_with_mouse(view.signature.widget.canvas)
    view.signature.widget.accept_button.click()
    wait_idle(qtbot, desk)
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=15000)
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        loan = uow.session.execute(select(Loan)).scalar_one()
        assert (loan.outcome, loan.data_in) == ("returned", "wiped")
        assert loan.signature_in_id is not None
        receipt = uow.session.execute(select(Receipt)).scalar_one()
        assert receipt.kind == "loan_return" and receipt.file
    assert printer.jobs[0].data.startswith(b"%PDF")
    audit_ok(desk)


def test_trip_phone_list_asks_before_a_non_phone_and_removing_clears_the_banner(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    with desk.ctx.uow(Actor("earlier")) as uow:
        create_trip(uow, "Y9 Snowdon", leader="CD2", start=dt.date(2026, 11, 30),
                    end=dt.date(2026, 12, 2))
    sign_in(qtbot, desk)
    trips = desk.controller("trips")
    desk.show_screen("trips")
    trips.open_trip("Y9 Snowdon")
    wait_idle(qtbot, desk)
    scan("PH-0001")
    wait_idle(qtbot, desk)
    assert desk.banner.level == "pending"
    assert desk.banner.message == ("1. PH-0001 added to the phone list: lent when Łukasz Żółć signs "
                                   "for it.")
    scan("LT-0001")
    wait_idle(qtbot, desk)
    answer(qtbot, desk, "skip", "LT-0001 is a laptop (Dell Latitude 5440), not a phone. Add it to "
                                "the phones for Y9 Snowdon anyway?")
    assert [a.tag for a in trips.phones] == ["PH-0001"]
    scan("LT-0001")
    wait_idle(qtbot, desk)
    answer(qtbot, desk, "add", "not a phone")
    assert [a.tag for a in trips.phones] == ["PH-0001", "LT-0001"]
    scan("PH-0001")  # a duplicate: an error banner...
    wait_idle(qtbot, desk)
    assert desk.banner.level == "error"
    trips.view.phones.setCurrentRow(1)
    trips.view.remove.click()  # ...that no longer applies once an item is removed
    assert not desk.banner.isVisible() and [a.tag for a in trips.phones] == ["PH-0001"]
