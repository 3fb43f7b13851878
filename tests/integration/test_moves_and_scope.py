"""Moves between locations and schools, the school guard on writes, which school a list
shows, and the one school a database without any is given."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.bootstrap import AppContext
from app.errors import NotFound, PermissionDenied, Refused
from app.services import loans, moves, site_scope
from app.uow import SYSTEM, Actor
from db.models import Asset, Person
from db.places import Location
from tests.factories import add_asset, add_location, add_site
from tests.integration.lifecycle import audit_ok, refused, school_ctx  # noqa: F401 - fixture


def _where(ctx: AppContext, tag: str) -> tuple[str | None, str | None, str | None]:
    """(school, home location, current location) codes of an asset."""
    with ctx.uow(SYSTEM, readonly=True) as uow:
        row = uow.session.execute(text(
            "SELECT s.code, h.code, c.code FROM assets a LEFT JOIN sites s ON s.id = a.site_id "
            "LEFT JOIN locations h ON h.id = a.home_location_id "
            "LEFT JOIN locations c ON c.id = a.current_location_id WHERE a.tag = :tag"),
            {"tag": tag}).one()
    return row[0], row[1], row[2]


@pytest.fixture
def trust(ctx: AppContext) -> tuple[Actor, Actor, Actor]:
    """The factory school becomes NHS (the first school takes in everything); SPA joins."""
    nhs = add_site(ctx, "NHS", "Northfield High School")
    spa = add_site(ctx, "SPA", "St Paul's Academy")
    add_location(ctx, "NHS-ICT", "ICT office")
    add_location(ctx, "NHS-LIB", "Library")
    add_location(ctx, "NHS-TROLLEY-A", "Trolley A", kind="trolley", parent="NHS-LIB")
    add_location(ctx, "SPA-HALL", "Hall", site="SPA")
    add_asset(ctx, "SPA-0001", site_id=spa)
    return (Actor("nhs-tech", "technician", site_id=nhs),
            Actor("spa-tech", "technician", site_id=spa),
            Actor("trust", "trust_admin", site_id=nhs))


def test_the_first_school_takes_in_every_row(ctx: AppContext, trust: tuple[Actor, ...]) -> None:
    with ctx.uow(SYSTEM, readonly=True) as uow:
        sites = set(uow.session.execute(select(Person.site_id)).scalars())
        nhs = uow.session.execute(text("SELECT id FROM sites WHERE code = 'NHS'")).scalar_one()
        assets = uow.session.execute(select(Asset.site_id).where(Asset.tag != "SPA-0001"))
        assert sites == {nhs} and set(assets.scalars()) == {nhs}
    audit_ok(ctx)


def test_a_move_is_one_audited_action_and_check_in_goes_home(
        ctx: AppContext, trust: tuple[Actor, Actor, Actor]) -> None:
    nhs_tech, _spa, _trust = trust
    with ctx.uow(nhs_tech) as uow:
        moved = moves.move_asset(uow, "LT-0001", "nhs-ict")
    assert moved.home and not moved.site_changed  # no home yet: this becomes it
    assert moved.now == "NHS › ICT office"
    assert _where(ctx, "LT-0001") == ("NHS", "NHS-ICT", "NHS-ICT")
    with ctx.uow(nhs_tech) as uow:
        moved = moves.move_asset(uow, "LT-0001", "NHS-TROLLEY-A")
    assert moved.now == "NHS › Library › Trolley A" and not moved.home
    assert _where(ctx, "LT-0001") == ("NHS", "NHS-ICT", "NHS-TROLLEY-A")
    with ctx.uow(nhs_tech) as uow:
        loans.check_out(uow, "LT-0001", "AB1")
    refused(ctx, nhs_tech, Refused, "on loan: check it in first", moves.move_asset,
            "LT-0001", "NHS-LIB")
    with ctx.uow(nhs_tech) as uow:
        loans.check_in(uow, "LT-0001")
    assert _where(ctx, "LT-0001") == ("NHS", "NHS-ICT", "NHS-ICT")  # back home
    with ctx.uow(nhs_tech) as uow:
        loans.check_out(uow, "LT-0001", "AB1")
    with ctx.uow(nhs_tech) as uow:
        loans.check_in(uow, "LT-0001", put_at="NHS-LIB")  # told otherwise
    assert _where(ctx, "LT-0001") == ("NHS", "NHS-ICT", "NHS-LIB")
    with ctx.uow(SYSTEM, readonly=True) as uow:
        moved_events = uow.session.execute(text(
            "SELECT count(*) FROM audit_events WHERE action = 'asset_moved'")).scalar_one()
    assert moved_events == 2
    audit_ok(ctx)


def test_a_move_between_schools_needs_a_trust_admin(
        ctx: AppContext, trust: tuple[Actor, Actor, Actor]) -> None:
    nhs_tech, spa_tech, trust_admin = trust
    refused(ctx, nhs_tech, PermissionDenied, "only a trust admin can move an asset to another",
            moves.move_asset, "LT-0002", "SPA-HALL")
    refused(ctx, Actor("nhs-admin", "admin", site_id=nhs_tech.site_id), PermissionDenied,
            "only a trust admin", moves.move_asset, "LT-0002", "SPA-HALL")
    with ctx.uow(trust_admin) as uow:
        moved = moves.move_asset(uow, "LT-0002", "SPA-HALL")
    assert moved.site_changed and moved.home
    assert _where(ctx, "LT-0002") == ("SPA", "SPA-HALL", "SPA-HALL")
    # now SPA's: its technician lends it, NHS's cannot
    refused(ctx, nhs_tech, Refused, "LT-0002 belongs to SPA: only a trust admin or a "
            "technician of that school", loans.check_out, "LT-0002", "AB1")
    with ctx.uow(spa_tech) as uow:
        loans.check_out(uow, "LT-0002", "CD2")
    audit_ok(ctx)


def test_writes_on_another_schools_rows_are_refused_reads_are_not(
        ctx: AppContext, trust: tuple[Actor, Actor, Actor]) -> None:
    from app.services.lookup import get_asset

    nhs_tech, spa_tech, trust_admin = trust
    refused(ctx, spa_tech, Refused, "LT-0001 belongs to NHS", loans.check_out, "LT-0001", "AB1")
    with ctx.uow(spa_tech, readonly=True) as uow:
        assert get_asset(uow, "LT-0001").tag == "LT-0001"  # looking across is fine
    with ctx.uow(trust_admin) as uow:  # a trust admin works at every school
        loans.check_out(uow, "SPA-0001", "AB1")
    audit_ok(ctx)


def test_which_school_a_list_shows(ctx: AppContext, trust: tuple[Actor, Actor, Actor]) -> None:
    nhs_tech, spa_tech, _ = trust
    with ctx.uow(nhs_tech, readonly=True) as uow:
        assert site_scope.resolve_scope(uow).code == "NHS"  # the technician's own
        assert site_scope.resolve_scope(uow, "spa").code == "SPA"
        assert site_scope.resolve_scope(uow, "all").all_schools
        with pytest.raises(NotFound, match="no school .* 'XYZ'"):
            site_scope.resolve_scope(uow, "XYZ")
    ctx.settings.desk.site = "SPA"  # this desk is at St Paul's
    try:
        with ctx.uow(nhs_tech, readonly=True) as uow:
            assert site_scope.resolve_scope(uow).code == "SPA"
            assert site_scope.home_site_id(uow) == spa_tech.site_id
    finally:
        ctx.settings.desk.site = ""
    with ctx.uow(Actor("cli:someone"), readonly=True) as uow:
        assert site_scope.resolve_scope(uow).all_schools  # two schools, nobody's: all


def test_a_database_without_schools_gets_one_with_its_rooms(app_ctx: AppContext) -> None:
    add_asset(app_ctx, "LT-1", location="ICT office")
    add_asset(app_ctx, "LT-2", location=" ICT office ")
    add_asset(app_ctx, "LT-3", location="Room 12 / cupboard")
    add_asset(app_ctx, "LT-4")
    with app_ctx.uow(SYSTEM) as uow:
        settled = site_scope.settle_sites(uow, "Northfield High School")
    assert settled is not None and (settled.assets, settled.locations) == (4, 2)
    with app_ctx.uow(SYSTEM) as uow:
        assert site_scope.settle_sites(uow, "again") is None  # once
    assert _where(app_ctx, "LT-1") == ("MAIN", "MAIN-ICT-OFFICE", "MAIN-ICT-OFFICE")
    assert _where(app_ctx, "LT-2")[1] == "MAIN-ICT-OFFICE"
    assert _where(app_ctx, "LT-3")[1] == "MAIN-ROOM-12-CUPBOARD"
    assert _where(app_ctx, "LT-4") == ("MAIN", None, None)
    with app_ctx.uow(SYSTEM, readonly=True) as uow:
        names = set(uow.session.execute(select(Location.name)).scalars())
        texts = set(uow.session.execute(select(Asset.location)).scalars())
    assert names == {"ICT office", "Room 12 / cupboard"} and texts == {None}
    audit_ok(app_ctx)


def test_a_desk_set_to_a_school_is_named_after_it(
        ctx: AppContext, trust: tuple[Actor, Actor, Actor], tmp_path: Path) -> None:
    """A receipt, a report's PDF, a label and the desk's header name the desk's school (its
    site), not the ``[school] name`` setting the trust's desks share; ``ALL`` or no school:
    the setting."""
    from app.services import documents
    from app.services.documents.labels import render_labels
    from app.services.receipts import acknowledge_loans
    from app.services.report_export import export_report
    from tests.unit.printing.pdfs import page_texts

    nhs_tech, _spa, _trust = trust
    shared = ctx.settings.school.name
    ctx.settings.desk.site = "nhs"
    with ctx.uow(nhs_tech) as uow:
        assert site_scope.desk_school_name(uow) == "Northfield High School"
        lent = loans.check_out(uow, "LT-0001", "AB1")
        ids = [ln.id for ln in lent.loans]
    with ctx.uow(nhs_tech) as uow:
        number = acknowledge_loans(uow, ids)
    with ctx.uow(nhs_tech, readonly=True) as uow:
        from app.services.receipts import get_receipt

        assert get_receipt(uow, number).content["school"] == "Northfield High School"
    first = " ".join(page_texts(documents.archive_receipt(ctx, nhs_tech, number).read_bytes())[0]
                     .split())
    assert "Northfield High School" in first and shared not in first
    with ctx.uow(nhs_tech, readonly=True) as uow:
        export_report(uow, "overdue", None, "pdf", tmp_path / "overdue.pdf")
    assert "Northfield High School" in page_texts((tmp_path / "overdue.pdf").read_bytes())[0]
    # a label names the school the asset belongs to, whichever desk prints it
    labels = " ".join(page_texts(render_labels(ctx, ["SPA-0001", "LT-0001"]))[0].split())
    assert "St Paul's Academy" in labels and "Northfield High School" in labels
    for unset in ("ALL", ""):
        ctx.settings.desk.site = unset
        with ctx.uow(nhs_tech, readonly=True) as uow:
            assert site_scope.desk_school_name(uow) == shared
