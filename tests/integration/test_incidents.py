"""Incidents are listed and closed with an outcome, a cost and a note (SQLite and PostgreSQL)."""

from __future__ import annotations

import json

import pytest

from app.bootstrap import AppContext
from app.errors import InvalidInput, NotFound, Refused
from app.services.incidents import close_incident, list_incidents, parse_cost
from app.services.loans import check_in, check_out, report_lost
from tests.factories import school
from tests.integration.lifecycle import (
    TECH,
    asset_status,
    audit_ok,
    events,
    incidents_of,
    loans_of,
    refused,
)


@pytest.fixture
def ctx(app_ctx: AppContext) -> AppContext:
    """LT-0001 came back damaged (incident 1); PH-0001 was lost on loan (incident 2)."""
    school(app_ctx)
    with app_ctx.uow(TECH) as uow:
        check_out(uow, ["LT-0001", "PH-0001"], "AB1")
    with app_ctx.uow(TECH) as uow:
        check_in(uow, "LT-0001", condition="damaged", note="cracked screen")
    with app_ctx.uow(TECH) as uow:
        report_lost(uow, "PH-0001", note="left on the coach")
    return app_ctx


def test_list_newest_first_and_only_open(ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        close_incident(uow, 1, "charged", cost="85", note="invoice 77 to the department")
    with ctx.uow(TECH, readonly=True) as uow:
        every = list_incidents(uow)
        still_open = list_incidents(uow, open_only=True)
    assert [(i.id, i.kind, i.tag, i.status) for i in every] == [
        (2, "lost", "PH-0001", "open"), (1, "damaged", "LT-0001", "closed")]
    assert [i.id for i in still_open] == [2]
    data = every[1].to_dict()
    json.dumps(data)  # plain JSON
    assert data["outcome"] == "charged" and data["cost"] == 85.0 and data["cost_pence"] == 8500
    assert data["note"] == "invoice 77 to the department" and data["closed_by"] == "tom-tech"
    assert data["staff_code"] == "AB1" and data["description"] == "cracked screen"


def test_closing_a_damage_incident_as_repaired_puts_the_asset_back_in_service(
        ctx: AppContext) -> None:
    assert asset_status(ctx, "LT-0001") == "in_repair"
    with ctx.uow(TECH) as uow:
        done = close_incident(uow, "#1", "repaired", cost="£45.50", note="new screen fitted")
    assert (done.status, done.outcome, done.cost_pence) == ("closed", "repaired", 4550)
    assert asset_status(ctx, "LT-0001") == "available"
    incident = incidents_of(ctx, "LT-0001")[0]
    assert incident.resolution == "new screen fitted" and incident.closed_at is not None
    assert incident.description == "cracked screen"  # the report itself is never edited
    closed = events(ctx, "incident_closed")[-1]
    assert closed.actor == "tom-tech" and '"outcome":"repaired"' in closed.details
    assert events(ctx, "asset_returned_to_service")
    audit_ok(ctx)


def test_other_outcomes_leave_the_asset_as_it_is_and_say_what_is_next(ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        done = close_incident(uow, 1, "Written off", note="beyond economic repair")
    assert done.outcome == "written_off" and done.asset_status == "in_repair"
    with ctx.uow(TECH) as uow:
        lost = close_incident(uow, 2, "replaced", cost=120)
    assert lost.outcome == "replaced" and asset_status(ctx, "PH-0001") == "lost"
    audit_ok(ctx)


def test_a_lost_incident_closed_as_recovered_books_the_asset_back_in(ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        done = close_incident(uow, 2, "recovered", note="the coach company found it")
    assert done.status == "closed" and done.outcome == "recovered"
    assert asset_status(ctx, "PH-0001") == "available"
    loan = loans_of(ctx, "PH-0001")[-1]
    assert loan["outcome"] == "lost" and loan["in_at"] is not None  # lost, then came back
    assert events(ctx, "asset_found")
    audit_ok(ctx)


@pytest.mark.parametrize("spelling", ["written off", "written-off", "WRITTEN_OFF", " Written-Off "])
def test_outcome_spellings(ctx: AppContext, spelling: str) -> None:
    with ctx.uow(TECH) as uow:
        assert close_incident(uow, 2, spelling).outcome == "written_off"


@pytest.mark.parametrize(("args", "kwargs", "exc", "match"), [
    ((1, "fixed"), {}, InvalidInput, "unknown outcome 'fixed'; use one of recovered, repaired, "
                                     "replaced, written off, charged"),
    ((1, "repaired"), {"cost": "lots"}, InvalidInput, "'lots' is not an amount of money"),
    ((1, "repaired"), {"cost": "-5"}, InvalidInput, "give an amount of 0 or more"),
    ((1, "repaired"), {"cost": "1.234"}, InvalidInput, "more than two decimal places"),
    ((1, "repaired"), {"cost": "1e9"}, InvalidInput, "more than £100,000"),
    ((99, "repaired"), {}, NotFound, "no incident #99"),
    (("one", "repaired"), {}, InvalidInput, "'one' is not an incident number"),
])
def test_bad_input_changes_nothing(ctx: AppContext, args: tuple, kwargs: dict, exc: type,  # type: ignore[type-arg]
                                   match: str) -> None:
    refused(ctx, TECH, exc, match, close_incident, *args, **kwargs)


def test_closing_twice_is_refused(ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        close_incident(uow, 1, "repaired")
    refused(ctx, TECH, Refused, r"incident #1 is already closed \(repaired\)", close_incident, 1,
            "written off")
    audit_ok(ctx)


def test_parse_cost() -> None:
    assert parse_cost(None) is None and parse_cost("  ") is None
    assert parse_cost("0") == 0 and parse_cost("12") == 1200 and parse_cost("£1,200.5") == 120050
    assert parse_cost(3.25) == 325
