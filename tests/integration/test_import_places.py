"""Site and Location columns in the staff and asset imports."""

from __future__ import annotations

from sqlalchemy import select, text

from app.bootstrap import AppContext
from app.imports import import_assets, import_staff
from app.uow import SYSTEM, Actor
from db.models import Asset, Person
from db.places import Location
from tests.factories import add_location, add_site
from tests.integration.lifecycle import audit_ok

STAFF = b"""Staff Code,Forename,Surname,Site
N1,Nia,Jones,NHS
S1,Sam,Smith,St Paul's Academy
D1,Dee,Default,
X1,Xan,Nowhere,XYZ
"""

ASSETS = b"""Asset Tag,Kind,Site,Location
LT-1,laptop,NHS,nhs-ict
LT-2,laptop,NHS,ict office
LT-3,laptop,SPA,Science Lab 2
LT-4,laptop,SPA,Science lab 2
LT-5,laptop,,
LT-6,laptop,SPA,NHS-ICT
"""


def _trust(ctx: AppContext) -> tuple[int, int]:
    nhs = add_site(ctx, "NHS", "Northfield High School")
    spa = add_site(ctx, "SPA", "St Paul's Academy")
    add_location(ctx, "NHS-ICT", "ICT office")
    return nhs, spa


def _sites_of(ctx: AppContext, model: type[Person] | type[Asset], key: str) -> dict[str, str]:
    with ctx.uow(SYSTEM, readonly=True) as uow:
        codes = dict(uow.session.execute(text("SELECT id, code FROM sites")).all())
        return {getattr(row, key): codes.get(row.site_id) for row in
                uow.session.scalars(select(model))}


def test_staff_belong_to_the_school_their_site_cell_names(app_ctx: AppContext) -> None:
    nhs, _spa = _trust(app_ctx)
    app_ctx.settings.desk.site = "NHS"
    try:
        with app_ctx.uow(Actor("trust", "trust_admin", site_id=nhs)) as uow:
            report = import_staff(uow, STAFF)
    finally:
        app_ctx.settings.desk.site = ""
    assert report.format_lines() == [
        "created 3, updated 0, unchanged 0, rejected 1",
        "line 5: Site 'XYZ' is not a school of the trust ('loan-kiosk site list' shows them)"]
    assert _sites_of(app_ctx, Person, "staff_code") == {"N1": "NHS", "S1": "SPA", "D1": "NHS"}
    # an NHS admin cannot move St Paul's staff, nor add to St Paul's
    moved = b"Staff Code,Forename,Surname,Site\nS1,Sam,Smith,NHS\nN2,Ned,New,SPA\nN1,Nia,Jones,\n"
    with app_ctx.uow(Actor("nhs-admin", "admin", site_id=nhs)) as uow:
        report = import_staff(uow, moved)
    assert report.format_lines() == [
        "created 0, updated 0, unchanged 1, rejected 2",
        "line 2: staff member 'S1' belongs to SPA: only a trust admin or a technician of SPA "
        "can import it",
        "line 3: staff member 'N2' belongs to SPA: only a trust admin or a technician of SPA "
        "can import it"]
    audit_ok(app_ctx)


def test_asset_locations_are_found_by_code_or_name_and_made_when_new(app_ctx: AppContext) -> None:
    nhs, _spa = _trust(app_ctx)
    trust = Actor("trust", "trust_admin", site_id=nhs)
    with app_ctx.uow(trust) as uow:
        dry = import_assets(uow, ASSETS, dry_run=True)
    assert dry.format_lines() == [
        "dry run: created 5, updated 0, unchanged 0, rejected 1",
        "line 7: Location 'NHS-ICT' is at another school than the row's",
        "would create 1 location:", "  SPA-SCIENCE-LAB-2 (Science Lab 2) at SPA"]
    with app_ctx.uow(SYSTEM, readonly=True) as uow:
        assert uow.session.scalars(select(Asset)).all() == []
        assert len(uow.session.scalars(select(Location)).all()) == 1
    with app_ctx.uow(trust) as uow:
        report = import_assets(uow, ASSETS)
    assert report.new_locations == ["SPA-SCIENCE-LAB-2 (Science Lab 2) at SPA"]
    with app_ctx.uow(SYSTEM, readonly=True) as uow:
        rooms = {loc.id: loc.code for loc in uow.session.scalars(select(Location))}
        homes = {a.tag: (rooms.get(a.home_location_id), rooms.get(a.current_location_id))
                 for a in uow.session.scalars(select(Asset))}
    assert homes == {"LT-1": ("NHS-ICT", "NHS-ICT"), "LT-2": ("NHS-ICT", "NHS-ICT"),
                     "LT-3": ("SPA-SCIENCE-LAB-2", "SPA-SCIENCE-LAB-2"),
                     "LT-4": ("SPA-SCIENCE-LAB-2", "SPA-SCIENCE-LAB-2"), "LT-5": (None, None)}
    assert _sites_of(app_ctx, Asset, "tag") == {"LT-1": "NHS", "LT-2": "NHS", "LT-3": "SPA",
                                                "LT-4": "SPA", "LT-5": "NHS"}
    with app_ctx.uow(trust) as uow:  # again: nothing to do
        assert import_assets(uow, ASSETS).summary() == \
            "created 0, updated 0, unchanged 5, rejected 1"
    audit_ok(app_ctx)


def test_a_fresh_database_gets_its_school_from_the_first_import(app_ctx: AppContext,
                                                               admin: Actor) -> None:
    with app_ctx.uow(admin) as uow:
        report = import_assets(uow, b"Asset Tag,Kind,Location\nLT-1,laptop,Library\n")
    assert report.new_locations == ["MAIN-LIBRARY (Library) at MAIN"]
    assert _sites_of(app_ctx, Asset, "tag") == {"LT-1": "MAIN"}
    audit_ok(app_ctx)


def test_a_location_with_no_school_to_put_it_at_says_how_to_name_one(app_ctx: AppContext) -> None:
    """A trust admin of no school, at a desk of none, imports a Snipe-IT file without a Site
    column: the row is refused with the ways to name its school (the trust has schools, so
    "add a school first" would send them the wrong way)."""
    _trust(app_ctx)
    with app_ctx.uow(Actor("trust", "trust_admin")) as uow:
        report = import_assets(uow, b"Asset Tag,Kind,Location\nLT-9,laptop,Library\n",
                               dry_run=True)
    (line,) = [ln for ln in report.format_lines() if ln.startswith("line 2:")]
    assert line == ("line 2: Location 'Library': say which school it is at, with a Site column "
                    "or the school the import is made for (--site CODE; at a desk, its [desk] "
                    "site); 'loan-kiosk site list' shows them")
