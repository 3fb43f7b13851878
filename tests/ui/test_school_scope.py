"""Issue 20 at the desk: the Scan screen's search and the lists of leavers, trips, kits and
bookings show the desk's school, with an "All schools" box to look across (read-only for
anyone but a trust admin); a scanned tag of another school opens its card, saying so, with
no button that would be refused. Real key events; on SQLite and PostgreSQL. The pictures of
each list, scoped and across the trust, are looked at in
``tests/e2e/test_desk_screenshots_sites.py``; here each is checked at 1366×768 for text
cut off."""

from __future__ import annotations

import datetime as dt

from app.services import kits
from app.services.bookings import Slot, book
from app.services.trips import create_trip
from app.uow import Actor
from tests.factories import add_asset, add_location, add_person, add_site, school
from tests.ui.desk import TECH_PIN, sign_in, visible_text, wait_idle
from tests.ui.keys import scan, type_slowly
from tests.ui.layout_check import look_at_sizes

TODAY = dt.date(2026, 11, 24)  # the test clock's day


def _trust(ctx) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """The factory school is NHS (bob's); St Paul's (SPA) has its own leaver, trip, kit and
    booking."""
    school(ctx)
    nhs = add_site(ctx, "NHS", "Northfield High School")  # takes in alice, bob and the school
    spa = add_site(ctx, "SPA", "St Paul's Academy")
    add_location(ctx, "NHS-ICT", "ICT office")
    add_location(ctx, "SPA-HALL", "Hall", site="SPA")
    add_person(ctx, "SP1", "Priya", "Patel", site_id=spa, status="leaving",
               leaving_date=TODAY + dt.timedelta(days=10))
    add_person(ctx, "SP2", "Tomás", "Patterson", site_id=spa)
    add_person(ctx, "NP5", "Pat", "Nolan", site_id=nhs)
    add_asset(ctx, "SPA-0001", site_id=spa, model="Patchbook")
    add_asset(ctx, "SPA-0002", site_id=spa)
    start = dt.datetime(2026, 11, 24, 14, 0, tzinfo=dt.UTC)
    for site_id, leader, tag, kit in ((nhs, "AB1", "LT-0003", "KIT-NHS"),
                                      (spa, "SP2", "SPA-0002", "KIT-SPA")):
        tech = Actor("t", "technician", site_id=site_id)
        with ctx.uow(tech) as uow:
            create_trip(uow, f"Trip of {leader}", leader=leader, start=TODAY,
                        end=TODAY + dt.timedelta(days=2))
        with ctx.uow(tech) as uow:
            kits.add_kit(uow, kit, f"Trolley {kit}")
        with ctx.uow(tech) as uow:
            book(uow, tag, leader, [Slot(start, start + dt.timedelta(hours=1))])
    return nhs, spa


def _open(qtbot, desk, screen: str):  # type: ignore[no-untyped-def]
    desk.header.nav[screen].click()
    wait_idle(qtbot, desk)
    return desk.controller(screen).view


def _tick(qtbot, desk, box) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    assert box.isVisible() and box.text().endswith("chools")
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk)


def _cut(qtbot, desk, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    return look_at_sizes(desk, name, [(1366, 768)], lambda: wait_idle(qtbot, desk))


def test_each_list_shows_the_desks_school_and_every_school_when_ticked(  # type: ignore[no-untyped-def]
        qtbot, desk) -> None:
    _trust(desk.ctx)
    sign_in(qtbot, desk, "bob", TECH_PIN)  # a technician of NHS
    cut: list[str] = []
    lists = {  # screen: (the table, its first column's NHS rows, SPA rows, the heading)
        "leaver": (lambda v: v.soon, {"Zoë Ødegård"}, {"Priya Patel"}, lambda v: v.soon_heading),
        "trips": (lambda v: v.trips, {"Trip of AB1"}, {"Trip of SP2"}, lambda v: v.title),
        "kits": (lambda v: v.kits, {"KIT-NHS"}, {"KIT-SPA"}, lambda v: v.title),
        "bookings": (lambda v: v.today, {"LT-0003"}, {"SPA-0002"}, lambda v: v.title),
    }
    for screen, (table, own, theirs, heading) in lists.items():
        view = _open(qtbot, desk, screen)
        column = 2 if screen == "bookings" else 0  # a booking's "What"

        def shown(view=view, table=table, column=column) -> set[str]:  # type: ignore[no-untyped-def]
            return {r[column] for r in table(view).row_texts()}

        assert shown() == own, screen
        assert "School" not in table(view).headers(), screen  # one school's rows
        assert heading(view).text().endswith("— Northfield High School (NHS)"), screen
        cut += _cut(qtbot, desk, f"{screen} of NHS")
        _tick(qtbot, desk, view.all_schools)
        assert shown() == own | theirs, screen
        assert heading(view).text().endswith("— All schools"), screen
        # across schools, each row says whose it is: the code, the name as tooltip
        assert table(view).headers()[-1] == "School", screen
        whose = {r[column]: r[-1] for r in table(view).row_texts()}
        assert whose == {**{k: "NHS" for k in own}, **{k: "SPA" for k in theirs}}, screen
        names = {table(view).item(r, table(view).columnCount() - 1).toolTip()
                 for r in range(table(view).rowCount())}
        assert names == {"Northfield High School", "St Paul's Academy"}, screen
        cut += _cut(qtbot, desk, f"{screen} of every school")
        _tick(qtbot, desk, view.all_schools)  # back to the desk's own
        assert shown() == own, screen
        assert "School" not in table(view).headers(), screen
    assert not cut, "\n".join(cut)


def test_the_dashboard_of_every_school_names_each_rows_school(  # type: ignore[no-untyped-def]
        qtbot, desk) -> None:
    from app.services.loans import check_out

    nhs, spa = _trust(desk.ctx)
    for site_id, tag, code in ((nhs, "LT-0002", "AB1"), (spa, "SPA-0001", "SP2")):
        with desk.ctx.uow(Actor("t", "technician", site_id=site_id)) as uow:
            check_out(uow, tag, code)  # neither verified as encrypted: both on that tab
    sign_in(qtbot, desk, "bob", TECH_PIN)
    view = _open(qtbot, desk, "dashboard")
    table = view.unencrypted
    assert {r[0] for r in table.row_texts()} == {"LT-0002"}
    assert "School" not in table.headers()
    _tick(qtbot, desk, view.all_schools)
    assert table.headers()[-1] == "School"
    assert {r[0]: r[-1] for r in table.row_texts()} == {"LT-0002": "NHS", "SPA-0001": "SPA"}
    tips = {table.item(r, 0).text(): table.item(r, table.columnCount() - 1).toolTip()
            for r in range(table.rowCount())}
    assert tips == {"LT-0002": "Northfield High School", "SPA-0001": "St Paul's Academy"}
    for other in (view.overdue, view.due_today, view.leavers, view.incidents):
        assert other.headers()[-1] == "School"  # every list of the dashboard, across schools
    view.tabs.setCurrentWidget(table)
    assert not _cut(qtbot, desk, "dashboard of every school")
    _tick(qtbot, desk, view.all_schools)
    assert {r[0] for r in table.row_texts()} == {"LT-0002"}
    assert all("School" not in t.headers() for t in (table, view.overdue, view.leavers))


def test_search_is_of_the_desks_school_and_a_scan_finds_any_schools(  # type: ignore[no-untyped-def]
        qtbot, desk) -> None:
    _trust(desk.ctx)
    sign_in(qtbot, desk, "bob", TECH_PIN)
    view = _open(qtbot, desk, "scan")
    view.entry.setFocus()
    type_slowly("Pat", view.entry)
    qtbot.waitUntil(lambda: any("Pat Nolan" in t for t in view.match_texts()), timeout=15000)
    wait_idle(qtbot, desk)
    assert not any("Priya" in t or "SPA-0001" in t for t in view.match_texts())
    _tick(qtbot, desk, view.all_schools)  # "Search all schools"
    qtbot.waitUntil(lambda: any("Priya Patel" in t for t in view.match_texts()), timeout=15000)
    texts = view.match_texts()
    assert any("Pat Nolan" in t for t in texts) and any("SPA-0001" in t for t in texts)
    # across schools each match ends with its school's code, the name as its tooltip
    whose = {view.matches.item(i).data(0x0100): (view.match_texts()[i].rsplit(" · ", 1)[-1],
                                                 view.matches.item(i).toolTip())
             for i in range(view.matches.count())}
    assert whose["NP5"] == ("NHS", "Northfield High School")
    assert whose["SP1"] == whose["SPA-0001"] == ("SPA", "St Paul's Academy")
    assert not _cut(qtbot, desk, "scan search of every school")
    _tick(qtbot, desk, view.all_schools)  # the desk's own again: no school named
    qtbot.waitUntil(lambda: not any("Priya" in t for t in view.match_texts()), timeout=15000)
    assert any("Pat Nolan" in t for t in view.match_texts())
    assert not any(" · " in t for t in view.match_texts())

    # a scan is never scoped: another school's asset opens, read-only, saying whose it is
    view.entry.clear()
    scan("SPA-0001")
    wait_idle(qtbot, desk)
    card = desk.controller("asset").view
    assert desk.current is desk.controller("asset")
    assert card.read_only.isVisible()
    assert card.read_only.text() == (
        "SPA-0001 belongs to another school, St Paul's Academy (SPA): you can look it up, but "
        "only a trust admin or a technician of SPA can change it.")
    for b in (card.lend, card.lost, card.move_to, card.edit):
        assert not b.isVisible(), b.text()
    assert "Patchbook" in visible_text(card)
    assert not _cut(qtbot, desk, "another school's asset card")
    # and their own school's asset has its buttons back
    desk.open_asset("LT-0001")
    wait_idle(qtbot, desk)
    assert not card.read_only.isVisible() and card.lend.isVisible() and card.edit.isVisible()
    # a person of another school: their card is read-only; lending them this school's is not
    scan("SP1")
    wait_idle(qtbot, desk)
    person = desk.controller("person").view
    assert person.read_only.isVisible() and "Priya Patel belongs to another school" in \
        person.read_only.text()
    assert not person.leaver.isVisible() and not person.edit.isVisible()
    assert person.lend.isVisible()


def test_a_one_school_desk_has_no_all_schools_box(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    add_site(desk.ctx, "NHS", "Northfield High School")
    sign_in(qtbot, desk, "bob", TECH_PIN)
    for screen in ("leaver", "trips", "kits", "bookings"):
        view = _open(qtbot, desk, screen)
        assert not view.all_schools.isVisible(), screen
        assert "Northfield" not in visible_text(view), screen  # one school: nothing to name
    kits_view = desk.controller("kits").view
    assert kits_view.title.text() == "Kits"
