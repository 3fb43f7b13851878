"""The Kits screen end to end: create a kit, fill it by scanning, lend it with one signature
after a staff card is scanned, scan the kit label back and untick a missing member."""

from __future__ import annotations

from sqlalchemy import select

from app.uow import SYSTEM
from db.models import Loan
from tests.factories import add_asset, add_location, add_site, school
from tests.ui.desk import sign_in, visible_text, wait_idle
from tests.ui.keys import scan
from tests.ui.pad import sign_with_mouse


def _open_loans(desk) -> dict[str, tuple[str, bool, bool]]:  # type: ignore[no-untyped-def]
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        return {ln.asset.tag: (ln.person.staff_code, ln.kit_id is not None,
                               ln.location_id is not None)
                for ln in uow.session.execute(select(Loan).where(Loan.outcome.is_(None)))
                .scalars()}


def test_a_kit_made_by_scanning_lent_with_one_signature_and_checked_in(  # type: ignore[no-untyped-def]
        qtbot, desk, printer) -> None:
    school(desk.ctx)
    add_asset(desk.ctx, "PH-0003", "phone", encrypted=True, method="android")
    add_site(desk.ctx, "NHS")
    add_location(desk.ctx, "NHS-R12", "Room 12")
    sign_in(qtbot, desk)
    desk.header.nav["kits"].click()
    wait_idle(qtbot, desk)
    view = desk.controller("kits").view
    assert "No kits yet" in visible_text(view)
    view.new_tag.setText("KIT-PH1")
    view.new_name.setText("Trip phones case 1")
    view.new_kind.setCurrentText("case")
    view.create_button.click()
    wait_idle(qtbot, desk)
    assert view.page == "kit" and desk.banner.message.startswith("Kit KIT-PH1 created")
    for tag in ("PH-0001", "PH-0002", "PH-0003", "PH-0001"):
        scan(tag)
        wait_idle(qtbot, desk)
    assert [r[0] for r in view.members.row_texts()] == ["PH-0001", "PH-0002", "PH-0003"]
    assert "3 members" in view.facts.text()
    # a staff card on the kit's card lends it: to Room 12, Ms Żółć responsible
    scan("CD2")
    wait_idle(qtbot, desk)
    assert view.page == "lend" and view.borrower_label.text() == "Borrower: Łukasz Żółć (CD2)"
    view.room.setText("NHS-R12")
    view.sign.click()
    assert "kit KIT-PH1" in view.signature.what.text() and "in NHS-R12" in \
        view.signature.what.text()
    sign_with_mouse(view.signature.widget.canvas)
    view.signature.widget.accept_button.click()
    wait_idle(qtbot, desk)
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=15000)  # the acknowledgement
    wait_idle(qtbot, desk)
    assert _open_loans(desk) == {t: ("CD2", True, True) for t in ("PH-0001", "PH-0002", "PH-0003")}
    assert "Room 12 (responsible: Łukasz Żółć (CD2))" in view.members.row_texts()[0][2]
    # back at the desk: scanning the kit label from the Scan screen opens its check-in
    desk.header.nav["scan"].click()
    wait_idle(qtbot, desk)
    scan("kit-ph1")
    wait_idle(qtbot, desk)
    assert desk.current.name == "kits" and view.page == "return"
    assert view.checklist.count() == 3
    view.checklist.item(1).setCheckState(view.checklist.item(1).checkState().Unchecked)
    view.checkin.click()
    wait_idle(qtbot, desk)
    assert "MISSING, still on loan: PH-0002 to Room 12 (responsible: Łukasz Żółć (CD2))" \
        in desk.banner.message
    assert _open_loans(desk) == {"PH-0002": ("CD2", True, True)}
    assert view.page == "kit" and "1 out with the kit" in view.facts.text()


def test_check_out_to_a_room_names_the_member_of_staff_responsible(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    add_site(desk.ctx, "NHS")
    add_location(desk.ctx, "NHS-R12", "Room 12")
    sign_in(qtbot, desk)
    scan("LT-0001")
    wait_idle(qtbot, desk)
    view = desk.controller("checkout").view
    scan("CD2")
    wait_idle(qtbot, desk)
    view.room.setText("nhs-r12")
    view.cont.click()
    sign_with_mouse(view.signature.widget.canvas)
    view.signature.widget.accept_button.click()
    wait_idle(qtbot, desk)
    assert "Lent 1 item to Room 12 (responsible: Łukasz Żółć): LT-0001" in desk.banner.message
    assert _open_loans(desk) == {"LT-0001": ("CD2", False, True)}
    desk.open_asset("LT-0001")  # the card says where it is and who is responsible
    wait_idle(qtbot, desk)
    assert "On loan to Room 12 (responsible: Łukasz Żółć (CD2)) since" in visible_text(
        desk.controller("asset").view)
    scan("LT-0001")  # back: its check-in names the room, and the staff code inside its brackets
    wait_idle(qtbot, desk)
    assert desk.current.name == "checkin"
    assert "On loan to Room 12 (responsible: Łukasz Żółć (CD2)) since" in visible_text(
        desk.controller("checkin").view)


def test_a_kit_lent_with_personal_data_comes_back_signed_with_the_data_recorded(  # type: ignore[no-untyped-def]
        qtbot, desk, printer) -> None:
    from app.services import kit_loans, kits

    school(desk.ctx)
    desk.ctx.settings.signature.on_return = "personal-data loans"
    with desk.ctx.uow(SYSTEM) as uow:
        kits.add_kit(uow, "KIT-2", "Encrypted pair", members=["PH-0001", "TB-0001"])
    with desk.ctx.uow(SYSTEM) as uow:
        kit_loans.check_out_kit(uow, "KIT-2", "AB1", personal_data=True)
    sign_in(qtbot, desk)
    scan("KIT-2")
    wait_idle(qtbot, desk)
    view = desk.controller("kits").view
    assert view.page == "return" and view.data.isVisibleTo(view)
    view.data.setCurrentIndex(1)  # wiped by IT
    view.checkin.click()
    assert view.page == "sign" and "returning 2 items of kit KIT-2" in view.signature.what.text()
    sign_with_mouse(view.signature.widget.canvas)
    view.signature.widget.accept_button.click()
    wait_idle(qtbot, desk)
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=15000)  # the return receipt
    assert desk.banner.message.startswith("Return receipt C-2026-0001 sent")
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        loans = list(uow.session.execute(select(Loan)).scalars())
        assert {(ln.outcome, ln.data_in) for ln in loans} == {("returned", "wiped")}
        assert len({ln.signature_in_id for ln in loans}) == 1 and loans[0].receipt_id


def test_a_member_lent_at_another_desk_meanwhile_is_said_on_the_lending_page(  # type: ignore[no-untyped-def]
        qtbot, desk) -> None:
    """Another desk lends a member while this one is signing for the kit: the kit is refused
    whole, and the lending page now says which member cannot go and offers to lend the
    others (before, it went on listing every member as going, with no way on but back)."""
    from app.services import kits
    from app.services.loans import check_out
    from app.uow import Actor

    school(desk.ctx)
    with desk.ctx.uow(Actor("alice", "admin")) as uow:
        kits.add_kit(uow, "KIT-PH1", "Trip phones case 1", kind="case",
                     members=["PH-0001", "PH-0002"])
    sign_in(qtbot, desk)
    scan("KIT-PH1")
    wait_idle(qtbot, desk)
    view = desk.controller("kits").view
    view.lend.click()
    wait_idle(qtbot, desk)
    view.sign.click()  # nobody chosen yet: said
    assert desk.banner.message.startswith("Choose who borrows the kit")
    scan("CD2")
    wait_idle(qtbot, desk)
    assert view.page == "lend" and not view.lend_rest.isVisible()
    assert desk.banner.message == ""  # answered: no longer said over the signature
    view.sign.click()
    with desk.ctx.uow(Actor("bob", "technician")) as uow:  # the other desk, meanwhile
        check_out(uow, "PH-0002", "AB1")
    sign_with_mouse(view.signature.widget.canvas)
    view.signature.widget.accept_button.click()
    wait_idle(qtbot, desk)
    wait_idle(qtbot, desk)
    assert "cannot go out whole: PH-0002 is on loan to Siân Ó Briain (AB1)" in desk.banner.message
    assert view.page == "lend" and view.lend_rest.isVisible()
    assert "Cannot go: PH-0002 is on loan to Siân Ó Briain" in view.missing_note.text()
    assert "1 item (PH-0001)" in view.lend_facts.text()
    assert view.borrower_label.text() == "Borrower: Łukasz Żółć (CD2)"  # kept
