"""A leaver return in progress: ticks are only "to be confirmed by signature", nothing says
Done before it is saved, the idle lock keeps it for the same technician and asks anyone
else, another leaver's card asks before the ticks go, and personal data is accounted for."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.services.loans import check_out
from app.uow import SYSTEM, Actor
from db.models import Person, Receipt
from tests.factories import add_person, school
from tests.ui.desk import ADMIN_PIN, TECH_PIN, answer, sign_in, wait_idle
from tests.ui.keys import scan
from tests.ui.pad import sign_with_mouse


def start(qtbot, desk):  # type: ignore[no-untyped-def]
    """Zoë (leaving) holds LT-0001 and PH-0001 (lent with personal data); her return is open."""
    school(desk.ctx)
    with desk.ctx.uow(Actor("earlier")) as uow:
        check_out(uow, "LT-0001", "LV3")
    with desk.ctx.uow(Actor("earlier")) as uow:
        check_out(uow, "PH-0001", "LV3", personal_data=True)
    sign_in(qtbot, desk, "bob", TECH_PIN)
    desk.header.nav["leaver"].click()
    wait_idle(qtbot, desk)
    scan("LV3")
    wait_idle(qtbot, desk)
    view = desk.controller("leaver").view
    assert view.page == "items" and desk.question is None  # she is marked leaving: no question
    return view


def status_of(desk, code: str) -> str:  # type: ignore[no-untyped-def]
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        return uow.session.execute(select(Person.status).where(Person.staff_code == code)
                                   ).scalar_one()


def test_ticks_are_pending_until_signed_and_personal_data_is_asked_for(qtbot, desk,  # type: ignore[no-untyped-def]
                                                                       printer) -> None:
    view = start(qtbot, desk)
    assert view.items.horizontalHeaderItem(0).text() == "Handed back"
    scan("LT-0001")
    wait_idle(qtbot, desk)
    assert desk.banner.level == "pending"
    assert desk.banner.message == ("LT-0001 ticked as handed back — to be confirmed by Zoë "
                                   "Ødegård's signature.")
    assert "Done" not in desk.banner.word.text()
    assert view.progress.text() == ("1 of 2 ticked as handed back — to be confirmed by Zoë "
                                    "Ødegård's signature")
    scan("PH-0001")
    wait_idle(qtbot, desk)
    view.cont.click()
    assert view.page == "items"
    assert desk.banner.message == ("Say how the personal data was dealt with on PH-0001 (lent "
                                   "with personal data).")
    box = view.data_box(view.row_of("PH-0001"))
    assert box is not None and view.data_box(view.row_of("LT-0001")) is None
    box.setCurrentIndex(box.findData("kept"))
    view.note_edit(view.row_of("PH-0001")).setText("for the new head of geography")
    view.cont.click()
    assert view.page == "sign"
    sign_with_mouse(view.signature.widget.canvas)
    view.signature.widget.accept_button.click()
    view.pin.setText(TECH_PIN)
    view.finish.click()
    wait_idle(qtbot, desk)
    assert view.page == "done"
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        content = uow.session.execute(select(Receipt)).scalar_one().content
    phone = next(i for i in content["items"] if i["tag"] == "PH-0001")
    assert (phone["data"], phone["data_note"]) == ("kept", "for the new head of geography")
    assert status_of(desk, "LV3") == "left"


def test_the_lock_keeps_the_return_for_the_same_technician(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    view = start(qtbot, desk)
    scan("LT-0001")
    wait_idle(qtbot, desk)
    view.note_edit(view.row_of("PH-0001")).setText("at home")
    view.cont.click()
    assert view.page == "sign"
    desk.lock()  # the idle lock, say
    sign_in(qtbot, desk, "bob", TECH_PIN)
    assert desk.current.name == "leaver" and view.page == "items"  # signs again: not kept
    assert view.states() == [("LT-0001", True, ""), ("PH-0001", False, "at home")]
    assert desk.banner.message.startswith("Zoë Ødegård's leaver return is as you left it: 1 of 2")
    assert status_of(desk, "LV3") == "leaving"


def test_someone_else_signing_in_is_asked_to_continue_or_discard(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    view = start(qtbot, desk)
    scan("LT-0001")
    wait_idle(qtbot, desk)
    desk.lock()
    sign_in(qtbot, desk, "alice", ADMIN_PIN)
    answer(qtbot, desk, "keep", "bob was doing Zoë Ødegård's leaver return (1 of 2 ticked as "
                                "handed back")
    assert desk.current.name == "leaver" and view.states()[0] == ("LT-0001", True, "")
    desk.lock()
    sign_in(qtbot, desk, "bob", TECH_PIN)
    answer(qtbot, desk, "discard", "alice was doing Zoë Ødegård's leaver return")
    assert view.page == "pick"
    assert desk.banner.message == ("Zoë Ødegård's unfinished leaver return was discarded; nothing "
                                   "had been recorded.")
    assert status_of(desk, "LV3") == "leaving"


def test_another_leavers_card_mid_return_asks_before_the_ticks_go(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    view = start(qtbot, desk)
    add_person(desk.ctx, "NX5", "Aoife", "MacLeod", status="leaving",
               leaving_date=dt.date(2026, 12, 10))
    scan("LT-0001")
    wait_idle(qtbot, desk)
    scan("NX5")
    wait_idle(qtbot, desk)
    answer(qtbot, desk, "stay", "Zoë Ødegård's leaver return is in progress (1 of 2 ticked")
    assert view.person.text().startswith("Zoë Ødegård (LV3)") and view.states()[0][1]
    scan("NX5")
    wait_idle(qtbot, desk)
    answer(qtbot, desk, "switch", "start Aoife MacLeod's?")
    assert view.person.text().startswith("Aoife MacLeod (NX5)")


def test_someone_not_leaving_is_asked_about_by_name(qtbot, desk, printer) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk)
    desk.header.nav["leaver"].click()
    wait_idle(qtbot, desk)
    scan("CD2")
    wait_idle(qtbot, desk)
    view = desk.controller("leaver").view
    answer(qtbot, desk, "no", "Łukasz Żółć (CD2) is not marked as leaving. A leaver return "
                              "records them as left")
    assert view.page == "pick" and status_of(desk, "CD2") == "active"
    scan("CD2")
    wait_idle(qtbot, desk)
    answer(qtbot, desk, "yes", "Is this the right person?")
    assert view.page == "items"
    view.cont.click()
    sign_with_mouse(view.signature.widget.canvas)
    view.signature.widget.accept_button.click()
    view.pin.setText(ADMIN_PIN)
    view.finish.click()
    wait_idle(qtbot, desk)
    assert view.page == "done" and status_of(desk, "CD2") == "left"
