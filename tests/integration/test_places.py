"""Sites and locations: added audited, found by code in any case, bad codes refused."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.bootstrap import AppContext
from app.errors import InvalidInput, NotFound, PermissionDenied, Refused
from app.services import places
from app.uow import Actor
from tests.factories import add_location, add_site


def test_sites_and_nested_locations_are_found_by_code(app_ctx: AppContext, admin: Actor) -> None:
    add_site(app_ctx, "NHS", "Northfield High School")
    add_location(app_ctx, "NHS-ICT", "ICT office")
    add_location(app_ctx, "NHS-ICT-CUP1", "Cupboard 1", kind="cupboard", parent="NHS-ICT")
    with app_ctx.uow(admin, readonly=True) as uow:
        site = places.get_site(uow, " nhs ")
        cupboard = places.get_location(uow, "nhs-ict-cup1")
        office = places.get_location(uow, "NHS-ICT")
        assert cupboard.parent_id == office.id and cupboard.site_id == site.id
        assert cupboard.kind == "cupboard"
        with pytest.raises(NotFound, match="no location with the code 'R999'"):
            places.get_location(uow, "R999")
    with app_ctx.uow(admin, readonly=True) as uow:
        actions = [e.action for e in uow.session.execute(
            text("SELECT action FROM audit_events ORDER BY seq"))]
    assert actions[-3:] == ["site_added", "location_added", "location_added"]


def test_refusals(app_ctx: AppContext, admin: Actor, tech: Actor) -> None:
    add_site(app_ctx, "NHS")
    add_site(app_ctx, "SPA", "St Paul's Academy")
    add_location(app_ctx, "SPA-HALL", site="SPA")
    with app_ctx.uow(tech) as uow, pytest.raises(PermissionDenied):
        places.add_location(uow, "NHS", "NHS-1", "Room 1")
    with app_ctx.uow(admin) as uow, pytest.raises(Refused, match="already a site"):
        places.add_site(uow, "nhs", "Again")
    with app_ctx.uow(admin) as uow, pytest.raises(Refused, match="at another site"):
        places.add_location(uow, "NHS", "NHS-1", "Room 1", parent_code="SPA-HALL")
    with app_ctx.uow(admin) as uow, pytest.raises(InvalidInput, match="location code is 1-64 letters"):
        places.add_location(uow, "NHS", "NНS-1", "Room 1")  # Cyrillic Н
    with app_ctx.uow(admin) as uow, pytest.raises(InvalidInput, match="location is one of"):
        places.add_location(uow, "NHS", "NHS-2", "Room 2", kind="garage")
