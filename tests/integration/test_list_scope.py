"""Every list defaults to the desk's school (issue 20): people leaving, trips, kits, bookings
(the day's and the calendar export), incidents, stocktakes and the type-ahead search, with
``site`` (a code, or ALL) to look across; ``whois`` says where an asset belongs and is; the
card of another school's asset or person says it is read-only; the Changes tab names places.
On SQLite and PostgreSQL (``db_url``)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.bootstrap import AppContext
from app.services import booking_views, incidents, kits, leavers, moves, search, stocktakes
from app.services.bookings import Slot, book
from app.services.cards import asset_card, person_card
from app.services.loans import report_lost
from app.services.record_history import changes_of
from app.services.site_scope import list_scope
from app.services.trip_views import trip_rows
from app.services.trips import create_trip
from app.uow import SYSTEM, Actor
from tests.factories import add_asset, add_location, add_person, add_site, school
from tests.integration.lifecycle import audit_ok

TODAY = dt.date(2026, 11, 24)  # the test clock's day


@pytest.fixture
def trust(app_ctx: AppContext) -> tuple[Actor, Actor, Actor]:
    """The factory school is NHS; St Paul's (SPA) has a leaver, a trip, a kit, a booking, an
    incident and a stocktake of its own, as NHS has."""
    ctx = app_ctx
    school(ctx)
    nhs = add_site(ctx, "NHS", "Northfield High School")
    spa = add_site(ctx, "SPA", "St Paul's Academy")
    add_location(ctx, "NHS-ICT", "ICT office")
    add_location(ctx, "SPA-HALL", "Hall", site="SPA")
    add_person(ctx, "SP1", "Priya", "Patel", site_id=spa, status="leaving",
               leaving_date=TODAY + dt.timedelta(days=10))
    add_person(ctx, "SP2", "Tomás", "Patterson", site_id=spa)
    add_asset(ctx, "SPA-0001", site_id=spa, model="Patchbook")
    add_asset(ctx, "SPA-0002", site_id=spa)
    nhs_tech = Actor("nhs-tech", "technician", site_id=nhs)
    spa_tech = Actor("spa-tech", "technician", site_id=spa)
    start = dt.datetime(2026, 11, 24, 11, 0, tzinfo=dt.UTC)
    for tech, leader, tag, kit, place in ((nhs_tech, "AB1", "LT-0003", "KIT-NHS", "NHS-ICT"),
                                          (spa_tech, "SP2", "SPA-0002", "KIT-SPA", "SPA-HALL")):
        with ctx.uow(tech) as uow:
            create_trip(uow, f"Trip of {leader}", leader=leader, start=TODAY,
                        end=TODAY + dt.timedelta(days=2))
        with ctx.uow(tech) as uow:
            kits.add_kit(uow, kit, f"Trolley {kit}")  # no --site, no home: the desk's school
        with ctx.uow(tech) as uow:
            book(uow, tag, leader, [Slot(start, start + dt.timedelta(hours=1))])
        with ctx.uow(tech) as uow:
            report_lost(uow, tag)
        with ctx.uow(tech) as uow:
            stocktakes.start_stocktake(uow, place)
    return nhs_tech, spa_tech, Actor("trust", "trust_admin", site_id=nhs)


def _lists(ctx: AppContext, actor: Actor, site: str | None = None) -> dict[str, set[str]]:
    with ctx.uow(actor, readonly=True) as uow:
        return {
            "leavers": {p.staff_code for p in leavers.leaving_soon(uow, 30, site=site)},
            "trips": {t.name for t in trip_rows(uow, site=site)},
            "kits": {k.tag for k in kits.list_kits(uow, site=site)},
            "bookings": {r.tags[0] for r in booking_views.day_bookings(uow, TODAY, site=site)},
            "calendar": {r.tags[0] for r in booking_views.chosen_bookings(uow, site=site)},
            "incidents": {i.tag or "" for i in incidents.list_incidents(uow, site=site)},
            "stocktakes": {s.site_code for s in stocktakes.list_stocktakes(uow, site=site)},
            "people": {h.staff_code for h in search.search_people(uow, "pat", site=site)},
            "assets": {h.tag for h in [*search.search_assets(uow, "pat", site=site),
                                       *search.search_assets(uow, "LT-000", site=site)]},
        }


NHS_ROWS = {"leavers": {"LV3"}, "trips": {"Trip of AB1"}, "kits": {"KIT-NHS"},
            "bookings": {"LT-0003"}, "calendar": {"LT-0003"}, "incidents": {"LT-0003"},
            "stocktakes": {"NHS"}, "people": set(),
            "assets": {"LT-0001", "LT-0002", "LT-0003", "LT-0009"}}
SPA_ROWS = {"leavers": {"SP1"}, "trips": {"Trip of SP2"}, "kits": {"KIT-SPA"},
            "bookings": {"SPA-0002"}, "calendar": {"SPA-0002"}, "incidents": {"SPA-0002"},
            "stocktakes": {"SPA"}, "people": {"SP1", "SP2"}, "assets": {"SPA-0001"}}
ALL_ROWS = {k: NHS_ROWS[k] | SPA_ROWS[k] for k in NHS_ROWS}


def test_each_list_shows_the_technicians_school_and_every_school_with_all(
        app_ctx: AppContext, trust: tuple[Actor, Actor, Actor]) -> None:
    nhs_tech, spa_tech, trust_admin = trust
    assert _lists(app_ctx, nhs_tech) == NHS_ROWS
    assert _lists(app_ctx, spa_tech) == SPA_ROWS
    assert _lists(app_ctx, trust_admin) == NHS_ROWS  # their own school by default...
    assert _lists(app_ctx, trust_admin, "ALL") == ALL_ROWS  # ...and every school's when asked
    assert _lists(app_ctx, nhs_tech, "all") == ALL_ROWS  # looking across is for everyone
    assert _lists(app_ctx, nhs_tech, "spa") == SPA_ROWS
    with app_ctx.uow(nhs_tech, readonly=True) as uow:
        assert list_scope(uow).heading("Kits") == "Kits — Northfield High School (NHS)"
        assert list_scope(uow, "ALL").heading("Kits") == "Kits — All schools"
        assert list_scope(uow).schools == 2


def test_the_desks_own_school_setting_wins_over_the_technicians(
        app_ctx: AppContext, trust: tuple[Actor, Actor, Actor]) -> None:
    nhs_tech, _spa, _trust = trust
    app_ctx.settings.desk.site = "SPA"  # this desk stands at St Paul's
    try:
        assert _lists(app_ctx, nhs_tech) == SPA_ROWS
        assert _lists(app_ctx, nhs_tech, "ALL") == ALL_ROWS
        assert _lists(app_ctx, Actor("cli:report")) == SPA_ROWS  # a command with no PIN
    finally:
        app_ctx.settings.desk.site = ""
    assert _lists(app_ctx, Actor("cli:report")) == ALL_ROWS  # no desk school, nobody's: all


def test_a_list_costs_no_more_statements_for_its_school(
        app_ctx: AppContext, trust: tuple[Actor, Actor, Actor]) -> None:
    """The type-ahead search and the day's bookings match the school in their own statement
    (a desk's code in a sub-query): scoping them adds no round trip."""
    from sqlalchemy import event

    nhs_tech, _spa, _trust = trust
    app_ctx.settings.desk.site = "SPA"
    counts: list[int] = []
    try:
        for site in ("ALL", None):
            with app_ctx.uow(nhs_tech, readonly=True) as uow:
                seen: list[str] = []
                conn = uow.session.connection()
                event.listen(conn, "before_cursor_execute",
                             lambda *a, seen=seen: seen.append(a[2]))
                people = search.search_people(uow, "pat", site=site)
                assets = search.search_assets(uow, "SPA", site=site)
                day = booking_views.day_bookings(uow, TODAY, site=site)
                counts.append(len(seen))
            assert {p.staff_code for p in people} == {"SP1", "SP2"}
            assert {a.tag for a in assets} == {"SPA-0001", "SPA-0002"}
            assert {r.tags[0] for r in day} == ({"LT-0003", "SPA-0002"} if site else {"SPA-0002"})
    finally:
        app_ctx.settings.desk.site = ""
    assert counts[0] == counts[1], counts


def test_another_schools_card_says_it_is_read_only(
        app_ctx: AppContext, trust: tuple[Actor, Actor, Actor]) -> None:
    nhs_tech, spa_tech, trust_admin = trust
    with app_ctx.uow(nhs_tech, readonly=True) as uow:
        asset = asset_card(uow, "SPA-0001").asset
        person = person_card(uow, "SP1")
        own = asset_card(uow, "LT-0001").asset
    assert asset.read_only == ("SPA-0001 belongs to another school, St Paul's Academy (SPA): you "
                               "can look it up, but only a trust admin or a technician of SPA "
                               "can change it.")
    assert person.read_only.startswith("Priya Patel belongs to another school, St Paul's")
    assert own.read_only == ""
    with app_ctx.uow(trust_admin, readonly=True) as uow:
        assert asset_card(uow, "SPA-0001").asset.read_only == ""  # theirs to change
    with app_ctx.uow(spa_tech, readonly=True) as uow:
        assert asset_card(uow, "SPA-0001").asset.read_only == ""


def test_the_changes_tab_names_schools_and_places(
        app_ctx: AppContext, trust: tuple[Actor, Actor, Actor]) -> None:
    _nhs, _spa, trust_admin = trust
    with app_ctx.uow(trust_admin) as uow:
        moves.move_asset(uow, "LT-0001", "SPA-HALL")
    with app_ctx.uow(SYSTEM, readonly=True) as uow:
        from app.services.lookup import get_asset

        moved = changes_of(uow, "assets", get_asset(uow, "LT-0001").id)[0]
    assert moved.what == "Moved"
    assert "to: Hall, St Paul's Academy (SPA-HALL)" in moved.details
    assert "school changed: yes" in moved.details and "made its home: yes" in moved.details
    audit_ok(app_ctx)


def test_every_schools_rows_name_their_school_from_the_lists_own_statement(
        app_ctx: AppContext, trust: tuple[Actor, Actor, Actor]) -> None:
    """Across schools (ALL) each row says whose it is, for the desk's School column and the
    commands' text: read in the list's own statement, so naming them asks nothing more."""
    from sqlalchemy import event

    from app.services import reports
    from app.services.site_scope import school_of

    nhs_tech, _spa, _trust = trust
    with app_ctx.uow(nhs_tech, readonly=True) as uow:
        kit_rows = kits.list_kits(uow, site="ALL")
        people = leavers.leaving_soon(uow, 30, site="ALL")
        trips = trip_rows(uow, site="ALL")
        day = booking_views.day_bookings(uow, TODAY, site="ALL")
        found = incidents.list_incidents(uow, site="ALL")
        hits = search.search_people(uow, "pat", site="ALL")
        assets = search.search_assets(uow, "SPA", site="ALL")
        unencrypted = reports.run_report(uow, "unencrypted", site="ALL")
        seen: list[str] = []
        event.listen(uow.session.connection(), "before_cursor_execute",
                     lambda *a: seen.append(a[2]))
        leaver_schools = {p.staff_code: school_of(uow, p.site_id) for p in people}
        assert seen == [], seen  # the leavers' schools came with them
    assert {k.tag: (k.site, k.school) for k in kit_rows} == {
        "KIT-NHS": ("NHS", "Northfield High School"), "KIT-SPA": ("SPA", "St Paul's Academy")}
    assert leaver_schools == {"LV3": ("NHS", "Northfield High School"),
                              "SP1": ("SPA", "St Paul's Academy")}
    assert {t.name: t.school for t in trips} == {
        "Trip of AB1": ("NHS", "Northfield High School"),
        "Trip of SP2": ("SPA", "St Paul's Academy")}
    assert {r.tags[0]: (r.site, r.school) for r in day} == {
        "LT-0003": ("NHS", "Northfield High School"), "SPA-0002": ("SPA", "St Paul's Academy")}
    assert {i.tag: i.site for i in found} == {"LT-0003": "NHS", "SPA-0002": "SPA"}
    assert {h.staff_code: h.school for h in hits} == {
        "SP1": ("SPA", "St Paul's Academy"), "SP2": ("SPA", "St Paul's Academy")}
    assert {a.tag: a.school for a in assets} == {
        "SPA-0001": ("SPA", "St Paul's Academy"), "SPA-0002": ("SPA", "St Paul's Academy")}
    whose = {r["tag"]: r["site"] for r in unencrypted}
    assert whose["LT-0002"] == "NHS" and whose["SPA-0001"] == whose["SPA-0002"] == "SPA"
    assert set(whose.values()) == {"NHS", "SPA"}
    assert reports.fields_of("unencrypted", True)[0] == "site"
    assert "site" not in reports.fields_of("unencrypted", False)
