"""Running a trust's schools and rooms: rename, close, nest, the tree; who may."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.bootstrap import AppContext
from app.errors import InvalidInput, PermissionDenied, Refused
from app.services import site_admin
from app.uow import Actor
from tests.factories import add_location, add_site


def _two_schools(ctx: AppContext) -> tuple[int, int]:
    nhs = add_site(ctx, "NHS", "Northfield High School")
    spa = add_site(ctx, "SPA", "St Paul's Academy")
    add_location(ctx, "NHS-ICT", "ICT office")
    add_location(ctx, "NHS-ICT-C1", "Cupboard 1", kind="cupboard", parent="NHS-ICT")
    add_location(ctx, "NHS-LIB", "Library")
    add_location(ctx, "SPA-HALL", "Hall", site="SPA")
    return nhs, spa


def _actions(ctx: AppContext, actor: Actor, n: int) -> list[str]:
    with ctx.uow(actor, readonly=True) as uow:
        return [r[0] for r in uow.session.execute(
            text("SELECT action FROM audit_events ORDER BY seq"))][-n:]


def test_the_tree_lists_nested_locations_depth_first(app_ctx: AppContext, admin: Actor) -> None:
    _two_schools(app_ctx)
    with app_ctx.uow(admin, readonly=True) as uow:
        nhs = [(n.code, n.depth, n.parent) for n in site_admin.location_tree(uow, "nhs")]
        every = [n.code for n in site_admin.location_tree(uow)]
        sites = {s.code: (s.locations, s.active) for s in site_admin.list_sites(uow)}
    assert nhs == [("NHS-ICT", 0, None), ("NHS-ICT-C1", 1, "NHS-ICT"), ("NHS-LIB", 0, None)]
    assert every == ["NHS-ICT", "NHS-ICT-C1", "NHS-LIB", "SPA-HALL"]
    assert sites == {"NHS": (3, True), "SPA": (1, True)}


def test_rename_close_reopen_and_nest_are_audited(app_ctx: AppContext, admin: Actor) -> None:
    _two_schools(app_ctx)
    with app_ctx.uow(admin) as uow:
        site_admin.edit_site(uow, "SPA", name="St Paul's C of E Academy", new_code="SPCA")
    with app_ctx.uow(admin) as uow:
        site_admin.edit_location(uow, "NHS-LIB", name="Learning centre", kind="room")
    with app_ctx.uow(admin) as uow:
        site_admin.move_location(uow, "NHS-LIB", "NHS-ICT")
    with app_ctx.uow(admin) as uow:
        site_admin.set_location_active(uow, "NHS-ICT-C1", False)
    with app_ctx.uow(admin) as uow:
        site_admin.move_location(uow, "NHS-LIB", None)
    assert _actions(app_ctx, admin, 5) == ["site_edited", "location_edited", "location_moved",
                                           "location_closed", "location_moved"]
    with app_ctx.uow(admin, readonly=True) as uow:
        tree = {n.code: (n.name, n.active, n.parent) for n in site_admin.location_tree(uow)}
        assert [s.code for s in site_admin.list_sites(uow)] == ["NHS", "SPCA"]
    assert tree["NHS-LIB"] == ("Learning centre", True, None)
    assert tree["NHS-ICT-C1"] == ("Cupboard 1", False, "NHS-ICT")
    with app_ctx.uow(admin) as uow:  # reopened: the way back from a closed location
        site_admin.set_location_active(uow, "NHS-ICT-C1", True)


def test_refusals_leave_everything_as_it_was(app_ctx: AppContext, admin: Actor,
                                             tech: Actor) -> None:
    nhs, spa = _two_schools(app_ctx)
    with app_ctx.uow(admin, readonly=True) as uow:
        events = uow.session.execute(text("SELECT count(*) FROM audit_events")).scalar_one()
    nhs_admin = Actor("nhs-admin", "admin", site_id=nhs)
    cases: list[tuple[Actor, object, type[Exception], str]] = [
        (tech, lambda uow: site_admin.edit_site(uow, "NHS", name="X"), PermissionDenied,
         "only an admin"),
        (nhs_admin, lambda uow: site_admin.edit_location(uow, "SPA-HALL", name="X"),
         PermissionDenied, "an admin of SPA"),
        (admin, lambda uow: site_admin.move_location(uow, "NHS-ICT", "NHS-ICT-C1"), Refused,
         "NHS-ICT-C1 is inside NHS-ICT"),
        (admin, lambda uow: site_admin.move_location(uow, "NHS-ICT", "SPA-HALL"), Refused,
         "another school"),
        (admin, lambda uow: site_admin.set_location_active(uow, "NHS-ICT", False), Refused,
         "still holds NHS-ICT-C1"),
        (admin, lambda uow: site_admin.edit_site(uow, "NHS", new_code="spa"), Refused,
         "already a site"),
        (admin, lambda uow: site_admin.edit_location(uow, "NHS-LIB"), InvalidInput,
         "nothing to change"),
        (admin, lambda uow: site_admin.set_site_active(uow, "NHS", True), Refused,
         "already open"),
    ]
    for actor, work, error, words in cases:
        with app_ctx.uow(actor) as uow, pytest.raises(error, match=words):
            work(uow)  # type: ignore[operator]
    with app_ctx.uow(admin, readonly=True) as uow:
        assert uow.session.execute(
            text("SELECT count(*) FROM audit_events")).scalar_one() == events


def test_a_closed_school_takes_no_new_locations(app_ctx: AppContext, admin: Actor) -> None:
    from app.services import places

    _two_schools(app_ctx)
    with app_ctx.uow(admin) as uow:
        site_admin.set_site_active(uow, "SPA", False)
    with app_ctx.uow(admin) as uow, pytest.raises(Refused, match="SPA is closed"):
        places.add_location(uow, "SPA", "SPA-GYM", "Gym")
    with app_ctx.uow(admin) as uow:
        site_admin.set_site_active(uow, "SPA", True)
    with app_ctx.uow(admin) as uow:
        places.add_location(uow, "SPA", "SPA-GYM", "Gym")
