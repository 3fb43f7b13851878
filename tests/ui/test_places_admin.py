"""Admin → Schools & rooms: the trust's tree, and adding, renaming, nesting, closing and
labelling locations from the desk (each change audited, refusals in the banner)."""

from __future__ import annotations

from sqlalchemy import select

from app.uow import SYSTEM
from db.models import AuditEvent
from db.places import Location
from tests.factories import add_location, add_site
from tests.ui.desk import sign_in, wait_idle
from tests.ui.keys import scan


def _tree(tab) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    """(depth, code) of every row of the tree, top to bottom."""
    out: list[tuple[int, str]] = []

    def walk(item, depth):  # type: ignore[no-untyped-def]
        out.append((depth, item.text(0)))
        for i in range(item.childCount()):
            walk(item.child(i), depth + 1)

    for i in range(tab.tree.topLevelItemCount()):
        walk(tab.tree.topLevelItem(i), 0)
    return out


def _open(qtbot, desk):  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    desk.header.nav["admin"].click()
    wait_idle(qtbot, desk)
    admin = desk.controller("admin")
    admin.view.show_places_tab()
    return admin.view.places


def test_the_tree_and_a_location_added_inside_another(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    add_site(desk.ctx, "NHS", "Northfield High School")
    add_site(desk.ctx, "SPA", "St Paul's Academy")
    add_location(desk.ctx, "NHS-ICT", "ICT office")
    tab = _open(qtbot, desk)
    assert _tree(tab) == [(0, "NHS"), (1, "NHS-ICT"), (0, "SPA")]
    assert not tab.add_location.isEnabled()  # nothing chosen: nowhere to add
    tab.select("NHS-ICT")
    tab.loc_code.setText("NHS-ICT-C1")
    tab.loc_name.setText("Cupboard 1")
    tab.loc_kind.setCurrentIndex(tab.loc_kind.findData("cupboard"))
    tab.add_location.click()
    wait_idle(qtbot, desk)
    assert "NHS-ICT-C1 (Cupboard 1) added at NHS in NHS-ICT" in desk.banner.message
    assert _tree(tab) == [(0, "NHS"), (1, "NHS-ICT"), (2, "NHS-ICT-C1"), (0, "SPA")]
    assert tab.loc_code.text() == ""
    # rename, move to the top, take out of use, bring back
    tab.select("NHS-ICT-C1")
    tab.new_name.setText("Laptop cupboard")
    tab.rename.click()
    wait_idle(qtbot, desk)
    tab.select("NHS-ICT-C1")
    tab.move_button.click()  # "Move into" empty: to the top
    wait_idle(qtbot, desk)
    assert _tree(tab) == [(0, "NHS"), (1, "NHS-ICT"), (1, "NHS-ICT-C1"), (0, "SPA")]
    tab.select("NHS-ICT-C1")
    tab.close_.click()
    wait_idle(qtbot, desk)
    assert "NHS-ICT-C1 out of use" in desk.banner.message
    tab.select("NHS-ICT-C1")
    assert tab.close_.text() == "Reopen"
    tab.close_.click()
    wait_idle(qtbot, desk)
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        loc = uow.session.execute(select(Location).where(Location.code == "NHS-ICT-C1")
                                  ).scalar_one()
        assert (loc.name, loc.active, loc.parent_id) == ("Laptop cupboard", True, None)
        actions = [e.action for e in uow.session.execute(
            select(AuditEvent).order_by(AuditEvent.seq)).scalars()][-5:]
    assert actions == ["location_added", "location_edited", "location_moved", "location_closed",
                       "location_reopened"]


def test_a_refusal_says_why_and_changes_nothing(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    add_site(desk.ctx, "NHS", "Northfield High School")
    add_location(desk.ctx, "NHS-ICT", "ICT office")
    add_location(desk.ctx, "NHS-ICT-C1", "Cupboard 1", parent="NHS-ICT")
    tab = _open(qtbot, desk)
    tab.select("NHS-ICT")
    tab.into.setText("NHS-ICT-C1")
    tab.move_button.click()
    wait_idle(qtbot, desk)
    assert "NHS-ICT-C1 is inside NHS-ICT" in desk.banner.message
    assert _tree(tab) == [(0, "NHS"), (1, "NHS-ICT"), (2, "NHS-ICT-C1")]


def test_location_labels_are_saved_as_a_pdf(qtbot, desk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    add_site(desk.ctx, "NHS", "Northfield High School")
    add_location(desk.ctx, "NHS-ICT", "ICT office")
    tab = _open(qtbot, desk)
    tab.select("NHS-ICT")
    out = tmp_path / "rooms.pdf"
    desk.controller("admin").places.write_labels(["NHS-ICT"], out)
    wait_idle(qtbot, desk)
    assert out.read_bytes().startswith(b"%PDF")
    assert "1 location label saved" in desk.banner.message


def test_an_asset_is_moved_from_its_card(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import school

    school(desk.ctx)
    add_site(desk.ctx, "NHS", "Northfield High School")  # the first school: takes in the kit
    add_location(desk.ctx, "NHS-ICT", "ICT office")
    add_location(desk.ctx, "NHS-LIB", "Library")
    sign_in(qtbot, desk)
    desk.open_asset("LT-0001")
    wait_idle(qtbot, desk)
    view = desk.controller("asset").view
    assert view.move_to.isVisible() and not view.move_panel.isVisible()
    assert "At NHS" in view.header.facts.text()
    view.move_to.click()
    assert view.move_panel.isVisible()
    view.move_panel.fields[0].setText("NHS-NOPE")  # a wrong code: said, nothing changes
    view.move_panel.confirm.click()
    wait_idle(qtbot, desk)
    assert "no location with the code 'NHS-NOPE'" in desk.banner.message
    view.move_panel.fields[0].setText("nhs-ict")
    view.move_panel.confirm.click()
    wait_idle(qtbot, desk)
    assert "LT-0001 moved to NHS › ICT office (its home now)" in desk.banner.message
    assert "At NHS › ICT office" in view.header.facts.text()
    view.move_to.click()
    scan("NHS-LIB")  # the room's QR label, scanned: it fills the code, nothing else happens
    wait_idle(qtbot, desk)
    assert desk.current is desk.controller("asset")
    assert view.move_panel.isVisible() and view.move_panel.fields[0].text() == "NHS-LIB"
    view.move_panel.confirm.click()
    wait_idle(qtbot, desk)
    assert "At NHS › Library (home: NHS › ICT office)" in view.header.facts.text()
    scan("LT-0001")  # Move… closed: a scan is routed as ever (its card again)
    wait_idle(qtbot, desk)
    assert not view.move_panel.isVisible()


def test_a_long_code_or_name_is_not_cut_off_in_the_tree(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    """An import makes codes from room names ("Science prep room" → NHS-SCIENCE-PREP-ROOM):
    the tree's columns grow to them instead of eliding them ("NHS-SCIENCE-PREP-...")."""
    add_site(desk.ctx, "NHS", "Northfield High School")
    add_location(desk.ctx, "NHS-SCIENCE-PREP-ROOM", "Science preparation room and store")
    add_location(desk.ctx, "NHS-SCIENCE-PREP-ROOM-CUPBOARD-2", "Chemistry cupboard",
                 parent="NHS-SCIENCE-PREP-ROOM", kind="cupboard")
    tab = _open(qtbot, desk)
    tree = tab.tree
    fm = tree.fontMetrics()

    def walk(item, depth):  # type: ignore[no-untyped-def]
        indent = tree.indentation() * (depth + 1)  # the tree's own indent, and the arrow's
        assert fm.horizontalAdvance(item.text(0)) + indent <= tree.columnWidth(0), item.text(0)
        assert fm.horizontalAdvance(item.text(1)) <= tree.columnWidth(1), item.text(1)
        for i in range(item.childCount()):
            walk(item.child(i), depth + 1)

    for i in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(i), 0)


def test_a_desk_set_to_a_school_is_headed_by_its_name(qtbot, build_desk, ui_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The header (on the sign-in screen too) and the window title name the school the desk
    is set to, not the ``[school] name`` the trust's desks share; ``ALL``: that setting."""
    from tests.ui.desk import add_techs
    from tests.ui.layout_check import look_at_sizes

    add_site(ui_ctx, "NHS", "Northfield High School")
    add_site(ui_ctx, "SPA", "St Paul's Academy")
    add_techs(ui_ctx)
    shared = ui_ctx.settings.school.name
    ui_ctx.settings.desk.site = "SPA"
    desk = build_desk()
    qtbot.waitUntil(lambda: desk.header.school.text() == "St Paul's Academy", timeout=15000)
    assert desk.windowTitle() == "Loan Kiosk — St Paul's Academy"
    assert desk.current.name == "sign_in"
    shot = tmp_path / "sign-in-spa.png"
    assert look_at_sizes(desk, "sign-in", [(1366, 768)], lambda: wait_idle(qtbot, desk),
                         picture=lambda _w, _h: shot) == []
    sign_in(qtbot, desk)
    assert desk.header.school.text() == "St Paul's Academy"
    ui_ctx.settings.desk.site = "ALL"
    desk.apply_settings()
    qtbot.waitUntil(lambda: desk.header.school.text() == shared, timeout=15000)
    assert desk.windowTitle() == f"Loan Kiosk — {shared}"
