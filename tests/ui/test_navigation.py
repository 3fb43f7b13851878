"""The desk's typed ways between screens (``ui.navigation``, what ``ui.controllers.desk.Desk``
offers controllers): each shows its screen with the work in hand, and a lock shows sign-in."""

from __future__ import annotations

import datetime as dt

from app.services.cards import describe_scan
from app.services.leavers import leaver_return
from app.uow import SYSTEM, Actor
from tests.factories import school
from tests.ui.desk import sign_in, sqlite_only_db, wait_idle

#: widget-level: stays on SQLite
db_url = sqlite_only_db


def asset(desk, tag: str):  # type: ignore[no-untyped-def]
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        return describe_scan(uow, tag).asset


def test_each_typed_way_shows_its_screen_with_the_work_in_hand(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    with desk.ctx.uow(Actor("earlier")) as uow:
        number = leaver_return(uow, "LV3").number
    sign_in(qtbot, desk)

    desk.lend(asset(desk, "LT-0001"))
    wait_idle(qtbot, desk)
    assert desk.current.name == "checkout"
    assert [a.tag for a in desk.controller("checkout").items] == ["LT-0001"]

    desk.lend_to("CD2", "Łukasz Żółć")
    wait_idle(qtbot, desk)
    assert desk.current.name == "checkout"
    assert desk.controller("checkout").borrower == ("CD2", "Łukasz Żółć")

    desk.controller("checkout").cancel()
    desk.open_receipt(number)
    wait_idle(qtbot, desk)
    assert desk.current.name == "receipt"
    assert desk.controller("receipt").receipt.number == number

    desk.open_asset("LT-0002")
    wait_idle(qtbot, desk)
    assert desk.current.name == "asset" and desk.controller("asset").card.asset.tag == "LT-0002"

    desk.open_person("AB1")
    wait_idle(qtbot, desk)
    assert desk.current.name == "person"
    assert desk.controller("person").card.person.staff_code == "AB1"

    desk.leaver_return("CD2")  # not marked as leaving: the desk asks first
    wait_idle(qtbot, desk)
    assert desk.current.name == "leaver" and desk.question is not None
    desk.question.reject()

    desk.lock()
    assert desk.current.name == "sign_in"
    desk.open_asset("LT-0001")  # nothing opens while the desk is locked
    assert desk.current.name == "sign_in"


def test_a_loaned_asset_is_checked_in_from_its_card(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    from app.services.loans import check_out

    school(desk.ctx)
    with desk.ctx.uow(Actor("earlier")) as uow:
        check_out(uow, ["PH-0002"], "AB1", due=dt.date(2026, 12, 31))
    sign_in(qtbot, desk)
    desk.check_in(asset(desk, "PH-0002"))
    wait_idle(qtbot, desk)
    assert desk.current.name == "checkin"
    assert desk.controller("checkin").asset.tag == "PH-0002"
